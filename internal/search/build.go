package search

import (
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// boosted is a field searched by a free-text word, with its weight. Title
// and speaker matches must outrank a passing mention in a long body.
type boosted struct {
	field string
	boost float64
	exact bool // analysed with AnalyzerExact (else AnalyzerText)
}

// wordFields are searched by a plain word. The *_exact copies add a little
// to talks that use the very form typed ("conteneurs" over "conteneur").
var wordFields = []boosted{
	{fieldTitle, 4, false},
	{fieldTitleExact, 1, true},
	{fieldSpeakers, 3, true},
	{fieldCompanies, 2, true},
	{fieldServices, 2, true},
	{fieldEventWords, 1, true},
	{fieldNoteAuthors, 0.5, true},
	{fieldBody, 1, false},
	{fieldBodyExact, 0.25, true},
}

// exactFields are searched by prefixes and quoted phrases, which must not
// be stemmed: "kubernetes*" has to match "kubernetes", whose stem is shorter.
var exactFields = []boosted{
	{fieldTitleExact, 4, true},
	{fieldSpeakers, 3, true},
	{fieldCompanies, 2, true},
	{fieldServices, 2, true},
	{fieldEventWords, 1, true},
	{fieldNoteAuthors, 0.5, true},
	{fieldBodyExact, 1, true},
}

// nameFields are the fields behind speaker:, company: and service:.
var nameFields = map[string]string{
	"speaker": fieldSpeakers,
	"company": fieldCompanies,
	"service": fieldServices,
}

// minPrefix is the shortest prefix searched as a prefix. One letter is
// enough: "b*" used to be searched as the word "b" (finding nothing, while
// "a*" found the French word "a"; issue 13, item 9). What a short prefix
// costs is bounded by MaxPrefixWords instead, and a prefix past that bound
// is refused with a message asking for more letters.
const minPrefix = 1

// builder turns a parsed query into a bleve query. It analyses words itself
// (with the index's analyzers) so that it can tell a stop word or a lone
// punctuation mark, which must be ignored, from a word that matches nothing,
// which must make the AND fail.
type builder struct {
	an analyzers
	// weak is set for a second pass when the whole query is stop words
	// ("the who", "AI" is a French stop word): they are then searched on
	// the unstemmed fields, which keep stop words, instead of finding nothing.
	weak    bool
	sawWeak bool
	// marks collects what the body's snippets must show in bold that the
	// stemmed body cannot locate: body_exact keeps no positions.
	marks marks
	// negated is set while building the inside of a NOT: what it searches
	// is not shown in bold.
	negated bool
	// prefixes bounds the words the query's prefixes stand for; its err
	// is the QueryError of a query past the bound.
	prefixes prefixBudget
}

// buildQuery returns the bleve query for n, and false when n holds nothing
// searchable (only punctuation, or nothing at all).
func (b *builder) buildQuery(n Node) (query.Query, bool) {
	q := b.build(n)
	if q == nil && b.sawWeak {
		b.weak = true
		b.prefixes.reset()
		q = b.build(n)
	}
	return q, q != nil
}

// build returns the query for n, or nil when n has nothing to search for.
func (b *builder) build(n Node) query.Query {
	switch n := n.(type) {
	case *Term:
		return b.term(n.Text)
	case *Prefix:
		return b.prefix(n.Text)
	case *Phrase:
		return b.phrase(n.Text, exactFields)
	case *Field:
		return b.field(n)
	case *Not:
		inner := b.buildNegated(n.Node)
		if inner == nil {
			return nil
		}
		return except(query.NewMatchAllQuery(), []query.Query{inner})
	case *Or:
		var qs []query.Query
		for _, c := range n.Nodes {
			if q := b.build(c); q != nil {
				qs = append(qs, q)
			}
		}
		return disjunction(qs)
	case *And:
		var must, mustNot []query.Query
		for _, c := range n.Nodes {
			if not, ok := c.(*Not); ok {
				if q := b.buildNegated(not.Node); q != nil {
					mustNot = append(mustNot, q)
				}
				continue
			}
			if q := b.build(c); q != nil {
				must = append(must, q)
			}
		}
		switch {
		case len(mustNot) > 0 && len(must) == 0:
			return except(query.NewMatchAllQuery(), mustNot)
		case len(mustNot) > 0:
			return except(query.NewConjunctionQuery(must), mustNot)
		case len(must) == 1:
			return must[0]
		case len(must) > 1:
			return query.NewConjunctionQuery(must)
		}
	}
	return nil
}

// buildNegated builds n, the inside of a NOT.
func (b *builder) buildNegated(n Node) query.Query {
	was := b.negated
	b.negated = true
	defer func() { b.negated = was }()
	return b.build(n)
}

// except is must AND NOT (any of mustNot). The must part is always a
// conjunction: bleve replaces a lone must that analyses to nothing with
// "match all", which would turn an exclusion into a widening.
func except(must query.Query, mustNot []query.Query) query.Query {
	bq := query.NewBooleanQuery(nil, nil, nil)
	bq.AddMust(must)
	bq.AddMustNot(mustNot...)
	return bq
}

func disjunction(qs []query.Query) query.Query {
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// term searches a plain word on every field, weighted, and its synonyms
// (synonymGroups) as well.
func (b *builder) term(text string) query.Query {
	q := b.word(text)
	syns := synonyms(text)
	if q == nil || len(syns) == 0 {
		return q
	}
	qs := []query.Query{q}
	for _, s := range syns {
		if sq := b.word(s); sq != nil {
			qs = append(qs, sq)
		}
	}
	return disjunction(qs)
}

// word searches a plain word (or the words of a synonym, as a phrase) on
// every field, weighted.
func (b *builder) word(text string) query.Query {
	stemmed := terms(b.an.text, text)
	exact := terms(b.an.exact, text)
	if len(exact) == 0 {
		return nil // punctuation only ("+", "—")
	}
	if len(stemmed) == 0 {
		// Only stop words.
		b.sawWeak = true
		if !b.weak {
			return nil
		}
		return b.phrase(text, exactFields)
	}
	qs := make([]query.Query, 0, len(wordFields))
	for _, f := range wordFields {
		toks := stemmed
		if f.exact {
			toks = exact
		}
		qs = append(qs, b.match(text, toks, f))
	}
	return disjunction(qs)
}

// match is the query for text whose analysis in field f gave toks: a term
// query for a single token, a phrase (bleve keeps the gaps left by stop
// words) for "CI/CD" or "l'AWS re:Invent".
func (b *builder) match(text string, toks []string, f boosted) query.Query {
	if f.field == fieldBodyExact {
		return b.bodyExact(text, toks, f.boost)
	}
	if len(toks) == 1 {
		q := query.NewTermQuery(toks[0])
		q.SetField(f.field)
		q.SetBoost(f.boost)
		return q
	}
	q := query.NewMatchPhraseQuery(text)
	q.SetField(f.field)
	q.SetBoost(f.boost)
	if f.exact {
		q.Analyzer = AnalyzerExact
	} else {
		q.Analyzer = AnalyzerText
	}
	return q
}

// bodyExact searches text, whose unstemmed analysis gave toks, in the body
// as typed. body_exact keeps no positions (they were an eighth of the CPU
// of an import, and nothing but phrases read them), so a phrase is
// matched on the stemmed body, which keeps them, and each of its words
// must also be in body_exact: "Storage Gateway" finds the two words side
// by side and as typed. A phrase of stop words only ("the who"), which
// the stemmed body does not hold, is matched as words anywhere in the body.
func (b *builder) bodyExact(text string, toks []string, boost float64) query.Query {
	qs := make([]query.Query, 0, len(toks)+1)
	for _, t := range toks {
		q := query.NewTermQuery(t)
		q.SetField(fieldBodyExact)
		q.SetBoost(boost)
		qs = append(qs, q)
	}
	if len(toks) > 1 {
		if stemmed := terms(b.an.text, text); len(stemmed) > 0 {
			qs = append(qs, b.match(text, stemmed, boosted{fieldBody, boost, false}))
		}
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

func isBodyExact(f boosted) bool { return f.field == fieldBodyExact }

// phrase searches text, unstemmed, as a phrase on fields.
func (b *builder) phrase(text string, fields []boosted) query.Query {
	toks := terms(b.an.exact, text)
	if len(toks) == 0 {
		return nil
	}
	if !b.negated && slices.ContainsFunc(fields, isBodyExact) &&
		(len(toks) == 1 || len(terms(b.an.text, text)) == 0) {
		// Snippets take their bold from positions. A phrase of several
		// words has those of the stemmed body (bodyExact); a single word
		// or stop words alone are only in body_exact, which keeps no
		// positions: they are marked, and found again in the snippets.
		b.marks.words = append(b.marks.words, toks...)
	}
	qs := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		qs = append(qs, b.match(text, toks, f))
	}
	return disjunction(qs)
}

// prefix searches the words starting with text. Prefixes are matched on the
// unstemmed, folded fields, so "évén*" and "even*" both find "événements".
func (b *builder) prefix(text string) query.Query {
	return b.prefixOn(text, exactFields, b.term)
}

// prefixOn searches a prefix on fields, or falls back to plain (a word
// searched as typed) when the prefix is too short or is several words.
func (b *builder) prefixOn(text string, fields []boosted, plain func(string) query.Query) query.Query {
	toks := terms(b.an.exact, text)
	if len(toks) != 1 || len([]rune(toks[0])) < minPrefix {
		return plain(text)
	}
	if !b.negated && slices.ContainsFunc(fields, isBodyExact) {
		b.marks.prefixes = append(b.marks.prefixes, toks[0])
	}
	qs := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		b.prefixes.spend(f.field, toks[0])
		q := query.NewPrefixQuery(toks[0])
		q.SetField(f.field)
		q.SetBoost(f.boost)
		qs = append(qs, q)
	}
	return disjunction(qs)
}

// field builds title:, speaker:, company:, service:, event:, year: and kind:.
func (b *builder) field(n *Field) query.Query {
	switch n.Name {
	case "title":
		title := []boosted{{fieldTitle, 1, false}, {fieldTitleExact, 0.25, true}}
		titleExact := []boosted{{fieldTitleExact, 1, true}}
		switch v := n.Value.(type) {
		case *Term:
			stemmed := terms(b.an.text, v.Text)
			if len(stemmed) == 0 {
				return b.phrase(v.Text, titleExact)
			}
			exact := terms(b.an.exact, v.Text)
			return disjunction([]query.Query{b.match(v.Text, stemmed, title[0]), b.match(v.Text, exact, title[1])})
		case *Prefix:
			return b.prefixOn(v.Text, titleExact, func(s string) query.Query { return b.phrase(s, titleExact) })
		case *Phrase:
			return b.phrase(v.Text, titleExact)
		}
	case "speaker", "company", "service":
		fields := []boosted{{nameFields[n.Name], 1, true}}
		if v, ok := n.Value.(*Prefix); ok {
			return b.prefixOn(v.Text, fields, func(s string) query.Query { return b.phrase(s, fields) })
		}
		return b.phrase(atomText(n.Value), fields)
	case "event":
		_, isPrefix := n.Value.(*Prefix)
		words := terms(b.an.exact, atomText(n.Value))
		if isPrefix && len(words) > 0 && len([]rune(words[len(words)-1])) >= minPrefix {
			b.prefixes.spend(fieldEventWords, words[len(words)-1])
		}
		return eventWords(words, isPrefix)
	case "year":
		y, err := strconv.Atoi(atomText(n.Value))
		if err != nil {
			return nil
		}
		return yearQuery(y)
	case "kind":
		return b.keyQuery(fieldKind, atomText(n.Value))
	}
	return nil
}

// eventWords matches every word in any order against the words naming a
// talk's event (name, series, city, year); the last one may be a prefix.
func eventWords(words []string, lastIsPrefix bool) query.Query {
	if len(words) == 0 {
		return nil
	}
	qs := make([]query.Query, 0, len(words))
	for i, w := range words {
		if lastIsPrefix && i == len(words)-1 && len([]rune(w)) >= minPrefix {
			q := query.NewPrefixQuery(w)
			q.SetField(fieldEventWords)
			qs = append(qs, q)
			continue
		}
		q := query.NewTermQuery(w)
		q.SetField(fieldEventWords)
		qs = append(qs, q)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

func yearQuery(y int) query.Query {
	v := float64(y)
	incl := true
	q := query.NewNumericRangeInclusiveQuery(&v, &v, &incl, &incl)
	q.SetField(fieldYear)
	return q
}

// keyQuery compares a whole value, ignoring case and accents.
func (b *builder) keyQuery(field, value string) query.Query {
	toks := terms(b.an.key, squeeze(value))
	if len(toks) != 1 {
		return nil
	}
	q := query.NewTermQuery(toks[0])
	q.SetField(field)
	return q
}

// filters is the conjunction of the set filters, or nil when none is set.
// A filter whose value has nothing to compare (an event of punctuation)
// matches nothing: a filter must never widen a search.
func (b *builder) filters(f Filters) query.Query {
	var qs []query.Query
	if strings.TrimSpace(f.Event) != "" {
		q := eventWords(terms(b.an.exact, f.Event), false)
		if q == nil {
			q = bleve.NewMatchNoneQuery()
		}
		qs = append(qs, q)
	}
	if f.Year != 0 {
		qs = append(qs, yearQuery(f.Year))
	}
	for _, kv := range []struct{ field, value string }{
		{fieldSpeakerKey, f.Speaker},
		{fieldCompanyKey, f.Company},
		{fieldServiceKey, f.Service},
		{fieldKind, f.Kind},
	} {
		if strings.TrimSpace(kv.value) == "" {
			continue
		}
		q := b.keyQuery(kv.field, kv.value)
		if q == nil {
			q = bleve.NewMatchNoneQuery()
		}
		qs = append(qs, q)
	}
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}
