package kb

import (
	"context"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/corrections"
)

// DryRun reads, parses and extracts the files of paths as Import would,
// without opening any database, and hands each to each in the order of
// the walk: first the paths that could not be walked (a Failure), then each
// file (a Failure, or the Preview of what an import would store). It stops
// at the first error each returns. files counts the files walked.
func DryRun(ctx context.Context, paths []string, opts ImportOptions, each func(*core.Preview, *core.Failure) error) (files int, err error) {
	maxSize := opts.MaxSize
	if maxSize == 0 {
		maxSize = maxPostSize
	}
	// The corrections named, or found in a folder given, are applied as
	// an import would (the one a database remembers is not: a dry run
	// opens none).
	named := opts.Corrections
	if named == "" {
		if named, err = discoverCorrections(paths); err != nil {
			return 0, err
		}
	}
	var fixes *corrections.Set
	if named != "" {
		if fixes, err = corrections.Load(named); err != nil {
			return 0, &CorrectionsError{Err: err}
		}
	}
	walked, failures := walk(paths)
	for _, f := range failures {
		if err := each(nil, &f); err != nil {
			return len(walked), err
		}
	}
	err = prepareAll(ctx, walked, opts.Workers, func(path string) fileResult {
		return prepareFile(path, nil, maxSize, func(p *core.Post) { fixes.Apply(absPath(path), p) })
	}, func(r fileResult) error {
		if r.action == actionFail {
			return each(nil, &r.failure)
		}
		p := previewOf(r)
		return each(&p, nil)
	})
	return len(walked), err
}

// previewOf turns a prepared file into its Preview.
func previewOf(r fileResult) core.Preview {
	p := r.post
	out := core.Preview{
		Path:     r.path,
		Format:   string(p.Format),
		Event:    p.Event,
		Talks:    make([]core.PreviewTalk, 0, len(p.Talks)),
		Services: serviceNames(p.Services),
		Explain:  p.Explain,
		Warnings: []core.Failure{},
	}
	if out.Explain == nil {
		out.Explain = []string{}
	}
	for _, t := range p.Talks {
		kind := string(t.Kind)
		if kind == "" {
			kind = string(core.KindTalk)
		}
		out.Talks = append(out.Talks, core.PreviewTalk{
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
