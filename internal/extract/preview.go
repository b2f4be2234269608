package extract

import "strings"

// A write-up tells what happened; a preview, a programme or a "what I
// missed" post tells what will or would have. Both name talks, speakers
// and the event; only the tense of their opening tells them apart.
var (
	// Intent: phrases a preview is built on, counted twice.
	reIntentStrong = lazyRE(`(?i)\bmust[- ]see\b|\bnot\s+to\s+miss\b|\bwould\s+have\b|\btry\s+to\s+attend\b|\bweeks?\s+(?:until|before)\b|\bis\s+being\s+held\b|\bcan['’]?t\s+wait\b|\blooking\s+forward\s+to\b|\bmissing\b|\bil\s+y\s+aura\b|\baura\s+lieu\b|\banimer(?:a|ont)\b|\bpr[ée]sentera\b|\bpr[ée]senteront\b|\b[àa]\s+ne\s+pas\s+manquer\b|\b[àa]\s+voir\b|\bnous\s+serons\b|\bje\s+serai\b|\bon\s+sera\b|\bwe['’]ll\s+be\b|\bwe\s+will\s+be\b|\bjoin\s+us\b|\bvenez\b|\bupcoming\b|\b[àa]\s+venir\b`).
			Needing("see", "miss", "would", "attend", "week", "held", "wait", "forward", "aura", "anim", "sentera", "senteront", "voir", "serons", "serai", "sera", "be", "join", "venez", "upcoming", "venir")
	// Future tense and intent in general, counted once.
	reIntentWeak = lazyRE(`(?i)\bwill\b|\b(?:I|we|you)['’]ll\b|\bgoing\s+to\s+be\b|\bto\s+see\b|\bmissed\b|\bsera\b|\bseront\b`).
			Needing("will", "ll", "going", "see", "missed", "sera", "seront")
	// Past tense and attendance.
	rePast = lazyRE(`(?i)\battended\b|\bwent\b|\bwas\b|\bwere\b|\bassist[ée]e?s?\b|\b[ée]tait\b|\ba\s+eu\s+lieu\b|\bs['’]est\s+d[ée]roul[ée]e?\b|\bretour\b|\brecap\b|\blast\s+week\b|\byesterday\b|\bhier\b|\bj['’]ai\b|\bI\s+had\b|\bnous\s+avons\b|\bthis\s+year['’]s\b|\bfeatured\b|\bgave\b|\bsaw\b|\bheard\b`).
		Needing("attended", "went", "was", "were", "assist", "tait", "lieu", "roul", "retour", "recap", "last", "yesterday", "hier", "ai", "had", "avons", "year", "featured", "gave", "saw", "heard")
)

// preview reports why the post reads as written before the event (or
// instead of attending it), "" when it reads as a write-up: its title and
// opening use intent phrases ("must-see", "il y aura", "would have
// attended") twice or more, or once with more future than past verbs.
func preview(f eventFinder) string {
	text := strings.Join(append(f.titleTexts(), f.bodyText(1500)), "\n")
	strong := reIntentStrong.FindAllString(text, -1)
	weak := len(reIntentWeak.FindAllString(text, -1))
	past := len(rePast.FindAllString(text, -1))
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
