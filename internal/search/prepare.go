package search

import (
	"runtime"
	"sync"
	"unsafe"

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
//
// The cache gives terms as small integer ids (interned: one id per distinct
// term, whichever words and chain it comes from), so that counting a body's
// terms is indexing slices, not hashing strings; each field's map of term
// frequencies is then built once per distinct term, with one allocation
// for all its TokenFreqs and one for all its locations, rather than one
// per term and append growth: 63,000 allocations for the sample posts
// became about 1,300, and Prepare takes 40% less time (BenchmarkPrepare).

// Prepared is a talk body analysed ahead of indexing, by Prepare: the
// two fields of the body, ready for bleve.
type Prepared struct {
	text, exact *preparedField
}

// termID is an interned term: an index in Preparer.terms.
type termID int32

// noTerm is the termID of a word a chain drops (a stop word, say).
const noTerm termID = -1

// wordTerms is what the two analyzer chains make of one word.
type wordTerms struct{ text, exact termID }

// internedTerm is a term in the two forms bleve wants: the key of the
// frequencies map and TokenFreq.Term. Both are shared by every document
// that has the term, and never written to.
type internedTerm struct {
	key   string
	bytes []byte
}

// maxCachedWords bounds a Preparer's cache: the vocabulary of write-ups is
// a few hundred thousand words; past this the cache starts again, before
// a body whose words might not fit (the term ids must stay the same for
// the whole of a body), so it holds at most max(maxCachedWords, the words
// of one body) words, and twice as many terms.
const maxCachedWords = 1 << 18

// Prepare analyses body, a talk's body as stored in the database, for Put
// (Doc.Prepared). It is safe for concurrent use: the import's workers call
// it as they extract the posts.
func Prepare(body string) *Prepared {
	return PrepareReadable(readableBody(body))
}

// PrepareReadable is Prepare of a body already made readable (Readable):
// the import reads each body once for the index and for the post's text.
func PrepareReadable(readable string) *Prepared {
	p := getPreparer()
	defer putPreparer(p)
	return p.prepare(readable)
}

// Preparer analyses talk bodies. It is not safe for concurrent use: each
// goroutine that prepares bodies has its own.
type Preparer struct {
	textFilters, exactFilters []analysis.TokenFilter
	cache                     map[string]wordTerms // word → its terms
	ids                       map[string]termID    // term → id, for cache misses
	terms                     []internedTerm       // id → term

	// Reused from body to body.
	spans       []wordSpan
	text, exact termCounter
}

// NewPreparer returns a Preparer using the index's analyzers.
func NewPreparer() *Preparer {
	an := newAnalyzers(newIndexMapping())
	return &Preparer{
		textFilters:  an.text.(*analysis.DefaultAnalyzer).TokenFilters,
		exactFilters: an.exact.(*analysis.DefaultAnalyzer).TokenFilters,
		cache:        map[string]wordTerms{},
		ids:          map[string]termID{},
	}
}

// Prepare analyses body, a talk's body as stored in the database.
func (p *Preparer) Prepare(body string) *Prepared {
	return p.prepare(readableBody(body))
}

// prepare analyses a body already made readable.
func (p *Preparer) prepare(body string) *Prepared {
	value := []byte(body)
	p.spans = scanWords(value, p.spans[:0])
	if len(p.cache)+len(p.spans) > maxCachedWords {
		p.reset() // now, not halfway through the body: see maxCachedWords
	}
	textVectors, exactVectors := bodyOptions.IncludeTermVectors(), bodyExactOptions.IncludeTermVectors()
	for i, s := range p.spans {
		w := p.forms(value[s.start:s.end], s.typ)
		if w.text != noTerm {
			p.text.add(w.text, i, textVectors)
		}
		if w.exact != noTerm {
			p.exact.add(w.exact, i, exactVectors)
		}
	}
	return &Prepared{
		text:  p.text.build(p, fieldBody, value, bodyOptions),
		exact: p.exact.build(p, fieldBodyExact, value, bodyExactOptions),
	}
}

// forms returns what the chains make of word, from the cache or by running
// them.
func (p *Preparer) forms(word []byte, typ analysis.TokenType) wordTerms {
	if w, ok := p.cache[string(word)]; ok {
		return w
	}
	w := wordTerms{
		text:  p.intern(runChain(p.textFilters, word, typ)),
		exact: p.intern(runChain(p.exactFilters, word, typ)),
	}
	p.cache[string(word)] = w
	return w
}

// intern returns the id of term, giving it one if it has none; noTerm if
// the chain left no term (ok false). term must not be written to after.
func (p *Preparer) intern(term []byte, ok bool) termID {
	if !ok {
		return noTerm
	}
	if id, ok := p.ids[string(term)]; ok {
		return id
	}
	id := termID(len(p.terms))
	key := string(term)
	p.ids[key] = id
	p.terms = append(p.terms, internedTerm{key: key, bytes: term})
	p.text.slot = append(p.text.slot, 0)
	p.exact.slot = append(p.exact.slot, 0)
	return id
}

// reset empties the cache, and with it the term ids: only between bodies.
// The terms stay alive as long as prepared bodies use them.
func (p *Preparer) reset() {
	clear(p.cache)
	clear(p.ids)
	clear(p.terms) // drop the references, for the collector
	p.terms = p.terms[:0]
	// Every slot is 0 between bodies (build resets those it used).
	p.text.slot, p.exact.slot = p.text.slot[:0], p.exact.slot[:0]
}

// runChain runs filters over word alone and returns the term they leave,
// if any, in memory of its own.
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

// termCounter counts the terms of one field of the body being prepared,
// in slices indexed by term id rather than in a map keyed by term.
type termCounter struct {
	// slot is, for every term id, 1 + the term's index in uniq if the body
	// has it so far, else 0. build puts back the 0s it changed, so there is
	// nothing to clear between bodies.
	slot  []int32
	uniq  []termID // the body's terms, in order of first occurrence
	count []int32  // occurrences of uniq[k]
	// tokens are the body's tokens in order, when the field keeps their
	// locations: the index in uniq of the token's term and its word.
	tokens []tokenRef
}

// tokenRef is a token of a field keeping locations. int32s, since there are
// many: a body would need more than 4 GB to have 2³¹ words.
type tokenRef struct{ term, word int32 }

// add counts one occurrence of term id, the term of the body's word'th
// word.
func (c *termCounter) add(id termID, word int, vectors bool) {
	s := c.slot[id]
	if s == 0 {
		c.uniq = append(c.uniq, id)
		c.count = append(c.count, 0)
		s = int32(len(c.uniq))
		c.slot[id] = s
	}
	c.count[s-1]++
	if vectors {
		c.tokens = append(c.tokens, tokenRef{term: s - 1, word: int32(word)})
	}
}

// build returns the field of the terms counted, as analysis.TokenFrequency
// would have computed them from the same tokens, and makes c ready for the
// next body.
func (c *termCounter) build(p *Preparer, name string, value []byte, opts index.FieldIndexingOptions) *preparedField {
	f := &preparedField{name: name, value: value, opts: opts, freqs: make(index.TokenFrequencies, len(c.uniq))}
	// One allocation for every term: they live as long as the document.
	tfs := make([]index.TokenFreq, len(c.uniq))
	termBytes := 0
	for k, id := range c.uniq {
		t := &p.terms[id]
		tf := &tfs[k]
		tf.Term = t.bytes
		if !opts.SkipFreqNorm() {
			tf.SetFrequency(int(c.count[k]))
		}
		f.freqs[t.key] = tf
		f.length += int(c.count[k])
		termBytes += len(t.key)
		c.slot[id] = 0
	}
	if opts.IncludeTermVectors() {
		// One array of locations for the body, and one of pointers, each
		// term's Locations a slice of it, in the order of the tokens, as
		// TokenFrequency appends them; its capacity ends where the next
		// term's begins, so that an append cannot overwrite those. And
		// count[k] becomes where the next location of uniq[k] goes.
		locs := make([]index.TokenLocation, len(c.tokens))
		ptrs := make([]*index.TokenLocation, len(c.tokens))
		next := int32(0)
		for k, n := range c.count {
			tfs[k].Locations = ptrs[next : next+n : next+n]
			c.count[k] = next
			next += n
		}
		for _, t := range c.tokens {
			j := c.count[t.term]
			c.count[t.term]++
			s := p.spans[t.word]
			locs[j] = index.TokenLocation{Start: s.start, End: s.end, Position: int(t.word) + 1}
			ptrs[j] = &locs[j]
		}
	}
	f.size = f.computeSize(len(c.uniq), termBytes, len(c.tokens))
	c.uniq, c.count, c.tokens = c.uniq[:0], c.count[:0], c.tokens[:0]
	return f
}

// preparedField is a text field analysed beforehand: bleve's TextField
// computes its term frequencies in Analyze, this one has them already.
type preparedField struct {
	name   string
	value  []byte
	opts   index.FieldIndexingOptions
	length int
	freqs  index.TokenFrequencies
	size   int
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

// computeSize is 64 + len(name) + len(value) + freqs.Size(), without
// walking the map and every location again (a tenth of Prepare's time):
// freqs.Size() counts the map's header, a key and a pointer per term, the
// bytes of each term twice (key and Term), a TokenFreq per term and a
// TokenLocation per location (with no ArrayPositions). checkPrepared
// compares the two, should bleve count otherwise.
func (f *preparedField) computeSize(terms, termBytes, locations int) int {
	const (
		sizeOfMap      = int(unsafe.Sizeof(index.TokenFrequencies(nil)))
		sizeOfEntry    = int(unsafe.Sizeof("") + unsafe.Sizeof((*index.TokenFreq)(nil)))
		sizeOfFreq     = int(unsafe.Sizeof(index.TokenFreq{}))
		sizeOfLocation = int(unsafe.Sizeof(index.TokenLocation{}))
	)
	return 64 + len(f.name) + len(f.value) +
		sizeOfMap + terms*(sizeOfEntry+sizeOfFreq) + 2*termBytes + locations*sizeOfLocation
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
// CPU. Put does it for the docs it gets; a rebuild calls it itself, to
// prepare the next batch while the last one is written.
func PrepareDocs(docs []Doc) {
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
