package kb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"

	"github.com/notes-kb/notes/internal/core"
)

// A source is a file, not a string (issue 14, item 1): the database keys
// sources by their absolute, cleaned path (absPath), so that importing
// _posts/x.md from blog/ and blog/_posts/x.md from its parent is one file,
// and a file whose content is already stored under another path that still
// exists is reported and not stored twice.

// sameContent reports whether the file of r is a copy of a file already
// stored under another path that still exists; if so it warns, forgets
// what was stored under r's own path (its content became the copy), and the
// file is not stored.
func (im *importer) sameContent(ctx context.Context, r fileResult) (bool, error) {
	b, err := im.tx(ctx)
	if err != nil {
		return false, saveError(r.path, err)
	}
	others, err := b.SameContent(r.sha256, r.id)
	if err != nil {
		return false, saveError(r.path, err)
	}
	for _, other := range others {
		if !filepath.IsAbs(other) {
			continue // a path of an older notes, relative to a folder it did not record
		}
		if _, err := os.Stat(other); err != nil {
			continue // moved or deleted: this file is the one left
		}
		w := core.Failure{Path: r.path, Reason: "same content as " + core.ShowPath(cwd(), other) + ", skipped"}
		im.sum.Skipped++
		im.sum.Warnings = append(im.sum.Warnings, w)
		im.report(Event{Kind: EventWarning, Failure: w})
		forgot, err := b.Forget(r.id)
		if err != nil {
			return true, saveError(r.path, err)
		}
		im.index.saved(forgot.Removed, nil, nil, forgot.Generation, len(forgot.Removed) > 0)
		return true, nil
	}
	return false, nil
}

// adoptRelative moves the sources an older notes stored under a relative
// path to their absolute path, when the file is found from the current
// folder with the same content (size and mtime, else SHA-256). The folder
// those imports ran from was not recorded: a path that does not resolve to
// the same file from here is kept as it is, and notes doctor lists it.
func (im *importer) adoptRelative(ctx context.Context) error {
	rel, err := im.db.RelativeSources(ctx)
	if err != nil || len(rel) == 0 {
		return dbError(err)
	}
	moves := map[string]string{}
	for _, s := range rel {
		abs := absPath(s.Path)
		if abs == s.Path || !sameFile(abs, s.Size, s.MTime, s.SHA256) {
			continue
		}
		moves[s.Path] = abs
	}
	if len(moves) == 0 {
		return nil
	}
	done, err := im.db.AdoptPaths(ctx, moves)
	if err != nil {
		return dbError(err)
	}
	im.index.saved(done.Removed, nil, nil, done.Generation, len(done.Removed) > 0)
	return nil
}

// sameFile reports whether the file at path is the one stored with this
// size, mtime and SHA-256 of its bytes.
func sameFile(path string, size, mtime int64, sum string) bool {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	if info.Size() == size && info.ModTime().UnixNano() == mtime {
		return true
	}
	if sum == "" || info.Size() > maxPostSize {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == sum
}

// cwd is the current folder, "" when it cannot be known.
func cwd() string {
	d, _ := os.Getwd()
	return d
}

// Shown is a stored (absolute) path as a person working here names it.
func Shown(path string) string { return core.ShowPath(cwd(), path) }
