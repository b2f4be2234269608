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

// TalkOptions are the inputs of "notes talk".
type TalkOptions struct {
	IO *render.IO
	KB func() (*kb.KB, error)

	ID   int64
	JSON bool
}

func newCmdTalk(f *Factory) *cobra.Command {
	opts := &TalkOptions{IO: f.IO, KB: f.ExistingKB}
	cmd := &cobra.Command{
		Use:   "talk <id>",
		Short: "Show one talk in full",
		Long: `Show one talk: its title, event, speakers with their roles and companies,
the AWS services it names, who took the notes, the notes themselves and the
file and line they come from.

On a terminal the page is rendered Markdown; in a pipe it is the Markdown
itself; --json prints the talk object with its body. The id is the one
"notes talks" and "notes search" show. An unknown id exits with status 1.`,
		Example: `  notes talk 12
  notes talk 12 > talk-12.md
  notes talk 12 --json | jq -r .body`,
		Args:              talkIDArg(&opts.ID),
		ValidArgsFunction: completeTalkIDs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.JSON = jsonFlag(cmd)
			return runTalk(cmd.Context(), opts)
		},
	}
	f.printsJSON(cmd, core.TalkRecord{})
	return cmd
}

func runTalk(ctx context.Context, opts *TalkOptions) error {
	t, err := findTalk(ctx, opts.KB, opts.ID)
	if err != nil {
		return err
	}
	if opts.JSON {
		return render.JSON(opts.IO, t)
	}
	return render.Markdown(opts.IO, render.TalkPage(t))
}

// findTalk is talk id of the knowledge base, or a NotFoundError.
func findTalk(ctx context.Context, open func() (*kb.KB, error), id int64) (core.TalkRecord, error) {
	k, err := open()
	if err != nil {
		return core.TalkRecord{}, err
	}
	t, ok, err := k.Talk(ctx, id)
	if err == nil && !ok {
		err = &NotFoundError{What: "talk", ID: strconv.FormatInt(id, 10)}
	}
	return t, err
}

// talkIDArg reads the one argument of a command as a talk id, as "notes
// talks" shows it ("12", or "#12"), into id.
func talkIDArg(id *int64) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := exactArgs("the talk id")(cmd, args); err != nil {
			return err
		}
		n, err := strconv.ParseInt(strings.TrimPrefix(args[0], "#"), 10, 64)
		if err != nil || n <= 0 {
			return usageErrorf("talk id must be a positive number, not %q", args[0])
		}
		*id = n
		return nil
	}
}

// completeTalkIDs completes a talk id from the database, each with its
// title.
func completeTalkIDs(f *Factory) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		k, err := f.ExistingKB()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		talks, err := k.Talks(commandContext(cmd), core.TalkFilter{})
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, t := range talks {
			id := strconv.FormatInt(t.ID, 10)
			if strings.HasPrefix(id, completionWord(toComplete)) {
				out = append(out, cobra.CompletionWithDesc(id, render.OneLine(t.Title)))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
