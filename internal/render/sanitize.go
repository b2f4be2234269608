package render

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Sanitize removes from s everything a terminal would interpret rather than
// print: escape sequences (CSI such as colours and cursor moves, OSC such as
// OSC 52 clipboard writes or hyperlinks, DCS/SOS/PM/APC strings), the other
// C0 controls except newline and tab, DEL, and the C1 controls U+0080–U+009F
// (including their 8-bit CSI/OSC forms with their parameters). Invalid
// UTF-8 bytes become U+FFFD. Text from a post goes through Sanitize before
// it reaches a table or a Markdown page.
func Sanitize(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b:
			i = skipEscape(s, i+1)
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i+size)
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // 8-bit OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
			i += size
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// clean reports whether s holds nothing Sanitize would change, so that the
// common case allocates nothing.
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
			return false
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			return false
		}
	}
	return utf8.ValidString(s)
}

// skipEscape skips what follows an ESC at s[i:] and returns the index after
// the sequence.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// nF escape: intermediate bytes 0x20–0x2F, then one final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI skips the parameter and intermediate bytes and the final byte of
// a control sequence.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		i++
		if c >= 0x40 && c <= 0x7e {
			return i
		}
		if c < 0x20 || c >= 0x7f {
			// Not a well-formed sequence: stop at the odd byte and let the
			// caller deal with it.
			return i - 1
		}
	}
	return i
}

// skipString skips a control string (OSC, DCS, SOS, PM, APC) up to and
// including its terminator: BEL, ESC \ or the 8-bit ST (U+009C). An
// unterminated string runs to the end of s, as a terminal would swallow it.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == 0x1b:
			return i // ESC aborts the string and starts a new sequence
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// controlRef matches a numeric character reference, which goldmark would
// decode into the character it names.
var controlRef = regexp.MustCompile(`&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));`)

// sanitizeMarkdown is Sanitize plus the removal of numeric character
// references to control characters (&#27; &#x9b;): a Markdown renderer
// would turn them back into the escapes Sanitize removed.
func sanitizeMarkdown(md string) string {
	md = Sanitize(md)
	if !strings.Contains(md, "&#") {
		return md
	}
	return controlRef.ReplaceAllStringFunc(md, func(ref string) string {
		m := controlRef.FindStringSubmatch(ref)
		var n uint64
		var err error
		if m[1] != "" {
			n, err = strconv.ParseUint(m[1], 16, 32)
		} else {
			n, err = strconv.ParseUint(m[2], 10, 32)
		}
		if err != nil {
			return ""
		}
		if n == '\n' || n == '\t' {
			return ref
		}
		if n < 0x20 || n >= 0x7f && n <= 0x9f {
			return ""
		}
		return ref
	})
}

// cell is a value made fit for one table cell: sanitized, on one line,
// runs of blanks (including those a removed sequence leaves) made one
// space.
func cell(s string) string {
	s = Sanitize(s)
	if strings.Contains(s, "  ") || strings.ContainsAny(s, "\t\n\v\f\r") || strings.TrimSpace(s) != s {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}
