package ingest

import (
	"fmt"
	"path/filepath"
	"testing"
)

func TestZZSeeds(t *testing.T) {
	files, _ := filepath.Glob("/work/shared/corpus/seeds/*.txt")
	for _, f := range files {
		src, err := Read(f, 10<<20)
		if err != nil {
			t.Fatal(err)
		}
		doc := Parse(src)
		fmt.Printf("== %s enc=%s format=%s title=%q meta=%v sections=%d diags=%v\n", filepath.Base(f), src.Encoding, doc.Format, doc.Title, doc.Meta, len(doc.Sections), doc.Diagnostics)
		for _, s := range doc.Sections {
			fmt.Printf("  L%d %d g=%v %q blocks=%d\n", s.Line, s.Level, s.Guessed, s.Title, len(s.Blocks))
		}
	}
}
