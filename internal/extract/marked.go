package extract

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/notes-kb/notes/internal/core"
)

// Talks whose title is marked up in prose: a link, bold or emphasis that a
// talk word announces ("The first talk was [Title](url)", "the session was
// titled **"Title"**", "Jeff gave the final talk: *Title*", "Ma
// présentation s'intitulait : [Title](url)") or that one follows ("I
// attended the **"Title"** workshop").

var (
	// A marked span: a link's text, bold, emphasis.
	reMarkedSpan = lazyRE(`\[([^\]\n]{3,200})\]\(([^)\s]*)[^)]*\)|\*\*([^*\n]{3,200}?)\*\*|\*([^*\n]{3,200}?)\*|(?:^|[\s(])_([^_\n]{3,200}?)_(?:$|[\s.,;:!?)])`).Needing("[", "*", "_")
	// A talk word, then at most eight words before the span: the gap.
	reMarkedBefore = lazyRE(`(?i)\b(?:talks?|sessions?|keynotes?|workshops?|conf[ée]rences?|pr[ée]sentations?|ateliers?|quickies?|lightning\s+talks?)\b((?:[\s,:]+[^\s.!?]+){0,8}?)([\s,:]*)["“«]?\s*$`).
			Needing("talk", "session", "keynote", "workshop", "conf", "sentation", "atelier", "quickie")
	// Gaps that name what follows: "was", "titled", "s'intitulait".
	reMarkedNaming = lazyRE(`(?i)\b(?:was|is|were|titled|called|named|entitled|intitul\p{L}*|s['’]intitul\p{L}*|nomm[ée]e?|appel[ée]e?)\b`)
	// Gaps that send elsewhere: a place, a time, a person, the slides.
	reMarkedAway = lazyRE(`(?i)(?:^|\s)(?:at|lors|during|pendant|[àa]|au|aux|chez|from|by|par|with|avec|de|du|des|d['’]|in|dans|here|ici|guide|slides?|vid[ée]os?|recording|replay|code|repo|demo|d[ée]mo|channel|cha[iî]ne)(?:\s|$)`)
	// A talk word right after the span.
	reMarkedAfter = lazyRE(`(?i)^\s*["”»]?\s*(?:talk|session|keynote|workshop|atelier|conf[ée]rence|pr[ée]sentation)\b`)
	// Spans that are not titles: a video, the slides, "here".
	reMarkedGeneric = lazyRE(`(?i)^(?:the\s+|les\s+|la\s+|le\s+)?(?:slides?|vid[ée]os?|replay|recording|enregistrement|here|ici|this|link|lien|programme|program|agenda|schedule|site|website|blog|github|pdf|source)\b`)
	// "by Jane Doe" between the talk word and the title.
	reMarkedBy = lazyRE(`(?i)\b(?:by|par|from|de)\s+((?-i:(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]+))\s*[:,]?\s*(?:on|about|discussing|presenting|titled|called|sur|intitul\p{L}*)?\s*[:,]?\s*$`)
	// "Jeff also gave the next talk", "Jane Doe a présenté…": the subject
	// of the sentence gave the talk.
	reMarkedSubject = lazyRE(`^((?:\p{Lu}[\p{L}'’-]+\s+){0,2}\p{Lu}[\p{L}'’-]+)\s+(?:also\s+|then\s+|aussi\s+|ensuite\s+)?(?:gave|presented|delivered|talked|spoke|a\s+pr[ée]sent[ée]|a\s+donn[ée]|nous\s+a\s+pr[ée]sent[ée])\b`)
)

// markedTalks finds the talks of a paragraph whose titles are marked up.
func markedTalks(b core.Block) []inlineTalk {
	if b.Kind != core.BlockParagraph || !strings.ContainsAny(b.Markdown, "[*_") {
		return nil
	}
	md := b.Markdown
	var out []inlineTalk
	for _, m := range reMarkedSpan.FindAllStringSubmatchIndex(md, -1) {
		var span string
		for g := 1; g < len(m)/2; g++ { // group 2 is the link's target
			if g != 2 && m[2*g] >= 0 {
				span = md[m[2*g]:m[2*g+1]]
				break
			}
		}
		title := markedTitle(span)
		if title == "" || m[4] >= 0 && siteRoot(md[m[4]:m[5]]) {
			continue
		}
		// The sentence up to the span, as text.
		start := lastSentenceEnd(md[:m[0]])
		before := cleanInline(md[start+1 : m[0]])
		after := md[m[1]:]
		if !namesSpan(before) && !(reMarkedAfter.MatchString(after) && endsWithArticle(before)) {
			continue
		}
		it := inlineTalk{title: title, kind: kindOf(before + " " + after[:min(len(after), 20)]), block: b}
		if sm := reMarkedBy.FindStringSubmatch(before); sm != nil && looksLikeName(sm[1]) {
			it.speakers = []core.Speaker{{Name: normaliseName(sm[1])}}
		} else if sm := reMarkedSubject.FindStringSubmatch(strings.TrimSpace(before)); sm != nil && !notNameWords()[fold(strings.Fields(sm[1])[0])] {
			it.speakers = []core.Speaker{{Name: normaliseName(sm[1])}}
		}
		out = append(out, it)
	}
	return out
}

