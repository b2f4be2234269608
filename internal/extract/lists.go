package extract

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notes-kb/notes/internal/core"
)

// Talks in lists: "Some of my favourite talks:" then "* [Title](url) by
// Jane Doe", "I attended the following sessions:" then "1. Title",
// "- Jane Doe (@jdoe) - Title". No single shape makes an item a talk;
// evidence adds up (listItemScore) and an item is kept from
// listThreshold on.

const listThreshold = 3

var (
	// What the sentence before a list says of it: plural talk words, or
	// attending and watching.
	reListTalks  = lazyRE(`(?i)\b(?:talks|sessions|conf[ée]rences|conferences|keynotes|pr[ée]sentations|presentations|workshops|ateliers|quickies|lightning\s+talks|confs|vid[ée]os)\b`).Needing("talks", "sessions", "rences", "keynotes", "sentations", "workshops", "ateliers", "quickies", "confs", "vid")
	reListAttend = lazyRE(`(?i)\b(?:attended|attending|watched|saw|seen|followed|following\s+(?:talks|sessions)|went\s+to|favou?rites?|highlights?|enjoyed|liked|assist[ée]e?s?|vu(?:es)?|suivi(?:es)?|pr[ée]f[ée]r[ée]e?s|coups?\s+de\s+c(?:oe|œ)ur)\b`).Needing("attend", "watch", "saw", "seen", "follow", "went", "favo", "highlight", "enjoy", "liked", "assist", "vu", "suivi", "f", "coup")
	// Lists of what the author did not see, or of something else.
	reListAgainst = lazyRE(`(?i)\bannounce(?:ment)?s?\b|\bannonces?\b|\bnouveaut[ée]s\b|\bnews\b|\blaunch(?:es|ed)?\b|\bwaiting\b|\bto\s+watch\b|\bwant\s+to\s+(?:see|watch)\b|\bstill\s+(?:to|want\s+to)\s+(?:see|watch)\b|\b[àa]\s+(?:voir|regarder)\b|\bmissed\b|\bcould\s*n['’]?o?t\b|\bpas\s+pu\b|\baurais\s+aim[ée]\b|\bwould\s+have\b|\brecommend|\bconseill[ée]|\bwill\b|\bupcoming\b|\bvariety\b|\bon\s+offer\b|\bprogramme\b|\bagenda\b|\bschedule\b`).
			Needing("announce", "annonce", "nouveaut", "news", "launch", "waiting", "watch", "want", "still", "voir", "regarder", "missed", "could", "pas", "aurais", "would", "recommend", "conseill", "will", "upcoming", "variety", "offer", "programme", "agenda", "schedule")
	// Links that point at a talk: a video, slides, a programme entry.
	reTalkLink = lazyRE(`(?i)youtube\.com|youtu\.be|vimeo\.com|dailymotion|slideshare|speakerdeck|slides|/schedule/|/session|/talks?/|/presentation|/program/|/events?/`).Needing("youtu", "vimeo", "dailymotion", "slide", "speakerdeck", "schedule", "session", "talk", "presentation", "program", "event")
	// "AWS re:Invent 2019: Title": the event and year before a title.
	reEventPrefix = lazyRE(`^[^:]{2,40}?\b(?:19|20)\d\d\s*:\s+`)
	// "Title (CMY301)": a session code after it.
	reCodeSuffix = lazyRE(`\s*\(\s*[A-Z]{2,6}\d{2,4}(?:-R\d?)?\s*\)\s*$`)
	reListMarker = lazyRE(`^\s*(?:[-*+]|\d{1,3}[.)])\s+`)
	reLeadLink   = lazyRE(`^\s*\[([^\]]{3,200})\]\(([^)\s]*)[^)]*\)(?:\{:[^}]*\})?`).Needing("[")
	// "talks by my colleagues at Acme:", "les talks de mes collègues de
	// chez Acme": the company of every speaker the list names.
	reListColleagues = lazyRE(`(?i)\b(?:my|our)\s+(?:colleagues|co-?workers|teammates|team\s*mates)\s+(?:at|from)\s+((?-i:\p{Lu}[\p{L}\d&.'’-]*(?:\s+\p{Lu}[\p{L}\d&.'’-]*){0,2}))|\b(?:mes|nos)\s+(?:coll[èe]gues|camarades)\s+(?:de\s+chez|chez|de|d['’])\s*((?-i:\p{Lu}[\p{L}\d&.'’-]*(?:\s+\p{Lu}[\p{L}\d&.'’-]*){0,2}))`).
				Needing("colleagues", "workers", "mates", "gues", "camarades")
	reBySpeaker = lazyRE(`(?i)^\s*[-–,]?\s*(?:by|par|from|de|with|avec)\s+(.+?)\s*\.?$`)
)

