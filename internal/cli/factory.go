package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/notes-kb/notes/internal/render"
	"github.com/notes-kb/notes/internal/store"
)

// Factory hands commands their dependencies, each built lazily on first
// use: a command that never touches the database never opens it.
type Factory struct {
	// IO is where commands read and write.
	IO *render.IO
	// Now is the clock.
	Now func() time.Time
	// Getenv reads the environment.
	Getenv func(string) string

	// DBPath is the database file: --db, else $NOTES_DB, else
	// $XDG_DATA_HOME/notes/notes.db, else ~/.local/share/notes/notes.db.
	DBPath func() string
	// Store opens the database at DBPath once, creating it if needed.
	Store func() (*store.DB, error)
	// ExistingStore opens the database like Store but fails when the file
	// does not exist yet, so that a query never creates an empty database.
	ExistingStore func() (*store.DB, error)
	// IndexPath is the Bleve index beside the database: DBPath + ".bleve".
	IndexPath func() string

	dbFlag string // value of --db, set by the root command

	once sync.Once
	db   *store.DB
	err  error
}

// NewFactory returns the Factory of a process with the given streams and
// environment.
func NewFactory(streams *render.IO, getenv func(string) string) *Factory {
	f := &Factory{IO: streams, Now: time.Now, Getenv: getenv}
	f.DBPath = func() string { return resolveDBPath(f.dbFlag, getenv) }
	f.IndexPath = func() string { return f.DBPath() + ".bleve" }
	f.Store = func() (*store.DB, error) {
		f.once.Do(func() {
			f.db, f.err = store.Open(f.DBPath())
			if f.err != nil {
				f.err = dbError(f.err)
			}
		})
		return f.db, f.err
	}
	f.ExistingStore = func() (*store.DB, error) {
		p := f.DBPath()
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			return nil, &DBError{Err: fmt.Errorf("no database at %s: run 'notes import PATH...' first (or pass --db)", p)}
		}
		return f.Store()
	}
	return f
}

// Close closes the database if it was opened.
func (f *Factory) Close() error {
	if f.db != nil {
		err := f.db.Close()
		f.db = nil
		return err
	}
	return nil
}

// resolveDBPath applies the precedence of the --db flag, NOTES_DB and the
// XDG data directory.
func resolveDBPath(flag string, getenv func(string) string) string {
	if flag != "" {
		return flag
	}
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
