package extract

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/ingest"
)

// TestBlogIsNotTalks runs extraction over testdata/blog: a team blog whose
// posts are mostly not conference write-ups (tutorials, announcements of
// future events, interviews, retrospectives…) but look like them. Those
// must yield no talk and no event; the two real write-ups must still give
// their talks. The answers are in testdata/blog/EXPECTED.md.
func TestBlogIsNotTalks(t *testing.T) {
	f, err := os.Open("../../testdata/blog/EXPECTED.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		parts := strings.Split(sc.Text(), " | ")
		if len(parts) < 2 || !strings.Contains(parts[0], ".") || strings.ContainsAny(parts[0], " `") {
			continue
		}
		name, writeUp := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]) == "yes"
		var want []string
		if len(parts) > 2 && strings.TrimSpace(parts[2]) != "" {
			for _, t := range strings.Split(parts[2], " ; ") {
				want = append(want, core.Fold(strings.TrimSpace(t)))
			}
		}
		n++
		t.Run(name, func(t *testing.T) {
			src, err := ingest.Read(filepath.Join("../../testdata/blog/posts", name), 32<<20)
			if err != nil {
				t.Fatal(err)
			}
			post := Extract(ingest.Parse(src))
			var got []string
			for _, tk := range post.Talks {
				got = append(got, core.Fold(tk.Title))
			}
			sort.Strings(got)
			sort.Strings(want)
			if !writeUp {
				if len(got) > 0 || post.Event != nil {
					t.Errorf("not a write-up, yet event %+v and talks %q\n%s", post.Event, got, strings.Join(post.Explain, "\n"))
				}
				return
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") || post.Event == nil {
				t.Errorf("talks = %q, want %q (event %+v)", got, want, post.Event)
			}
		})
	}
	if n < 30 {
		t.Fatalf("read %d answers from EXPECTED.md, want at least 30", n)
	}
}
