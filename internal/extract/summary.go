package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// One "^" before the alternatives, not one in each: then the regexp is
// anchored and tried at the start of the text only.
var reSpeakerish = lazyRE(`(?i)^(?:(?:conf[ée]rence|talk|session)?\s*(?:pr[ée]sent[ée]e?s?|anim[ée]e?s?)\s+par|r[ée]sum[ée]\s+par|speakers?\s*:)`)

// summarise returns the first sentences of a Markdown body, at most max
// bytes, never cut inside a word.
func summarise(md string, max int) string {
	var parts []string
	for _, para := range strings.Split(md, "\n\n") {
		p := strings.TrimSpace(para)
		// Lists (speaker bullets, bullet notes), headings, code and images
		// do not summarise a talk: its prose does.
		if p == "" || strings.HasPrefix(p, "#") || strings.HasPrefix(p, "```") || strings.HasPrefix(p, "![") ||
			strings.HasPrefix(p, "* ") || strings.HasPrefix(p, "- ") || strings.HasPrefix(p, "+ ") || strings.HasPrefix(p, "|") {
			continue
		}
		plain := collapseFields(stripMdNoise(p))
		if reSpeakerish.MatchString(plain) || len(plain) < 40 || strings.HasPrefix(plain, "http") {
			continue
		}
		// "…les mesures à prendre :" introduces a list the summary leaves
		// out: end the sentence there rather than run into the next one.
		if strings.HasSuffix(plain, ":") {
			parts = append(parts, strings.TrimSpace(strings.TrimSuffix(plain, ":"))+".")
			break
		}
		parts = append(parts, plain)
		if len(strings.Join(parts, " ")) >= max {
			break
		}
	}
	s := strings.Join(parts, " ")
	if len(s) <= max {
		return s
	}
	// Cut at the last sentence end that fits, else at a word boundary.
	cut := s[:max]
	// A sentence ends with . ! or ? after a word and before a space: the
	// dot of ".NET" or "Node.js" does not end one.
	for i := len(cut) - 1; i > max/2; i-- {
		if strings.IndexByte(".!?", cut[i]) >= 0 && i+1 < len(s) && s[i+1] == ' ' && cut[i-1] != ' ' {
			return cut[:i+1]
		}
	}
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		return cut[:i] + "…"
	}
	return cut
}

// stripMdNoise removes Markdown markup from a paragraph: list, heading
// and quote marks at the start of lines, images, link targets (the link
// text stays), emphasis and code marks. It is, written out,
//
//	regexp.MustCompile("(?m)^\\s*(?:#{1,6}\\s+|[*+-]\\s+|>\\s*|\\d+\\.\\s+)|" +
//		"!\\[[^\\]]*\\]\\([^)]*\\)|\\[([^\\]]*)\\]\\([^)]*\\)|[*_`]+").ReplaceAllString(p, "$1")
//
// which backtracked through every paragraph of every talk.
func stripMdNoise(p string) string {
	var b strings.Builder
	last := 0 // end of the previous match
	for i := 0; i < len(p); {
		end, keep := mdNoiseAt(p, i)
		if end < 0 {
			i++
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(p))
		}
		b.WriteString(p[last:i])
		b.WriteString(keep)
		last, i = end, end
	}
	if b.Cap() == 0 {
		return p
	}
	b.WriteString(p[last:])
	return b.String()
}

// mdNoiseAt matches the markup stripMdNoise removes at p[i:], trying its
// forms in the pattern's order. It returns the end of the match (-1 for
// none) and what replaces it: the text of a link, else nothing. Every
// form starts with an ASCII byte, never inside a rune.
func mdNoiseAt(p string, i int) (end int, keep string) {
	// ^\s*(?:#{1,6}\s+|[*+-]\s+|>\s*|\d+\.\s+) at the start of a line.
	// No mark is a blank: \s* gives back nothing the marks could use.
	if i == 0 || p[i-1] == '\n' {
		j := skipSpaceRE(p, i)
		switch {
		case j == len(p):
		case p[j] == '#':
			k := j
			for k < len(p) && p[k] == '#' {
				k++
			}
			if k-j <= 6 && k < len(p) && isSpaceRE(p[k]) {
				return skipSpaceRE(p, k), ""
			}
		case p[j] == '*' || p[j] == '+' || p[j] == '-':
			if j+1 < len(p) && isSpaceRE(p[j+1]) {
				return skipSpaceRE(p, j+1), ""
			}
		case p[j] == '>':
			return skipSpaceRE(p, j+1), ""
		case '0' <= p[j] && p[j] <= '9':
			k := j
			for k < len(p) && '0' <= p[k] && p[k] <= '9' {
				k++
			}
			if k+1 < len(p) && p[k] == '.' && isSpaceRE(p[k+1]) {
				return skipSpaceRE(p, k+1), ""
			}
		}
	}
	switch p[i] {
	case '!': // !\[[^\]]*\]\([^)]*\)
		if i+1 < len(p) && p[i+1] == '[' {
			if end, _ := mdLinkAt(p, i+1); end >= 0 {
				return end, ""
			}
		}
	case '[': // \[([^\]]*)\]\([^)]*\)
		if end, text := mdLinkAt(p, i); end >= 0 {
			return end, text
		}
	}
	// [*_`]+
	j := i
	for j < len(p) && (p[j] == '*' || p[j] == '_' || p[j] == '`') {
		j++
	}
	if j > i {
		return j, ""
	}
	return -1, ""
}

// mdLinkAt matches "[text](target)" at p[i:], p[i] being "[": the first
// "]" must be followed by "(", and a ")" must come after it.
func mdLinkAt(p string, i int) (end int, text string) {
	k := strings.IndexByte(p[i+1:], ']')
	if k < 0 {
		return -1, ""
	}
	k += i + 1
	if k+1 >= len(p) || p[k+1] != '(' {
		return -1, ""
	}
	c := strings.IndexByte(p[k+2:], ')')
	if c < 0 {
		return -1, ""
	}
	return k + 2 + c + 1, p[i+1 : k]
}

// skipSpaceRE returns the end of the run of \s bytes at p[i:].
func skipSpaceRE(p string, i int) int {
	for i < len(p) && isSpaceRE(p[i]) {
		i++
	}
	return i
}

// collapseFields is strings.Join(strings.Fields(s), " "), returning s
// itself when it is so already: most paragraphs are.
func collapseFields(s string) string {
	space := true // a leading space is not collapsed
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ':
				if space {
					return strings.Join(strings.Fields(s), " ")
				}
				space = true
			case '\t', '\n', '\v', '\f', '\r':
				return strings.Join(strings.Fields(s), " ")
			default:
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return strings.Join(strings.Fields(s), " ")
		}
		space = false
		i += size
	}
	if space {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}
