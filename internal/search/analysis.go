package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names under which the analysis pieces are registered with bleve's global
// registry. The index mapping stored on disk refers to them by name, so they
// must never be renamed without bumping mappingVersion.
const (
	// AnalyzerText is the default analyzer: French and English prose,
	// lower-cased, elided, stop words removed, accent-folded and lightly
	// stemmed.
	AnalyzerText = "notes_text"
	// AnalyzerExact is the unstemmed analyzer behind the *_exact fields and
	// the name fields (speakers, companies, services, event words): words are
	// lower-cased, elided and folded but kept whole, so prefixes and quoted
	// phrases match what the user typed.
	AnalyzerExact = "notes_exact"
	// AnalyzerKey turns a whole value ("Amazon EKS") into one lower-cased,
	// folded token ("amazon eks") for case- and accent-insensitive filters.
	AnalyzerKey = "notes_key"

	tokenizerName       = "notes_unicode"
	normalizeFilterName = "notes_normalize"
	foldFilterName      = "notes_fold"
	stopFilterName      = "notes_stop"
	elidedStopName      = "notes_elided_stop"
	stopWordsName       = "notes_stop_words"
)

// keptStopWords are words of bleve's French stop list that are also real
// words people search for: "été" is "summer" as much as "been", and a
// conference write-up about "l'été 2023" must be findable.
var keptStopWords = []string{"été", "étée", "étées", "étés"}

func init() {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(registry.RegisterTokenizer(tokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return newTokenizer(), nil
	}))
	must(registry.RegisterTokenFilter(normalizeFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return normalizeFilter{}, nil
	}))
	must(registry.RegisterTokenFilter(foldFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	}))
	must(registry.RegisterTokenMap(stopWordsName, stopWordsConstructor))
	must(registry.RegisterTokenFilter(stopFilterName, func(_ map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
		words, err := cache.TokenMapNamed(stopWordsName)
		if err != nil {
			return nil, err
		}
		return stop.NewStopTokensFilter(words), nil
	}))
	must(registry.RegisterTokenFilter(elidedStopName, func(_ map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
		articles, err := cache.TokenMapNamed(fr.ArticlesName)
		if err != nil {
			return nil, err
		}
		words, err := cache.TokenMapNamed(stopWordsName)
		if err != nil {
			return nil, err
		}
		return elidedStopFilter{articles: articles, stops: words}, nil
	}))
	must(registry.RegisterAnalyzer(AnalyzerText, func(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
		// Order matters: elision and stop words need the accented,
		// apostrophe-normalised form ("l'", "été"); folding must come before
		// the stemmer so "evenements" and "événements" stem alike.
		return chain(cache, tokenizerName,
			lowercase.Name, normalizeFilterName, fr.ElisionName, en.PossessiveName,
			stopFilterName, foldFilterName, fr.LightStemmerName)
	}))
	must(registry.RegisterAnalyzer(AnalyzerExact, func(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
		return chain(cache, tokenizerName,
			elidedStopName, lowercase.Name, normalizeFilterName, fr.ElisionName, foldFilterName)
	}))
	must(registry.RegisterAnalyzer(AnalyzerKey, func(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
		return chain(cache, single.Name, lowercase.Name, normalizeFilterName, foldFilterName)
	}))
}

// chain builds an analyzer from registered pieces.
func chain(cache *registry.Cache, tokenizer string, filters ...string) (analysis.Analyzer, error) {
	tok, err := cache.TokenizerNamed(tokenizer)
	if err != nil {
		return nil, err
	}
	a := &analysis.DefaultAnalyzer{Tokenizer: tok}
	for _, name := range filters {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			return nil, err
		}
		a.TokenFilters = append(a.TokenFilters, f)
	}
	return a, nil
}

// stopWordsConstructor merges bleve's French and English stop lists: the
// write-ups mix both languages, often within a sentence.
func stopWordsConstructor(map[string]interface{}, *registry.Cache) (analysis.TokenMap, error) {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(fr.FrenchStopWords); err != nil {
		return nil, err
	}
	if err := m.LoadBytes(en.EnglishStopWords); err != nil {
		return nil, err
	}
	for _, w := range keptStopWords {
		delete(m, w)
	}
	return m, nil
}

