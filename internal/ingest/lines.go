package ingest

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notes-kb/notes/internal/core"
)

// lineIndex holds the byte offset where each line of a text starts, so a
// byte offset reported by a parser can be turned back into the 1-based line
// number of the original file.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// line returns the 1-based line holding byte offset off (clamped to the text).
func (li lineIndex) line(off int) int {
	if off < 0 {
		return 1
	}
	// The first line start greater than off is one past the line we want.
	n := sort.SearchInts(li, off+1)
	if n < 1 {
		return 1
	}
	return n
}

// splitLines splits text on "\n" so that element i is line i+1.
func splitLines(text string) []string {
	return strings.Split(text, "\n")
}

// cleanSpaces turns the non-breaking and narrow spaces French typography puts
// before ":" or "?" into plain spaces, so a later stage can match "par :"
// without caring how the author's editor spelled the space.
func cleanSpaces(s string) string {
	if !hasOddSpace(s) {
		return s
	}
	return strings.NewReplacer(
		"\u00a0", " ", "\u202f", " ", "\u2007", " ", "\u2009", " ",
		"\u200b", "", "\ufeff", "",
	).Replace(s)
}

// hasOddSpace reports whether s holds one of the spaces cleanSpaces
// replaces. It is strings.ContainsAny with the UTF-8 encodings spelled
// out: ContainsAny decodes every rune of the text, and French text has
// many, while these spaces start with three lead bytes only.
func hasOddSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xc2: // U+00A0
			if i+1 < len(s) && s[i+1] == 0xa0 {
				return true
			}
		case 0xe2: // U+2007, U+2009, U+200B, U+202F
			if i+2 < len(s) && s[i+1] == 0x80 {
				switch s[i+2] {
				case 0x87, 0x89, 0x8b, 0xaf:
					return true
				}
			}
		case 0xef: // U+FEFF
			if i+2 < len(s) && s[i+1] == 0xbb && s[i+2] == 0xbf {
				return true
			}
		}
	}
	return false
}

// isBlank reports whether strings.TrimSpace(cleanSpaces(s)) is empty: s
// is white space and the invisible runes cleanSpaces drops. It stops at
// the first other rune rather than copy a whole file.
func isBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			return false
		}
	}
	return true
}

// collapseSpaces trims s and folds runs of white space into one space:
// titles are compared and displayed as single lines.
func collapseSpaces(s string) string {
	if isCollapsed(s) {
		return s // most lines are: spare the copies
	}
	return strings.Join(strings.Fields(cleanSpaces(s)), " ")
}

// isCollapsed reports whether collapseSpaces(s) is s: no white space but
// single " " between words, and none of the spaces cleanSpaces removes.
// Only runes starting with the bytes 0xc2, 0xe1, 0xe2, 0xe3 and 0xef can
// be spaces (or U+200B, U+FEFF): the others are skipped undecoded.
func isCollapsed(s string) bool {
	space := true // a leading space is not collapsed
	for i := 0; i < len(s); i++ {
		switch spaceClass[s[i]] {
		case 0:
			space = false
		case 1:
			if space {
				return false
			}
			space = true
		case 2:
			return false
		case 3:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
				return false
			}
			space = false
			i += size - 1
		}
	}
	return !space
}

// spaceClass sorts bytes for isCollapsed: 1 the space, 2 the other ASCII
// blanks, 3 the bytes starting the other runes to look at, 0 the rest.
var spaceClass = [256]uint8{' ': 1, '\t': 2, '\n': 2, '\v': 2, '\f': 2, '\r': 2, 0xc2: 3, 0xe1: 3, 0xe2: 3, 0xe3: 3, 0xef: 3}

// plainLine is the normal form of one line of block text: non-breaking
// spaces made plain, trailing and leading white space trimmed.
func plainLine(s string) string {
	return strings.TrimSpace(cleanSpaces(s))
}

// sections accumulates the Sections of a Document as a reader meets
// headings and blocks, creating the Level 0 preamble only when something
// precedes the first heading.
type sections struct {
	list []core.Section
}

func (s *sections) heading(level int, title string, line int, guessed bool) {
	s.list = append(s.list, core.Section{Level: level, Title: title, Line: line, Guessed: guessed})
}

// markup records the heading text as written for the last heading.
func (s *sections) markup(md string) {
	if len(s.list) > 0 {
		s.list[len(s.list)-1].Markup = md
	}
}

func (s *sections) add(b core.Block) {
	if len(s.list) == 0 {
		s.list = append(s.list, core.Section{Level: 0, Line: b.Line})
	}
	last := &s.list[len(s.list)-1]
	last.Blocks = append(last.Blocks, b)
}

// onlyImagesSoFar reports whether nothing but images came before the first
// heading: a "# Title" after a banner image is still the document title.
func (s *sections) onlyImagesSoFar() bool {
	for _, sec := range s.list {
		if sec.Level != 0 {
			return false
		}
		for _, b := range sec.Blocks {
			if b.Kind != core.BlockImage {
				return false
			}
		}
	}
	return true
}

// startsLower reports whether the first letter-or-digit of s is a lowercase
// letter: a line starting lowercase continues a sentence, it is no heading.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// hasLetter reports whether s holds at least one letter.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// escapeMarkdown escapes what would turn plain text into Markdown markup,
// for formats (plain text, HTML) whose text is not Markdown already. Only
// characters that really start markup are escaped, so the result stays
// readable when printed raw.
func escapeMarkdown(s string) string {
	if !needsEscape(s) {
		return s
	}
	return escapeMarkdownAll(s)
}

// escapeMarkdownAll is escapeMarkdown without its shortcut for text that
// needs no escaping (the tests compare the two).
func escapeMarkdownAll(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '[', ']', '<', '>':
			if r == '>' && i != 0 {
				b.WriteRune(r)
				continue
			}
			b.WriteByte('\\')
		case '_':
			// Intraword underscores (snake_case, file names) are inert.
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if i > 0 && isWordRune(prev) && isWordRune(next) {
				break
			}
			b.WriteByte('\\')
		case '#', '+', '-', '=', '|':
			if i == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "1. foo" at the start of a line would become an ordered list.
	if n := leadingDigits(out); n > 0 && n < len(out) && (out[n] == '.' || out[n] == ')') {
		out = out[:n] + "\\" + out[n:]
	}
	return out
}

// needsEscape reports whether escapeMarkdown may change s: most lines of
// prose have nothing to escape. Invalid UTF-8 is rewritten there, as
// strings.Builder.WriteRune writes U+FFFD for it.
func needsEscape(s string) bool {
	if s == "" {
		return false
	}
	if strings.IndexAny(s, "\\`*[]<_") >= 0 || strings.IndexByte(">#+-=|", s[0]) >= 0 || !utf8.ValidString(s) {
		return true
	}
	n := leadingDigits(s)
	return n > 0 && n < len(s) && (s[n] == '.' || s[n] == ')')
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// markdownImage writes an image; a target with spaces or parentheses
// (photo names like "IMG_1 (1).jpg") goes in angle brackets, the only
// form Markdown reads whole.
func markdownImage(alt, target string) string {
	if strings.ContainsAny(target, " ()<>") {
		target = "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(target) + ">"
	}
	return "![" + alt + "](" + target + ")"
}
