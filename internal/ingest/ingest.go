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

// Read reads and decodes one file. maxSize limits the raw size in bytes
// (0 or less: no limit); a larger file is refused before its content is
// read, so a stray disk image in a notes folder cannot exhaust memory.
func Read(path string, maxSize int64) (core.Source, error) {
	clean := filepath.Clean(path)
	f, err := os.Open(clean)
	if err != nil {
		return core.Source{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return core.Source{}, err
	}
	if info.IsDir() {
		return core.Source{}, fmt.Errorf("%s: is a directory, not a post", clean)
	}
	if !info.Mode().IsRegular() {
		// Reading a FIFO or a device could block forever or never end.
		return core.Source{}, fmt.Errorf("%s: not a regular file", clean)
	}
	if maxSize > 0 && info.Size() > maxSize {
		return core.Source{}, fmt.Errorf("%s: %w: %s, over the limit of %s",
			clean, ErrTooLarge, formatSize(info.Size()), formatSize(maxSize))
	}
	var r io.Reader = f
	if maxSize > 0 {
		// The size from Stat can be stale (a file still being written):
		// never read more than one byte past the limit.
		r = io.LimitReader(f, maxSize+1)
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return core.Source{}, fmt.Errorf("%s: %w", clean, err)
	}
	if maxSize > 0 && int64(len(raw)) > maxSize {
		return core.Source{}, fmt.Errorf("%s: %w: more than %s, over the limit of %s",
			clean, ErrTooLarge, formatSize(maxSize), formatSize(maxSize))
	}
	if bin, what := IsBinary(raw); bin {
		return core.Source{}, fmt.Errorf("%s: %w (looks like %s), not a text post", clean, ErrBinary, what)
	}
	text, enc, err := Decode(raw)
	if err != nil {
		return core.Source{}, fmt.Errorf("%s: %w", clean, err)
	}
	sum := sha256.Sum256(raw)
	return core.Source{
		Path:     clean,
		Text:     text,
		SHA256:   hex.EncodeToString(sum[:]),
		Size:     int64(len(raw)),
		Encoding: enc,
	}, nil
}

// formatSize writes a byte count for people, keeping the exact number so
// it can be compared with a --max-size flag.
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
