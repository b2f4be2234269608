package kb

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/store"
)

func TestPrepareFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "post.md")
	content := "---\ntitle: AWS Summit Paris 2022\n---\n### Un titre\n\nDu texte.\n"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	first := prepareFile(path, nil, maxPostSize, nil)
	if first.action != actionSave {
		t.Fatalf("new file: action %v, want save (failure %v)", first.action, first.failure)
	}
	info, _ := os.Stat(path)
	same := store.SourceState{SHA256: first.sha256, Size: info.Size(), MTime: info.ModTime().UnixNano(), Status: "ok", Located: true}
	unlocated := same
	unlocated.Located = false

	tests := []struct {
		name  string
		known store.SourceState
		want  fileAction
	}{
		// A wrong digest proves the file was not even read.
		{"size and mtime unchanged: not read", withSHA(same, "not-a-digest"), actionSkip},
		{"mtime changed, same content", withMTime(same, 1), actionTouch},
		{"size and mtime same but last import warned", withStatus(same, "warning"), actionTouch},
		// Issue 16, item 4: stored before public addresses were, it is
		// read once for its front matter, its talks kept.
		{"size and mtime same but stored before addresses", unlocated, actionTouch},
		{"same content but last import failed", withStatus(withMTime(same, 1), "failed"), actionSave},
		{"content changed", withSHA(withMTime(same, 1), "other"), actionSave},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			known := tt.known
			if got := prepareFile(path, &known, maxPostSize, nil).action; got != tt.want {
				t.Errorf("action = %v, want %v", got, tt.want)
			}
		})
	}

	t.Run("missing file", func(t *testing.T) {
		r := prepareFile(filepath.Join(dir, "gone.md"), nil, maxPostSize, nil)
		if r.action != actionFail || r.failure.Reason != "no such file or directory" {
			t.Errorf("missing file: action %v, failure %+v; want fail with %q", r.action, r.failure, "no such file or directory")
		}
	})
}

func withSHA(s store.SourceState, sha string) store.SourceState { s.SHA256 = sha; return s }
func withMTime(s store.SourceState, m int64) store.SourceState  { s.MTime = m; return s }
func withStatus(s store.SourceState, st string) store.SourceState {
	s.Status = st
	return s
}

