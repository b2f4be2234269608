package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// Checkup is what notes doctor reads from the database: the facts it
// weighs, raw. The judgement (what is a problem, how bad, the fix) is kb's.
type Checkup struct {
	// TalksWithoutSpeaker are talks no speaker is stored for.
	TalksWithoutSpeaker []TalkRef
	// Speakers are the people who give talks, with their talk counts.
	Speakers []NamedCount
	// PeopleGroups and CompanyGroups are names stored as several rows
	// that share a loose key (core.PersonKey, core.CompanyKey).
	PeopleGroups, CompanyGroups [][]NamedCount
	// CompanyHeads are companies grouped by their first word, for
	// "Bedrock" / "Bedrock Streaming".
	CompanyHeads [][]NamedCount
	// Events are every event with its talk count.
	Events []EventCount
}

// TalkRef names a talk for a person to find it.
type TalkRef struct {
	ID     int64
	Title  string
	Source string // as shown
	Line   int
}

// NamedCount is a person's or company's name and its number of talks.
type NamedCount struct {
	Name  string
	Talks int
}

// EventCount is an event and its number of talks.
type EventCount struct {
	core.Event
	Talks int
}

// Checkup reads the facts notes doctor weighs.
func (d *DB) Checkup(ctx context.Context) (_ Checkup, err error) {
	defer d.annotate(&err)
	var c Checkup
	rows, err := d.db.QueryContext(ctx, `
		SELECT t.id, t.title, s.path, t.line
		FROM talks t
		JOIN sources s ON s.id = t.source_id
		WHERE NOT EXISTS (SELECT 1 FROM talk_speakers ts WHERE ts.talk_id = t.id)
		ORDER BY s.path, t.position`)
	if err != nil {
		return c, err
	}
	for rows.Next() {
		var r TalkRef
		if err := rows.Scan(&r.ID, &r.Title, &r.Source, &r.Line); err != nil {
			rows.Close()
			return c, err
		}
		r.Source = d.shown(r.Source)
		c.TalksWithoutSpeaker = append(c.TalksWithoutSpeaker, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c, err
	}
	if c.Speakers, err = d.namedCounts(ctx, `
		SELECT '', p.name, COUNT(DISTINCT ts.talk_id)
		FROM people p
		JOIN talk_speakers ts ON ts.person_id = p.id
		GROUP BY p.id
		ORDER BY p.name`); err != nil {
		return c, err
	}
	if c.PeopleGroups, err = d.groups(ctx, `
		SELECT p.loose, p.name, COUNT(DISTINCT ts.talk_id)
		FROM people p
		JOIN talk_speakers ts ON ts.person_id = p.id
		WHERE p.loose IN (
			SELECT loose
			FROM people
			WHERE loose IS NOT NULL
			GROUP BY loose
			HAVING COUNT(*) > 1)
		GROUP BY p.id
		ORDER BY p.loose, p.id`); err != nil {
		return c, err
	}
	const companyTalks = `
		SELECT %s, c.name, (
			SELECT COUNT(*)
			FROM (
				SELECT talk_id FROM talk_companies WHERE company_id = c.id
				UNION
				SELECT talk_id FROM talk_speakers WHERE company_id = c.id))
		FROM companies c
		WHERE c.%s IN (
			SELECT %s
			FROM companies
			WHERE %s IS NOT NULL
			GROUP BY %s
			HAVING COUNT(*) > 1)
		ORDER BY c.%s, c.id`
	if c.CompanyGroups, err = d.groups(ctx, companyQuery(companyTalks, "loose")); err != nil {
		return c, err
	}
	if c.CompanyHeads, err = d.groups(ctx, companyQuery(companyTalks, "head")); err != nil {
		return c, err
	}
	erows, err := d.db.QueryContext(ctx, `
		SELECT e.name, COALESCE(e.series, ''), COALESCE(e.city, ''), COALESCE(e.year, 0), COALESCE(e.date, ''),
			(SELECT COUNT(*) FROM talks t WHERE t.event_id = e.id)
		FROM events e
		ORDER BY e.name`)
	if err != nil {
		return c, err
	}
	defer erows.Close()
	for erows.Next() {
		var e EventCount
		if err := erows.Scan(&e.Name, &e.Series, &e.City, &e.Year, &e.Date, &e.Talks); err != nil {
			return c, err
		}
		c.Events = append(c.Events, e)
	}
	return c, erows.Err()
}

// companyQuery fills the column (loose or head) into the query. Only our
// two constant column names ever reach the text of the statement.
func companyQuery(q, column string) string {
	if column != "loose" && column != "head" {
		panic("companyQuery: " + column)
	}
	return strings.ReplaceAll(q, "%s", column)
}

// namedCounts runs q (rows of group, name, talks) and returns the names.
func (d *DB) namedCounts(ctx context.Context, q string) ([]NamedCount, error) {
	groups, err := d.groups(ctx, q)
	var out []NamedCount
	for _, g := range groups {
		out = append(out, g...)
	}
	return out, err
}

// groups runs q (rows of group key, name, talks, ordered by group) and
// returns the names of each group.
func (d *DB) groups(ctx context.Context, q string) ([][]NamedCount, error) {
	rows, err := d.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]NamedCount
	last := sql.NullString{}
	for rows.Next() {
		var key sql.NullString
		var n NamedCount
		if err := rows.Scan(&key, &n.Name, &n.Talks); err != nil {
			return nil, err
		}
		if len(out) == 0 || key != last {
			out = append(out, nil)
			last = key
		}
		out[len(out)-1] = append(out[len(out)-1], n)
	}
	return out, rows.Err()
}
