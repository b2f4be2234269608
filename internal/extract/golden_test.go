package extract

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/ingest"
)

// goldenPost is what the golden files pin: everything extraction decides,
// without the bodies (the ingest goldens cover those).
type goldenPost struct {
	Event    *core.Event         `json:"event"`
	Talks    []goldenTalk        `json:"talks"`
	Services []core.ServiceCount `json:"services"`
}

type goldenTalk struct {
	Title       string              `json:"title"`
	Kind        core.TalkKind       `json:"kind"`
	Line        int                 `json:"line"`
	Speakers    []core.Speaker      `json:"speakers"`
	Companies   []string            `json:"companies"`
	Services    []core.ServiceCount `json:"services"`
	NoteAuthors []string            `json:"note_authors"`
	Summary     string              `json:"summary"`
}

// TestGolden extracts every sample post of testdata/posts and compares
// with testdata/golden/extract/<post>.json. UPDATE_GOLDEN=1 rewrites them;
// review the diff.
func TestGolden(t *testing.T) {
	posts, err := filepath.Glob("../../testdata/posts/*")
	if err != nil || len(posts) == 0 {
		t.Fatalf("no sample posts: %v", err)
	}
	for _, p := range posts {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			src, err := ingest.Read(p, 32<<20)
			if err != nil {
				t.Fatal(err)
			}
			post := Extract(ingest.Parse(src))
			g := goldenPost{Event: post.Event, Services: post.Services, Talks: []goldenTalk{}}
			for _, tk := range post.Talks {
				g.Talks = append(g.Talks, goldenTalk{tk.Title, tk.Kind, tk.Line, tk.Speakers, tk.Companies, tk.Services, tk.NoteAuthors, tk.Summary})
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(g); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("../../testdata/golden/extract", strings.TrimSuffix(name, filepath.Ext(name))+".json")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("extraction of %s differs from %s:\n%s", name, golden, lineDiff(string(want), buf.String()))
			}
		})
	}
}

// lineDiff shows the first differing lines of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, "- "+a, "+ "+b)
			if len(out) >= 12 {
				break
			}
		}
	}
	return strings.Join(out, "\n")
}