// listCandidate is a list item weighed as a talk.
type listCandidate struct {
	title    string
	speakers []core.Speaker
	line     int
	score    int
	evidence []string
	// body is what the post says of the talk below its line (Markdown and
	// text), when it is written as paragraphs under a bold title.
	body, text string
}

// listIntro is what a list follows: the paragraph before it, or the
// section's title when the list opens the section. last is the part
// closest to the list: the last sentence, after its last comma ("…, list
// below are the sessions I watched:").
func listIntro(blocks []core.Block, i int, title string) (intro, last string) {
	if i == 0 {
		return title, title
	}
	prev := blocks[i-1]
	if prev.Kind != core.BlockParagraph || len(prev.Lines) == 0 {
		return "", ""
	}
	text := strings.ReplaceAll(prev.Text(), "\n", " ")
	ss := splitSentences(text)
	if len(ss) == 0 {
		return "", ""
	}
	last = ss[len(ss)-1]
	if j := strings.LastIndex(last, ", "); j >= 0 && len(strings.Fields(last[j+2:])) >= 3 {
		last = last[j+2:]
	}
	if len(ss) > 3 {
		text = strings.Join(ss[len(ss)-3:], " ")
	}
	return text, last
}

// listItems pairs each line of a list block with its Markdown, when the
// Markdown has one item per line as the text does.
func listItems(b core.Block) []string {
	var items []string
	for _, l := range strings.Split(b.Markdown, "\n") {
		if reListMarker.MatchString(l) {
			items = append(items, reListMarker.ReplaceAllString(l, ""))
		} else if len(items) > 0 {
			items[len(items)-1] += " " + strings.TrimSpace(l)
		}
	}
	if len(items) != len(b.Lines) {
		return nil
	}
	return items
}

// listTalks weighs the items of a list block as talks. It returns every
// candidate with its score; the caller keeps those that reach
// listThreshold.
func listTalks(b core.Block, intro, last, section string) []listCandidate {
	if b.Kind == core.BlockTable {
		return tableTalks(b, intro, last, section)
	}
	if l, ok := bulletLines(b); ok {
		b = l
	}
	if b.Kind != core.BlockList || len(b.Lines) < 2 {
		return nil
	}
	introScore, introWhy, ok := weighIntro(intro, last, section)
	if !ok {
		return nil
	}
	md := listItems(b)
	// Items at the shallowest depth are the entries; deeper ones are notes.
	top := 99
	for i := range b.Lines {
		if i < len(b.Depths) && b.Depths[i] < top {
			top = b.Depths[i]
		}
	}
	company := ""
	if m := reListColleagues.FindStringSubmatch(last); m != nil {
		company = strings.TrimRight(m[1]+m[2], ".")
	}
	var out []listCandidate
	entries := 0
	for i, l := range b.Lines {
		if i < len(b.Depths) && b.Depths[i] != top {
			continue
		}
		entries++
		item := ""
		if md != nil {
			item = md[i]
		}
		c := listItem(l.Text, item, introScore > 0)
		if c.title == "" {
			continue
		}
		c.line = l.N
		if company != "" {
			for j := range c.speakers {
				if c.speakers[j].Company == "" {
					c.speakers[j].Company = company
					c.evidence = append(c.evidence, fmt.Sprintf("%s at %s, as the list's intro says", c.speakers[j].Name, company))
				}
			}
		}
		if introScore > 0 {
			c.score += introScore
			c.evidence = append([]string{introWhy}, c.evidence...)
		}
		out = append(out, c)
		// "[A](…) and [B](…)": two talks in one item, linked alike.
		for _, t := range moreLinkedTitles(item) {
			more := listCandidate{title: t, line: l.N, score: introScore + 2,
				evidence: []string{introWhy, "another talk page linked in the item +2"}}
			out = append(out, more)
		}
	}
	// A list of talks is a list of titles: when most items read as
	// sentences, it is something else.
	if len(out)*2 < entries {
		return nil
	}
	return out
}

