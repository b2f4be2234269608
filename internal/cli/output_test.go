package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/render"
	"github.com/notes-kb/notes/internal/store"
)

// TestSafetyScripts runs the scripts of testdata/script/safety, which need
// posts holding raw control characters: txtar files cannot hold them
// comfortably, so ctrl-escapes writes them when the script runs.
func TestSafetyScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:   "../../testdata/script/safety",
		Setup: ScriptSetup,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// ctrl-escapes FILE replaces the text \x1b, \x07 and \x9b in
			// FILE by ESC, BEL and U+009B (the 8-bit CSI, in UTF-8).
			"ctrl-escapes": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: ctrl-escapes file")
				}
				path := ts.MkAbs(args[0])
				b, err := os.ReadFile(path)
				ts.Check(err)
				r := strings.NewReplacer(`\x1b`, "\x1b", `\x07`, "\x07", `\x9b`, "\u009b")
				ts.Check(os.WriteFile(path, []byte(r.Replace(string(b))), 0o644))
			},
			"exits": ScriptExits,
		},
	})
}

// hostileDB stores, without going through extraction, a post whose every
// field holds terminal control sequences and Markdown meant to break the
// page: the rendering layer alone must keep them off the screen.
func hostileDB(t *testing.T) string {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "n.db")
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	osc := "\x1b]52;c;ZXZpbA==\x07"
	ev := &core.Event{Name: "AWS Summit " + osc + "Paris 2022", Series: "AWS Summit", City: "Paris\x1b[2J", Year: 2022, Date: "2022-04-12"}
	_, err = db.SavePost(context.Background(), store.FileInfo{Path: "posts/evil\x1b[2J.md", SHA256: "1"}, core.Post{
		Format: core.FormatMarkdown,
		Event:  ev,
		Talks: []core.Talk{{
			Title:       "# <script>alert(1)</script> | `x` " + osc + "Karpenter\x1b[2J",
			Kind:        core.KindTalk,
			Line:        12,
			Speakers:    []core.Speaker{{Name: "Jane \x1b[31mDoe", Role: "SA\u009b31m", Company: "AWS" + osc}},
			Companies:   []string{"Acme\x1b[1;1H"},
			Services:    []core.ServiceCount{{Name: "Amazon EKS", Mentions: 1}},
			NoteAuthors: []string{"Léa \x1b[5mMartin"},
			Body:        "Karpenter " + osc + "remplace **Cluster Autoscaler**\x1b[2J sur EKS. &#27;[31mrouge\n\n* un\x08\x08point\n",
			Summary:     "Karpenter " + osc + "remplace Cluster Autoscaler\x1b[2J sur EKS.",
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return dbPath
}

// sgr matches the styling sequences glamour and tables may write on a
// terminal: colours, bold, reset. Nothing else may reach the screen.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// controls matches any C0 control but newline and tab, DEL, and the C1
// controls.
var controls = regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f]")

// TestNoControlSequencesReachTheScreen runs every command on a post full of
// control sequences, in a pipe and on a (pretend) colour terminal, and
// checks that the only escape sequences written are the styling ones of
// a terminal.
func TestNoControlSequencesReachTheScreen(t *testing.T) {
	dbPath := hostileDB(t)
	commands := [][]string{
		{"talks"},
		{"talks", "--json"},
		{"talk", "1"},
		{"talk", "1", "--json"},
		{"events"},
		{"speakers"},
		{"companies"},
		{"companies", "--by-year"},
		{"services", "--by-year"},
		{"sources"},
		{"sources", "--json"},
		{"digest"},
		{"digest", "--format", "html"},
		{"search", "karpenter"},
	}
	for _, terminal := range []bool{false, true} {
		for _, args := range commands {
			name := strings.Join(args, " ")
			if terminal {
				name += " on a terminal"
			}
			t.Run(name, func(t *testing.T) {
				s, stdout, stderr := render.Buffers()
				if terminal {
					s.OutTerminal, s.ErrTerminal, s.Color, s.Style, s.Height = true, true, true, "dark", 1000
				}
				getenv := func(string) string { return "" }
				full := append([]string{"--db", dbPath}, args...)
				if code := Run(context.Background(), full, s, getenv); code != ExitOK {
					t.Fatalf("exit %d: %s", code, stderr.String())
				}
				for _, stream := range []*bytes.Buffer{stdout, stderr} {
					out := stream.String()
					bare := sgr.ReplaceAllString(out, "")
					if loc := controls.FindStringIndex(bare); loc != nil {
						t.Errorf("output holds %q near %q", bare[loc[0]:loc[1]], bare[max(loc[0]-30, 0):min(loc[1]+30, len(bare))])
					}
					if !terminal && out != bare {
						t.Errorf("pipe output holds styling: %q", out)
					}
				}
				if stdout.Len() == 0 {
					t.Errorf("no output")
				}
			})
		}
	}
	// The hostile title is one heading of the page, escaped, in a pipe.
	s, stdout, _ := render.Buffers()
	if code := Run(context.Background(), []string{"--db", dbPath, "talk", "1"}, s, func(string) string { return "" }); code != ExitOK {
		t.Fatal(code)
	}
	if want := "# \\# \\<script\\>alert(1)\\</script\\> \\| \\`x\\` Karpenter\n"; !strings.HasPrefix(stdout.String(), want) {
		t.Errorf("talk page starts %q, want %q", stdout.String()[:min(80, stdout.Len())], want)
	}
}

// TestTerminalThroughPTY runs notes on a real pseudo-terminal (util-linux
// script(1) provides it) and checks that talk 1 is styled, that NO_COLOR
// turns the styling off, and that long output goes through $PAGER.
func TestTerminalThroughPTY(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("script -qec is util-linux's syntax")
	}
	scriptBin, err := exec.LookPath("script")
	if err != nil {
		t.Skip("no script(1) to provide a pseudo-terminal")
	}
	if _, err := exec.LookPath("notes"); err != nil {
		t.Skip("notes is not on $PATH (TestMain sets it up)")
	}
	dbPath := hostileDB(t)
	run := func(t *testing.T, env []string, args ...string) string {
		t.Helper()
		line := "notes --db " + dbPath
		for _, a := range args {
			line += " '" + a + "'"
		}
		cmd := exec.Command(scriptBin, "-qec", line, "/dev/null")
		cmd.Env = append(os.Environ(), "SHELL=/bin/sh", "TERM=xterm-256color", "GLAMOUR_STYLE=dark",
			"COLUMNS=80", "LINES=1000", "PAGER=cat", "NO_COLOR=", "NOTES_DB=")
		cmd.Env = append(cmd.Env, env...)
		cmd.Stdin = strings.NewReader("")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
		return string(out)
	}

	t.Run("talk is styled", func(t *testing.T) {
		out := run(t, nil, "talk", "1")
		if !sgr.MatchString(out) {
			t.Fatalf("talk 1 on a terminal has no ANSI styling:\n%q", out)
		}
		bare := sgr.ReplaceAllString(out, "")
		if loc := controls.FindStringIndex(strings.ReplaceAll(bare, "\r", "")); loc != nil {
			t.Errorf("terminal output holds a control character other than styling: %q", bare)
		}
		if !strings.Contains(bare, "Karpenter remplace") || strings.Contains(bare, "# \\#") {
			t.Errorf("talk 1 was not rendered:\n%s", bare)
		}
	})
	t.Run("width", func(t *testing.T) {
		for _, args := range [][]string{{"--width", "50", "talk", "1"}, {"talk", "1"}} {
			want := 80 // COLUMNS
			if args[0] == "--width" {
				want = 50
			}
			out := sgr.ReplaceAllString(run(t, nil, args...), "")
			for _, line := range strings.Split(strings.ReplaceAll(out, "\r", ""), "\n") {
				if n := utf8.RuneCountInString(line); n > want {
					t.Errorf("%v: line of %d columns, want at most %d: %q", args, n, want, line)
				}
			}
		}
	})
	t.Run("tables on a terminal", func(t *testing.T) {
		out := sgr.ReplaceAllString(run(t, nil, "talks"), "")
		if !strings.Contains(out, "ID  EVENT") || !strings.Contains(out, "1 talk\r\n") {
			t.Errorf("talks on a terminal:\n%s", out)
		}
	})
	t.Run("NO_COLOR", func(t *testing.T) {
		out := run(t, []string{"NO_COLOR=1"}, "talk", "1")
		if strings.ContainsRune(out, 0x1b) {
			t.Errorf("NO_COLOR output holds escapes:\n%q", out)
		}
		out = run(t, nil, "--no-color", "talks")
		if strings.ContainsRune(out, 0x1b) {
			t.Errorf("--no-color output holds escapes:\n%q", out)
		}
	})
	t.Run("pager", func(t *testing.T) {
		out := run(t, []string{"LINES=5", "PAGER=sed s/^/paged:/"}, "talk", "1")
		if !strings.Contains(out, "paged:") {
			t.Errorf("long output did not go through $PAGER:\n%s", out)
		}
		out = run(t, []string{"LINES=5", "PAGER=sed s/^/paged:/"}, "--no-pager", "talk", "1")
		if strings.Contains(out, "paged:") {
			t.Errorf("--no-pager still paged:\n%s", out)
		}
		// A pager quitting at once is not an error.
		run(t, []string{"LINES=5", "PAGER=true"}, "digest")
	})
}
