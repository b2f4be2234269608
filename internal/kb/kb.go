// Package kb is the knowledge base: a notes database and its search index,
// opened together and kept in step. It is the application layer under the
// commands: it imports posts (ingest → extract → store → search), rebuilds
// the index, answers searches and listings, and owns the rules that hold
// between the database and the index — one writer of the index at a time
// (the index lock), the generation the index reflects, and an index that
// is never ahead of the database.
//
// Nothing here prints: long operations report what a person should know
// through a callback (see Event), and the command line (internal/cli)
// decides how to show it.
package kb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/store"
)

// KB is an open knowledge base: the database and the path of its index.
// The index itself is opened only for as long as each operation needs it,
// so that imports and searches of other processes can use it in between.
type KB struct {
	db        *store.DB
	indexPath string
}

// DefaultPath is where the database lives unless told: $NOTES_DB, else
// $XDG_DATA_HOME/notes/notes.db (an absolute XDG_DATA_HOME only), else
// ~/.local/share/notes/notes.db. getenv reads the environment.
func DefaultPath(getenv func(string) string) string {
	if p := getenv("NOTES_DB"); p != "" {
		return p
	}
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "notes", "notes.db")
	}
	home := getenv("HOME")
	if home == "" {
		if h, err := os.UserHomeDir(); err == nil {
			home = h
		}
	}
	return filepath.Join(home, ".local", "share", "notes", "notes.db")
}

// Open opens the knowledge base whose database is at dbPath, creating the
// database when it does not exist. The index lives beside it, in
// dbPath + ".bleve".
func Open(dbPath string) (*KB, error) {
	db, err := store.Open(dbPath)
	if err != nil {
		return nil, dbError(err)
	}
	// Sources are stored absolute and shown from where notes runs.
	db.ShowPathsFrom(cwd())
	return &KB{db: db, indexPath: dbPath + ".bleve"}, nil
}

// OpenExisting opens the knowledge base at dbPath like Open, but fails when
// the database does not exist yet: a query never creates an empty one.
func OpenExisting(dbPath string) (*KB, error) {
	if err := Exists(dbPath); err != nil {
		return nil, err
	}
	return Open(dbPath)
}

// Exists returns a *DBError that says how to create the knowledge base
// when there is no database at dbPath.
func Exists(dbPath string) error {
	if _, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
		return &DBError{Err: fmt.Errorf("no database at %s: run 'notes import PATH...' first (or pass --db)", dbPath)}
	}
	return nil
}

// Close closes the database.
func (k *KB) Close() error {
	return dbError(k.db.Close())
}

// IndexPath is the folder of the search index.
func (k *KB) IndexPath() string { return k.indexPath }

// DBError is a failure of the database: it cannot be opened, created,
// migrated or queried.
type DBError struct {
	Err error
}

// Error returns the message of the underlying error.
func (e *DBError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *DBError) Unwrap() error { return e.Err }

// dbError marks err, when not nil, as a database error.
func dbError(err error) error {
	if err == nil {
		return nil
	}
	var d *DBError
	if errors.As(err, &d) {
		return err
	}
	return &DBError{Err: err}
}

// Talks lists the talks f selects.
func (k *KB) Talks(ctx context.Context, f core.TalkFilter) ([]core.TalkRecord, error) {
	f, any, err := k.narrow(ctx, f)
	if err != nil || !any {
		return []core.TalkRecord{}, err
	}
	talks, err := k.db.Talks(ctx, f)
	return talks, dbError(err)
}

// CountTalks counts the talks f selects, whatever its Limit.
func (k *KB) CountTalks(ctx context.Context, f core.TalkFilter) (int, error) {
	f, any, err := k.narrow(ctx, f)
	if err != nil || !any {
		return 0, err
	}
	n, err := k.db.CountTalks(ctx, f)
	return n, dbError(err)
}

// Talk returns one talk with its body; ok is false when there is none
// with that id.
func (k *KB) Talk(ctx context.Context, id int64) (t core.TalkRecord, ok bool, err error) {
	t, ok, err = k.db.Talk(ctx, id)
	return t, ok, dbError(err)
}

// TalksWithBodies lists the talks f selects, each with its body.
func (k *KB) TalksWithBodies(ctx context.Context, f core.TalkFilter) ([]core.TalkRecord, error) {
	talks, err := k.Talks(ctx, f)
	if err != nil || len(talks) == 0 {
		return talks, err
	}
	ids := make([]int64, len(talks))
	for i, t := range talks {
		ids[i] = t.ID
	}
	bodies, err := k.db.Bodies(ctx, ids)
	if err != nil {
		return nil, dbError(err)
	}
	for i := range talks {
		talks[i].Body = bodies[talks[i].ID]
	}
	return talks, nil
}

// Events lists the events whose words match query ("" for all).
func (k *KB) Events(ctx context.Context, query string) ([]core.EventRecord, error) {
	evs, err := k.db.Events(ctx, query)
	return evs, dbError(err)
}

// Speakers counts the talks of each speaker among those f selects.
func (k *KB) Speakers(ctx context.Context, f core.TalkFilter) ([]core.CountRecord, error) {
	f, any, err := k.narrow(ctx, f)
	if err != nil || !any {
		return []core.CountRecord{}, err
	}
	recs, err := k.db.Speakers(ctx, f)
	return recs, dbError(err)
}

// Companies counts the talks naming each company among those f selects.
func (k *KB) Companies(ctx context.Context, f core.TalkFilter) ([]core.CountRecord, error) {
	f, any, err := k.narrow(ctx, f)
	if err != nil || !any {
		return []core.CountRecord{}, err
	}
	recs, err := k.db.Companies(ctx, f)
	return recs, dbError(err)
}

// Services counts the talks naming each AWS service among those f selects.
func (k *KB) Services(ctx context.Context, f core.TalkFilter) ([]core.CountRecord, error) {
	f, any, err := k.narrow(ctx, f)
	if err != nil || !any {
		return []core.CountRecord{}, err
	}
	recs, err := k.db.Services(ctx, f)
	return recs, dbError(err)
}

// Sources lists the imported files.
func (k *KB) Sources(ctx context.Context) ([]core.SourceRecord, error) {
	srcs, err := k.db.Sources(ctx)
	return srcs, dbError(err)
}

// HasEventWords reports whether an --event value has a word to match an
// event by (letters or digits): "%" or "..." has none.
func HasEventWords(s string) bool { return store.HasEventWords(s) }

// maxQueryTalks bounds the talks a --query keeps, below SQLite's limit on
// the parameters of one statement.
const maxQueryTalks = 20000

// narrow resolves f.Query: the talks a search for it finds, best first,
// become f.IDs. any is false when the search finds no talk (then nothing
// is listed, where empty IDs would mean every talk).
func (k *KB) narrow(ctx context.Context, f core.TalkFilter) (_ core.TalkFilter, any bool, _ error) {
	if f.Query == "" {
		return f, true, nil
	}
	res, err := k.search(ctx, f.Query, core.TalkFilter{}, nil, searchTalksOnly)
	if err != nil {
		return f, false, err
	}
	var ids []int64
	for _, h := range res.Hits {
		if h.Type != core.HitPost && len(ids) < maxQueryTalks {
			ids = append(ids, h.Talk.ID)
		}
	}
	f.Query, f.IDs = "", ids
	return f, len(ids) > 0, nil
}
