package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// CorrectOptions are the inputs of "notes alias" and "notes hide", the
// commands that write the corrections file for the user.
type CorrectOptions struct {
	IO *render.IO
	KB func() (*kb.KB, error)

	Corrections string // --corrections
	Section     string // people, companies, services, events
	From, To    string
	TalkID      int64
}

// aliasSections maps the word typed to the section of the file.
var aliasSections = map[string]string{
	"person": "people", "people": "people",
	"company": "companies", "companies": "companies",
	"service": "services", "services": "services",
	"event": "events", "events": "events",
}

func newCmdAlias(f *Factory) *cobra.Command {
	opts := &CorrectOptions{IO: f.IO, KB: f.ExistingKB}
	cmd := &cobra.Command{
		Use:   "alias person|company|service|event <name> <is-name>",
		Short: "Say in the corrections file that a name is another",
		Long: `Write in the corrections file (see notes import --help) that a name, as
posts write it, stands for another, then read the posts again with it. The
file is the one named with --corrections, else the one the database
remembers from the last import; it is created when missing, and its
comments are kept.`,
		Example: `  notes alias person "Xavier F. Gouchet" "Xavier Gouchet"
  notes alias company "Bedrock Streaming" Bedrock --corrections posts/.notes/corrections.yaml`,
		Args: exactArgs("the kind of name (person, company, service or event)", "the name as posts write it", "the name it stands for"),
		RunE: func(cmd *cobra.Command, args []string) error {
			section, ok := aliasSections[strings.ToLower(args[0])]
			if !ok {
				return usageErrorf("alias: %q is not person, company, service or event", args[0])
			}
			if strings.TrimSpace(args[1]) == "" {
				return usageErrorf("alias: the name is empty")
			}
			opts.Section, opts.From, opts.To = section, args[1], args[2]
			return runCorrect(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Corrections, "corrections", "", "the corrections `file` to write (default: the one the database remembers)")
	cmd.ValidArgsFunction = completeAlias(f)
	return cmd
}

// aliasFilters are, by section of the corrections file, the filter whose
// names "notes alias" completes.
var aliasFilters = map[string]string{"people": flagSpeaker, "companies": flagCompany, "services": flagService, "events": flagEvent}

// completeAlias completes the kind of name, then names of that kind that
// the knowledge base knows, for both names (a service by its aliases too).
func completeAlias(f *Factory) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return completeWords("person", "company", "service", "event")(cmd, args, toComplete)
		}
		filter, ok := aliasFilters[aliasSections[strings.ToLower(args[0])]]
		if !ok || len(args) > 2 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var aliases []func(string) []string
		if filter == flagService {
			aliases = append(aliases, serviceAliases)
		}
		return completeFrom(f, knownNames[filter], aliases...)(cmd, args, toComplete)
	}
}

func newCmdHide(f *Factory) *cobra.Command {
	opts := &CorrectOptions{IO: f.IO, KB: f.ExistingKB}
	cmd := &cobra.Command{
		Use:   "hide talk <id>",
		Short: "Say in the corrections file that a talk is not one",
		Long: `Write in the corrections file (see notes import --help) that a talk, found
by its post and title, is hidden, then read the posts again with it. The
file is the one named with --corrections, else the one the database
remembers from the last import.`,
		Example: `  notes hide talk 42`,
		Args:    exactArgs("\"talk\"", "the talk id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] != "talk" {
				return usageErrorf("hide: only a talk can be hidden (notes hide talk ID), not %q", args[0])
			}
			id, err := strconv.ParseInt(strings.TrimPrefix(args[1], "#"), 10, 64)
			if err != nil || id <= 0 {
				return usageErrorf("talk id must be a positive number, not %q", args[1])
			}
			opts.TalkID = id
			return runCorrect(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Corrections, "corrections", "", "the corrections `file` to write (default: the one the database remembers)")
	ids := completeTalkIDs(f)
	cmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return completeWords("talk")(cmd, args, toComplete)
		}
		if args[0] != "talk" {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return ids(cmd, args[1:], toComplete)
	}
	return cmd
}

func runCorrect(ctx context.Context, opts *CorrectOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	file, err := k.CorrectionsFile(ctx, opts.Corrections)
	if errors.Is(err, kb.ErrNoCorrectionsFile) {
		return &UsageError{Err: err}
	}
	if err != nil {
		return err
	}
	prog := render.NewProgress(opts.IO, true)
	io := &ImportOptions{IO: opts.IO}
	iopts := kb.ImportOptions{Report: func(e kb.Event) { reportImport(io, prog, e) }}
	var sum kb.Summary
	what := ""
	if opts.TalkID != 0 {
		var ok bool
		sum, ok, err = k.HideTalk(ctx, file, opts.TalkID, iopts)
		if err == nil && !ok {
			return &NotFoundError{What: "talk", ID: strconv.FormatInt(opts.TalkID, 10)}
		}
		what = fmt.Sprintf("talk %d hidden", opts.TalkID)
	} else {
		sum, err = k.Alias(ctx, file, opts.Section, opts.From, opts.To, iopts)
		what = fmt.Sprintf("%s: %q is %q", opts.Section, opts.From, opts.To)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Err, "%s, in %s; read %s again\n", what, kb.Shown(file), render.Plural(sum.Imported, "post", "posts"))
	return nil
}
