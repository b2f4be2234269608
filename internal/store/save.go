package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/notes-kb/notes/internal/core"
)

// SourceState is what the database remembers of a file, to skip unchanged
// files before reading or parsing them.
type SourceState struct {
	SHA256 string
	Size   int64
	MTime  int64
	Status string
	// Root is the folder the file was last imported from, "" when unknown.
	Root string
	// Located is false for a file stored before its public address was
	// (schema 004): an import reads it again once to find it.
	Located bool
}

// SourceStates returns the remembered state of every imported path.
func (d *DB) SourceStates(ctx context.Context) (_ map[string]SourceState, err error) {
	defer d.annotate(&err)
	rows, err := d.db.QueryContext(ctx, `
		SELECT path,
			sha256,
			size,
			mtime,
			status,
			COALESCE(root, ''),
			url IS NOT NULL
		FROM sources`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]SourceState{}
	for rows.Next() {
		var p string
		var s SourceState
		if err := rows.Scan(&p, &s.SHA256, &s.Size, &s.MTime, &s.Status, &s.Root, &s.Located); err != nil {
			return nil, err
		}
		out[p] = s
	}
	return out, rows.Err()
}

// FileInfo describes the file a Post came from.
type FileInfo struct {
	Path     string
	SHA256   string
	Size     int64
	MTime    int64
	Encoding string
	Status   string // ok | warning | failed
	Message  string

	// Lang is the post's language; TranslationKey links it to its
	// translations (see linkTranslation). Both "" when unknown.
	Lang, TranslationKey string

	// Root is the folder the import was given that holds the file; ""
	// keeps the one stored for the file, if any.
	Root string
	// URL is the post's public address: an absolute http(s) URL, or a
	// path on its site starting with "/"; "" when the post gives none.
	URL string
}

// Saved reports what SavePost changed, for the search index.
type Saved struct {
	TalkIDs   []int64 // talks written
	Removed   []int64 // talks of the previous version of the file, deleted
	SourceID  int64
	Unchanged bool // only the size/mtime were refreshed
	// Generation is the database generation right after the save, read
	// inside its transaction. An importer that knows the generation before
	// the save can tell whether another process changed talks meanwhile.
	Generation int64
}

// ChangedTalks reports whether the save added or removed talks, that is
// whether it bumped the generation by one.
func (s Saved) ChangedTalks() bool { return len(s.Removed) > 0 || len(s.TalkIDs) > 0 }

// touch records a new size and mtime for a file whose content is unchanged.
func touch(w *txn, path string, size, mtime int64) error {
	_, err := w.exec(`
		UPDATE sources
		SET size = ?, mtime = ?
		WHERE path = ?`, size, mtime, path)
	return err
}

// locate records the folder a file was imported from ("" keeps the one
// stored) and, when url is not nil, its public address.
func locate(w *txn, path, root string, url *string) error {
	_, err := w.exec(`
		UPDATE sources
		SET root = COALESCE(?, root),
			url = COALESCE(?, url)
		WHERE path = ?`, nullable(root), url, path)
	return err
}

// SavePost replaces everything known about one file with post, in one
// transaction: either the whole file is stored or nothing changes.
func (d *DB) SavePost(ctx context.Context, f FileInfo, post core.Post) (_ Saved, err error) {
	defer d.annotate(&err)
	b, err := d.Begin(ctx)
	if err != nil {
		return Saved{}, err
	}
	defer b.Rollback()
	out, err := b.SavePost(f, post)
	if err != nil {
		return out, err
	}
	return out, b.Commit()
}

