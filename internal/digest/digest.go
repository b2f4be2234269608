// Package digest writes the digest of a set of talks: a Markdown document a
// person would send (a newsletter, a wiki page, a mail), with a title, an
// overview, a table of contents, one section per event and per talk, and
// indexes of the AWS services and companies pointing back to the talks. It
// is a pure function of the talk records the store returns; HTML renders
// the same document as a standalone page.
//
// Everything that comes from a post is escaped (render.EscapeMarkdown), so
// that a title or a name cannot add headings, links, HTML or table cells to
// the document, nor carry terminal control sequences.
package digest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/render"
)

// SummaryLength is the longest a talk's summary is, in characters, before
// it is cut at the end of a sentence or, failing that, of a word.
const SummaryLength = 360

// Options tune a digest.
type Options struct {
	// Title is the document's title; "" makes one from the events.
	Title string
	// Generated is when the digest is written, shown in its last line;
	// the zero time leaves the line out.
	Generated time.Time
	// Lang is the language of the digest's labels, sentences and dates;
	// "" is English. DetectLang tells the language of the talks.
	Lang Lang
	// BaseURL is the address of the site the posts are published on
	// (CheckBaseURL): a post's site path (core.TalkRecord.PostURL) is
	// joined to it. "" links only the posts that give an absolute URL.
	BaseURL string
}

// Digest is a written digest.
type Digest struct {
	// Title is the document's title as plain text (the <title> of the
	// HTML page).
	Title string
	// Markdown is the document.
	Markdown string
	// Talks is how many talks it covers.
	Talks int
	// Lang is the language it is written in.
	Lang Lang
}

// event is one section of the digest: an event and its talks, in the
// order the store listed them.
type event struct {
	name   string
	info   *core.Event // nil for talks of no known event
	talks  []int       // indexes into the talk list
	anchor string
}

// entry is a line of an index: a service or a company and its talks.
type entry struct {
	name  string
	talks []int
}

