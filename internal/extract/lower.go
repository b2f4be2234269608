package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/lazyre"
)

// The ASCII case tests live in package lazyre, beside the regexps they
// guard.

func lowerASCII(s string) string                   { return lazyre.LowerASCII(s) }
func foldsToASCII(s string) bool                   { return lazyre.FoldsToASCII(s) }
func mayContainFold(s string, words []string) bool { return lazyre.MayContainFold(s, words) }

// isSpaceRE reports whether c is in the regexp class \s: [\t\n\f\r ].
func isSpaceRE(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isWordRE reports whether c is an ASCII word byte, [0-9A-Za-z_], which
// \b tells from others. Bytes of non-ASCII runes are not, as the runes
// are not.
func isWordRE(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// hasPrefixFold reports whether s starts with word (ASCII, lower case) in
// any ASCII case.
func hasPrefixFold(s, word string) bool {
	if len(s) < len(word) {
		return false
	}
	for i := 0; i < len(word); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[i] {
			return false
		}
	}
	return true
}

// fold is core.Fold, with the work spared for the text it is given most:
// ASCII and Latin letters with diacritics. core.Fold decomposes the text
// (NFD), drops combining marks, lower-cases and makes each run of blanks
// one space; for these runes it comes to a table lookup (foldRunes).
// Other runes, and invalid UTF-8, go to core.Fold.
func fold(s string) string {
	clean := true // s is its own fold
	space := true // the previous byte is a blank, or s starts here
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return foldRunesOf(s)
		case c == ' ':
			clean = clean && !space
			space = true
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || 'A' <= c && c <= 'Z':
			clean = false
			space = c < 'A'
		default:
			space = false
		}
	}
	if clean && !space || s == "" {
		return s
	}
	return foldRunesOf(s)
}

// foldRunesOf is core.Fold(s) for s made of ASCII and runes of foldRunes.
// Decomposing the text is decomposing each rune: the marks that canonical
// ordering would move are all dropped.
func foldRunesOf(s string) string {
	table := foldRunes()
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
				if !space && len(b) > 0 {
					b = append(b, ' ')
				}
				space = true
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			space = false
			b = append(b, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) {
			if !space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = true
			continue
		}
		f, ok := table[r]
		if !ok || r == utf8.RuneError && size == 1 {
			return core.Fold(s)
		}
		if f == "" {
			continue // a combining mark: dropped, as the blank before it stays
		}
		space = false
		b = append(b, f...)
	}
	return strings.TrimRight(string(b), " ")
}

// foldRunes maps runes to what core.Fold makes of each alone: Latin
// letters with diacritics, combining marks (to ""), typographic
// punctuation. Blanks are left to foldRunesOf.
var foldRunes = sync.OnceValue(func() map[rune]string {
	table := map[rune]string{}
	for _, span := range [][2]rune{
		{0x80, 0x24f},    // Latin-1 Supplement, Latin Extended-A and B
		{0x300, 0x36f},   // combining diacritical marks
		{0x1e00, 0x1eff}, // Latin Extended Additional
		{0x2010, 0x205e}, // dashes, quotes, bullets, ellipsis
		{0x20a0, 0x20bf}, // currency signs
		{0x2100, 0x2122}, // letterlike symbols, ™
	} {
		for r := span[0]; r <= span[1]; r++ {
			if !unicode.IsSpace(r) {
				table[r] = core.Fold(string(r))
			}
		}
	}
	return table
})
