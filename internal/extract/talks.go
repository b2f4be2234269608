package extract

import (
	"strings"
	"sync"
	"unicode"

	"github.com/notes-kb/notes/internal/core"
)

// nonTalkPrefixes start headings that are never a talk ("Conclusion de
// l'article", "Jour 2").
var nonTalkPrefixes = []string{"conclusion", "introduction", "sommaire", "remerciements", "table des matieres",
	"le mot de la fin", "mot de la fin", "en conclusion", "pour conclure", "retour sur", "retour au", "retour a ",
	"jour ", "day ", "les keynotes", "les conferences", "les talks", "nos talks", "the talks", "mes talks", "takeaways",
	"key takeaways", "nos conseils", "conseils", "mes conseils", "tips", "astuces", "les annonces", "annonces", "announcements", "nouveautes", "les nouveautes", "recommendations", "recommandations", "annexe", "a propos", "about ", "bonus", "ps", "edit"}

// nonTalkTitles are headings of write-ups that are never a talk.
var nonTalkTitles = sync.OnceValue(func() map[string]bool {
	titles := map[string]bool{}
	for _, t := range []string{"presentation", "intro", "buzz words", "buzzwords", "divers", "misc", "l'organisation",
		"organisation", "organization", "the organization", "bilan", "en resume", "resume", "merci", "liens", "links",
		"ressources", "resources", "references", "sources", "agenda", "programme", "program", "planning", "notes",
		"avis", "mon avis", "notre avis", "q&a", "questions", "summary", "wrap-up", "wrap up", "final thoughts",
		"to conclude", "contexte", "context", "le contexte", "avant", "apres", "after", "before", "nos impressions",
		"impressions", "en bref", "tl;dr", "tldr", "la suite", "et apres", "what's next", "next steps",
		"prochaines etapes", "annonces", "announcements", "les annonces", "nouveautes", "le lieu", "the venue", "venue",
		"l'ambiance", "ambiance", "les stands", "stands", "sponsors", "le village", "goodies", "soiree", "afterparty",
		"photos", "videos", "video", "replays", "replay", "slides", "conclusions", "epilogue", "prologue", "preambule",
		"overview", "apercu", "objectifs", "goals", "what we learned", "ce que nous avons appris", "ce qu'on retient",
		"a retenir", "learnings", "lessons learned", "highlights", "temps forts", "en vrac", "vrac", "autres talks",
		"other talks", "other sessions", "autres sessions", "le programme", "the program", "schedule", "hallway track",
		"networking", "expo", "exposants", "village partenaires", "pourquoi y aller", "why attend", "logistique",
		"logistics", "infos pratiques", "informations", "info", "infos", "edito", "editorial", "note", "update"} {
		titles[t] = true
	}
	return titles
})

// reLogistics names the parts of a conference day that are not talks,
// wherever the word sits in a heading ("Pause repas", "Aaaand… Party!!").
var reLogistics = lazyRE(`(?i)\b(?:party|parties|afterparty|after-party|dinner|lunch|breakfast|d[ée]jeuner|d[îi]ner|repas|ap[ée]ro|ap[ée]ritif|pause|coffee\s+break|couloirs|hallway|registration|inscriptions?|goodies|swag|venue)\b`).
	Needing("part", "dinner", "lunch", "breakfast", "jeuner", "ner", "repas", "ap", "pause", "coffee", "couloirs", "hallway", "registration", "inscription", "goodies", "swag", "venue")

func isNonTalkTitle(title string) bool {
	return reLogistics.MatchString(fold(title)) || isNonTalkName(title)
}

