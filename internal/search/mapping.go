package search

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// mappingVersion is recorded in every index. Bump it whenever the mapping or
// an analyzer changes: an index built the old way would silently answer
// differently, so opening it reports ErrOutdated and the CLI rebuilds it.
const mappingVersion = "6"

// Field names in the index. The free-text fields come in two flavours:
// stemmed (title, body) for ordinary words, and *_exact (folded and
// lower-cased only) for prefixes and quoted phrases.
const (
	fieldTitle       = "title"
	fieldTitleExact  = "title_exact"
	fieldBody        = "body"
	fieldBodyExact   = "body_exact"
	fieldSpeakers    = "speakers"
	fieldSpeakerKey  = "speaker_key"
	fieldCompanies   = "companies"
	fieldCompanyKey  = "company_key"
	fieldServices    = "services"
	fieldServiceKey  = "service_key"
	fieldEventWords  = "event_words"
	fieldYear        = "year"
	fieldKind        = "kind"
	fieldNoteAuthors = "note_authors"
	// fieldDocType is "talk" or "post" (issue 15).
	fieldDocType = "doctype"
)

// newIndexMapping describes one talk document. The mapping is static: a
// field not declared here is not indexed at all, so nothing silently falls
// back to bleve's "standard" analyzer.
func newIndexMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = AnalyzerText
	im.ScoringModel = index.BM25Scoring
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	doc := bleve.NewDocumentStaticMapping()
	doc.DefaultAnalyzer = AnalyzerText
	add := func(property string, fms ...*mapping.FieldMapping) {
		doc.AddFieldMappingsAt(property, fms...)
	}
	add("title",
		text(fieldTitle, AnalyzerText, false),
		text(fieldTitleExact, AnalyzerExact, false))
	// Only the body is stored: it is what snippets are cut from. Its
	// fields are built from prepared analyses (addBody), not by the
	// mapping; they are declared here for the record and for queries.
	add("body", bodyField(), bodyExactField())
	add("speakers",
		text(fieldSpeakers, AnalyzerExact, false),
		key(fieldSpeakerKey))
	add("companies",
		text(fieldCompanies, AnalyzerExact, false),
		key(fieldCompanyKey))
	add("services",
		text(fieldServices, AnalyzerExact, false),
		key(fieldServiceKey))
	add("event_words", text(fieldEventWords, AnalyzerExact, false))
	add("kind", key(fieldKind))
	add("doctype", keyword(fieldDocType))
	add("note_authors", text(fieldNoteAuthors, AnalyzerExact, false))

	year := bleve.NewNumericFieldMapping()
	year.Name = fieldYear
	year.IncludeInAll = false
	year.DocValues = false
	add("year", year)

	// No "_all" field: every query names its fields, and the body fields,
	// added outside the mapping, would otherwise be copied into it.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	im.DefaultMapping = doc
	return im
}

// The two fields of a talk's body, and their indexing options.
func bodyField() *mapping.FieldMapping { return text(fieldBody, AnalyzerText, true) }

// body_exact keeps no positions: they were an eighth of an import's CPU
// (4.3 s → 3.8 s on 1,000 generated posts), and phrases and snippets get
// theirs from the stemmed body (builder.bodyExact, marks).
func bodyExactField() *mapping.FieldMapping {
	fm := text(fieldBodyExact, AnalyzerExact, false)
	fm.IncludeTermVectors = false
	return fm
}

var (
	bodyOptions      = bodyField().Options()
	bodyExactOptions = bodyExactField().Options()
)

// addBody adds the body fields of p to doc.
func addBody(doc *document.Document, p *Prepared) {
	doc.AddField(p.text)
	doc.AddField(p.exact)
}

// text is an analyzed field. Term vectors (positions) are kept on the text
// fields, body_exact aside: phrases ("CI/CD" is a two-word phrase) and
// highlighting need them.
func text(name, analyzer string, store bool) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Name = name
	fm.Analyzer = analyzer
	fm.Store = store
	fm.IncludeTermVectors = true
	fm.IncludeInAll = false
	fm.DocValues = false
	return fm
}

// keyword is a whole, unanalysed value, exactly as the database holds it.
func keyword(name string) *mapping.FieldMapping {
	fm := bleve.NewKeywordFieldMapping()
	fm.Name = name
	fm.Store = false
	fm.IncludeTermVectors = false
	fm.IncludeInAll = false
	fm.DocValues = false
	return fm
}

// key is a whole value lower-cased and folded, for filters that ignore case
// and accents but still compare whole values ("Amazon EKS", not "eks").
func key(name string) *mapping.FieldMapping {
	fm := keyword(name)
	fm.Analyzer = AnalyzerKey
	return fm
}

// indexDoc is the document bleve indexes for d. Whitespace inside names is
// squeezed so that filter values typed with stray spaces still compare equal.
func indexDoc(d Doc) map[string]interface{} {
	typ := docTalk
	if d.Post {
		typ = docPost
	}
	m := map[string]interface{}{
		"doctype":      typ,
		"title":        d.Title,
		"speakers":     squeezeAll(d.Speakers),
		"companies":    squeezeAll(d.Companies),
		"services":     squeezeAll(d.Services),
		"note_authors": squeezeAll(d.NoteAuthors),
		"kind":         squeeze(d.Kind),
	}
	// The event filter matches words in any order against everything that
	// names the event, so "AWS Summit 2022" finds "AWS Summit Paris 2022".
	words := []string{d.Event, d.EventSeries, d.City}
	if d.Year != 0 {
		m["year"] = float64(d.Year)
		words = append(words, strconv.Itoa(d.Year))
	}
	if w := squeeze(strings.Join(words, " ")); w != "" {
		m["event_words"] = w
	}
	return m
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

func squeezeAll(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if s = squeeze(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// analyzers resolves the three analyzers once; query building needs them to
// decide, before bleve does, whether a word is a stop word or punctuation.
type analyzers struct {
	text, exact, key analysis.Analyzer
}

func newAnalyzers(m mapping.IndexMapping) analyzers {
	return analyzers{
		text:  m.AnalyzerNamed(AnalyzerText),
		exact: m.AnalyzerNamed(AnalyzerExact),
		key:   m.AnalyzerNamed(AnalyzerKey),
	}
}

// terms returns the terms a analyzes s into.
func terms(a analysis.Analyzer, s string) []string {
	toks := a.Analyze([]byte(s))
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = string(t.Term)
	}
	return out
}

var (
	reMdImage = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	reMdLink  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
)

// readableBody turns a Markdown body into the text a reader sees: link
// targets and image paths are dropped, so a word is never found (and
// highlighted) inside a URL, which would break the link in a snippet.
func readableBody(md string) string {
	if !strings.Contains(md, "](") {
		return md
	}
	md = reMdImage.ReplaceAllString(md, "$1")
	return reMdLink.ReplaceAllString(md, "$1")
}
