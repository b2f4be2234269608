package kb

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/notes-kb/notes/internal/search"
)

// TestSearchStaleIndexOnFullDisk is a regression test of issue 13, item 7:
// on a full disk, a search whose index was behind the database failed
// trying to rebuild it into .bleve.new, although the index could be read.
// It now answers from that index and says it may miss the latest changes.
// The test runs as root, where no real folder refuses a write: a full disk
// is played by the index creation failing with ENOSPC.
func TestSearchStaleIndexOnFullDisk(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "n.db")
	importFiles(t, dbPath, map[string]string{"a.md": twoTalks})
	saveBehindIndex(t, dbPath, "new.md", "Talk the index missed")
	defer func(f func(string) (*search.Index, error)) { createIndex = f }(createIndex)
	createIndex = func(path string) (*search.Index, error) {
		return nil, &os.PathError{Op: "mkdir", Path: path, Err: syscall.ENOSPC}
	}

	titles, log, err := searchFor(t, dbPath, "karpenter")
	if err != nil || len(titles) != 1 || !strings.Contains(log, "stale: mkdir "+dbPath+".bleve.new: no space left on device") {
		t.Errorf("search on a full disk = %q, %q, %v; want the hit of the old index and why it is stale", titles, log, err)
	}
	if _, err := os.Stat(dbPath + ".bleve.new"); !os.IsNotExist(err) {
		t.Errorf("%s.bleve.new left behind: %v", dbPath, err)
	}

	if err := os.RemoveAll(dbPath + ".bleve"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := searchFor(t, dbPath, "karpenter"); err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Errorf("search on a full disk without an index: err = %v, want why it cannot be built", err)
	}
}

// TestSearchStaleIndexWithoutLock is a regression test of issue 13, item
// 7: where the index lock cannot be opened (a folder that cannot be
// written), a search of a stale index failed opening the lock file, or
// blamed another notes. It now answers from the index, saying why it is
// not rebuilt; with no index to read, the error says why none can be
// built. Played, as root, by a folder in the lock file's place.
func TestSearchStaleIndexWithoutLock(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "n.db")
	importFiles(t, dbPath, map[string]string{"a.md": twoTalks})
	saveBehindIndex(t, dbPath, "new.md", "Talk the index missed")
	lock := dbPath + ".bleve.lock"
	if err := os.Remove(lock); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(lock, "keep"), 0o755); err != nil {
		t.Fatal(err)
	}

	titles, log, err := searchFor(t, dbPath, "karpenter")
	if err != nil || len(titles) != 1 || !strings.Contains(log, "stale: search index lock "+lock) || strings.Contains(log, "another notes") {
		t.Errorf("search without a lock = %q, %q, %v; want the hit of the old index and why it is stale", titles, log, err)
	}

	if err := os.RemoveAll(dbPath + ".bleve"); err != nil {
		t.Fatal(err)
	}
	_, _, err = searchFor(t, dbPath, "karpenter")
	if err == nil || !strings.Contains(err.Error(), "search index "+dbPath+".bleve is missing and cannot be rebuilt: search index lock "+lock) {
		t.Errorf("search without a lock or an index: err = %v, want why it cannot be built", err)
	}
}
