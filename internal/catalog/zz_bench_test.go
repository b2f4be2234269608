package catalog

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkZZGen(b *testing.B) {
	files, _ := filepath.Glob("/tmp/gc2/0000*")
	var texts []string
	n := 0
	for _, f := range files {
		t, _ := os.ReadFile(f)
		texts = append(texts, string(t))
		n += len(t)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, t := range texts {
			Count(t)
		}
	}
}
