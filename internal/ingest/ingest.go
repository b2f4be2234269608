// Package ingest is the first stage of notes: it turns files on disk into
// core.Documents. Walk lists the files, Read loads and decodes one of them,
// Detect guesses its markup from the content (blog exports rarely have a
// trustworthy extension) and Parse builds the Document tree that extraction
// reads to find talks, speakers and dates.
//
// Every parser keeps the 1-based line numbers of the original decoded text,
// so whatever extraction finds can be traced back to a line of the post.
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/notes-kb/notes/internal/core"
)

// ErrTooLarge is wrapped by Read's error when a file is over the size limit,
// so callers can count such files apart from real failures.
var ErrTooLarge = errors.New("file too large")

// ErrBinary is wrapped by Read's error when a file holds no text (an image,
// a PDF, an archive) that was swept up with a folder of posts.
var ErrBinary = errors.New("binary file")

// TooLargeError is a file over the size limit. errors.Is(err, ErrTooLarge)
// holds. Its message is the reason shown after the path: "file is 28.6 MiB
// (30000000 bytes), over the 16 MiB limit for a post".
type TooLargeError struct {
	Size  int64 // bytes on disk; -1 when the file grew past Limit while read
	Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("file grew past the %s limit for a post while being read", shortSize(e.Limit))
	}
	return fmt.Sprintf("file is %s, over the %s limit for a post", formatSize(e.Size), shortSize(e.Limit))
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// openFile opens a file for Read. Tests replace it to simulate errors that
// cannot be produced for real, such as a permission error when run as root.
var openFile = os.Open

// Read reads and decodes one file. maxSize limits the raw size in bytes
// (0 or less: no limit); a larger file is refused before its content is
// read, so a stray disk image in a notes folder cannot exhaust memory.
func Read(path string, maxSize int64) (core.Source, error) {
	src, _, err := ReadPost(path, maxSize)
	return src, err
}

// ReadPost is Read, plus the warnings about the file's bytes that do not
// stop its import: NUL bytes removed from the text, a file with no text at
// all. Each warning names the path and, when it can, the line.
func ReadPost(path string, maxSize int64) (core.Source, []core.Diagnostic, error) {
	clean := filepath.Clean(path)
	f, err := openFile(clean)
	if err != nil {
		return core.Source{}, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return core.Source{}, nil, err
	}
	if info.IsDir() {
		return core.Source{}, nil, fmt.Errorf("%s: is a directory, not a post", clean)
	}
	if !info.Mode().IsRegular() {
		// Reading a FIFO or a device could block forever or never end.
		return core.Source{}, nil, fmt.Errorf("%s: not a regular file", clean)
	}
	if maxSize > 0 && info.Size() > maxSize {
		return core.Source{}, nil, fmt.Errorf("%s: %w", clean, &TooLargeError{Size: info.Size(), Limit: maxSize})
	}
	var r io.Reader = f
	if maxSize > 0 {
		// The size from Stat can be stale (a file still being written):
		// never read more than one byte past the limit.
		r = io.LimitReader(f, maxSize+1)
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return core.Source{}, nil, fmt.Errorf("%s: %w", clean, err)
	}
	if maxSize > 0 && int64(len(raw)) > maxSize {
		return core.Source{}, nil, fmt.Errorf("%s: %w", clean, &TooLargeError{Size: -1, Limit: maxSize})
	}
	if bin, what := IsBinary(raw); bin {
		return core.Source{}, nil, fmt.Errorf("%s: %w (looks like %s), not a text post", clean, ErrBinary, what)
	}
	d, err := decode(raw)
	if err != nil {
		return core.Source{}, nil, fmt.Errorf("%s: %w", clean, err)
	}
	var warnings []core.Diagnostic
	switch {
	case len(raw) == 0:
		warnings = append(warnings, core.Diagnostic{Path: clean, Message: "empty file: nothing to import"})
	case isBlank(d.text):
		warnings = append(warnings, core.Diagnostic{Path: clean, Message: "no text in the file, only white space: nothing to import"})
	}
	if d.nuls > 0 {
		warnings = append(warnings, core.Diagnostic{Path: clean, Line: d.nulLine,
			Message: fmt.Sprintf("%s removed from the text (the file may be damaged)", countNoun(d.nuls, "NUL byte", "NUL bytes"))})
	}
	sum := sha256.Sum256(raw)
	return core.Source{
		Path:     clean,
		Text:     d.text,
		SHA256:   hex.EncodeToString(sum[:]),
		Size:     int64(len(raw)),
		Encoding: d.encoding,
	}, warnings, nil
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// formatSize writes a byte count for people, keeping the exact number so
// it can be compared with a limit.
func formatSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB (%d bytes)", float64(n)/float64(div), "KMGTPE"[exp], n)
}

// shortSize writes a round limit as "16 MiB", anything else as formatSize.
func shortSize(n int64) string {
	for _, u := range []struct {
		size int64
		name string
	}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return formatSize(n)
}

// Parse parses a decoded source into the Document tree, dispatching on
// Detect: the same Document shape comes out whatever the markup.
func Parse(src core.Source) core.Document {
	switch Detect(src.Text) {
	case core.FormatMarkdown:
		return ParseMarkdown(src.Path, src.Text)
	case core.FormatAsciiDoc:
		return ParseAsciiDoc(src.Path, src.Text)
	case core.FormatHTML:
		return ParseHTML(src.Path, src.Text)
	default:
		return ParseText(src.Path, src.Text)
	}
}
