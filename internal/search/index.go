// Package search keeps the full-text index over talks: a Bleve (scorch)
// index beside the SQLite database, derived from it and rebuildable at any
// time. It owns the analysis (French and English, accent- and
// case-insensitive, lightly stemmed), the mapping, the user query syntax
// (parsed here, never handed to Bleve's query-string parser) and the
// Markdown snippets of search results.
package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Doc is one talk or post as indexed. ID is the talk's SQLite id; a post
// (Post set) is indexed under the id its caller gives it, which must not
// be a talk's (the knowledge base uses minus the source's id). A post has
// no title, speakers, companies, note authors or kind: filters on those
// keep posts out.
type Doc struct {
	ID          int64
	Post        bool
	Title, Body string
	// Prepared is Body analysed beforehand (Preparer.Prepare(Body)), or
	// nil: Put analyses it then.
	Prepared                                   *Prepared
	Speakers, Companies, Services, NoteAuthors []string
	Event, EventSeries, City                   string
	Year                                       int
	Kind                                       string
}

// Filters narrow a search; zero values are unset. Event matches its words,
// in any order, against the event's name, series, city and year; the others
// compare whole values, ignoring case and accents.
type Filters struct {
	Event                           string
	Year                            int
	Speaker, Company, Service, Kind string
	// TalksOnly keeps post hits out, as Speaker, Company and Kind do.
	TalksOnly bool
}

// Hit is one talk or post found by Search, best first. Snippets are
// one-line Markdown excerpts of the body with the matched words in
// **bold**. Line is the 1-based line of the body where the first match
// is, 0 when the match is not in the body (a title, a speaker).
type Hit struct {
	ID       int64
	Post     bool
	Score    float64
	Snippets []string
	Line     int
}

// Result is what Search found: the hits it returns, and how many talks
// and posts matched in all, whatever the limit.
type Result struct {
	Hits                 []Hit
	TalkTotal, PostTotal int
}

// Total is the number of talks and posts that matched.
func (r Result) Total() int { return r.TalkTotal + r.PostTotal }

// DefaultLimit is the number of hits notes search shows unless told.
const DefaultLimit = 20

// writeConfig is the scorch configuration of an index opened for writing.
func writeConfig() map[string]interface{} {
	return map[string]interface{}{
		"bolt_timeout": writeTimeout.String(),
		// Read over bleve's defaults (a struct with a func field is not
		// JSON, which is how scorch reads its options).
		"scorchMergePlanOptions": map[string]any{"MaxSegmentsPerTier": mergePlan.MaxSegmentsPerTier},
	}
}

// mergePlan is how segments are merged, in the background while an index
// is open for writing and by Compact: bleve's tiered policy, with up to 20
// segments of a size instead of 10. An import writes a segment per batch,
// and merging them was nearly as costly as writing them (1.1 s of the 6 s
// of CPU of importing 1,000 generated posts). Importing 10,000 posts took
// 38.5 s instead of 41.2 s, peak memory 666 MiB instead of 755, and left
// 14 segments instead of 12, which searches read in the same time
// (/usr/bin/time; hyperfine -N -r 30).
var mergePlan = func() mergeplan.MergePlanOptions {
	o := mergeplan.DefaultMergePlanOptions
	o.MaxSegmentsPerTier = 20
	return o
}()

// writeTimeout bounds how long a writer waits for the index lock held by
// another writer (or a long search) before reporting ErrBusy.
const writeTimeout = 10 * time.Second

// Keys of the values stored beside the documents with SetInternal.
var (
	keyState   = []byte("notes:state")
	keyMapping = []byte("notes:mapping")
)

var (
	// ErrNoIndex is returned by OpenReadOnly when there is no index yet:
	// the CLI says to import or reindex rather than failing obscurely.
	ErrNoIndex = errors.New("search: no index")
	// ErrBusy is returned when the index stays locked by another process
	// (an import) for longer than the timeout.
	ErrBusy = errors.New("search: index is busy (an import may be running)")
	// ErrOutdated is returned when the index was built with another mapping
	// or analyzer version: it must be rebuilt from the database.
	ErrOutdated = errors.New("search: index was built by another version of notes and must be rebuilt")
	// ErrReadOnly is returned by writes to an index opened with OpenReadOnly.
	ErrReadOnly = errors.New("search: index is open read-only")
)

