package cli

import (
	"bufio"
	"context"
	"fmt"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// dryRun parses and extracts files without opening the database and
// prints what an import would store.
func dryRun(ctx context.Context, opts *ImportOptions) error {
	failures := 0
	posts := []core.Preview{}
	parsed, warnings := 0, 0
	out := bufio.NewWriter(opts.IO.Out)
	files, err := kb.DryRun(ctx, opts.Paths, kb.ImportOptions{Corrections: opts.Corrections}, func(p *core.Preview, f *core.Failure) error {
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
		render.WritePreview(out, p, opts.Explain)
		return out.Flush()
	})
	if err != nil {
		return err
	}
	if opts.JSON {
		if err := render.JSON(opts.IO, posts); err != nil {
			return err
		}
	} else if !opts.Quiet {
		counts := fmt.Sprintf("%s would be imported, %d failed", render.Plural(parsed, "file", "files"), failures)
		if warnings > 0 {
			counts += ", " + render.Plural(warnings, "warning", "warnings")
		}
		fmt.Fprintf(opts.IO.Err, "dry run: %s; nothing was stored\n", counts)
	}
	if failures > 0 {
		return &ImportError{Failed: failures, Total: files}
	}
	return nil
}
