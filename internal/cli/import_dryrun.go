package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// dryRun parses and extracts files without opening the database and
// prints what an import would store.
func dryRun(ctx context.Context, opts *ImportOptions) error {
	failures := 0
	posts := []kb.Preview{}
	parsed, warnings := 0, 0
	out := bufio.NewWriter(opts.IO.Out)
	files, err := kb.DryRun(ctx, opts.Paths, kb.ImportOptions{}, func(p *kb.Preview, f *kb.Failure) error {
		if f != nil {
			// Failures go to stderr with --json too, as in a real import.
			failures++
			fmt.Fprintln(opts.IO.Err, render.Sanitize(f.String()))
			return nil
		}
		parsed++
		warnings += len(p.Warnings)
		if !opts.Quiet {
			for _, w := range p.Warnings {
				fmt.Fprintln(opts.IO.Err, render.Sanitize(w.WarningLine()))
			}
		}
		if opts.JSON {
			posts = append(posts, *p)
			return nil
		}
		writeDryRun(out, p, opts.Explain)
		return out.Flush()
	})
	if err != nil {
		return err
	}
	if opts.JSON {
		if err := render.JSON(opts.IO.Out, posts); err != nil {
			return err
		}
	} else if !opts.Quiet {
		counts := fmt.Sprintf("%s would be imported, %d failed", plural(parsed, "file", "files"), failures)
		if warnings > 0 {
			counts += ", " + plural(warnings, "warning", "warnings")
		}
		fmt.Fprintf(opts.IO.Err, "dry run: %s; nothing was stored\n", counts)
	}
	if failures > 0 {
		return &ImportError{Failed: failures, Total: files}
	}
	return nil
}

// writeDryRun writes one post of a dry run for people.
func writeDryRun(w *bufio.Writer, p *kb.Preview, explain bool) {
	fmt.Fprintf(w, "%s (%s)\n", oneLine(p.Path), p.Format)
	if p.Event != nil {
		fmt.Fprintf(w, "  event: %s\n", strings.TrimSpace(oneLine(p.Event.Name)+" "+eventDetails(p.Event)))
	} else {
		fmt.Fprintln(w, "  event: (none found)")
	}
	if len(p.Talks) == 0 {
		fmt.Fprintln(w, "  no talks found")
	}
	for i, t := range p.Talks {
		kind := ""
		if t.Kind != string(core.KindTalk) {
			kind = " [" + t.Kind + "]"
		}
		fmt.Fprintf(w, "  %d. %s%s (line %d)\n", i+1, oneLine(t.Title), kind, t.Line)
		if len(t.Speakers) > 0 {
			sp := make([]string, len(t.Speakers))
			for j, s := range t.Speakers {
				sp[j] = speakerLine(s)
			}
			fmt.Fprintf(w, "     speakers: %s\n", strings.Join(sp, "; "))
		}
		if len(t.Companies) > 0 {
			fmt.Fprintf(w, "     companies: %s\n", joinClean(t.Companies))
		}
		if len(t.Services) > 0 {
			fmt.Fprintf(w, "     services: %s\n", joinClean(t.Services))
		}
		if len(t.NoteAuthors) > 0 {
			fmt.Fprintf(w, "     notes by: %s\n", joinClean(t.NoteAuthors))
		}
	}
	if len(p.Services) > 0 {
		fmt.Fprintf(w, "  services in the post: %s\n", joinClean(p.Services))
	}
	if explain {
		for _, e := range p.Explain {
			fmt.Fprintf(w, "  why: %s\n", oneLine(e))
		}
	}
	fmt.Fprintln(w)
}

// eventDetails is "(city, date)" with what is known of the event.
func eventDetails(e *core.Event) string {
	var parts []string
	if e.City != "" {
		parts = append(parts, oneLine(e.City))
	}
	if d := eventDate(e); d != "" {
		parts = append(parts, d)
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
