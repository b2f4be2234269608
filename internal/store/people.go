package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// One fact, one row (issue 14, item 2). A person or a company is first
// looked up by its folded name (the key, cached for the transaction); a
// spelling not seen before is then matched against the rows that share its
// loose key (core.PersonKey, core.CompanyKey), and taken for one of them
// only with evidence in common: the same talk, a company, or an event
// (where they were not introduced with two different companies) for a
// person; a speaker or an event for a company. Merging two different
// people is worse than a duplicate, so without evidence a new row is made
// (notes doctor lists such near-duplicates). Every lookup is an indexed
// query: people(loose), companies(loose), companies(head).

// afterMigration fills, in the transaction of a migration, what its SQL
// cannot compute.
var afterMigration = map[string]func(context.Context, *sql.Tx) error{
	"002_identity.sql": fillLooseKeys,
}

// fillLooseKeys computes the loose keys of the people and companies of a
// database made before migration 002.
func fillLooseKeys(ctx context.Context, tx *sql.Tx) error {
	type row struct {
		id   int64
		name string
	}
	read := func(q string) ([]row, error) {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.name); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	}
	people, err := read(`SELECT id, name FROM people`)
	if err != nil {
		return err
	}
	for _, p := range people {
		if _, err := tx.ExecContext(ctx, `UPDATE people SET loose = ? WHERE id = ?`, core.PersonKey(p.name), p.id); err != nil {
			return err
		}
	}
	companies, err := read(`SELECT id, name FROM companies`)
	if err != nil {
		return err
	}
	for _, c := range companies {
		if _, err := tx.ExecContext(ctx, `UPDATE companies SET loose = ?, head = ? WHERE id = ?`,
			core.CompanyKey(c.name), companyHead(c.name), c.id); err != nil {
			return err
		}
	}
	return nil
}

// companyHead is the first word of a company's name, for the candidates
// of "Bedrock" among "Bedrock Streaming".
func companyHead(name string) string {
	if w := core.CompanyWords(name); len(w) > 0 {
		return w[0]
	}
	return ""
}

// evidence is what a talk being saved knows about a name it holds.
type evidence struct {
	talk    int64
	event   sql.NullInt64
	company string // the head (first word) of the company a speaker is introduced with
	person  int64  // the speaker a company is the company of
}

// resolvePerson returns the id of the person name stands for in a talk,
// creating the row when no known person is that one.
func resolvePerson(w *txn, name string, ev evidence) (int64, error) {
	key := core.Fold(name)
	id, ok, err := knownID(w, "people", key)
	if ok || err != nil {
		return id, err
	}
	loose := core.PersonKey(name)
	// A company in common is one whose first word is the same ("Pixelune"
	// and "Pixelune Studio"). The same event counts unless the two were
	// introduced with different companies there: evidence of two people.
	company := nullable(ev.company)
	err = w.queryRow(`
		SELECT p.id
		FROM people p
		WHERE p.loose = ?
			AND (EXISTS (
					SELECT 1
					FROM talk_speakers ts
					WHERE ts.person_id = p.id
						AND ts.talk_id = ?)
				OR EXISTS (
					SELECT 1
					FROM talk_speakers ts
					JOIN companies c ON c.id = ts.company_id
					WHERE ts.person_id = p.id
						AND c.head = ?)
				OR EXISTS (
					SELECT 1
					FROM talk_speakers ts
					JOIN talks t ON t.id = ts.talk_id
					LEFT JOIN companies c ON c.id = ts.company_id
					WHERE ts.person_id = p.id
						AND t.event_id = ?
						AND (? IS NULL OR c.id IS NULL OR c.head = ?)))
		ORDER BY p.id
		LIMIT 1`, loose, ev.talk, company, ev.event, company, company).Scan(&id)
	if err == nil {
		return id, nil // not cached: another talk may not share the evidence
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	return insertNamed(w, "people", key, name)
}

// resolveCompany returns the id of the company name stands for in a talk,
// creating the row when no known company is that one. A spelling whose
// words are those of a known company plus more ("Bedrock Streaming" for
// "Bedrock") is taken for it only when a speaker was introduced with both.
func resolveCompany(w *txn, name string, ev evidence) (int64, error) {
	key := core.Fold(name)
	id, ok, err := knownID(w, "companies", key)
	if ok || err != nil {
		return id, err
	}
	words := core.CompanyWords(name)
	loose, head := strings.Join(words, ""), companyHead(name)
	rows, err := w.query(`
		SELECT c.id, c.name, c.loose = ?
		FROM companies c
		WHERE (c.loose = ? OR c.head = ?)
			AND (EXISTS (
					SELECT 1
					FROM talk_speakers ts
					WHERE ts.company_id = c.id
						AND ts.person_id = ?)
				OR c.loose = ? AND (EXISTS (
					SELECT 1
					FROM talk_speakers ts
					JOIN talks t ON t.id = ts.talk_id
					WHERE ts.company_id = c.id
						AND (t.id = ? OR t.event_id = ?))
				OR EXISTS (
					SELECT 1
					FROM talk_companies tc
					JOIN talks t ON t.id = tc.talk_id
					WHERE tc.company_id = c.id
						AND (t.id = ? OR t.event_id = ?))))
		ORDER BY c.id`, loose, loose, head, ev.person, loose, ev.talk, ev.event, ev.talk, ev.event)
	if err != nil {
		return 0, err
	}
	found := int64(0)
	for rows.Next() && found == 0 {
		var cid int64
		var cname string
		var same bool
		if err := rows.Scan(&cid, &cname, &same); err != nil {
			rows.Close()
			return 0, err
		}
		if same || wordPrefix(words, core.CompanyWords(cname)) {
			found = cid
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if found != 0 {
		return found, nil
	}
	return insertNamed(w, "companies", key, name)
}

// wordPrefix reports whether one list of words begins the other.
func wordPrefix(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) > 0
}

// knownID returns the id of the row of people or companies whose key
// (folded name) is key, if there is one, through the transaction's cache.
func knownID(w *txn, table, key string) (int64, bool, error) {
	if id, ok := w.cachedID(table, key); ok {
		return id, true, nil
	}
	q := `SELECT id FROM people WHERE key = ?`
	if table == "companies" {
		q = `SELECT id FROM companies WHERE key = ?`
	}
	var id int64
	err := w.queryRow(q, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	w.cacheID(table, key, id)
	return id, true, nil
}

// insertNamed creates the person or company row for key and name, with its
// loose keys, and caches its id.
func insertNamed(w *txn, table, key, name string) (int64, error) {
	var res sql.Result
	var err error
	switch table {
	case "people":
		res, err = w.exec(`
			INSERT INTO people (key, name, loose)
			VALUES (?, ?, ?)`, key, name, core.PersonKey(name))
	default:
		res, err = w.exec(`
			INSERT INTO companies (key, name, loose, head)
			VALUES (?, ?, ?, ?)`, key, name, core.CompanyKey(name), companyHead(name))
	}
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	w.cacheID(table, key, id)
	return id, nil
}
