package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/notes-kb/notes/internal/render"
)

// jsonOutput holds the global --json and --jq flags and, for each command
// that prints JSON, the fields of the records it prints: what --json
// FIELDS is checked against and completed from, before the command does
// any work.
type jsonOutput struct {
	value  jsonValue
	jq     string
	shapes map[*cobra.Command][]jsonShape
	// argument is the word after --json read as an argument although
	// other commands have fields of that name ("notes search lambda
	// --json title" searches "title"): said on stderr, not guessed.
	argument string
}

// jsonShape is one kind of record a command prints with --json.
type jsonShape struct {
	// flag is the boolean flag with which the command prints these
	// records instead (import --dry-run), "" for what it prints without.
	flag   string
	sample any // a value of the records' type
	fields []string
}

// jsonValue is the value of --json: off, on with every field, or on with
// the fields listed.
type jsonValue struct {
	on     bool
	fields []string
}

// String is "false", "true" or the fields, comma-separated.
func (v *jsonValue) String() string {
	switch {
	case !v.on:
		return "false"
	case len(v.fields) == 0:
		return "true"
	}
	return strings.Join(v.fields, ",")
}

// Set takes "true" (what --json alone gives), "false" or a comma-separated
// list of fields. --json was a boolean flag before it took fields: scripts
// that wrote --json=true or --json=false keep working.
func (v *jsonValue) Set(s string) error {
	switch s {
	case "true":
		v.on, v.fields = true, nil
		return nil
	case "false":
		v.on, v.fields = false, nil
		return nil
	}
	var fields []string
	for _, name := range strings.Split(s, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "" && !slices.Contains(fields, name) {
			fields = append(fields, name)
		}
	}
	if len(fields) == 0 {
		return fmt.Errorf("no field: name them comma-separated, as in --json title,speakers")
	}
	v.on, v.fields = true, fields
	return nil
}

// Type is "bool": --json alone is still the switch it always was, and the
// help shows it as one; its usage text tells about --json FIELDS.
func (v *jsonValue) Type() string { return "bool" }

// addJSONFlags adds --json and --jq to the global flags of root.
func (f *Factory) addJSONFlags(root *cobra.Command) {
	pf := root.PersistentFlags()
	fl := pf.VarPF(&f.json.value, "json", "", "print JSON instead of a table or a page; --json FIELDS (comma-separated) keeps only those fields of each record (see a command's --help)")
	fl.NoOptDefVal = "true"
	pf.StringVar(&f.json.jq, "jq", "", "print what the jq `expression` makes of the JSON (implies --json): strings without quotes, other values as JSON")
	root.RegisterFlagCompletionFunc("json", f.completeJSONFields)
	root.RegisterFlagCompletionFunc("jq", cobra.NoFileCompletions)
}

// printsJSON declares the records cmd prints with --json, by a sample of
// their type (a record or a slice of them), less the fields it never fills
// (a talk's body in a listing): --json FIELDS takes the others, which the
// command's help lists.
func (f *Factory) printsJSON(cmd *cobra.Command, sample any, never ...string) {
	f.printsJSONWith(cmd, "", sample, never...)
}

// printsJSONWith declares the records cmd prints with --json instead when
// the boolean flag is set (import --dry-run prints posts, not a summary).
func (f *Factory) printsJSONWith(cmd *cobra.Command, flag string, sample any, never ...string) {
	if f.json.shapes == nil {
		f.json.shapes = map[*cobra.Command][]jsonShape{}
	}
	shape := jsonShape{flag: flag, sample: sample}
	for _, name := range render.JSONFields(sample) {
		if !slices.Contains(never, name) {
			shape.fields = append(shape.fields, name)
		}
	}
	f.json.shapes[cmd] = append(f.json.shapes[cmd], shape)
	intro := "JSON fields, for --json FIELDS:"
	if flag != "" {
		intro = fmt.Sprintf("With --%s, the JSON fields are:", flag)
	}
	cmd.Long += "\n\n" + wrapWords(intro+" "+strings.Join(shape.fields, ", ")+".", 76)
}

// shape is what cmd prints with --json, once its flags are parsed; false
// when it prints no JSON.
func (j *jsonOutput) shape(cmd *cobra.Command) (jsonShape, bool) {
	var found jsonShape
	ok := false
	for _, s := range j.shapes[cmd] {
		if s.flag == "" {
			found, ok = s, true
			continue
		}
		if on, _ := cmd.Flags().GetBool(s.flag); on {
			return s, true
		}
	}
	return found, ok
}

// allFields are the fields of every record cmd may print, whatever its
// flags: what is known before they are parsed.
func (j *jsonOutput) allFields(cmd *cobra.Command) []string {
	var all []string
	for _, s := range j.shapes[cmd] {
		for _, name := range s.fields {
			if !slices.Contains(all, name) {
				all = append(all, name)
			}
		}
	}
	return all
}

// checkJSONFlags checks --json FIELDS and --jq against what cmd prints
// before it does any work (an import is not run to fail at its summary),
// and hands them to render, which applies them to every JSON the command
// prints. An unknown field, or a jq expression that does not compile, is a
// usage error.
func (f *Factory) checkJSONFlags(cmd *cobra.Command) error {
	j := &f.json
	if j.argument != "" {
		fmt.Fprintf(f.IO.Err, "notes: %q after --json is read as an argument of %s, which prints no such field (its fields: %s); --jq selects inside them\n",
			render.Sanitize(j.argument), cmd.CommandPath(), strings.Join(j.allFields(cmd), ", "))
	}
	if cmd.Flags().Changed("jq") && strings.TrimSpace(j.jq) == "" {
		return usageErrorf("--jq needs a jq expression, such as '.[].title'")
	}
	if len(j.value.fields) == 0 && j.jq == "" {
		return nil
	}
	shape, ok := j.shape(cmd)
	if !ok {
		return usageErrorf("%s prints no JSON: --json FIELDS and --jq are for the commands that do", cmd.CommandPath())
	}
	for _, name := range j.value.fields {
		if !slices.Contains(shape.fields, name) {
			return usageErrorf("unknown JSON field %q for %s; available fields: %s", name, cmd.CommandPath(), strings.Join(shape.fields, ", "))
		}
	}
	if j.jq != "" {
		q, err := render.ParseJQ(j.jq)
		if err != nil {
			return usageErrorf("--jq '%s': %v", j.jq, err)
		}
		f.IO.JQ = q
	}
	f.IO.JSONFields = j.value.fields
	return nil
}

