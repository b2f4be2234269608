package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/render"
	"github.com/notes-kb/notes/internal/store"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"ok", nil, ExitOK},
		{"import failures", &ImportError{Failed: 2, Total: 5}, ExitFailure},
		{"wrapped import failures", fmt.Errorf("import: %w", &ImportError{Failed: 1}), ExitFailure},
		{"usage", usageErrorf("--year must be a four-digit year"), ExitUsage},
		{"cobra unknown command", errors.New(`unknown command "frob" for "notes"`), ExitUsage},
		{"cobra unknown flag", errors.New("unknown flag: --frob"), ExitUsage},
		{"cobra arg count", errors.New("accepts 1 arg(s), received 0"), ExitUsage},
		{"database", dbError(errors.New("database is locked")), ExitUsage},
		{"wrapped database", fmt.Errorf("save: %w", dbError(errors.New("disk I/O error"))), ExitUsage},
		{"not found", &NotFoundError{What: "talk", ID: "9"}, ExitFailure},
		{"interrupted", fmt.Errorf("import: %w", context.Canceled), ExitInterrupted},
		{"anything else", errors.New("search: boom"), ExitFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ExitCode(tt.err); got != tt.want {
				t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestRunPrintsErrorsOnce(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"unknown command", []string{"zzz"}, ExitUsage,
			"notes: unknown command \"zzz\" for \"notes\"\nRun 'notes --help' for usage.\n"},
		{"bad flag value", []string{"talks", "--limit", "-1"}, ExitUsage,
			"notes: --limit must be 0 (no limit) or more, not -1\nRun 'notes talks --help' for usage.\n"},
		{"extra argument", []string{"talks", "extra"}, ExitUsage,
			"notes: notes talks takes no arguments, got \"extra\"\nRun 'notes talks --help' for usage.\n"},
		{"no database", []string{"--db", filepath.Join(t.TempDir(), "x.db"), "talks"}, ExitUsage, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, stdout, stderr := render.Buffers()
			code := Run(context.Background(), tt.args, s, func(string) string { return "" })
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d", code, tt.wantCode)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
			if tt.wantStderr != "" && stderr.String() != tt.wantStderr {
				t.Errorf("stderr = %q, want %q", stderr.String(), tt.wantStderr)
			}
			if n := strings.Count(stderr.String(), "notes: "); n != 1 {
				t.Errorf("stderr has %d \"notes: \" lines, want 1: %q", n, stderr.String())
			}
		})
	}
}

