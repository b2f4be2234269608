package kb

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/corrections"
	"github.com/notes-kb/notes/internal/store"
)

// CorrectionsError is a corrections file that cannot be read or does not
// parse: the import stops before anything is stored.
type CorrectionsError struct{ Err error }

func (e *CorrectionsError) Error() string { return e.Err.Error() }
func (e *CorrectionsError) Unwrap() error { return e.Err }

// Meta keys of the corrections last applied: the file, remembered so that
// later imports and reindex apply it without being told, and its digest.
const (
	metaCorrectionsPath   = "corrections.path"
	metaCorrectionsDigest = "corrections.digest"
)

// loadCorrections finds the corrections an import applies: the file named
// (--corrections), else the one the database remembers, else the first
// .notes/corrections.yaml in a folder imported. changed reports that they
// differ from those the stored posts were corrected with, so every post
// must be read again.
func loadCorrections(ctx context.Context, db *store.DB, named string, paths []string) (set *corrections.Set, changed bool, err error) {
	path := named
	if path == "" {
		if p, err := db.Meta(ctx, metaCorrectionsPath); err != nil {
			return nil, false, dbError(err)
		} else if p != "" {
			if _, err := os.Stat(p); err == nil {
				path = p
			}
		}
	}
	if path == "" {
		if path, err = discoverCorrections(paths); err != nil {
			return nil, false, err
		}
	}
	digest := ""
	if path != "" {
		if set, err = corrections.Load(path); err != nil {
			return nil, false, &CorrectionsError{Err: err}
		}
		digest = set.Digest
	}
	old, err := db.Meta(ctx, metaCorrectionsDigest)
	if err != nil {
		return nil, false, dbError(err)
	}
	return set, old != digest, nil
}

// discoverCorrections is the first .notes/corrections.yaml of the folders
// of paths, "" when none has one.
func discoverCorrections(paths []string) (string, error) {
	for _, p := range paths {
		c := filepath.Join(p, corrections.DefaultName)
		if info, err := os.Stat(c); err == nil && info.Mode().IsRegular() {
			return c, nil
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrInvalid) && !isNotDir(err) {
			return "", &CorrectionsError{Err: err}
		}
	}
	return "", nil
}

// isNotDir reports a path under a file ("post.md/.notes/…").
func isNotDir(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && pe.Err != nil && pe.Err.Error() == "not a directory"
}

// recordCorrections remembers the corrections the stored posts now have.
func recordCorrections(ctx context.Context, db *store.DB, set *corrections.Set) error {
	path, digest := "", ""
	if set != nil {
		path, digest = set.Path, set.Digest
	}
	if err := db.SetMeta(ctx, metaCorrectionsPath, path); err != nil {
		return dbError(err)
	}
	return dbError(db.SetMeta(ctx, metaCorrectionsDigest, digest))
}

// CorrectionsChanged reports whether the corrections an import would apply
// (the file named, else the one remembered) differ from those the stored
// posts were corrected with. Reindex asks it before reading posts again.
func (k *KB) CorrectionsChanged(ctx context.Context, named string) (bool, error) {
	_, changed, err := loadCorrections(ctx, k.db, named, nil)
	return changed, err
}

// ErrNoCorrectionsFile is returned by the commands that write a correction
// when no file is named and the database remembers none.
var ErrNoCorrectionsFile = errors.New("no corrections file yet: name one with --corrections (for example posts/.notes/corrections.yaml)")

// CorrectionsFile is the file the commands that write corrections edit:
// the one named, else the one the database remembers.
func (k *KB) CorrectionsFile(ctx context.Context, named string) (string, error) {
	if named != "" {
		return filepath.Abs(named)
	}
	p, err := k.db.Meta(ctx, metaCorrectionsPath)
	if err != nil {
		return "", dbError(err)
	}
	if p == "" {
		return "", ErrNoCorrectionsFile
	}
	return p, nil
}

// Alias writes "from: to" in section (people, companies, services,
// events) of the corrections file, then applies the file: every post is
// read again with it.
func (k *KB) Alias(ctx context.Context, file, section, from, to string, opts ImportOptions) (Summary, error) {
	if err := corrections.AddAlias(file, section, from, to); err != nil {
		return Summary{}, &CorrectionsError{Err: err}
	}
	opts.Corrections = file
	return k.Import(ctx, nil, opts)
}

// HideTalk writes in the corrections file that talk id is hidden (by its
// post and title), then applies the file. ok is false when there is no
// such talk.
func (k *KB) HideTalk(ctx context.Context, file string, id int64, opts ImportOptions) (sum Summary, ok bool, err error) {
	t, ok, err := k.Talk(ctx, id)
	if err != nil || !ok {
		return Summary{}, ok, err
	}
	fix := corrections.TalkFix{Path: corrections.RelativePath(file, absPath(t.Source)), Title: t.Title, Hide: true}
	// A title its post gives another talk too ("Keynote" three times)
	// would hide them all: the line tells this one apart.
	var filter core.TalkFilter
	if t.Event != nil {
		filter.Event = t.Event.Name
	}
	others, err := k.Talks(ctx, filter)
	if err != nil {
		return Summary{}, true, err
	}
	for _, o := range others {
		if o.ID != t.ID && o.Source == t.Source && core.Fold(o.Title) == core.Fold(t.Title) {
			fix.Line = t.Line
			break
		}
	}
	if err := corrections.AddTalkFix(file, fix); err != nil {
		return Summary{}, true, &CorrectionsError{Err: err}
	}
	opts.Corrections = file
	sum, err = k.Import(ctx, nil, opts)
	return sum, true, err
}