// tokenizer splits text into words the way bleve's Unicode (UAX #29) word
// tokenizer does for the Latin-script text of write-ups, with one change:
// UAX #29 keeps "re:Invent" and "Node.js" as single words (':' and '.' join
// letters), so neither "invent" nor "node" would find them; here ':' and
// '.' split words, except '.' and ',' between digits ("2.0", "1,5").
// Apostrophes inside a word stay ("l'observabilité": the elision filter
// needs them), ideographs are one token each. It is written by hand
// because the UAX #29 segmenter was a tenth of an import's CPU time;
// TestTokenizerMatchesUnicode checks it against bleve's on the sample posts.
// Byte offsets are exact, for highlighting.
type tokenizer struct{}

func newTokenizer() tokenizer { return tokenizer{} }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || unicode.Is(unicode.Pc, r)
}

func (tokenizer) Tokenize(input []byte) analysis.TokenStream {
	spans := scanWords(input, make([]wordSpan, 0, len(input)/6))
	toks := make([]analysis.Token, len(spans))
	out := make(analysis.TokenStream, len(spans))
	for i, s := range spans {
		toks[i] = analysis.Token{Term: input[s.start:s.end], Start: s.start, End: s.end, Position: i + 1, Type: s.typ}
		out[i] = &toks[i]
	}
	return out
}

// wordSpan is one word of a text: its byte offsets and type.
type wordSpan struct {
	start, end int
	typ        analysis.TokenType
}

// scanWords appends the words of input to spans, in order: the tokenizer's
// words, without building tokens (Preparer builds its own).
func scanWords(input []byte, spans []wordSpan) []wordSpan {
	start := -1
	numeric := true
	emit := func(end int) {
		if start >= 0 && end > start {
			typ := analysis.AlphaNumeric
			if numeric {
				typ = analysis.Numeric
			}
			spans = append(spans, wordSpan{start, end, typ})
		}
		start = -1
		numeric = true
	}
	for i := 0; i < len(input); {
		if c := input[i]; c < utf8.RuneSelf {
			// ASCII fast path: the same decisions as below, without
			// decoding or Unicode tables.
			switch {
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_':
				if start < 0 {
					start = i
				}
				numeric = false
				i++
				continue
			case c >= '0' && c <= '9':
				if start < 0 {
					start = i
				}
				i++
				continue
			case c != '\'' && c != '.' && c != ',' || start < 0:
				emit(i)
				i++
				continue
			}
		}
		r, size := utf8.DecodeRune(input[i:])
		switch {
		case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			emit(i)
			spans = append(spans, wordSpan{i, i + size, analysis.Ideographic})
		case isWordRune(r):
			if start < 0 {
				start = i
			}
			if !unicode.IsDigit(r) {
				numeric = false
			}
		case start >= 0 && (r == '\'' || r == '’' || r == '·' || r == '.' || r == ','):
			// A joiner stays inside a word only between two word runes:
			// letters for apostrophes, digits for '.' and ','.
			prev, _ := utf8.DecodeLastRune(input[start:i])
			next, _ := utf8.DecodeRune(input[i+size:])
			join := false
			if r == '\'' || r == '’' || r == '·' {
				// '·' joins French inclusive writing: "ingénieur·es".
				join = unicode.IsLetter(prev) && unicode.IsLetter(next)
			} else {
				join = unicode.IsDigit(prev) && unicode.IsDigit(next)
			}
			if !join {
				emit(i)
			}
		default:
			emit(i)
		}
		i += size
	}
	emit(len(input))
	return spans
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// elidedStopFilter drops the elided forms of stop words written in lower
// case ("j'ai", "n'est", "qu'il") from the unstemmed fields, which keep stop
// words for queries made of nothing else. Elided, they would leave "ai",
// "est", "il": a search for AI, the acronym, found every "j'ai" of French
// prose. "l'AI Act" keeps its AI: the word after the apostrophe is not in
// lower case. It runs first, while the case is still the writer's.
type elidedStopFilter struct {
	articles, stops analysis.TokenMap
}

func (f elidedStopFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, tok := range input {
		if !f.elidedStop(tok.Term) {
			out = append(out, tok)
		}
	}
	return out
}

// elidedStop reports whether term is an article, an apostrophe and a stop
// word in lower case.
func (f elidedStopFilter) elidedStop(term []byte) bool {
	for i := 0; i < len(term); {
		r, size := utf8.DecodeRune(term[i:])
		if !isApostrophe(r) {
			i += size
			continue
		}
		article, rest := term[:i], term[i+size:]
		if len(article) == 0 || !f.articles[strings.ToLower(string(article))] {
			return false
		}
		return len(rest) > 0 && isLowerWord(rest) && f.stops[string(rest)]
	}
	return false
}

// isApostrophe is true of "'" and of the apostrophes normalizeFilter maps
// to it.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', '`', '´':
		return true
	}
	return false
}

