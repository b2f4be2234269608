package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// canWrite reports whether this process may write path (a file or a
// folder). A variable, so that tests, which run as root here, can play a
// user without the right.
var canWrite = mayWrite

// readOnlyPlace reports whether the database at path exists and cannot be
// written, or its folder cannot: SQLite could then not create its -wal
// and -shm files, and every command, even a listing, failed with "attempt
// to write a readonly database" (issue 13, item 7).
func readOnlyPlace(path string) bool {
	if _, err := os.Stat(path); err != nil {
		return false
	}
	return !canWrite(path) || !canWrite(filepath.Dir(path))
}

// openReadOnly opens a database that cannot be written, for reading:
// SQLite's read-only mode first, which still shares the WAL index with a
// writer when its -shm file exists; failing that (no -shm, and no right to
// create one) as immutable, which reads the file alone, as it is. Nothing
// is migrated or written; a write fails with a FileError saying that the
// file and its folder must be writable.
func openReadOnly(path, uri string) (*DB, error) {
	var last error
	for _, params := range []string{"mode=ro", "mode=ro&immutable=1"} {
		sqldb, err := sql.Open("sqlite", uri+"?"+params+"&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)")
		if err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
		d := &DB{db: sqldb, path: path}
		err = d.checkReadable(context.Background())
		if err == nil {
			return d, nil
		}
		sqldb.Close()
		if errors.Is(err, ErrNewerSchema) || errors.Is(err, errNeedsMigration) {
			return nil, err
		}
		last = err
	}
	return nil, fileError(path, last)
}

// errNeedsMigration is a read-only database of an older schema.
var errNeedsMigration = errors.New("it cannot be written")

// checkReadable reads the schema version of a database opened read-only:
// it must be the one this notes writes, since it cannot be migrated.
func (d *DB) checkReadable(ctx context.Context) error {
	names, version, err := d.schemaVersion(ctx)
	if err != nil {
		return err
	}
	if version < len(names) {
		return fmt.Errorf("database %s must be upgraded from schema %d to %d, and %w: make the file and its folder writable for one run of notes",
			d.path, version, len(names), errNeedsMigration)
	}
	return nil
}
