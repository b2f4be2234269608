package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// ImportOptions are the inputs of "notes import".
type ImportOptions struct {
	IO *render.IO
	KB func() (*kb.KB, error)
	// DBPath is where the database is: an import that creates it says
	// where, so that a mistyped --db does not go unnoticed.
	DBPath func() string

	Paths   []string
	DryRun  bool
	Prune   bool
	Quiet   bool
	Explain bool
	JSON    bool
	// Corrections is the corrections file (--corrections).
	Corrections string
}

func newCmdImport(f *Factory) *cobra.Command {
	opts := &ImportOptions{IO: f.IO, KB: f.KB, DBPath: f.DBPath}
	cmd := &cobra.Command{
		Use:   "import <path>... [--dry-run] [--prune] [--quiet] [--explain]",
		Short: "Import conference write-ups",
		Long: `Import posts from files or folders (searched recursively): Markdown with
front matter, AsciiDoc, plain text, or a blog page saved as HTML (its text
is imported), in UTF-8, UTF-16 or Windows-1252, with any line endings.
Each post's event, talks, speakers, companies and AWS services are stored
in the database and the search index is updated.

Re-importing is cheap: a file whose size and modification time are
unchanged is skipped without being read, and one whose content is
unchanged is skipped without being parsed. A changed file replaces what
was stored for it. --prune forgets the files under the given folders that
are no longer there.

A file that cannot be imported never stops the import: it is reported on
stderr as "path[:line]: reason" (not found, permission denied, a binary
file, over the 16 MiB limit for a post…) and every other file is imported.
A file imported with a problem worth knowing (front matter that is not
valid YAML or never closes, NUL bytes removed, an empty file) is reported
as "path[:line]: warning: message"; warnings are not failures. The summary
line on stderr counts both; with --json, stdout holds the summary with its
"failed" and "warnings" lists, each entry {path, line, reason}.

Exit status, the same with or without --json:
  0    every file was imported (with or without warnings)
  1    some files failed; the others were imported
  2    usage error, or the database cannot be opened or written
       (the import stops there; files already imported stay imported)
  130  interrupted (Ctrl-C); files already imported stay imported
  143  terminated (SIGTERM), handled like Ctrl-C

Each file is stored whole or not at all (files are committed a few dozen
at a time, each behind a savepoint of its own): an import that is
interrupted commits the files it has stored, one that is killed leaves every
file either imported whole or not at all, and running it again finishes
the job. Ctrl-C or SIGTERM says how many of the files were done and saved
before it (a second one kills notes at once; the database stays consistent). Two imports may run at once on one database.

Corrections: a YAML file kept with the posts (.notes/corrections.yaml in a
folder imported, or --corrections FILE; the database remembers it) says
that a name is another person, company, service or event, that a talk is
hidden or has another title, speakers or event, that an event is in a
city, that a post is not a write-up. It is applied on every import and on
reindex; when it changes, every post is read again.

--dry-run stores nothing and prints what would be extracted (with --json,
an array of posts with their talks and the reasons behind each value).`,
		Example: `  notes import ~/blog/_posts
  notes import posts/2022-04-aws-summit.md posts/xebicon-2019.adoc
  notes import --prune ~/blog/_posts
  notes import --dry-run --json posts/new-post.md
  notes import --dry-run --explain posts/new-post.md`,
		Args: minimumArgs(1, "the files or folders to import"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.JSON = jsonFlag(cmd)
			if opts.DryRun && opts.Prune {
				return usageErrorf("--prune cannot be used with --dry-run")
			}
			return runImport(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVarP(&opts.DryRun, "dry-run", "n", false, "store nothing: print what would be extracted")
	fl.BoolVar(&opts.Prune, "prune", false, "forget imported files under the given folders that are gone")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "print only failures")
	fl.BoolVar(&opts.Explain, "explain", false, "print why each value was extracted")
	fl.StringVar(&opts.Corrections, "corrections", "", "apply this corrections `file` (remembered for later imports; default: .notes/corrections.yaml in a folder imported)")
	f.printsJSON(cmd, kb.Summary{})
	f.printsJSONWith(cmd, "dry-run", []core.Preview{})
	return cmd
}

func runImport(ctx context.Context, opts *ImportOptions) error {
	if opts.DryRun {
		return dryRun(ctx, opts)
	}
	created := ""
	if opts.DBPath != nil && kb.Exists(opts.DBPath()) != nil {
		created = opts.DBPath()
	}
	k, err := opts.KB()
	if err != nil {
		return err
	}
	prog := render.NewProgress(opts.IO, !opts.Quiet && !opts.JSON)
	sum, err := k.Import(ctx, opts.Paths, kb.ImportOptions{
		Prune:       opts.Prune,
		Explain:     opts.Explain && !opts.JSON,
		Corrections: opts.Corrections,
		Report:      func(e kb.Event) { reportImport(opts, prog, e) },
	})
	if errors.Is(err, context.Canceled) {
		// Said with --json and --quiet too: the files stored before the
		// signal are committed, the others are not (issue 13, item 6),
		// and how many of the files that is (issue 16, item 6).
		prog.Clear()
		return &StoppedError{Done: importDone(sum), Err: err}
	}
	if err != nil {
		return err
	}
	if opts.JSON {
		if err := render.JSON(opts.IO, sum); err != nil {
			return err
		}
	} else if !opts.Quiet {
		line := fmt.Sprintf("imported %s (%s, %s, %s), skipped %d unchanged, %d failed",
			render.Plural(sum.Imported, "file", "files"), render.Plural(sum.Talks, "talk", "talks"),
			render.Plural(sum.Speakers, "speaker", "speakers"), render.Plural(sum.Services, "service", "services"),
			sum.Skipped, len(sum.Failed))
		if n := len(sum.Warnings); n > 0 {
			line += ", " + render.Plural(n, "warning", "warnings")
		}
		fmt.Fprintln(opts.IO.Err, line)
		if created != "" {
			fmt.Fprintf(opts.IO.Err, "created the database %s\n", render.Sanitize(created))
		}
		if sum.Pruned > 0 {
			fmt.Fprintf(opts.IO.Err, "forgot %s no longer on disk\n", render.Plural(sum.Pruned, "file", "files"))
		}
	}
	if n := len(sum.Failed); n > 0 {
		return &ImportError{Failed: n, Total: sum.Files}
	}
	return nil
}

// importDone says how far an import stopped by a signal got: "412 of
// 1000 files done (400 imported with 1234 talks, 10 unchanged, 2 failed)
// and saved; run the same import again for the other 588".
func importDone(sum kb.Summary) string {
	done := sum.Imported + sum.Skipped + len(sum.Failed)
	counts := fmt.Sprintf("%d imported with %s, %d unchanged, %d failed", sum.Imported,
		render.Plural(sum.Talks, "talk", "talks"), sum.Skipped, len(sum.Failed))
	if done >= sum.Files {
		return fmt.Sprintf("all %s done (%s) and saved; the next search or import brings the search index up to date",
			render.Plural(sum.Files, "file", "files"), counts)
	}
	return fmt.Sprintf("%d of %s done (%s) and saved; run the same import again for the other %d",
		done, render.Plural(sum.Files, "file", "files"), counts, sum.Files-done)
}

// reportImport shows what an import reports as it goes, on stderr.
// Failures are printed with --json and --quiet too (the JSON goes to
// stdout): a script's log shows what a person would see. So are the
// index warnings: search results would be missing otherwise.
func reportImport(opts *ImportOptions, prog *render.Progress, e kb.Event) {
	w := opts.IO.Err
	switch e.Kind {
	case kb.EventStep:
		prog.Step(e.Done, e.Total)
		return
	case kb.EventStored:
		prog.Done()
		return
	case kb.EventFailed:
		prog.Clear()
		fmt.Fprintln(w, render.Sanitize(e.Failure.String()))
		return
	case kb.EventIndexSkipped:
		prog.Clear()
		warnIndex(w, e.Err)
		return
	}
	if opts.Quiet {
		return
	}
	switch e.Kind {
	case kb.EventWarning:
		prog.Clear()
		fmt.Fprintln(w, render.Sanitize(e.Failure.WarningLine()))
	case kb.EventExplain:
		prog.Clear()
		fmt.Fprintf(w, "%s: %s\n", render.Sanitize(e.Path), render.Sanitize(e.Text))
	case kb.EventRebuilding:
		prog.Clear()
		fmt.Fprintf(w, "search index %s: rebuilding…\n", render.Sanitize(e.Text))
	}
}

// warnIndex says that an import could not update the search index.
func warnIndex(w io.Writer, err error) {
	if errors.Is(err, kb.ErrIndexLocked) {
		fmt.Fprintln(w, "notes: warning: another notes is updating the search index: this import leaves it to that one (or to the next search)")
		return
	}
	var notFolder *kb.IndexNotFolderError
	if errors.As(err, &notFolder) {
		// Its message says what to do: a search or reindex would fail too.
		fmt.Fprintf(w, "notes: warning: search index not updated: %s\n", render.Sanitize(err.Error()))
		return
	}
	fmt.Fprintf(w, "notes: warning: search index not updated: %s\nnotes: the next search rebuilds it (or run 'notes reindex')\n", render.Sanitize(err.Error()))
}
