package render

import (
	"bytes"
	"strconv"
	"testing"
)

// unescapePathField undoes PathField, as bash's printf %b does.
func unescapePathField(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 >= len(s) {
			t.Fatalf("%q ends in a lone backslash", s)
		}
		i++
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'x':
			if i+2 >= len(s) {
				t.Fatalf("%q: short \\x escape", s)
			}
			n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				t.Fatalf("%q: bad \\x escape: %v", s, err)
			}
			b.WriteByte(byte(n))
			i += 2
		default:
			t.Fatalf("%q: unknown escape \\%c", s, s[i])
		}
	}
	return b.String()
}

// checkPathField: the field survives a pipe table cell unchanged, holds
// no tab, newline or control character, and gives back the path.
func checkPathField(t *testing.T, path string) string {
	t.Helper()
	f := PathField(path)
	if got := cell(f); got != f {
		t.Errorf("PathField(%q) = %q, which a table cell turns into %q", path, f, got)
	}
	if !clean(f) || bytes.ContainsAny([]byte(f), "\t\n\r") {
		t.Errorf("PathField(%q) = %q holds control characters", path, f)
	}
	if back := unescapePathField(t, f); back != path {
		t.Errorf("PathField(%q) = %q, which reads back as %q", path, f, back)
	}
	return f
}

// TestPathField pins down issue 13, item 10: the TSV of `notes sources`
// collapsed double spaces and turned tabs and newlines into spaces, so
// that `cut -f1` gave names no file has.
func TestPathField(t *testing.T) {
	tests := []struct{ in, want string }{
		{"posts/2024-04-10-aws-summit.md", "posts/2024-04-10-aws-summit.md"},
		{"posts/café ノート.md", "posts/café ノート.md"},
		{"posts/two  spaces.md", `posts/two \x20spaces.md`},
		{"posts/tab\there.md", `posts/tab\there.md`},
		{"posts/new\nline.md", `posts/new\nline.md`},
		{"posts/cr\r.md", `posts/cr\r.md`},
		{`C:\posts\x.md`, `C:\\posts\\x.md`},
		{" lead.md", `\x20lead.md`},
		{"trail.md ", `trail.md\x20`},
		{"p/osc52-\x1b]52;c;aGk=\a.md", `p/osc52-\x1b]52;c;aGk=\x07.md`},
		{"bad\xff.md", `bad\xff.md`},
		{"nbsp\u00a0.md", `nbsp\xc2\xa0.md`},
		{"c1\u009b.md", `c1\xc2\x9b.md`},
	}
	for _, tt := range tests {
		if got := checkPathField(t, tt.in); got != tt.want {
			t.Errorf("PathField(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzPathField(f *testing.F) {
	for _, s := range []string{"a  b", "a\tb\n", " x ", `\`, "\x1b[2J", "\xff", "\u2028", "a \u00a0 b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		checkPathField(t, path)
	})
}
