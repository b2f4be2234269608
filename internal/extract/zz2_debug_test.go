package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/ingest"
)

func TestZZSections(t *testing.T) {
	f := os.Getenv("DEBUG_FILE")
	if f == "" {
		t.Skip()
	}
	src, _ := ingest.Read(f, 1<<25)
	doc := ingest.Parse(src)
	for _, s := range doc.Sections {
		if os.Getenv("GREP") != "" && !strings.Contains(s.Title, os.Getenv("GREP")) {
			continue
		}
		fmt.Printf("L%d lvl%d guessed=%v %q\n", s.Line, s.Level, s.Guessed, s.Title)
		for _, b := range s.Blocks {
			fmt.Printf("    [%s L%d] %.200q\n", b.Kind, b.Line, b.Text())
			if os.Getenv("SPK") != "" {
				fmt.Printf("      sentences=%+v\n", speakersFromSentences(b.Text()))
			}
		}
	}
}
