package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	// Format is "markdown" (the page), "tsv" (rows) or "" for the page on
	// a terminal and rows in a pipe.
	Format string
	// Facets are the facets to count the hits by (kb.FacetNames).
	Facets []string
}

// Search output formats.
const formatTSV = "tsv"

func newCmdSearch(f *Factory) *cobra.Command {
	opts := &SearchOptions{IO: f.IO, KB: f.ExistingKB}
	var ff filterFlags
	var facets []string
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
database. Talks come first, then the posts whose other lines hold the
words (a post hit names the file, line and section).

On a terminal the hits are rendered Markdown (--format markdown prints that
Markdown anywhere); in a pipe they are tab-separated rows: the talk id or
the post's path:line, talk or post, the event, the title and a snippet
(--format tsv prints them anywhere); --json prints an array of {type, talk
or post, score, snippets}. When --limit leaves hits out, a terminal hears
how many there are.`,
		Example: `  notes search karpenter
  notes search "event driven" OR eventbridge --year 2023
  notes search lambda -java --event "AWS Summit Paris"
  notes search speaker:doe --json
  notes search watermill | cut -f1`,
		Args:        minimumArgs(1, "the query"),
		Annotations: map[string]string{annotationQueryArgs: "true"},
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
			if opts.Facets, err = facetNames(facets); err != nil {
				return err
			}
			opts.Format = strings.ToLower(strings.TrimSpace(opts.Format))
			if opts.Format == "md" {
				opts.Format = formatMarkdown
			}
			if opts.Format != "" && opts.Format != formatMarkdown && opts.Format != formatTSV {
				return usageErrorf("--format must be markdown or tsv, not %q", opts.Format)
			}
			return runSearch(cmd.Context(), opts)
		},
	}
	addFilterFlags(cmd, f, &ff, flagEvent, flagYear, flagSpeaker, flagCompany, flagService, flagKind, flagLimit)
	cmd.Flags().StringSliceVar(&facets, "facet", nil, "count the hits by `facets`: speaker, event, year, service, company (comma-separated), over all hits, not only those --limit shows")
	cmd.RegisterFlagCompletionFunc("facet", completeWords(kb.FacetNames...))
	// Searches show the best matches: 20 unless told (0 shows them all).
	cmd.Flags().StringVar(&opts.Format, "format", "", "`format` of the hits: markdown (the page) or tsv (rows); default: markdown on a terminal, tsv in a pipe")
	cmd.RegisterFlagCompletionFunc("format", completeWords(formatMarkdown, formatTSV))
	limit := cmd.Flags().Lookup(flagLimit)
	limit.DefValue = strconv.Itoa(kb.DefaultSearchLimit)
	_ = limit.Value.Set(limit.DefValue)
	f.printsJSON(cmd, []core.Hit{})
	return cmd
}

// annotationQueryArgs marks a command whose arguments are the words of a
// search query, "-word" included (see queryWords).
const annotationQueryArgs = "notes:query-args"

// queryWords lets "notes search lambda -java" exclude java, as the query
// syntax says: pflag would read -java as the shorthand flags -j -a -v -a
// and fail on "unknown shorthand flag: 'j'". For a command whose arguments
// are the words of a query, an argument with one dash that is not made of
// the command's shorthand flags (-h) is a word: the words are then put
// after "--", in their order, and the flags before it.
func queryWords(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd.Annotations[annotationQueryArgs] == "" {
		return args
	}
	cmd.InitDefaultHelpFlag() // -h, which cobra adds only when it runs
	flags := cmdFlags{cmd}
	var before, words []string
	path := len(strings.Fields(cmd.CommandPath())) - 1 // the command's names come first
	dashWord := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			words = append(words, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "--"):
			before = append(before, a)
			if flags.longTakesNext(a) && i+1 < len(args) {
				i++
				before = append(before, args[i])
			}
		case strings.HasPrefix(a, "-") && len(a) > 1:
			known, next := flags.shortFlags(a)
			if !known {
				words = append(words, a)
				dashWord = true
				continue
			}
			before = append(before, a)
			if next && i+1 < len(args) {
				i++
				before = append(before, args[i])
			}
		case path > 0:
			path--
			before = append(before, a)
		default:
			words = append(words, a)
		}
	}
	if !dashWord {
		return args
	}
	return append(append(before, "--"), words...)
}

// facetNames checks the --facet values.
func facetNames(in []string) ([]string, error) {
	var out []string
	for _, n := range in {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		if !slices.Contains(kb.FacetNames, n) {
			return nil, usageErrorf("--facet takes %s, not %q", strings.Join(kb.FacetNames, ", "), n)
		}
		out = append(out, n)
	}
	return out, nil
}

func runSearch(ctx context.Context, opts *SearchOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	filter := opts.Filter
	if len(opts.Facets) > 0 {
		filter.Limit = 0 // facets count every hit; the limit cuts after
	}
	// How many matched in all is said on a terminal's stderr only (and
	// facets count every hit): otherwise it is not counted.
	searchAll := k.SearchAll
	if len(opts.Facets) == 0 && (opts.JSON || !opts.IO.ErrTerminal) {
		searchAll = k.SearchTop
	}
	res, err := searchAll(ctx, opts.Query, filter, func(e kb.Event) {
		switch e.Kind {
		case kb.EventIndexBusy:
			fmt.Fprintln(opts.IO.Err, "notes: the search index is being updated by another notes (an import?): results may miss its latest changes")
		case kb.EventIndexStale:
			fmt.Fprintf(opts.IO.Err, "notes: warning: the search index is behind the database and could not be rebuilt: %s\nnotes: results may miss its latest changes\n", render.Sanitize(e.Err.Error()))
		case kb.EventRebuilding:
			// Said in a pipe too: a rebuild is work the user should know
			// about (the issue asks a stale search to say so), on stderr.
			fmt.Fprintf(opts.IO.Err, "search index %s: rebuilding…\n", render.Sanitize(e.Text))
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
	if len(results) == 0 {
		if err := sayMisses(ctx, opts.IO, k, opts.Filter); err != nil {
			return err
		}
	}
	var facets []core.Facet
	if len(opts.Facets) > 0 {
		facets = kb.Facets(results, opts.Facets, 10)
		if opts.Filter.Limit > 0 && len(results) > opts.Filter.Limit {
			results = results[:opts.Filter.Limit]
		}
	}
	if opts.JSON {
		if facets != nil {
			// Asked for: an object, {"hits": […], "facets": […]}.
			return render.JSON(opts.IO, render.SearchJSON{Hits: results, Facets: facets})
		}
		return render.JSON(opts.IO, results)
	}
	if len(results) == 0 {
		render.NoMatch(opts.IO, "talks")
		return nil
	}
	page := opts.Format == formatMarkdown || opts.Format == "" && opts.IO.OutTerminal
	if page {
		err = render.Markdown(opts.IO, render.SearchPage(results)+render.FacetsMarkdown(facets))
	} else {
		err = render.TSV(opts.IO, append(render.SearchRows(results), render.FacetRows(facets)...))
	}
	if err != nil {
		return err
	}
	render.Cut(opts.IO, len(results), res.Total, "hits")
	return nil
}
