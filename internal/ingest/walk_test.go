package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

func TestWalk(t *testing.T) {
	root := t.TempDir()
	mk := func(rel, content string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, rel string) {
		if err := os.Symlink(target, filepath.Join(root, rel)); err != nil {
			t.Skipf("symlinks not supported: %v", err)
		}
	}
	mk("posts/b.md", "b")
	mk("posts/a.md", "a")
	mk("posts/2022/summit.txt", "s")
	mk("posts/.git/config", "hidden")
	mk("posts/.draft.md", "hidden")
	mk("other/c.adoc", "c")
	link("..", "posts/2022/loop")                               // a loop back to posts/
	link(filepath.Join(root, "other"), "posts/other")           // a folder elsewhere
	link(filepath.Join(root, "posts/a.md"), "posts/z-alias.md") // the same post twice
	link(filepath.Join(root, "nowhere.md"), "posts/broken.md")  // a broken link
	p := func(rel string) string { return filepath.Join(root, rel) }

	tests := []struct {
		name     string
		paths    []string
		files    []string
		problems []core.Diagnostic
	}{
		{
			name:  "folder with loop, hidden entries and links",
			paths: []string{p("posts")},
			files: []string{p("posts/2022/summit.txt"), p("posts/a.md"), p("posts/b.md"), p("posts/other/c.adoc")},
			problems: []core.Diagnostic{
				{Path: p("posts/broken.md"), Message: "no such file or directory"},
			},
		},
		{
			name:     "missing path and explicit file",
			paths:    []string{p("missing"), p("posts/b.md"), p("posts/.draft.md")},
			files:    []string{p("posts/.draft.md"), p("posts/b.md")},
			problems: []core.Diagnostic{{Path: p("missing"), Message: "no such file or directory"}},
		},
		{
			name:  "same folder twice",
			paths: []string{p("other"), p("other/"), p("posts/other")},
			files: []string{p("other/c.adoc")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, problems := Walk(tt.paths)
			if !reflect.DeepEqual(files, tt.files) {
				t.Errorf("files = %q; want %q", files, tt.files)
			}
			if !reflect.DeepEqual(problems, tt.problems) {
				t.Errorf("problems = %v; want %v", problems, tt.problems)
			}
		})
	}
}

func TestWalkUnreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder")
	}
	root := t.TempDir()
	locked := filepath.Join(root, "locked")
	if err := os.Mkdir(locked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "ok.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	files, problems := Walk([]string{root})
	wantFiles := []string{filepath.Join(root, "ok.md")}
	wantProblems := []core.Diagnostic{{Path: locked, Message: "permission denied"}}
	if !reflect.DeepEqual(files, wantFiles) || !reflect.DeepEqual(problems, wantProblems) {
		t.Errorf("Walk = %q, %v; want %q, %v", files, problems, wantFiles, wantProblems)
	}
}

// TestWalkSkipsNonPosts: a folder's images, data and code files are not
// posts (a gencorpus manifest.json was imported as one); a file named on
// the command line is always taken.
func TestWalkSkipsNonPosts(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"post.md", "notes.adoc", "export.txt", "README", "manifest.json", "logo.png", "_config.yml", "style.css"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, problems := Walk([]string{dir, filepath.Join(dir, "manifest.json")})
	var got []string
	for _, f := range files {
		got = append(got, filepath.Base(f))
	}
	want := "README export.txt manifest.json notes.adoc post.md"
	if strings.Join(got, " ") != want || len(problems) != 0 {
		t.Errorf("Walk = %v, %v; want %s", got, problems, want)
	}
}

// TestWalkSkipsNotesFiles pins down issue 13, item 10: a database named
// without an extension inside the folder imported was read as a post on
// every import. The database, its journals and its index are skipped by
// identity, whatever the name they are reached by.
func TestWalkSkipsNotesFiles(t *testing.T) {
	root := t.TempDir()
	p := func(rel string) string { return filepath.Join(root, rel) }
	for _, rel := range []string{"posts/a.md", "posts/notes", "posts/notes-wal", "posts/notes.bleve/store", "posts/notes.bleve/index_meta"} {
		if err := os.MkdirAll(filepath.Dir(p(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p(rel), []byte(rel), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The database reached by other names: a hard link and a symbolic link.
	if err := os.Link(p("posts/notes"), p("posts/hardlink")); err != nil {
		t.Skipf("hard links not supported: %v", err)
	}
	if err := os.Symlink(p("posts/notes"), p("posts/symlink")); err != nil {
		t.Skipf("symlinks not supported: %v", err)
	}
	db := p("posts/notes")
	skip := []string{db, db + "-wal", db + "-shm", db + ".bleve", db + ".bleve.new"}

	files, problems := Walk([]string{p("posts")}, skip...)
	if want := []string{p("posts/a.md")}; !reflect.DeepEqual(files, want) || len(problems) != 0 {
		t.Errorf("Walk(posts) = %v, %v; want %v and no problem", files, problems, want)
	}

	// Named explicitly, the database is a problem, not a post.
	files, problems = Walk([]string{db, p("posts/notes.bleve"), p("posts/a.md")}, skip...)
	if want := []string{p("posts/a.md")}; !reflect.DeepEqual(files, want) {
		t.Errorf("Walk(db, index, a.md) = %v, want %v", files, want)
	}
	if len(problems) != 2 || !strings.Contains(problems[0].Message, "notes database") || problems[0].Path != db {
		t.Errorf("Walk(db, index, a.md) problems = %v, want the database and the index named", problems)
	}

	// Without skip, nothing changes: the files with no extension are posts.
	files, _ = Walk([]string{p("posts")})
	if len(files) != 6 {
		t.Errorf("Walk(posts) without skip = %v, want the 6 files", files)
	}
}
