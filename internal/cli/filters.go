package cli

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/catalog"
	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// filterFlags are the flags that select talks, shared by talks, search and
// the count listings.
type filterFlags struct {
	Event   string
	Year    int
	Speaker string
	Company string
	Service string
	Kind    string
	Query   string
	Limit   int
}

// The names addFilterFlags understands.
const (
	flagEvent   = "event"
	flagYear    = "year"
	flagSpeaker = "speaker"
	flagCompany = "company"
	flagService = "service"
	flagKind    = "kind"
	flagQuery   = "query"
	flagLimit   = "limit"
)

// talkKinds are the values --kind accepts.
var talkKinds = []string{
	string(core.KindTalk),
	string(core.KindKeynote),
	string(core.KindLightning),
	string(core.KindWorkshop),
}

// addFilterFlags defines the named filter flags on cmd, with completion
// from the database for the names.
func addFilterFlags(cmd *cobra.Command, f *Factory, ff *filterFlags, names ...string) {
	fl := cmd.Flags()
	for _, n := range names {
		switch n {
		case flagEvent:
			fl.StringVar(&ff.Event, n, "", "only talks of events matching these `words`, any order (\"AWS Summit 2022\")")
			cmd.RegisterFlagCompletionFunc(n, completeFrom(f, knownNames[flagEvent]))
		case flagYear:
			fl.IntVar(&ff.Year, n, 0, "only talks of events held that `year`")
			cmd.RegisterFlagCompletionFunc(n, completeFrom(f, knownYears))
		case flagSpeaker:
			fl.StringVar(&ff.Speaker, n, "", "only talks given by a speaker whose name contains these `words`")
			cmd.RegisterFlagCompletionFunc(n, completeFrom(f, knownNames[flagSpeaker]))
		case flagCompany:
			fl.StringVar(&ff.Company, n, "", "only talks naming a company matching these `words`")
			cmd.RegisterFlagCompletionFunc(n, completeFrom(f, knownNames[flagCompany]))
		case flagService:
			fl.StringVar(&ff.Service, n, "", "only talks naming this AWS `service` (any alias: s3, \"Simple Storage Service\")")
			cmd.RegisterFlagCompletionFunc(n, completeFrom(f, knownNames[flagService], serviceAliases))
		case flagKind:
			fl.StringVar(&ff.Kind, n, "", "only talks of this `kind`: "+strings.Join(talkKinds, ", "))
			cmd.RegisterFlagCompletionFunc(n, completeWords(talkKinds...))
		case flagQuery:
			fl.StringVar(&ff.Query, n, "", "only talks a search for these `words` finds (notes search syntax: \"who spoke about kubernetes\")")
		case flagLimit:
			fl.IntVar(&ff.Limit, n, 0, "show at most `n` results (0: all)")
		default:
			panic("unknown filter flag " + n)
		}
	}
}

// talkFilter validates the flags and turns them into a store filter. The
// service is normalised through the catalogue, so that --service s3 and
// --service "Amazon S3" select the same talks.
func (ff filterFlags) talkFilter() (core.TalkFilter, error) {
	if ff.Year < 0 || ff.Year != 0 && (ff.Year < 1900 || ff.Year > 2999) {
		return core.TalkFilter{}, usageErrorf("--year must be a four-digit year, not %d", ff.Year)
	}
	if ff.Limit < 0 {
		return core.TalkFilter{}, usageErrorf("--limit must be 0 (no limit) or more, not %d", ff.Limit)
	}
	if err := checkEventFlag(ff.Event); err != nil {
		return core.TalkFilter{}, err
	}
	kind := strings.ToLower(strings.TrimSpace(ff.Kind))
	if kind != "" && !slices.Contains(talkKinds, kind) {
		return core.TalkFilter{}, usageErrorf("--kind must be one of %s, not %q", strings.Join(talkKinds, ", "), ff.Kind)
	}
	query := strings.TrimSpace(ff.Query)
	if query != "" {
		if err := kb.CheckQuery(query); err != nil {
			return core.TalkFilter{}, &UsageError{Err: err}
		}
	}
	return core.TalkFilter{
		Query:   query,
		Event:   strings.TrimSpace(ff.Event),
		Year:    ff.Year,
		Speaker: strings.TrimSpace(ff.Speaker),
		Company: strings.TrimSpace(ff.Company),
		Service: canonicalService(ff.Service),
		Kind:    kind,
		Limit:   ff.Limit,
	}, nil
}

// checkEventFlag refuses an --event of punctuation alone ("%", "-", "?",
// "..."): it has no word to match an event by, and used to match every
// talk without a word said (issue 13, item 9).
func checkEventFlag(event string) error {
	if event = strings.TrimSpace(event); event != "" && !kb.HasEventWords(event) {
		return usageErrorf("--event %q has no letters or digits to match: give words of the event's name, city or year, such as \"AWS Summit 2024\"", event)
	}
	return nil
}

