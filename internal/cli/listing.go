package cli

import "github.com/notes-kb/notes/internal/render"

// showList shows the records of a listing: with --json an array (empty, not
// null, when none match); else a hint when none match (on a terminal),
// else the table rows builds (no header row in a pipe when it gives none)
// and, on a terminal, how many rows it showed ("3 talks").
func showList[T any](s *render.IO, asJSON bool, recs []T, none, one, many string, rows func() ([]string, [][]string)) error {
	if recs == nil {
		recs = []T{}
	}
	if asJSON {
		return render.JSON(s.Out, recs)
	}
	if len(recs) == 0 {
		render.NoMatch(s, none)
		return nil
	}
	headers, table := rows()
	if err := render.Table(s, headers, table); err != nil {
		return err
	}
	render.Count(s, len(recs), one, many)
	return nil
}
