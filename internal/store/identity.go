package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/notes-kb/notes/internal/core"
)

// ShowPathsFrom makes the listings show source paths relative to dir when
// they are under it (core.ShowPath); paths are stored absolute. An empty dir
// shows them as stored.
func (d *DB) ShowPathsFrom(dir string) { d.base = dir }

// shown is a stored path as the listings show it.
func (d *DB) shown(path string) string { return core.ShowPath(d.base, path) }

// SameContent returns the other stored paths whose content has this
// SHA-256 (failed files aside), through the sha256 index: the check an
// import makes before storing a file a second time under another name.
func (b *Batch) SameContent(sha256, path string) (_ []string, err error) {
	defer b.w.d.annotate(&err)
	rows, err := b.w.query(`
		SELECT path
		FROM sources
		WHERE sha256 = ?
			AND path <> ?
			AND status <> 'failed'
		ORDER BY path`, sha256, path)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Forget removes what is stored about one file, within the batch: an import
// forgets a file whose content became a copy of another stored file.
func (b *Batch) Forget(path string) (_ Saved, err error) {
	defer b.w.d.annotate(&err)
	var out Saved
	err = b.file(func(w *txn) error {
		var err error
		if out.Removed, err = talkIDsOf(w, path); err != nil {
			return err
		}
		if _, err := w.exec(`DELETE FROM sources WHERE path = ?`, path); err != nil {
			return err
		}
		out.Generation, err = generation(w, len(out.Removed) > 0)
		return err
	})
	return out, err
}

// RelativeSource is a source whose path an older notes stored as typed,
// relative to a folder it did not record.
type RelativeSource struct {
	Path string
	SourceState
}

// RelativeSources lists the sources stored under a relative path, through
// the partial index of migration 002 (no scan when there is none).
func (d *DB) RelativeSources(ctx context.Context) (_ []RelativeSource, err error) {
	defer d.annotate(&err)
	rows, err := d.db.QueryContext(ctx, `
		SELECT path, sha256, size, mtime, status
		FROM sources
		WHERE substr(path, 1, 1) <> '/'
		ORDER BY path`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RelativeSource
	for rows.Next() {
		var r RelativeSource
		if err := rows.Scan(&r.Path, &r.SHA256, &r.Size, &r.MTime, &r.Status); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Adopted reports what AdoptPaths changed.
type Adopted struct {
	Moved   int     // sources now stored under their absolute path
	Removed []int64 // talks of relative sources already stored absolute
	// Generation is the database generation after the change; it is
	// bumped when Removed is not empty.
	Generation int64
}

// AdoptPaths stores each relative path of moves (old → absolute) under its
// absolute path, in one transaction. When the absolute path is already
// stored (the same file imported again by a newer notes), the relative row
// is a duplicate and is removed with its talks.
func (d *DB) AdoptPaths(ctx context.Context, moves map[string]string) (_ Adopted, err error) {
	defer d.annotate(&err)
	var out Adopted
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return out, err
	}
	defer tx.Rollback()
	w := &txn{Tx: tx, ctx: ctx, d: d}
	for from, to := range moves {
		var n int
		if err := w.QueryRowContext(ctx, `SELECT COUNT(*) FROM sources WHERE path = ?`, to).Scan(&n); err != nil {
			return out, err
		}
		if n == 0 {
			if _, err := w.exec(`UPDATE sources SET path = ? WHERE path = ?`, to, from); err != nil {
				return out, err
			}
			out.Moved++
			continue
		}
		ids, err := talkIDsOf(w, from)
		if err != nil {
			return out, err
		}
		if _, err := w.exec(`DELETE FROM sources WHERE path = ?`, from); err != nil {
			return out, err
		}
		out.Removed = append(out.Removed, ids...)
	}
	if out.Generation, err = generation(w, len(out.Removed) > 0); err != nil {
		return out, err
	}
	return out, tx.Commit()
}

// Meta returns the value of key in the meta table, "" when unset.
func (d *DB) Meta(ctx context.Context, key string) (_ string, err error) {
	defer d.annotate(&err)
	var v string
	err = d.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta sets key to value in the meta table.
func (d *DB) SetMeta(ctx context.Context, key, value string) (err error) {
	defer d.annotate(&err)
	_, err = d.db.ExecContext(ctx, `
		INSERT INTO meta (key, value)
		VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
