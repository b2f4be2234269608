package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
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
		{"database", &DBError{Err: errors.New("database is locked")}, ExitUsage},
		{"wrapped database", fmt.Errorf("save: %w", &DBError{Err: errors.New("disk I/O error")}), ExitUsage},
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
	k, err := kb.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	open := func() (*kb.KB, error) { return k, nil }

	s, stdout, stderr := render.Buffers()
	if err := runTalks(context.Background(), &TalksOptions{IO: s, KB: open}); err != nil {
		t.Fatal(err)
	}
	want := "1\tAWS Summit Paris 2022\t2022-04-12\tKarpenter en production\tJane Doe, John Roe\n" +
		"2\tAWS Summit Paris 2022\t2022-04-12\tServerless à grande échelle\tAlice Martin\n"
	if got := stdout.String(); got != want {
		t.Errorf("talks in a pipe:\ngot  %q\nwant %q", got, want)
	}

	s, stdout, stderr = render.Buffers()
	if err := runTalks(context.Background(), &TalksOptions{IO: s, KB: open, JSON: true, Filter: core.TalkFilter{Speaker: "alice"}}); err != nil {
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

	// Nothing matched, though each filter matches something: no output,
	// no error, no hint in a pipe.
	nothing := core.TalkFilter{Event: "paris", Kind: "workshop"}
	s, stdout, stderr = render.Buffers()
	if err := runTalks(context.Background(), &TalksOptions{IO: s, KB: open, Filter: nothing}); err != nil {
		t.Fatal(err)
	}
	if stdout.Len()+stderr.Len() != 0 {
		t.Errorf("no match printed %q / %q", stdout.String(), stderr.String())
	}
	// On a terminal, a hint on stderr.
	s, _, stderr = render.Buffers()
	s.OutTerminal = true
	if err := runTalks(context.Background(), &TalksOptions{IO: s, KB: open, Filter: nothing}); err != nil {
		t.Fatal(err)
	}
	if stderr.String() != "no talks match\n" {
		t.Errorf("hint = %q", stderr.String())
	}
}

func TestTalkPage(t *testing.T) {
	dbPath := seed(t)
	k, err := kb.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	open := func() (*kb.KB, error) { return k, nil }

	s, stdout, _ := render.Buffers()
	if err := runTalk(context.Background(), &TalkOptions{IO: s, KB: open, ID: 1}); err != nil {
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

	err = runTalk(context.Background(), &TalkOptions{IO: s, KB: open, ID: 99})
	var nf *NotFoundError
	if !errors.As(err, &nf) || err.Error() != "no talk with id 99" || ExitCode(err) != ExitFailure {
		t.Errorf("unknown id: %v (exit %d)", err, ExitCode(err))
	}
}
