package cli

import (
	"context"
	"fmt"
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
		Args: exactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
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
					out = append(out, cobra.CompletionWithDesc(id, oneLine(t.Title)))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(strings.TrimPrefix(args[0], "#"), 10, 64)
			if err != nil || id <= 0 {
				return usageErrorf("talk id must be a positive number, not %q", args[0])
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
	return render.Markdown(opts.IO, talkPage(t))
}

// talkPage writes one talk as a Markdown page: title, event, kind,
// speakers with their roles and companies, companies, AWS services, note
// takers, the notes, and the source file and line. Every value from the
// post is escaped so that it stays inside its heading or line; the notes
// are the post's own Markdown, sanitized. render.Markdown sanitizes the
// whole page again.
func talkPage(t core.TalkRecord) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", render.EscapeMarkdown(t.Title))
	if line := eventLine(t.Event); line != "" {
		fmt.Fprintf(&b, "%s\n\n", line)
	}
	if t.Kind != "" && t.Kind != string(core.KindTalk) {
		fmt.Fprintf(&b, "*%s*\n\n", render.EscapeMarkdown(t.Kind))
	}
	if len(t.Speakers) > 0 {
		b.WriteString("**Speakers**\n\n")
		for _, s := range t.Speakers {
			fmt.Fprintf(&b, "* %s\n", speakerLine(s))
		}
		b.WriteString("\n")
	}
	if len(t.Companies) > 0 {
		fmt.Fprintf(&b, "**Companies:** %s\n\n", joinClean(t.Companies))
	}
	if len(t.Services) > 0 {
		fmt.Fprintf(&b, "**AWS services:** %s\n\n", joinClean(t.Services))
	}
	if len(t.NoteAuthors) > 0 {
		fmt.Fprintf(&b, "**Notes by:** %s\n\n", joinClean(t.NoteAuthors))
	}
	if body := strings.TrimSpace(render.Sanitize(t.Body)); body != "" {
		b.WriteString("---\n\n")
		b.WriteString(body)
		b.WriteString("\n\n")
	}
	b.WriteString("---\n\n")
	src := t.Source
	if t.Line > 0 {
		src = fmt.Sprintf("%s:%d", src, t.Line)
	}
	fmt.Fprintf(&b, "*Source: %s · talk %d*\n", render.CodeSpan(src), t.ID)
	return b.String()
}

// eventLine is the event as one Markdown line, name in bold, city, date,
// escaped.
func eventLine(e *core.Event) string {
	if e == nil || e.Name == "" {
		return ""
	}
	parts := []string{"**" + render.EscapeMarkdown(e.Name) + "**"}
	if e.City != "" && !strings.Contains(core.Fold(e.Name), core.Fold(e.City)) {
		parts = append(parts, render.EscapeMarkdown(e.City))
	}
	if d := eventDate(e); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, " · ")
}

// speakerLine is "Name — Role, Company" with what is known, as escaped
// Markdown.
func speakerLine(s core.Speaker) string {
	return render.Speaker(s.Name, s.Role, s.Company, " — ", "")
}

// oneLine sanitizes a value and keeps it on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(render.Sanitize(s)), " ")
}

// joinClean escapes values for Markdown and joins them with ", ".
func joinClean(vals []string) string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = render.EscapeMarkdown(v)
	}
	return strings.Join(out, ", ")
}
