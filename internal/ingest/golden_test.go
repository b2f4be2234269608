package ingest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGolden reads each sample post in testdata/ and compares the parsed
// Document with testdata/golden/<file>.json; the project's sample posts
// (../../testdata/posts) have theirs in ../../testdata/golden/ingest. Run
// with UPDATE_GOLDEN=1 to rewrite the golden files, then review the diff.
func TestGolden(t *testing.T) {
	goldenTests(t, "testdata/*.*", filepath.Join("testdata", "golden"))
	goldenTests(t, "../../testdata/posts/*", filepath.Join("..", "..", "testdata", "golden", "ingest"))
}

func goldenTests(t *testing.T, pattern, goldenDir string) {
	update := os.Getenv("UPDATE_GOLDEN") == "1"
	inputs, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatalf("no sample posts in %s", pattern)
	}
	if update {
		os.MkdirAll(goldenDir, 0o755)
	}
	for _, in := range inputs {
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			src, err := Read(in, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			src.Path = filepath.ToSlash(src.Path)
			doc := Parse(src)
			checkLines(t, src.Text, doc)
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join(goldenDir, name+".json")
			if update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run with UPDATE_GOLDEN=1 and review the diff):\n%s", name, golden, firstDiff(string(got), string(want)))
			}
		})
	}
}

// firstDiff shows the first differing line of got and want with a little
// context, enough to see what changed without dumping two documents.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(same lines, different bytes)"
}