// isNonTalkName is isNonTalkTitle without the logistics words, which a
// talk's own title may hold ("… a JavaScript Dance Party").
func isNonTalkName(title string) bool {
	f := strings.TrimSpace(strings.Trim(fold(title), " :!?.*#"))
	if f == "" || nonTalkTitles()[f] {
		return true
	}
	for _, p := range nonTalkPrefixes {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

var (
	reAuthorNote = lazyRE(`(?i)\s*[(\[](?:talk|session|conf[ée]rence|pr[ée]sentation)?\s*(?:in|en)\s+(?:english|anglais|fran[çc]ais|french)[)\]]|\s*[(\[](?:vid[ée]o|slides|replay|en|fr|english|anglais|lightning(?:\s+talk)?|keynote|workshop|atelier|quickie|hands-on(?:\s+lab)?|talk|tools[- ]in[- ]action|university|universit[ée])[)\]]\s*$`).Needing("(", "[")
	// "SVS402 (Title)", "COM305 - Title": a session code before the title.
	reSessionCode = lazyRE(`^[A-Z]{2,6}\d{2,4}(?:-R\d?)?\s*(?:[-–:]\s*|\(\s*)(.+?)\)?$`)
	// "Workshop « Title »": a talk word, then the quoted title.
	reWordQuoted = lazyRE(`(?i)^(?:keynote|workshop|atelier|talk|conf[ée]rence|session|lightning\s+talk|quickie|hands-on(?:\s+lab)?)\s*:?\s*[«“"]\s*(.+?)\s*[»”"]?$`)
	reKeynote    = lazyRE(`(?i)\bkeynotes?\b|\bpl[ée]ni[èe]re\b`).Needing("keynote", "pleni", "pléni", "plÉni")
	reLightning  = lazyRE(`(?i)\blightning\b|\btalk\s+[ée]clair\b|\bquickie\b`).Needing("lightning", "talk", "quickie")
	reWorkshop   = lazyRE(`(?i)\bworkshops?\b|\bateliers?\b|\bhands[- ]on\b|\bcodelab\b|\btraining\b|\bformation\b|\blab\b|\btutorial\b|\btuto\b`).Needing("workshop", "atelier", "hands", "lab", "training", "formation", "tuto")
	reTalkWord   = lazyRE(`(?i)\b(?:keynote|lightning\s+talk|workshop|atelier|talk|conf[ée]rence|conference|session|table\s+ronde|panel|quickie|rex)s?\b`).Needing("keynote", "talk", "workshop", "atelier", "conf", "session", "table", "panel", "quickie", "rex")
)

// cleanTitle removes quotes, markup, author notes such as "(talk in
// english)", and trailing punctuation from a talk title.
func cleanTitle(t string) string {
	t = cleanInline(t)
	// "🚀 Title": the emoji that decorates a heading.
	t = strings.TrimLeftFunc(t, func(r rune) bool {
		return unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || r == 0xFE0F || r == 0x200D || unicode.IsSpace(r)
	})
	if m := reTimePrefix.FindString(t); m != "" && len(m) < len(t) {
		t = t[len(m):] // "10:00 - Title", "14h30 : Title"
	}
	if m := reTitleLabel.FindString(t); m != "" && len(strings.Fields(t[len(m):])) >= 2 {
		t = t[len(m):] // "Talk: Title", "Titre : Title"
	}
	t = reAuthorNote.ReplaceAllString(t, "")
	if m := reSessionCode.FindStringSubmatch(strings.TrimSpace(t)); m != nil {
		t = m[1]
	}
	if m := reWordQuoted.FindStringSubmatch(strings.TrimSpace(t)); m != nil {
		t = m[1]
	}
	t = strings.TrimSpace(t)
	t = strings.TrimRight(t, " :-–—,")
	for {
		u := strings.TrimSpace(strings.Trim(t, "*_ "))
		u = stripQuotePair(u)
		if u == t {
			break
		}
		t = u
	}
	return strings.Join(strings.Fields(t), " ")
}

// reTitleLabel labels a title as one: "Talk: Title", "Sujet : Title".
var reTitleLabel = lazyRE(`(?i)^\s*(?:talk|session|title|titre|sujet|topic|conf[ée]rence|conference|pr[ée]sentation|presentation)(?:\s*(?:#|n°|no\.?)?\s*\d{1,2})?\s*:\s+`)

// reTimePrefix is the time a programme puts before a title.
var reTimePrefix = lazyRE(`^\s*\d{1,2}[:hH.]\d{2}(?:\s*[-–]\s*\d{1,2}[:hH.]\d{2})?(?:\s*[-–—:|]\s+|\s+)`)

// stripQuotePair removes quotes around a whole title ("« Title »") and a
// quote left alone at either end by a cut, but keeps quotes that belong to
// the title: "Déployer sans “stress”".
func stripQuotePair(t string) string {
	for _, q := range [][2]string{{"«", "»"}, {"“", "”"}, {"\"", "\""}, {"'", "'"}} {
		open, close := strings.HasPrefix(t, q[0]), strings.HasSuffix(t, q[1])
		inner := t
		if open {
			inner = strings.TrimPrefix(inner, q[0])
		}
		if close && len(inner) >= len(q[1]) {
			inner = strings.TrimSuffix(inner, q[1])
		}
		opens, closes := strings.Count(inner, q[0]), strings.Count(inner, q[1])
		if q[0] == q[1] {
			opens, closes = strings.Count(inner, q[0])%2, 0
		}
		switch {
		case open && close && opens == closes:
			return strings.TrimSpace(inner)
		case open && !close && opens == closes:
			return strings.TrimSpace(strings.TrimPrefix(t, q[0]))
		case close && !open && opens == closes && q[0] != q[1]:
			return strings.TrimSpace(strings.TrimSuffix(t, q[1]))
		}
	}
	return t
}

func kindOf(texts ...string) core.TalkKind {
	for _, t := range texts {
		switch {
		case reKeynote.MatchString(t):
			return core.KindKeynote
		case reLightning.MatchString(t):
			return core.KindLightning
		case reWorkshop.MatchString(t):
			return core.KindWorkshop
		}
	}
	return core.KindTalk
}

// node is a section in the heading tree.
type node struct {
	sec      *core.Section
	parent   *node
	children []*node

	title       string
	speakers    []core.Speaker
	authors     []string
	speakerLine int
	strong      bool // speakers were found, or the section quotes its title after "conférence"
	linked      bool // the section links its title to slides, a video or a talk page
	keyword     bool // the title says keynote, workshop, talk…
	nonTalk     bool

	aboutTalk bool // its first paragraphs speak of "this talk", "cette session"…

	bySiblings bool           // a talk because its siblings are
	speakerOf  []core.Speaker // a guessed heading that is a speaker line
	// lists holds, for each block of the section, the list items weighed
	// as talks (nil for blocks that are not lists).
	lists [][]listCandidate

	talk    bool
	owner   *node // the talk this section's text belongs to
	inlined bool
}

func (n *node) own() []core.Block { return n.sec.Blocks }

func (n *node) evidence() bool { return n.strong || n.keyword }

func (n *node) strongBelow() bool {
	for _, c := range n.children {
		if c.strong || c.strongBelow() {
			return true
		}
	}
	return false
}

func (n *node) anyBelow() bool {
	for _, c := range n.children {
		if (c.evidence() && !c.nonTalk) || c.anyBelow() {
			return true
		}
	}
	return false
}

// buildTree links sections by level; the preamble (level 0) is the root.
func buildTree(doc *core.Document) (root *node, all []*node) {
	root = &node{sec: &core.Section{}}
	stack := []*node{root}
	for i := range doc.Sections {
		s := &doc.Sections[i]
		if s.Level == 0 && i == 0 {
			root.sec = s
			continue
		}
		n := &node{sec: s}
		for len(stack) > 1 && stack[len(stack)-1].sec.Level >= s.Level {
			stack = stack[:len(stack)-1]
		}
		n.parent = stack[len(stack)-1]
		n.parent.children = append(n.parent.children, n)
		stack = append(stack, n)
		all = append(all, n)
	}
	return root, all
}

// reTalkWords are talk words in the plural, and reNotAttended the
// sentences that open a section on talks the author did not see.
var (
	reTalkWords   = lazyRE(`(?i)\b(?:keynotes|talks|workshops|ateliers|conf[ée]rences|conferences|sessions|quickies)\b`).Needing("keynotes", "talks", "workshops", "ateliers", "rences", "sessions", "quickies")
	reNotAttended = lazyRE(`(?i)\baurais\s+aim[ée]\s+(?:aller\s+)?(?:voir|assister|y\s+aller)\b|\bwould\s+have\s+(?:liked|loved)\s+to\s+(?:see|attend|go)\b|\b(?:I|we)\s+missed\b|\bdidn['’]t\s+(?:attend|see|make\s+it)\b|\bcould\s+not\s+attend\b|\bcouldn['’]t\s+attend\b|\bpas\s+pu\s+(?:assister|voir|aller)\b|\bj['’]ai\s+rat[ée]\b`).
			Needing("aurais", "would", "missed", "didn", "could", "pas", "rat")
)

// reTalkDeictic is how a review of one talk speaks of it: "this talk",
// "cette session", "le speaker". "The conference" is the event, not a talk.
var reTalkDeictic = lazyRE(`(?i)\b(?:this|that|the)\s+(?:talk|session|presentation|keynote|workshop|speaker|presenter)s?\b|\b(?:this|it)\s+(?:was|is)\s+(?:a|an|the|my)\s+(?:[\w-]+\s+){0,3}(?:talk|session|presentation|keynote|workshop)\b|\bc['’][ée]tait\s+(?:un|une|le|la)\s+(?:[\w-]+\s+){0,3}(?:talk|session|pr[ée]sentation|keynote|atelier|workshop)\b|\b(?:ce|cet|cette)\s+(?:talk|session|pr[ée]sentation|keynote|atelier|workshop|speaker|speakeuse|conf[ée]rencier|conf[ée]renci[èe]re|orateur|oratrice|intervenant|intervenante)\b`).
	Needing("talk", "session", "presentation", "présentation", "keynote", "workshop", "speaker", "presenter", "atelier", "speakeuse", "rencier", "renci", "orat", "intervenant", "PRÉSENTATION", "prÉsentation")

var reQuotedTitle = lazyRE(`[«“"]\s*([^»”"]{4,200}?)\s*[»”"]`).Needing("«", "“", `"`)

// analyse gathers the evidence a section holds of being a talk.
func analyse(n *node, doc *core.Document) {
	title := n.sec.Title
	if n.sec.Guessed && len(title) < 160 {
		// "Conférencier(s) : Jane Doe" standing alone in plain text: the
		// speakers of the talk above, not a heading.
		if m := reSpeakerInline.FindStringSubmatch(cleanInline(title)); m != nil {
			if sps := parseSpeakerList(m[1]); len(sps) > 0 {
				n.speakerOf, n.nonTalk = sps, true
				return
			}
		}
	}
	clean, hs, ok := headingSpeakers(title)
	// A logistics word does not unmake a talk whose heading names its
	// speaker ("… a JavaScript Dance Party by Jamison Dance").
	logistics := reLogistics.MatchString(fold(title)) && !(ok && len(hs) > 0)
	n.nonTalk = isNonTalkName(title) || logistics || (doc.Title != "" && n.sec.Guessed && title == doc.Title) ||
		opensConclusion(n.own()) || len(title) < 40 && reSpeakerIntro.MatchString(title)
	kept := 0
	bold := titleParagraphs(n.own(), title)
	for i, b := range n.own() {
		c, isBold := bold[i]
		if _, bullets := bulletLines(b); b.Kind != core.BlockList && b.Kind != core.BlockTable && !isBold && !bullets {
			continue
		}
		if n.lists == nil {
			n.lists = make([][]listCandidate, len(n.own()))
		}
		if isBold {
			n.lists[i] = []listCandidate{c}
		} else {
			intro, last := listIntro(n.own(), i, title)
			n.lists[i] = listTalks(b, intro, last, title)
		}
		for _, c := range n.lists[i] {
			if c.score >= listThreshold {
				kept++
			}
		}
	}
	if kept >= 2 || proseTalks(n.own()) >= 2 {
		// "So many others…" and the talks it lists, "The first talk was
		// [A](…). The second talk was [B](…)": the section holds talks,
		// it is not one.
		n.nonTalk = true
	}
	if !ok && !n.nonTalk {
		clean, hs, ok = bareHeadingSpeakers(title, func(name string) bool {
			// A given name the section repeats only vouches for a name
			// after the title ("Title (Jonas Berg)"): before a colon,
			// "Test Containers: …" names a product.
			after := strings.HasSuffix(strings.TrimRight(cleanInline(title), ") "), name)
			return namedIn(n.own(), name) || after && givenNameIn(n.own(), name) || linkedIn(n.sec.Markup, name)
		})
	}
	if ok {
		n.title = clean
		n.speakers = hs
		n.speakerLine = n.sec.Line
		n.strong = true
	} else {
		n.title = cleanTitle(title)
	}
	if m := reOwnTalkHeading.FindStringSubmatch(cleanInline(title)); m != nil && !n.nonTalk {
		// "Mon expérience speaker : Title", "My talk: Title": the
		// author's own talk, and its title after the colon.
		n.title, n.strong, n.speakerLine = cleanTitle(m[1]), true, n.sec.Line
		if a := postAuthor(*doc); a != "" && len(n.speakers) == 0 {
			n.speakers = []core.Speaker{{Name: a}}
		}
	}
	bs, authors, line := speakersFromBlocks(n.own())
	n.authors = authors
	if len(n.speakers) == 0 && len(bs) > 0 {
		n.speakers, n.speakerLine, n.strong = bs, line, true
	}
	if len(n.speakers) == 0 && title != doc.Title && n.sec.Level > 1 {
		// "**[Jane Doe](url)**" alone under the heading: its speakers.
		// Not under the post's own title, where a name is its author's.
		for i, b := range n.own() {
			if i >= 3 {
				break
			}
			if sps := markedNameLines(b); len(sps) > 0 && !namesAuthor(sps, postAuthor(*doc)) {
				n.speakers, n.speakerLine, n.strong = sps, b.Line, true
				break
			}
		}
	}
	if len(n.speakers) == 0 {
		// "## Title" then "### Speakers:" and the names under it.
		for _, c := range n.children {
			if len(c.sec.Title) < 40 && reSpeakerIntro.MatchString(c.sec.Title) {
				if sps := speakerLines(c.own()); len(sps) > 0 {
					n.speakers, n.speakerLine, n.strong = sps, c.sec.Line, true
					break
				}
			}
		}
	}
	var paras []string
	for _, b := range n.own() {
		if b.Kind == core.BlockParagraph || b.Kind == core.BlockQuote {
			paras = append(paras, b.Text())
			if len(paras) == 3 {
				break
			}
		}
	}
	if len(paras) > 0 {
		first := paras[0]
		if len(paras) > 1 {
			first += "\n" + paras[1]
		}
		n.aboutTalk = reTalkDeictic.MatchString(first[:min(len(first), 600)])
	}
	prose := speakersFromSentences(strings.Join(paras, "\n"))
	if len(n.speakers) == 0 && len(prose) > 0 {
		n.speakers, n.strong = prose, true
		n.speakerLine = firstLine(n.own())
	} else {
		// "## Title par Jane Doe" then "Jane Doe, Principal SA chez AWS, a
		// commencé…": the prose completes what the heading left out.
		for i, sp := range n.speakers {
			for _, p := range prose {
				if fold(p.Name) == fold(sp.Name) && sp.Role == "" && sp.Company == "" {
					n.speakers[i].Role, n.speakers[i].Company = p.Role, p.Company
				}
			}
		}
	}
	// The section links its own title to slides or a video: "[Title](
	// https://speakerdeck.com/…)".
	if !n.strong && n.title != "" && !n.nonTalk && linksOwnTitle(n.own(), n.title) {
		n.strong, n.linked, n.speakerLine = true, true, n.sec.Line
	}
	// The section quotes its own title after a talk word: "une conférence
	// intitulée « Title »".
	if !n.strong && n.title != "" {
		ft := fold(n.title)
		for _, b := range n.own() {
			txt := b.Text()
			for _, m := range reQuotedTitle.FindAllStringSubmatchIndex(txt, -1) {
				q := fold(cleanTitle(txt[m[2]:m[3]]))
				before := txt[max(0, m[0]-80):m[0]]
				if q == ft && reTalkWord.MatchString(before) {
					n.strong = true
				}
			}
		}
	}
	// "La qualité des conférences" speaks of talks, not of one.
	n.keyword = reTalkWord.MatchString(title) && !n.nonTalk && !reTalkWords.MatchString(title)
	if !n.nonTalk && len(paras) > 0 && reNotAttended.MatchString(paras[0]) {
		// "Il y a beaucoup de conférences que j'aurais aimé aller voir".
		n.nonTalk, n.keyword, n.aboutTalk = true, false, false
	}
	if lt, sps := leadTitle(n.own()); lt != "" && !ok && fold(lt) != fold(n.title) && !n.nonTalk {
		n.title, n.strong = lt, true
		n.speakerLine = n.sec.Line
		if len(n.speakers) == 0 {
			n.speakers = sps
		}
	}
	if n.sec.Guessed {
		// A guessed heading is a line of prose as often as a title: it
		// must start with the talk word ("Keynote de clôture : …").
		loc := reTalkWord.FindStringIndex(title)
		n.keyword = n.keyword && loc != nil && loc[0] == 0
		// "Jane Doe en action !": a caption under a photo of a speaker.
		if w := strings.Fields(title); len(w) >= 2 && looksLikeName(strings.Join(w[:2], " ")) && isFirstName(w[0]) {
			n.strong, n.keyword, n.speakers = false, false, nil
		}
	}
}

func firstLine(bs []core.Block) int {
	if len(bs) > 0 {
		return bs[0].Line
	}
	return 0
}

// decide marks talks in the tree: a section with evidence is a talk unless
// its children hold the speakers (then it is an umbrella); sections below
// a talk belong to it.
func decide(n *node) {
	for _, c := range n.children {
		switch {
		case c.nonTalk:
			decide(c)
		case c.evidence() && !(c.strongBelow() && len(c.speakers) == 0):
			c.talk = true
			c.owner = c
			adopt(c, c)
			// A sub-section that names speakers of its own is a talk of
			// its own ("5 Title by A" then "5.1 Other title by B").
			for _, g := range c.children {
				if len(g.speakers) > 0 && g.strong && !g.nonTalk && !sameSpeakers(g.speakers, c.speakers) {
					g.talk, g.owner = true, g
					adopt(g, g)
				}
			}
		case c.anyBelow():
			decide(c)
		}
	}
}

// reConclusionLead opens a post's conclusion, whatever its heading says.
var reConclusionLead = lazyRE(`(?i)^\s*(?:a\s+few\s+(?:last|final|closing)\s+(?:words|thoughts)|(?:some\s+)?(?:final|closing|last)\s+(?:words|thoughts)|to\s+(?:conclude|sum\s+up|wrap\s+up)|in\s+conclusion|all\s+in\s+all|wrapping\s+up|pour\s+(?:conclure|finir|terminer)|en\s+conclusion|en\s+r[ée]sum[ée]|pour\s+r[ée]sumer|quelques\s+mots\s+pour\s+(?:finir|conclure))\b`)

// opensConclusion reports whether a section's first paragraph opens the
// post's conclusion: "A few last words.", "Pour conclure, …".
func opensConclusion(bs []core.Block) bool {
	for _, b := range bs {
		if b.Kind == core.BlockParagraph {
			return reConclusionLead.MatchString(b.Text())
		}
	}
	return false
}

// sameSpeakers reports whether a and b name the same people.
func sameSpeakers(a, b []core.Speaker) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if fold(a[i].Name) != fold(b[i].Name) {
			return false
		}
	}
	return true
}

