// Package extract turns a parsed core.Document into a core.Post: the event,
// the talks with their speakers, companies and AWS services. Rules are
// general patterns of conference write-ups, French and English; each
// extracted value can be traced to a line through Post.Explain.
package extract

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/notes-kb/notes/internal/catalog"
	"github.com/notes-kb/notes/internal/core"
)

// Extract finds the event and talks of one document.
func Extract(doc core.Document) core.Post {
	post := core.Post{Path: doc.Path, Format: doc.Format, Title: doc.Title}
	text := documentText(doc)
	post.Services = countServices(text)

	unnumberHeadings(&doc)
	root, all := buildTree(&doc)
	guessed := false
	for _, n := range all {
		analyse(n, &doc)
		guessed = guessed || n.sec.Guessed
	}
	if guessed {
		guessedFlow(all)
	} else {
		decide(root)
		peers(root)
	}

	ev, strong, explain := eventFinder{doc: doc}.findEvent()
	post.Explain = append(post.Explain, explain...)

	var talks []core.Talk
	kinds := map[int]string{} // talk line → evidence: strong, reviewed, weak, prose
	seen := map[string]bool{}
	owned := map[*node][]*node{} // a talk's node and its sub-sections, in order
	for _, m := range all {
		if m.owner != nil {
			owned[m.owner] = append(owned[m.owner], m)
		}
	}
	for _, n := range all {
		if !n.talk {
			continue
		}
		t := buildTalk(n, owned[n])
		if t.Title == "" || seen[talkKey(t.Title, t.Speakers)] {
			continue
		}
		if isEventName(t.Title, ev) {
			post.Explain = append(post.Explain, fmt.Sprintf("not a talk: %q at line %d (the event's name)", t.Title, t.Line))
			continue
		}
		seen[talkKey(t.Title, t.Speakers)] = true
		talks = append(talks, t)
		switch {
		case len(n.speakers) > 0 || n.strong:
			kinds[t.Line] = "strong"
		case n.aboutTalk:
			kinds[t.Line] = "reviewed"
		default:
			kinds[t.Line] = "weak"
		}
		post.Explain = append(post.Explain, fmt.Sprintf("talk %q at line %d (%s)", t.Title, t.Line, why(n)))
	}
	if ev != nil {
		// Talks named in the prose of sections that are not talks.
		for _, n := range append([]*node{root}, all...) {
			if n.owner != nil {
				continue
			}
			bs := n.own()
			var rootBold map[int]listCandidate
			if n == root && n.lists == nil {
				rootBold = titleParagraphs(bs, n.sec.Title)
			}
			for bi, b := range bs {
				var cands []listCandidate
				if n.lists != nil {
					cands = n.lists[bi]
				} else if c, ok := rootBold[bi]; ok {
					cands = []listCandidate{c}
				} else if n == root {
					intro, last := listIntro(bs, bi, n.sec.Title)
					cands = listTalks(b, intro, last, n.sec.Title)
				}
				for _, c := range cands {
					if c.score < listThreshold {
						if c.score <= 0 {
							continue
						}
						post.Explain = append(post.Explain, fmt.Sprintf("not a talk: %q at line %d (%s < %d)", c.title, c.line, explainList(c), listThreshold))
						continue
					}
					if seen[talkKey(c.title, c.speakers)] {
						continue
					}
					seen[talkKey(c.title, c.speakers)] = true
					t := core.Talk{Title: c.title, Kind: kindOf(c.title), Line: c.line, Speakers: c.speakers, Body: c.body}
					finishTalk(&t, c.title+"\n"+c.text)
					talks = insertByLine(talks, t)
					kinds[t.Line] = "listed"
					post.Explain = append(post.Explain, fmt.Sprintf("talk %q at line %d (%s)", t.Title, t.Line, explainList(c)))
				}
				for _, it := range inlineTalks(b) {
					if seen[talkKey(it.title, it.speakers)] {
						continue
					}
					if isEventName(it.title, ev) {
						post.Explain = append(post.Explain, fmt.Sprintf("not a talk: %q at line %d (the event's name)", it.title, b.Line))
						continue
					}
					seen[talkKey(it.title, it.speakers)] = true
					t := core.Talk{Title: it.title, Kind: it.kind, Line: b.Line, Speakers: it.speakers, Body: b.Markdown}
					finishTalk(&t, it.title+"\n"+b.Text())
					talks = insertByLine(talks, t)
					kinds[t.Line] = "prose"
					post.Explain = append(post.Explain, fmt.Sprintf("talk %q at line %d (named in prose)", t.Title, t.Line))
				}
			}
		}
	}

	talks = gate(doc, ev, strong, talks, kinds, &post)
	if len(talks) == 0 {
		// A post that describes no talk is not a write-up: an event it
		// names is an announcement or a passing mention.
		ev = nil
	}
	resolveFirstNames(text, postAuthor(doc), talks)
	if a := postAuthor(doc); a != "" {
		for i := range talks {
			if h := authorsSlides(talks[i].Body, a); len(talks[i].Speakers) == 0 && h != "" {
				talks[i].Speakers = []core.Speaker{{Name: a}}
				post.Explain = append(post.Explain, fmt.Sprintf("speaker %s of %q: the slides are under %s, the author's account", a, talks[i].Title, h))
			}
		}
	}
	if org := blogOrganisation(text); org != "" {
		for _, n := range all {
			if !n.talk || !ourTalk(n) {
				continue
			}
			for i := range talks {
				if talks[i].Line != n.sec.Line {
					continue
				}
				for j := range talks[i].Speakers {
					if talks[i].Speakers[j].Company == "" {
						talks[i].Speakers[j].Company = org
						post.Explain = append(post.Explain, fmt.Sprintf("speaker %s: company %s, the blog's own (\"our talk\")", talks[i].Speakers[j].Name, org))
					}
				}
				talks[i].Companies = speakerCompanies(talks[i].Speakers)
			}
		}
	}
	post.Event = ev
	post.Talks = talks
	return post
}

