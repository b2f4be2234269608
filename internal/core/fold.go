package core

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s, removes accents, turns ’ into ' and œ/æ into oe/ae,
// and collapses runs of spaces, so that "Société  Générale" and
// "societe generale" compare equal. It is the key used for people,
// companies and event filters.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '’' || r == '‘' || r == 'ʼ':
			r = '\''
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
			space = false
			continue
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
			space = false
			continue
		case unicode.IsSpace(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimRight(b.String(), " ")
}
