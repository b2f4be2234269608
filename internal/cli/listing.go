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
	if err := render.Table(s, headers, table); err != nil {
		return err
	}
	if total > len(recs) {
		render.Cut(s, len(recs), total, many)
		return nil
	}
	render.Count(s, len(recs), one, many)
	return nil
}
