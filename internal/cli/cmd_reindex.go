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
	// Corrections is the corrections file (--corrections).
	Corrections string
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
the index (another notes held it), or to start afresh.

When the corrections file (see notes import --help) changed since the last
import, the posts are read again with it first.`,
		Example: `  notes reindex
  notes --db ./team.db reindex`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.JSON = jsonFlag(cmd)
			return runReindex(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Corrections, "corrections", "", "apply this corrections `file` first (default: the one the database remembers)")
	f.printsJSON(cmd, reindexJSON{})
	return cmd
}

// reindexJSON is what "notes reindex --json" prints.
type reindexJSON struct {
	Index   string `json:"index"`
	Indexed int    `json:"indexed"`
}

func runReindex(ctx context.Context, opts *ReindexOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	// Corrections that changed since the posts were stored: they are read
	// again first (nothing is read when the corrections are the same).
	changed, err := k.CorrectionsChanged(ctx, opts.Corrections)
	if err == nil && changed {
		var sum kb.Summary
		sum, err = k.Import(ctx, nil, kb.ImportOptions{Corrections: opts.Corrections})
		if err == nil {
			fmt.Fprintf(opts.IO.Err, "corrections changed: read %s again\n", render.Plural(sum.Imported, "post", "posts"))
		}
	}
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
		return render.JSON(opts.IO, reindexJSON{Index: k.IndexPath(), Indexed: n})
	}
	fmt.Fprintf(opts.IO.Err, "indexed %s\n", render.Plural(n, "talk", "talks"))
	return nil
}
