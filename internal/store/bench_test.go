package store

import (
	"context"
	"strconv"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

// BenchmarkSavePost stores a post of eight talks (two speakers, two
// services and a note-taker each) per op, each under a new path, in one
// transaction, as an import does.
func BenchmarkSavePost(b *testing.B) {
	ctx := context.Background()
	db, err := Open(b.TempDir() + "/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	post := samplePost(summit, "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := FileInfo{Path: "post-" + strconv.Itoa(i) + ".md", SHA256: strconv.Itoa(i), Size: 1, MTime: 1}
		if _, err := db.SavePost(ctx, f, post); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTalksByEvent lists the talks of one event among 2,000 posts.
func BenchmarkTalksByEvent(b *testing.B) {
	ctx := context.Background()
	db, err := Open(b.TempDir() + "/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	other := summit
	other.Name, other.Year, other.Date = "AWS Summit Paris 2023", 2023, "2023-04-04"
	for i := 0; i < 2000; i++ {
		ev := other
		if i%100 == 0 {
			ev = summit
		}
		f := FileInfo{Path: "post-" + strconv.Itoa(i) + ".md", SHA256: strconv.Itoa(i)}
		if _, err := db.SavePost(ctx, f, samplePost(ev, "A talk", "Another talk")); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		talks, err := db.Talks(ctx, coreFilterEvent("AWS Summit 2022"))
		if err != nil || len(talks) != 40 {
			b.Fatalf("talks = %d, %v; want 40", len(talks), err)
		}
	}
}

func coreFilterEvent(e string) core.TalkFilter { return core.TalkFilter{Event: e} }
