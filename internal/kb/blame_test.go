package kb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/store"
)

// TestImportBlamesTheLockNotThePost is a regression test of issue 13, item
// 8: while another process held the database's write lock, an import
// failed with "posts/x.txt: database is locked (5)", sending the user to
// the post. The error names the database and the lock, not the post.
// (It waits out SQLite's busy timeout, ten seconds.)
func TestImportBlamesTheLockNotThePost(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for SQLite's busy timeout")
	}
	dbPath := filepath.Join(t.TempDir(), "n.db")
	posts := writePosts(t, 2)
	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	holder, err := store.Open(dbPath) // another notes, in the middle of a batch
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	batch, err := holder.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer batch.Rollback()

	_, err = k.Import(context.Background(), []string{posts}, ImportOptions{})
	var dbErr *DBError
	if !errors.As(err, &dbErr) {
		t.Fatalf("import while another holds the write lock: %v, want a *DBError", err)
	}
	msg := err.Error()
	if strings.Contains(msg, "p00.md") || !strings.HasPrefix(msg, "database "+dbPath+": ") ||
		!strings.Contains(msg, "locked") || !strings.Contains(msg, "holds its write lock") {
		t.Errorf("error = %q, want the database and its lock named, not a post", msg)
	}
}

// TestSaveError: the failures of the database file are not put on the
// post being saved; the others are.
func TestSaveError(t *testing.T) {
	locked := &store.FileError{Path: "n.db", Err: errors.New("database is locked (5)"), Advice: "another notes (an import?) holds its write lock"}
	constraint := &store.FileError{Path: "n.db", Err: errors.New("constraint failed")}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"write lock", locked, locked.Error()},
		{"post's data", constraint, "posts/x.txt: " + constraint.Error()},
		{"other", errors.New("boom"), "posts/x.txt: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := saveError("posts/x.txt", tt.err).Error(); got != tt.want {
				t.Errorf("saveError = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestIndexPathIsAFile is a regression test of issue 13, item 8: with a
// file where the index's folder should be, search said "search index
// missing: rebuilding…" and failed, and import advised a search or
// 'notes reindex', which failed the same way. Each now says the file is in
// the way, and following the advice works.
func TestIndexPathIsAFile(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "n.db")
	importFiles(t, dbPath, map[string]string{"a.md": twoTalks})
	index := dbPath + ".bleve"
	if err := os.RemoveAll(index); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(index, []byte("not an index"), 0o644); err != nil {
		t.Fatal(err)
	}
	var notFolder *IndexNotFolderError

	_, log, err := searchFor(t, dbPath, "karpenter")
	if !errors.As(err, &notFolder) || log != "" {
		t.Errorf("search = %v, reported %q; want an *IndexNotFolderError and no rebuild", err, log)
	}

	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	var events []Event
	if _, err := k.Import(context.Background(), []string{writePosts(t, 1)}, ImportOptions{Report: func(e Event) {
		if e.Kind == EventIndexSkipped || e.Kind == EventRebuilding {
			events = append(events, e)
		}
	}}); err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Kind != EventIndexSkipped || !errors.As(events[0].Err, &notFolder) {
		t.Errorf("import reported %+v, want one EventIndexSkipped with an *IndexNotFolderError", events)
	}
	if _, err := k.Reindex(context.Background()); !errors.As(err, &notFolder) {
		t.Errorf("reindex = %v, want an *IndexNotFolderError", err)
	}
	if msg := notFolder.Error(); !strings.Contains(msg, "move the file away") || !strings.Contains(msg, "run 'notes reindex'") {
		t.Errorf("advice %q, want: move the file away, then run 'notes reindex'", msg)
	}

	// The advice, followed.
	if err := os.Rename(index, index+".bak"); err != nil {
		t.Fatal(err)
	}
	if n, err := k.Reindex(context.Background()); err != nil || n != 4 {
		t.Errorf("reindex after moving the file away = %d, %v; want 4 talks", n, err)
	}
	if titles, _, err := searchFor(t, dbPath, "karpenter"); err != nil || len(titles) != 2 {
		t.Errorf("search after = %q, %v; want 2 hits", titles, err)
	}
}