// Index is the talk index. It is safe for concurrent use.
type Index struct {
	bi       bleve.Index
	an       analyzers
	readOnly bool
}

// Create makes a new, empty index at path. It fails if path exists: it
// never removes anything.
func Create(path string) (*Index, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("search: create %s: %w", path, os.ErrExist)
	}
	m := newIndexMapping()
	bi, err := bleve.NewUsing(path, m, scorch.Name, bleve.Config.DefaultKVStore, writeConfig())
	if err != nil {
		return nil, fmt.Errorf("search: create %s: %w", path, err)
	}
	if err := bi.SetInternal(keyMapping, []byte(mappingVersion)); err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("search: create %s: %w", path, err)
	}
	return &Index{bi: bi, an: newAnalyzers(m)}, nil
}

// Open opens the index at path for reading and writing, creating it when
// missing.
func Open(path string) (*Index, error) {
	bi, err := bleve.OpenUsing(path, writeConfig())
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		return Create(path)
	}
	if err != nil {
		return nil, openError(path, err)
	}
	return checked(bi, false)
}

// OpenReadOnly opens the index at path for searching. It waits at most
// timeout for a writer to release the index, then returns ErrBusy, so a
// search during an import neither hangs nor touches the files.
func OpenReadOnly(path string, timeout time.Duration) (*Index, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoIndex
	}
	bi, err := bleve.OpenUsing(path, map[string]interface{}{
		"read_only":    true,
		"bolt_timeout": timeout.String(),
	})
	if err != nil {
		if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) || errors.Is(err, bleve.ErrorIndexMetaMissing) {
			return nil, ErrNoIndex
		}
		return nil, openError(path, err)
	}
	return checked(bi, true)
}

func openError(path string, err error) error {
	if errors.Is(err, bolterrors.ErrTimeout) {
		return ErrBusy
	}
	return fmt.Errorf("search: open %s: %w", path, err)
}

// checked wraps an opened bleve index after making sure it was built with
// the current mapping.
func checked(bi bleve.Index, readOnly bool) (*Index, error) {
	v, err := bi.GetInternal(keyMapping)
	if err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("search: %w", err)
	}
	if string(v) != mappingVersion {
		_ = bi.Close()
		return nil, ErrOutdated
	}
	return &Index{bi: bi, an: newAnalyzers(bi.Mapping()), readOnly: readOnly}, nil
}

// newMemIndex is an in-memory index, for tests and fuzzing.
func newMemIndex() (*Index, error) {
	m := newIndexMapping()
	bi, err := bleve.NewMemOnly(m)
	if err != nil {
		return nil, err
	}
	return &Index{bi: bi, an: newAnalyzers(m)}, nil
}

// Put indexes docs, replacing any talk with the same ID, in one batch: the
// caller sends a few hundred at a time.
func (ix *Index) Put(docs []Doc) error { return ix.Apply(nil, docs) }

// Delete removes talks from the index, in one batch. Unknown ids are fine.
func (ix *Index) Delete(ids []int64) error { return ix.Apply(ids, nil) }

// Apply removes the documents deletes names and indexes docs (a document
// in both is indexed) in one batch, so one segment: an import's talks,
// posts and deletions written as three batches gave the merger three
// segments for one.
func (ix *Index) Apply(deletes []int64, docs []Doc) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	if len(docs)+len(deletes) == 0 {
		return nil
	}
	docs = slices.Clone(docs) // Prepared is filled in below
	PrepareDocs(docs)
	batch := ix.bi.NewBatch()
	for _, id := range deletes {
		batch.Delete(docID(id))
	}
	for _, d := range docs {
		doc, err := ix.document(d)
		if err == nil {
			err = batch.IndexAdvanced(doc)
		}
		if err != nil {
			return fmt.Errorf("search: index talk %d: %w", d.ID, err)
		}
	}
	if err := ix.bi.Batch(batch); err != nil {
		return fmt.Errorf("search: index %d talks and delete %d: %w", len(docs), len(deletes), err)
	}
	return nil
}

