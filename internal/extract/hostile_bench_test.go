package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

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

// FuzzExtractTimePerByte repeats a fragment chosen by the fuzzer into a
// post of about 64 KB under a talk heading, the way the shapes of issue
// 13 did ("par " again and again, " - " in a heading, "[" after a talk),
// and fails when extraction spends more than 100 µs a byte on it: 6.5 s
// for 64 KB, far above what the near-linear rules take (under 0.3 s on
// every shape of BenchmarkHostileShapes) and far below what a quadratic
// rule takes (the 80 KB "par " heading took 29 s). Its seeds run in make
// test; make fuzz searches for new shapes.
func FuzzExtractTimePerByte(f *testing.F) {
	for _, s := range []string{"par ", " - ", "Jane Doe et ", "[", "### Talk\n\n", "* [T](https://youtu.be/x) by Jane Doe\n",
		"**Title** par Jane Doe\n", "👉 ", "« a » ", "(Jane Doe, Acme) ", "Speaker: Jane Doe\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, unit string) {
		if unit == "" || !utf8.ValidString(unit) {
			return
		}
		const size = 64 << 10
		for _, lead := range []string{"### Titre, ", "### Titre\n\n", "Some of my favourite talks:\n\n"} {
			text := "# AWS Summit Paris 2024\n\n" + lead + strings.Repeat(unit, size/len(unit)+1)
			doc := ingest.Parse(core.Source{Path: "fuzz.md", Text: text})
			start := time.Now()
			Extract(doc)
			if d := time.Since(start); d > time.Duration(len(text))*100*time.Microsecond {
				t.Fatalf("%d bytes of %q after %q took %s", len(text), unit, lead, d)
			}
		}
	})
}
