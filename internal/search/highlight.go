package search

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	fragsimple "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	hlsimple "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
)

const (
	snippetsPerHit = 2
	snippetRunes   = 160
	// snippetSep marks text cut off before or after a snippet.
	snippetSep = "…"
)

// highlighter cuts snippets: bleve's simple highlighter, writing Markdown.
var highlighter = hlsimple.NewHighlighter(fragsimple.NewFragmenter(snippetRunes), markdownFormatter{}, snippetSep)

// snippets returns the best passages of a hit's body (as stored in the
// index), with what the search matched in bold: the positions bleve found
// in the stemmed body, and the words m marks.
// It also returns the 1-based line of the body where the first match is,
// 0 when nothing matched in the body.
//
// With fromLine (posts, whose text runs from front matter to the last
// line), snippets are cut from the line of the first match on: the
// passage a reader looks for, not the lines above it.
func snippets(dm *search.DocumentMatch, body string, m marks, fromLine bool) ([]string, int) {
	if body == "" {
		return nil, 0
	}
	value := []byte(body)
	locs := dm.Locations[fieldBody]
	if extra := m.locate(value); len(extra) > 0 {
		locs = mergeLocations(locs, extra)
	}
	line := 0
	first := uint64(len(value))
	for _, ls := range locs {
		for _, l := range ls {
			first = min(first, l.Start)
		}
	}
	if first < uint64(len(value)) {
		line = 1 + strings.Count(body[:first], "\n")
		if fromLine {
			start := uint64(strings.LastIndexByte(body[:first], '\n') + 1)
			value = value[start:]
			locs = shiftLocations(locs, start)
		}
	}
	doc := document.NewDocument(dm.ID)
	doc.AddField(document.NewTextField(fieldBody, nil, value))
	at := &search.DocumentMatch{ID: dm.ID, Locations: search.FieldTermLocationMap{fieldBody: locs}}
	return cleanSnippets(highlighter.BestFragmentsInField(at, doc, fieldBody, snippetsPerHit)), line
}

// shiftLocations returns the locations of locs at or after start, moved
// back by start.
func shiftLocations(locs search.TermLocationMap, start uint64) search.TermLocationMap {
	if start == 0 {
		return locs
	}
	out := search.TermLocationMap{}
	for term, ls := range locs {
		for _, l := range ls {
			if l.Start >= start {
				c := *l
				c.Start, c.End = l.Start-start, l.End-start
				out[term] = append(out[term], &c)
			}
		}
	}
	return out
}

// marks are what a search looked for in body_exact, which keeps no
// positions: words as typed (quoted phrases, stop words) and prefixes.
// Snippets find them by reading the body again.
type marks struct {
	words, prefixes []string
}

// locate returns where the words m marks are in body, a stored body. It
// tokenizes and folds each word as body_exact does, so it finds what the
// search matched there; a body is a few kilobytes and a page of results
// twenty of them.
func (m marks) locate(body []byte) search.TermLocationMap {
	if len(m.words) == 0 && len(m.prefixes) == 0 {
		return nil
	}
	out := search.TermLocationMap{}
	exact := exactChain()
	for i, s := range scanWords(body, nil) {
		term, ok := runChain(exact, body[s.start:s.end], s.typ)
		if !ok || !m.marked(string(term)) {
			continue
		}
		out[string(term)] = append(out[string(term)], &search.Location{
			Pos: uint64(i + 1), Start: uint64(s.start), End: uint64(s.end),
		})
	}
	return out
}

func (m marks) marked(term string) bool {
	if slices.Contains(m.words, term) {
		return true
	}
	return slices.ContainsFunc(m.prefixes, func(p string) bool { return strings.HasPrefix(term, p) })
}

// exactChain is the token filters of AnalyzerExact.
var exactChain = sync.OnceValue(func() []analysis.TokenFilter {
	return newAnalyzers(newIndexMapping()).exact.(*analysis.DefaultAnalyzer).TokenFilters
})