// Column headers of a table of talks.
var (
	titleColumns   = map[string]bool{"talk": true, "talks": true, "title": true, "titre": true, "session": true, "sessions": true, "conference": true, "conferences": true, "sujet": true, "topic": true, "presentation": true, "keynote": true}
	speakerColumns = map[string]bool{"speaker": true, "speakers": true, "speaker s": true, "orateur": true, "oratrice": true, "orateurs": true, "intervenant": true, "intervenants": true, "intervenante": true, "by": true, "par": true, "who": true, "qui": true, "presenter": true, "presenters": true, "conferencier": true, "conferenciers": true, "conferenciere": true}
	companyColumns = map[string]bool{"company": true, "entreprise": true, "societe": true, "organisation": true, "organization": true, "employer": true}
)

// tableTalks reads a table whose header names a title column ("Talk",
// "Titre", "Session") and maybe a speaker and a company column: one
// candidate a row.
func tableTalks(b core.Block, intro, last, section string) []listCandidate {
	if len(b.Lines) < 3 {
		return nil
	}
	introScore, introWhy, ok := weighIntro(intro, last, section)
	if !ok {
		return nil
	}
	tc, sc, cc := -1, -1, -1
	for i, h := range strings.Split(b.Lines[0].Text, " | ") {
		switch k := strings.Join(wordsOf(h), " "); {
		case titleColumns[k] && tc < 0:
			tc = i
		case speakerColumns[k] && sc < 0:
			sc = i
		case companyColumns[k] && cc < 0:
			cc = i
		}
	}
	if tc < 0 {
		return nil
	}
	var out []listCandidate
	for _, l := range b.Lines[1:] {
		cells := strings.Split(l.Text, " | ")
		if tc >= len(cells) {
			continue
		}
		c := listCandidate{title: cleanTitle(reCodeSuffix.ReplaceAllString(cells[tc], "")), line: l.N, score: 2,
			evidence: []string{fmt.Sprintf("in the %q column of a table +2", strings.TrimSpace(strings.Split(b.Lines[0].Text, " | ")[tc]))}}
		if words := len(strings.Fields(c.title)); words < 1 || words > 20 || isNonTalkTitle(c.title) {
			continue
		}
		if sc >= 0 && sc < len(cells) {
			if sps := parseSpeakerList(cells[sc]); len(sps) > 0 {
				if cc >= 0 && cc < len(cells) {
					for i := range sps {
						if sps[i].Company == "" {
							sps[i].Company = strings.TrimSpace(cells[cc])
						}
					}
				}
				c.speakers = sps
				c.score += 2
				c.evidence = append(c.evidence, "speakers named +2")
			}
		}
		if introScore > 0 {
			c.score += introScore
			c.evidence = append([]string{introWhy}, c.evidence...)
		}
		out = append(out, c)
	}
	return out
}

// weighIntro weighs what a list (or a run of titles) follows. ok is false
// when it lists what the author did not see, unless the closest sentence
// turns to what they saw ("I didn't see many talks… But these I saw:").
func weighIntro(intro, last, section string) (score int, why string, ok bool) {
	quote := strings.TrimSpace(intro)
	if len(quote) > 80 {
		quote = "…" + strings.ToValidUTF8(quote[len(quote)-80:], "")
	}
	switch talks, attend := reListTalks.MatchString(intro), reListAttend.MatchString(intro); {
	case reListAgainst.MatchString(last) || reListAgainst.MatchString(section) ||
		reNotAttended.MatchString(section) ||
		reNotAttended.MatchString(intro) && !reListAttend.MatchString(last):
		return 0, "", false
	case talks && attend:
		return 3, fmt.Sprintf("after %q +3", quote), true
	case talks:
		return 2, fmt.Sprintf("after %q +2", quote), true
	}
	return 0, "", true
}

