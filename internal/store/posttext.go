package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// PostText is what the search index holds of a post beyond its talks
// (issue 15): the post's text with the lines a talk's body already holds
// left blank, so that line numbers stay the file's, and its headings.
type PostText struct {
	Text     string
	Headings []Heading
}

// Heading is a section heading of a post and its 1-based line.
type Heading struct {
	Line  int
	Title string
}

// PostDoc is a post as the search index needs it: PostText with the
// post's event and the services it names.
type PostDoc struct {
	SourceID int64
	Path     string
	Title    string
	Event    *core.Event
	Services []string
	PostText
}

// SourceID returns the id of the stored source at path, if any, inside
// the batch: an import reads it before saving the file again, to take the
// old post document out of the index.
func (b *Batch) SourceID(path string) (_ int64, _ bool, err error) {
	defer b.w.d.annotate(&err)
	var id int64
	err = b.w.queryRow(`
		SELECT id
		FROM sources
		WHERE path = ?`, path).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// SavePostText stores the text of the post saved as sourceID, and bumps
// the generation when bump is set (the save of the post itself did not:
// it changed no talks), so that an index that missed this import is
// known to be stale. It returns the generation after the save.
func (b *Batch) SavePostText(sourceID int64, pt PostText, bump bool) (gen int64, err error) {
	defer b.w.d.annotate(&err)
	err = b.file(func(w *txn) error {
		if _, err := w.exec(`
			INSERT OR REPLACE INTO post_texts (
				source_id,
				text,
				headings
			) VALUES (?, ?, ?)`, sourceID, pt.Text, encodeHeadings(pt.Headings)); err != nil {
			return err
		}
		var err error
		gen, err = generation(w, bump)
		return err
	})
	if err == nil {
		b.files-- // the post's own save counted the file already
	}
	return gen, err
}

// encodeHeadings writes headings as "line<TAB>title" lines.
func encodeHeadings(hs []Heading) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(strconv.Itoa(h.Line))
		b.WriteByte('\t')
		b.WriteString(strings.Join(strings.Fields(h.Title), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// decodeHeadings reads what encodeHeadings wrote.
func decodeHeadings(s string) []Heading {
	var out []Heading
	for line := range strings.SplitSeq(s, "\n") {
		n, title, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		if l, err := strconv.Atoi(n); err == nil {
			out = append(out, Heading{Line: l, Title: title})
		}
	}
	return out
}

// PostIDs returns the id of every source that has a post text, in id
// order: the post documents an index rebuild writes.
func (d *DB) PostIDs(ctx context.Context) (_ []int64, err error) {
	defer d.annotate(&err)
	return scanIDs(d.db.QueryContext(ctx, `
		SELECT source_id
		FROM post_texts
		ORDER BY source_id`))
}

// SourceIDs returns the id of every stored source by path.
func (d *DB) SourceIDs(ctx context.Context) (_ map[string]int64, err error) {
	defer d.annotate(&err)
	rows, err := d.db.QueryContext(ctx, `
		SELECT path,
			id
		FROM sources`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var p string
		var id int64
		if err := rows.Scan(&p, &id); err != nil {
			return nil, err
		}
		out[p] = id
	}
	return out, rows.Err()
}

// PathsWithoutText returns the paths of the sources imported (ok or with
// warnings) whose post text is not stored: imported before post texts
// were, they are read again by the next import even when unchanged.
func (d *DB) PathsWithoutText(ctx context.Context) (_ map[string]bool, err error) {
	defer d.annotate(&err)
	rows, err := d.db.QueryContext(ctx, `
		SELECT s.path
		FROM sources s
		LEFT JOIN post_texts p ON p.source_id = s.id
		WHERE p.source_id IS NULL
		  AND s.status != 'failed'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out[p] = true
	}
	return out, rows.Err()
}

// PostDocs returns the posts ids names (source ids), with their text when
// withText is set, in no particular order; unknown ids are left out.
func (d *DB) PostDocs(ctx context.Context, ids []int64, withText bool) (_ []PostDoc, err error) {
	defer d.annotate(&err)
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	text := `''`
	if withText {
		text = `p.text`
	}
	rows, err := d.db.QueryContext(ctx, `
		SELECT s.id,
			s.path,
			s.title,
			`+text+`,
			p.headings,
			e.name,
			e.series,
			e.city,
			e.year,
			e.date
		FROM post_texts p
		JOIN sources s ON s.id = p.source_id
		LEFT JOIN events e ON e.id = s.event_id
		WHERE p.source_id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	var out []PostDoc
	byID := map[int64]int{}
	for rows.Next() {
		var p PostDoc
		var title, name, series, city, date sql.NullString
		var year sql.NullInt64
		var headings string
		if err := rows.Scan(&p.SourceID, &p.Path, &title, &p.Text, &headings,
			&name, &series, &city, &year, &date); err != nil {
			rows.Close()
			return nil, err
		}
		p.Title = title.String
		p.Headings = decodeHeadings(headings)
		if name.Valid {
			p.Event = &core.Event{Name: name.String, Series: series.String, City: city.String, Year: int(year.Int64), Date: date.String}
		}
		p.Services = []string{}
		byID[p.SourceID] = len(out)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = d.db.QueryContext(ctx, `
		SELECT ss.source_id,
			sv.name
		FROM source_services ss
		JOIN services sv ON sv.id = ss.service_id
		WHERE ss.source_id IN (`+placeholders(len(ids))+`)
		ORDER BY ss.source_id, ss.position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		if i, ok := byID[id]; ok {
			out[i].Services = append(out[i].Services, name)
		}
	}
	return out, rows.Err()
}