// New writes the digest of talks, in the order given (the store's: by
// event date, then position in the post). A talk's summary is its
// Summary, else the first sentences of its Body.
func New(talks []core.TalkRecord, opts Options) Digest {
	w := wordsOf(opts.Lang)
	events := groupEvents(talks, w)
	title := strings.Join(strings.Fields(render.Sanitize(opts.Title)), " ")
	if title == "" {
		title = defaultTitle(events, w)
	}

	// Ids in document order, as a Markdown renderer meets the headings.
	ids := newAnchors()
	ids.next(title)
	ids.next(w.contents)
	talkIDs := make([]string, len(talks))
	for i := range events {
		events[i].anchor = ids.next(headingText(events[i].name))
		for _, t := range events[i].talks {
			talkIDs[t] = ids.next(headingText(talks[t].Title))
		}
	}
	services := index(talks, func(t core.TalkRecord) []string { return t.Services })
	companies := index(talks, talkCompanies)
	servicesID, companiesID := "", ""
	if len(services) > 0 {
		servicesID = ids.next(w.services)
	}
	if len(companies) > 0 {
		companiesID = ids.next(w.companies)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", render.EscapeMarkdown(title))
	if len(talks) == 0 {
		b.WriteString(w.noTalks + "\n")
		return Digest{Title: title, Markdown: b.String(), Lang: w.lang}
	}
	b.WriteString(overview(talks, events, services, w))
	b.WriteString("\n\n")

	fmt.Fprintf(&b, "## %s\n\n", w.contents)
	for _, e := range events {
		fmt.Fprintf(&b, "- %s\n", link(headingText(e.name), e.anchor))
		for _, t := range e.talks {
			fmt.Fprintf(&b, "  - %s\n", link(talks[t].Title, talkIDs[t]))
		}
	}
	if servicesID != "" {
		fmt.Fprintf(&b, "- %s\n", link(w.services, servicesID))
	}
	if companiesID != "" {
		fmt.Fprintf(&b, "- %s\n", link(w.companies, companiesID))
	}
	b.WriteString("\n")

	for _, e := range events {
		fmt.Fprintf(&b, "## %s\n\n", render.EscapeMarkdown(headingText(e.name)))
		about := eventFacts(e.info, w)
		about = append(about, plural(len(e.talks), w.talk))
		fmt.Fprintf(&b, "%s\n\n", strings.Join(about, " · "))
		for _, i := range e.talks {
			writeTalk(&b, talks[i], w, opts.BaseURL)
		}
	}

	if servicesID != "" {
		fmt.Fprintf(&b, "## %s\n\n", w.services)
		writeIndex(&b, services, talks, talkIDs, w)
	}
	if companiesID != "" {
		fmt.Fprintf(&b, "## %s\n\n", w.companies)
		writeIndex(&b, companies, talks, talkIDs, w)
	}
	if !opts.Generated.IsZero() {
		fmt.Fprintf(&b, "---\n\n*%s*\n", fmt.Sprintf(w.generatedOn, w.date(opts.Generated)))
	}
	return Digest{Title: title, Markdown: strings.TrimRight(b.String(), "\n") + "\n", Talks: len(talks), Lang: w.lang}
}

// groupEvents puts talks into event sections in the order events first
// appear; talks of no known event come last.
func groupEvents(talks []core.TalkRecord, w *words) []event {
	var out []event
	at := map[string]int{}
	var none []int
	for i, t := range talks {
		if t.Event == nil || t.Event.Name == "" {
			none = append(none, i)
			continue
		}
		k, ok := at[t.Event.Name]
		if !ok {
			k = len(out)
			at[t.Event.Name] = k
			out = append(out, event{name: t.Event.Name, info: t.Event})
		}
		out[k].talks = append(out[k].talks, i)
	}
	if len(none) > 0 {
		name := w.otherTalks
		if len(out) == 0 {
			name = w.talks
		}
		out = append(out, event{name: name, talks: none})
	}
	return out
}

// headingText is text as the plain, one-line text of a heading.
func headingText(text string) string {
	return strings.Join(strings.Fields(render.Sanitize(text)), " ")
}

// defaultTitle names the digest after its event, or the series its
// events share, and their years: "AWS Summit Paris 2022: talk digest",
// "AWS Summit 2023–2024: talk digest", "Conference digest 2019–2022"
// ("Synthèse des conférences 2019–2022" in French).
func defaultTitle(events []event, w *words) string {
	var named []event
	for _, e := range events {
		if e.info != nil {
			named = append(named, e)
		}
	}
	switch len(named) {
	case 0:
		return w.titleNone
	case 1:
		return fmt.Sprintf(w.titleOf, headingText(named[0].name))
	}
	series := named[0].info.Series
	lo, hi := 0, 0
	for _, e := range named {
		if core.Fold(e.info.Series) != core.Fold(series) {
			series = ""
		}
		if y := e.info.Year; y != 0 {
			if lo == 0 || y < lo {
				lo = y
			}
			hi = max(hi, y)
		}
	}
	years := ""
	switch {
	case lo == 0:
	case lo == hi:
		years = " " + strconv.Itoa(lo)
	default:
		years = fmt.Sprintf(" %d–%d", lo, hi)
	}
	if series = headingText(series); series != "" {
		return fmt.Sprintf(w.titleOf, series+years)
	}
	return w.titleMany + years
}

// overview is the paragraph under the title: how many talks, from which
// events and when, by how many speakers from how many companies, and the
// services most talked about.
func overview(talks []core.TalkRecord, events []event, services []entry, w *words) string {
	var named []event
	for _, e := range events {
		if e.info != nil {
			named = append(named, e)
		}
	}
	rest := len(talks) - countTalks(named)
	var b strings.Builder
	b.WriteString(w.covers)
	seen := len(talks) - rest
	switch {
	case len(named) == 0:
		b.WriteString(plural(len(talks), w.talk))
	case len(named) <= 5:
		parts := make([]string, len(named))
		for i, e := range named {
			parts[i] = render.EscapeMarkdown(e.name)
			if facts := eventFacts(e.info, w); len(facts) > 0 {
				parts[i] += " (" + strings.Join(facts, ", ") + ")"
			}
		}
		fmt.Fprintf(&b, w.fromEvents[number(seen)], plural(seen, w.talk), and(parts, w))
	default:
		fmt.Fprintf(&b, w.fromMany[number(seen)], plural(seen, w.talk), len(named))
		if span := dateSpan(named, w); span != "" {
			fmt.Fprintf(&b, w.held, span)
		}
	}
	if len(named) > 0 && rest > 0 {
		fmt.Fprintf(&b, w.noEvent, plural(rest, w.talk))
	}
	speakers, companies := map[string]bool{}, map[string]bool{}
	for _, t := range talks {
		for _, s := range t.Speakers {
			speakers[core.Fold(s.Name)] = true
		}
		for _, c := range talkCompanies(t) {
			companies[core.Fold(c)] = true
		}
	}
	switch {
	case len(speakers) == 0:
		b.WriteString(w.noSpeaker)
	default:
		fmt.Fprintf(&b, w.givenBy[number(len(talks))], plural(len(speakers), w.speaker))
		if len(companies) > 0 {
			fmt.Fprintf(&b, w.ofCompanies, plural(len(companies), w.company))
		}
	}
	b.WriteString(".")
	b.WriteString(servicesSentence(services, w))
	return b.String()
}

// servicesSentence says how many AWS services the talks name and which
// come up most (in two talks or more), or lists them when they are few.
func servicesSentence(services []entry, w *words) string {
	if len(services) == 0 {
		return ""
	}
	top := append([]entry(nil), services...)
	sort.SliceStable(top, func(i, j int) bool { return len(top[i].talks) > len(top[j].talks) })
	var often []string
	for _, e := range top[:min(3, len(top))] {
		if len(e.talks) > 1 {
			often = append(often, fmt.Sprintf(w.timesInTalks, render.EscapeMarkdown(e.name), plural(len(e.talks), w.talk)))
		}
	}
	head := fmt.Sprintf(" %s %s", plural(len(services), w.service), w.servicesVerb[number(len(services))])
	switch {
	case len(often) > 0:
		return head + fmt.Sprintf(w.mostOften, and(often, w))
	case len(services) <= 3:
		names := make([]string, len(services))
		for i, e := range services {
			names[i] = render.EscapeMarkdown(e.name)
		}
		return head + fmt.Sprintf(w.listed, and(names, w))
	}
	return head + w.eachOnce
}

func countTalks(events []event) int {
	n := 0
	for _, e := range events {
		n += len(e.talks)
	}
	return n
}

// dateSpan is "between April 2019 and April 2024" from the events' dates,
// or "in 2023", or "".
func dateSpan(events []event, w *words) string {
	var dates []string
	for _, e := range events {
		switch {
		case e.info.Date != "":
			dates = append(dates, e.info.Date)
		case e.info.Year != 0:
			dates = append(dates, strconv.Itoa(e.info.Year))
		}
	}
	if len(dates) == 0 {
		return ""
	}
	sort.Strings(dates)
	lo, hi := monthYear(dates[0], w), monthYear(dates[len(dates)-1], w)
	if lo == hi {
		return fmt.Sprintf(w.in, lo)
	}
	return fmt.Sprintf(w.between, lo, hi)
}

// monthYear is "April 2024" for an ISO date, or the year as given.
func monthYear(date string, w *words) string {
	if t, err := time.Parse("2006-01-02", date); err == nil {
		return w.monthYear(t)
	}
	return date
}

// eventFacts are the event's city (when its name does not already say it)
// and its date, escaped.
func eventFacts(e *core.Event, w *words) []string {
	if e == nil {
		return nil
	}
	var out []string
	if e.City != "" && !strings.Contains(core.Fold(e.Name), core.Fold(e.City)) {
		out = append(out, render.EscapeMarkdown(e.City))
	}
	switch {
	case e.Date != "":
		if t, err := time.Parse("2006-01-02", e.Date); err == nil {
			out = append(out, w.date(t))
		} else {
			out = append(out, render.EscapeMarkdown(e.Date))
		}
	case e.Year != 0:
		out = append(out, strconv.Itoa(e.Year))
	}
	return out
}

// writeTalk writes one talk's section. It ends with the talk's note
// takers and a link to its post's public address (joined to base for a
// path on the site) or, when there is none, the post's path relative to
// the folder it was imported from and the talk's line.
func writeTalk(b *strings.Builder, t core.TalkRecord, w *words, base string) {
	fmt.Fprintf(b, "### %s\n\n", render.EscapeMarkdown(t.Title))
	var facts []string
	if t.Kind != "" && t.Kind != string(core.KindTalk) {
		facts = append(facts, fmt.Sprintf("- %s %s", w.label(w.kind), render.EscapeMarkdown(w.kindName(t.Kind))))
	}
	if len(t.Speakers) > 0 {
		names := make([]string, len(t.Speakers))
		for i, s := range t.Speakers {
			names[i] = speaker(s)
		}
		label := w.speakerLabel[number(len(names))]
		facts = append(facts, fmt.Sprintf("- %s %s", w.label(label), strings.Join(names, "; ")))
	}
	if len(t.Services) > 0 {
		facts = append(facts, fmt.Sprintf("- %s %s", w.label(w.services), escapeAll(t.Services)))
	}
	if len(facts) > 0 {
		b.WriteString(strings.Join(facts, "\n"))
		b.WriteString("\n\n")
	}
	if s := Summary(t, SummaryLength); s != "" {
		fmt.Fprintf(b, "%s\n\n", render.EscapeMarkdown(s))
	}
	var line string
	if u := postLink(t.PostURL, base); u != "" {
		line = "[" + w.readPost + "](" + markdownDestination(u) + ")"
	} else {
		src := sourcePath(t)
		if t.Line > 0 {
			src += ":" + strconv.Itoa(t.Line)
		}
		line = w.source + w.colon + " " + render.CodeSpan(src)
	}
	if len(t.NoteAuthors) > 0 {
		line = fmt.Sprintf(w.notesBy, escapeAll(t.NoteAuthors)) + " · " + line
	}
	fmt.Fprintf(b, "*%s*\n\n", line)
}

// speaker is "Name (Role, Company)" with what is known, escaped.
func speaker(s core.Speaker) string {
	return render.Speaker(s.Name, s.Role, s.Company, " (", ")")
}

// talkCompanies are the companies a talk names and its speakers' employers,
// once each, in order.
func talkCompanies(t core.TalkRecord) []string {
	seen := map[string]bool{}
	var out []string
	add := func(c string) {
		if c != "" && !seen[core.Fold(c)] {
			seen[core.Fold(c)] = true
			out = append(out, c)
		}
	}
	for _, s := range t.Speakers {
		add(s.Company)
	}
	for _, c := range t.Companies {
		add(c)
	}
	return out
}

// index lists the names the function returns for each talk, alphabetically (ignoring case and
// accents), each with the talks that name it.
func index(talks []core.TalkRecord, names func(core.TalkRecord) []string) []entry {
	at := map[string]int{}
	var out []entry
	for i, t := range talks {
		seen := map[string]bool{}
		for _, n := range names(t) {
			k := core.Fold(n)
			if n == "" || seen[k] {
				continue
			}
			seen[k] = true
			j, ok := at[k]
			if !ok {
				j = len(out)
				at[k] = j
				out = append(out, entry{name: n})
			}
			out[j].talks = append(out[j].talks, i)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return core.Fold(out[i].name) < core.Fold(out[j].name) })
	return out
}

// writeIndex writes an index: one item per name, linking to its talks.
func writeIndex(b *strings.Builder, entries []entry, talks []core.TalkRecord, ids []string, w *words) {
	for _, e := range entries {
		links := make([]string, len(e.talks))
		for i, t := range e.talks {
			links[i] = link(talks[t].Title, ids[t])
		}
		fmt.Fprintf(b, "- **%s**%s %s\n", render.EscapeMarkdown(e.name), w.colon, strings.Join(links, ", "))
	}
	b.WriteString("\n")
}

// link is a Markdown link to a heading of the document.
func link(text, anchor string) string {
	return "[" + render.EscapeMarkdown(text) + "](#" + anchor + ")"
}

// escapeAll escapes values and joins them with ", ".
func escapeAll(vals []string) string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = render.EscapeMarkdown(v)
	}
	return strings.Join(out, ", ")
}

// and joins "a", "a and b", "a, b and c" ("a, b et c").
func and(parts []string, w *words) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + w.and + parts[len(parts)-1]
}
