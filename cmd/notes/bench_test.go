package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// benchCorpus generates (once, cached under the temp dir) a synthetic corpus
// of n write-ups with ../shared/tools/gencorpus, builds notes and imports
// the corpus, and returns the binary and database paths.
func benchCorpus(b *testing.B, n int) (bin, db string) {
	b.Helper()
	gen, _ := filepath.Abs("../../../shared/tools/gencorpus/main.go")
	if _, err := os.Stat(gen); err != nil {
		b.Skip("../shared/tools/gencorpus is absent")
	}
	root := filepath.Join(os.TempDir(), "notes-bench-"+strconv.Itoa(n))
	corpus := filepath.Join(root, "posts")
	if _, err := os.Stat(filepath.Join(root, "generated")); err != nil {
		os.RemoveAll(root)
		if out, err := exec.Command("go", "run", gen, "-n", strconv.Itoa(n), "-seed", "1", "-out", corpus).CombinedOutput(); err != nil {
			b.Fatalf("gencorpus: %v\n%s", err, out)
		}
		os.Rename(filepath.Join(corpus, "manifest.json"), filepath.Join(root, "manifest.json"))
		os.WriteFile(filepath.Join(root, "generated"), nil, 0o644)
	}
	bin = filepath.Join(root, "notes")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	db = filepath.Join(root, "notes.db")
	if out, err := exec.Command(bin, "--db", db, "import", "--quiet", corpus).CombinedOutput(); err != nil {
		b.Fatalf("import: %v\n%s", err, out)
	}
	// The first search after an import may rebuild a stale index: not timed.
	exec.Command(bin, "--db", db, "search", "warmup").Run()
	return bin, db
}

// BenchmarkProcessSearch times a whole `notes search` process (start-up,
// opening the database and the index read-only, searching, printing JSON)
// on 10,000 generated write-ups. NOTES_BENCH_N changes the corpus size.
func BenchmarkProcessSearch(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("NOTES_BENCH_N")); err == nil {
		n = v
	}
	bin, db := benchCorpus(b, n)
	for _, q := range []string{"karpenter", "kubernetes"} {
		b.Run(fmt.Sprintf("%s/n=%d", q, n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				cmd := exec.Command(bin, "--db", db, "search", "--json", "--limit", "20", q)
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("search: %v\n%s", err, out)
				}
			}
		})
	}
	b.Run(fmt.Sprintf("talks-event/n=%d", n), func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if out, err := exec.Command(bin, "--db", db, "talks", "--json", "--event", "AWS Summit 2022").CombinedOutput(); err != nil {
				b.Fatalf("talks: %v\n%s", err, out)
			}
		}
	})
}
