package ingest

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBlockMarkdownRoundTrip checks that each block's Markdown, parsed
// again, reads as the block's own text: Markdown is what digests and the
// terminal show, Lines what extraction reads, and they must not disagree.
func TestBlockMarkdownRoundTrip(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	words := func(lines []string) string { return strings.Join(strings.Fields(strings.Join(lines, " ")), " ") }
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := Read(in, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			for _, sec := range Parse(src).Sections {
				for _, b := range sec.Blocks {
					var want []string
					for _, l := range b.Lines {
						want = append(want, l.Text)
					}
					var got []string
					for _, s := range ParseMarkdown("block.md", b.Markdown).Sections {
						for _, rb := range s.Blocks {
							for _, l := range rb.Lines {
								got = append(got, l.Text)
							}
						}
					}
					if g, w := words(got), words(want); g != w {
						t.Errorf("%s block at line %d: Markdown %q reads as %q; want %q", b.Kind, b.Line, b.Markdown, g, w)
					}
				}
			}
		})
	}
}
