package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/render"
)

// controlChar matches what a terminal would interpret rather than print:
// C0 controls but newline and tab, DEL, and the C1 controls.
var controlChar = regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f]")

// hostileName holds an OSC 52 clipboard write (ESC ] 52 … BEL), a screen
// clear, a backspace, a carriage return and an 8-bit OSC and CSI: a file
// name may hold any of them.
const hostileName = "osc52-\x1b]52;c;aGk=\x07-\x1b[2J-\b-\r-\u009d8;;x\u009c-\u009b31m-end"

const echoPost = `---
title: "AWS Summit Paris 2022 : nos notes"
---
L'AWS Summit Paris 2022 s'est déroulé le 12 avril 2022.

### Karpenter en production

Conférence présentée par :

* Jane Doe - Solutions Architect, AWS

Karpenter remplace Cluster Autoscaler sur Amazon EKS.
`

// TestEchoedValuesAreSanitized is the regression test of issue 13, item 5:
// file names, --db and -o values and unknown flags echoed on stderr (in
// --explain lines, warnings, failures and errors) reached the terminal with
// their escape sequences.
func TestEchoedValuesAreSanitized(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, "posts")
	if err := os.Mkdir(posts, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(posts, name), []byte(content), 0o644); err != nil {
			t.Skipf("this file system refuses control characters in names: %v", err)
		}
	}
	write(hostileName+".md", echoPost)
	write("warn-"+hostileName+".md", "---\ntitle: [unclosed\n---\n"+echoPost)
	write("fail-"+hostileName+".md", "\x00\x01\x02binary\x00\x00")
	db := filepath.Join(dir, "n.db")
	hostileDir := filepath.Join(dir, "db-"+hostileName)
	if err := os.Mkdir(hostileDir, 0o755); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		args []string
		want string // on stderr, once sanitized
	}{
		{"import --explain, warnings, failures", []string{"--db", db, "import", "--explain", posts}, "osc52-------end.md: talk"},
		{"dry run", []string{"import", "--dry-run", "--explain", posts}, "osc52-"},
		{"--db is a folder", []string{"--db", hostileDir, "talks"}, "db-osc52-"},
		{"--db does not exist", []string{"--db", filepath.Join(dir, hostileName+".db"), "talks"}, "osc52-"},
		{"unknown flag", []string{"talks", "--" + hostileName}, "unknown flag: --osc52-"},
		{"unknown command", []string{hostileName}, "unknown command"},
		{"-o in a missing folder", []string{"--db", db, "digest", "-o", filepath.Join(dir, hostileName, "d.md")}, "osc52-"},
		{"-o of no talks", []string{"--db", db, "digest", "--year", "1999", "-o", filepath.Join(dir, hostileName+".md")}, "not written"},
		{"-o written", []string{"--db", db, "digest", "-o", filepath.Join(dir, hostileName+".md")}, "wrote "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, stderr := render.Buffers()
			Run(context.Background(), tt.args, s, func(string) string { return "" })
			got := stderr.String()
			if loc := controlChar.FindStringIndex(got); loc != nil {
				t.Errorf("stderr holds control character %q at %d:\n%q", got[loc[0]:loc[1]], loc[0], got)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("stderr = %q, want it to hold %q", got, tt.want)
			}
		})
	}
}

// TestIndexFileAdvice is a regression test of issue 13, item 8: with a
// file where the index's folder should be, import advised "the next search
// rebuilds it (or run 'notes reindex')", and both failed. The advice is
// now to move the file away, and following it works.
func TestIndexFileAdvice(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, "posts")
	if err := os.Mkdir(posts, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(posts, "a.md"), []byte(echoPost), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "n.db")
	index := db + ".bleve"
	if err := os.WriteFile(index, []byte("not an index"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string) {
		s, _, stderr := render.Buffers()
		code := Run(context.Background(), append([]string{"--db", db}, args...), s, func(string) string { return "" })
		return code, stderr.String()
	}
	code, stderr := run("import", posts)
	if code != ExitOK || strings.Contains(stderr, "next search") || !strings.Contains(stderr, "move the file away (or delete it), then run 'notes reindex'") {
		t.Errorf("import: exit %d, stderr %q; want 0 and the advice to move the file away", code, stderr)
	}
	if code, stderr := run("search", "karpenter"); code != ExitFailure || !strings.Contains(stderr, "move the file away") || strings.Contains(stderr, "rebuilding") {
		t.Errorf("search: exit %d, stderr %q; want 1 and the advice to move the file away", code, stderr)
	}
	if err := os.Rename(index, index+".bak"); err != nil {
		t.Fatal(err)
	}
	if code, stderr := run("reindex"); code != ExitOK {
		t.Errorf("reindex after moving the file away: exit %d, stderr %q", code, stderr)
	}
}
