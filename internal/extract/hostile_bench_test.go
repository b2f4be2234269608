package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/ingest"
)

// hostileShapes build posts of about n bytes in the shapes that once made
// extraction quadratic (issue 13): a heading of "par par par…", one of
// " - - -", a speaker list "Jane Doe et Jane Doe et…", thousands of talk
// headings, a paragraph of "[" after a talk heading, and thousands of
// tiny talks in lists.
var hostileShapes = []struct {
	name string
	make func(n int) string
}{
	{"par", func(n int) string {
		return "# AWS Summit Paris 2024\n\n### Titre, " + strings.Repeat("par ", n/4) + "\n"
	}},
	{"dashes", func(n int) string { return "# AWS Summit Paris 2024\n\n### Titre" + strings.Repeat(" - ", n/3) + "\n" }},
	{"et", func(n int) string {
		return "# AWS Summit Paris 2024\n\n### Titre, par " + strings.Repeat("Jane Doe et ", n/12) + "\n"
	}},
	{"headings", func(n int) string {
		var b strings.Builder
		b.WriteString("# AWS Summit Paris 2024\n\n")
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "### Talk %d\n\nConférence présentée par : Jane Doe\n\n", i)
		}
		return b.String()
	}},
	{"brackets", func(n int) string { return "# AWS Summit Paris 2024\n\n### Titre\n\n" + strings.Repeat("[", n) + "\n" }},
	{"list", func(n int) string {
		var b strings.Builder
		b.WriteString("# AWS Summit Paris 2024\n\nSome of my favourite talks:\n\n")
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "* [Talk %d](https://example.org/talks/%d) by Jane Doe\n", i, i)
		}
		return b.String()
	}},
}

// BenchmarkHostileShapes extracts each shape at 64 KB, 256 KB, 1 MB and
// 4 MB. Extraction is near-linear when MB/s stays flat across the sizes
// of a shape: compare the lines of one shape.
func BenchmarkHostileShapes(b *testing.B) {
	for _, s := range hostileShapes {
		for _, size := range []int{64 << 10, 256 << 10, 1 << 20, 4 << 20} {
			text := s.make(size)
			doc := ingest.Parse(core.Source{Path: s.name + ".md", Text: text})
			b.Run(fmt.Sprintf("%s/%dKB", s.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for i := 0; i < b.N; i++ {
					Extract(doc)
				}
			})
		}
	}
}
