package catalog

import (
	"unicode"
	"unicode/utf8"
)

// A word is a maximal run of letters and digits: "re:Invent" is two words,
// "Route53" one, "Lambda@Edge" two. Everything else separates words.

// asciiLower maps an ASCII letter or digit to its lower case, and every
// other byte to 0.
var asciiLower = func() (t [256]byte) {
	for b := 0; b < utf8.RuneSelf; b++ {
		if isWordByte(byte(b)) {
			t[b] = byte(unicode.ToLower(rune(b)))
		}
	}
	return t
}()

// latin1 describes U+00C0–U+00FF (UTF-8 C3 80 to C3 BF) by their second
// byte: whether the rune belongs to a word, and its folded form.
var latin1 = func() (t [64]struct {
	word bool
	fold string
}) {
	for i := range t {
		r := rune(0xC0 + i)
		t[i].word = isWordRune(r)
		t[i].fold = foldRune(unicode.ToLower(r))
	}
	return t
}()

// isWordByte reports whether an ASCII byte belongs to a word.
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// isWordRune reports whether a rune belongs to a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isWordByte(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordSpans returns the [start, end) byte offsets of the words of s.
func wordSpans(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		start, end := nextWord(s, i)
		if start < 0 {
			break
		}
		out = append(out, [2]int{start, end})
		i = end
	}
	return out
}

// nextWord returns the offsets of the first word at or after i, or -1.
func nextWord(s string, i int) (start, end int) {
	start = -1
	for i < len(s) {
		b := s[i]
		if b < utf8.RuneSelf {
			if isWordByte(b) {
				if start < 0 {
					start = i
				}
			} else if start >= 0 {
				return start, i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			return start, i
		}
		i += n
	}
	if start < 0 {
		return -1, -1
	}
	return start, len(s)
}

// foldWord appends w lower-cased and without accents to buf. It reports
// false when w holds a letter outside Latin-1 and Latin Extended-A, which
// no alias uses: such a word can never match, so it is not worth folding.
func foldWord(w string, buf []byte) ([]byte, bool) {
	buf = buf[:0]
	for i := 0; i < len(w); {
		b := w[i]
		if b < utf8.RuneSelf {
			if b >= 'A' && b <= 'Z' {
				b += 'a' - 'A'
			}
			buf = append(buf, b)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		i += n
		if unicode.Is(unicode.Mn, r) {
			continue // combining accent of a decomposed letter
		}
		f := foldRune(unicode.ToLower(r))
		if f == "" {
			return buf, false
		}
		buf = append(buf, f...)
	}
	return buf, true
}

// foldRune maps an accented Latin lower-case letter to ASCII, or "".
func foldRune(r rune) string {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return "a"
	case 'ç', 'ć', 'ĉ', 'ċ', 'č':
		return "c"
	case 'ď', 'đ':
		return "d"
	case 'è', 'é', 'ê', 'ë', 'ē', 'ĕ', 'ė', 'ę', 'ě':
		return "e"
	case 'ĝ', 'ğ', 'ġ', 'ģ':
		return "g"
	case 'ì', 'í', 'î', 'ï', 'ĩ', 'ī', 'ĭ', 'į', 'ı':
		return "i"
	case 'ñ', 'ń', 'ņ', 'ň':
		return "n"
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ŏ', 'ő':
		return "o"
	case 'ŕ', 'ř':
		return "r"
	case 'ś', 'ŝ', 'ş', 'š':
		return "s"
	case 'ţ', 'ť':
		return "t"
	case 'ù', 'ú', 'û', 'ü', 'ũ', 'ū', 'ŭ', 'ů', 'ű', 'ų':
		return "u"
	case 'ý', 'ÿ':
		return "y"
	case 'ź', 'ż', 'ž':
		return "z"
	case 'ł':
		return "l"
	case 'œ':
		return "oe"
	case 'æ':
		return "ae"
	case 'ß':
		return "ss"
	}
	return ""
}

// FNV-1a, 32 bits: the hash of the bloom filter that spares the vocabulary
// map the words no alias uses ("de", "la", "données"…).
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashWord(w []byte) uint32 {
	h := uint32(fnvOffset)
	for _, b := range w {
		h = (h ^ uint32(b)) * fnvPrime
	}
	return h
}

// bloom is a one-hash bloom filter of 2^16 bits over the vocabulary: with
// about a thousand words, 98% of the other words are turned away by one
// memory read.
type bloom [1 << 10]uint64

func (f *bloom) add(h uint32) { f[h>>6&(1<<10-1)] |= 1 << (h & 63) }

func (f *bloom) has(h uint32) bool { return f[h>>6&(1<<10-1)]&(1<<(h&63)) != 0 }
