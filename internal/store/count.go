package store

import (
	"context"

	"github.com/notes-kb/notes/internal/core"
)

// CountTalks counts the talks f selects, whatever its Limit: what a
// listing cut by --limit says it left out.
func (d *DB) CountTalks(ctx context.Context, f core.TalkFilter) (_ int, err error) {
	defer d.annotate(&err)
	where, args, ok, err := d.talkWhere(ctx, f)
	if err != nil || !ok {
		return 0, err
	}
	var n int
	err = d.db.QueryRowContext(ctx, `
		SELECT count(*)
		FROM talks t
		JOIN sources s ON s.id = t.source_id
		LEFT JOIN events e ON e.id = t.event_id`+where, args...).Scan(&n)
	return n, err
}
