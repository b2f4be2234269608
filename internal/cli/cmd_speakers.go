package cli

import (
	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
)

func newCmdSpeakers(f *Factory) *cobra.Command {
	opts := &CountsOptions{IO: f.IO, KB: f.ExistingKB, List: (*kb.KB).Speakers, Header: "SPEAKER", Extra: true}
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "speakers [--event <words>] [--year <n>] [--company <name>] [--service <name>]",
		Short: "List speakers with their talk counts",
		Long: `List the people who gave the talks, most talks first, with the companies
they were introduced with. Note-takers ("Résumé par …") are not speakers.
The filters select the talks that are counted.

On a terminal the speakers are a table; in a pipe they are tab-separated
rows (name, talks) with no header; --json prints an array of objects with
name, talks, companies and by_year.`,
		Example: `  notes speakers
  notes speakers --company AWS
  notes speakers --event "AWS Summit 2023" --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			filter, err := ff.talkFilter()
			if err != nil {
				return err
			}
			opts.Filter = filter
			opts.JSON = jsonFlag(cmd)
			return runCounts(cmd.Context(), opts)
		},
	}
	addFilterFlags(cmd, f, &ff, flagEvent, flagYear, flagCompany, flagService, flagKind, flagQuery, flagLimit)
	f.printsJSON(cmd, []core.CountRecord{}, "mentions", "category")
	return cmd
}
