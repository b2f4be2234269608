package cli

import (
	"sync"
	"time"

	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
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
	// KB opens the knowledge base at DBPath once, creating the database
	// if needed.
	KB func() (*kb.KB, error)
	// ExistingKB opens the knowledge base like KB but fails when the
	// database does not exist yet, so that a query never creates an empty
	// one.
	ExistingKB func() (*kb.KB, error)

	dbFlag string     // value of --db, set by the root command
	json   jsonOutput // --json and --jq, and what each command prints with them

	once sync.Once
	kb   *kb.KB
	err  error
}

// NewFactory returns the Factory of a process with the given streams and
// environment.
func NewFactory(streams *render.IO, getenv func(string) string) *Factory {
	f := &Factory{IO: streams, Now: time.Now, Getenv: getenv}
	f.DBPath = func() string { return resolveDBPath(f.dbFlag, getenv) }
	f.KB = func() (*kb.KB, error) {
		f.once.Do(func() { f.kb, f.err = kb.Open(f.DBPath()) })
		return f.kb, f.err
	}
	f.ExistingKB = func() (*kb.KB, error) {
		if err := kb.Exists(f.DBPath()); err != nil {
			return nil, err
		}
		return f.KB()
	}
	return f
}

// Close closes the database if it was opened.
func (f *Factory) Close() error {
	if f.kb != nil {
		err := f.kb.Close()
		f.kb = nil
		return err
	}
	return nil
}

// resolveDBPath applies the precedence of the --db flag over the
// knowledge base's default place (NOTES_DB, then the XDG data folder).
func resolveDBPath(flag string, getenv func(string) string) string {
	if flag != "" {
		return flag
	}
	return kb.DefaultPath(getenv)
}