func adopt(n, owner *node) {
	for _, c := range n.children {
		c.owner = owner
		adopt(c, owner)
	}
}

// peers turns the evidence-less siblings of talks into talks: in a
// write-up whose sections at one level are mostly talks, the others at that
// level are talks whose speakers were not named.
func peers(n *node) {
	// The sections of "Day 1", "Day 2"… are siblings of each other: one
	// day may hold a single talk among others that name no speaker.
	var group, dayGroup []*node
	days := map[*node]bool{}
	for _, c := range n.children {
		if isDaySection(c) {
			dayGroup = append(dayGroup, c.children...)
			days[c] = true
		} else {
			group = append(group, c)
		}
	}
	// Under "Lightning talks" every sub-section is a talk.
	umbrella := n.sec != nil && reTalkWord.MatchString(n.sec.Title) && !n.talk && n.sec.Level > 0
	own := umbrella && reOwnTalks.MatchString(strings.TrimSpace(n.sec.Title))
	promotePeers(group, umbrella, false, own)
	promotePeers(dayGroup, false, true, false)
	for _, c := range n.children {
		if days[c] {
			for _, g := range c.children {
				if !g.talk {
					peers(g)
				}
			}
		} else if !c.talk {
			peers(c)
		}
	}
}

// promotePeers turns sections of one sibling group into talks: those that
// review "this talk" when two of the group at least are talks or do the
// same, then the others without evidence when talks are most of the group
// (half of it among the days of a conference, whose reviews are shorter).
func promotePeers(group []*node, umbrella, days, own bool) {
	talks, cands, about := 0, []*node{}, []*node{}
	for _, c := range group {
		if c.talk {
			talks++
		} else if !c.nonTalk && c.owner == nil && len(c.children) == 0 && !c.sec.Guessed && hasText(c.own()) && hasParagraph(c.own()) {
			if c.aboutTalk {
				about = append(about, c)
			} else {
				cands = append(cands, c)
			}
		}
	}
	if talks+len(about) >= 2 {
		for _, c := range about {
			c.talk, c.owner, c.bySiblings = true, c, true
			adopt(c, c)
		}
		talks += len(about)
	} else {
		cands = append(cands, about...)
	}
	if umbrella && talks >= 1 || own || talks >= 3 && len(cands) <= talks/2 || days && talks >= 3 && len(cands) <= talks {
		for _, c := range cands {
			c.talk, c.owner, c.bySiblings = true, c, true
		}
	}
}

