package render

import (
	"bufio"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// The pages of notes: a talk, search hits, a dry run, as Markdown or
// text. Every value from a post is escaped or sanitized here, so that it
// stays inside its heading or line.

// TalkPage writes one talk as a Markdown page: title, event, kind,
// speakers with their roles and companies, companies, AWS services, note
// takers, the notes, and the source file and line. Every value from the
// post is escaped so that it stays inside its heading or line; the notes
// are the post's own Markdown, sanitized. Markdown sanitizes the
// whole page again.
func TalkPage(t core.TalkRecord) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", EscapeMarkdown(t.Title))
	if line := EventLine(t.Event); line != "" {
		fmt.Fprintf(&b, "%s\n\n", line)
	}
	if t.Kind != "" && t.Kind != string(core.KindTalk) {
		fmt.Fprintf(&b, "*%s*\n\n", EscapeMarkdown(t.Kind))
	}
	if len(t.Speakers) > 0 {
		b.WriteString("**Speakers**\n\n")
		for _, s := range t.Speakers {
			fmt.Fprintf(&b, "* %s\n", SpeakerLine(s))
		}
		b.WriteString("\n")
	}
	if len(t.Companies) > 0 {
		fmt.Fprintf(&b, "**Companies:** %s\n\n", JoinEscaped(t.Companies))
	}
	if len(t.Services) > 0 {
		fmt.Fprintf(&b, "**AWS services:** %s\n\n", JoinEscaped(t.Services))
	}
	if len(t.NoteAuthors) > 0 {
		fmt.Fprintf(&b, "**Notes by:** %s\n\n", JoinEscaped(t.NoteAuthors))
	}
	if body := strings.TrimSpace(Sanitize(t.Body)); body != "" {
		b.WriteString("---\n\n")
		b.WriteString(body)
		b.WriteString("\n\n")
	}
	b.WriteString("---\n\n")
	src := t.Source
	if t.Line > 0 {
		src = fmt.Sprintf("%s:%d", src, t.Line)
	}
	fmt.Fprintf(&b, "*Source: %s · talk %d*\n", CodeSpan(src), t.ID)
	for _, tr := range t.Translations {
		lang := tr.Lang
		if lang == "" {
			lang = "translation"
		}
		fmt.Fprintf(&b, "\n*Also in %s: %s · talk %d*\n", EscapeMarkdown(OneLine(lang)), CodeSpan(tr.Source), tr.TalkID)
	}
	return b.String()
}

// EventLine is the event as one Markdown line, name in bold, city, date,
// escaped.
func EventLine(e *core.Event) string {
	if e == nil || e.Name == "" {
		return ""
	}
	parts := []string{"**" + EscapeMarkdown(e.Name) + "**"}
	if e.City != "" && !strings.Contains(core.Fold(e.Name), core.Fold(e.City)) {
		parts = append(parts, EscapeMarkdown(e.City))
	}
	if d := EventDate(e); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, " · ")
}

// SpeakerLine is "Name — Role, Company" with what is known, as escaped
// Markdown.
func SpeakerLine(s core.Speaker) string {
	return Speaker(s.Name, s.Role, s.Company, " — ", "")
}

// OneLine sanitizes a value and keeps it on one line.
func OneLine(s string) string {
	return strings.Join(strings.Fields(Sanitize(s)), " ")
}

// JoinEscaped escapes values for Markdown and joins them with ", ".
func JoinEscaped(vals []string) string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = EscapeMarkdown(v)
	}
	return strings.Join(out, ", ")
}