func why(n *node) string {
	switch {
	case len(n.speakers) > 0:
		return fmt.Sprintf("speakers at line %d", n.speakerLine)
	case n.linked:
		return "title linked to slides, a video or a talk page"
	case n.strong:
		return "title quoted as a talk"
	case n.keyword:
		return "title names a talk"
	case n.aboutTalk:
		return "its text reviews \"this talk\", beside sibling talks"
	default:
		return "sibling of talks"
	}
}

func insertByLine(talks []core.Talk, t core.Talk) []core.Talk {
	i := len(talks)
	for i > 0 && talks[i-1].Line > t.Line {
		i--
	}
	talks = append(talks, core.Talk{})
	copy(talks[i+1:], talks[i:])
	talks[i] = t
	return talks
}

// buildTalk gathers a talk's own blocks and those of the sections it owns.
func buildTalk(n *node, all []*node) core.Talk { // all: the nodes n owns
	t := core.Talk{Title: n.title, Line: n.sec.Line, Speakers: n.speakers}
	var md, plain strings.Builder
	// Room for all of it at once: talks run to pages.
	mdSize, plainSize := 0, len(n.sec.Title)+1
	for _, m := range all {
		if m.owner != n {
			continue
		}
		if m != n && m.sec.Title != "" {
			mdSize += len(m.sec.Title) + 9
			plainSize += len(m.sec.Title) + 1
		}
		for _, b := range m.own() {
			mdSize += len(b.Markdown) + 2
			if b.Kind != core.BlockCode {
				plainSize += textLen(b) + 1
			}
		}
	}
	md.Grow(mdSize)
	plain.Grow(plainSize)
	plain.WriteString(n.sec.Title)
	plain.WriteByte('\n')
	authors := append([]string{}, n.authors...)
	for _, m := range all {
		if m.owner != n {
			continue
		}
		if m != n {
			if m.sec.Title != "" {
				md.WriteString(strings.Repeat("#", min(6, max(3, m.sec.Level))))
				md.WriteByte(' ')
				md.WriteString(m.sec.Title)
				md.WriteString("\n\n")
				plain.WriteString(m.sec.Title)
				plain.WriteByte('\n')
			}
			authors = append(authors, m.authors...)
		}
		for _, b := range m.own() {
			md.WriteString(strings.TrimRight(b.Markdown, "\n"))
			md.WriteString("\n\n")
			if b.Kind != core.BlockCode {
				writeText(&plain, b)
				plain.WriteByte('\n')
			}
		}
	}
	t.Body = strings.TrimSpace(md.String())
	t.NoteAuthors = dedupe(authors)
	first := "" // the first line of the first block's text
	if bs := n.own(); len(bs) > 0 && len(bs[0].Lines) > 0 {
		first = bs[0].Lines[0].Text
	}
	t.Kind = kindOf(n.sec.Title, firstLineOf(first))
	finishTalk(&t, plain.String())
	return t
}