// joinJSONFields turns "--json title,speakers", fields after a space as gh
// users type them, into "--json=title,speakers": pflag takes the value of
// a flag that may go without one (--json alone) only after "=". The word
// after --json is taken as fields when each of its comma-separated items
// is a field of what the command prints, or when the command would refuse
// it as an argument ("notes talks --json titel": then the unknown field is
// what gets reported). So "notes search --json lambda" still searches for
// lambda, and "notes talks --json" followed by another flag or nothing is
// --json alone. The values of other flags ("--event --json") and what
// follows "--" are left alone.
func (f *Factory) joinJSONFields(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil {
		return args
	}
	fields := f.json.allFields(cmd)
	if len(fields) == 0 {
		return args
	}
	flags := cmdFlags{cmd}
	out := make([]string, 0, len(args))
	var positional []string
	path := len(strings.Fields(cmd.CommandPath())) - 1 // the command's names come first
	word := -1                                         // in out, the word after --json left as an argument
	for i := 0; i < len(args); i++ {
		a := args[i]
		out = append(out, a)
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			out = append(out, args[i+1:]...)
			i = len(args)
		case a == "--json":
			if i+1 < len(args) && isFieldList(args[i+1], fields) {
				out[len(out)-1] = "--json=" + args[i+1]
				i++
			} else if i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
				word = len(out)
			}
		case strings.HasPrefix(a, "--"):
			if flags.longTakesNext(a) && i+1 < len(args) {
				i++
				out = append(out, args[i])
			}
		case strings.HasPrefix(a, "-") && len(a) > 1:
			if _, next := flags.shortFlags(a); next && i+1 < len(args) {
				i++
				out = append(out, args[i])
			}
		case path > 0:
			path--
		case len(out)-1 != word:
			positional = append(positional, a)
		}
	}
	if word >= 0 && cmd.ValidateArgs(positional) == nil && cmd.ValidateArgs(append(positional, out[word])) != nil {
		out[word-1] = "--json=" + out[word]
		out = slices.Delete(out, word, word+1)
	} else if word >= 0 && isFieldList(out[word], f.json.everyField()) {
		f.json.argument = out[word]
	}
	return out
}

// everyField are the JSON fields of every command.
func (j *jsonOutput) everyField() []string {
	var all []string
	for cmd := range j.shapes {
		for _, name := range j.allFields(cmd) {
			if !slices.Contains(all, name) {
				all = append(all, name)
			}
		}
	}
	return all
}

// cmdFlags are the flags a command takes, its own and inherited, looked up
// as pflag does when it parses the command's arguments.
type cmdFlags struct{ cmd *cobra.Command }

func (c cmdFlags) long(name string) *pflag.Flag {
	if fl := c.cmd.Flags().Lookup(name); fl != nil {
		return fl
	}
	return c.cmd.InheritedFlags().Lookup(name)
}

func (c cmdFlags) short(letter byte) *pflag.Flag {
	if fl := c.cmd.Flags().ShorthandLookup(string(letter)); fl != nil {
		return fl
	}
	return c.cmd.InheritedFlags().ShorthandLookup(string(letter))
}

// takesValue reports whether fl reads a value (not --json, --prune…).
func takesValue(fl *pflag.Flag) bool { return fl != nil && fl.NoOptDefVal == "" }

// longTakesNext reports whether "--name" (without "=") takes the next
// argument as its value.
func (c cmdFlags) longTakesNext(a string) bool {
	return !strings.Contains(a, "=") && takesValue(c.long(strings.TrimPrefix(a, "--")))
}

// shortFlags reads "-abc" as pflag does: known is true when its letters
// are shorthand flags up to the first that takes a value, which takes the
// rest — or the next argument when it is the last letter (next).
func (c cmdFlags) shortFlags(a string) (known, next bool) {
	for k := 1; k < len(a); k++ {
		fl := c.short(a[k])
		if fl == nil {
			return false, false
		}
		if takesValue(fl) {
			return true, k == len(a)-1
		}
	}
	return true, false
}

// isFieldList reports whether word is a comma-separated list of fields.
func isFieldList(word string, fields []string) bool {
	n := 0
	for _, name := range strings.Split(word, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		if !slices.Contains(fields, name) {
			return false
		}
		n++
	}
	return n > 0
}

// completeJSONFields completes --json=FIELDS with the fields of what the
// command prints, after those already typed.
func (f *Factory) completeJSONFields(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	typed, last := "", toComplete
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		typed, last = toComplete[:i+1], toComplete[i+1:]
	}
	var out []cobra.Completion
	for _, name := range f.json.allFields(cmd) {
		if strings.HasPrefix(name, strings.ToLower(last)) && !slices.Contains(strings.Split(typed, ","), name) {
			out = append(out, typed+name)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// wrapWords wraps text at width columns.
func wrapWords(text string, width int) string {
	var b strings.Builder
	col := 0
	for _, w := range strings.Fields(text) {
		switch {
		case col == 0:
		case col+1+len(w) > width:
			b.WriteByte('\n')
			col = 0
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}
