package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// Events lists events with their talk counts and source files, by date.
func (d *DB) Events(ctx context.Context, query string) (_ []core.EventRecord, err error) {
	defer d.annotate(&err)
	var keep map[int64]bool
	if query != "" {
		ids, err := d.matchEvents(ctx, query)
		if err != nil {
			return nil, err
		}
		keep = map[int64]bool{}
		for _, id := range ids {
			keep[id.(int64)] = true
		}
	}
	rows, err := d.db.QueryContext(ctx, `
		SELECT e.id,
			e.name,
			COALESCE(e.series, ''),
			COALESCE(e.city, ''),
			COALESCE(e.year, 0),
			COALESCE(e.date, ''),
			(SELECT COUNT(*) FROM talks t WHERE t.event_id = e.id AND t.translation_of IS NULL)
		FROM events e
		ORDER BY e.year IS NULL, e.year, e.date IS NULL, e.date, e.name`)
	if err != nil {
		return nil, err
	}
	out := []core.EventRecord{}
	index := map[int64]int{}
	for rows.Next() {
		var id int64
		var r core.EventRecord
		if err := rows.Scan(&id, &r.Name, &r.Series, &r.City, &r.Year, &r.Date, &r.Talks); err != nil {
			rows.Close()
			return nil, err
		}
		if keep != nil && !keep[id] {
			continue
		}
		r.Sources = []string{}
		index[id] = len(out)
		out = append(out, r)
	}
	rows.Close()
	srows, err := d.db.QueryContext(ctx, `
		SELECT event_id, path
		FROM sources
		WHERE event_id IS NOT NULL
		ORDER BY path`)
	if err != nil {
		return nil, err
	}
	defer srows.Close()
	for srows.Next() {
		var id int64
		var p string
		if err := srows.Scan(&id, &p); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			out[i].Sources = append(out[i].Sources, d.shown(p))
		}
	}
	return out, srows.Err()
}

// Speakers lists people who presented at least one of the talks f selects,
// with their talk count and the companies they were introduced with.
func (d *DB) Speakers(ctx context.Context, f core.TalkFilter) (_ []core.CountRecord, err error) {
	defer d.annotate(&err)
	return d.counts(ctx, f, `
		SELECT p.name, ts.talk_id, COALESCE(c.name, ''), COALESCE(e.year, 0), 1
		FROM talk_speakers ts
		JOIN people p ON p.id = ts.person_id
		LEFT JOIN companies c ON c.id = ts.company_id
		JOIN talks t ON t.id = ts.talk_id
		LEFT JOIN events e ON e.id = t.event_id`)
}

// Companies lists companies named in the talks f selects (speakers'
// employers and presenting organisations).
func (d *DB) Companies(ctx context.Context, f core.TalkFilter) (_ []core.CountRecord, err error) {
	defer d.annotate(&err)
	return d.counts(ctx, f, `
		SELECT c.name, tc.talk_id, '', COALESCE(e.year, 0), 1
		FROM talk_companies tc
		JOIN companies c ON c.id = tc.company_id
		JOIN talks t ON t.id = tc.talk_id
		LEFT JOIN events e ON e.id = t.event_id`)
}

// Services lists AWS services named in the talks f selects, with the number
// of talks and of mentions.
func (d *DB) Services(ctx context.Context, f core.TalkFilter) (_ []core.CountRecord, err error) {
	defer d.annotate(&err)
	return d.counts(ctx, f, `
		SELECT v.name, ts.talk_id, '', COALESCE(e.year, 0), ts.mentions
		FROM talk_services ts
		JOIN services v ON v.id = ts.service_id
		JOIN talks t ON t.id = ts.talk_id
		LEFT JOIN events e ON e.id = t.event_id`)
}

// counts runs base (rows of name, talk id, company, year, mentions) under
// the talk filter and folds the rows into one record per name, most talks
// first.
func (d *DB) counts(ctx context.Context, f core.TalkFilter, base string) ([]core.CountRecord, error) {
	where, args, ok, err := d.talkWhere(ctx, f)
	if err != nil || !ok {
		return []core.CountRecord{}, err
	}
	rows, err := d.db.QueryContext(ctx, base+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type acc struct {
		rec   core.CountRecord
		talks map[int64]bool
		comps map[string]bool
	}
	byName := map[string]*acc{}
	var order []string
	for rows.Next() {
		var name, company string
		var talk int64
		var year, mentions int
		if err := rows.Scan(&name, &talk, &company, &year, &mentions); err != nil {
			return nil, err
		}
		a := byName[name]
		if a == nil {
			a = &acc{rec: core.CountRecord{Name: name, ByYear: map[int]int{}}, talks: map[int64]bool{}, comps: map[string]bool{}}
			byName[name] = a
			order = append(order, name)
		}
		if !a.talks[talk] {
			a.talks[talk] = true
			a.rec.Talks++
			if year != 0 {
				a.rec.ByYear[year]++
			}
		}
		a.rec.Mentions += mentions
		if company != "" && !a.comps[company] {
			a.comps[company] = true
			a.rec.Companies = append(a.rec.Companies, company)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]core.CountRecord, 0, len(order))
	for _, n := range order {
		r := byName[n].rec
		if len(r.ByYear) == 0 {
			r.ByYear = nil
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Talks != out[j].Talks {
			return out[i].Talks > out[j].Talks
		}
		return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name)
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// Sources lists imported files with their event, talk count, the services
// named anywhere in them and the last import status.
func (d *DB) Sources(ctx context.Context) (_ []core.SourceRecord, err error) {
	defer d.annotate(&err)
	rows, err := d.db.QueryContext(ctx, `
		SELECT s.id,
			s.path,
			s.format,
			COALESCE(s.encoding, ''),
			COALESCE(s.title, ''),
			s.status,
			COALESCE(s.message, ''),
			s.imported_at,
			e.name,
			e.series,
			e.city,
			e.year,
			e.date,
			(SELECT COUNT(*) FROM talks t WHERE t.source_id = s.id)
		FROM sources s
		LEFT JOIN events e ON e.id = s.event_id
		ORDER BY s.path`)
	if err != nil {
		return nil, err
	}
	out := []core.SourceRecord{}
	index := map[int64]int{}
	for rows.Next() {
		var id int64
		var r core.SourceRecord
		var name, series, city, date sql.NullString
		var year sql.NullInt64
		if err := rows.Scan(&id, &r.Path, &r.Format, &r.Encoding, &r.Title, &r.Status, &r.Message, &r.ImportedAt,
			&name, &series, &city, &year, &date, &r.Talks); err != nil {
			rows.Close()
			return nil, err
		}
		r.Path = d.shown(r.Path)
		if name.Valid {
			r.Event = &core.Event{Name: name.String, Series: series.String, City: city.String, Year: int(year.Int64), Date: date.String}
		}
		r.Services = []string{}
		index[id] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	srows, err := d.db.QueryContext(ctx, `
		SELECT ss.source_id, v.name
		FROM source_services ss
		JOIN services v ON v.id = ss.service_id
		ORDER BY ss.source_id, ss.position`)
	if err != nil {
		return nil, err
	}
	defer srows.Close()
	for srows.Next() {
		var id int64
		var n string
		if err := srows.Scan(&id, &n); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			out[i].Services = append(out[i].Services, n)
		}
	}
	return out, srows.Err()
}