// canonicalService returns the catalogue's name for an alias, or name as
// given when the catalogue does not know it.
func canonicalService(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	if c := catalog.Canonical(name); c != "" {
		return c
	}
	return name
}

// knownNames list, for completion, the events, speakers, companies and
// services of the knowledge base, by filter name.
var knownNames = map[string]func(context.Context, *kb.KB) ([]string, error){
	flagEvent: func(ctx context.Context, k *kb.KB) ([]string, error) {
		evs, err := k.Events(ctx, "")
		names := make([]string, 0, len(evs))
		for _, e := range evs {
			names = append(names, e.Name)
		}
		return names, err
	},
	flagSpeaker: func(ctx context.Context, k *kb.KB) ([]string, error) {
		return countNames(k.Speakers(ctx, core.TalkFilter{}))
	},
	flagCompany: func(ctx context.Context, k *kb.KB) ([]string, error) {
		return countNames(k.Companies(ctx, core.TalkFilter{}))
	},
	flagService: func(ctx context.Context, k *kb.KB) ([]string, error) {
		return countNames(k.Services(ctx, core.TalkFilter{}))
	},
}

// knownYears are the years of the events, latest first: what --year
// completes (it completed file names).
func knownYears(ctx context.Context, k *kb.KB) ([]string, error) {
	evs, err := k.Events(ctx, "")
	var years []string
	for _, e := range slices.Backward(evs) {
		if y := strconv.Itoa(e.Year); e.Year > 0 && !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	return years, err
}

// countNames returns the names of count records.
func countNames(recs []core.CountRecord, err error) ([]string, error) {
	names := make([]string, 0, len(recs))
	for _, r := range recs {
		names = append(names, r.Name)
	}
	return names, err
}

// completeFrom builds a shell completion function from a store list: the
// names whose start is the word being completed, ignoring case and accents,
// or one of whose aliases (when aliases is given) starts with it. The
// shell scripts take these candidates as they are (see cmd_completion.go).
// It never creates a database and completes nothing on any error.
func completeFrom(f *Factory, list func(context.Context, *kb.KB) ([]string, error), aliases ...func(name string) []string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		k, err := f.ExistingKB()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		names, err := list(commandContext(cmd), k)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		prefix := core.Fold(completionWord(toComplete))
		var out []cobra.Completion
		for _, n := range names {
			// Names come from posts: no control sequence reaches the
			// shell, and a tab or newline would break its protocol.
			n = render.OneLine(n)
			if n == "" {
				continue
			}
			match := strings.HasPrefix(core.Fold(n), prefix)
			for _, as := range aliases {
				for _, a := range as(n) {
					match = match || strings.HasPrefix(core.Fold(a), prefix)
				}
			}
			if match {
				out = append(out, n)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeWords completes a fixed list of values, those that start with
// the word being completed, ignoring case: the shell scripts no longer
// filter candidates themselves.
func completeWords(values ...string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		prefix := core.Fold(completionWord(toComplete))
		var out []cobra.Completion
		for _, v := range values {
			if strings.HasPrefix(core.Fold(v), prefix) {
				out = append(out, v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// serviceAliases are the catalogue's other names for a service: "lamb"
// completes to AWS Lambda through its short name, Lambda.
func serviceAliases(name string) []string {
	s, ok := catalog.Lookup(name)
	if !ok {
		return nil
	}
	return s.Aliases
}

// completionWord is the word being completed as the shell will read it
// once typed: quotes and backslashes removed. The shells hand it over as
// typed (fish always, bash and zsh through notes' scripts): `AWS\ Summit\ P`,
// `"AWS Summit P` or `'AWS Summit P` all read AWS Summit P. A quote still
// open is closed by the shell when it inserts the completion.
func completionWord(typed string) string {
	var b strings.Builder
	var quote rune // the quote open at this point: ', " or none
	escaped := false
	for _, r := range typed {
		switch {
		case escaped:
			// In double quotes a backslash escapes only these; before
			// anything else it is itself.
			if quote == '"' && !strings.ContainsRune("$`\"\\\n", r) {
				b.WriteRune('\\')
			}
			b.WriteRune(r)
			escaped = false
		case r == '\\' && quote != '\'':
			escaped = true
		case quote == 0 && (r == '\'' || r == '"'):
			quote = r
		case r == quote:
			quote = 0
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// commandContext is the command's context, or Background when cobra has
// none to give (shell completion calls functions on commands it has not run).
func commandContext(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}