// mergeLocations adds the locations of from to into, skipping those already
// there (the same word matched stemmed and unstemmed).
func mergeLocations(into, from search.TermLocationMap) search.TermLocationMap {
	if into == nil {
		into = search.TermLocationMap{}
	}
	type span struct{ start, end uint64 }
	seen := map[span]bool{}
	for _, locs := range into {
		for _, l := range locs {
			seen[span{l.Start, l.End}] = true
		}
	}
	for term, locs := range from {
		for _, l := range locs {
			if !seen[span{l.Start, l.End}] {
				seen[span{l.Start, l.End}] = true
				into[term] = append(into[term], l)
			}
		}
	}
	return into
}

// markdownFormatter writes a fragment as one line of Markdown with the
// matched words in bold. Bodies are Markdown with line breaks, list bullets
// and bold of their own: white space is collapsed, existing "**" dropped
// (they would pair with ours), and a word cut in half at either end of the
// fragment is trimmed.
type markdownFormatter struct{}

func (markdownFormatter) Format(f *highlight.Fragment, locs highlight.TermLocations) string {
	// Only a fragment that starts or ends inside a word has a partial word.
	cutStart := f.Start > 0 && !spaceBefore(f.Orig, f.Start)
	cutEnd := f.End < len(f.Orig) && !spaceAt(f.Orig, f.End)

	// The matched spans, in order; "re" and "Invent" of "re:Invent", or the
	// words of a phrase, become one bold span.
	type span struct{ start, end int }
	var spans []span
	curr := f.Start
	for _, tl := range locs {
		if tl == nil || !tl.ArrayPositions.Equals(f.ArrayPositions) || tl.Start < curr {
			continue
		}
		if tl.End > f.End {
			break
		}
		if n := len(spans); n > 0 && joins(f.Orig[spans[n-1].end:tl.Start]) {
			spans[n-1].end = tl.End
		} else {
			spans = append(spans, span{tl.Start, tl.End})
		}
		curr = tl.End
	}

	var sb strings.Builder
	curr = f.Start
	for i, sp := range spans {
		before := string(f.Orig[curr:sp.start])
		if i == 0 && cutStart {
			before = trimPartialStart(before)
		}
		sb.WriteString(plain(before))
		sb.WriteString("**")
		sb.WriteString(plain(string(f.Orig[sp.start:sp.end])))
		sb.WriteString("**")
		curr = sp.end
	}
	rest := string(f.Orig[curr:f.End])
	if len(spans) == 0 && cutStart {
		rest = trimPartialStart(rest)
	}
	if cutEnd {
		rest = trimPartialEnd(rest)
	}
	sb.WriteString(plain(rest))
	return strings.TrimSpace(collapseSpace(sb.String()))
}

// joins reports whether the text between two matched words is short
// punctuation or a single space, so the two read as one bold span.
func joins(gap []byte) bool {
	if len(gap) > 2 {
		return false
	}
	for _, c := range gap {
		if strings.IndexByte(" :./-_'", c) < 0 {
			return false
		}
	}
	return true
}

// plain is text between highlights: its own bold markers are dropped.
func plain(s string) string {
	return strings.ReplaceAll(s, "**", "")
}

func spaceBefore(b []byte, i int) bool {
	r, _ := utf8.DecodeLastRune(b[:i])
	return unicode.IsSpace(r)
}

func spaceAt(b []byte, i int) bool {
	r, _ := utf8.DecodeRune(b[i:])
	return unicode.IsSpace(r)
}

// trimPartialStart drops the word the fragmenter cut into at the start.
func trimPartialStart(s string) string {
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[i:]
	}
	return s
}

// trimPartialEnd drops the word the fragmenter cut into at the end.
func trimPartialEnd(s string) string {
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// collapseSpace replaces every run of white space (newlines included) by
// one space.
func collapseSpace(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	if space {
		sb.WriteByte(' ')
	}
	return sb.String()
}

// cleanSnippets drops empty snippets (an empty body gives one, bare or
// between separators) and keeps at most snippetsPerHit.
func cleanSnippets(in []string) []string {
	var out []string
	for _, s := range in {
		if strings.TrimSpace(strings.Trim(s, snippetSep)) == "" {
			continue
		}
		out = append(out, s)
		if len(out) == snippetsPerHit {
			break
		}
	}
	return out
}
