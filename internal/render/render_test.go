package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain", "Karpenter à l'échelle", "Karpenter à l'échelle"},
		{"newline and tab kept", "a\tb\nc", "a\tb\nc"},
		{"csi colour", "\x1b[31mred\x1b[0m text", "red text"},
		{"csi cursor", "a\x1b[2J\x1b[1;1Hb", "ab"},
		{"csi private", "a\x1b[?25lb", "ab"},
		{"osc 52 bel", "x\x1b]52;c;cm0gLXJmIH4=\x07y", "xy"},
		{"osc 52 st", "x\x1b]52;c;cm0gLXJmIH4=\x1b\\y", "xy"},
		{"osc 8 hyperlink", "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"osc aborted by escape", "\x1b]0;title\x1b[31mred", "red"},
		{"unterminated osc", "ok\x1b]52;c;AAAA", "ok"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"two-byte escape", "a\x1b7b\x1b8c", "abc"},
		{"charset escape", "a\x1b(Bb", "ab"},
		{"lone escape at end", "a\x1b", "a"},
		{"carriage return", "safe\rEVIL", "safeEVIL"},
		{"backspace bell null", "a\x08b\x07c\x00d", "abcd"},
		{"del", "a\x7fb", "ab"},
		{"c1 csi with params", "a\u009b31mb", "ab"},
		{"c1 osc", "a\u009d52;c;AAAA\u009cb", "ab"},
		{"c1 other", "a\u0085b\u0080c", "abc"},
		{"latin-1 letters kept", "café ñ ü ÿ", "café ñ ü ÿ"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
		{"raw 8-bit csi byte", "a\x9b31mb", "a\uFFFD31mb"},
		{"emoji", "🚀 launch", "🚀 launch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSanitizeMarkdownCharacterReferences(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"a&#27;[31mb", "a[31mb"},
		{"a&#x1B;]52;c;AA&#x07;b", "a]52;c;AAb"},
		{"a&#155;b", "ab"},
		{"&#233;t&#xE9;", "&#233;t&#xE9;"},
		{"line&#10;break", "line&#10;break"},
		{"R&amp;D", "R&amp;D"},
	}
	for _, tt := range tests {
		if got := sanitizeMarkdown(tt.in); got != tt.want {
			t.Errorf("sanitizeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTablePipe(t *testing.T) {
	s, out, _ := Buffers()
	rows := [][]string{
		{"1", "AWS Summit Paris 2022", "2022-04-12", "Karpenter", "Jane Doe, John Roe"},
		{"2", "Xebicon 2019", "", "Title\twith tab\nand newline", "\x1b[31mEvil\x1b[0m"},
	}
	if err := Table(s, talkColumns, rows); err != nil {
		t.Fatal(err)
	}
	want := "1\tAWS Summit Paris 2022\t2022-04-12\tKarpenter\tJane Doe, John Roe\n" +
		"2\tXebicon 2019\t\tTitle with tab and newline\tEvil\n"
	if got := out.String(); got != want {
		t.Errorf("pipe table:\ngot  %q\nwant %q", got, want)
	}
}

func TestTablePipeEmpty(t *testing.T) {
	s, out, _ := Buffers()
	if err := Table(s, []Column{{Header: "ID"}}, nil); err != nil {
		t.Fatal(err)
	}
	if out.Len() != 0 {
		t.Errorf("empty table wrote %q, want nothing", out.String())
	}
}

func TestTableTerminal(t *testing.T) {
	s, out, _ := Buffers()
	s.OutTerminal = true
	s.Width = 30
	rows := [][]string{
		{"1", "Déploiement continu avec Karpenter sur EKS"},
		{"22", "日本語のタイトル"},
	}
	if err := Table(s, []Column{{Header: "ID"}, {Header: "TITLE", Importance: Key}}, rows); err != nil {
		t.Fatal(err)
	}
	want := "ID  TITLE\n" +
		"1   Déploiement continu avec …\n" +
		"22  日本語のタイトル\n"
	if got := out.String(); got != want {
		t.Errorf("terminal table:\ngot\n%s\nwant\n%s", got, want)
	}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if w := len([]rune(line)); w > 30 {
			t.Errorf("line %q is %d runes wide, want <= 30", line, w)
		}
	}
}

func TestMarkdownPipe(t *testing.T) {
	s, out, _ := Buffers()
	md := "# Karpenter\n\n**AWS Summit** · Paris\n\n* Jane Doe — SA, AWS\n"
	if err := Markdown(s, md); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != md {
		t.Errorf("Markdown in a pipe = %q, want the input %q", got, md)
	}
}

func TestMarkdownTerminalNoColor(t *testing.T) {
	s, out, _ := Buffers()
	s.OutTerminal = true
	s.Width = 60
	if err := Markdown(s, "# Title\n\nSome \x1b]52;c;AAAA\x07text &#27;[2J here.\n"); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if s.GlamourStyle() != "notty" {
		t.Errorf("style without colour = %q, want notty", s.GlamourStyle())
	}
	if strings.ContainsRune(got, 0x1b) {
		t.Errorf("notty rendering holds an escape: %q", got)
	}
	if !strings.Contains(got, "Some text [2J here.") {
		t.Errorf("rendering %q lacks the text", got)
	}
}

// TestMarkdownQuoteKeepsItsBar pins a glamour v1 bug: a block quote's bar
// takes two columns but its text was wrapped as if it took one, so each
// full line was wrapped again and a word fell alone on a line without the
// bar — in every search snippet on a terminal, at any width.
func TestMarkdownQuoteKeepsItsBar(t *testing.T) {
	var words []string
	for i := range 60 {
		words = append(words, fmt.Sprintf("w%02d", i))
		if i%3 == 0 {
			words = append(words, "quoted")
		}
	}
	md := "## 1. A talk\n\n> " + strings.Join(words, " ") + "\n\nAfter the quote.\n"
	escape := regexp.MustCompile(`\x1b\[[0-9;]*m`)
	for _, style := range []string{"dark", "light", "notty", "ascii"} {
		for _, width := range []int{40, 60, 80, 100} {
			t.Run(fmt.Sprintf("%s/%d", style, width), func(t *testing.T) {
				s, out, _ := Buffers()
				s.OutTerminal, s.Color, s.NoPager, s.Width, s.Style = true, true, true, width, style
				if err := Markdown(s, md); err != nil {
					t.Fatal(err)
				}
				quoted := 0
				for _, line := range strings.Split(escape.ReplaceAllString(out.String(), ""), "\n") {
					if w := runewidth.StringWidth(line); w > width {
						t.Errorf("line %q is %d columns wide, want <= %d", line, w, width)
					}
					if !strings.Contains(line, "w") || strings.Contains(line, "talk") || strings.Contains(line, "After") {
						continue
					}
					quoted++
					if text := strings.TrimSpace(line); !strings.HasPrefix(text, "│") && !strings.HasPrefix(text, "|") {
						t.Errorf("quoted line %q has no bar:\n%s", line, out)
					}
				}
				if quoted < 2 {
					t.Errorf("%d quoted lines, want the quote wrapped on several:\n%s", quoted, out)
				}
			})
		}
	}
}

func TestJSON(t *testing.T) {
	s, buf, _ := Buffers()
	v := map[string]any{"title": "Q&A <live>", "c1": "a\u009bb", "list": []int{1}}
	if err := JSON(s, v); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"c1\": \"a\\u009bb\",\n  \"list\": [\n    1\n  ],\n  \"title\": \"Q&A <live>\"\n}\n"
	if got := buf.String(); got != want {
		t.Errorf("JSON:\ngot  %q\nwant %q", got, want)
	}
}
