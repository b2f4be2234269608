package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/render"
	"github.com/notes-kb/notes/internal/store"
)

// ReindexOptions are the inputs of "notes reindex".
type ReindexOptions struct {
	IO        *render.IO
	Store     func() (*store.DB, error)
	IndexPath func() string

	JSON bool
}

func newCmdReindex(f *Factory) *cobra.Command {
	opts := &ReindexOptions{IO: f.IO, Store: f.ExistingStore, IndexPath: f.IndexPath}
	cmd := &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from the database",
		Long: `Delete the search index (<db>.bleve) and build it again from the talks in
the database. The database is the source of truth: the index can always be
rebuilt. "notes search" does this by itself when the index is missing or
older than the database; run it by hand after an import could not update
the index (another notes held it), or to start afresh.`,
		Example: `  notes reindex
  notes --db ./team.db reindex`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.JSON = jsonFlag(cmd)
			return runReindex(cmd.Context(), opts)
		},
	}
	return cmd
}

// reindexLockWait is how long reindex waits for another notes (an
// import) to finish updating the index.
const reindexLockWait = 30 * time.Second

func runReindex(ctx context.Context, opts *ReindexOptions) error {
	db, err := opts.Store()
	if err != nil {
		return err
	}
	lock, err := lockIndex(opts.IndexPath(), reindexLockWait)
	if errors.Is(err, errIndexLocked) {
		return fmt.Errorf("reindex: %w (an import?): try again when it is done", err)
	}
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	defer lock.release()
	n, err := rebuildIndex(ctx, db, opts.IndexPath())
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if opts.JSON {
		return render.JSON(opts.IO.Out, map[string]any{"indexed": n, "index": opts.IndexPath()})
	}
	fmt.Fprintf(opts.IO.Err, "indexed %s\n", plural(n, "talk", "talks"))
	return nil
}

// plural writes n with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
