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

// TestErrorsNameTheDatabase pins down issue 13, item 8: "database disk image
// is malformed (11)" and "database is locked (5)" reached the user without
// the database's path or what to do.
func TestErrorsNameTheDatabase(t *testing.T) {
	ctx := context.Background()

	t.Run("damaged", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.db")
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, title := range []string{"A", "B", "C"} {
			if _, err := db.SavePost(ctx, FileInfo{Path: string(rune('a'+i)) + ".md", SHA256: title}, samplePost(summit, title)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		// Keep the header page, overwrite every other page.
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := 4096; i < len(b); i++ {
			b[i] = 0xA5
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		db, err = Open(path)
		if err == nil {
			defer db.Close()
			_, err = db.Talks(ctx, core.TalkFilter{})
		}
		t.Log(err)
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Fatalf("reading a damaged database: %v, want a *FileError", err)
		}
		for _, want := range []string{"database " + path + ": ", "damaged", "import your posts into a new one"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
	})

	t.Run("locked", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.db")
		holder, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer holder.Close()
		batch, err := holder.Begin(ctx) // BEGIN IMMEDIATE: the write lock
		if err != nil {
			t.Fatal(err)
		}
		defer batch.Rollback()
		other, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		other.db.SetMaxOpenConns(1)
		if _, err := other.db.ExecContext(ctx, "PRAGMA busy_timeout = 10"); err != nil {
			t.Fatal(err)
		}
		_, err = other.SavePost(ctx, FileInfo{Path: "a.md", SHA256: "a"}, samplePost(summit, "A"))
		t.Log(err)
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Fatalf("writing a locked database: %v, want a *FileError", err)
		}
		for _, want := range []string{"database " + path + ": ", "locked", "another notes", "wait for it"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
	})

	t.Run("other errors untouched", func(t *testing.T) {
		db := openTemp(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := db.Talks(cctx, core.TalkFilter{})
		var fe *FileError
		if errors.As(err, &fe) {
			t.Errorf("a cancelled context became %v", err)
		}
	})
}
