package extract

import (
	"regexp"
	"strings"
)

var (
	reMdNoise    = regexp.MustCompile("(?m)^\\s*(?:#{1,6}\\s+|[*+-]\\s+|>\\s*|\\d+\\.\\s+)|!\\[[^\\]]*\\]\\([^)]*\\)|\\[([^\\]]*)\\]\\([^)]*\\)|[*_`]+")
	reSpeakerish = regexp.MustCompile(`(?i)^(?:conf[ée]rence|talk|session)?\s*(?:pr[ée]sent[ée]e?s?|anim[ée]e?s?)\s+par|^r[ée]sum[ée]\s+par|^speakers?\s*:`)
)

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
		plain := p
		if strings.ContainsAny(p, "#*+->[]!`_") || startsNumbered(p) {
			plain = reMdNoise.ReplaceAllString(p, "$1")
		}
		plain = strings.Join(strings.Fields(plain), " ")
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

// startsNumbered reports whether a line of p starts like "1. item".
func startsNumbered(p string) bool {
	for _, l := range strings.Split(p, "\n") {
		l = strings.TrimLeft(l, " ")
		i := 0
		for i < len(l) && l[i] >= '0' && l[i] <= '9' {
			i++
		}
		if i > 0 && i < len(l) && l[i] == '.' {
			return true
		}
	}
	return false
}
