package kb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// The search index is written by one notes at a time. Bleve's own lock
// (the bolt file inside the index) only covers an index while it is open,
// and a rebuild replaces the whole folder, so writers also hold a lock
// file beside the index, <db>.bleve.lock, for as long as they keep the
// index up to date: an import from start to end, a rebuild while it runs.
// Readers never take it: they read the index as last written, and only a
// reader that must rebuild it asks for the lock.
//
// The lock file is a small bolt database, for bolt's file lock: it works
// on every system Go builds for, and the system releases it when the
// process dies, even under kill -9.

// ErrIndexLocked is returned when another notes holds the index lock.
var ErrIndexLocked = errors.New("another notes is updating the search index")

// indexLock is a held index lock.
type indexLock struct {
	db *bolt.DB
}

// lockIndex takes the lock of the index at indexPath, waiting at most wait
// (at least one try) for another notes to release it.
func lockIndex(indexPath string, wait time.Duration) (*indexLock, error) {
	path := indexPath + ".lock"
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	open := func() (*bolt.DB, error) {
		return bolt.Open(path, 0o644, &bolt.Options{Timeout: max(wait, time.Millisecond), NoGrowSync: true})
	}
	db, err := open()
	if err != nil && !errors.Is(err, bolterrors.ErrTimeout) {
		// Not a lock file bolt can read (truncated by a full disk, say):
		// nobody can hold it either, so start a new one.
		if rmErr := os.Remove(path); rmErr == nil {
			db, err = open()
		}
	}
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, ErrIndexLocked
	}
	if errors.Is(err, fs.ErrPermission) {
		return nil, fmt.Errorf("search index lock %s: %w (the index is rebuilt beside the database: its folder must be writable)", path, err)
	}
	if err != nil {
		return nil, fmt.Errorf("search index lock %s: %w", path, err)
	}
	return &indexLock{db: db}, nil
}

// release gives the lock back.
func (l *indexLock) release() {
	if l != nil && l.db != nil {
		_ = l.db.Close()
		l.db = nil
	}
}