// namesSpan reports whether the text before a span announces a title: a
// talk word, then a colon ("the final talk for the track:"), a naming verb
// ("the session was titled", "ma présentation s'intitulait") or a short
// gap that does not point at a place, a time or the slides ("another
// talk, this time on"). A gap ending in "by" or "from" announces a person.
func namesSpan(before string) bool {
	m := reMarkedBefore.FindStringSubmatch(before)
	if m == nil {
		return false
	}
	gap := strings.Fields(strings.Trim(m[1], " ,:"))
	if len(gap) > 0 {
		switch fold(gap[len(gap)-1]) {
		case "by", "par", "from", "de", "with", "avec":
			return false
		}
	}
	switch {
	case strings.Contains(m[2], ":"), reMarkedNaming.MatchString(m[1]):
		return true
	case len(gap) <= 3:
		return !reMarkedAway.MatchString(m[1])
	}
	return false
}

// markedTitle is the title a marked span holds, or "" when the span is a
// person, a link to slides or a video, a word or a sentence fragment.
func markedTitle(span string) string {
	t := strings.TrimSpace(cleanInline(span))
	t = strings.Trim(t, `"“”«»' `)
	t = strings.TrimSpace(t)
	words := strings.Fields(t)
	if len(words) < 2 || len(words) > 20 || strings.Contains(t, "://") || reMarkedGeneric.MatchString(t) {
		return ""
	}
	r := []rune(t)[0]
	if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 0x7f && strings.ToLower(string(r)) != string(r)) {
		return "" // titles start with a capital or a digit
	}
	if len(words) <= 3 && isFirstName(words[0]) && looksLikeName(t) {
		return "" // a person
	}
	return cleanTitle(t)
}

// siteRoot reports whether a link points at a site's home page: an
// event's, a company's or a project's, not a talk's.
func siteRoot(u string) bool {
	i := strings.Index(u, "://")
	if i < 0 {
		return false
	}
	rest := u[i+3:]
	j := strings.IndexAny(rest, "/?#")
	return j < 0 || strings.Trim(rest[j:], "/") == ""
}

// isEventName reports whether a title is only the event's name: its words
// are all in the event's name, series, city and year ("BDX I/O", "Mix IT
// 2012", "Community Over Code EU").
func isEventName(title string, ev *core.Event) bool {
	if ev == nil {
		return false
	}
	known := map[string]bool{}
	names := ev.Name + " " + ev.Series + " " + ev.City + " " + fmt.Sprint(ev.Year)
	for _, w := range wordsOf(names) {
		known[w] = true
	}
	for _, w := range strings.Fields(names) {
		known[strings.Join(wordsOf(w), "")] = true // "re:Invent" as "reinvent"
	}
	words := wordsOf(title)
	for _, w := range words {
		if !known[w] && !eventRegionWords[w] {
			return false
		}
	}
	return len(words) > 0
}

// eventRegionWords name an edition's region beside a series' name.
var eventRegionWords = map[string]bool{"eu": true, "europe": true, "na": true, "us": true, "usa": true, "asia": true,
	"north": true, "america": true, "emea": true, "apac": true, "global": true, "online": true, "virtual": true}

// wordsOf is the folded words of s, without punctuation; hyphens and
// slashes split ("Mix-IT", "I/O").
func wordsOf(s string) []string {
	return strings.FieldsFunc(fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// endsWithArticle reports whether s ends with an article, as in "I
// attended the" before `**"Title"** workshop`.
func endsWithArticle(s string) bool {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return false
	}
	switch strings.Trim(f[len(f)-1], `"“«`) {
	case "the", "a", "an", "le", "la", "l'", "un", "une", "this", "that":
		return true
	}
	return false
}

// lastSentenceEnd is the index of the last ". ", "! " or "? " in s, or
// -1. A paragraph's newlines are soft wraps, and "v1.2" is no sentence end.
func lastSentenceEnd(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '.', '!', '?':
			if i+1 < len(s) && isSpaceByte(s[i+1]) {
				return i
			}
		}
	}
	return -1
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }
