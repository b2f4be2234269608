// Package store keeps the knowledge base in SQLite (modernc.org/sqlite, pure
// Go). It never parses files: it stores core.Post values and answers the
// listing queries. Each public method owns its transaction.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/notes-kb/notes/schema"
	"modernc.org/sqlite" // also registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrNewerSchema is returned when the database was written by a newer notes.
var ErrNewerSchema = errors.New("database was created by a newer version of notes")

// DB is an open knowledge base.
type DB struct {
	db    *sql.DB
	path  string
	cache stmtCache
	base  string // folder listings show source paths relative to (ShowPathsFrom)
}

// Open opens (creating if needed) the database at path and applies pending
// migrations. Every connection gets foreign keys, WAL and a busy timeout so
// that two notes processes wait for each other instead of failing. A
// database that exists but cannot be written, or whose folder cannot, is
// opened read-only (see openReadOnly): listings and searches work, writes
// fail with a FileError that says why.
func Open(path string) (*DB, error) {
	// A device, a folder or a pipe is refused before SQLite touches it:
	// NOTES_DB=/dev/null created /dev/null-journal (issue 13, item 7).
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("database %s is %s, not a regular file: give --db or NOTES_DB the path of a database file (it is created if missing)",
			path, fileKind(info.Mode()))
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	// WAL is not in the DSN: it is written into the file, and a database
	// of a newer notes must be refused before anything is written to it.
	// migrate turns it on once the schema version is known to be ours.
	uri, err := fileURI(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if readOnlyPlace(path) {
		return openReadOnly(path, uri)
	}
	dsn := uri + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	d := &DB{db: sqldb, path: path}
	if err := d.migrate(context.Background()); err != nil {
		sqldb.Close()
		if errors.Is(err, ErrNewerSchema) {
			return nil, err // already names the database
		}
		var fe *FileError
		if err := fileError(path, err); errors.As(err, &fe) {
			return nil, err // names the database, says what to do
		}
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return d, nil
}

// fileKind names what a file that is not a regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// fileURI is the SQLite URI of the file at path. A plain "file:"+path read
// any '?' or '#' in a file name as the start of the query or fragment and any
// '%' as an escape: --db 'w?.db' opened "w" without the _pragma parameters
// (foreign keys off), and 'C#/notes.db' wrote the database to "C" (issue 13,
// item 2). Every byte other than an unreserved character or '/' is
// percent-encoded, and the path is made absolute so that a name that starts
// with "//" cannot be read as an authority.
func fileURI(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("file://")
	for i := 0; i < len(abs); i++ {
		c := abs[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String(), nil
}

// Path is the database file.
func (d *DB) Path() string { return d.path }

// Close closes the database.
func (d *DB) Close() error {
	d.closeStatements()
	return d.db.Close()
}

// schemaVersion returns the migrations this notes knows and the version
// the database records, refusing one written by a newer notes.
func (d *DB) schemaVersion(ctx context.Context) (names []string, version int, err error) {
	if names, err = migrations(); err != nil {
		return nil, 0, err
	}
	if err = d.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return nil, 0, err
	}
	return names, version, d.checkVersion(version, len(names))
}

// migrate applies the numbered files of schema.FS not yet recorded in
// PRAGMA user_version, each in its own transaction. An up-to-date database
// (the common case) is only read. A database written by a newer notes is
// refused before anything is written to it.
func (d *DB) migrate(ctx context.Context) error {
	names, version, err := d.schemaVersion(ctx)
	if err != nil {
		return err
	}
	// WAL lets readers and a writer (two notes) work at once. The mode is
	// kept in the file: this is a no-op on a database already in WAL.
	if err := d.enableWAL(ctx); err != nil {
		return err
	}
	if version == len(names) {
		return nil
	}
	for {
		done, err := d.migrateStep(ctx, names)
		if err != nil || done {
			return err
		}
	}
}

// migrations are the names of the files of schema.FS, in order.
func migrations() ([]string, error) {
	names, err := fs.Glob(schema.FS, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for i, name := range names {
		if n, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0]); err != nil || n != i+1 {
			return nil, fmt.Errorf("migration %s is out of sequence", name)
		}
	}
	return names, nil
}

// walWait bounds how long Open retries turning WAL on while other notes
// hold the database: as long as the busy timeout of the DSN.
const walWait = 10 * time.Second

// enableWAL turns WAL on. SQLite answers SQLITE_BUSY at once, without
// the busy timeout, when another connection holds the database while the
// journal mode changes: two notes opening a new database together (two
// imports started at once) failed this way 8 times in 800 runs of
// TestConcurrentOpenMigratesOnce under -race. It is retried instead.
func (d *DB) enableWAL(ctx context.Context) error {
	deadline := time.Now().Add(walWait)
	for pause := time.Millisecond; ; pause = min(2*pause, 50*time.Millisecond) {
		var mode string
		err := d.db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		var se *sqlite.Error
		if err == nil || !errors.As(err, &se) || se.Code() != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(pause):
		}
	}
}

// NewerSchemaError is a database whose schema version is past the last
// migration this notes knows. errors.Is(err, ErrNewerSchema) holds.
type NewerSchemaError struct {
	Path           string
	Version, Known int
}

// Error says what to do: the database is left as it was.
func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("database %s was created by a newer version of notes (schema %d, this notes knows up to %d): upgrade notes to use it; the database was not changed",
		e.Path, e.Version, e.Known)
}

// Is makes errors.Is(err, ErrNewerSchema) true.
func (e *NewerSchemaError) Is(target error) bool { return target == ErrNewerSchema }

// checkVersion refuses a schema version this notes does not know.
func (d *DB) checkVersion(version, known int) error {
	if version > known {
		return &NewerSchemaError{Path: d.path, Version: version, Known: known}
	}
	return nil
}

// migrateStep applies the first migration the database lacks, and reports
// done when there is none. The version is read again inside the write
// transaction: two notes opening a new database at once (two imports
// started together) must not both apply the same migration.
func (d *DB) migrateStep(ctx context.Context, names []string) (done bool, err error) {
	tx, err := d.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE (see the DSN): holds the write lock
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, err
	}
	if err := d.checkVersion(version, len(names)); err != nil || version == len(names) {
		return err == nil, err
	}
	name := names[version]
	body, err := fs.ReadFile(schema.FS, name)
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if fill := afterMigration[name]; fill != nil {
		if err := fill(ctx, tx); err != nil {
			return false, fmt.Errorf("migration %s: %w", name, err)
		}
	}
	// PRAGMA takes no bound parameters; the value is our own loop counter,
	// never text from a user or a file.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version+1)); err != nil {
		return false, err
	}
	return false, tx.Commit()
}

// Generation is a counter bumped by every change to talks; the search index
// records the generation it reflects so a stale index is detected.
func (d *DB) Generation(ctx context.Context) (_ int64, err error) {
	defer d.annotate(&err)
	var v string
	err = d.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'generation'").Scan(&v)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// IntegrityCheck runs SQLite's integrity_check and returns its verdict.
func (d *DB) IntegrityCheck(ctx context.Context) (_ string, err error) {
	defer d.annotate(&err)
	var v string
	err = d.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&v)
	return v, err
}
