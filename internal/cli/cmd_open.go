package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// OpenOptions are the inputs of "notes open".
type OpenOptions struct {
	IO     *render.IO
	KB     func() (*kb.KB, error)
	Getenv func(string) string

	ID int64
}

func newCmdOpen(f *Factory) *cobra.Command {
	opts := &OpenOptions{IO: f.IO, KB: f.ExistingKB, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "open <id>",
		Short: "Open a talk's post in your editor, at the talk",
		Long: `Open the file a talk came from in your editor, at the talk's line: to fix
a typo, add a speaker, or read the notes around it.

The editor is $VISUAL, else $EDITOR, and may hold arguments ("code -w",
"emacsclient -t"). vi, vim, nvim, nano, emacs, micro, kak, gedit and other
editors that take +LINE open at the talk's line; so do code and codium
(-g FILE:LINE), subl, zed and hx (FILE:LINE); any other editor is given
the file alone.

The editor runs with notes' own terminal, in a pipe too: you asked for
it. To get the file and line in a script instead, use
"notes talk ID --json | jq -r '.source, .line'". After editing, "notes
import" the file again to update the knowledge base.

Exit status: 0 when the editor exits 0; 1 when the talk does not exist,
its file is gone, no editor is set, or the editor fails.`,
		Example: `  notes open 12
  EDITOR="code -w" notes open 12
  notes open 12 && notes import posts/2024-04-10-aws-summit-paris-2024.md`,
		Args:              talkIDArg(&opts.ID),
		ValidArgsFunction: completeTalkIDs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runOpen(cmd.Context(), opts)
		},
	}
	return cmd
}

func runOpen(ctx context.Context, opts *OpenOptions) error {
	// The talk first: an id that does not exist is the error to fix
	// first, whatever the editor.
	t, err := findTalk(ctx, opts.KB, opts.ID)
	if err != nil {
		return err
	}
	editor, variable := opts.Getenv("VISUAL"), "$VISUAL"
	if strings.TrimSpace(editor) == "" {
		editor, variable = opts.Getenv("EDITOR"), "$EDITOR"
	}
	if strings.TrimSpace(editor) == "" {
		return errors.New("no editor to open the talk with: set $VISUAL or $EDITOR (for example: export EDITOR=vim)")
	}
	if _, err := os.Stat(t.Source); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("talk %d came from %s, which is gone (moved or deleted?): import it from where it is now, or forget it with notes import --prune FOLDER", t.ID, t.Source)
	} else if err != nil {
		return fmt.Errorf("talk %d: %w", t.ID, err)
	}
	argv, err := editorCommand(editor, opts.Getenv, t.Source, t.Line)
	if err != nil {
		return fmt.Errorf("%s (%q): %w", variable, editor, err)
	}
	// Not tied to ctx: Ctrl-C belongs to the editor while it runs.
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = opts.IO.In, opts.IO.Out, opts.IO.Err
	err = cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		return fmt.Errorf("editor %s (%s) exited with status %d", argv[0], variable, exitErr.ExitCode())
	case err != nil:
		return fmt.Errorf("cannot run the editor %s: %w (set %s to an editor on your $PATH)", variable, err, variable)
	}
	return nil
}
