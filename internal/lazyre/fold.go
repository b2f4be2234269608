package lazyre

import "strings"

// Cheap tests run before the regexps look for ASCII words in a copy of the
// text lower-cased byte for byte. They are exact only for text without the
// three runes that case-fold to an ASCII letter: K (Kelvin sign) and ſ
// (long s), which (?i) matches with k and s, and İ, which strings.ToLower
// turns into i. Text holding one of them is always handed to the regexp.

// LowerASCII returns s with its ASCII capitals lower-cased, byte for
// byte, so that offsets in s stay valid in the copy. It returns s itself
// when s has no capital.
func LowerASCII(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// FoldsToASCII reports whether s holds K (U+212A), ſ (U+017F) or İ
// (U+0130), which case-fold to ASCII letters.
func FoldsToASCII(s string) bool {
	return strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f") || strings.Contains(s, "\u0130")
}

// MayContainFold reports whether s may hold one of words (ASCII, lower
// case) in any case: false means it surely does not.
func MayContainFold(s string, words []string) bool {
	if FoldsToASCII(s) {
		return true
	}
	low := LowerASCII(s)
	for _, w := range words {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}
