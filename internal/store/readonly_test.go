package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

// TestOpenReadOnlyPlace pins down issue 13, item 7: in a folder the user
// cannot write (SQLite cannot create the WAL's files there), talks, events
// and search all failed with "attempt to write a readonly database". Such
// a database is opened read-only: it answers queries, is left byte for
// byte as it was, and a write fails saying that the file and its folder
// must be writable. The tests run as root, so the missing right is played
// by canWrite.
func TestOpenReadOnlyPlace(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "notes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SavePost(ctx, FileInfo{Path: "a.md", SHA256: "a"}, samplePost(summit, "Kept")); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := fileDigest(t, path)

	was := canWrite
	canWrite = func(string) bool { return false }
	defer func() { canWrite = was }()

	db, err = Open(path)
	if err != nil {
		t.Fatalf("Open(read-only place) = %v, want it opened for reading", err)
	}
	talks, err := db.Talks(ctx, core.TalkFilter{Event: "summit"})
	if err != nil || len(talks) != 1 || talks[0].Title != "Kept" {
		t.Errorf("Talks = %v, %v; want the talk Kept", talks, err)
	}
	if evs, err := db.Events(ctx, ""); err != nil || len(evs) != 1 {
		t.Errorf("Events = %v, %v; want the summit", evs, err)
	}
	_, err = db.SavePost(ctx, FileInfo{Path: "b.md", SHA256: "b"}, samplePost(summit, "New"))
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "its folder must be writable") {
		t.Errorf("SavePost(read-only) = %v, want a FileError naming %s and saying it must be writable", err, path)
	}
	db.Close()
	if after := fileDigest(t, path); after != before {
		t.Error("opening a read-only database changed it")
	}

	// A database of an older schema cannot be migrated without writing.
	old := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(old, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(old)
	if err == nil || !strings.Contains(err.Error(), old) || !strings.Contains(err.Error(), "must be upgraded") ||
		!strings.Contains(err.Error(), "writable for one run") {
		t.Errorf("Open(read-only, old schema) = %v, want it to say it must be upgraded and how", err)
	}
	if b, _ := os.ReadFile(old); len(b) != 0 {
		t.Error("Open wrote to the read-only old database")
	}
}
