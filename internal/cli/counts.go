package cli

import (
	"context"
	"strconv"
	"strings"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/render"
	"github.com/notes-kb/notes/internal/store"
)

// CountsOptions are the inputs of the count listings: speakers, companies
// and services.
type CountsOptions struct {
	IO    *render.IO
	Store func() (*store.DB, error)

	// List is the store query: (*store.DB).Speakers, Companies or Services.
	List     func(*store.DB, context.Context, core.TalkFilter) ([]core.CountRecord, error)
	Filter   core.TalkFilter
	JSON     bool
	Header   string // first column of the terminal table: SPEAKER, COMPANY…
	Mentions bool   // show the mentions column (services)
	Extra    bool   // show the companies column (speakers)
}

// runCounts prints a count listing.
func runCounts(ctx context.Context, opts *CountsOptions) error {
	db, err := opts.Store()
	if err != nil {
		return err
	}
	recs, err := opts.List(db, ctx, opts.Filter)
	if err != nil {
		return dbError(err)
	}
	if recs == nil {
		recs = []core.CountRecord{}
	}
	if opts.JSON {
		return render.JSON(opts.IO.Out, recs)
	}
	if len(recs) == 0 {
		noMatch(opts.IO, strings.ToLower(opts.Header)+"s")
		return nil
	}
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
	return render.Table(opts.IO, headers, rows)
}
