package cli

import (
	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
)

func newCmdCompanies(f *Factory) *cobra.Command {
	opts := &CountsOptions{IO: f.IO, KB: f.ExistingKB, List: (*kb.KB).Companies, Header: "COMPANY"}
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "companies [--event <words>] [--year <n>] [--speaker <name>] [--service <name>]",
		Short: "List companies with their talk counts",
		Long: `List the companies named by the talks (speakers' employers and presenting
organisations), most talks first. The filters select the talks that are
counted.

On a terminal the companies are a table; in a pipe they are tab-separated
rows (name, talks) with no header; --json prints an array of objects with
name, talks and by_year.

--by-year draws, for each company, a bar of its talks per year on a
terminal; in a pipe it prints name, year, talks rows.`,
		Example: `  notes companies
  notes companies --year 2022
  notes companies --service eks --json
  notes companies --by-year --limit 5`,
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
	cmd.Flags().BoolVar(&opts.ByYear, "by-year", false, "show talks per year as a bar chart (name, year, talks rows in a pipe)")
	addFilterFlags(cmd, f, &ff, flagEvent, flagYear, flagSpeaker, flagService, flagKind, flagQuery, flagLimit)
	f.printsJSON(cmd, []core.CountRecord{}, "mentions", "category", "companies")
	return cmd
}
