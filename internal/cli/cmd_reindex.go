package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// ReindexOptions are the inputs of "notes reindex".
type ReindexOptions struct {
	IO *render.IO
	KB func() (*kb.KB, error)

	JSON bool
}

func newCmdReindex(f *Factory) *cobra.Command {
	opts := &ReindexOptions{IO: f.IO, KB: f.ExistingKB}
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

func runReindex(ctx context.Context, opts *ReindexOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	n, err := k.Reindex(ctx)
	if errors.Is(err, kb.ErrIndexLocked) {
		return fmt.Errorf("reindex: %w (an import?): try again when it is done", err)
	}
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if opts.JSON {
		return render.JSON(opts.IO.Out, map[string]any{"indexed": n, "index": k.IndexPath()})
	}
	fmt.Fprintf(opts.IO.Err, "indexed %s\n", render.Plural(n, "talk", "talks"))
	return nil
}
