package cli

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// SourcesOptions are the inputs of "notes sources".
type SourcesOptions struct {
	IO *render.IO
	KB func() (*kb.KB, error)

	JSON bool
}

func newCmdSources(f *Factory) *cobra.Command {
	opts := &SourcesOptions{IO: f.IO, KB: f.ExistingKB}
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "List imported files",
		Long: `List the files imported so far, by path: the format detected, the event
found, how many talks, the AWS services named anywhere in the post, and the
status of the last import (ok, warning or failed, with its message).

On a terminal the files are a table; in a pipe they are tab-separated rows
(path, format, event, talks, status) with no header; --json prints an
array of source objects.`,
		Example: `  notes sources
  notes sources --json | jq '.[] | select(.talks == 0) | .path'
  notes sources | awk -F'\t' '$5 != "ok"'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.JSON = jsonFlag(cmd)
			return runSources(cmd.Context(), opts)
		},
	}
	f.printsJSON(cmd, []core.SourceRecord{})
	return cmd
}

func runSources(ctx context.Context, opts *SourcesOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	srcs, err := k.Sources(ctx)
	if err != nil {
		return err
	}
	return showList(opts.IO, opts.JSON, srcs, "sources", "file", "files", func() ([]string, [][]string) {
		rows := make([][]string, len(srcs))
		for i, s := range srcs {
			status := s.Status
			if opts.IO.OutTerminal && s.Message != "" {
				status += ": " + s.Message
			}
			// Escaped reversibly, not collapsed like text (issue 13, item 10).
			rows[i] = []string{render.PathField(s.Path), s.Format, render.EventName(s.Event), strconv.Itoa(s.Talks), status}
		}
		return []string{"PATH", "FORMAT", "EVENT", "TALKS", "STATUS"}, rows
	})
}
