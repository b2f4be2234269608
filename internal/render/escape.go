package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// EscapeMarkdown makes text from a post safe to put inline in a Markdown
// document we write: a heading, a list item, a link text, a table cell or
// a paragraph. The text is sanitized and put on one line, and every
// character that could start structure is backslash-escaped, so that a
// title like "# <script>…</script> | `x`" stays plain text inside its
// heading: # (headings, and closing sequences that would eat a trailing
// "C#"), < and > (raw HTML, autolinks, quotes), ` (code spans), * and _
// (emphasis; an underscore inside a word is left alone), [ and ] (links),
// | (table cells), ~ (strikethrough, fences), \ itself, & when it would
// start a character reference, and at the start of the text the list
// markers - + and "1." / "1)", and = (setext underline).
//
// GFM renderers (GitHub, goldmark's Linkify, glamour) also turn bare
// "www.host", "scheme://host" and "name@host.tld" into links (issue 13,
// item 4: a title "Connectez-vous sur www.evil.example/login" became a live
// link in the HTML digest). So every @, the : of every "://" and the dot of
// every "www." are escaped too: an escaped character is no longer the one an
// autolink looks for, and it renders as itself. A bare "host.tld" is not a
// link in GFM and is left alone.
func EscapeMarkdown(text string) string {
	text = strings.Join(strings.Fields(Sanitize(text)), " ")
	var b strings.Builder
	b.Grow(len(text) + 8)
	for i, r := range text {
		switch r {
		case '\\', '`', '*', '[', ']', '<', '>', '#', '|', '~', '@':
			b.WriteByte('\\')
		case ':':
			if strings.HasPrefix(text[i+1:], "//") {
				b.WriteByte('\\')
			}
		case '_':
			if !(wordRune(text[:i], true) && wordRune(text[i+1:], false)) {
				b.WriteByte('\\')
			}
		case '&':
			if charRef(text[i+1:]) {
				b.WriteByte('\\')
			}
		case '-', '+', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			if i > 0 && strings.TrimLeft(text[:i], "0123456789") == "" ||
				r == '.' && i >= 3 && strings.EqualFold(text[i-3:i], "www") {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// wordRune reports whether the rune next to an underscore, the last of
// before (last) or the first of after, is a letter or a digit.
func wordRune(s string, last bool) bool {
	var r rune
	if last {
		r, _ = utf8.DecodeLastRuneInString(s)
	} else {
		r, _ = utf8.DecodeRuneInString(s)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// charRef reports whether s, what follows an &, would make it a character
// reference: "amp;", "#39;", "#x1b;".
func charRef(s string) bool {
	end := strings.IndexByte(s, ';')
	if end <= 0 || end > 32 {
		return false
	}
	name := s[:end]
	if strings.HasPrefix(name, "#") {
		name = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(name, "#"), "x"), "X")
	}
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// CodeSpan writes s as an inline code span, with a fence of backticks
// longer than any run of backticks in s, so that a path holding backticks
// cannot end the span early.
func CodeSpan(s string) string {
	s = strings.Join(strings.Fields(Sanitize(s)), " ")
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// Speaker writes "Name<open>Role, Company<close>" with what is known of a
// speaker, escaped for Markdown: ("Jane Doe", " (", ")") gives "Jane Doe
// (CTO, Acme)", and just "Jane Doe" when neither role nor company is known.
func Speaker(name, role, company, open, close string) string {
	out := EscapeMarkdown(name)
	var about []string
	if role != "" {
		about = append(about, EscapeMarkdown(role))
	}
	if company != "" {
		about = append(about, EscapeMarkdown(company))
	}
	if len(about) > 0 {
		out += open + strings.Join(about, ", ") + close
	}
	return out
}