// reOwnTalkHeading is a heading that names the author's own talk before
// its title: "Mon expérience speaker : Title", "My talk: Title".
var reOwnTalkHeading = lazyRE(`(?i)^(?:my|our|mon|ma|notre)\s+(?:(?:own\s+)?talk|session|presentation|pr[ée]sentation|conf[ée]rence|quickie|atelier|workshop|keynote|exp[ée]rience\s+(?:de\s+|as\s+(?:a\s+)?)?speaker)\s*:\s*(\S.{3,200})$`)

// reOwnTalks heads the author's own talks: "My talks", "Mes conférences",
// "Notre présentation". Each section under it is one.
var reOwnTalks = lazyRE(`(?i)^(?:my|our)\s+(?:talks?|sessions?|presentations?|workshops?)\b|^(?:mes|nos)\s+(?:talks?|conf[ée]rences?|pr[ée]sentations?|sessions?|interventions?|ateliers?)\b|^(?:ma|notre)\s+(?:pr[ée]sentation|conf[ée]rence|session|intervention)\b|^(?:mon|notre)\s+(?:talk|atelier)\b`)

var reDay = lazyRE(`(?i)^(?:day|jour|journ[ée]e|dia|tag)\s+(?:\d+|one|two|three|four|five|un|deux|trois|quatre|cinq)\b|^(?:premi[èe]re|deuxi[èe]me|seconde|troisi[èe]me|first|second|third|last|derni[èe]re)\s+(?:day|jour|journ[ée]e)\b|^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`)

