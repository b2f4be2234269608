package cli

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// TalksOptions are the inputs of "notes talks".
type TalksOptions struct {
	IO *render.IO
	KB func() (*kb.KB, error)

	Filter core.TalkFilter
	JSON   bool
}

func newCmdTalks(f *Factory) *cobra.Command {
	opts := &TalksOptions{IO: f.IO, KB: f.ExistingKB}
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "talks [--event <words>] [--year <n>] [--speaker <name>] [--company <name>] [--service <name>]",
		Short: "List talks",
		Long: `List the talks of the knowledge base, by event date, filtered by event,
year, speaker, company, AWS service or kind.

--event matches the words of the query against the event's name, series,
city and year, in any order, ignoring case and accents: "AWS Summit 2022"
finds "AWS Summit Paris 2022". --service accepts any alias of a service
(s3, "Simple Storage Service", Amazon S3).

On a terminal the talks are a table; in a pipe they are tab-separated rows
(id, event, date, title, speakers) with no header; --json prints an array
of talk objects.`,
		Example: `  notes talks
  notes talks --event "AWS Summit 2022"
  notes talks --speaker "Jane Doe" --json
  notes talks --service lambda --year 2023
  notes talks --company AWS | cut -f4`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			filter, err := ff.talkFilter()
			if err != nil {
				return err
			}
			opts.Filter = filter
			opts.JSON = jsonFlag(cmd)
			return runTalks(cmd.Context(), opts)
		},
	}
	addFilterFlags(cmd, f, &ff, flagEvent, flagYear, flagSpeaker, flagCompany, flagService, flagKind, flagQuery, flagLimit)
	f.printsJSON(cmd, []core.TalkRecord{}, "body")
	return cmd
}

func runTalks(ctx context.Context, opts *TalksOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	talks, err := k.Talks(ctx, opts.Filter)
	if err != nil {
		return err
	}
	if len(talks) == 0 {
		if err := sayMisses(ctx, opts.IO, k, opts.Filter); err != nil {
			return err
		}
	}
	total := len(talks)
	if opts.Filter.Limit > 0 && len(talks) == opts.Filter.Limit && !opts.JSON && opts.IO.ErrTerminal {
		// Perhaps cut: how many there are is said on the terminal.
		if total, err = k.CountTalks(ctx, opts.Filter); err != nil {
			return err
		}
	}
	return showListOf(opts.IO, opts.JSON, talks, total, "talks", "talk", "talks", func() ([]string, [][]string) {
		rows := make([][]string, len(talks))
		for i, t := range talks {
			rows[i] = []string{strconv.FormatInt(t.ID, 10), render.EventName(t.Event), render.EventDate(t.Event), t.Title, render.SpeakerNames(t.Speakers)}
		}
		return []string{"ID", "EVENT", "DATE", "TITLE", "SPEAKERS"}, rows
	})
}
