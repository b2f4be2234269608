package cli

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// DoctorOptions are the inputs of "notes doctor".
type DoctorOptions struct {
	IO *render.IO
	KB func() (*kb.KB, error)

	JSON bool
}

func newCmdDoctor(f *Factory) *cobra.Command {
	opts := &DoctorOptions{IO: f.IO, KB: f.ExistingKB}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "List what looks wrong in the knowledge base, worst first",
		Long: `List what a person should look at, worst first: imported files that are
gone or failed, posts that name an event but gave no talk, people and
companies stored under near-identical names, speakers whose name does not
look like one, talks with no speaker, events without a year or a city.
Each line says what would fix it: a command, or an entry of the
corrections file (see notes import --help).

On a terminal the problems are a table; in a pipe they are tab-separated
rows (severity, kind, subject, problem, fix) with no header; --json prints
an array of {kind, severity, subject, detail, fix, talks}. Finding
problems is not a failure: the exit status is 0.`,
		Example: `  notes doctor | head
  notes doctor --json | jq '.[] | select(.kind == "near-duplicate-person")'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.JSON = jsonFlag(cmd)
			return runDoctor(cmd.Context(), opts)
		},
	}
	f.printsJSON(cmd, []core.Problem{})
	return cmd
}

func runDoctor(ctx context.Context, opts *DoctorOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	probs, err := k.Doctor(ctx)
	if err != nil {
		return err
	}
	return showList(opts.IO, opts.JSON, probs, "problems", "problem", "problems", func() ([]string, [][]string) {
		rows := make([][]string, len(probs))
		for i, p := range probs {
			rows[i] = []string{strconv.Itoa(p.Severity), p.Kind, render.OneLine(p.Subject), render.OneLine(p.Detail), render.OneLine(p.Fix)}
		}
		return []string{"SEV", "KIND", "SUBJECT", "PROBLEM", "FIX"}, rows
	})
}