// isDaySection reports whether n is a day of the conference ("Day 2",
// "Jeudi 6 novembre") holding sections of its own.
func isDaySection(n *node) bool {
	return !n.talk && len(n.children) > 0 && reDay.MatchString(fold(n.sec.Title))
}

func hasParagraph(bs []core.Block) bool {
	for _, b := range bs {
		if b.Kind == core.BlockParagraph && len(b.Text()) >= 40 {
			return true
		}
	}
	return false
}

func hasText(bs []core.Block) bool {
	n := 0
	for _, b := range bs {
		if b.Kind != core.BlockImage && b.Kind != core.BlockCode {
			n += len(b.Text())
		}
	}
	return n >= 80
}

// guessedFlow handles plain text, whose headings are guesses: a section
// with evidence starts a talk; the guessed headings after it (image
// captions, sub-titles) belong to it until the next talk or a non-talk
// heading.
func guessedFlow(all []*node) {
	var current *node
	for _, n := range all {
		switch {
		case len(n.speakerOf) > 0 && current != nil:
			n.owner = current
			if len(current.speakers) == 0 {
				current.speakers, current.speakerLine, current.strong = n.speakerOf, n.sec.Line, true
			}
		case n.nonTalk:
			current = nil
		case n.evidence():
			n.talk, n.owner = true, n
			current = n
		case current != nil && n.sec.Guessed:
			n.owner = current
		}
	}
}