func TestPrepareAllKeepsFileOrder(t *testing.T) {
	files := make([]string, 200)
	for i := range files {
		files[i] = fmt.Sprint(i)
	}
	var got []string
	err := prepareAll(context.Background(), files, 8, func(p string) fileResult {
		time.Sleep(time.Duration(rand.Intn(300)) * time.Microsecond)
		return fileResult{path: p}
	}, func(r fileResult) error {
		got = append(got, r.path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != strings.Join(files, ",") {
		t.Errorf("handled out of order: %v", got)
	}

	// An error from handle stops everything without leaking a blocked
	// goroutine (the test would hang on a deadlock).
	stop := errors.New("stop")
	n := 0
	err = prepareAll(context.Background(), files, 4, func(p string) fileResult {
		return fileResult{path: p}
	}, func(r fileResult) error {
		if n++; n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 10 {
		t.Errorf("err = %v after %d files, want stop after 10", err, n)
	}
}

// testImport runs an import of paths into the knowledge base at dbPath
// and returns its summary.
func testImport(t *testing.T, dbPath string, paths ...string) (Summary, error) {
	t.Helper()
	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	return k.Import(context.Background(), paths, ImportOptions{})
}

func TestRunImportSkipsUnchanged(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, "posts")
	os.Mkdir(posts, 0o755)
	for _, name := range []string{"a.md", "b.md"} {
		os.WriteFile(filepath.Join(posts, name), []byte("---\ntitle: "+name+"\n---\n### Titre\n\nTexte.\n"), 0o644)
	}
	dbPath := filepath.Join(dir, "n.db")

	sum, err := testImport(t, dbPath, posts)
	if err != nil || sum.Imported != 2 || sum.Skipped != 0 {
		t.Fatalf("first import: %+v, %v; want 2 imported", sum, err)
	}
	sum, err = testImport(t, dbPath, posts)
	if err != nil || sum.Imported != 0 || sum.Skipped != 2 {
		t.Fatalf("second import: %+v, %v; want 2 skipped", sum, err)
	}
	// Same content, new mtime: skipped after reading.
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(posts, "a.md"), later, later)
	sum, err = testImport(t, dbPath, posts)
	if err != nil || sum.Imported != 0 || sum.Skipped != 2 {
		t.Fatalf("after touch: %+v, %v; want 2 skipped", sum, err)
	}
	// Changed content: imported again.
	os.WriteFile(filepath.Join(posts, "b.md"), []byte("---\ntitle: b\n---\n### Autre titre\n\nAutre texte.\n"), 0o644)
	sum, err = testImport(t, dbPath, posts)
	if err != nil || sum.Imported != 1 || sum.Skipped != 1 {
		t.Fatalf("after change: %+v, %v; want 1 imported, 1 skipped", sum, err)
	}
	// A missing path: the others still import, the error says how many failed.
	sum, err = testImport(t, dbPath, posts, filepath.Join(dir, "missing"))
	if err != nil || len(sum.Failed) != 1 || sum.Files != 3 || sum.Skipped != 2 {
		t.Fatalf("with a missing path: %+v, %v; want 1 failure and 2 skipped", sum, err)
	}
	if got := sum.Failed[0]; got.Path != filepath.Join(dir, "missing") || got.Line != nil {
		t.Errorf("failure = %+v", got)
	}
}

func TestSearchRebuildsMissingIndex(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "n.db")
	saveBehindIndex(t, dbPath, "posts/summit.md", "Karpenter en production")
	saveBehindIndex(t, dbPath, "posts/serverless.md", "Des millions d'événements")
	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	var log strings.Builder
	hits, err := hitsOf(k.SearchTop(context.Background(), "karpenter", core.TalkFilter{}, logOf(&log)))
	if err != nil {
		t.Fatal(err)
	}
	hits = talkHits(hits)
	if got := log.String(); got != "search index missing: rebuilding…\n" {
		t.Errorf("reported %q", got)
	}
	if len(hits) != 1 || hits[0].Talk.Title != "Karpenter en production" {
		t.Errorf("hits = %+v", hits)
	}

	// The rebuilt index is current: no rebuild the second time.
	log.Reset()
	hits, err = hitsOf(k.SearchTop(context.Background(), "événements", core.TalkFilter{}, logOf(&log)))
	if err != nil {
		t.Fatal(err)
	}
	hits = talkHits(hits)
	if log.Len() != 0 {
		t.Errorf("second search reported %q, want nothing", log.String())
	}
	if len(hits) != 1 || hits[0].Talk.ID != 2 || hits[0].Snippets == nil {
		t.Errorf("second search = %+v", hits)
	}
}

// TestExtractBudget: a post whose extraction outlasts the budget fails
// alone, with a message that says why, instead of holding back the import.
func TestExtractBudget(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "slow.md")
	if err := os.WriteFile(path, []byte("# AWS Summit Paris 2024\n\n### Un titre\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	defer close(release)
	orig, origBudget := extractPost, extractBudget
	defer func() { extractPost, extractBudget = orig, origBudget }()
	extractPost = func(doc core.Document) core.Post { <-release; return orig(doc) }
	extractBudget = 50 * time.Millisecond
	r := prepareFile(path, nil, maxPostSize, nil)
	if r.action != actionFail || !strings.Contains(r.failure.Reason, "extraction took longer than 50ms") {
		t.Fatalf("action %v, failure %+v; want a failure naming the budget", r.action, r.failure)
	}
	extractPost = func(core.Document) core.Post { panic("boom") }
	extractBudget = time.Minute
	if r := prepareFile(path, nil, maxPostSize, nil); r.action != actionFail || !strings.Contains(r.failure.Reason, "boom") {
		t.Fatalf("a panic in extraction: action %v, failure %+v; want it reported", r.action, r.failure)
	}
}

// talkHits keeps the talk hits of a search, for the tests written before
// posts were searchable.
func talkHits(hits []core.Hit) []core.Hit {
	var out []core.Hit
	for _, h := range hits {
		if h.Type == core.HitTalk {
			out = append(out, h)
		}
	}
	return out
}
