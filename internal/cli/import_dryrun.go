package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/render"
)

// dryRunPost is one post as "notes import --dry-run --json" shows it.
type dryRunPost struct {
	Path     string          `json:"path"`
	Format   string          `json:"format"`
	Event    *core.Event     `json:"event"`
	Talks    []dryRunTalk    `json:"talks"`
	Services []string        `json:"services"`
	Explain  []string        `json:"explain"`
	Warnings []importFailure `json:"warnings"`
}

// dryRunTalk is one talk of a dry run.
type dryRunTalk struct {
	Title       string         `json:"title"`
	Kind        string         `json:"kind"`
	Line        int            `json:"line"`
	Speakers    []core.Speaker `json:"speakers"`
	Companies   []string       `json:"companies"`
	Services    []string       `json:"services"`
	NoteAuthors []string       `json:"note_authors"`
}

// dryRun parses and extracts files without opening the database and
// prints what an import would store.
func dryRun(ctx context.Context, opts *ImportOptions, files []string, failures []importFailure, maxSize int64) error {
	if failures == nil {
		failures = []importFailure{}
	}
	// Failures go to stderr with --json too, as in a real import.
	printFailure := func(f importFailure) {
		fmt.Fprintln(opts.IO.Err, render.Sanitize(f.String()))
	}
	for _, f := range failures {
		printFailure(f)
	}
	posts := []dryRunPost{}
	parsed, warnings := 0, 0
	out := bufio.NewWriter(opts.IO.Out)
	err := prepareAll(ctx, files, opts.Workers, func(path string) fileResult {
		return prepareFile(path, nil, maxSize)
	}, func(r fileResult) error {
		if r.action == actionFail {
			failures = append(failures, r.failure)
			printFailure(r.failure)
			return nil
		}
		parsed++
		p := dryRunOf(r)
		warnings += len(p.Warnings)
		if !opts.Quiet {
			for _, w := range p.Warnings {
				fmt.Fprintln(opts.IO.Err, render.Sanitize(warningLine(w)))
			}
		}
		if opts.JSON {
			posts = append(posts, p)
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
		counts := fmt.Sprintf("%s would be imported, %d failed", plural(parsed, "file", "files"), len(failures))
		if warnings > 0 {
			counts += ", " + plural(warnings, "warning", "warnings")
		}
		fmt.Fprintf(opts.IO.Err, "dry run: %s; nothing was stored\n", counts)
	}
	if len(failures) > 0 {
		return &ImportError{Failed: len(failures), Total: len(files)}
	}
	return nil
}

// dryRunOf turns a prepared file into its dry-run view.
func dryRunOf(r fileResult) dryRunPost {
	p := r.post
	out := dryRunPost{
		Path:     r.path,
		Format:   string(p.Format),
		Event:    p.Event,
		Talks:    make([]dryRunTalk, 0, len(p.Talks)),
		Services: serviceNames(p.Services),
		Explain:  p.Explain,
		Warnings: []importFailure{},
	}
	if out.Explain == nil {
		out.Explain = []string{}
	}
	for _, t := range p.Talks {
		kind := string(t.Kind)
		if kind == "" {
			kind = string(core.KindTalk)
		}
		out.Talks = append(out.Talks, dryRunTalk{
			Title:       t.Title,
			Kind:        kind,
			Line:        t.Line,
			Speakers:    nonNil(t.Speakers),
			Companies:   nonNil(t.Companies),
			Services:    serviceNames(t.Services),
			NoteAuthors: nonNil(t.NoteAuthors),
		})
	}
	for _, d := range r.diags {
		out.Warnings = append(out.Warnings, diagnosticFailure(d, r.path))
	}
	return out
}

// writeDryRun writes one post of a dry run for people.
func writeDryRun(w *bufio.Writer, p dryRunPost, explain bool) {
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

// serviceNames lists the names of service counts, never nil.
func serviceNames(sc []core.ServiceCount) []string {
	out := make([]string, len(sc))
	for i, s := range sc {
		out[i] = s.Name
	}
	return out
}

// nonNil returns s, or an empty slice for nil, so JSON shows [] not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
