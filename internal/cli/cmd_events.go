package cli

import (
	"context"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// EventsOptions are the inputs of "notes events".
type EventsOptions struct {
	IO *render.IO
	KB func() (*kb.KB, error)

	Event string // words matched against name, series, city and year
	JSON  bool
}

func newCmdEvents(f *Factory) *cobra.Command {
	opts := &EventsOptions{IO: f.IO, KB: f.ExistingKB}
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "events [--event <words>]",
		Short: "List events with their talk counts",
		Long: `List the conferences the posts are about, by date, with how many talks
were noted at each and the files that describe them. Two posts about the
same event (a part 1 and a part 2) are one event.

On a terminal the events are a table; in a pipe they are tab-separated
rows (name, date, talks) with no header; --json prints an array of event
objects.`,
		Example: `  notes events
  notes events --event summit
  notes events --event "re:Invent" --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkEventFlag(ff.Event); err != nil {
				return err
			}
			opts.Event = strings.TrimSpace(ff.Event)
			opts.JSON = jsonFlag(cmd)
			return runEvents(cmd.Context(), opts)
		},
	}
	addFilterFlags(cmd, f, &ff, flagEvent)
	f.printsJSON(cmd, []core.EventRecord{})
	return cmd
}

func runEvents(ctx context.Context, opts *EventsOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	events, err := k.Events(ctx, opts.Event)
	if err != nil {
		return err
	}
	if len(events) == 0 {
		if err := sayMisses(ctx, opts.IO, k, core.TalkFilter{Event: opts.Event}); err != nil {
			return err
		}
	}
	return showList(opts.IO, opts.JSON, events, "events", "event", "events", func() ([]string, [][]string) {
		rows := make([][]string, len(events))
		if !opts.IO.OutTerminal {
			for i, e := range events {
				rows[i] = []string{e.Name, render.EventDate(&e.Event), strconv.Itoa(e.Talks)}
			}
			return nil, rows
		}
		for i, e := range events {
			rows[i] = []string{e.Name, render.EventDate(&e.Event), e.City, strconv.Itoa(e.Talks)}
		}
		return []string{"EVENT", "DATE", "CITY", "TALKS"}, rows
	})
}