// document is the bleve document of d. The mapping maps every field but
// the body, whose two analysed fields come from d.Prepared.
func (ix *Index) document(d Doc) (*document.Document, error) {
	doc := document.NewDocument(docID(d.ID))
	if err := ix.bi.Mapping().MapDocument(doc, indexDoc(d)); err != nil {
		return nil, err
	}
	addBody(doc, d.Prepared)
	return doc, nil
}

// SetState records which database state the index reflects (a generation
// counter, say), so a stale index can be detected and rebuilt. Set it after
// the last Put of an import.
func (ix *Index) SetState(state string) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	if err := ix.bi.SetInternal(keyState, []byte(state)); err != nil {
		return fmt.Errorf("search: set state: %w", err)
	}
	return nil
}

// State returns what SetState last recorded, "" if never set.
func (ix *Index) State() (string, error) {
	v, err := ix.bi.GetInternal(keyState)
	if err != nil {
		return "", fmt.Errorf("search: state: %w", err)
	}
	return string(v), nil
}

// Count returns the number of talks in the index.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("search: count: %w", err)
	}
	return n, nil
}

// Close releases the index and its lock.
func (ix *Index) Close() error {
	return ix.bi.Close()
}

// Search runs a query in the syntax ParseQuery reads, narrowed by f, and
// returns at most limit hits (every match when limit <= 0), best first.
// An empty query lists the talks the filters select; a query with nothing
// searchable in it (only punctuation) finds nothing. What the user typed
// is never a syntax error; a query past the bounds of CheckQuery, or whose
// prefixes stand for more than MaxPrefixWords words, is a *QueryError.
func (ix *Index) Search(q string, f Filters, limit int) ([]Hit, error) {
	r, err := ix.SearchAll(q, f, limit)
	return r.Hits, err
}

// SearchAll is Search, with the number of matches past the limit. Talks
// come first, best first, then posts, best first: a post hit is the
// fallback for words no talk holds, and a post holds the words of its
// talks too (kb indexes only its other lines, but a word can be in both).
// Filters on speakers, companies or kinds select talks only; an empty
// query lists talks only.
func (ix *Index) SearchAll(q string, f Filters, limit int) (Result, error) {
	return ix.searchAll(q, f, limit, true)
}

// SearchTop is SearchAll without the count of what matched past limit:
// when the talks fill it, the posts are not searched (PostTotal is 0).
// Each search reads every document that matches, so for a common word on
// 10,000 posts this is a search saved.
func (ix *Index) SearchTop(q string, f Filters, limit int) (Result, error) {
	return ix.searchAll(q, f, limit, false)
}

func (ix *Index) searchAll(q string, f Filters, limit int, count bool) (Result, error) {
	var r Result
	if limit <= 0 {
		n, err := ix.bi.DocCount()
		if err != nil {
			return r, fmt.Errorf("search: %w", err)
		}
		limit = max(1, int(n))
	}
	if err := CheckQuery(q); err != nil {
		return r, err
	}
	b := builder{an: ix.an, prefixes: prefixBudget{count: ix.countPrefix}}
	main, ok := b.buildQuery(ParseQuery(q))
	if b.prefixes.err != nil {
		return r, b.prefixes.err
	}
	empty := false
	if !ok {
		if strings.TrimSpace(q) != "" {
			r.Hits = []Hit{}
			return r, nil
		}
		main, empty = query.NewMatchAllQuery(), true
	}
	talks, total, err := ix.search(main, b, f, docTalk, limit)
	if err != nil {
		return r, err
	}
	r.Hits, r.TalkTotal = talks, total
	if empty || f.Speaker != "" || f.Company != "" || f.Kind != "" || f.TalksOnly || !count && len(talks) >= limit {
		return r, nil
	}
	posts, total, err := ix.search(main, b, f, docPost, max(0, limit-len(talks)))
	if err != nil {
		return r, err
	}
	r.Hits, r.PostTotal = append(r.Hits, posts...), total
	return r, nil
}

// Document types, in the doctype field.
const (
	docTalk = "talk"
	docPost = "post"
)