// proseTalks counts the different talks the prose of blocks names.
func proseTalks(bs []core.Block) int {
	titles := map[string]bool{}
	for _, b := range bs {
		if b.Kind != core.BlockParagraph {
			continue
		}
		for _, it := range inlineTalks(b) {
			titles[fold(it.title)] = true
		}
	}
	return len(titles)
}

// linkedIn reports whether Markdown or AsciiDoc markup links the name:
// "[Jane Doe](url)", "url[Jane Doe]".
func linkedIn(markup, name string) bool {
	i := strings.Index(markup, "["+name+"]")
	if i < 0 {
		return false
	}
	rest := markup[i+len(name)+2:]
	return strings.HasPrefix(rest, "(") || i > 0 && !isSpaceRE(markup[i-1])
}

// linksOwnTitle reports whether the first blocks of a section link a talk
// page, slides or a video under the section's own title.
func linksOwnTitle(bs []core.Block, title string) bool {
	ft := fold(title)
	for i, b := range bs {
		if i >= 3 {
			break
		}
		for _, m := range reMdLink.FindAllString(b.Markdown, 10) {
			lm := reLeadLink.FindStringSubmatch(m)
			if lm != nil && reTalkLink.MatchString(lm[2]) && fold(cleanTitle(lm[1])) == ft {
				return true
			}
		}
	}
	return false
}

