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
		Args:              exactArgs(1),
		ValidArgsFunction: completeTalkIDs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := talkID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			opts.JSON = jsonFlag(cmd)
			return runTalk(cmd.Context(), opts)
		},
	}
	return cmd
}

func runTalk(ctx context.Context, opts *TalkOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	t, ok, err := k.Talk(ctx, opts.ID)
	if err != nil {
		return err
	}
	if !ok {
		return &NotFoundError{What: "talk", ID: strconv.FormatInt(opts.ID, 10)}
	}
	if opts.JSON {
		return render.JSON(opts.IO.Out, t)
	}
	return render.Markdown(opts.IO, render.TalkPage(t))
}

// talkID reads a talk id as "notes talks" shows it ("12", or "#12").
func talkID(arg string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(arg, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usageErrorf("talk id must be a positive number, not %q", arg)
	}
	return id, nil
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
			if strings.HasPrefix(id, toComplete) {
				out = append(out, cobra.CompletionWithDesc(id, render.OneLine(t.Title)))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