// SearchPage writes the hits as Markdown: one "## N. Title" block per hit
// with its event, speakers and snippets. Snippets come highlighted with
// **bold** by the index; everything else from the posts is sanitized.
func SearchPage(results []core.Hit) string {
	var b strings.Builder
	for i, r := range results {
		if r.Type == core.HitPost && r.Post != nil {
			writePostHit(&b, i+1, r)
			continue
		}
		t := r.Talk
		fmt.Fprintf(&b, "## %d. %s\n\n", i+1, EscapeMarkdown(OneLine(t.Title)))
		meta := []string{fmt.Sprintf("talk %d", t.ID)}
		if line := EventLine(t.Event); line != "" {
			meta = append(meta, line)
		}
		b.WriteString(strings.Join(meta, " · "))
		b.WriteString("\n\n")
		if len(t.Speakers) > 0 {
			names := make([]string, len(t.Speakers))
			for j, s := range t.Speakers {
				names[j] = SpeakerLine(s)
			}
			fmt.Fprintf(&b, "*%s*\n\n", strings.Join(names, "; "))
		}
		for _, s := range r.Snippets {
			if s = OneLine(s); s != "" {
				fmt.Fprintf(&b, "> %s\n\n", s)
			}
		}
	}
	return b.String()
}

// writePostHit writes a post hit: the post's title (its path when it has
// none), then "post · path:line · § section · event", then the snippets.
func writePostHit(b *strings.Builder, n int, r core.Hit) {
	p := r.Post
	title := OneLine(p.Title)
	if title == "" {
		title = OneLine(p.Path)
	}
	fmt.Fprintf(b, "## %d. %s\n\n", n, EscapeMarkdown(title))
	meta := []string{"post " + EscapeMarkdown(OneLine(PostPlace(p)))}
	if s := OneLine(p.Section); s != "" {
		meta = append(meta, "§ "+EscapeMarkdown(s))
	}
	if line := EventLine(p.Event); line != "" {
		meta = append(meta, line)
	}
	b.WriteString(strings.Join(meta, " · "))
	b.WriteString("\n\n")
	for _, s := range r.Snippets {
		if s = OneLine(s); s != "" {
			fmt.Fprintf(b, "> %s\n\n", s)
		}
	}
}

// PostPlace is "path:line" of a post hit, or the path when the line is
// unknown.
func PostPlace(p *core.PostHit) string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return p.Path
}

