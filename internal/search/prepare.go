package search

import (
	"runtime"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"
)

// Analysing talk bodies is most of the cost of indexing. A body is analysed
// twice, stemmed (body) and unstemmed (body_exact), and both analyses start
// with the same tokenizing; and every filter of both chains (lower-casing,
// apostrophes, elision, possessives, stop words, folding, stemming) maps
// one word to one term or none, whatever its neighbours. So a Preparer
// tokenizes a body once and looks each word up in a cache of what the two
// chains make of it, running the real filters only for words it has not
// seen yet. The result is exactly what the registered analyzers produce
// (TestPreparedMatchesAnalyzers), at a fraction of the cost, and the work
// runs wherever Prepare is called: in the import's parallel workers.

// Prepared is a talk body analysed ahead of indexing, by Prepare: the
// two fields of the body, ready for bleve.
type Prepared struct {
	text, exact *preparedField
}

// wordForms is what the two analyzer chains make of one word.
type wordForms struct {
	text, exact     []byte
	hasText, hasExa bool
}

// maxCachedWords bounds a Preparer's cache: the vocabulary of write-ups is
// a few hundred thousand words; past this the cache starts again.
const maxCachedWords = 1 << 18

// Prepare analyses body, a talk's body as stored in the database, for Put
// (Doc.Prepared). It is safe for concurrent use: the import's workers call
// it as they extract the posts.
func Prepare(body string) *Prepared {
	p := getPreparer()
	defer putPreparer(p)
	return p.Prepare(body)
}

// Preparer analyses talk bodies. It is not safe for concurrent use: each
// goroutine that prepares bodies has its own.
type Preparer struct {
	textFilters, exactFilters []analysis.TokenFilter
	cache                     map[string]wordForms
	spans                     []wordSpan // reused from body to body
}

// NewPreparer returns a Preparer using the index's analyzers.
func NewPreparer() *Preparer {
	an := newAnalyzers(newIndexMapping())
	return &Preparer{
		textFilters:  an.text.(*analysis.DefaultAnalyzer).TokenFilters,
		exactFilters: an.exact.(*analysis.DefaultAnalyzer).TokenFilters,
		cache:        map[string]wordForms{},
	}
}

// Prepare analyses body, a talk's body as stored in the database.
func (p *Preparer) Prepare(body string) *Prepared {
	body = readableBody(body)
	value := []byte(body)
	p.spans = scanWords(value, p.spans[:0])
	text := newPreparedField(fieldBody, value, bodyOptions, len(p.spans))
	exact := newPreparedField(fieldBodyExact, value, bodyExactOptions, len(p.spans))
	for i, s := range p.spans {
		f := p.forms(value[s.start:s.end], s.typ)
		if f.hasText {
			text.add(f.text, s.start, s.end, i+1)
		}
		if f.hasExa {
			exact.add(f.exact, s.start, s.end, i+1)
		}
	}
	text.size, exact.size = text.computeSize(), exact.computeSize()
	return &Prepared{text: text, exact: exact}
}

// forms returns what the chains make of word, from the cache or by running
// them. The terms returned are shared between documents: nothing after
// analysis writes to a term.
func (p *Preparer) forms(word []byte, typ analysis.TokenType) wordForms {
	if f, ok := p.cache[string(word)]; ok {
		return f
	}
	var f wordForms
	f.text, f.hasText = runChain(p.textFilters, word, typ)
	f.exact, f.hasExa = runChain(p.exactFilters, word, typ)
	if len(p.cache) >= maxCachedWords {
		clear(p.cache)
	}
	p.cache[string(word)] = f
	return f
}

// runChain runs filters over word alone and returns the term they leave,
// if any.
func runChain(filters []analysis.TokenFilter, word []byte, typ analysis.TokenType) ([]byte, bool) {
	stream := analysis.TokenStream{{Term: append([]byte(nil), word...), Start: 0, End: len(word), Position: 1, Type: typ}}
	for _, f := range filters {
		stream = f.Filter(stream)
	}
	if len(stream) != 1 {
		return nil, false
	}
	return append([]byte(nil), stream[0].Term...), true
}

