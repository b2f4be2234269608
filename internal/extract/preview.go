package extract

import (
	"regexp"
	"strings"
	"sync"
)

// phrases is a set of case-insensitive patterns counted in a text. One
// regexp of many alternatives costs 10 ms a post (the NFA carries every
// alternative at every byte); each alternative alone runs only when the
// text holds its longest literal word, and most do not.
type phrases struct {
	src  []string
	once sync.Once
	res  []*regexp.Regexp
	need []string // lower-case literal each match holds
}

func newPhrases(src ...string) *phrases { return &phrases{src: src} }

// reLiteral is a run of plain letters in a pattern (after a backslash
// class such as \b or \s, the letters are not literal).
var reLiteral = regexp.MustCompile(`(?:^|[^\\])([a-z']{2,})`)

// reGroup is a parenthesised group or a character class of a pattern.
var reGroup = regexp.MustCompile(`\([^()]*\)|\[[^\]]*\]`)

func (p *phrases) compile() {
	for _, s := range p.src {
		p.res = append(p.res, regexp.MustCompile("(?i)"+s))
		need := ""
		// Letters inside a group may be one choice of several.
		outside := reGroup.ReplaceAllString(s, " ")
		for _, m := range reLiteral.FindAllStringSubmatchIndex(outside, -1) {
			lit := outside[m[2]:m[3]]
			if m[3] < len(outside) && strings.ContainsRune("?*{", rune(outside[m[3]])) {
				lit = lit[:len(lit)-1] // "weeks?": the s is optional
			}
			if len(lit) > len(need) {
				need = lit
			}
		}
		p.need = append(p.need, need)
	}
}

// findAll returns the matches of every pattern in text, in no order; low
// is strings.ToLower(text).
func (p *phrases) findAll(text, low string) []string {
	p.once.Do(p.compile)
	var out []string
	for i, re := range p.res {
		if p.need[i] != "" && !strings.Contains(low, p.need[i]) {
			continue
		}
		out = append(out, re.FindAllString(text, -1)...)
	}
	return out
}

// A write-up tells what happened; a preview, a programme or a "what I
// missed" post tells what will or would have. Both name talks, speakers
// and the event; only the tense of their opening tells them apart.
var (
	// Intent: phrases a preview is built on, counted twice.
	reIntentStrong = newPhrases(
		`\bmust[- ]see\b`,
		`\bnot\s+to\s+miss\b`,
		`\bwould\s+have\b`,
		`\btry\s+to\s+attend\b`,
		`\bweeks?\s+(?:until|before)\b`,
		`\bis\s+being\s+held\b`,
		`\bcan['’]?t\s+wait\b`,
		`\blooking\s+forward\s+to\b`,
		`\bmissing\b`,
		`\bil\s+y\s+aura\b`,
		`\baura\s+lieu\b`,
		`\banimer(?:a|ont)\b`,
		`\bpr[ée]sentera\b`,
		`\bpr[ée]senteront\b`,
		`\b[àa]\s+ne\s+pas\s+manquer\b`,
		`\b[àa]\s+voir\b`,
		`\bnous\s+serons\b`,
		`\bje\s+serai\b`,
		`\bon\s+sera\b`,
		`\bwe['’]ll\s+be\b`,
		`\bwe\s+will\s+be\b`,
		`\bjoin\s+us\b`,
		`\bvenez\b`,
		`\bupcoming\b`,
		`\b[àa]\s+venir\b`)
	// Future tense and intent in general, counted once.
	reIntentWeak = newPhrases(
		`\bwill\b`,
		`\b(?:I|we|you)['’]ll\b`,
		`\bgoing\s+to\s+be\b`,
		`\bto\s+see\b`,
		`\bmissed\b`,
		`\bsera\b`,
		`\bseront\b`)
	// Past tense and attendance.
	rePast = newPhrases(
		`\battended\b`,
		`\bwent\b`,
		`\bwas\b`,
		`\bwere\b`,
		`\bassist[ée]e?s?\b`,
		`\b[ée]tait\b`,
		`\ba\s+eu\s+lieu\b`,
		`\bs['’]est\s+d[ée]roul[ée]e?\b`,
		`\bretour\b`,
		`\brecap\b`,
		`\blast\s+week\b`,
		`\byesterday\b`,
		`\bhier\b`,
		`\bj['’]ai\b`,
		`\bI\s+had\b`,
		`\bnous\s+avons\b`,
		`\bthis\s+year['’]s\b`,
		`\bfeatured\b`,
		`\bgave\b`,
		`\bsaw\b`,
		`\bheard\b`)
)

// preview reports why the post reads as written before the event (or
// instead of attending it), "" when it reads as a write-up: its title and
// opening use intent phrases ("must-see", "il y aura", "would have
// attended") twice or more, or once with more future than past verbs.
func preview(f eventFinder) string {
	text := strings.Join(append(f.titleTexts(), f.bodyText(1500)), "\n")
	low := strings.ToLower(text)
	strong := reIntentStrong.findAll(text, low)
	weak := len(reIntentWeak.findAll(text, low))
	past := len(rePast.findAll(text, low))
	switch {
	case len(strong) >= 2:
		return "its opening looks ahead (" + quoteList(strong) + ")"
	case len(strong) == 1 && 2+weak > past:
		return "its opening looks ahead (" + quoteList(strong) + ") more than it looks back"
	}
	return ""
}

func quoteList(xs []string) string {
	if len(xs) > 3 {
		xs = xs[:3]
	}
	return `"` + strings.Join(xs, `", "`) + `"`
}
