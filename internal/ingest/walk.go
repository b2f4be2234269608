package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// Walk expands files and folders (recursively) into a sorted list of
// regular files. Symbolic links to files and folders are followed, but
// each real folder is read once, so a link back to a parent cannot loop,
// and each real file is listed once, so a post linked from two places is
// not imported twice. Names starting with "." are skipped inside folders
// (.git, editor backups); a hidden path named explicitly is kept.
// Problems (missing paths, unreadable folders, broken links) come back as
// diagnostics: one bad path must not stop an import.
//
// Inside folders only files that can hold a post are listed (PostExtensions,
// or no extension): a blog folder also holds images, styles, scripts and
// data files such as _config.yml, which are not failures to report. A file
// named explicitly is always listed, whatever its name.
//
// skip are files and folders that are never posts, compared by identity
// (os.SameFile), not by name: the database, its journals and its search
// index. A database named "notes", without an extension, inside the folder
// imported was read as a post on every import (issue 13, item 10). Inside
// folders they are left out silently; named explicitly, they are a
// problem. Those that do not exist are ignored.
func Walk(paths []string, skip ...string) (files []string, problems []core.Diagnostic) {
	var skipped []os.FileInfo
	for _, p := range skip {
		if info, err := os.Stat(p); err == nil {
			skipped = append(skipped, info)
		}
	}
	isSkipped := func(info os.FileInfo) bool {
		for _, s := range skipped {
			if os.SameFile(s, info) {
				return true
			}
		}
		return false
	}
	// skippedEntry stats an entry of a folder only when there is
	// something to skip.
	skippedEntry := func(path string) bool {
		if len(skipped) == 0 {
			return false
		}
		info, err := os.Stat(path)
		return err == nil && isSkipped(info)
	}
	seenDirs := map[string]bool{}
	seenFiles := map[string]bool{}
	report := func(path string, err error) {
		problems = append(problems, core.Diagnostic{Path: path, Message: reason(err)})
	}
	addFile := func(path string) {
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			real = path
		}
		if abs, err := filepath.Abs(real); err == nil {
			real = abs
		}
		if !seenFiles[real] {
			seenFiles[real] = true
			files = append(files, path)
		}
	}
	// A stack rather than recursion: folder trees can be deep.
	var stack []string
	visitDir := func(dir string) {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil {
			report(dir, err)
			return
		}
		if abs, err := filepath.Abs(real); err == nil {
			real = abs
		}
		if seenDirs[real] {
			return
		}
		seenDirs[real] = true
		stack = append(stack, dir)
	}

	for _, p := range paths {
		p = filepath.Clean(p)
		info, err := os.Stat(p)
		switch {
		case err != nil:
			report(p, err)
		case isSkipped(info):
			problems = append(problems, core.Diagnostic{Path: p, Message: "the notes database or its search index, not a post"})
		case info.IsDir():
			visitDir(p)
		case info.Mode().IsRegular():
			addFile(p)
		default:
			problems = append(problems, core.Diagnostic{Path: p, Message: "not a regular file"})
		}
		for len(stack) > 0 {
			dir := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			entries, err := os.ReadDir(dir)
			if err != nil {
				report(dir, err)
				// ReadDir returns what it could read before the error.
			}
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".") {
					continue
				}
				path := filepath.Join(dir, e.Name())
				mode := e.Type()
				if mode&fs.ModeSymlink != 0 {
					info, err := os.Stat(path)
					if err != nil {
						report(path, err)
						continue
					}
					mode = info.Mode().Type()
				}
				switch {
				case mode.IsDir():
					if !skippedEntry(path) {
						visitDir(path)
					}
				case mode.IsRegular() && isPostName(e.Name()):
					if !skippedEntry(path) {
						addFile(path)
					}
				}
				// Sockets, pipes and devices in a notes folder are noise.
			}
		}
	}
	sort.Strings(files)
	return files, problems
}

// reason is the part of a file system error worth showing after the path
// the Diagnostic already carries: "permission denied", not "open x:
// permission denied".
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// PostExtensions are the file name extensions Walk takes inside folders.
// The format is still decided from the content: a .txt may hold Markdown.
var PostExtensions = []string{".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx", ".adoc", ".asciidoc", ".asc", ".ad",
	".txt", ".text", ".html", ".htm", ".xhtml"}

func isPostName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" {
		return true
	}
	for _, e := range PostExtensions {
		if ext == e {
			return true
		}
	}
	return false
}