func TestResolveDBPath(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tests := []struct {
		name string
		flag string
		env  func(string) string
		want string
	}{
		{"flag wins", "/f.db", env("NOTES_DB", "/e.db", "XDG_DATA_HOME", "/x"), "/f.db"},
		{"env", "", env("NOTES_DB", "/e.db", "XDG_DATA_HOME", "/x"), "/e.db"},
		{"xdg", "", env("XDG_DATA_HOME", "/x", "HOME", "/h"), "/x/notes/notes.db"},
		{"relative xdg ignored", "", env("XDG_DATA_HOME", "x", "HOME", "/h"), "/h/.local/share/notes/notes.db"},
		{"home", "", env("HOME", "/h"), "/h/.local/share/notes/notes.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := resolveDBPath(tt.flag, tt.env); got != tt.want {
				t.Errorf("resolveDBPath = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPrepareFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "post.md")
	content := "---\ntitle: AWS Summit Paris 2022\n---\n### Un titre\n\nDu texte.\n"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	first := prepareFile(path, nil, maxPostSize)
	if first.action != actionSave {
		t.Fatalf("new file: action %v, want save (failure %v)", first.action, first.failure)
	}
	info, _ := os.Stat(path)
	same := store.SourceState{SHA256: first.sha256, Size: info.Size(), MTime: info.ModTime().UnixNano(), Status: "ok"}

	tests := []struct {
		name  string
		known store.SourceState
		want  fileAction
	}{
		// A wrong digest proves the file was not even read.
		{"size and mtime unchanged: not read", withSHA(same, "not-a-digest"), actionSkip},
		{"mtime changed, same content", withMTime(same, 1), actionTouch},
		{"size and mtime same but last import warned", withStatus(same, "warning"), actionTouch},
		{"same content but last import failed", withStatus(withMTime(same, 1), "failed"), actionSave},
		{"content changed", withSHA(withMTime(same, 1), "other"), actionSave},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			known := tt.known
			if got := prepareFile(path, &known, maxPostSize).action; got != tt.want {
				t.Errorf("action = %v, want %v", got, tt.want)
			}
		})
	}

	t.Run("missing file", func(t *testing.T) {
		r := prepareFile(filepath.Join(dir, "gone.md"), nil, maxPostSize)
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

// testImport runs an import of paths into db and returns its JSON summary.
func testImport(t *testing.T, dbPath string, paths ...string) (importSummary, error) {
	t.Helper()
	s, stdout, _ := render.Buffers()
	var db *store.DB
	opts := &ImportOptions{
		IO:        s,
		Store:     func() (*store.DB, error) { var err error; db, err = store.Open(dbPath); return db, err },
		IndexPath: func() string { return dbPath + ".bleve" },
		Paths:     paths,
		JSON:      true,
	}
	err := runImport(context.Background(), opts)
	if db != nil {
		db.Close()
	}
	var sum importSummary
	if jerr := json.Unmarshal(stdout.Bytes(), &sum); jerr != nil {
		t.Fatalf("import --json printed %q: %v", stdout.String(), jerr)
	}
	return sum, err
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
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Failed != 1 || len(sum.Failed) != 1 || sum.Skipped != 2 {
		t.Fatalf("with a missing path: %+v, %v; want 1 failure and 2 skipped", sum, err)
	}
	if got := sum.Failed[0]; got.Path != filepath.Join(dir, "missing") || got.Line != nil {
		t.Errorf("failure = %+v", got)
	}
}

// seed stores two posts directly, so that listing and search tests do not
// depend on extraction.
func seed(t *testing.T) (dbPath string) {
	t.Helper()
	dbPath = filepath.Join(t.TempDir(), "n.db")
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	summit := &core.Event{Name: "AWS Summit Paris 2022", Series: "AWS Summit", City: "Paris", Year: 2022, Date: "2022-04-12"}
	_, err = db.SavePost(ctx, store.FileInfo{Path: "posts/summit.md", SHA256: "1"}, core.Post{
		Format: core.FormatMarkdown,
		Event:  summit,
		Talks: []core.Talk{{
			Title:    "Karpenter en production",
			Kind:     core.KindTalk,
			Line:     12,
			Speakers: []core.Speaker{{Name: "Jane Doe", Role: "Solutions Architect", Company: "AWS"}, {Name: "John Roe"}},
			Services: []core.ServiceCount{{Name: "Amazon EKS", Mentions: 2}},
			Body:     "Karpenter remplace **Cluster Autoscaler** sur EKS.\x1b]52;c;cm0gLXJm\x07",
		}, {
			Title:    "Serverless \x1b[31mà grande échelle",
			Kind:     core.KindKeynote,
			Line:     30,
			Speakers: []core.Speaker{{Name: "Alice Martin", Company: "Foo"}},
			Services: []core.ServiceCount{{Name: "AWS Lambda", Mentions: 1}},
			Body:     "Des millions d'événements avec Lambda.",
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return dbPath
}

func TestTalksPipeAndJSON(t *testing.T) {
	dbPath := seed(t)
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	open := func() (*store.DB, error) { return db, nil }

	s, stdout, stderr := render.Buffers()
	if err := runTalks(context.Background(), &TalksOptions{IO: s, Store: open}); err != nil {
		t.Fatal(err)
	}
	want := "1\tAWS Summit Paris 2022\t2022-04-12\tKarpenter en production\tJane Doe, John Roe\n" +
		"2\tAWS Summit Paris 2022\t2022-04-12\tServerless à grande échelle\tAlice Martin\n"
	if got := stdout.String(); got != want {
		t.Errorf("talks in a pipe:\ngot  %q\nwant %q", got, want)
	}

	s, stdout, stderr = render.Buffers()
	if err := runTalks(context.Background(), &TalksOptions{IO: s, Store: open, JSON: true, Filter: core.TalkFilter{Speaker: "alice"}}); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0]["title"] != "Serverless \x1b[31mà grande échelle" || got[0]["kind"] != "keynote" {
		t.Errorf("talks --json --speaker alice = %s", stdout.String())
	}
	for _, key := range []string{"id", "title", "kind", "event", "source", "speakers", "companies", "services", "note_authors"} {
		if _, ok := got[0][key]; !ok {
			t.Errorf("talk JSON lacks %q: %s", key, stdout.String())
		}
	}

	// Nothing matched: no output, no error, no hint in a pipe.
	s, stdout, stderr = render.Buffers()
	if err := runTalks(context.Background(), &TalksOptions{IO: s, Store: open, Filter: core.TalkFilter{Event: "xebicon"}}); err != nil {
		t.Fatal(err)
	}
	if stdout.Len()+stderr.Len() != 0 {
		t.Errorf("no match printed %q / %q", stdout.String(), stderr.String())
	}
	// On a terminal, a hint on stderr.
	s, _, stderr = render.Buffers()
	s.OutTerminal = true
	if err := runTalks(context.Background(), &TalksOptions{IO: s, Store: open, Filter: core.TalkFilter{Event: "xebicon"}}); err != nil {
		t.Fatal(err)
	}
	if stderr.String() != "no talks match\n" {
		t.Errorf("hint = %q", stderr.String())
	}
}

func TestTalkPage(t *testing.T) {
	dbPath := seed(t)
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	open := func() (*store.DB, error) { return db, nil }

	s, stdout, _ := render.Buffers()
	if err := runTalk(context.Background(), &TalkOptions{IO: s, Store: open, ID: 1}); err != nil {
		t.Fatal(err)
	}
	page := stdout.String()
	for _, want := range []string{
		"# Karpenter en production\n",
		"**AWS Summit Paris 2022** · 2022-04-12",
		"* Jane Doe — Solutions Architect, AWS\n",
		"* John Roe\n",
		"**AWS services:** Amazon EKS",
		"Karpenter remplace **Cluster Autoscaler** sur EKS.",
		"`posts/summit.md:12`",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("talk page lacks %q:\n%s", want, page)
		}
	}
	if strings.ContainsRune(page, 0x1b) {
		t.Errorf("talk page holds an escape sequence: %q", page)
	}

	err = runTalk(context.Background(), &TalkOptions{IO: s, Store: open, ID: 99})
	var nf *NotFoundError
	if !errors.As(err, &nf) || err.Error() != "no talk with id 99" || ExitCode(err) != ExitFailure {
		t.Errorf("unknown id: %v (exit %d)", err, ExitCode(err))
	}
}

func TestSearchRebuildsMissingIndex(t *testing.T) {
	dbPath := seed(t)
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	opts := &SearchOptions{
		Store:     func() (*store.DB, error) { return db, nil },
		IndexPath: func() string { return dbPath + ".bleve" },
		Query:     "karpenter",
	}
	s, stdout, stderr := render.Buffers()
	opts.IO = s
	if err := runSearch(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if got := stderr.String(); got != "search index missing: rebuilding…\n" {
		t.Errorf("stderr = %q", got)
	}
	if !strings.HasPrefix(stdout.String(), "## 1. Karpenter en production\n") {
		t.Errorf("search output:\n%s", stdout.String())
	}

	// The rebuilt index is current: no rebuild the second time.
	s, stdout, stderr = render.Buffers()
	opts.IO, opts.JSON, opts.Query = s, true, "événements"
	if err := runSearch(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if stderr.Len() != 0 {
		t.Errorf("second search stderr = %q, want nothing", stderr.String())
	}
	var hits []searchResult
	if err := json.Unmarshal(stdout.Bytes(), &hits); err != nil {
		t.Fatalf("search --json printed %q: %v", stdout.String(), err)
	}
	if len(hits) != 1 || hits[0].Talk.ID != 2 || hits[0].Snippets == nil {
		t.Errorf("search --json = %s", stdout.String())
	}
}
