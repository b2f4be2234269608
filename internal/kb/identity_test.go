package kb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/store"
	"github.com/notes-kb/notes/schema"
)

// oldDatabase writes a database of schema 001 only, as notes made before
// issue 14, at path.
func oldDatabase(t *testing.T, path string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	body, err := fs.ReadFile(schema.FS, "001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(string(body)); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
}

// saveAs stores the post of file under the path stored, as an older notes
// did when typed was the path typed.
func saveAs(t *testing.T, db *store.DB, stored, file, title string) {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(file)
	sum := sha256.Sum256(raw)
	ev := core.Event{Name: "RiverConf 2023", Series: "RiverConf", Year: 2023}
	post := core.Post{Format: core.FormatMarkdown, Title: title, Event: &ev,
		Talks: []core.Talk{{Title: title, Kind: core.KindTalk, Line: 3, Body: "x"}}}
	b, err := db.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Rollback()
	saved, err := b.SavePost(store.FileInfo{
		Path: stored, SHA256: hex.EncodeToString(sum[:]), Size: info.Size(), MTime: info.ModTime().UnixNano(),
	}, post)
	if err != nil {
		t.Fatal(err)
	}
	// With its text, as a notes that stores post texts saves it: not read
	// again for that.
	if _, err := b.SavePostText(saved.SourceID, store.PostText{Text: "x"}, false); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestImportAdoptsRelativePaths pins issue 14, item 1: a database of an
// older notes, which stored paths as typed, is migrated in place; the next
// import from the folder a relative path resolves from moves it to its
// absolute path, drops a relative row that duplicates an absolute one, and
// keeps a path that resolves to nothing.
func TestImportAdoptsRelativePaths(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, "posts")
	os.Mkdir(posts, 0o755)
	for _, name := range []string{"a.md", "b.md"} {
		os.WriteFile(filepath.Join(posts, name), []byte("---\ntitle: "+name+"\n---\n### Titre "+name+"\n\nTexte.\n"), 0o644)
	}
	dbPath := filepath.Join(dir, "n.db")
	oldDatabase(t, dbPath)
	db, err := store.Open(dbPath) // migrates 001 → latest in place
	if err != nil {
		t.Fatal(err)
	}
	saveAs(t, db, "posts/a.md", filepath.Join(posts, "a.md"), "A")
	saveAs(t, db, "posts/gone.md", filepath.Join(posts, "a.md"), "Gone")
	saveAs(t, db, "b.md", filepath.Join(posts, "b.md"), "B")                       // imported from posts/
	saveAs(t, db, filepath.Join(posts, "b.md"), filepath.Join(posts, "b.md"), "B") // and again by a newer notes
	db.Close()

	t.Chdir(dir)
	sum, err := testImport(t, dbPath, "posts")
	if err != nil || sum.Imported != 0 || sum.Skipped != 2 || len(sum.Warnings) != 0 {
		t.Fatalf("import: %+v, %v; want 2 skipped unchanged, no warning", sum, err)
	}
	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	srcs, err := k.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range srcs {
		got = append(got, s.Path)
	}
	sort.Strings(got)
	// b.md (relative to posts/) does not resolve from dir: it stays until
	// an import from posts/ finds it.
	want := []string{"b.md", "posts/a.md", "posts/b.md", "posts/gone.md"}
	if !equal(got, want) {
		t.Fatalf("sources = %q, want %q", got, want)
	}
	rel, err := k.db.RelativeSources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rel) != 2 || rel[0].Path != "b.md" || rel[1].Path != "posts/gone.md" {
		t.Errorf("relative sources left = %+v, want b.md and posts/gone.md", rel)
	}
	k.Close()

	// From posts/, b.md is the file already stored absolute: one row left.
	t.Chdir(posts)
	if _, err := testImport(t, dbPath, "."); err != nil {
		t.Fatal(err)
	}
	k, err = Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	talks, err := k.Talks(context.Background(), core.TalkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]int{}
	for _, tk := range talks {
		titles[tk.Title]++
	}
	if titles["B"] != 1 || titles["A"] != 1 {
		t.Errorf("talks by title = %v, want A and B once each", titles)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
