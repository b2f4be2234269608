package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// linkTranslation links the talks just saved for a post (talks, in order)
// to those of a post it translates (issue 14, item 4): the first stored
// post with the same translation key in another language (or whose
// language is unknown). A key that is only the post's date ("date:…")
// also wants the same event and as many talks. Talks are paired by
// position when the two posts have as many, else by the same speakers.
// A linked talk points at its original (talks.translation_of) and is
// left out of listings and counts.
func linkTranslation(w *txn, sourceID int64, eventID sql.NullInt64, f FileInfo, talks []int64) error {
	if len(talks) == 0 {
		return nil
	}
	byDate := strings.HasPrefix(f.TranslationKey, "date:")
	sameEvent := 0
	if byDate {
		sameEvent = 1
	}
	var partner int64
	err := w.queryRow(`
		SELECT id
		FROM sources
		WHERE translation_key = ?
			AND id <> ?
			AND (lang IS NULL OR ? = '' OR lang <> ?)
			AND (? = 0 OR event_id IS ?)
		ORDER BY id
		LIMIT 1`, f.TranslationKey, sourceID, f.Lang, f.Lang, sameEvent, eventID).Scan(&partner)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	originals, err := scanIDs(w.query(`
		SELECT id
		FROM talks
		WHERE source_id = ?
			AND translation_of IS NULL
		ORDER BY position`, partner))
	if err != nil {
		return err
	}
	pairs := map[int64]int64{} // translation → original
	switch {
	case len(originals) == len(talks):
		for i, t := range talks {
			pairs[t] = originals[i]
		}
	case byDate:
		return nil // a date alone and other talks: two posts, not one
	default:
		used := map[int64]bool{}
		for _, t := range talks {
			st, err := speakerSet(w, t)
			if err != nil {
				return err
			}
			for _, o := range originals {
				so, err := speakerSet(w, o)
				if err != nil {
					return err
				}
				if !used[o] && st != "" && st == so {
					pairs[t], used[o] = o, true
					break
				}
			}
		}
	}
	for t, o := range pairs {
		if _, err := w.exec(`UPDATE talks SET translation_of = ? WHERE id = ?`, o, t); err != nil {
			return err
		}
	}
	return nil
}

// speakerSet is the sorted keys of the speakers of a talk, joined.
func speakerSet(w *txn, talk int64) (string, error) {
	rows, err := w.query(`
		SELECT p.key
		FROM talk_speakers ts
		JOIN people p ON p.id = ts.person_id
		WHERE ts.talk_id = ?`, talk)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return "", err
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, "|"), rows.Err()
}

// fillTranslations gives each listed talk the talks that translate it,
// and the talk of a translation its original (by id).
func (d *DB) fillTranslations(ctx context.Context, talks []core.TalkRecord, byID map[int64]int) error {
	if len(talks) == 0 {
		return nil
	}
	ids := make([]any, len(talks))
	for i, t := range talks {
		ids[i] = t.ID
	}
	in := placeholders(len(ids))
	rows, err := d.db.QueryContext(ctx, `
		SELECT t.translation_of, t.id, t.title, s.path, COALESCE(s.lang, '')
		FROM talks t
		JOIN sources s ON s.id = t.source_id
		WHERE t.translation_of IN (`+in+`)
		UNION ALL
		SELECT t.id, o.id, o.title, s.path, COALESCE(s.lang, '')
		FROM talks t
		JOIN talks o ON o.id = t.translation_of
		JOIN sources s ON s.id = o.source_id
		WHERE t.id IN (`+in+`)
		ORDER BY 1, 2`, append(ids, ids...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var of int64
		var tr core.Translation
		if err := rows.Scan(&of, &tr.TalkID, &tr.Title, &tr.Source, &tr.Lang); err != nil {
			return err
		}
		tr.Source = d.shown(tr.Source)
		if i, ok := byID[of]; ok {
			talks[i].Translations = append(talks[i].Translations, tr)
		}
	}
	return rows.Err()
}
