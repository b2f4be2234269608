package cli_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/notes-kb/notes/internal/cli"
	"github.com/rogpeppe/go-internal/testscript"
	_ "modernc.org/sqlite"
)

// TestImportScripts runs the scripts of testdata/script/import: what
// "notes import" does with the files a real blog folder holds besides
// clean posts — their stderr lines, summaries and exit codes. Binary,
// huge and oddly encoded files are written by the commands below when a
// script runs, never committed.
func TestImportScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:   "../../testdata/script/import",
		Setup: cli.ScriptSetup,
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root":
				// chmod 000 does not stop root from reading a file.
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":    cli.ScriptExits,
			"bytes":    cmdBytes,
			"unescape": cmdUnescape,
			"repeat":   cmdRepeat,
			"sparse":   cmdSparse,
			"utf16":    cmdUTF16,
			"nested":   cmdNested,
			"version":  cmdUserVersion,
		},
	})
}

// bytes FILE QUOTED writes the bytes of a Go-quoted string: bytes x.txt
// "caf\xe9\r\n".
func cmdBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bytes file quoted-string")
	}
	b, err := strconv.Unquote(args[1])
	if err != nil {
		ts.Fatalf("bytes: %v", err)
	}
	writeOut(ts, args[0], []byte(b))
}

// unescape SRC DST writes the text of SRC to DST with its escapes turned
// into bytes: \xHH is the byte HH, \r a carriage return, \\ a backslash.
// Everything else, newlines included, is copied as it is, so a Latin-1 or
// CRLF post stays readable in the script.
func cmdUnescape(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: unescape src dst")
	}
	src := ts.ReadFile(args[0])
	var out []byte
	for i := 0; i < len(src); i++ {
		if src[i] != '\\' || i+1 == len(src) {
			out = append(out, src[i])
			continue
		}
		switch src[i+1] {
		case 'x':
			if i+3 >= len(src) {
				ts.Fatalf("unescape: truncated \\x at byte %d", i)
			}
			b, err := strconv.ParseUint(src[i+2:i+4], 16, 8)
			if err != nil {
				ts.Fatalf("unescape: bad \\x%s at byte %d", src[i+2:i+4], i)
			}
			out = append(out, byte(b))
			i += 3
		case 'r':
			out = append(out, '\r')
			i++
		case '\\':
			out = append(out, '\\')
			i++
		default:
			ts.Fatalf("unescape: unknown escape \\%c at byte %d", src[i+1], i)
		}
	}
	writeOut(ts, args[1], out)
}

// repeat FILE N QUOTED [QUOTED-PREFIX] writes the Go-quoted string N times,
// after the optional prefix: a 6 MB single line, a file of NUL bytes.
func cmdRepeat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 || len(args) > 4 {
		ts.Fatalf("usage: repeat file count quoted-string [quoted-prefix]")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("repeat: bad count %q", args[1])
	}
	unit, err := strconv.Unquote(args[2])
	if err != nil {
		ts.Fatalf("repeat: %v", err)
	}
	prefix := ""
	if len(args) == 4 {
		if prefix, err = strconv.Unquote(args[3]); err != nil {
			ts.Fatalf("repeat: %v", err)
		}
	}
	writeOut(ts, args[0], []byte(prefix+strings.Repeat(unit, n)))
}

// sparse FILE SIZE makes a file of SIZE bytes without writing them: a
// 30 MB post that costs nothing to create.
func cmdSparse(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sparse file size")
	}
	size, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil {
		ts.Fatalf("sparse: bad size %q", args[1])
	}
	writeOut(ts, args[0], nil)
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_WRONLY, 0)
	ts.Check(err)
	ts.Check(f.Truncate(size))
	ts.Check(f.Close())
}

// utf16 SRC DST writes the text of SRC to DST in UTF-16LE with a BOM and
// CRLF line endings, as Windows Notepad saves "Unicode" text.
func cmdUTF16(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: utf16 src dst")
	}
	text := strings.ReplaceAll(ts.ReadFile(args[0]), "\n", "\r\n")
	b := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(text)) {
		b = append(b, byte(u), byte(u>>8))
	}
	writeOut(ts, args[1], b)
}

// nested FILE KIND N writes a post whose body nests N levels deep: KIND
// quote is N ">" on one line, list is an N-level bulleted list.
func cmdNested(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: nested file quote|list count")
	}
	n, err := strconv.Atoi(args[2])
	if err != nil {
		ts.Fatalf("nested: bad count %q", args[2])
	}
	var b strings.Builder
	b.WriteString("---\ntitle: AWS Summit Paris 2022\n---\nL'AWS Summit Paris 2022 s'est déroulé le 12 avril 2022.\n\n" +
		"### Un talk profond\n\nConférence présentée par :\n\n* Jane Doe - SRE, Acme\n\n")
	switch args[1] {
	case "quote":
		b.WriteString(strings.Repeat(">", n) + " citation\n")
	case "list":
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
	default:
		ts.Fatalf("nested: kind %q is not quote or list", args[1])
	}
	b.WriteString("\n### Un second talk\n\nConférence présentée par :\n\n* John Roe - Developer, Foo\n\nDu texte sur AWS Lambda.\n")
	writeOut(ts, args[0], []byte(b.String()))
}

// version DB N sets PRAGMA user_version of a database, as a newer notes
// with more migrations would leave it.
func cmdUserVersion(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: version db n")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("version: bad number %q", args[1])
	}
	db, err := sql.Open("sqlite", "file:"+ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	_, err = db.Exec(fmt.Sprintf("PRAGMA user_version = %d", n))
	ts.Check(err)
	_, err = db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	ts.Check(err)
}

// writeOut writes a file of the script's work folder, creating its folder.
func writeOut(ts *testscript.TestScript, name string, data []byte) {
	path := ts.MkAbs(name)
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	ts.Check(os.WriteFile(path, data, 0o644))
}
