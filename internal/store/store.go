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

	"github.com/notes-kb/notes/schema"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNewerSchema is returned when the database was written by a newer notes.
var ErrNewerSchema = errors.New("database was created by a newer version of notes")

// DB is an open knowledge base.
type DB struct {
	db   *sql.DB
	path string
}

// Open opens (creating if needed) the database at path and applies pending
// migrations. Every connection gets foreign keys, WAL and a busy timeout so
// that two notes processes wait for each other instead of failing.
func Open(path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	d := &DB{db: sqldb, path: path}
	if err := d.migrate(context.Background()); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return d, nil
}

// Path is the database file.
func (d *DB) Path() string { return d.path }

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// migrate applies the numbered files of schema.FS not yet recorded in
// PRAGMA user_version, each in its own transaction.
func (d *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(schema.FS, "*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	var version int
	if err := d.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version > len(names) {
		return fmt.Errorf("%w (schema %d, this notes knows %d)", ErrNewerSchema, version, len(names))
	}
	for i := version; i < len(names); i++ {
		n, err := strconv.Atoi(strings.SplitN(names[i], "_", 2)[0])
		if err != nil || n != i+1 {
			return fmt.Errorf("migration %s is out of sequence", names[i])
		}
		body, err := fs.ReadFile(schema.FS, names[i])
		if err != nil {
			return err
		}
		tx, err := d.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", names[i], err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// Generation is a counter bumped by every change to talks; the search index
// records the generation it reflects so a stale index is detected.
func (d *DB) Generation(ctx context.Context) (int64, error) {
	var v string
	err := d.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'generation'").Scan(&v)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// IntegrityCheck runs SQLite's integrity_check and returns its verdict.
func (d *DB) IntegrityCheck(ctx context.Context) (string, error) {
	var v string
	err := d.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&v)
	return v, err
}
