package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	fragsimple "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	hlsimple "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
	index "github.com/blevesearch/bleve_index_api"
)

// Names of the highlighting pieces in bleve's registry.
const (
	// FormatterMarkdown is the fragment formatter that marks matched words
	// in Markdown bold, so glamour renders them and a pipe shows **word**.
	FormatterMarkdown = "notes_markdown"
	// HighlighterMarkdown is the highlighter Search uses: bleve's simple
	// highlighter with FormatterMarkdown and the fixes described on
	// markdownHighlighter.
	HighlighterMarkdown = "notes_markdown"
)

const (
	snippetsPerHit = 2
	snippetRunes   = 160
	// snippetSep marks text cut off before or after a snippet.
	snippetSep = "…"
)

func init() {
	if err := registry.RegisterFragmentFormatter(FormatterMarkdown, func(map[string]interface{}, *registry.Cache) (highlight.FragmentFormatter, error) {
		return markdownFormatter{}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterHighlighter(HighlighterMarkdown, func(_ map[string]interface{}, cache *registry.Cache) (highlight.Highlighter, error) {
		f, err := cache.FragmentFormatterNamed(FormatterMarkdown)
		if err != nil {
			return nil, err
		}
		return markdownHighlighter{hlsimple.NewHighlighter(fragsimple.NewFragmenter(snippetRunes), f, snippetSep)}, nil
	}); err != nil {
		panic(err)
	}
}

// exactCopy names, for a stored field, its unstemmed copy: matches found
// there (prefixes, phrases) share the stored text's byte offsets.
var exactCopy = map[string]string{
	fieldBody:  fieldBodyExact,
	fieldTitle: fieldTitleExact,
}

// markdownHighlighter is bleve's simple highlighter with two changes. A
// prefix or a quoted phrase matches in body_exact, which is not stored, so
// its locations are copied onto body (same text, same offsets) to be
// highlighted too. And bleve asks for one fragment per field; we want up to
// snippetsPerHit.
type markdownHighlighter struct {
	*hlsimple.Highlighter
}

func (h markdownHighlighter) BestFragmentsInField(dm *search.DocumentMatch, doc index.Document, field string, num int) []string {
	if exact, ok := exactCopy[field]; ok && dm.Locations != nil {
		if from := dm.Locations[exact]; len(from) > 0 {
			dm.Locations[field] = mergeLocations(dm.Locations[field], from)
		}
	}
	if num < snippetsPerHit {
		num = snippetsPerHit
	}
	return h.Highlighter.BestFragmentsInField(dm, doc, field, num)
}

// BestFragmentInField is BestFragmentsInField's first fragment; defined
// here so that it goes through the location merge too.
func (h markdownHighlighter) BestFragmentInField(dm *search.DocumentMatch, doc index.Document, field string) string {
	if frags := h.BestFragmentsInField(dm, doc, field, 1); len(frags) > 0 {
		return frags[0]
	}
	return ""
}

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