// SpeakerNames joins the speakers' names with ", ".
func SpeakerNames(sp []core.Speaker) string {
	names := make([]string, len(sp))
	for i, s := range sp {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

// EventName is the event's name, or "" for a talk with no known event.
func EventName(e *core.Event) string {
	if e == nil {
		return ""
	}
	return e.Name
}

// EventDate is the event's ISO date, else its year, else "".
func EventDate(e *core.Event) string {
	switch {
	case e == nil:
		return ""
	case e.Date != "":
		return e.Date
	case e.Year != 0:
		return fmt.Sprint(e.Year)
	}
	return ""
}

// WritePreview writes one post of a dry run for people.
func WritePreview(w *bufio.Writer, p *core.Preview, explain bool) {
	fmt.Fprintf(w, "%s (%s)\n", OneLine(p.Path), p.Format)
	if p.Event != nil {
		fmt.Fprintf(w, "  event: %s\n", strings.TrimSpace(OneLine(p.Event.Name)+" "+eventDetails(p.Event)))
	} else {
		fmt.Fprintln(w, "  event: (none found)")
	}
	if len(p.Talks) == 0 {
		fmt.Fprintln(w, "  no talks found")
	}
	for i, t := range p.Talks {
		kind := ""
		if t.Kind != string(core.KindTalk) {
			kind = " [" + t.Kind + "]"
		}
		fmt.Fprintf(w, "  %d. %s%s (line %d)\n", i+1, OneLine(t.Title), kind, t.Line)
		if len(t.Speakers) > 0 {
			sp := make([]string, len(t.Speakers))
			for j, s := range t.Speakers {
				sp[j] = SpeakerLine(s)
			}
			fmt.Fprintf(w, "     speakers: %s\n", strings.Join(sp, "; "))
		}
		if len(t.Companies) > 0 {
			fmt.Fprintf(w, "     companies: %s\n", JoinEscaped(t.Companies))
		}
		if len(t.Services) > 0 {
			fmt.Fprintf(w, "     services: %s\n", JoinEscaped(t.Services))
		}
		if len(t.NoteAuthors) > 0 {
			fmt.Fprintf(w, "     notes by: %s\n", JoinEscaped(t.NoteAuthors))
		}
	}
	if len(p.Services) > 0 {
		fmt.Fprintf(w, "  services in the post: %s\n", JoinEscaped(p.Services))
	}
	if explain {
		for _, e := range p.Explain {
			fmt.Fprintf(w, "  why: %s\n", OneLine(e))
		}
	}
	fmt.Fprintln(w)
}

// eventDetails is "(city, date)" with what is known of the event.
func eventDetails(e *core.Event) string {
	var parts []string
	if e.City != "" {
		parts = append(parts, OneLine(e.City))
	}
	if d := EventDate(e); d != "" {
		parts = append(parts, d)
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// ByYearChart draws talks per year for each record: bars on a terminal,
// name, year, count rows in a pipe. Talks of no known year are left out.
func ByYearChart(s *IO, recs []core.CountRecord) error {
	groups := make([]BarGroup, 0, len(recs))
	for _, r := range recs {
		years := make([]int, 0, len(r.ByYear))
		for y := range r.ByYear {
			years = append(years, y)
		}
		sort.Ints(years)
		g := BarGroup{Name: r.Name, Total: Plural(r.Talks, "talk", "talks")}
		for _, y := range years {
			g.Bars = append(g.Bars, Bar{Label: strconv.Itoa(y), Value: r.ByYear[y]})
		}
		groups = append(groups, g)
	}
	return BarChart(s, groups)
}

// Plural writes n with the singular or Plural noun.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// SearchRows are the hits as rows for a pipe (issue 15, item 5): the talk
// id or the post's path:line, the type, the event, the title and the best
// snippet as plain text, so that "| cut -f1" gives ids and paths.
func SearchRows(results []core.Hit) [][]string {
	rows := make([][]string, 0, len(results))
	for _, r := range results {
		snippet := ""
		if len(r.Snippets) > 0 {
			snippet = PlainSnippet(r.Snippets[0])
		}
		if r.Type == core.HitPost && r.Post != nil {
			rows = append(rows, []string{PostPlace(r.Post), core.HitPost, EventName(r.Post.Event), r.Post.Title, snippet})
			continue
		}
		t := r.Talk
		rows = append(rows, []string{fmt.Sprint(t.ID), core.HitTalk, EventName(t.Event), t.Title, snippet})
	}
	return rows
}

var (
	// reSnippetLink is a Markdown link in a snippet, its target maybe cut
	// off by the snippet's end: "[Climb So Ill](http://…".
	reSnippetLink = regexp.MustCompile(`\[([^\]\n]+)\](?:\([^)\s…]*\)?)?`)
	// reSnippetEscape is a backslash escape of Markdown punctuation.
	reSnippetEscape = regexp.MustCompile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!@:|<>~])")
)

// PlainSnippet is a snippet as text for a tab-separated row: without its
// bold, link syntax or escapes ("[Climb So Ill](url)" is "Climb So Ill").
func PlainSnippet(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	s = reSnippetLink.ReplaceAllString(s, "$1")
	s = reSnippetEscape.ReplaceAllString(s, "$1")
	return OneLine(s)
}

// FacetsMarkdown is the facets of a search as a section after its hits:
// one list a facet, "value (count)". "" when there are none.
func FacetsMarkdown(facets []core.Facet) string {
	if len(facets) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n\n---\n\n## Facets\n")
	for _, f := range facets {
		fmt.Fprintf(&b, "\n**%s**\n\n", f.Name)
		if len(f.Values) == 0 {
			b.WriteString("* (none)\n")
		}
		for _, v := range f.Values {
			fmt.Fprintf(&b, "* %s (%d)\n", EscapeMarkdown(v.Value), v.Count)
		}
	}
	return b.String()
}

// FacetRows is the facets as tab-separated rows after the hits' rows:
// "facet", its name, a value, its count.
func FacetRows(facets []core.Facet) [][]string {
	var rows [][]string
	for _, f := range facets {
		for _, v := range f.Values {
			rows = append(rows, []string{"facet", f.Name, v.Value, strconv.Itoa(v.Count)})
		}
	}
	return rows
}