func savePost(w *txn, f FileInfo, post core.Post) (Saved, error) {
	var out Saved
	old, err := talksOf(w, f.Path)
	if err != nil {
		return out, err
	}
	for _, t := range old {
		out.Removed = append(out.Removed, t.id)
	}
	root := nullable(f.Root)
	if f.Root == "" {
		// A post read again from elsewhere (changed corrections) keeps
		// the folder it was imported from.
		err := w.queryRow(`
			SELECT root
			FROM sources
			WHERE path = ?`, f.Path).Scan(&root)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return out, err
		}
	}
	var maxID int64
	if err := w.queryRow(`SELECT COALESCE(MAX(id), 0) FROM talks`).Scan(&maxID); err != nil {
		return out, err
	}
	if _, err := w.exec(`DELETE FROM sources WHERE path = ?`, f.Path); err != nil {
		return out, err
	}
	var eventID sql.NullInt64
	if post.Event != nil {
		id, err := upsertEvent(w, *post.Event)
		if err != nil {
			return out, err
		}
		eventID = sql.NullInt64{Int64: id, Valid: true}
	}
	status := f.Status
	if status == "" {
		status = "ok"
	}
	res, err := w.exec(`
		INSERT INTO sources (
			path,
			sha256,
			size,
			mtime,
			format,
			encoding,
			title,
			event_id,
			status,
			message,
			imported_at,
			lang,
			translation_key,
			root,
			url
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.Path, f.SHA256, f.Size, f.MTime, string(post.Format), f.Encoding, post.Title,
		eventID, status, f.Message, time.Now().UTC().Format(time.RFC3339), nullable(f.Lang), nullable(f.TranslationKey),
		root, f.URL)
	if err != nil {
		return out, err
	}
	out.SourceID, err = res.LastInsertId()
	if err != nil {
		return out, err
	}
	for i, s := range post.Services {
		sid, err := upsertService(w, s.Name)
		if err != nil {
			return out, err
		}
		if _, err := w.exec(`
			INSERT INTO source_services (source_id, service_id, mentions, position)
			VALUES (?, ?, ?, ?)`, out.SourceID, sid, s.Mentions, i); err != nil {
			return out, err
		}
	}
	// A new talk's id follows the largest ever seen here, not the largest
	// left: the ids freed by the delete above (this post's talks that are
	// gone) would otherwise name another talk than they did.
	ids := keptIDs(old, post.Talks)
	for i := range ids {
		if ids[i] == 0 {
			maxID++
			ids[i] = maxID
		}
	}
	for i, t := range post.Talks {
		talkEvent := eventID
		if t.Event != nil { // a correction moved the talk to another event
			id, err := talkEventID(w, *t.Event)
			if err != nil {
				return out, err
			}
			talkEvent = sql.NullInt64{Int64: id, Valid: true}
		}
		if err := insertTalk(w, ids[i], out.SourceID, talkEvent, i, t); err != nil {
			return out, err
		}
		out.TalkIDs = append(out.TalkIDs, ids[i])
	}
	if f.TranslationKey != "" {
		if err := linkTranslation(w, out.SourceID, eventID, f, out.TalkIDs); err != nil {
			return out, err
		}
	}
	out.Generation, err = generation(w, out.ChangedTalks())
	return out, err
}

// generation returns the generation inside tx, bumped by one first when
// bump is set: every change to talks bumps it, in the same transaction, so
// the search index can tell which state of the talks it reflects.
func generation(w *txn, bump bool) (int64, error) {
	var v string
	var err error
	if bump {
		err = w.queryRow(`
			UPDATE meta
			SET value = CAST(value AS INTEGER) + 1
			WHERE key = 'generation'
			RETURNING value`).Scan(&v)
	} else {
		err = w.queryRow(`
			SELECT value
			FROM meta
			WHERE key = 'generation'`).Scan(&v)
	}
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// recordFailure remembers a file that could not be imported, keeping
// whatever an earlier successful import stored for it.
func recordFailure(w *txn, f FileInfo) error {
	res, err := w.exec(`
		UPDATE sources
		SET status = 'failed',
			message = ?
		WHERE path = ?`, f.Message, f.Path)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := w.exec(`
			INSERT INTO sources (
				path,
				sha256,
				size,
				mtime,
				format,
				status,
				message,
				imported_at
			) VALUES (?, ?, ?, ?, '', 'failed', ?, ?)`,
			f.Path, f.SHA256, f.Size, f.MTime, f.Message, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
	}
	return nil
}

// Pruned reports what Prune forgot.
type Pruned struct {
	Removed []int64  // ids of the talks removed with the files
	Paths   []string // the files forgotten
	// Generation is the database generation right after the prune, as in
	// Saved; it is bumped by one when Paths is not empty.
	Generation int64
}

// Prune forgets imported files for which keep returns false, with their
// talks, in one transaction.
func (d *DB) Prune(ctx context.Context, keep func(path string) bool) (_ Pruned, err error) {
	defer d.annotate(&err)
	var out Pruned
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return out, err
	}
	defer tx.Rollback()
	w := &txn{Tx: tx, ctx: ctx, d: d}
	// The paths are read inside the write transaction: a file another
	// import adds meanwhile is not forgotten by mistake.
	rows, err := w.query(`SELECT path FROM sources`)
	if err != nil {
		return out, err
	}
	var all []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return out, err
		}
		all = append(all, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	for _, p := range all {
		if keep(p) {
			continue
		}
		ids, err := talkIDsOf(w, p)
		if err != nil {
			return out, err
		}
		if _, err := w.exec(`DELETE FROM sources WHERE path = ?`, p); err != nil {
			return out, err
		}
		out.Removed = append(out.Removed, ids...)
		out.Paths = append(out.Paths, p)
	}
	if out.Generation, err = generation(w, len(out.Paths) > 0); err != nil {
		return out, err
	}
	return out, tx.Commit()
}

// DeleteOrphans removes people, companies and events no longer referenced.
// It runs once at the end of an import rather than per file.
func (d *DB) DeleteOrphans(ctx context.Context) (err error) {
	defer d.annotate(&err)
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := &txn{Tx: tx, ctx: ctx, d: d}
	for _, q := range []string{
		`DELETE FROM people
		 WHERE id NOT IN (SELECT person_id FROM talk_speakers)
		   AND id NOT IN (SELECT person_id FROM note_authors)`,
		`DELETE FROM companies
		 WHERE id NOT IN (SELECT company_id FROM talk_speakers WHERE company_id IS NOT NULL)
		   AND id NOT IN (SELECT company_id FROM talk_companies)`,
		`DELETE FROM events
		 WHERE id NOT IN (SELECT event_id FROM sources WHERE event_id IS NOT NULL)
		   AND id NOT IN (SELECT event_id FROM talks WHERE event_id IS NOT NULL)`,
	} {
		if _, err := w.exec(q); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func talkIDsOf(w *txn, path string) ([]int64, error) {
	return scanIDs(w.query(`
		SELECT t.id
		FROM talks t
		JOIN sources s ON s.id = t.source_id
		WHERE s.path = ?`, path))
}

// storedTalk is what keptIDs needs of a talk already stored.
type storedTalk struct {
	id    int64
	title string
}

// talksOf returns the talks stored for the file at path, in order.
func talksOf(w *txn, path string) ([]storedTalk, error) {
	rows, err := w.query(`
		SELECT t.id, t.title
		FROM talks t
		JOIN sources s ON s.id = t.source_id
		WHERE s.path = ?
		ORDER BY t.position`, path)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedTalk
	for rows.Next() {
		var t storedTalk
		if err := rows.Scan(&t.id, &t.title); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// keptIDs gives each talk of a post read again the id it had, when it was
// stored before under the same title (ignoring case and spaces; the first
// unused one, in order, when a post repeats a title), and 0 (savePost then
// gives it a new one) otherwise: an id printed by "notes talks" still names the same talk
// after the post is edited, corrected or imported again.
func keptIDs(old []storedTalk, talks []core.Talk) []int64 {
	key := func(title string) string { return strings.ToLower(strings.Join(strings.Fields(title), " ")) }
	free := map[string][]int64{}
	for _, t := range old {
		k := key(t.title)
		free[k] = append(free[k], t.id)
	}
	ids := make([]int64, len(talks))
	for i, t := range talks {
		k := key(t.Title)
		if len(free[k]) > 0 {
			ids[i], free[k] = free[k][0], free[k][1:]
		}
	}
	return ids
}

// insertTalk stores t under id (see keptIDs).
func insertTalk(w *txn, id, sourceID int64, eventID sql.NullInt64, pos int, t core.Talk) error {
	kind := string(t.Kind)
	if kind == "" {
		kind = string(core.KindTalk)
	}
	_, err := w.exec(`
		INSERT INTO talks (
			id,
			source_id,
			event_id,
			position,
			title,
			kind,
			line,
			summary,
			body
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, sourceID, eventID, pos, t.Title, kind, t.Line, t.Summary, t.Body)
	if err != nil {
		return err
	}
	// A talk never lists a person twice: a name written in a heading and
	// again in a speaker line, or two spellings of it, are one speaker,
	// whose role and company come from the first line that gives them.
	seen := map[int64]bool{}
	companyOf := map[string]int64{} // folded company name → id, in this talk
	n := 0                          // speakers written
	for _, s := range t.Speakers {
		ev := evidence{talk: id, event: eventID}
		if s.Company != "" {
			ev.company = companyHead(s.Company)
		}
		pid, err := resolvePerson(w, s.Name, ev)
		if err != nil {
			return err
		}
		var cid sql.NullInt64
		if s.Company != "" {
			ev.person = pid
			c, err := resolveCompany(w, s.Company, ev)
			if err != nil {
				return err
			}
			cid = sql.NullInt64{Int64: c, Valid: true}
			companyOf[core.Fold(s.Company)] = c
		}
		if seen[pid] {
			if _, err := w.exec(`
				UPDATE talk_speakers
				SET role = COALESCE(role, ?),
					company_id = COALESCE(company_id, ?)
				WHERE talk_id = ?
					AND person_id = ?`, nullable(s.Role), cid, id, pid); err != nil {
				return err
			}
			continue
		}
		seen[pid] = true
		if _, err := w.exec(`
			INSERT INTO talk_speakers (talk_id, position, person_id, role, company_id)
			VALUES (?, ?, ?, ?, ?)`, id, n, pid, nullable(s.Role), cid); err != nil {
			return err
		}
		n++
	}
	for i, c := range t.Companies {
		cid, ok := companyOf[core.Fold(c)]
		if !ok {
			var err error
			if cid, err = resolveCompany(w, c, evidence{talk: id, event: eventID}); err != nil {
				return err
			}
		}
		if _, err := w.exec(`
			INSERT OR IGNORE INTO talk_companies (talk_id, company_id, position)
			VALUES (?, ?, ?)`, id, cid, i); err != nil {
			return err
		}
	}
	for i, s := range t.Services {
		sid, err := upsertService(w, s.Name)
		if err != nil {
			return err
		}
		if _, err := w.exec(`
			INSERT INTO talk_services (talk_id, service_id, mentions, position)
			VALUES (?, ?, ?, ?)`, id, sid, s.Mentions, i); err != nil {
			return err
		}
	}
	for i, a := range t.NoteAuthors {
		pid, err := resolvePerson(w, a, evidence{talk: id, event: eventID})
		if err != nil {
			return err
		}
		if _, err := w.exec(`
			INSERT INTO note_authors (talk_id, position, person_id)
			VALUES (?, ?, ?)`, id, i, pid); err != nil {
			return err
		}
	}
	return nil
}

