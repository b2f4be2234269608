package kb

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// DefaultSearchLimit is how many hits a search shows unless told.
const DefaultSearchLimit = search.DefaultLimit

// searchOpenTimeout is how long a search waits for an import holding the
// index before giving up.
const searchOpenTimeout = 2 * time.Second

// SearchTop is SearchAll whose Total counts only what it had to read:
// when the talks fill the limit, posts are not searched (a second pass
// over every document a common word matches), for callers that do not
// show how many matched in all.
func (k *KB) SearchTop(ctx context.Context, query string, f core.TalkFilter, report func(Event)) (SearchResult, error) {
	return k.search(ctx, query, f, report, searchTop)
}

// What a search is for.
const (
	searchCount     = iota // the hits and how many matched in all
	searchTop              // the hits only
	searchTalksOnly        // the talk hits only
)

// SearchResult is what a search found: the hits shown, talks first then
// posts, and how many matched in all, whatever the limit.
type SearchResult struct {
	Hits  []core.Hit
	Total int
}

// SearchAll runs query over the index, narrowed by the filter f (its
// Limit caps the hits), and fills the hits from the database. The index is
// rebuilt first when it is missing or stale (see openIndexForSearch);
// report hears of that. Hits of talks or posts deleted since they were
// indexed are left out. Hits is never nil.
func (k *KB) SearchAll(ctx context.Context, query string, f core.TalkFilter, report func(Event)) (SearchResult, error) {
	return k.search(ctx, query, f, report, searchCount)
}

func (k *KB) search(ctx context.Context, query string, f core.TalkFilter, report func(Event), mode int) (SearchResult, error) {
	out := SearchResult{Hits: []core.Hit{}}
	if report == nil {
		report = func(Event) {}
	}
	idx, err := k.openIndexForSearch(ctx, report)
	if err != nil {
		return out, err
	}
	sf := search.Filters{
		Event:     f.Event,
		Year:      f.Year,
		Speaker:   f.Speaker,
		Company:   f.Company,
		Service:   f.Service,
		Kind:      f.Kind,
		TalksOnly: mode == searchTalksOnly,
	}
	var res search.Result
	if mode == searchCount {
		res, err = idx.SearchAll(query, sf, f.Limit)
	} else {
		res, err = idx.SearchTop(query, sf, f.Limit)
	}
	// Closed before the hits are shown: a reader in a pager must not keep
	// an import from writing to the index.
	idx.Close()
	if err != nil {
		return out, err
	}
	out.Total = res.Total()
	if len(res.Hits) == 0 {
		return out, nil
	}
	var talkIDs, postIDs []int64
	for _, h := range res.Hits {
		if h.Post {
			postIDs = append(postIDs, -h.ID)
		} else {
			talkIDs = append(talkIDs, h.ID)
		}
	}
	byID := map[int64]core.TalkRecord{}
	if len(talkIDs) > 0 {
		talks, err := k.db.Talks(ctx, core.TalkFilter{IDs: talkIDs})
		if err != nil {
			return out, dbError(err)
		}
		for _, t := range talks {
			byID[t.ID] = t
		}
	}
	posts := map[int64]store.PostDoc{}
	if len(postIDs) > 0 {
		docs, err := k.db.PostDocs(ctx, postIDs, false)
		if err != nil {
			return out, dbError(err)
		}
		for _, p := range docs {
			posts[postDocID(p.SourceID)] = p
		}
	}
	for _, h := range res.Hits {
		snippets := h.Snippets
		if snippets == nil {
			snippets = []string{}
		}
		if h.Post {
			p, ok := posts[h.ID]
			if !ok {
				out.Total--
				continue // removed from the database since it was indexed
			}
			out.Hits = append(out.Hits, core.Hit{Type: core.HitPost, Post: postHit(p, h.Line), Score: h.Score, Snippets: snippets})
			continue
		}
		t, ok := byID[h.ID]
		if !ok {
			out.Total--
			continue // removed from the database since it was indexed
		}
		out.Hits = append(out.Hits, core.Hit{Type: core.HitTalk, Talk: t, Score: h.Score, Snippets: snippets})
	}
	return out, nil
}