// namesAuthor reports whether one of sps is the post's author.
func namesAuthor(sps []core.Speaker, author string) bool {
	for _, sp := range sps {
		if author != "" && fold(sp.Name) == fold(author) {
			return true
		}
	}
	return false
}

// givenNameIn reports whether the first paragraphs of a section speak of
// the person by their given name, as a write-up does of its speaker:
// "## Async All the Way Down (Jonas Berg)" then "Jonas explained…".
func givenNameIn(bs []core.Block, name string) bool {
	given := strings.Fields(name)[0]
	if len(given) < 3 || strings.IndexFunc(given[1:], func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) >= 0 {
		return false // "EventBridge Pipes: …" names a product
	}
	seen := 0
	for _, b := range bs {
		if b.Kind != core.BlockParagraph {
			continue
		}
		if seen++; seen > 2 {
			break
		}
		text := b.Text()
		for i := strings.Index(text, given); i >= 0; {
			end := i + len(given)
			// At the start of a sentence, as its subject: "Jonas explained".
			start := strings.TrimRight(text[:i], " ")
			before := start == "" || strings.HasSuffix(start, ".") || strings.HasSuffix(start, "!") || strings.HasSuffix(start, "?")
			if before && end < len(text) && text[end] == ' ' {
				return true
			}
			j := strings.Index(text[end:], given)
			if j < 0 {
				break
			}
			i = end + j
		}
	}
	return false
}

// namedIn reports whether the blocks name the person as people are
// named: with a link or a handle right after the name ("[Jane
// Doe](url)", "Jane Doe (@jdoe)"), which product names never get.
func namedIn(bs []core.Block, name string) bool {
	for _, b := range bs {
		for i := strings.Index(b.Markdown, name); i >= 0; {
			rest := b.Markdown[i+len(name):]
			if strings.HasPrefix(rest, "](") || strings.HasPrefix(rest, " (@") || strings.HasPrefix(rest, " ([@") {
				return true
			}
			j := strings.Index(rest, name)
			if j < 0 {
				break
			}
			i += len(name) + j
		}
	}
	return false
}
