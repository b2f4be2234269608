package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/ingest"
)

func TestZZDebug(t *testing.T) {
	if os.Getenv("NOCAT") != "" {
		countServices = func(string) []core.ServiceCount { return nil }
	}
	dir := os.Getenv("DEBUG_DIR")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		src, err := ingest.Read(f, 1<<25)
		if err != nil {
			fmt.Println(f, err)
			continue
		}
		doc := ingest.Parse(src)
		p := Extract(doc)
		fmt.Printf("=== %s [%s] event=%+v\n", filepath.Base(f), doc.Format, p.Event)
		for _, tk := range p.Talks {
			b, _ := json.Marshal(tk.Speakers)
			fmt.Printf("  - %q (%s) %s svc=%v notes=%v\n", tk.Title, tk.Kind, b, tk.Services, tk.NoteAuthors)
		}
	}
}
