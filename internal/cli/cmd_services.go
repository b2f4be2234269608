package cli

import (
	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
)

func newCmdServices(f *Factory) *cobra.Command {
	opts := &CountsOptions{IO: f.IO, KB: f.ExistingKB, List: (*kb.KB).Services, Header: "SERVICE", Mentions: true}
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "services [--event <words>] [--year <n>] [--speaker <name>] [--company <name>]",
		Short: "List AWS services with their talk and mention counts",
		Long: `List the AWS services the talks name, under their canonical names (S3,
"Simple Storage Service" and Amazon S3 are one service), with how many
talks name each and how many times in all. The filters select the talks
that are counted.

On a terminal the services are a table; in a pipe they are tab-separated
rows (name, talks, mentions) with no header; --json prints an array of
objects with name, talks, mentions and by_year.

--by-year draws, for each service, a bar of its talks per year on a
terminal; in a pipe it prints name, year, talks rows.`,
		Example: `  notes services
  notes services --event "AWS Summit Paris 2022"
  notes services --limit 10 --json
  notes services --by-year --limit 5`,
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
	addFilterFlags(cmd, f, &ff, flagEvent, flagYear, flagSpeaker, flagCompany, flagKind, flagQuery, flagLimit)
	f.printsJSON(cmd, []core.CountRecord{}, "category", "companies")
	return cmd
}