var (
	reBoldLead = lazyRE(`^\*\*([^*\n]{3,200}?)\*\*`).Needing("**")
	reBoldDash = lazyRE(`^\s*(?:[-–—:]|\s-)\s*`)
	reBoldBy   = lazyRE(`^\s*(?:[-–—]\s|,\s*(?:par|by)\s|(?:par|by)\s)`)
	reMdLink   = lazyRE(`\[[^\]\n]*\]\([^)\s]*[^)]*\)`).Needing("[")
)

// titleParagraphs weighs the paragraphs of a section that each open on a
// talk's title, one after the other: a title in bold and links to it
// ("**Title** ([Session](…) [Deck](…) - [Youtube](…))"), a title in bold
// and its speaker ("**Title** - Jane Doe"), a title line and a "Par Jane
// Doe" line. A list of talks written as paragraphs: it returns the
// candidates by block index, each with the paragraphs under it as its
// body, and needs two such paragraphs.
func titleParagraphs(blocks []core.Block, section string) map[int]listCandidate {
	out := map[int]listCandidate{}
	for i, b := range blocks {
		if c, ok := titleThenSpeakers(b); ok {
			out[i] = c
			continue
		}
		if b.Kind != core.BlockParagraph || !strings.HasPrefix(b.Markdown, "**") {
			continue
		}
		m := reBoldLead.FindStringSubmatch(b.Markdown)
		if m == nil {
			continue
		}
		bold := strings.TrimSpace(m[1])
		if strings.HasSuffix(bold, ":") {
			continue // a label: "**Speaker:** …"
		}
		rest := b.Markdown[len(m[0]):]
		links := reMdLink.FindAllString(rest, -1)
		words := len(strings.FieldsFunc(reMdLink.ReplaceAllString(rest, " "), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}))
		var c listCandidate
		switch {
		case len(links) > 0 && words <= 3:
			c = listItem(cleanInline(bold), "", false)
			c.evidence = append(c.evidence, "title in bold, then links +1")
		case len(b.Lines) == 1 && reBoldBy.MatchString(rest):
			// "**Title** - Jane Doe", "**Title**, par Jane Doe": the
			// line names who gave it.
			title, sps, ok := headingSpeakers(cleanInline(bold + rest))
			if !ok || len(sps) == 0 {
				continue
			}
			c = listCandidate{title: cleanTitle(title), speakers: sps, score: 2,
				evidence: []string{"speakers named +2", "title in bold, then its speakers +1"}}
		default:
			continue // a bold lead-in to a sentence, not a title
		}
		if c.title == "" {
			continue
		}
		c.line = b.Line
		c.score++
		for _, l := range links {
			if reTalkLink.MatchString(l) {
				c.score++
				c.evidence = append(c.evidence, "link to a talk page or video +1")
				break
			}
		}
		out[i] = c
	}
	if len(out) < 2 {
		return nil
	}
	// Each title's body: the paragraphs after it, up to the next title.
	for i, c := range out {
		md, text := []string{c.body}, []string{c.text}
		for j := i + 1; j < len(blocks); j++ {
			if _, next := out[j]; next || strings.HasPrefix(blocks[j].Markdown, "**") {
				break // the next title, or a bold label ("**À retenir :**")
			}
			md, text = append(md, blocks[j].Markdown), append(text, blocks[j].Text())
		}
		c.body, c.text = strings.TrimSpace(strings.Join(md, "\n\n")), strings.TrimSpace(strings.Join(text, "\n"))
		out[i] = c
	}
	score, why, ok := weighIntro(section, section, section)
	if !ok {
		return nil
	}
	for i, c := range out {
		c.score += score
		if why != "" {
			c.evidence = append([]string{why}, c.evidence...)
		}
		out[i] = c
	}
	return out
}

