package kb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// writePosts writes n posts of two talks each into a new folder, the
// first talk of each titled "Karpenter en production <i>".
func writePosts(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		post := strings.NewReplacer("2022", strconv.Itoa(1990+i), "Karpenter en production", fmt.Sprintf("Karpenter en production %d", i)).Replace(twoTalks)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%02d.md", i)), []byte(post), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestIndexNeverAheadOfDatabase: while an import runs, at every file it
// hands over, every talk the index holds is committed to the database (as
// another connection sees it); and an import interrupted midway keeps the
// files it finished, whole, with an index that is not ahead of them. The
// next search finds them all, and the next import finishes the job.
func TestIndexNeverAheadOfDatabase(t *testing.T) {
	defer func(n int) { indexBatch = n }(indexBatch)
	indexBatch = 3 // several index batches before the interruption
	dir := writePosts(t, 30)
	dbPath := filepath.Join(t.TempDir(), "n.db")
	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	other, err := store.Open(dbPath) // sees committed talks only
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	// indexed returns the ids of the talks about karpenter in the index,
	// and how many of them the other connection sees in the database.
	indexed := func() (ids []int64, committed int) {
		t.Helper()
		idx, err := search.OpenReadOnly(k.IndexPath(), 10*time.Second)
		if errors.Is(err, search.ErrNoIndex) {
			return nil, 0
		}
		if err != nil {
			t.Fatalf("open the index during the import: %v", err)
		}
		hits, err := idx.Search("karpenter", search.Filters{}, 0)
		idx.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if !h.Post { // post documents are checked by TestPostsNeverAheadOfDatabase
				ids = append(ids, h.ID)
			}
		}
		if len(ids) == 0 {
			return nil, 0
		}
		talks, err := other.Talks(context.Background(), core.TalkFilter{IDs: ids})
		if err != nil {
			t.Fatal(err)
		}
		return ids, len(talks)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const stopAfter = 20
	checked, seen := 0, 0
	sum, err := k.Import(ctx, []string{dir}, ImportOptions{Workers: 2, Report: func(e Event) {
		if e.Kind != EventStep {
			return
		}
		ids, committed := indexed()
		if committed != len(ids) {
			t.Errorf("after %d files: the index holds %d talks the database has not committed", e.Done, len(ids)-committed)
		}
		checked++
		seen = max(seen, len(ids))
		if e.Done == stopAfter {
			cancel() // as Ctrl-C would
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted import: %v, want context.Canceled", err)
	}
	if checked != stopAfter || seen == 0 {
		t.Errorf("checked the index at %d files and saw at most %d talks: want %d checks, talks in the index before the end", checked, seen, stopAfter)
	}
	if sum.Imported != stopAfter {
		t.Errorf("interrupted import stored %d files, want %d", sum.Imported, stopAfter)
	}

	// The finished files are there, whole: both talks of each.
	srcs, err := k.Sources(context.Background())
	if err != nil || len(srcs) != stopAfter {
		t.Fatalf("%d sources after the interruption (%v), want %d", len(srcs), err, stopAfter)
	}
	for _, s := range srcs {
		if s.Talks != 2 {
			t.Errorf("%s: %d talks stored, want 2", s.Path, s.Talks)
		}
	}
	if ids, committed := indexed(); committed != len(ids) || len(ids) > stopAfter {
		t.Errorf("after the interruption the index holds %d karpenter talks, %d in the database", len(ids), committed)
	}

	// The next search answers with every finished file.
	hits, err := hitsOf(k.SearchTop(context.Background(), "karpenter", core.TalkFilter{}, nil))
	hits = talkHits(hits)
	if err != nil || len(hits) != stopAfter {
		t.Errorf("search after the interruption: %d hits (%v), want %d", len(hits), err, stopAfter)
	}
	// Importing again finishes the job.
	sum, err = k.Import(context.Background(), []string{dir}, ImportOptions{})
	if err != nil || sum.Imported != 30-stopAfter || sum.Skipped != stopAfter {
		t.Errorf("import again: %+v, %v; want %d imported, %d skipped", sum, err, 30-stopAfter, stopAfter)
	}
	if ids, committed := indexed(); committed != 30 || len(ids) != 30 {
		t.Errorf("after the second import the index holds %d karpenter talks, %d in the database; want 30", len(ids), committed)
	}
}
