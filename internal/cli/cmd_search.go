package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// SearchOptions are the inputs of "notes search".
type SearchOptions struct {
	IO *render.IO
	KB func() (*kb.KB, error)

	Query  string
	Filter core.TalkFilter
	JSON   bool
}

func newCmdSearch(f *Factory) *cobra.Command {
	opts := &SearchOptions{IO: f.IO, KB: f.ExistingKB}
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
			if err := kb.CheckQuery(opts.Query); err != nil {
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
	limit.DefValue = strconv.Itoa(kb.DefaultSearchLimit)
	_ = limit.Value.Set(limit.DefValue)
	return cmd
}

func runSearch(ctx context.Context, opts *SearchOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	res, err := k.SearchAll(ctx, opts.Query, opts.Filter, func(e kb.Event) {
		switch e.Kind {
		case kb.EventIndexBusy:
			fmt.Fprintln(opts.IO.Err, "notes: the search index is being updated by another notes (an import?): results may miss its latest changes")
		case kb.EventRebuilding:
			// Said in a pipe too: a rebuild is work the user should know
			// about (the issue asks a stale search to say so), on stderr.
			fmt.Fprintf(opts.IO.Err, "search index %s: rebuilding…\n", e.Text)
		case kb.EventIndexed:
			if opts.IO.ErrTerminal {
				fmt.Fprintf(opts.IO.Err, "indexed %s\n", render.Plural(e.Done, "talk", "talks"))
			}
		}
	})
	var queryErr *kb.QueryError
	if errors.As(err, &queryErr) {
		return &UsageError{Err: err}
	}
	if err != nil {
		return err
	}
	results := res.Hits
	if opts.JSON {
		return render.JSON(opts.IO.Out, results)
	}
	if len(results) == 0 {
		render.NoMatch(opts.IO, "talks")
		return nil
	}
	if err := render.Markdown(opts.IO, render.SearchPage(results)); err != nil {
		return err
	}
	render.Cut(opts.IO, len(results), res.Total, "hits")
	return nil
}
