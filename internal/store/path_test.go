package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOpenOddFileNames pins down issue 13, item 2: a database path with '#',
// '?' or '%' was read as a URI, so 'C#/notes.db' wrote the database to "C"
// and 'w?.db' opened "w" without its _pragma parameters (foreign keys off).
// The file used must be the one named, and the pragmas must apply.
func TestOpenOddFileNames(t *testing.T) {
	tests := []struct {
		name string
		rel  string // path under a fresh temp dir
	}{
		{name: "hash in folder", rel: "C#/notes.db"},
		{name: "question mark", rel: "w?.db"},
		{name: "query look-alike", rel: "x.db?mode=ro&_pragma=foreign_keys(0)"},
		{name: "percent", rel: "100%.db"},
		{name: "percent escape look-alike", rel: "a%41b%2Fc.db"},
		{name: "fragment", rel: "notes.db#frag"},
		{name: "spaces and ampersand", rel: "my notes & more/k b.db"},
		{name: "non-ASCII", rel: "café/ノート.db"},
		{name: "no extension", rel: "notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.rel)
			db, err := Open(path)
			if err != nil {
				t.Fatalf("Open(%q): %v", path, err)
			}
			defer db.Close()
			ctx := context.Background()
			for pragma, want := range map[string]int{"foreign_keys": 1, "busy_timeout": 10000} {
				var got int
				if err := db.db.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("PRAGMA %s = %d, want %d", pragma, got, want)
				}
			}
			var file string
			if err := db.db.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err != nil {
				t.Fatal(err)
			}
			if file != path {
				t.Errorf("SQLite opened %q, want %q", file, path)
			}
			if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
				t.Errorf("named database file: %v, %v", st, err)
			}
			// Nothing but the named file and its WAL and shared-memory
			// files may appear.
			err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
				if err != nil || e.IsDir() {
					return err
				}
				if p != path && p != path+"-wal" && p != path+"-shm" {
					t.Errorf("stray file %q beside %q", p, path)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestFileURI: every byte that a URI could read as syntax is escaped.
func TestFileURI(t *testing.T) {
	got, err := fileURI("/a b/c#d?e%f&g=h.db")
	if err != nil {
		t.Fatal(err)
	}
	want := "file:///a%20b/c%23d%3Fe%25f%26g%3Dh.db"
	if got != want {
		t.Errorf("fileURI = %q, want %q", got, want)
	}
	if strings.ContainsAny(strings.TrimPrefix(got, "file:"), "?#") {
		t.Errorf("fileURI %q keeps URI syntax", got)
	}
}

// TestOpenRefusesSpecialFiles pins down issue 13, item 7: NOTES_DB=/dev/null
// created /dev/null-journal. A folder, a pipe or a device is refused, named,
// before SQLite touches it, and nothing is created beside it.
func TestOpenRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "folder.db")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	paths := map[string]string{folder: "a folder"}
	fifo := filepath.Join(dir, "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		paths[fifo] = "a named pipe"
	}
	if st, err := os.Stat("/dev/null"); err == nil && st.Mode()&fs.ModeCharDevice != 0 {
		if _, err := os.Stat("/dev/null-journal"); errors.Is(err, fs.ErrNotExist) {
			paths["/dev/null"] = "a character device"
			defer func() {
				if _, err := os.Stat("/dev/null-journal"); err == nil {
					t.Error("Open(/dev/null) created /dev/null-journal")
					os.Remove("/dev/null-journal")
				}
			}()
		}
	}
	for path, kind := range paths {
		db, err := Open(path)
		if err == nil {
			db.Close()
			t.Errorf("Open(%s) succeeded, want it refused", path)
			continue
		}
		for _, want := range []string{path, kind, "not a regular file"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("Open(%s) = %q, want it to say %q", path, err, want)
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(paths)-btoi(paths["/dev/null"] != "") {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files beside the refused ones: %v", names)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
