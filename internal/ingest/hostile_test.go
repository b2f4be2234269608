package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/notes-kb/notes/internal/core"
)

// The files of a real blog folder that are not what an importer expects.
// Each case pins what ReadPost does with one of them: the text it gives, or
// the warnings that explain a strange result, or the error that says why
// the file is not imported. Big and binary files are made here, never
// committed.

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func utf16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func TestReadPostHostileFiles(t *testing.T) {
	dir := t.TempDir()
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), make([]byte, 4096)...)
	for i := range png[20:] {
		png[20+i] = byte(i*131 + 7) // image data: every byte value
	}
	tests := []struct {
		name     string
		data     []byte
		text     string // want this text (when no error)
		encoding string
		warnings []string // "line: message" of each warning, line 0 when none
		err      string   // want an error holding this
	}{
		{name: "empty", data: nil, text: "", encoding: EncodingUTF8,
			warnings: []string{"0: empty file: nothing to import"}},
		{name: "white space only", data: []byte(" \r\n\t\n\u00a0\n"), text: " \n\t\n\u00a0\n", encoding: EncodingUTF8,
			warnings: []string{"0: no text in the file, only white space: nothing to import"}},
		{name: "image named .md", data: png, err: "binary file (looks like PNG image), not a text post"},
		{name: "zeroed file", data: make([]byte, 5000), err: "binary file (looks like data with 100% NUL bytes), not a text post"},
		{name: "random bytes", data: func() []byte {
			b := make([]byte, 4096)
			for i := range b {
				b[i] = byte(i * 7919 >> 3)
			}
			return b
		}(), err: "binary file"},
		{name: "NUL bytes in text", data: []byte("# Titre\r\n\r\nUn\x00 texte\x00 abîmé.\n"), text: "# Titre\n\nUn texte abîmé.\n",
			encoding: EncodingUTF8, warnings: []string{"3: 2 NUL bytes removed from the text (the file may be damaged)"}},
		{name: "text then a little NUL padding", data: append([]byte("Titre\n\nUn texte assez long pour la suite.\n"), make([]byte, 3)...),
			text: "Titre\n\nUn texte assez long pour la suite.\n", encoding: EncodingUTF8,
			warnings: []string{"4: 3 NUL bytes removed from the text (the file may be damaged)"}},
		{name: "text then NUL padding", data: append([]byte("Titre\n\nTexte.\n"), make([]byte, 14)...),
			err: "binary file (looks like data with 50% NUL bytes), not a text post"},
		{name: "latin-1", data: []byte("Retour sur l'\xe9v\xe9nement \xe0 Paris : l\x92AWS Summit, \x93Kubernetes\x94 et \x9cuvre\n"),
			text: "Retour sur l'événement à Paris : l’AWS Summit, “Kubernetes” et œuvre\n", encoding: EncodingWindows1252},
		{name: "utf-16 with bom", data: utf16LE("Titre été\r\n\r\nÇa marche, 😀.\r\n", true), text: "Titre été\n\nÇa marche, 😀.\n",
			encoding: EncodingUTF16LE},
		{name: "crlf", data: []byte("---\r\ntitle: T\r\n---\r\n## A\r\n\r\nB\r\n"), text: "---\ntitle: T\n---\n## A\n\nB\n", encoding: EncodingUTF8},
		{name: "utf-8 bom and crlf", data: []byte("\xef\xbb\xbf= Titre\r\n"), text: "= Titre\n", encoding: EncodingUTF8BOM},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, dir, strings.ReplaceAll(tt.name, " ", "-")+".md", tt.data)
			src, warns, err := ReadPost(path, 1<<20)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), path+": ") {
					t.Fatalf("ReadPost error = %v; want %q after the path", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ReadPost: %v", err)
			}
			if src.Text != tt.text || src.Encoding != tt.encoding {
				t.Errorf("ReadPost = %q (%s); want %q (%s)", src.Text, src.Encoding, tt.text, tt.encoding)
			}
			var got []string
			for _, w := range warns {
				if w.Path != path {
					t.Errorf("warning path %q, want %q", w.Path, path)
				}
				got = append(got, strings.Join([]string{itoa(w.Line), w.Message}, ": "))
			}
			if !reflect.DeepEqual(got, tt.warnings) {
				t.Errorf("warnings = %q; want %q", got, tt.warnings)
			}
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestReadTooLarge: a 30 MB post is refused from its size alone, before a
// byte is read (the file here is sparse: reading it would take 30 MB), with
// a message a person can act on.
func TestReadTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big post.md")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(30_000_000); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, _, err = ReadPost(path, 16<<20)
	want := path + ": file is 28.6 MiB (30000000 bytes), over the 16 MiB limit for a post"
	if !errors.Is(err, ErrTooLarge) || err.Error() != want {
		t.Errorf("ReadPost error = %v; want %q (ErrTooLarge)", err, want)
	}
}

