package kb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
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

// TestIndexUpdateDetectsForeignWrites: the import follows the database
// generation save by save; a save that reports a generation other than
// the import's own count means another notes changed talks in between.
func TestIndexUpdateDetectsForeignWrites(t *testing.T) {
	type save struct {
		gen    int64
		bumped bool
	}
	tests := []struct {
		name    string
		start   int64
		saves   []save
		foreign bool
	}{
		{"alone", 4, []save{{5, true}, {5, false}, {6, true}}, false},
		{"nothing saved", 4, nil, false},
		{"a foreign save in between", 4, []save{{5, true}, {7, true}}, true},
		{"a foreign save before ours", 4, []save{{6, true}}, true},
		{"a foreign save before a save without talks", 4, []save{{5, false}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := indexUpdate{gen: tt.start}
			for _, s := range tt.saves {
				ix.saved(nil, nil, nil, s.gen, s.bumped)
			}
			if ix.foreign != tt.foreign {
				t.Errorf("foreign = %v, want %v", ix.foreign, tt.foreign)
			}
		})
	}
}

// TestIndexUpdateReusedIDs pins the bug of search-after-reimport.txtar at
// the unit level: an id removed, then saved again for a new talk, is put
// into the index and not deleted from it.
func TestIndexUpdateReusedIDs(t *testing.T) {
	body := search.Prepare("new")
	ix := indexUpdate{lock: &indexLock{}, bodies: map[int64]*search.Prepared{}, removed: map[int64]bool{}}
	ix.saved([]int64{7, 8}, []int64{7}, []*search.Prepared{body}, 1, true)
	ix.saved([]int64{9}, nil, nil, 2, true)
	if len(ix.removed) != 2 || ix.removed[7] || !ix.removed[8] || !ix.removed[9] {
		t.Errorf("removed = %v, want 8 and 9", ix.removed)
	}
	if len(ix.pending) != 1 || ix.pending[0] != 7 || ix.bodies[7] != body {
		t.Errorf("pending = %v, bodies %v; want 7 with its body", ix.pending, ix.bodies)
	}
}

func TestIndexLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.db.bleve")
	first, err := lockIndex(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := lockIndex(path, 200*time.Millisecond); !errors.Is(err, ErrIndexLocked) {
		t.Errorf("second lock = %v, want ErrIndexLocked", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("waited %v for a held lock, want about 200ms", d)
	}
	first.release()
	first.release() // twice is harmless
	again, err := lockIndex(path, time.Second)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again.release()

	// A damaged lock file (a full disk, a kill during its creation) is
	// replaced rather than blocking every import.
	if err := os.WriteFile(path+".lock", []byte("not a bolt file, not at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := lockIndex(path, time.Second)
	if err != nil {
		t.Fatalf("lock over a damaged lock file: %v", err)
	}
	l.release()
}

// logOf is a Report that writes what a person should hear of to log,
// one line each, as the command line words it.
func logOf(log *strings.Builder) func(Event) {
	return func(e Event) {
		switch e.Kind {
		case EventFailed:
			fmt.Fprintln(log, e.Failure)
		case EventWarning:
			fmt.Fprintln(log, e.Failure.WarningLine())
		case EventIndexSkipped:
			fmt.Fprintf(log, "warning: index not updated: %v\n", e.Err)
		case EventRebuilding:
			fmt.Fprintf(log, "search index %s: rebuilding…\n", e.Text)
		case EventIndexBusy:
			fmt.Fprintln(log, "the search index is being updated by another notes")
		case EventIndexStale:
			fmt.Fprintf(log, "stale: %v\n", e.Err)
		}
	}
}

// importFiles imports posts (name → content) written into a new folder,
// into dbPath, and returns what the import reported.
func importFiles(t *testing.T, dbPath string, posts map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range posts {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	var log strings.Builder
	if _, err := k.Import(context.Background(), []string{dir}, ImportOptions{Report: logOf(&log)}); err != nil {
		t.Fatalf("import: %v\n%s", err, log.String())
	}
	return log.String()
}

const twoTalks = `---
title: AWS Summit Paris 2022
---
### Karpenter en production

Conférence présentée par :

* Jane Doe - Solutions Architect, AWS

Karpenter sur Amazon EKS.

### Serverless à grande échelle

Conférence présentée par :

* Alice Martin - CTO, Foo

Des événements avec AWS Lambda.
`

// searchFor runs a search and returns its hits' titles and what it
// reported.
func searchFor(t *testing.T, dbPath, query string) ([]string, string, error) {
	t.Helper()
	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	var log strings.Builder
	hits, err := hitsOf(k.SearchTop(context.Background(), query, core.TalkFilter{Limit: 1000}, logOf(&log)))
	var titles []string
	for _, h := range talkHits(hits) {
		titles = append(titles, h.Talk.Title)
	}
	return titles, log.String(), err
}

// saveBehindIndex stores a talk without going through the index, as an
// import that was killed before updating it (or ran beside another) does.
func saveBehindIndex(t *testing.T, dbPath, path, title string) {
	t.Helper()
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.SavePost(context.Background(), store.FileInfo{Path: path, SHA256: path}, core.Post{
		Format: core.FormatMarkdown,
		Talks:  []core.Talk{{Title: title, Kind: core.KindTalk, Line: 1, Body: title + " zanzibar"}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImportRebuildsStaleIndex: an index behind the database at the start
// of an import (an earlier import was killed after its last commit) is
// rebuilt by the import, so the next search is current without a rebuild.
func TestImportRebuildsStaleIndex(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "n.db")
	importFiles(t, dbPath, map[string]string{"a.md": twoTalks})
	saveBehindIndex(t, dbPath, "killed.md", "Talk the index missed")

	stderr := importFiles(t, dbPath, map[string]string{"b.md": strings.ReplaceAll(twoTalks, "2022", "2023")})
	if !strings.Contains(stderr, "search index was behind the database: rebuilding…\n") {
		t.Errorf("import stderr = %q, want a rebuild", stderr)
	}
	titles, stderr, err := searchFor(t, dbPath, "zanzibar")
	if err != nil || len(titles) != 1 || titles[0] != "Talk the index missed" || stderr != "" {
		t.Errorf("search = %q, %q, %v; want the missed talk, no rebuild", titles, stderr, err)
	}
}

// TestSearchWhileIndexLocked: while another notes holds the index lock (an
// import), a search neither waits nor rebuilds: it answers from the index
// as last written, saying it may miss changes, or says the index is busy
// when there is none to read.
func TestSearchWhileIndexLocked(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "n.db")
	importFiles(t, dbPath, map[string]string{"a.md": twoTalks})
	saveBehindIndex(t, dbPath, "new.md", "A talk being imported")
	lock, err := lockIndex(dbPath+".bleve", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.release()
	defer func(d time.Duration) { searchLockWait = d }(searchLockWait)
	searchLockWait = 300 * time.Millisecond

	start := time.Now()
	titles, stderr, err := searchFor(t, dbPath, "karpenter")
	if err != nil || len(titles) != 1 || !strings.Contains(stderr, "being updated by another notes") || strings.Contains(stderr, "rebuilding") {
		t.Errorf("search during import = %q, %q, %v; want the old hit and a note", titles, stderr, err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("search took %v during an import", d)
	}

	if err := os.RemoveAll(dbPath + ".bleve"); err != nil {
		t.Fatal(err)
	}
	_, _, err = searchFor(t, dbPath, "karpenter")
	if err == nil || !strings.Contains(err.Error(), "search index is busy") {
		t.Errorf("search with no index during import: %v; want busy", err)
	}

	lock.release()
	titles, stderr, err = searchFor(t, dbPath, "zanzibar")
	if err != nil || len(titles) != 1 || !strings.Contains(stderr, "search index missing: rebuilding…") {
		t.Errorf("search after the import = %q, %q, %v; want a rebuild finding the new talk", titles, stderr, err)
	}
}

// TestRebuildIndexKeepsReaders: a rebuild builds beside the old index and
// swaps it in: a search holding the old index keeps reading it, leftovers
// of a killed rebuild are cleared, and the new index is current.
func TestRebuildIndexKeepsReaders(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "n.db")
	path := dbPath + ".bleve"
	importFiles(t, dbPath, map[string]string{"a.md": twoTalks})
	saveBehindIndex(t, dbPath, "new.md", "A newer talk")
	for _, leftover := range []string{path + ".new", path + ".old"} {
		if err := os.MkdirAll(filepath.Join(leftover, "store"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	reader, err := search.OpenReadOnly(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()

	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := rebuildIndex(context.Background(), db, path)
	if err != nil || n != 3 {
		t.Fatalf("rebuildIndex = %d, %v; want 3 talks", n, err)
	}
	if res, err := reader.SearchAll("karpenter", search.Filters{}, 5); err != nil || res.TalkTotal != 1 {
		t.Errorf("old reader after the rebuild: %v, %v", res, err)
	}
	for _, leftover := range []string{path + ".new", path + ".old"} {
		if _, err := os.Stat(leftover); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s still there: %v", leftover, err)
		}
	}
	fresh, err := search.OpenReadOnly(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	gen, _ := db.Generation(context.Background())
	if state, _ := fresh.State(); state != strconv.FormatInt(gen, 10) {
		t.Errorf("rebuilt index state %q, database generation %d", state, gen)
	}
	if hits, _ := fresh.Search("zanzibar", search.Filters{}, 5); len(hits) != 1 {
		t.Errorf("rebuilt index misses the newer talk: %v", hits)
	}
}

// TestFailureOfPermission: a permission error reads as the cause only,
// after the path (simulated: the tests run as root, who reads anything).
func TestFailureOfPermission(t *testing.T) {
	err := &fs.PathError{Op: "open", Path: "posts/secret.md", Err: fs.ErrPermission}
	if got := failureOf("posts/secret.md", err).String(); got != "posts/secret.md: permission denied" {
		t.Errorf("failure = %q", got)
	}
}

// TestConcurrentImports is the quick, in-process cousin of make stress: two
// imports of the same folder at once on one database both succeed, and
// afterwards the search index holds every talk, without a rebuild.
func TestConcurrentImports(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 {
		post := strings.NewReplacer("2022", strconv.Itoa(1990+i), "Karpenter", fmt.Sprintf("Karpenter %d", i),
			"Serverless", fmt.Sprintf("Serverless %d", i)).Replace(twoTalks)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%02d.md", i)), []byte(post), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dbPath := filepath.Join(t.TempDir(), "n.db")
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			k, err := Open(dbPath)
			if err != nil {
				errs <- err
				return
			}
			defer k.Close()
			var log strings.Builder
			sum, err := k.Import(context.Background(), []string{dir}, ImportOptions{Workers: 1, Report: logOf(&log)})
			if err == nil && len(sum.Failed) > 0 {
				err = fmt.Errorf("%d files failed", len(sum.Failed))
			}
			if err != nil {
				err = fmt.Errorf("%w\n%s", err, log.String())
			}
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Errorf("import: %v", err)
		}
	}
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	talks, _ := db.Talks(context.Background(), core.TalkFilter{})
	check, _ := db.IntegrityCheck(context.Background())
	db.Close()
	if len(talks) != 80 || check != "ok" {
		t.Fatalf("%d talks, integrity %q; want 80, ok", len(talks), check)
	}
	titles, stderr, err := searchFor(t, dbPath, "karpenter")
	if err != nil || len(titles) != 40 || stderr != "" {
		t.Errorf("search after the imports: %d hits, %q, %v; want 40, no rebuild", len(titles), stderr, err)
	}
}

// TestByteBudget: big posts wait for each other; a post over the whole
// budget still gets through, alone.
func TestByteBudget(t *testing.T) {
	b := newByteBudget(10)
	if n := b.acquire(25); n != 10 {
		t.Fatalf("acquire(25) took %d, want the whole budget, 10", n)
	}
	b.release(10)
	first := b.acquire(6)
	got := make(chan int64)
	go func() { got <- b.acquire(6) }()
	select {
	case <-got:
		t.Fatal("a second 6 of 10 was granted while the first is held")
	case <-time.After(50 * time.Millisecond):
	}
	b.release(first)
	select {
	case n := <-got:
		b.release(n)
	case <-time.After(5 * time.Second):
		t.Fatal("release did not wake the waiting acquire")
	}
	if b.free != 10 {
		t.Errorf("free = %d after every release, want 10", b.free)
	}
}

// TestSearchRebuildsStaleIndex: an index older than the database (its
// generation is behind) is rebuilt by the next search, which then finds
// what the index missed; the search after it does not rebuild again.
func TestSearchRebuildsStaleIndex(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "n.db")
	importFiles(t, dbPath, map[string]string{"a.md": twoTalks})
	saveBehindIndex(t, dbPath, "behind.md", "Talk the index missed")
	titles, stderr, err := searchFor(t, dbPath, "zanzibar")
	if err != nil || len(titles) != 1 || stderr != "search index out of date: rebuilding…\n" {
		t.Errorf("search = %q, %q, %v; want a rebuild and the missed talk", titles, stderr, err)
	}
	titles, stderr, err = searchFor(t, dbPath, "karpenter")
	if err != nil || len(titles) != 1 || stderr != "" {
		t.Errorf("second search = %q, %q, %v; want a hit and no rebuild", titles, stderr, err)
	}
}

// TestImportIndexesInBatches imports more talks than a batch holds, so that
// the index is written by the import's index goroutine several times and
// then finished: every talk is found, and the index is current (the next
// search does not rebuild it).
func TestImportIndexesInBatches(t *testing.T) {
	defer func(n int) { indexBatch = n }(indexBatch)
	indexBatch = 3
	dbPath := filepath.Join(t.TempDir(), "notes.db")
	posts := map[string]string{}
	for i := range 6 {
		posts[fmt.Sprintf("summit-%d.md", i)] = strings.ReplaceAll(twoTalks, "Karpenter en production", fmt.Sprintf("Karpenter en production %d", i))
	}
	if stderr := importFiles(t, dbPath, posts); strings.Contains(stderr, "rebuilding") || strings.Contains(stderr, "warning") {
		t.Fatalf("import stderr: %s", stderr)
	}
	titles, stderr, err := searchFor(t, dbPath, "karpenter")
	if err != nil || stderr != "" {
		t.Fatalf("search: %v, stderr %q", err, stderr)
	}
	if len(titles) != 6 {
		t.Errorf("search found %d talks, want the 6 imported: %q", len(titles), titles)
	}
}

// TestRebuildIndexInBatches rebuilds an index of more talks than a batch
// holds: the talks are read and prepared a batch ahead of the one being
// written, and every one of them ends up in the index. A cancelled rebuild
// stops, reports why and leaves no half-built index behind.
func TestRebuildIndexInBatches(t *testing.T) {
	defer func(n int) { indexBatch = n }(indexBatch)
	indexBatch = 3
	dbPath := filepath.Join(t.TempDir(), "notes.db")
	path := dbPath + ".bleve"
	posts := map[string]string{}
	for i := range 7 {
		posts[fmt.Sprintf("summit-%d.md", i)] = strings.ReplaceAll(twoTalks, "Karpenter en production", fmt.Sprintf("Karpenter en production %d", i))
	}
	importFiles(t, dbPath, posts)
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ids, err := db.TalkIDs(context.Background())
	if err != nil || len(ids) < 2*indexBatch+1 {
		t.Fatalf("%d talks (%v): the test needs several batches", len(ids), err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := rebuildIndex(ctx, db, path); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled rebuild: %v, want context.Canceled", err)
	}
	if _, err := os.Stat(path + ".new"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("cancelled rebuild left %s.new: %v", path, err)
	}

	n, err := rebuildIndex(context.Background(), db, path)
	if err != nil || n != len(ids) {
		t.Fatalf("rebuildIndex = %d, %v; want %d talks", n, err, len(ids))
	}
	idx, err := search.OpenReadOnly(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	postIDs, err := db.PostIDs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if count, err := idx.Count(); err != nil || count != uint64(len(ids)+len(postIDs)) {
		t.Errorf("index holds %d documents (%v), want %d talks and %d posts", count, err, len(ids), len(postIDs))
	}
	res, err := idx.SearchAll("karpenter", search.Filters{}, 0)
	if err != nil || res.TalkTotal != 7 {
		t.Errorf("karpenter: %d talk hits (%v), want the 7 imported", res.TalkTotal, err)
	}
}

// hitsOf is the hits of a search, for tests that look at nothing else.
func hitsOf(r SearchResult, err error) ([]core.Hit, error) { return r.Hits, err }
