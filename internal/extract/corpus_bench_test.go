package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/ingest"
)

// corpusSources reads the posts of the directory named by
// NOTES_BENCH_CORPUS (a generated corpus, see
// /work/shared/tools/gencorpus), skipping the benchmark when it is unset.
func corpusSources(b *testing.B) []core.Source {
	dir := os.Getenv("NOTES_BENCH_CORPUS")
	if dir == "" {
		b.Skip("NOTES_BENCH_CORPUS is not set")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		b.Fatal(err)
	}
	var srcs []core.Source
	for _, f := range files {
		src, err := ingest.Read(f, 32<<20)
		if err != nil {
			continue
		}
		srcs = append(srcs, src)
	}
	if len(srcs) == 0 {
		b.Skipf("no posts in %s", dir)
	}
	return srcs
}

// BenchmarkCorpusParseExtract parses and extracts every post of the
// NOTES_BENCH_CORPUS directory per op: the CPU work of an import.
func BenchmarkCorpusParseExtract(b *testing.B) {
	srcs := corpusSources(b)
	size := 0
	for _, s := range srcs {
		size += len(s.Text)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range srcs {
			Extract(ingest.Parse(s))
		}
	}
}

// BenchmarkCorpusExtract extracts the parsed posts of NOTES_BENCH_CORPUS.
func BenchmarkCorpusExtract(b *testing.B) {
	srcs := corpusSources(b)
	docs := make([]core.Document, len(srcs))
	size := 0
	for i, s := range srcs {
		docs[i] = ingest.Parse(s)
		size += len(s.Text)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Extract(d)
		}
	}
}
