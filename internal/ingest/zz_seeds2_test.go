package ingest

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	f := os.Getenv("SEED")
	src, err := Read(f, 10<<20)
	if err != nil {
		t.Fatal(err)
	}
	doc := Parse(src)
	b, _ := json.MarshalIndent(doc.Sections, "", " ")
	fmt.Println(string(b))
}
