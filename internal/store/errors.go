package store

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// FileError is a failure of SQLite on the database file: "database or disk
// is full (13)", "attempt to write a readonly database (8)", "database disk
// image is malformed (11)" reached the user without the database's path
// or what to do (issue 13, item 8). It names the file and, for the
// failures a user can act on, says how.
type FileError struct {
	Path   string
	Err    error  // the SQLite error
	Advice string // what to do; "" when there is nothing to add
}

// Error is "database PATH: what SQLite said: advice".
func (e *FileError) Error() string {
	if e.Advice == "" {
		return fmt.Sprintf("database %s: %v", e.Path, e.Err)
	}
	return fmt.Sprintf("database %s: %v: %s", e.Path, e.Err, e.Advice)
}

// Unwrap returns the SQLite error.
func (e *FileError) Unwrap() error { return e.Err }

// annotate turns a SQLite error in *err into a FileError naming the
// database. Other errors (a cancelled context, a refused schema) are left
// as they are. Each public method defers it.
func (d *DB) annotate(err *error) {
	*err = fileError(d.path, *err)
}

func fileError(path string, err error) error {
	var se *sqlite.Error
	var fe *FileError
	if err == nil || errors.As(err, &fe) || !errors.As(err, &se) {
		return err
	}
	return &FileError{Path: path, Err: err, Advice: advice(path, se.Code()&0xff)}
}

// advice says what to do about a SQLite result code.
func advice(path string, code int) string {
	switch code {
	case sqlite3.SQLITE_FULL:
		return "the disk is full: free some space and run the command again"
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		return fmt.Sprintf("notes cannot write to it: the file and its folder must be writable (SQLite keeps %s-wal and %[1]s-shm beside it)", path)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return "the file is damaged or is not a notes database: keep a copy, then import your posts into a new one (notes --db NEW.db import PATH...)"
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return "another notes (an import?) holds its write lock: wait for it to finish and run the command again"
	case sqlite3.SQLITE_CANTOPEN:
		return "the file cannot be opened: check that it and its folder exist and can be read and written"
	case sqlite3.SQLITE_IOERR:
		return "reading or writing the file failed: check the disk"
	}
	return ""
}