// titleThenSpeakers reads a paragraph whose first line is a title and
// whose second names who gave it ("Keynote : Le manager jardinier" then
// "Par Sophie Lambert", "Animé par Thomas Roux et Julie Caron"); the rest
// of the paragraph is the talk's body.
func titleThenSpeakers(b core.Block) (listCandidate, bool) {
	if b.Kind != core.BlockParagraph || len(b.Lines) < 2 {
		return listCandidate{}, false
	}
	first := cleanInline(b.Lines[0].Text)
	if len(first) > 160 || strings.HasSuffix(first, ".") || len(strings.Fields(first)) < 2 {
		return listCandidate{}, false
	}
	m := reSpeakerInline.FindStringSubmatch(cleanInline(b.Lines[1].Text))
	if m == nil || len(m[1]) > maxPeopleLen {
		return listCandidate{}, false
	}
	sps := parseSpeakerList(m[1])
	if len(sps) == 0 || !fullNamesOnly(sps) {
		return listCandidate{}, false
	}
	c := listCandidate{title: cleanTitle(first), speakers: sps, line: b.Line, score: 3,
		evidence: []string{"speakers named on the next line +2", "a title line +1"}}
	if c.title == "" || isNonTalkTitle(c.title) {
		return listCandidate{}, false
	}
	var text []string
	for _, l := range b.Lines[2:] {
		text = append(text, l.Text)
	}
	c.text = strings.Join(text, "\n")
	c.body = c.text
	return c, true
}

// reLinkAfterLink is a link that follows the item's first one, joined to
// it: "[A](url) and [B](url)", "[A](url), [B](url)".
var reLinkAfterLink = lazyRE(`^\s*(?:,|and|et|&|or|ou)\s+\[([^\]]{3,200})\]\(([^)\s]*)[^)]*\)`).Needing("[")

// moreLinkedTitles reads the titles linked right after an item's leading
// link, when both link to talk pages.
func moreLinkedTitles(md string) []string {
	m := reLeadLink.FindStringSubmatch(md)
	if m == nil || !reTalkLink.MatchString(m[2]) {
		return nil
	}
	var out []string
	rest := md[len(m[0]):]
	for len(out) < 5 {
		n := reLinkAfterLink.FindStringSubmatch(rest)
		if n == nil || !reTalkLink.MatchString(n[2]) {
			break
		}
		if t := cleanTitle(n[1]); t != "" {
			out = append(out, t)
		}
		rest = rest[len(n[0]):]
	}
	return out
}

// bulletLines reads a paragraph whose lines all start with the same
// bullet that is not Markdown's ("👉 **Title** par Name", "→ Title",
// "• Title") as the list it is.
func bulletLines(b core.Block) (core.Block, bool) {
	if b.Kind != core.BlockParagraph || len(b.Lines) < 2 {
		return b, false
	}
	mdLines := strings.Split(b.Markdown, "\n")
	if len(mdLines) != len(b.Lines) {
		return b, false
	}
	bullet := ""
	out := core.Block{Kind: core.BlockList, Line: b.Line}
	var md []string
	for i, l := range b.Lines {
		r, n := utf8.DecodeRuneInString(strings.TrimSpace(l.Text))
		if r == utf8.RuneError || unicode.IsLetter(r) || unicode.IsDigit(r) || r == '*' || r == '_' || r == '[' || r == '"' || r == '«' || r == '(' {
			return b, false
		}
		lead := strings.TrimSpace(l.Text)[:n]
		if bullet == "" {
			bullet = lead
		} else if lead != bullet {
			return b, false
		}
		text := strings.TrimLeft(strings.TrimSpace(l.Text)[n:], " \u00a0\ufe0f")
		mdl := strings.TrimSpace(mdLines[i])
		if j := strings.Index(mdl, bullet); j >= 0 && j < 4 {
			mdl = strings.TrimLeft(mdl[j+len(bullet):], " \u00a0\ufe0f")
		}
		mdl = strings.TrimSuffix(strings.TrimSuffix(mdl, "\\"), "  ")
		out.Lines = append(out.Lines, core.Line{N: l.N, Text: text})
		md = append(md, "- "+mdl)
	}
	out.Markdown = strings.Join(md, "\n")
	return out, true
}

