package cli

import (
	"context"
	"strconv"
	"strings"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// CountsOptions are the inputs of the count listings: speakers, companies
// and services.
type CountsOptions struct {
	IO *render.IO
	KB func() (*kb.KB, error)

	// List is the store query: (*kb.KB).Speakers, Companies or Services.
	List     func(*kb.KB, context.Context, core.TalkFilter) ([]core.CountRecord, error)
	Filter   core.TalkFilter
	JSON     bool
	Header   string // first column of the terminal table: SPEAKER, COMPANY…
	Mentions bool   // show the mentions column (services)
	Extra    bool   // show the companies column (speakers)
	ByYear   bool   // talks per year, as a bar chart (--by-year)
}

// runCounts prints a count listing.
func runCounts(ctx context.Context, opts *CountsOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	// Every record is counted anyway (the store cuts after sorting), so
	// the cut is made here, where the total is known.
	all := opts.Filter
	all.Limit = 0
	recs, err := opts.List(k, ctx, all)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		if err := sayMisses(ctx, opts.IO, k, opts.Filter); err != nil {
			return err
		}
	}
	total := len(recs)
	if opts.Filter.Limit > 0 && len(recs) > opts.Filter.Limit {
		recs = recs[:opts.Filter.Limit]
	}
	if opts.ByYear && !opts.JSON && len(recs) > 0 {
		return render.ByYearChart(opts.IO, recs)
	}
	what := pluralHeader(opts.Header)
	return showListOf(opts.IO, opts.JSON, recs, total, what, strings.ToLower(opts.Header), what, func() ([]string, [][]string) {
		headers := []string{opts.Header, "TALKS"}
		if opts.Mentions {
			headers = append(headers, "MENTIONS")
		}
		if opts.Extra && opts.IO.OutTerminal {
			headers = append(headers, "COMPANIES")
		}
		rows := make([][]string, len(recs))
		for i, r := range recs {
			row := []string{r.Name, strconv.Itoa(r.Talks)}
			if opts.Mentions {
				row = append(row, strconv.Itoa(r.Mentions))
			}
			if opts.Extra && opts.IO.OutTerminal {
				row = append(row, strings.Join(r.Companies, ", "))
			}
			rows[i] = row
		}
		return headers, rows
	})
}

// pluralHeader is the plural of a column header, in lower case: "services",
// "companies".
func pluralHeader(h string) string {
	h = strings.ToLower(h)
	if strings.HasSuffix(h, "y") {
		return strings.TrimSuffix(h, "y") + "ies"
	}
	return h + "s"
}
