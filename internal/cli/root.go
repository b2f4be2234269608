package cli

import (
	"errors"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// version is the module version and the commit notes was built from, as
// the Go toolchain records them ("v1.2.0", or "(devel) abc1234 (modified)"
// for a build from a checkout).
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = " (modified)"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += " " + rev + modified
	}
	return v + " " + info.GoVersion
}

// NewCmdRoot returns the notes command with every subcommand and the
// global flags.
func NewCmdRoot(f *Factory) *cobra.Command {
	var (
		noColor bool
		width   int
		style   string
		noPager bool
	)
	cmd := &cobra.Command{
		Use:   "notes <command> [flags]",
		Short: "A knowledge base of conference write-ups",
		Long: `notes turns a folder of conference write-ups (Markdown, AsciiDoc or plain
text, mostly French) into a knowledge base you can query: which talks were
given at which event, by whom, for which company, which AWS services came
up, and what was said.

Import posts once with "notes import"; re-importing skips unchanged files.
Then list talks, events, speakers, companies and services, read one talk,
or search everything, and write a digest to send with "notes digest".
Every listing takes --json: every field, or only those named (--json
title,speakers; a command's help lists its fields), and --jq EXPRESSION
runs jq on that JSON, printing strings without quotes.

On a terminal, lists are aligned tables and pages are rendered Markdown,
in colour (not with NO_COLOR or --no-color), paged with $PAGER (default
"less -FRX") when longer than the screen. In a pipe, lists are
tab-separated rows and pages are plain Markdown, without escape codes.

The database is --db, else $NOTES_DB, else $XDG_DATA_HOME/notes/notes.db
(~/.local/share/notes/notes.db); the search index lives beside it as
<db>.bleve and can be rebuilt at any time with "notes reindex".`,
		Example: `  notes import ~/blog/_posts
  notes talks --event "AWS Summit 2022"
  notes talks --service s3 --json
  notes talks --json title,speakers
  notes talks --jq '.[] | select(.speakers == []) | .title'
  notes talk 12
  notes search karpenter
  notes speakers --company AWS
  notes digest --event "AWS Summit 2024" -o summit.md`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if width < 0 {
				return usageErrorf("--width must be a positive number of columns, not %d", width)
			}
			if width > 0 {
				f.IO.Width = width
			}
			if noColor {
				f.IO.Color = false
			}
			if style != "" {
				f.IO.Style = style
			}
			if noPager {
				f.IO.NoPager = true
			}
			return f.checkJSONFlags(cmd)
		},
	}
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &UsageError{Err: flagValueError(err)}
	})

	pf := cmd.PersistentFlags()
	pf.StringVar(&f.dbFlag, "db", "", "database `path` (env NOTES_DB; default $XDG_DATA_HOME/notes/notes.db)")
	f.addJSONFlags(cmd)
	pf.BoolVar(&noColor, "no-color", false, "no colours (also when NO_COLOR is set)")
	pf.BoolVar(&noPager, "no-pager", false, "do not page long output on a terminal (the pager is $PAGER, default \"less -FRX\")")
	pf.IntVar(&width, "width", 0, "wrap and truncate output to `columns` (default: the terminal's width)")
	pf.StringVar(&style, "style", "", "glamour `style` for Markdown on a terminal: dark, light, notty, dracula… (env GLAMOUR_STYLE)")

	cmd.AddCommand(
		newCmdImport(f),
		newCmdTalks(f),
		newCmdTalk(f),
		newCmdOpen(f),
		newCmdEvents(f),
		newCmdSpeakers(f),
		newCmdCompanies(f),
		newCmdServices(f),
		newCmdSources(f),
		newCmdSearch(f),
		newCmdDigest(f),
		newCmdReindex(f),
		newCmdDoctor(f),
		newCmdAlias(f),
		newCmdHide(f),
		newCmdCompletion(f),
	)
	completeNoFilesByDefault(cmd)
	return cmd
}

// fileFlags are the flags whose value is a file: the shell completes them
// with file names.
var fileFlags = map[string]bool{"db": true, "output": true, "corrections": true}

// glamourStyles are the styles --style names (glamour's standard ones).
var glamourStyles = []string{"auto", "dark", "light", "notty", "dracula", "tokyo-night", "pink", "ascii"}

// completeNoFilesByDefault makes every flag that takes a value, and has no
// completion of its own, complete nothing rather than the shell's file
// names (which --limit, --width, --title or --query never are), but for
// fileFlags; --style completes the glamour styles.
func completeNoFilesByDefault(root *cobra.Command) {
	root.RegisterFlagCompletionFunc("style", completeWords(glamourStyles...))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		register := func(fl *pflag.Flag) {
			if fl.Value.Type() == "bool" || fl.NoOptDefVal != "" || fileFlags[fl.Name] {
				return
			}
			if _, ok := c.GetFlagCompletionFunc(fl.Name); !ok {
				c.RegisterFlagCompletionFunc(fl.Name, cobra.NoFileCompletions)
			}
		}
		c.LocalNonPersistentFlags().VisitAll(register)
		c.PersistentFlags().VisitAll(register)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// jsonFlag reads the global --json flag: true with --json, with --json
// FIELDS and with --jq, which implies it.
func jsonFlag(cmd *cobra.Command) bool {
	on := false
	if fl := cmd.Flags().Lookup("json"); fl != nil {
		on = fl.Value.String() != "false"
	}
	jq, _ := cmd.Flags().GetString("jq")
	return on || jq != ""
}

// strconvError is how pflag words a flag value that does not parse: Go's
// own error, "strconv.ParseInt: parsing \"abc\": invalid syntax".
var strconvError = regexp.MustCompile(`strconv\.Parse(\w+): parsing "(?:[^"\\]|\\.)*": (invalid syntax|value out of range)`)

// flagValueError says in words what is wrong with a flag's value:
// `invalid argument "abc" for "--year" flag: not a number`, not the
// strconv error pflag passes on.
func flagValueError(err error) error {
	msg := err.Error()
	out := strconvError.ReplaceAllStringFunc(msg, func(m string) string {
		parts := strconvError.FindStringSubmatch(m)
		switch {
		case parts[1] == "Bool":
			return "not true or false"
		case parts[2] == "value out of range":
			return "a number out of range"
		case parts[1] == "Float":
			return "not a number"
		}
		return "not a whole number"
	})
	if out == msg {
		return err
	}
	return errors.New(out)
}

// exactArgs takes exactly one argument per name given, and says which are
// missing or how many it takes: "notes talk: missing the talk id", not
// cobra's "accepts 1 arg(s), received 0".
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < len(names):
			return usageErrorf("%s: missing %s", cmd.CommandPath(), joinAnd(names[len(args):]))
		case len(args) > len(names):
			n := "1 argument"
			if len(names) > 1 {
				n = strconv.Itoa(len(names)) + " arguments"
			}
			return usageErrorf("%s takes %s (%s), not %d: %s", cmd.CommandPath(), n, joinAnd(names), len(args), quoteAll(args))
		}
		return nil
	}
}

// joinAnd joins words as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// quoteAll is each of args quoted, space-separated.
func quoteAll(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = strconv.Quote(a)
	}
	return strings.Join(quoted, " ")
}

// minimumArgs is cobra.MinimumNArgs returning a UsageError that says what
// is missing.
func minimumArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErrorf("%s: missing %s", cmd.CommandPath(), what)
		}
		return nil
	}
}

// noArgs is cobra.NoArgs returning a UsageError.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}