func nullable(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// upsertService returns the id of the service named name, creating it if
// needed. Services are keyed by their canonical name as it is.
func upsertService(w *txn, name string) (int64, error) {
	if id, ok := w.cachedID("services", name); ok {
		return id, nil
	}
	var id int64
	err := w.queryRow(`SELECT id FROM services WHERE name = ?`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		var res sql.Result
		if res, err = w.exec(`INSERT INTO services (name) VALUES (?)`, name); err == nil {
			id, err = res.LastInsertId()
		}
	}
	if err != nil {
		return 0, err
	}
	w.cacheID("services", name, id)
	return id, nil
}

// eventKey identifies an event across posts: two posts about "AWS Summit
// Paris 2022" (a part 1 and a part 2) share one row. The city comes last so
// that a post that does not name it finds the event by prefix. A name that
// says more than its series, city and year ("AWS Summit Switzerland 2019",
// where Switzerland is no city) keeps what it says in the key, so that it
// is not taken for the series' event in another place.
func eventKey(e core.Event) string {
	k := core.Fold(e.Name)
	if e.Series != "" {
		k = strings.TrimSpace(core.Fold(e.Series) + " " + nameBeyond(e))
	}
	if e.Year != 0 && !strings.Contains(k, strconv.Itoa(e.Year)) {
		k += " " + strconv.Itoa(e.Year)
	}
	return k + "|" + core.Fold(e.City)
}

// nameBeyond is the folded words of an event's name that are not in its
// series, its city or its year.
func nameBeyond(e core.Event) string {
	skip := map[string]bool{strconv.Itoa(e.Year): true}
	for _, w := range strings.Fields(core.Fold(e.Series + " " + e.City)) {
		skip[w] = true
	}
	var rest []string
	for _, w := range strings.Fields(core.Fold(e.Name)) {
		if !skip[w] {
			rest = append(rest, w)
		}
	}
	return strings.Join(rest, " ")
}

// upsertEvent is not cached as upsertNamed is: it runs once per post, not
// once per speaker (10 to 30 ms of CPU for 1,000 posts), and a post may
// still have to fill in the date or city of the event it finds.
func upsertEvent(w *txn, e core.Event) (int64, error) {
	key := eventKey(e)
	prefix := key[:strings.IndexByte(key, '|')+1]
	var id int64
	var date, city sql.NullString
	err := w.queryRow(`SELECT id, date, city FROM events WHERE key = ?`, key).Scan(&id, &date, &city)
	if errors.Is(err, sql.ErrNoRows) {
		// The same series and year where one post names no city: one event.
		q := `SELECT id, date, city FROM events WHERE key = ?`
		arg := prefix
		if e.City == "" {
			q = `SELECT id, date, city FROM events WHERE substr(key, 1, ?) = ? ORDER BY id LIMIT 1`
			err = w.queryRow(q, len(prefix), prefix).Scan(&id, &date, &city)
		} else {
			err = w.queryRow(q, arg).Scan(&id, &date, &city)
			if err == nil {
				if _, err := w.exec(`UPDATE events SET city = ?, key = ?, name = ? WHERE id = ?`, e.City, key, e.Name, id); err != nil {
					return 0, err
				}
			}
		}
	}
	if err == nil {
		// Fill what an earlier post did not know.
		if (!date.Valid || date.String == "") && e.Date != "" {
			if _, err := w.exec(`UPDATE events SET date = ? WHERE id = ?`, e.Date, id); err != nil {
				return 0, err
			}
		}
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	res, err := w.exec(`
		INSERT INTO events (key, name, series, city, year, date)
		VALUES (?, ?, ?, ?, ?, ?)`,
		key, e.Name, nullable(e.Series), nullable(e.City), sql.NullInt64{Int64: int64(e.Year), Valid: e.Year != 0}, nullable(e.Date))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// talkEventID is the event a correction moves a talk to: a known event of
// that name when the correction gives only a name (a talk moved to "AWS
// Summit Paris 2024" joins the event other posts found), else upsertEvent.
// Only corrections take this path: the events table is small and read whole.
func talkEventID(w *txn, e core.Event) (int64, error) {
	if e.Series == "" && e.Year == 0 && e.City == "" {
		rows, err := w.query(`SELECT id, name FROM events ORDER BY id`)
		if err != nil {
			return 0, err
		}
		want := core.Fold(e.Name)
		found := int64(0)
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return 0, err
			}
			if found == 0 && core.Fold(name) == want {
				found = id
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil || found != 0 {
			return found, err
		}
	}
	return upsertEvent(w, e)
}
