package extract

import (
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

// TestHugeBlocks pins two bugs: a heading longer than the opening window
// made bodyText slice with a negative bound (panic), and a multi-megabyte
// single-line block was handed whole to the event regexps (minutes of CPU
// on a 4.8 MB JSON file).
func TestHugeBlocks(t *testing.T) {
	long := strings.Repeat("AWS Summit Paris 2022 é ", 100_000) // ~2.4 MB, one line
	doc := core.Document{
		Path:   "huge.txt",
		Format: core.FormatText,
		Sections: []core.Section{
			{Level: 2, Title: strings.Repeat("Un titre très long ", 100), Line: 1, Guessed: true,
				Blocks: []core.Block{{Kind: core.BlockParagraph, Line: 2, Lines: []core.Line{{N: 2, Text: long}}}}},
		},
	}
	post := Extract(doc)
	if len(post.Talks) != 0 {
		t.Errorf("talks = %d, want none", len(post.Talks))
	}
}