// preparedField is a text field analysed beforehand: bleve's TextField
// computes its term frequencies in Analyze, this one has them already, as
// analysis.TokenFrequency would have computed them from the same tokens.
type preparedField struct {
	name   string
	value  []byte
	opts   index.FieldIndexingOptions
	length int
	freqs  index.TokenFrequencies
	locs   []index.TokenLocation // one allocation for every location
	size   int
}

func newPreparedField(name string, value []byte, opts index.FieldIndexingOptions, words int) *preparedField {
	f := &preparedField{name: name, value: value, opts: opts, freqs: make(index.TokenFrequencies, words/2)}
	if opts.IncludeTermVectors() {
		f.locs = make([]index.TokenLocation, 0, words)
	}
	return f
}

// add counts one occurrence of term.
func (f *preparedField) add(term []byte, start, end, pos int) {
	f.length++
	tf, ok := f.freqs[string(term)]
	if !ok {
		tf = &index.TokenFreq{Term: term}
		f.freqs[string(term)] = tf
	}
	if f.opts.IncludeTermVectors() {
		f.locs = append(f.locs, index.TokenLocation{Start: start, End: end, Position: pos})
		tf.Locations = append(tf.Locations, &f.locs[len(f.locs)-1])
	}
	if !f.opts.SkipFreqNorm() {
		tf.SetFrequency(tf.Frequency() + 1)
	}
}

func (f *preparedField) Name() string                        { return f.name }
func (f *preparedField) ArrayPositions() []uint64            { return nil }
func (f *preparedField) Options() index.FieldIndexingOptions { return f.opts }
func (f *preparedField) Analyze()                            {}
func (f *preparedField) Value() []byte                       { return f.value }
func (f *preparedField) NumPlainTextBytes() uint64           { return uint64(len(f.value)) }
func (f *preparedField) EncodedFieldType() byte              { return 't' }
func (f *preparedField) AnalyzedLength() int                 { return f.length }
func (f *preparedField) AnalyzedTokenFrequencies() index.TokenFrequencies {
	return f.freqs
}

// Size is the memory the field holds, for bleve's accounting: computed
// once, by the worker that prepared it.
func (f *preparedField) Size() int { return f.size }

func (f *preparedField) computeSize() int {
	return 64 + len(f.name) + len(f.value) + f.freqs.Size()
}

// idlePreparers keeps the Preparers of earlier Put calls, with their
// caches, for the next ones.
var idlePreparers = struct {
	sync.Mutex
	list []*Preparer
}{}

func getPreparer() *Preparer {
	idlePreparers.Lock()
	defer idlePreparers.Unlock()
	if n := len(idlePreparers.list); n > 0 {
		p := idlePreparers.list[n-1]
		idlePreparers.list = idlePreparers.list[:n-1]
		return p
	}
	return NewPreparer()
}

func putPreparer(p *Preparer) {
	idlePreparers.Lock()
	idlePreparers.list = append(idlePreparers.list, p)
	idlePreparers.Unlock()
}

// PrepareDocs analyses the bodies of docs that were not prepared, on every
// CPU, so that Put has only bleve's part left: a rebuild prepares the next
// batch while the last one is written.
func PrepareDocs(docs []Doc) { prepareAll(docs) }

// prepareAll prepares the bodies of docs that were not prepared, on every
// CPU: a rebuild indexes bodies read back from the database.
func prepareAll(docs []Doc) {
	var todo []int
	for i := range docs {
		if docs[i].Prepared == nil {
			todo = append(todo, i)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), (len(todo)+63)/64)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := getPreparer()
			defer putPreparer(p)
			for k := w; k < len(todo); k += workers {
				d := &docs[todo[k]]
				d.Prepared = p.Prepare(d.Body)
			}
		}()
	}
	wg.Wait()
}
