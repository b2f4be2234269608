package cli

import "github.com/notes-kb/notes/internal/render"

// showList shows the records of a listing: with --json an array (empty, not
// null, when none match); else a hint when none match (on a terminal),
// else the table rows builds (no header row in a pipe when it gives none)
// and, on a terminal, how many rows it showed ("3 talks").
func showList[T any](s *render.IO, asJSON bool, recs []T, none, one, many string, rows func() ([]string, [][]string)) error {
	return showListOf(s, asJSON, recs, len(recs), none, one, many, rows)
}

// showListOf is showList for a listing that --limit cut: total is how many
// records matched, and a terminal hears "20 of 54 talks; --limit 0 for
// all" instead of the count (issue 15, item 2). JSON stays an array.
func showListOf[T any](s *render.IO, asJSON bool, recs []T, total int, none, one, many string, rows func() ([]string, [][]string)) error {
	if recs == nil {
		recs = []T{}
	}
	if asJSON {
		return render.JSON(s, recs)
	}
	if len(recs) == 0 {
		render.NoMatch(s, none)
		return nil
	}
	headers, table := rows()
	if err := render.Table(s, tableColumns(headers), table); err != nil {
		return err
	}
	if total > len(recs) {
		render.Cut(s, len(recs), total, many)
		return nil
	}
	render.Count(s, len(recs), one, many)
	return nil
}

// columnImportance says how each column of the listings gives way on a
// narrow terminal (issue 16, item 5): a column means the same in every
// listing that has it, so it is said once, here. A column not named is
// Main.
var columnImportance = map[string]render.Importance{
	"ID":        render.Fixed,
	"TALKS":     render.Fixed,
	"MENTIONS":  render.Fixed,
	"SEV":       render.Fixed,
	"DATE":      render.Optional,
	"FORMAT":    render.Optional,
	"KIND":      render.Optional,
	"CITY":      render.Context,
	"EVENT":     render.Context,
	"COMPANIES": render.Context,
	"TITLE":     render.Key,
	"PATH":      render.Key,
	"SUBJECT":   render.Key,
}

// tableColumns are the columns of a listing's terminal table. The first
// column names the row (the event of "notes events", the speaker of
// "notes speakers"): it is never left out.
func tableColumns(headers []string) []render.Column {
	cols := make([]render.Column, len(headers))
	for i, h := range headers {
		imp, ok := columnImportance[h]
		if !ok {
			imp = render.Main
		}
		if i == 0 && imp != render.Fixed {
			imp = render.Key
		}
		cols[i] = render.Column{Header: h, Importance: imp, KeepEnd: h == "PATH"}
	}
	return cols
}
