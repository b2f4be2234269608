package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// The shells "notes completion" writes a script for.
var completionShells = []string{"bash", "zsh", "fish", "powershell"}

func newCmdCompletion(f *Factory) *cobra.Command {
	var noDesc bool
	cmd := &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Write the shell completion script for bash, zsh, fish or powershell",
		Long: `Write the script that lets your shell complete notes' commands, flags
and values. --event, --speaker, --company and --service complete from the
database, ignoring case and accents, and --service from any alias too
("lamb" offers AWS Lambda). A value with spaces is inserted escaped
(--event AWS\ Summit\ Paris\ 2024), or inside the quote you opened.

bash needs the bash-completion package (apt install bash-completion, dnf
install bash-completion, brew install bash-completion@2), loaded by
~/.bashrc as most distributions do (else add "source
/usr/share/bash-completion/bash_completion" to it). Then, for every new
shell:

  mkdir -p ~/.local/share/bash-completion/completions
  notes completion bash > ~/.local/share/bash-completion/completions/notes

zsh needs its completion system ("autoload -U compinit; compinit" in
~/.zshrc); write the script to a folder of $fpath:

  notes completion zsh > "${fpath[1]}/_notes"

fish:

  notes completion fish > ~/.config/fish/completions/notes.fish

To try it in the current shell only: source <(notes completion bash), or
source <(notes completion zsh), or notes completion fish | source.`,
		Example: `  notes completion bash > ~/.local/share/bash-completion/completions/notes
  notes completion zsh > "${fpath[1]}/_notes"
  notes completion fish > ~/.config/fish/completions/notes.fish
  source <(notes completion bash)
  notes completion bash --no-descriptions > notes.bash`,
		ValidArgs:             completionShells,
		Args:                  completionArgs,
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeCompletion(cmd.Root(), f.IO.Out, args[0], !noDesc)
		},
	}
	cmd.Flags().BoolVar(&noDesc, "no-descriptions", false, "leave out the descriptions of completions (the titles next to talk ids)")
	return cmd
}

// completionArgs wants one shell name.
func completionArgs(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageErrorf("%s: name one shell: %s", cmd.CommandPath(), strings.Join(completionShells, ", "))
	}
	for _, s := range completionShells {
		if args[0] == s {
			return nil
		}
	}
	return usageErrorf("%s: no completion for %q: name one of %s", cmd.CommandPath(), args[0], strings.Join(completionShells, ", "))
}

