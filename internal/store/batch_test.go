package store

import (
	"context"
	"errors"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

// TestBatchFilesAreWholeOrAbsent saves files in one batch, one of which
// fails halfway: the failed file leaves nothing, the others are committed,
// and the generation counts the files that changed talks.
func TestBatchFilesAreWholeOrAbsent(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	b, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.SavePost(FileInfo{Path: "a.md", SHA256: "a", Size: 1, MTime: 1}, samplePost(summit, "Talk A")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err = b.file(func(w *txn) error {
		if _, err := savePost(w, FileInfo{Path: "b.md", SHA256: "b", Size: 1, MTime: 1}, samplePost(summit, "Talk B")); err != nil {
			return err
		}
		return boom // after the file was written: it must be undone
	})
	if !errors.Is(err, boom) {
		t.Fatalf("file error = %v, want boom", err)
	}
	saved, err := b.SavePost(FileInfo{Path: "c.md", SHA256: "c", Size: 1, MTime: 1}, samplePost(summit, "Talk C"))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.RecordFailure(FileInfo{Path: "d.md", Message: "binary file"}); err != nil {
		t.Fatal(err)
	}
	if b.Files() != 3 {
		t.Errorf("Files() = %d, want 3 (the failed file is not counted)", b.Files())
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}

	talks, err := db.Talks(ctx, core.TalkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, tk := range talks {
		titles = append(titles, tk.Title)
	}
	if len(titles) != 2 || titles[0] != "Talk A" || titles[1] != "Talk C" {
		t.Errorf("talks after the batch = %q, want Talk A and Talk C", titles)
	}
	states, err := db.SourceStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := states["b.md"]; ok {
		t.Error("the failed file b.md was stored")
	}
	if states["d.md"].Status != "failed" {
		t.Errorf("d.md status = %q, want failed", states["d.md"].Status)
	}
	gen, err := db.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if gen != 2 || saved.Generation != 2 {
		t.Errorf("generation = %d (reported %d by the last save), want 2: one per file that changed talks", gen, saved.Generation)
	}
}