// listItem reads one item: its title, speakers and the evidence it holds.
func listItem(text, md string, talkList bool) listCandidate {
	var c listCandidate
	title, rest := cleanInline(text), ""
	if m := reLeadLink.FindStringSubmatch(md); m != nil {
		// "[Title](url) by Jane Doe", "[Title](url): what I thought".
		title = cleanInline(m[1])
		rest = cleanInline(md[len(m[0]):])
		c.score++
		c.evidence = append(c.evidence, "title is a link +1")
		if reTalkLink.MatchString(m[2]) {
			c.score++
			c.evidence = append(c.evidence, "link to a talk page or video +1")
		}
		if sm := reBySpeaker.FindStringSubmatch(rest); sm != nil {
			if sps := parseSpeakerList(sm[1]); len(sps) > 0 && fullNamesOnly(sps) {
				c.speakers = sps
			}
		}
	} else if m := reBoldLead.FindStringSubmatch(md); m != nil && reBoldBy.MatchString(md[len(m[0]):]) && !reBoldDash.MatchString(md[len(m[0]):]) {
		// "**Title** par Jane Doe", "**Title**, by Jane Doe".
		if t, sps, ok := headingSpeakers(cleanInline(m[1] + md[len(m[0]):])); ok && len(sps) > 0 {
			title, c.speakers = t, sps
		} else {
			title = cleanInline(m[1])
		}
		c.score += 2
		c.evidence = append(c.evidence, "title in bold, then by whom +2")
	} else if m := reBoldLead.FindStringSubmatch(md); m != nil && reBoldDash.MatchString(md[len(m[0]):]) {
		// "**Title** — Jane Doe showed how…": the title in bold, then
		// what was said, by whom.
		title, rest = cleanInline(m[1]), cleanInline(reBoldDash.ReplaceAllString(md[len(m[0]):], ""))
		if _, sps, ok := headingSpeakers(title + " - " + rest); ok && len(sps) > 0 {
			c.speakers = sps
		} else if sps := speakersFromSentences(rest); len(sps) > 0 {
			c.speakers = sps
		}
		c.score += 2
		c.evidence = append(c.evidence, "title in bold, then a dash +2")
	} else {
		t, sps, ok := headingSpeakers(title)
		if !ok {
			known := func(name string) bool {
				return talkList || strings.Contains(md, name+" (@") || strings.Contains(md, name+" ([@")
			}
			t, sps, ok = bareHeadingSpeakers(title, known)
		}
		if !ok && talkList {
			if i := strings.LastIndex(title, " from "); i > 0 {
				if s := bareNames(title[i+6:]); s != nil {
					t, sps, ok = title[:i], s, true
				}
			}
		}
		if ok {
			title, c.speakers = t, sps
		}
		if !ok && strings.HasSuffix(strings.TrimSpace(title), ".") {
			c.score--
			c.evidence = append(c.evidence, "reads as a sentence -1")
		}
	}
	switch {
	case len(c.speakers) > 0 && (talkList || c.score >= 2):
		c.score += 2
		c.evidence = append(c.evidence, "speakers named +2")
	case len(c.speakers) > 0:
		// "[Title](url) par Jane Doe" in a list of reading is an
		// article and its author, unless the list is of talks.
		c.score++
		c.evidence = append(c.evidence, "people named, in a list not said to be of talks +1")
	}
	title = reEventPrefix.ReplaceAllString(title, "")
	title = reCodeSuffix.ReplaceAllString(title, "")
	title = cleanTitle(title)
	words := len(strings.Fields(title))
	if words < 1 || words > 20 || len(title) > 160 || isNonTalkTitle(title) {
		return listCandidate{}
	}
	if rest != "" && words == 1 && len(c.speakers) == 0 && c.score < 2 {
		// "[Braket](url): what it is": a product, not a talk.
		return listCandidate{}
	}
	c.title = title
	return c
}

// explainList writes a candidate's evidence for --explain.
func explainList(c listCandidate) string {
	return fmt.Sprintf("list item: %s = %d", strings.Join(c.evidence, ", "), c.score)
}