// writeCompletion writes cobra's completion script for shell, with the
// changes bash and zsh need (see patchBash and patchZsh).
func writeCompletion(root *cobra.Command, w io.Writer, shell string, desc bool) error {
	var buf bytes.Buffer
	var err error
	switch shell {
	case "bash":
		if err = root.GenBashCompletionV2(&buf, desc); err == nil {
			err = patchScript(&buf, root.Name(), bashPatches)
		}
	case "zsh":
		if desc {
			err = root.GenZshCompletion(&buf)
		} else {
			err = root.GenZshCompletionNoDesc(&buf)
		}
		if err == nil {
			err = patchScript(&buf, root.Name(), zshPatches)
		}
	case "fish":
		err = root.GenFishCompletion(&buf, desc)
	case "powershell":
		if desc {
			err = root.GenPowerShellCompletionWithDesc(&buf)
		} else {
			err = root.GenPowerShellCompletion(&buf)
		}
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// A scriptPatch replaces one passage of a cobra completion script. In both,
// NAME stands for the program's name, as cobra writes it into its function
// names (__notes_…).
type scriptPatch struct {
	why      string
	old, new string
}

// patchScript applies patches to the script in buf. Each passage must be
// there exactly once: a cobra whose scripts changed fails the tests (and
// "notes completion") instead of writing a half-patched script.
func patchScript(buf *bytes.Buffer, name string, patches []scriptPatch) error {
	s := buf.String()
	for _, p := range patches {
		old := strings.ReplaceAll(p.old, "NAME", name)
		if n := strings.Count(s, old); n != 1 {
			return fmt.Errorf("completion script: the passage to change (%s) is there %d times, not once: cobra's script changed", p.why, n)
		}
		s = strings.Replace(s, old, strings.ReplaceAll(p.new, "NAME", name), 1)
	}
	buf.Reset()
	buf.WriteString(s)
	return nil
}

// Cobra's scripts hand notes the words of the command line through eval,
// and filter the candidates again by what was typed. Neither works for the
// names notes completes: a word that opens a quote ("AWS Summit P) makes
// eval fail, so nothing is completed; the shell's filter is case-sensitive
// and knows no aliases, so "lamb" never offers AWS Lambda; and bash inserts
// the common part of several candidates unescaped ("AWS Summit Paris 202"),
// which the next Enter runs as separate words (cobra issue #1740).
//
// So the word being completed reaches notes as typed, escaped for eval,
// and notes reads it as the shell would (completionWord); notes filters
// its candidates itself (by prefix, ignoring case and accents, services by
// alias too), and the scripts take them as they are. fish already does
// both: it hands notes the word as typed, and inserts a candidate that does
// not start with it in place of the word, escaped.

// bashPatches change cobra's bash (v2) script.
var bashPatches = []scriptPatch{{
	why: "the word being completed is passed as typed",
	old: `    args=("${words[@]:1}")
`,
	new: `    args=("${words[@]:1}")
    # notes reads the word being completed as typed (an opening quote, a
    # backslash): escape it so that eval hands it over unchanged.
    if ((${#args[@]} > 0)) && [[ -n ${args[${#args[@]}-1]} ]]; then
        printf -v 'args[${#args[@]}-1]' %q "${args[${#args[@]}-1]}"
    fi
`,
}, {
	why: "candidates are handled by __NAME_handle_candidates",
	old: `    else
        __NAME_handle_completion_types
    fi`,
	new: `    else
        __NAME_handle_candidates
    fi`,
}, {
	why: "candidates are inserted escaped and not filtered again",
	old: `__NAME_handle_completion_types() {`,
	new: `# notes filters its candidates itself (ignoring case and accents, services
# by alias too): bash takes them as they are. What bash inserts is escaped
# as the word was typed: with backslashes in a bare word, as is after an
# opening quote (readline closes it). A list that is only shown (a second
# Tab, COMP_TYPE 63) shows the names as they are, with their descriptions.
__NAME_handle_candidates() {
    local tab=$'\t' comp quoted longest=0 plain=1
    (( ${#completions[@]} == 0 )) && return 0
    for comp in "${completions[@]}"; do
        comp=${comp%%$tab*}
        printf -v quoted %q "$comp"
        [[ $quoted == "$comp" ]] || plain=0
        ((${#comp} > longest)) && longest=${#comp}
    done
    if ((${#completions[@]} > 1)) && [[ $COMP_TYPE == 63 || $plain == 1 ]]; then
        COMPREPLY=("${completions[@]}")
        __NAME_format_comp_descriptions $longest
        return 0
    fi
    COMPREPLY=("${completions[@]%%$tab*}")
    if [[ $cur != [\"\']* ]]; then
        local i
        for i in "${!COMPREPLY[@]}"; do
            printf -v 'COMPREPLY[i]' %q "${COMPREPLY[i]}"
        done
    fi
}

__NAME_handle_completion_types() {`,
}}

// zshPatches change cobra's zsh script.
var zshPatches = []scriptPatch{{
	why: "the word being completed is kept whole",
	old: `    words=("${=words[1,CURRENT]}")`,
	new: `    # notes reads the word being completed as typed (an opening quote, a
    # backslash): it is kept whole here, and escaped below so that eval
    # hands it over unchanged.
    words=("${=words[1,CURRENT-1]}" "${words[CURRENT]}")`,
}, {
	why: "the word being completed is passed as typed",
	old: ` ${words[2,-1]}"`,
	new: ` ${words[2,-2]} ${words[-1]:+${(q)words[-1]}}"`,
}, {
	why: "candidates are not filtered again",
	old: `        if eval _describe $keepOrder "completions" completions $flagPrefix $noSpace; then`,
	new: `        # notes filters its candidates itself (ignoring case and accents,
        # services by alias too): -U takes them as they are.
        if eval _describe $keepOrder "completions" completions -U $flagPrefix $noSpace; then`,
}}
