package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

// BenchmarkParse decodes, detects and parses every sample post of
// testdata/posts and testdata/blog (46 posts, three formats) per op.
func BenchmarkParse(b *testing.B) {
	var raws [][]byte
	for _, pattern := range []string{"../../testdata/posts/*", "../../testdata/blog/posts/*"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			raws = append(raws, raw)
		}
	}
	size := 0
	for _, r := range raws {
		size += len(r)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, raw := range raws {
			text, _, err := Decode(raw)
			if err != nil {
				b.Fatal(err)
			}
			Parse(core.Source{Path: "bench", Text: text})
		}
	}
}