// TestReadUnreadable: a file that cannot be opened is an error naming the
// cause. Tests run as root here, where chmod 000 changes nothing, so the
// permission error is simulated; the real case runs for other users.
func TestReadUnreadable(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "secret.md", []byte("# Titre\n"))
	check := func(t *testing.T) {
		_, _, err := ReadPost(path, 1<<20)
		var pe *fs.PathError
		if !errors.Is(err, fs.ErrPermission) || !errors.As(err, &pe) || pe.Path != path {
			t.Errorf("ReadPost error = %v; want a permission error on %s", err, path)
		}
	}
	t.Run("simulated", func(t *testing.T) {
		defer func(orig func(string) (*os.File, error)) { openFile = orig }(openFile)
		openFile = func(name string) (*os.File, error) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
		}
		check(t)
	})
	t.Run("chmod 000", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads every file")
		}
		if err := os.Chmod(path, 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(path, 0o644)
		check(t)
	})
}

// TestWalkSymlinkLoops: links that loop never hang the walk. A folder link
// back to a parent is followed once; a file link that loops on itself or
// on another link is reported, and the good files are all listed.
func TestWalkSymlinkLoops(t *testing.T) {
	root := t.TempDir()
	posts := filepath.Join(root, "posts")
	if err := os.MkdirAll(filepath.Join(posts, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, posts, "ok.md", []byte("x"))
	writeFile(t, filepath.Join(posts, "a", "b"), "deep.md", []byte("x"))
	for target, name := range map[string]string{
		"../..":    "a/b/up",  // a folder loop
		".":        "a/self",  // a folder linking to itself
		"self.md":  "self.md", // a file link to itself
		"ping.md":  "pong.md", // two links pointing at each other
		"pong.md":  "ping.md",
		"../ok.md": "a/alias.md", // the same post by another name
	} {
		if err := os.Symlink(target, filepath.Join(posts, name)); err != nil {
			t.Skipf("symlinks not supported: %v", err)
		}
	}
	done := make(chan struct{})
	var files []string
	var problems []core.Diagnostic
	go func() {
		files, problems = Walk([]string{posts})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Walk did not return: a symlink loop is followed forever")
	}
	wantFiles := []string{filepath.Join(posts, "a/b/deep.md"), filepath.Join(posts, "ok.md")}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("files = %q; want %q", files, wantFiles)
	}
	wantProblems := []core.Diagnostic{
		{Path: filepath.Join(posts, "ping.md"), Message: "too many levels of symbolic links"},
		{Path: filepath.Join(posts, "pong.md"), Message: "too many levels of symbolic links"},
		{Path: filepath.Join(posts, "self.md"), Message: "too many levels of symbolic links"},
	}
	if !reflect.DeepEqual(problems, wantProblems) {
		t.Errorf("problems = %v; want %v", problems, wantProblems)
	}
}

// TestOddFileNames: names with spaces, a degree sign, an emoji or a
// newline are listed and read like any other.
func TestOddFileNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{"avec des espaces.md", "température 30°.md", "fête 🎉.txt", "ligne\nbrisée.md", "-tiret.md"}
	for _, n := range names {
		writeFile(t, dir, n, []byte("Titre "+n+"\n"))
	}
	files, problems := Walk([]string{dir})
	if len(files) != len(names) || len(problems) != 0 {
		t.Fatalf("Walk = %q, %v; want the %d files", files, problems, len(names))
	}
	for _, f := range files {
		src, warns, err := ReadPost(f, 1<<20)
		if err != nil || len(warns) != 0 || src.Text != "Titre "+filepath.Base(f)+"\n" {
			t.Errorf("ReadPost(%q) = %q, %v, %v", f, src.Text, warns, err)
		}
	}
}

// TestHostileTextParses runs Parse, format detection included, on hostile
// texts the per-parser TestPathologicalInputs does not hold (it has the 6 MB
// line and the 3,000-level list): each is parsed within a time bound and
// its line numbers stay within the text.
func TestHostileTextParses(t *testing.T) {
	for name, text := range map[string]string{
		"50000 nested quotes after a heading": "# Titre\n\n" + strings.Repeat(">", 50000) + " x\n",
		"3000 list markers after a heading":   "# Titre\n\n" + strings.Repeat("- ", 3000) + "x\n",
		"front matter never ends":             "---\ntitle: x\n" + strings.Repeat("k: v\n", 100000),
		"front matter of 100000 bad lines":    "---\n" + strings.Repeat("k: [v\n", 100000) + "---\n# T\n",
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			doc := Parse(core.Source{Path: "x.md", Text: text})
			checkLines(t, text, doc)
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v; want well under 20s", d)
			}
		})
	}
}
