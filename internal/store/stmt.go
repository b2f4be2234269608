package store

import (
	"context"
	"database/sql"
	"sync"
)

// txn is a write transaction whose statements are prepared once per
// database and reused: an import runs the same dozen statements hundreds
// of thousands of times, and compiling them each time was most of
// SavePost's cost.
type txn struct {
	*sql.Tx
	ctx context.Context
	d   *DB
}

// stmtCache holds the prepared statements of a DB, by SQL text.
type stmtCache struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// prepared returns the statement for query, preparing it on first use.
func (d *DB) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	d.cache.mu.Lock()
	defer d.cache.mu.Unlock()
	if st, ok := d.cache.stmts[query]; ok {
		return st, nil
	}
	st, err := d.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if d.cache.stmts == nil {
		d.cache.stmts = map[string]*sql.Stmt{}
	}
	d.cache.stmts[query] = st
	return st, nil
}

// closeStatements releases the prepared statements (on Close).
func (d *DB) closeStatements() {
	d.cache.mu.Lock()
	defer d.cache.mu.Unlock()
	for _, st := range d.cache.stmts {
		st.Close()
	}
	d.cache.stmts = nil
}

func (w *txn) exec(query string, args ...any) (sql.Result, error) {
	st, err := w.d.prepared(w.ctx, query)
	if err != nil {
		return nil, err
	}
	return w.Tx.StmtContext(w.ctx, st).ExecContext(w.ctx, args...)
}

func (w *txn) queryRow(query string, args ...any) *sql.Row {
	st, err := w.d.prepared(w.ctx, query)
	if err != nil {
		// Let the caller see the error through Scan.
		return w.Tx.QueryRowContext(w.ctx, query, args...)
	}
	return w.Tx.StmtContext(w.ctx, st).QueryRowContext(w.ctx, args...)
}

func (w *txn) query(query string, args ...any) (*sql.Rows, error) {
	st, err := w.d.prepared(w.ctx, query)
	if err != nil {
		return nil, err
	}
	return w.Tx.StmtContext(w.ctx, st).QueryContext(w.ctx, args...)
}