// searchLockWait is how long a search that must rebuild the index waits
// for another notes updating it. A variable for tests.
var searchLockWait = 2 * time.Second

// openIndexForSearch opens the index read-only. It is rebuilt first when
// it is missing, unreadable, built by another version of notes, or
// reflects an older state of the database than the current one — unless
// another notes (an import) is updating it: then a readable index answers
// as it is (EventIndexBusy: it may miss the latest changes), and an
// unreadable one is reported busy. A readable index that cannot be rebuilt
// (a full disk, a folder that cannot be written) answers as it is too
// (EventIndexStale). A search never waits more than a few
// seconds for another notes, and never writes to an index another notes is
// writing.
func (k *KB) openIndexForSearch(ctx context.Context, report func(Event)) (*search.Index, error) {
	db, path := k.db, k.indexPath
	gen, err := db.Generation(ctx)
	if err != nil {
		return nil, dbError(err)
	}
	if err := checkIndexFolder(path); err != nil {
		return nil, err // not "missing: rebuilding…", which then fails
	}
	idx, err := search.OpenReadOnly(path, searchOpenTimeout)
	why := ""
	switch {
	case err == nil:
		state, serr := idx.State()
		if serr == nil && state == strconv.FormatInt(gen, 10) {
			return idx, nil
		}
		why = "out of date"
		if serr != nil {
			idx.Close()
			idx, why = nil, "unreadable"
		}
	case errors.Is(err, search.ErrNoIndex):
		why = "missing"
	case errors.Is(err, search.ErrOutdated):
		why = "from another version of notes"
	case errors.Is(err, search.ErrBusy):
		why = "busy"
	default:
		why = "unreadable"
	}

	// Only one notes at a time rebuilds the index or writes to it. With a
	// readable index in hand, a search does not wait for the lock: an
	// import holds it for minutes, better answer from the index now.
	wait := searchLockWait
	if idx != nil {
		wait = 0
	}
	lock, lerr := lockIndex(path, wait)
	if lerr != nil {
		switch {
		case idx != nil && errors.Is(lerr, ErrIndexLocked):
			report(Event{Kind: EventIndexBusy})
			return idx, nil
		case idx != nil:
			// No lock to be had (a folder that cannot be written): the
			// index cannot be rebuilt, but it can be read (issue 13, item 7).
			report(Event{Kind: EventIndexStale, Err: lerr})
			return idx, nil
		case errors.Is(lerr, ErrIndexLocked) || why == "busy":
			return nil, errors.New("search index is busy (an import is running?): try again in a moment")
		}
		return nil, fmt.Errorf("search index %s is %s and cannot be rebuilt: %w", path, why, lerr)
	}
	defer lock.release()
	readable := idx != nil
	if idx != nil {
		idx.Close()
	}
	// Another notes may have rebuilt the index while this one waited.
	if gen, err = db.Generation(ctx); err != nil {
		return nil, dbError(err)
	}
	if idx, err := search.OpenReadOnly(path, searchOpenTimeout); err == nil {
		if state, err := idx.State(); err == nil && state == strconv.FormatInt(gen, 10) {
			return idx, nil
		}
		idx.Close()
	}
	report(Event{Kind: EventRebuilding, Text: why})
	n, err := rebuildIndex(ctx, db, path)
	if err != nil {
		// A rebuild that fails (a full disk) leaves the index as it was:
		// answer from it rather than not at all (issue 13, item 7).
		if readable && ctx.Err() == nil {
			if old, oerr := search.OpenReadOnly(path, searchOpenTimeout); oerr == nil {
				report(Event{Kind: EventIndexStale, Err: err})
				return old, nil
			}
		}
		return nil, fmt.Errorf("rebuild search index: %w", err)
	}
	report(Event{Kind: EventIndexed, Done: n})
	idx, err = search.OpenReadOnly(path, searchOpenTimeout)
	if err != nil {
		return nil, fmt.Errorf("open rebuilt search index: %w", err)
	}
	return idx, nil
}

// QueryError is a query refused for its size or shape: a usage error.
type QueryError = search.QueryError

// CheckQuery refuses a query past the bounds (terms, length) before any
// index is opened or rebuilt.
func CheckQuery(q string) error { return search.CheckQuery(q) }