// search runs main over the documents of type typ narrowed by f, and
// returns the best limit hits and how many matched.
func (ix *Index) search(main query.Query, b builder, f Filters, typ string, limit int) ([]Hit, int, error) {
	top := query.NewBooleanQuery(nil, nil, nil)
	top.AddMust(main)
	// Filters, not musts: they select documents without changing scores.
	filter := query.NewBooleanQuery(nil, nil, nil)
	tq := query.NewTermQuery(typ)
	tq.SetField(fieldDocType)
	filter.AddMust(tq)
	if fq := b.filters(f); fq != nil {
		filter.AddMust(fq)
	}
	top.AddFilter(filter)

	req := bleve.NewSearchRequestOptions(top, limit, 0, false)
	// Sorted by score alone: a tie-break on "_id" made bleve load the id
	// of every matching talk (a third of a common word's search time on
	// 10,000 posts). Equal scores are put in id order below; which of them
	// make the cut at the limit follows bleve's internal order, which is
	// the same from one search to the next.
	req.SortBy([]string{"-_score"})
	// Snippets are cut below, from the stored body and the positions of
	// what matched, plus what b marked in body_exact.
	req.Fields = []string{fieldBody}
	req.IncludeLocations = true

	res, err := ix.bi.Search(req)
	if err != nil {
		return nil, 0, searchError(ix.bi.Name(), err)
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		id, err := strconv.ParseInt(h.ID, 10, 64)
		if err != nil {
			continue // not ours: nothing else is indexed, but be safe
		}
		body, _ := h.Fields[fieldBody].(string)
		snips, line := snippets(h, body, b.marks, typ == docPost)
		hits = append(hits, Hit{ID: id, Post: typ == docPost, Score: h.Score, Snippets: snips, Line: line})
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return hits, int(res.Total), nil
}

// searchError is err from bleve's Search, with what to do when there is
// something: an index whose hits name documents it cannot load said
// "search: index read inconsistency detected" and nothing else, though
// rebuilding it fixes it (issue 13, item 8).
func searchError(path string, err error) error {
	if errors.Is(err, bleve.ErrorIndexReadInconsistency) {
		if path != "" {
			path = " " + path
		}
		return fmt.Errorf("search: %w: the search index%s is damaged; run 'notes reindex' to rebuild it from the database", err, path)
	}
	return fmt.Errorf("search: %w", err)
}

// countPrefix counts the words of field that start with prefix, up to
// limit.
func (ix *Index) countPrefix(field, prefix string, limit int) (int, error) {
	d, err := ix.bi.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return 0, err
	}
	defer d.Close()
	n := 0
	for n < limit {
		e, err := d.Next()
		if err != nil {
			return n, err
		}
		if e == nil {
			break
		}
		n++
	}
	return n, nil
}

// docID is the bleve document id of a talk.
func docID(id int64) string { return strconv.FormatInt(id, 10) }

// maxCompactRounds bounds Compact: each round merges what the tiered policy
// asks for at that point; a few rounds bring any import to a stable shape.
const maxCompactRounds = 8

// Compact merges the index's segments the way bleve's background merger
// would, and waits for it. An import writes each batch as a segment of its
// own and closes the index in between (so that searches can read it
// meanwhile), which leaves the merger no time: without this, 10,000 posts
// left 166 segments, and every search visits each one.
func (ix *Index) Compact(ctx context.Context) error {
	return ix.compact(ctx, mergePlan)
}

// compact merges with the policy opts until a round merges nothing.
func (ix *Index) compact(ctx context.Context, opts mergeplan.MergePlanOptions) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	adv, err := ix.bi.Advanced()
	if err != nil {
		return fmt.Errorf("search: compact: %w", err)
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil // an in-memory index: nothing to merge
	}
	for range maxCompactRounds {
		before := ix.Segments()
		if err := sc.ForceMerge(ctx, &opts); err != nil {
			return fmt.Errorf("search: compact: %w", err)
		}
		if ix.Segments() >= before {
			break
		}
	}
	return nil
}

// Segments is the number of segments the index is made of, for tests and
// benchmarks.
func (ix *Index) Segments() int {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return 0
	}
	if sc, ok := adv.(*scorch.Scorch); ok {
		return int(atomic.LoadUint64(&sc.Stats().(*scorch.Stats).TotFileSegmentsAtRoot))
	}
	return 0
}
