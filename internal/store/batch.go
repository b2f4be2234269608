package store

import (
	"context"
	"fmt"

	"github.com/notes-kb/notes/internal/core"
)

// Batch writes several files in one transaction, each file behind a
// savepoint of its own: a file is still stored whole or not at all, and a
// file that fails to save leaves the files before it in the batch intact.
// An import commits a batch every few dozen files: one commit per file
// rewrote the same index pages to the log each time (158,000 writes for
// 1,000 posts), and the commits were a third of the time spent saving.
//
// A batch holds the database's write lock until Commit: another notes
// writing meanwhile waits (the busy timeout is ten seconds), so batches
// are kept short.
type Batch struct {
	w     *txn
	files int
}

// Begin starts a batch. The batch's statements are not interrupted by ctx
// (each takes microseconds; an interrupted import stops between files and
// commits what it saved), so the driver does not watch ctx for each one.
func (d *DB) Begin(ctx context.Context) (_ *Batch, err error) {
	defer d.annotate(&err)
	ctx = context.WithoutCancel(ctx)
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &Batch{w: &txn{Tx: tx, ctx: ctx, d: d}}, nil
}

// Files is the number of files written in the batch so far.
func (b *Batch) Files() int { return b.files }

// file runs fn behind a savepoint: on error, what fn wrote is undone and
// the batch goes on without it.
func (b *Batch) file(fn func(w *txn) error) error {
	if _, err := b.w.Exec(`SAVEPOINT file`); err != nil {
		return err
	}
	if err := fn(b.w); err != nil {
		b.w.forgetIDs() // what fn inserted is undone: its ids with it
		if _, rerr := b.w.Exec(`ROLLBACK TO file`); rerr != nil {
			return fmt.Errorf("%w (and undoing it: %v)", err, rerr)
		}
		_, _ = b.w.Exec(`RELEASE file`)
		return err
	}
	b.files++
	_, err := b.w.Exec(`RELEASE file`)
	return err
}

// SavePost replaces everything known about one file with post, within
// the batch. The generation it reports is
// the one the database will have once the batch is committed, if nothing
// else is saved in it.
func (b *Batch) SavePost(f FileInfo, post core.Post) (_ Saved, err error) {
	defer b.w.d.annotate(&err)
	var out Saved
	err = b.file(func(w *txn) error {
		var err error
		out, err = savePost(w, f, post)
		return err
	})
	return out, err
}

// Touch records a new size and mtime for a file whose content is
// unchanged.
func (b *Batch) Touch(path string, size, mtime int64) (err error) {
	defer b.w.d.annotate(&err)
	return b.file(func(w *txn) error { return touch(w, path, size, mtime) })
}

// Locate records the folder a file whose content is unchanged was
// imported from ("" keeps the one stored) and, when url is not nil, the
// post's public address (see FileInfo).
func (b *Batch) Locate(path, root string, url *string) (err error) {
	defer b.w.d.annotate(&err)
	return b.file(func(w *txn) error { return locate(w, path, root, url) })
}

// RecordFailure remembers a file that could not be imported, keeping
// whatever an earlier successful import stored for it.
func (b *Batch) RecordFailure(f FileInfo) (err error) {
	defer b.w.d.annotate(&err)
	return b.file(func(w *txn) error { return recordFailure(w, f) })
}

// Commit makes the batch's files durable and ends the batch.
func (b *Batch) Commit() (err error) {
	defer b.w.d.annotate(&err)
	return b.w.Commit()
}

// Rollback forgets the batch's files. After Commit it does nothing.
func (b *Batch) Rollback() { _ = b.w.Rollback() }
