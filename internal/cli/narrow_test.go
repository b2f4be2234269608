package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/notes-kb/notes/internal/render"
)

// runOn runs notes on a pretend terminal width columns wide (width 0: in
// a pipe) and returns its stdout.
func runOn(t *testing.T, width int, args ...string) string {
	t.Helper()
	s, stdout, stderr := render.Buffers()
	if width > 0 {
		s.OutTerminal, s.ErrTerminal, s.Width = true, true, width
	}
	if code := Run(context.Background(), args, s, func(string) string { return "" }); code != ExitOK {
		t.Fatalf("notes %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return stdout.String()
}

// TestListingsOnNarrowTerminals is the regression test of issue 16, item
// 5: at 60 columns "notes talks" showed 12 characters of a title, as much
// as of the event. On a terminal 60 or 40 columns wide every listing fits
// the width, and the column a reader came for (the talk's title, the
// event's, speaker's, company's or service's name, the file's path, the
// doctor's subject) shows at least as many characters as the test says
// (all of it when shorter; the end of a path); the talks keep their
// speakers. The search page wraps its titles, whole.
func TestListingsOnNarrowTerminals(t *testing.T) {
	db := filepath.Join(t.TempDir(), "n.db")
	runOn(t, 0, "--db", db, "import", "--quiet", "../../testdata/posts")
	tests := []struct {
		args       []string
		key        int    // the field of a pipe row the column a reader came for shows
		keepEnd    bool   // that column keeps the end of a long value
		at60, at40 int    // how many characters of it a row shows at least
		header     string // a header the terminal table keeps at 40 columns
	}{
		{[]string{"talks"}, 3, false, 30, 19, "SPEAKERS"},
		{[]string{"events"}, 0, false, 30, 19, "TALKS"},
		{[]string{"speakers"}, 0, false, 30, 19, "TALKS"},
		{[]string{"companies"}, 0, false, 30, 19, "TALKS"},
		{[]string{"services"}, 0, false, 30, 19, "MENTIONS"},
		{[]string{"sources"}, 0, true, 30, 19, "STATUS"},
		{[]string{"doctor"}, 2, false, 19, 19, "PROBLEM"},
	}
	for _, tt := range tests {
		args := append([]string{"--db", db, "--no-pager"}, tt.args...)
		rows := strings.Split(strings.TrimSuffix(runOn(t, 0, args...), "\n"), "\n")
		for _, width := range []int{60, 40} {
			t.Run(fmt.Sprintf("%s/%d", strings.Join(tt.args, " "), width), func(t *testing.T) {
				lines := strings.Split(strings.TrimSuffix(runOn(t, width, args...), "\n"), "\n")
				if len(lines) != len(rows)+1 {
					t.Fatalf("%d lines on a terminal, want a header and the %d rows of a pipe", len(lines), len(rows))
				}
				for _, line := range lines {
					if w := runewidth.StringWidth(line); w > width {
						t.Errorf("line of %d columns, want at most %d: %q", w, width, line)
					}
				}
				if !strings.Contains(lines[0], tt.header) {
					t.Errorf("header %q, want it to keep %s", lines[0], tt.header)
				}
				want := tt.at60
				if width == 40 {
					want = tt.at40
				}
				for i, row := range rows {
					key := strings.Split(row, "\t")[tt.key]
					shown := runewidth.Truncate(key, want, "")
					if tt.keepEnd && runewidth.StringWidth(key) > want {
						shown = runewidth.TruncateLeft(key, runewidth.StringWidth(key)-want, "")
					}
					if !strings.Contains(lines[i+1], shown) {
						t.Errorf("row %d shows %q, want at least %q", i+1, lines[i+1], shown)
					}
				}
			})
		}
	}
	for _, width := range []int{60, 40} {
		out := runOn(t, width, "--db", db, "--no-pager", "--no-color", "search", "terraform", "--limit", "3")
		for _, line := range strings.Split(out, "\n") {
			if w := runewidth.StringWidth(line); w > width {
				t.Errorf("search at %d columns: line of %d columns: %q", width, w, line)
			}
		}
		flat := strings.Join(strings.Fields(out), " ")
		for _, row := range strings.Split(strings.TrimSpace(runOn(t, 0, "--db", db, "search", "terraform", "--limit", "3")), "\n") {
			if title := strings.Split(row, "\t")[3]; !strings.Contains(flat, title) {
				t.Errorf("search at %d columns does not show the title %q:\n%s", width, title, out)
			}
		}
	}
}
