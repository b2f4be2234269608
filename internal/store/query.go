package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// Talks lists the talks f selects, by event date then position in the post.
func (d *DB) Talks(ctx context.Context, f core.TalkFilter) (_ []core.TalkRecord, err error) {
	defer d.annotate(&err)
	where, args, ok, err := d.talkWhere(ctx, f)
	if err != nil || !ok {
		return []core.TalkRecord{}, err
	}
	q := `
		SELECT t.id,
			t.title,
			t.kind,
			t.line,
			t.summary,
			s.path,
			COALESCE(s.lang, ''),
			COALESCE(s.root, ''),
			COALESCE(s.url, ''),
			e.name,
			e.series,
			e.city,
			e.year,
			e.date
		FROM talks t
		JOIN sources s ON s.id = t.source_id
		LEFT JOIN events e ON e.id = t.event_id` + where + `
		ORDER BY e.year IS NULL, e.year, e.date IS NULL, e.date, e.name, s.path, t.position`
	if f.Limit > 0 && len(f.IDs) == 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	var out []core.TalkRecord
	byID := map[int64]int{}
	for rows.Next() {
		var r core.TalkRecord
		var name, series, city, date sql.NullString
		var year sql.NullInt64
		var root string
		if err := rows.Scan(&r.ID, &r.Title, &r.Kind, &r.Line, &r.Summary, &r.Source, &r.Lang, &root, &r.PostURL,
			&name, &series, &city, &year, &date); err != nil {
			rows.Close()
			return nil, err
		}
		r.PostPath = postPath(root, r.Source)
		r.Source = d.shown(r.Source)
		if name.Valid {
			r.Event = &core.Event{Name: name.String, Series: series.String, City: city.String, Year: int(year.Int64), Date: date.String}
		}
		r.Speakers, r.Companies, r.Services, r.NoteAuthors = []core.Speaker{}, []string{}, []string{}, []string{}
		byID[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := d.fillTalks(ctx, out, byID); err != nil {
		return nil, err
	}
	if err := d.fillTranslations(ctx, out, byID); err != nil {
		return nil, err
	}
	if len(f.IDs) > 0 {
		// Keep the caller's order (search rank).
		ordered := make([]core.TalkRecord, 0, len(out))
		for _, id := range f.IDs {
			if i, ok := byID[id]; ok {
				ordered = append(ordered, out[i])
			}
		}
		out = ordered
		if f.Limit > 0 && len(out) > f.Limit {
			out = out[:f.Limit]
		}
	}
	return out, nil
}

// postPath is path relative to root, the folder it was imported from, with
// "/" between folders; "" when root is unknown or does not hold path.
func postPath(root, path string) string {
	if root == "" {
		return ""
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel)
}

// Talk returns one talk with its body, or ok=false.
func (d *DB) Talk(ctx context.Context, id int64) (_ core.TalkRecord, _ bool, err error) {
	defer d.annotate(&err)
	rs, err := d.Talks(ctx, core.TalkFilter{IDs: []int64{id}})
	if err != nil || len(rs) == 0 {
		return core.TalkRecord{}, false, err
	}
	r := rs[0]
	err = d.db.QueryRowContext(ctx, `SELECT body FROM talks WHERE id = ?`, id).Scan(&r.Body)
	return r, err == nil, err
}

// talkWhere turns a filter into a WHERE clause. ok is false when the filter
// can match nothing (an --event no event matches).
func (d *DB) talkWhere(ctx context.Context, f core.TalkFilter) (string, []any, bool, error) {
	var conds []string
	var args []any
	if f.Event != "" {
		ids, err := d.matchEvents(ctx, f.Event)
		if err != nil {
			return "", nil, false, err
		}
		if len(ids) == 0 {
			return "", nil, false, nil
		}
		conds = append(conds, "t.event_id IN ("+placeholders(len(ids))+")")
		args = append(args, ids...)
	}
	if f.Year != 0 {
		conds = append(conds, "e.year = ?")
		args = append(args, f.Year)
	}
	if f.Kind != "" {
		conds = append(conds, "t.kind = ?")
		args = append(args, f.Kind)
	}
	if f.Speaker != "" {
		if !hasNameWords(f.Speaker) {
			return "", nil, false, nil
		}
		conds = append(conds, `t.id IN (
			SELECT ts.talk_id
			FROM talk_speakers ts
			JOIN people p ON p.id = ts.person_id
			WHERE p.key LIKE ? ESCAPE '\')`)
		args = append(args, likeAny(f.Speaker))
	}
	if f.Company != "" {
		if !hasNameWords(f.Company) {
			return "", nil, false, nil
		}
		conds = append(conds, `t.id IN (
			SELECT tc.talk_id
			FROM talk_companies tc
			JOIN companies c ON c.id = tc.company_id
			WHERE c.key LIKE ? ESCAPE '\' OR c.loose LIKE ? ESCAPE '\'
			UNION
			SELECT ts.talk_id
			FROM talk_speakers ts
			JOIN companies c ON c.id = ts.company_id
			WHERE c.key LIKE ? ESCAPE '\' OR c.loose LIKE ? ESCAPE '\')`)
		// "lognormal" finds Log Normal (its loose key, core.CompanyKey).
		loose := likeAny(f.Company)
		if k := core.CompanyKey(f.Company); k != "" {
			loose = likeAny(k)
		}
		args = append(args, likeAny(f.Company), loose, likeAny(f.Company), loose)
	}
	if f.Service != "" {
		conds = append(conds, `t.id IN (
			SELECT tsv.talk_id
			FROM talk_services tsv
			JOIN services v ON v.id = tsv.service_id
			WHERE v.name = ? COLLATE NOCASE)`)
		args = append(args, f.Service)
	}
	if len(f.IDs) > 0 {
		conds = append(conds, "t.id IN ("+placeholders(len(f.IDs))+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	} else {
		// A talk of a translation is listed and counted with its
		// original (issue 14); asked for by id, it is shown.
		conds = append(conds, "t.translation_of IS NULL")
	}
	if len(conds) == 0 {
		return "", nil, true, nil
	}
	return "\n\t\tWHERE " + strings.Join(conds, "\n\t\t  AND "), args, true, nil
}

// likeAny is a LIKE pattern matching the folded words of s in order, with
// anything between them: "pascal" finds "Pascal Martin".
func likeAny(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	words := strings.Fields(core.Fold(s))
	for i, w := range words {
		words[i] = r.Replace(w)
	}
	return "%" + strings.Join(words, "%") + "%"
}

// hasNameWords reports whether s has something for likeAny to match: a
// value that folds to nothing (combining marks alone) would be the pattern
// "%%", which matches every name.
func hasNameWords(s string) bool { return len(strings.Fields(core.Fold(s))) > 0 }

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// matchEvents returns the ids of the events whose name, series, city, year
// and date contain every word of query, in any order, ignoring case and
// accents: "AWS Summit 2022" finds "AWS Summit Paris 2022".
func (d *DB) matchEvents(ctx context.Context, query string) ([]any, error) {
	rows, err := d.db.QueryContext(ctx, `
		SELECT id,
			name,
			COALESCE(series, ''),
			COALESCE(city, ''),
			COALESCE(year, ''),
			COALESCE(date, '')
		FROM events`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	words := eventWords(query)
	if len(words) == 0 {
		// "%", "-", "?", "...": nothing to compare. Every event has all
		// of no words, so this matched every talk (issue 13, item 9); a
		// filter must never widen a listing.
		return nil, nil
	}
	var ids []any
	for rows.Next() {
		var id int64
		var name, series, city, year, date string
		if err := rows.Scan(&id, &name, &series, &city, &year, &date); err != nil {
			return nil, err
		}
		have := map[string]bool{}
		for _, w := range eventWords(strings.Join([]string{name, series, city, year, date}, " ")) {
			have[w] = true
		}
		all := true
		for _, w := range words {
			if !have[w] {
				all = false
				break
			}
		}
		if all {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

// HasEventWords reports whether query, an --event value, holds a word an
// event can be matched by (letters or digits), as opposed to punctuation
// alone ("%", "-", "..."), which matches no event.
func HasEventWords(query string) bool { return len(eventWords(query)) > 0 }

// eventWords splits an event description into folded words, treating
// "re:Invent", "reinvent" and "re invent" alike.
func eventWords(s string) []string {
	s = core.Fold(s)
	s = strings.NewReplacer("re:invent", "reinvent", "re invent", "reinvent", "re-invent", "reinvent").Replace(s)
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r > 127)
	})
}

// fillTalks loads speakers, companies, services and note authors for the
// talks in out (indexed by id through byID), in a few queries.
func (d *DB) fillTalks(ctx context.Context, out []core.TalkRecord, byID map[int64]int) error {
	if len(out) == 0 {
		return nil
	}
	// Chunk the id list: SQLite limits the number of parameters.
	ids := make([]any, 0, len(out))
	for _, r := range out {
		ids = append(ids, r.ID)
	}
	for start := 0; start < len(ids); start += 500 {
		end := min(start+500, len(ids))
		chunk := ids[start:end]
		in := "(" + placeholders(len(chunk)) + ")"
		rows, err := d.db.QueryContext(ctx, `
			SELECT ts.talk_id,
				p.name,
				COALESCE(ts.role, ''),
				COALESCE(c.name, '')
			FROM talk_speakers ts
			JOIN people p ON p.id = ts.person_id
			LEFT JOIN companies c ON c.id = ts.company_id
			WHERE ts.talk_id IN `+in+`
			ORDER BY ts.talk_id, ts.position`, chunk...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var s core.Speaker
			if err := rows.Scan(&id, &s.Name, &s.Role, &s.Company); err != nil {
				rows.Close()
				return err
			}
			r := &out[byID[id]]
			r.Speakers = append(r.Speakers, s)
		}
		rows.Close()
		lists := []struct {
			q   string
			set func(r *core.TalkRecord, v string)
		}{
			{`SELECT tc.talk_id, c.name
			  FROM talk_companies tc
			  JOIN companies c ON c.id = tc.company_id
			  WHERE tc.talk_id IN ` + in + `
			  ORDER BY tc.talk_id, tc.position`,
				func(r *core.TalkRecord, v string) { r.Companies = append(r.Companies, v) }},
			{`SELECT ts.talk_id, v.name
			  FROM talk_services ts
			  JOIN services v ON v.id = ts.service_id
			  WHERE ts.talk_id IN ` + in + `
			  ORDER BY ts.talk_id, ts.position`,
				func(r *core.TalkRecord, v string) { r.Services = append(r.Services, v) }},
			{`SELECT na.talk_id, p.name
			  FROM note_authors na
			  JOIN people p ON p.id = na.person_id
			  WHERE na.talk_id IN ` + in + `
			  ORDER BY na.talk_id, na.position`,
				func(r *core.TalkRecord, v string) { r.NoteAuthors = append(r.NoteAuthors, v) }},
		}
		for _, l := range lists {
			rows, err := d.db.QueryContext(ctx, l.q, chunk...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id int64
				var v string
				if err := rows.Scan(&id, &v); err != nil {
					rows.Close()
					return err
				}
				l.set(&out[byID[id]], v)
			}
			rows.Close()
		}
	}
	return nil
}

// TalkIDs returns the id of every talk, in id order: what an index
// rebuild reads in batches, rather than every talk at once.
func (d *DB) TalkIDs(ctx context.Context) (_ []int64, err error) {
	defer d.annotate(&err)
	return scanIDs(d.db.QueryContext(ctx, `SELECT id FROM talks ORDER BY id`))
}

// scanIDs reads a query's single column of ids, and closes its rows.
func scanIDs(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Bodies returns the Markdown bodies of the talks ids, for the search
// index (listings leave bodies out).
func (d *DB) Bodies(ctx context.Context, ids []int64) (_ map[int64]string, err error) {
	defer d.annotate(&err)
	out := make(map[int64]string, len(ids))
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := d.db.QueryContext(ctx, `
			SELECT id,
				body
			FROM talks
			WHERE id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var body string
			if err := rows.Scan(&id, &body); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = body
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