// isLowerWord reports whether word has no upper-case letter.
func isLowerWord(word []byte) bool {
	for _, r := range string(word) {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// normalizeFilter maps typographic apostrophes to ASCII ones (so the elision,
// possessive and stop filters see one form) and splits the œ/æ ligatures,
// which are spelling variants rather than accents ("cœur" = "coeur").
type normalizeFilter struct{}

func (normalizeFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if isASCII(tok.Term) {
			continue
		}
		var b []byte
		changed := false
		for i := 0; i < len(tok.Term); {
			r, size := utf8.DecodeRune(tok.Term[i:])
			var rep string
			switch {
			case r != '\'' && isApostrophe(r):
				rep = "'"
			case r == 'œ':
				rep = "oe"
			case r == 'Œ':
				rep = "OE"
			case r == 'æ':
				rep = "ae"
			case r == 'Æ':
				rep = "AE"
			}
			if rep != "" && !changed {
				changed = true
				b = append(make([]byte, 0, len(tok.Term)+2), tok.Term[:i]...)
			}
			if changed {
				if rep != "" {
					b = append(b, rep...)
				} else {
					b = append(b, tok.Term[i:i+size]...)
				}
			}
			i += size
		}
		if changed {
			// A fresh slice: tokenizers hand out terms that alias the
			// document's own bytes, which must not be rewritten.
			tok.Term = b
		}
	}
	return input
}

// foldFilter removes diacritics from a token ("événement" → "evenement").
// It is a token filter, not bleve's asciifolding char filter, because char
// filters rewrite the text before tokenizing and so shift the byte offsets
// that highlighting relies on. Tokens that fold to nothing are dropped.
type foldFilter struct{}

func (foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, tok := range input {
		if !isASCII(tok.Term) {
			tok.Term = fold(tok.Term)
		}
		if len(tok.Term) > 0 {
			out = append(out, tok)
		}
	}
	return out
}

// fold removes diacritics and splits ligatures; case is kept.
func fold(term []byte) []byte {
	b := make([]byte, 0, len(term))
	for i := 0; i < len(term); {
		r, size := utf8.DecodeRune(term[i:])
		i += size
		switch {
		case r < utf8.RuneSelf:
			b = append(b, byte(r))
		case unicode.Is(unicode.Mn, r):
			// combining accent of a decomposed (NFD) letter: drop it
		default:
			if rep, ok := foldTable[r]; ok {
				b = append(b, rep...)
			} else {
				b = utf8.AppendRune(b, r)
			}
		}
	}
	return b
}

// foldTable maps precomposed Latin letters (Latin-1 Supplement and Latin
// Extended-A/B) to their ASCII base letters. Generated from the Unicode
// canonical decompositions, plus the letters that have none (ø, ß, ł, œ…).
var foldTable = func() map[rune]string {
	const (
		from = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ"
		to   = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYy"
	)
	m := map[rune]string{
		'Æ': "AE", 'æ': "ae", 'Œ': "OE", 'œ': "oe", 'Ø': "O", 'ø': "o",
		'ß': "ss", 'Ð': "D", 'ð': "d", 'Þ': "TH", 'þ': "th", 'Đ': "D",
		'đ': "d", 'Ħ': "H", 'ħ': "h", 'ı': "i", 'Ł': "L", 'ł': "l",
		'Ŀ': "L", 'ŀ': "l", 'Ĳ': "IJ", 'ĳ': "ij",
	}
	src, dst := []rune(from), []rune(to)
	for i := range src {
		m[src[i]] = string(dst[i])
	}
	return m
}()

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