func firstLineOf(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// finishTalk fills companies, services and the summary from the talk's text.
func finishTalk(t *core.Talk, plain string) {
	t.Services = countServices(plain)
	speakerWorkplaces(t.Speakers, plain)
	t.Companies = speakerCompanies(t.Speakers)
	if t.Speakers == nil {
		t.Speakers = []core.Speaker{}
	}
	t.Summary = summarise(t.Body, 280)
}

func speakerCompanies(sps []core.Speaker) []string {
	var companies []string
	for _, s := range sps {
		if s.Company != "" {
			companies = append(companies, s.Company)
		}
	}
	return dedupe(companies)
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		k := fold(x)
		if x == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, x)
	}
	return out
}

// documentText is every title and block of the document, for the
// post-level services.
func documentText(doc core.Document) string {
	size := len(doc.Title) + 1
	for _, s := range doc.Sections {
		size += len(s.Title) + 1
		for _, bl := range s.Blocks {
			if bl.Kind != core.BlockCode {
				size += textLen(bl) + 1
			}
		}
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString(doc.Title)
	b.WriteByte('\n')
	for _, s := range doc.Sections {
		b.WriteString(s.Title)
		b.WriteByte('\n')
		for _, bl := range s.Blocks {
			if bl.Kind != core.BlockCode {
				writeText(&b, bl)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// textLen is len(bl.Text()).
func textLen(bl core.Block) int {
	n := max(len(bl.Lines)-1, 0)
	for _, l := range bl.Lines {
		n += len(l.Text)
	}
	return n
}

// writeText writes bl.Text() to w without building it first.
func writeText(w *strings.Builder, bl core.Block) {
	for i, l := range bl.Lines {
		if i > 0 {
			w.WriteByte('\n')
		}
		w.WriteString(l.Text)
	}
}

// reWorksAt reads where a person works: "Martin bosse chez Google",
// "Jane travaille chez Acme", "Jane works at Acme".
var reWorksAt = lazyRE(`(\p{Lu}[\p{L}'’-]+(?: +\p{Lu}[\p{L}'’-]+){0,2}) +(?:bosse|travaille|works|worked|is +working|est) +(?:chez|at|for|pour) +(\p{Lu}[\p{L}\d&'’-]*(?:\.[\p{L}\d]+)*(?: +\p{Lu}[\p{L}\d&'’-]*(?:\.[\p{L}\d]+)*){0,2})`).
	Needing("bosse", "travaille", "work", "est")

// speakerWorkplaces gives a speaker with no company the one the talk's
// text says they work at, naming them by full or given name.
func speakerWorkplaces(sps []core.Speaker, plain string) {
	need := false
	for _, sp := range sps {
		need = need || sp.Company == ""
	}
	if !need {
		return
	}
	for _, m := range reWorksAt.FindAllStringSubmatch(plain, -1) {
		who := fold(m[1])
		for i := range sps {
			name := fold(sps[i].Name)
			if sps[i].Company == "" && (name == who || strings.HasPrefix(name, who+" ")) {
				sps[i].Company = strings.TrimRight(m[2], ".")
			}
		}
	}
}

// reSlidesAccount is a link to slides under someone's account.
var reSlidesAccount = lazyRE(`(?i)\b(?:speakerdeck\.com|slideshare\.net|slides\.com|noti\.st)/([a-z0-9_.-]{2,40})/`).Needing("speakerdeck", "slideshare", "slides.com", "noti.st")

// authorsSlides returns the account of the first slides link in body that
// belongs to the post's author: "speakerdeck.com/paulk/…" for Paul King
// (given name and initial, initial and surname, both, or the surname).
func authorsSlides(body, author string) string {
	words := strings.Fields(fold(author))
	if len(words) < 2 {
		return ""
	}
	first, last := words[0], words[len(words)-1]
	for _, m := range reSlidesAccount.FindAllStringSubmatch(body, 5) {
		h := strings.NewReplacer(".", "", "-", "", "_", "").Replace(strings.ToLower(m[1]))
		switch h {
		case first + last[:1], first[:1] + last, first + last, last + first, last:
			return m[0][:len(m[0])-1]
		}
	}
	return ""
}

// reTitlePossessive is a post title naming a talk by its speaker: "Jane
// Doe's keynote", "la conférence de Jane Doe".
var reTitlePossessive = lazyRE(`((?-i:\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){1,2}))['’]s?\s+(?i:talk|keynote|session|presentation|workshop)\b|(?i:talk|keynote|conf[ée]rence|session|pr[ée]sentation)\s+(?i:de|d['’]|by)\s*((?-i:\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){1,2}))`)

// reBareKind is a title that only says what kind of talk it is: three
// keynotes of one post are three talks, told apart by their speakers.
var reBareKind = lazyRE(`(?i)^(?:(?:opening|closing|day\s+\d)\s+)?(?:keynote|pl[ée]ni[èe]re|talk|session|conf[ée]rence|quickie)(?:\s+d['’]ouverture|\s+de\s+cl[ôo]ture)?$`)

// talkKey identifies a talk within a post: its folded title, and its
// speakers when the title is only a kind of talk ("Keynote").
func talkKey(title string, speakers []core.Speaker) string {
	k := fold(title)
	if len(speakers) > 0 && reBareKind.MatchString(strings.TrimSpace(title)) {
		for _, sp := range speakers {
			k += "|" + fold(sp.Name)
		}
	}
	return k
}

// reHeadingNumber is a section number before a heading: "3.1 ", "4. ".
var reHeadingNumber = lazyRE(`^\d{1,2}(?:\.\d{1,2})*\.?\s+`)

// unnumberHeadings removes section numbers from the headings of a document
// that numbers them ("3.1 Title", "4 Title"): three numbered headings at
// least, so that a title such as "10 Hints You Were Missing" keeps its
// number in a document that numbers nothing else.
func unnumberHeadings(doc *core.Document) {
	numbered := func(t string) string {
		// A number, then a capital: "27 novembre" is a day, not section 27.
		m := reHeadingNumber.FindString(t)
		if m == "" || len(m) == len(t) || !unicode.IsUpper([]rune(t[len(m):])[0]) || len(findDates(t)) > 0 {
			return ""
		}
		return m
	}
	n := 0
	for _, s := range doc.Sections {
		if numbered(s.Title) != "" {
			n++
		}
	}
	if n < 3 {
		return
	}
	secs := make([]core.Section, len(doc.Sections))
	copy(secs, doc.Sections)
	for i, s := range secs {
		if m := numbered(s.Title); m != "" {
			secs[i].Title = s.Title[len(m):]
		}
	}
	doc.Sections = secs
}

// countServices finds AWS services in text; a variable so tests of the
// talk rules can run without the catalogue.
var countServices = catalog.Count

// gate decides whether the talks found make the post a write-up. Posts that
// are not about a conference must yield no talks: tutorials with headings,
// announcements of a future event, passing mentions of a past one.
func gate(doc core.Document, ev *core.Event, strong bool, talks []core.Talk, kinds map[int]string, post *core.Post) []core.Talk {
	if len(talks) == 0 {
		return nil
	}
	drop := func(why string) []core.Talk {
		post.Explain = append(post.Explain, "no talks: "+why)
		return nil
	}
	if ev == nil {
		return drop("no event named in the title, front matter, file name or opening")
	}
	if announcement(doc, ev) {
		return drop("the post announces " + ev.Name + ", which had not taken place when it was written")
	}
	if why := preview(eventFinder{doc: doc}); why != "" {
		return drop("the post previews " + ev.Name + ": " + why)
	}
	if len(talks) == 1 && (kinds[talks[0].Line] != "strong" || !strong) {
		if len(talks[0].Speakers) == 0 && kinds[talks[0].Line] == "prose" {
			// The paragraph that names the post's one talk names its
			// speakers too: "The speaker is Jane Doe, CTO at Acme."
			talks[0].Speakers = speakersFromSentences(talks[0].Body)
			talks[0].Companies = speakerCompanies(talks[0].Speakers)
		}
		if len(talks[0].Speakers) == 0 {
			// "Notes from Jane Doe's keynote at X": the post's title
			// names the speaker of its one talk.
			if m := reTitlePossessive.FindStringSubmatch(postTitles(doc)); m != nil && looksLikeName(m[1]+m[2]) && !camelCase(m[1]+m[2]) {
				talks[0].Speakers = []core.Speaker{{Name: normaliseName(m[1] + m[2])}}
			}
		}
		score, why := soleTalk(doc, talks[0], strong)
		verdict := "kept"
		if score < soleThreshold {
			verdict = "dropped"
		}
		post.Explain = append(post.Explain, fmt.Sprintf("one talk, %s as the post's subject: %s = %d (%d needed)",
			verdict, strings.Join(why, ", "), score, soleThreshold))
		if score >= soleThreshold {
			if len(talks[0].Speakers) == 0 && reOwnTalk.MatchString(talks[0].Body) {
				if a := postAuthor(doc); a != "" {
					talks[0].Speakers = []core.Speaker{{Name: a}}
				}
			}
			// The post is about this talk: a service it names past the
			// talk's first section (a liveblog's later headings, "what I
			// learnt") is the talk's too.
			if n := len(talks[0].Services); n < len(post.Services) {
				talks[0].Services = mergeServices(talks[0].Services, post.Services)
				post.Explain = append(post.Explain, fmt.Sprintf("services: %d named outside the talk's own section count for it, the post's one talk", len(talks[0].Services)-n))
			}
			return talks
		}
	}
	count := map[string]int{}
	for _, t := range talks {
		count[kinds[t.Line]]++
	}
	if count["strong"] == 0 && count["prose"] < 2 && count["reviewed"] < 2 && count["listed"] < 2 {
		return drop("no talk described with its speakers, at most one named in prose and at most one section reviewing \"this talk\"")
	}
	if !strong && len(talks) < 2 {
		return drop(ev.Name + " is named in the opening only and one talk is not a write-up")
	}
	return talks
}

// mergeServices is have followed by the services of more it lacks, with
// more's counts.
func mergeServices(have, more []core.ServiceCount) []core.ServiceCount {
	for _, m := range more {
		if !slices.ContainsFunc(have, func(h core.ServiceCount) bool { return h.Name == m.Name }) {
			have = append(have, m)
		}
	}
	return have
}

var reAnnounce = lazyRE(`(?i)\bnous\s+serons\b|\bon\s+sera\b|\bwe\s+will\s+be\b|\bwe['’]ll\s+be\b|\bjoin\s+us\b|\bvenez\s+nous\s+voir\b|\bcall\s+for\s+(?:papers|proposals|speakers)\b|\bcfp\b|\bappel\s+[àa]\s+(?:orateurs|conf[ée]renciers|sujets|propositions)\b|\bupcoming\b|\b[àa]\s+venir\b|\bprogramme\s+(?:de|du)\b|\bagenda\b`).
	Needing("serons", "sera", "will", "ll", "join", "venez", "call", "cfp", "appel", "upcoming", "venir", "programme", "agenda")

// announcement reports whether the post was written before the event: its
// date (or year) comes after the publication date, or its title announces
// it ("Nous serons à…", "CFP…").
func announcement(doc core.Document, ev *core.Event) bool {
	for _, t := range (eventFinder{doc: doc}).titleTexts() {
		if reAnnounce.MatchString(t) {
			return true
		}
	}
	pub, ok := (eventFinder{doc: doc}).publicationDate()
	if !ok {
		return false
	}
	if ev.Date != "" {
		return ev.Date > pub.iso(0)
	}
	return ev.Year > pub.Year
}
