package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/render"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// searchOpenTimeout is how long a search waits for an import holding the
// index before giving up.
const searchOpenTimeout = 2 * time.Second

// SearchOptions are the inputs of "notes search".
type SearchOptions struct {
	IO        *render.IO
	Store     func() (*store.DB, error)
	IndexPath func() string

	Query  string
	Filter core.TalkFilter
	JSON   bool
}

// searchResult is one hit of "notes search --json".
type searchResult struct {
	Talk     core.TalkRecord `json:"talk"`
	Score    float64         `json:"score"`
	Snippets []string        `json:"snippets"`
}

func newCmdSearch(f *Factory) *cobra.Command {
	opts := &SearchOptions{IO: f.IO, Store: f.ExistingStore, IndexPath: f.IndexPath}
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "search <query>... [--event <words>] [--year <n>] [--speaker <name>] [--service <name>]",
		Short: "Search the talks",
		Long: `Search the titles, notes, speakers, companies, services and events of the
talks, best matches first, with highlighted snippets.

Words are AND-ed; OR between words widens, -word excludes, "a phrase"
matches words in order, field:value searches one field (title, speaker,
company, service, event…), kube* matches a prefix. Case and accents are
ignored and French and English words are stemmed. The filters narrow the
hits without changing their order.

The search index is rebuilt first when it is missing or older than the
database. On a terminal the hits are rendered Markdown; in a pipe they are
the Markdown itself; --json prints an array of {talk, score, snippets}.`,
		Example: `  notes search karpenter
  notes search "event driven" OR eventbridge --year 2023
  notes search lambda -java --event "AWS Summit Paris"
  notes search speaker:doe --json`,
		Args: minimumArgs(1, "the query"),
		RunE: func(cmd *cobra.Command, args []string) error {
			filter, err := ff.talkFilter()
			if err != nil {
				return err
			}
			opts.Query = strings.Join(args, " ")
			// A query past the bounds is refused before the index is
			// opened, or rebuilt (issue 13, item 3).
			if err := search.CheckQuery(opts.Query); err != nil {
				return &UsageError{Err: err}
			}
			opts.Filter = filter
			opts.JSON = jsonFlag(cmd)
			return runSearch(cmd.Context(), opts)
		},
	}
	addFilterFlags(cmd, f, &ff, flagEvent, flagYear, flagSpeaker, flagCompany, flagService, flagKind, flagLimit)
	// Searches show the best matches: 20 unless told (0 shows them all).
	limit := cmd.Flags().Lookup(flagLimit)
	limit.DefValue = strconv.Itoa(search.DefaultLimit)
	_ = limit.Value.Set(limit.DefValue)
	return cmd
}

func runSearch(ctx context.Context, opts *SearchOptions) error {
	db, err := opts.Store()
	if err != nil {
		return err
	}
	idx, err := openSearchIndex(ctx, db, opts.IndexPath(), opts.IO)
	if err != nil {
		return err
	}
	f := opts.Filter
	hits, err := idx.Search(opts.Query, search.Filters{
		Event:   f.Event,
		Year:    f.Year,
		Speaker: f.Speaker,
		Company: f.Company,
		Service: f.Service,
		Kind:    f.Kind,
	}, f.Limit)
	// Closed before the hits are shown: a reader in a pager must not keep
	// an import from writing to the index.
	idx.Close()
	var queryErr *search.QueryError
	if errors.As(err, &queryErr) {
		return &UsageError{Err: err}
	}
	if err != nil {
		return err
	}
	results := []searchResult{}
	if len(hits) > 0 {
		ids := make([]int64, len(hits))
		for i, h := range hits {
			ids[i] = h.ID
		}
		talks, err := db.Talks(ctx, core.TalkFilter{IDs: ids})
		if err != nil {
			return dbError(err)
		}
		byID := make(map[int64]core.TalkRecord, len(talks))
		for _, t := range talks {
			byID[t.ID] = t
		}
		for _, h := range hits {
			t, ok := byID[h.ID]
			if !ok {
				continue // removed from the database since it was indexed
			}
			snippets := h.Snippets
			if snippets == nil {
				snippets = []string{}
			}
			results = append(results, searchResult{Talk: t, Score: h.Score, Snippets: snippets})
		}
	}
	if opts.JSON {
		return render.JSON(opts.IO.Out, results)
	}
	if len(results) == 0 {
		noMatch(opts.IO, "talks")
		return nil
	}
	return render.Markdown(opts.IO, searchPage(results))
}

// searchLockWait is how long a search that must rebuild the index waits
// for another notes updating it. A variable for tests.
var searchLockWait = 2 * time.Second

// openSearchIndex opens the index read-only. It is rebuilt first when it
// is missing, unreadable, built by another version of notes, or reflects
// an older state of the database than the current one — unless another
// notes (an import) is updating it: then a readable index answers as it
// is, with a note that it may miss the latest changes, and an unreadable
// one is reported busy. A search never waits more than a few seconds for
// another notes, and never writes to an index another notes is writing.
func openSearchIndex(ctx context.Context, db *store.DB, path string, s *render.IO) (*search.Index, error) {
	gen, err := db.Generation(ctx)
	if err != nil {
		return nil, dbError(err)
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
		if idx != nil {
			fmt.Fprintln(s.Err, "notes: the search index is being updated by another notes (an import?): results may miss its latest changes")
			return idx, nil
		}
		if errors.Is(lerr, errIndexLocked) || why == "busy" {
			return nil, errors.New("search index is busy (an import is running?): try again in a moment")
		}
		return nil, lerr
	}
	defer lock.release()
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
	// Said in a pipe too: a rebuild is work the user should know about
	// (the issue asks a stale search to say so), on stderr.
	fmt.Fprintf(s.Err, "search index %s: rebuilding…\n", why)
	n, err := rebuildIndex(ctx, db, path)
	if err != nil {
		return nil, fmt.Errorf("rebuild search index: %w", err)
	}
	if s.ErrTerminal {
		fmt.Fprintf(s.Err, "indexed %s\n", plural(n, "talk", "talks"))
	}
	idx, err = search.OpenReadOnly(path, searchOpenTimeout)
	if err != nil {
		return nil, fmt.Errorf("open rebuilt search index: %w", err)
	}
	return idx, nil
}

// searchPage writes the hits as Markdown: one "## N. Title" block per hit
// with its event, speakers and snippets. Snippets come highlighted with
// **bold** by the index; everything else from the posts is sanitized.
func searchPage(results []searchResult) string {
	var b strings.Builder
	for i, r := range results {
		t := r.Talk
		fmt.Fprintf(&b, "## %d. %s\n\n", i+1, render.EscapeMarkdown(oneLine(t.Title)))
		meta := []string{fmt.Sprintf("talk %d", t.ID)}
		if line := eventLine(t.Event); line != "" {
			meta = append(meta, line)
		}
		b.WriteString(strings.Join(meta, " · "))
		b.WriteString("\n\n")
		if len(t.Speakers) > 0 {
			names := make([]string, len(t.Speakers))
			for j, s := range t.Speakers {
				names[j] = speakerLine(s)
			}
			fmt.Fprintf(&b, "*%s*\n\n", strings.Join(names, "; "))
		}
		for _, s := range r.Snippets {
			if s = oneLine(s); s != "" {
				fmt.Fprintf(&b, "> %s\n\n", s)
			}
		}
	}
	return b.String()
}
