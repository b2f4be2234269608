package extract

import (
	"path/filepath"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/ingest"
)

// BenchmarkExtract extracts every sample post of testdata/posts and
// testdata/blog (46 parsed documents) per op.
func BenchmarkExtract(b *testing.B) {
	var docs []core.Document
	size := 0
	for _, pattern := range []string{"../../testdata/posts/*", "../../testdata/blog/posts/*"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			src, err := ingest.Read(f, 32<<20)
			if err != nil {
				b.Fatal(err)
			}
			size += len(src.Text)
			docs = append(docs, ingest.Parse(src))
		}
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Extract(d)
		}
	}
}
