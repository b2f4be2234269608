package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/digest"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// The formats "notes digest --format" writes.
const (
	formatMarkdown = "markdown"
	formatHTML     = "html"
)

// DigestOptions are the inputs of "notes digest".
type DigestOptions struct {
	IO  *render.IO
	KB  func() (*kb.KB, error)
	Now func() time.Time

	Filter  core.TalkFilter
	Title   string
	Output  string      // file to write, "" or "-" for stdout
	Format  string      // formatMarkdown or formatHTML
	Lang    digest.Lang // "" detects the language of the talks
	BaseURL string      // the site the posts are published on, "" for none
}

func newCmdDigest(f *Factory) *cobra.Command {
	opts := &DigestOptions{IO: f.IO, KB: f.ExistingKB, Now: f.Now}
	var ff filterFlags
	var lang string
	cmd := &cobra.Command{
		Use:   "digest [--event <words>] [--year <n>] [--speaker <name>] [--company <name>] [--service <name>] [-o <file>] [--format markdown|html] [--lang fr|en] [--base-url <url>]",
		Short: "Write a digest of talks to send or publish",
		Long: `Write the digest of the talks the filters select (all talks without
filters): a Markdown document with a title, an overview of the events,
dates, speakers and companies, a table of contents, one section per event
and per talk (speakers with their roles and companies, AWS services, a
short summary of the notes, a link to the post), then an index of the AWS
services and one of the companies, linking to the talks.

The digest speaks the language of its talks: French labels, sentences and
dates ("12 avril 2022") when most talks are in French (their post's front
matter lang, else their words), English otherwise; --lang fr or --lang en
decides instead.

Each talk links to its post's public address when the post gives one: an
absolute URL in its front matter (canonical_url, url, permalink), or a
path on its site that --base-url joins to the site's address — a Jekyll
permalink or a Hugo url or slug, or the name of a Jekyll post
(_posts/2022-04-12-summit.md is /2022/04/12/summit/). Otherwise the talk
names its post by its path in the folder that was imported, and its line
(_posts/2022-04-12-summit.md:41), never by a path of this machine.

Text from the posts is escaped: a title cannot add headings, links or
HTML to the document.

Without -o the digest goes to stdout: rendered on a terminal, the
Markdown itself in a pipe. -o FILE writes the file in one step (a reader
never sees half a digest) and says so on stderr. --format html writes a
standalone HTML page instead; it is the default when FILE ends in .html.
A FILE named for another format (.pdf, .docx…) is refused unless --format
says what to write in it.`,
		Example: `  notes digest --event "AWS Summit 2024" -o summit-2024.md
  notes digest --year 2023 --service lambda > lambda-2023.md
  notes digest --event "re:Invent 2023" --format html -o reinvent.html
  notes digest --company AWS --title "AWS speakers this year"
  notes digest --year 2024 --lang en --base-url https://blog.example.com -o 2024.html`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if jsonFlag(cmd) {
				return usageErrorf("digest writes Markdown or HTML: use 'notes talks --json' for JSON")
			}
			filter, err := ff.talkFilter()
			if err != nil {
				return err
			}
			opts.Filter = filter
			format := strings.ToLower(strings.TrimSpace(opts.Format))
			if !cmd.Flags().Changed("format") {
				if format, err = outputFormat(opts.Output); err != nil {
					return err
				}
			}
			if format == "md" {
				format = formatMarkdown
			}
			if format != formatMarkdown && format != formatHTML {
				return usageErrorf("--format must be markdown or html, not %q", opts.Format)
			}
			opts.Format = format
			if lang != "" && lang != "auto" {
				l, ok := digest.ParseLang(lang)
				if !ok {
					return usageErrorf("--lang must be fr or en (or auto, the default), not %q", lang)
				}
				opts.Lang = l
			}
			if cmd.Flags().Changed("base-url") {
				base, err := digest.CheckBaseURL(opts.BaseURL)
				if err != nil {
					return usageErrorf("--base-url %q: %v", opts.BaseURL, err)
				}
				opts.BaseURL = base
			}
			return runDigest(cmd.Context(), opts)
		},
	}
	addFilterFlags(cmd, f, &ff, flagEvent, flagYear, flagSpeaker, flagCompany, flagService, flagKind)
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "", "write the digest to `file` instead of stdout")
	fl.StringVar(&opts.Format, "format", formatMarkdown, "`format` of the digest: markdown or html")
	fl.StringVar(&opts.Title, "title", "", "`title` of the digest (default: from the events)")
	fl.StringVar(&lang, "lang", "auto", "`language` of the digest: fr, en, or auto (the language most talks are in)")
	fl.StringVar(&opts.BaseURL, "base-url", "", "`address` of the site the posts are published on, to link talks to their posts")
	cmd.RegisterFlagCompletionFunc("format", completeWords(formatMarkdown, formatHTML))
	cmd.RegisterFlagCompletionFunc("title", cobra.NoFileCompletions)
	cmd.RegisterFlagCompletionFunc("lang", completeWords("auto", string(digest.French), string(digest.English)))
	cmd.RegisterFlagCompletionFunc("base-url", cobra.NoFileCompletions)
	return cmd
}

// outputFormat is the format -o FILE's extension asks for: html for .html,
// markdown for .md, a text extension or none. Any other (.pdf, .docx…) is
// a usage error rather than a Markdown file under a name that promises
// something else: --format says to write it anyway.
func outputFormat(file string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(file)); ext {
	case ".html", ".htm", ".xhtml":
		return formatHTML, nil
	case "", ".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".txt", ".text":
		return formatMarkdown, nil
	default:
		return "", usageErrorf("-o %s: notes digest writes Markdown or HTML, not %s: name the file .md or .html, or say which with --format markdown|html", file, ext)
	}
}

func runDigest(ctx context.Context, opts *DigestOptions) error {
	k, err := opts.KB()
	if err != nil {
		return err
	}
	// The bodies too: a summary comes from them when a talk has none, or
	// when the stored one was cut inside a word.
	talks, err := k.TalksWithBodies(ctx, opts.Filter)
	if err != nil {
		return err
	}
	toFile := opts.Output != "" && opts.Output != "-"
	if len(talks) == 0 {
		if err := sayMisses(ctx, opts.IO, k, opts.Filter); err != nil {
			return err
		}
		if toFile {
			// The file asked for is not there: a failure, for the
			// script that goes on to send it (issue 16, item 2).
			return fmt.Errorf("no talks match: %s not written", opts.Output)
		}
		render.NoMatch(opts.IO, "talks")
		return nil
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	lang := opts.Lang
	if lang == "" {
		lang = digest.DetectLang(talks)
	}
	d := digest.New(talks, digest.Options{Title: opts.Title, Generated: now(), Lang: lang, BaseURL: opts.BaseURL})

	var out []byte
	if opts.Format == formatHTML {
		if out, err = d.HTML(); err != nil {
			return fmt.Errorf("digest: %w", err)
		}
	} else {
		out = []byte(d.Markdown)
	}
	switch {
	case toFile:
		if err := render.WriteFileAtomic(opts.Output, out); err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.Err, "wrote %s (%s)\n", render.Sanitize(opts.Output), render.Plural(d.Talks, "talk", "talks"))
		return nil
	case opts.Format == formatMarkdown:
		return render.Markdown(opts.IO, d.Markdown)
	default:
		_, err := opts.IO.Out.Write(out)
		return err
	}
}
