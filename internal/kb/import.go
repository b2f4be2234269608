package kb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/ingest"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// ImportOptions are the choices of an import.
type ImportOptions struct {
	// Prune forgets the stored files under the imported folders that the
	// walk no longer finds.
	Prune bool
	// Explain reports, for each post stored, why each value was extracted
	// (EventExplain).
	Explain bool
	// Workers parse files in parallel; 0 means one per CPU.
	Workers int
	// MaxSize is the largest file read, in bytes; 0 means 16 MiB.
	MaxSize int64
	// Corrections is the corrections file to apply (see package
	// corrections); "" means the one the database remembers, else the
	// first .notes/corrections.yaml of a folder imported.
	Corrections string
	// Report, when set, hears of failures, warnings, progress and index
	// rebuilds as they happen, from the goroutine that called Import.
	Report func(Event)
}

// Summary is what an import did: what "notes import --json" prints.
type Summary struct {
	Imported int            `json:"imported"`
	Skipped  int            `json:"skipped"`
	Failed   []core.Failure `json:"failed"`
	Warnings []core.Failure `json:"warnings"`
	Talks    int            `json:"talks"`
	Speakers int            `json:"speakers"`
	Services int            `json:"services"`
	Pruned   int            `json:"pruned"`
	// Files counts the files the walk found, plus the paths it could not
	// walk.
	Files int `json:"-"`
}

// importer holds the state of one import run.
type importer struct {
	opts  ImportOptions
	paths []string
	typed map[string]string // identity → path as walked, for messages
	db    *store.DB
	path  string // of the index
	sum   Summary
	step  int // files handled
	total int // files walked

	speakers map[string]bool
	services map[string]bool

	batch *store.Batch // the open write transaction, nil between batches

	index indexUpdate
}

// walk lists the files under paths, cleaned, and the paths that could not
// be walked as failures. skip are files never to read as posts.
func walk(paths []string, skip ...string) (files []string, failures []core.Failure) {
	walked, problems := ingest.Walk(paths, skip...)
	files = make([]string, len(walked))
	for i, p := range walked {
		files[i] = filepath.Clean(p)
	}
	for _, d := range problems {
		failures = append(failures, diagnosticFailure(d, d.Path))
	}
	return files, failures
}

// emptyFolders are the folders of paths in which no post file was found,
// as warnings: "notes import ~/blog" of a folder of .rst files, or of the
// wrong folder, said nothing but "imported 0 files". files are the
// absolute paths walked.
func emptyFolders(paths, files []string) []core.Diagnostic {
	var out []core.Diagnostic
	for _, p := range paths {
		if info, err := os.Stat(p); err != nil || !info.IsDir() {
			continue
		}
		dir := absPath(p)
		if !strings.HasSuffix(dir, string(filepath.Separator)) {
			dir += string(filepath.Separator)
		}
		found := false
		for _, f := range files {
			if strings.HasPrefix(f, dir) {
				found = true
				break
			}
		}
		if !found {
			out = append(out, core.Diagnostic{Path: filepath.Clean(p), Message: "no post in this folder: notes reads the files named .md, .adoc, .txt, .html and the like, or without an extension (not those whose name starts with a dot)"})
		}
	}
	return out
}

// identify gives each walked file its identity, the absolute cleaned path
// (symbolic links kept as named), and drops the files walked twice under
// two names ("notes import a/x.md ./a/x.md"). typed maps each identity back
// to the path as walked, for messages.
func identify(files []string) (ids []string, typed map[string]string) {
	ids = make([]string, 0, len(files))
	typed = make(map[string]string, len(files))
	wd := cwd() // once, not per file as filepath.Abs would
	for _, f := range files {
		id := absPath(f)
		if wd != "" && !filepath.IsAbs(f) {
			id = filepath.Join(wd, f)
		}
		if _, dup := typed[id]; dup {
			continue
		}
		typed[id] = f
		ids = append(ids, id)
	}
	return ids, typed
}

// absPath is the identity of a file: its absolute, cleaned path, with
// symbolic links kept as named. When the current folder cannot be known,
// the cleaned path.
func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// Import imports the files and folders (searched recursively) of paths.
// Files are read, parsed and extracted by several workers at once and
// stored in the order of the walk, a few dozen per transaction, each file
// whole or not at all. A file that cannot be imported never stops the
// import: it is in the summary's Failed list (and reported) and the others
// are imported. The search index is updated as the import goes — never
// ahead of the database — or rebuilt at the end when it was behind.
//
// The error is for what stops the import: the context (files already
// stored stay stored, and a context ended while the index is brought up to
// date is reported too), or a database error (a *DBError).
func (k *KB) Import(ctx context.Context, paths []string, opts ImportOptions) (Summary, error) {
	maxSize := opts.MaxSize
	if maxSize == 0 {
		maxSize = maxPostSize
	}
	walked, walkFailures := walk(paths, k.ownFiles()...)
	files, typed := identify(walked)
	roots := importRoots(paths, files)
	db := k.db
	defer bulkGC()()
	im := &importer{
		opts:     opts,
		paths:    paths,
		typed:    typed,
		db:       db,
		path:     k.indexPath,
		total:    len(files),
		speakers: map[string]bool{},
		services: map[string]bool{},
	}
	im.sum.Files = len(files) + len(walkFailures)
	im.sum.Failed = []core.Failure{}
	im.sum.Warnings = []core.Failure{}
	for _, f := range walkFailures {
		im.fail(f)
	}
	for _, d := range emptyFolders(paths, files) {
		im.warnFile(d, d.Path)
	}
	gen, err := db.Generation(ctx)
	if err != nil {
		return im.sum, dbError(err)
	}
	im.openIndex(gen)
	defer im.index.lock.release()
	defer im.index.stop() // before the lock is released
	if err := im.adoptRelative(ctx); err != nil {
		return im.sum, err
	}
	states, err := db.SourceStates(ctx)
	if err != nil {
		return im.sum, dbError(err)
	}
	// Files imported before post texts were stored are read again, even
	// unchanged, so that their whole text becomes searchable.
	untexted, err := db.PathsWithoutText(ctx)
	if err != nil {
		return im.sum, dbError(err)
	}
	for p := range untexted {
		delete(states, p)
	}
	fixes, changed, err := loadCorrections(ctx, db, opts.Corrections, paths)
	if err != nil {
		return im.sum, err
	}
	if changed {
		// Other corrections than the stored posts had: every post is read
		// again, those imported from elsewhere too.
		wd := cwd()
		for p := range states {
			if _, seen := typed[p]; seen || !filepath.IsAbs(p) {
				continue
			}
			if _, err := os.Stat(p); err == nil {
				typed[p] = core.ShowPath(wd, p)
				files = append(files, p)
			}
		}
		states = nil
		im.total = len(files)
		im.sum.Files = len(files) + len(walkFailures)
	}

	// Decided before the workers start: the index is updated as the
	// import goes, rather than rebuilt at the end.
	indexing := im.index.lock != nil && !im.index.rebuild
	prepare := func(path string) fileResult {
		var known *store.SourceState
		if st, ok := states[path]; ok {
			known = &st
		}
		r := prepareFile(typed[path], known, maxSize, func(p *core.Post) { fixes.Apply(path, p) })
		r.id, r.root = path, roots[path]
		if r.action == actionSave && indexing {
			// Analysing the bodies for the index is the costliest part
			// of indexing: done here, by the workers, in parallel.
			r.prepared = make([]*search.Prepared, len(r.post.Talks))
			for i, body := range r.readable {
				r.prepared[i] = search.PrepareReadable(body)
			}
			r.textPrepared = search.Prepare(r.text.Text)
		}
		r.readable = nil // analysed: not held while the file waits to be stored
		return r
	}
	err = prepareAll(ctx, files, opts.Workers, prepare, func(r fileResult) error {
		return im.store(ctx, r)
	})
	im.report(Event{Kind: EventStored})
	// What was saved is committed, even when the import stops here
	// (interrupted, or a database error on a later file).
	if cerr := im.commit(); err == nil && cerr != nil {
		err = dbError(cerr)
	}
	if err != nil {
		return im.sum, err
	}
	if opts.Prune {
		if err := im.prune(ctx, files); err != nil {
			return im.sum, err
		}
	}
	if err := db.DeleteOrphans(ctx); err != nil {
		return im.sum, dbError(err)
	}
	if changed {
		if err := recordCorrections(ctx, db, fixes); err != nil {
			return im.sum, err
		}
	}
	im.finishIndex(ctx)
	// Interrupted while the index was updated or rebuilt (issue 13, item
	// 6): the files are imported, but the import did not finish its job,
	// and the index is left for the next search or import to rebuild.
	if err := ctx.Err(); err != nil {
		return im.sum, err
	}
	return im.sum, nil
}

// report hands e to the caller's Report.
func (im *importer) report(e Event) {
	report(im.opts.Report, e)
}

// fail records a failure and reports it.
func (im *importer) fail(f core.Failure) {
	im.sum.Failed = append(im.sum.Failed, f)
	im.report(Event{Kind: EventFailed, Failure: f})
}

// warnFile records a warning about a file that was imported anyway and
// reports it.
func (im *importer) warnFile(d core.Diagnostic, path string) {
	w := diagnosticFailure(d, path)
	im.sum.Warnings = append(im.sum.Warnings, w)
	im.report(Event{Kind: EventWarning, Failure: w})
}

// store writes one prepared file to the database, in file order.
func (im *importer) store(ctx context.Context, r fileResult) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	defer func() {
		im.step++
		im.report(Event{Kind: EventStep, Done: im.step, Total: im.total})
	}()
	switch r.action {
	case actionSkip, actionTouch:
		var b *store.Batch
		var err error
		if r.action == actionTouch {
			if b, err = im.tx(ctx); err == nil {
				err = b.Touch(r.id, r.size, r.mtime)
			}
		}
		if err == nil && (r.located || r.root != "" && r.root != r.knownRoot) {
			// Imported from another folder, or stored before addresses
			// were: where the post lives is recorded, its talks kept.
			var url *string
			if r.located {
				url = &r.url
			}
			if b, err = im.tx(ctx); err == nil {
				err = b.Locate(r.id, r.root, url)
			}
		}
		if err != nil {
			return saveError(r.path, err)
		}
		im.sum.Skipped++
	case actionFail:
		im.fail(r.failure)
		b, err := im.tx(ctx)
		if err == nil {
			err = b.RecordFailure(store.FileInfo{
				Path: r.id, Size: r.size, MTime: r.mtime, Message: r.failure.Reason,
			})
		}
		if err != nil {
			return saveError(r.path, err)
		}
	case actionSave:
		if dup, err := im.sameContent(ctx, r); err != nil || dup {
			return err
		}
		info := store.FileInfo{
			Path:     r.id,
			SHA256:   r.sha256,
			Size:     r.size,
			MTime:    r.mtime,
			Encoding: r.encoding,
			Status:   "ok",

			Lang:           r.lang,
			TranslationKey: r.translationKey,
			Root:           r.root,
			URL:            r.url,
		}
		if len(r.diags) > 0 {
			info.Status = "warning"
			msgs := make([]string, len(r.diags))
			for i, d := range r.diags {
				msgs[i] = d.Message
				if d.Line > 0 {
					msgs[i] = fmt.Sprintf("line %d: %s", d.Line, d.Message)
				}
				im.warnFile(d, r.path)
			}
			info.Message = strings.Join(msgs, "; ")
		}
		b, err := im.tx(ctx)
		var saved store.Saved
		var oldID int64
		var known bool
		if err == nil {
			oldID, known, err = b.SourceID(r.path)
		}
		if err == nil {
			saved, err = b.SavePost(info, r.post)
		}
		var gen int64
		if err == nil {
			// Every save bumps the generation once: SavePost when it
			// changed talks, SavePostText otherwise.
			gen, err = b.SavePostText(saved.SourceID, r.text, !saved.ChangedTalks())
		}
		if err != nil {
			return saveError(r.path, err)
		}
		if im.opts.Explain {
			for _, e := range r.post.Explain {
				im.report(Event{Kind: EventExplain, Path: r.path, Text: e})
			}
		}
		im.count(r.post)
		removed, added := saved.Removed, append(saved.TalkIDs, postDocID(saved.SourceID))
		if known {
			removed = append(removed, postDocID(oldID))
		}
		prepared := make([]*search.Prepared, len(added))
		copy(prepared, r.prepared)
		prepared[len(added)-1] = r.textPrepared
		im.index.saved(removed, added, prepared, gen, true)
		if len(im.index.pending) >= indexBatch {
			// The index only ever gets committed talks.
			if err := im.commit(); err != nil {
				return dbError(err)
			}
			im.flushIndex(ctx)
		}
	}
	if im.batch != nil && im.batch.Files() >= filesPerCommit {
		if err := im.commit(); err != nil {
			return dbError(err)
		}
	}
	return nil
}

// saveError is the database error of saving the file at path. A failure
// of the database file itself — a write lock held by another process, a
// full disk, a file that cannot be written: the store's errors with advice
// — is not the post's, and is not put on it ("posts/x.txt: database is
// locked" sent users looking at the post; issue 13, item 8). Others (a
// constraint the post's data broke) name the post.
func saveError(path string, err error) error {
	var fe *store.FileError
	if errors.As(err, &fe) && fe.Advice != "" {
		return dbError(err)
	}
	return dbError(fmt.Errorf("%s: %w", path, err))
}

// filesPerCommit is how many files an import writes per transaction (each
// file stays whole or absent, behind a savepoint of its own). A commit per
// file was a third of the time spent saving; 64 files take a few dozen
// milliseconds, so another notes waiting to write is not kept long.
const filesPerCommit = 64

// tx returns the open write batch, starting one if needed.
func (im *importer) tx(ctx context.Context) (*store.Batch, error) {
	if im.batch == nil {
		b, err := im.db.Begin(ctx)
		if err != nil {
			return nil, err
		}
		im.batch = b
	}
	return im.batch, nil
}

// commit commits the open write batch, if any.
func (im *importer) commit() error {
	if im.batch == nil {
		return nil
	}
	b := im.batch
	im.batch = nil
	if err := b.Commit(); err != nil {
		b.Rollback()
		return err
	}
	return nil
}

// count adds an imported post to the summary.
func (im *importer) count(p core.Post) {
	im.sum.Imported++
	im.sum.Talks += len(p.Talks)
	for _, s := range p.Services {
		im.services[s.Name] = true
	}
	for _, t := range p.Talks {
		for _, s := range t.Speakers {
			im.speakers[core.Fold(s.Name)] = true
		}
		for _, s := range t.Services {
			im.services[s.Name] = true
		}
	}
	im.sum.Speakers, im.sum.Services = len(im.speakers), len(im.services)
}

// prune forgets stored files under the given paths that the walk did not
// find. Files imported from elsewhere are left alone.
func (im *importer) prune(ctx context.Context, files []string) error {
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		seen[f] = true
	}
	roots := make([]string, len(im.paths))
	for i, p := range im.paths {
		roots[i] = absPath(p)
	}
	sources, err := im.db.SourceIDs(ctx)
	if err != nil {
		return dbError(err)
	}
	pruned, err := im.db.Prune(ctx, func(path string) bool {
		return seen[path] || !under(path, roots)
	})
	if err != nil {
		return dbError(err)
	}
	im.sum.Pruned = len(pruned.Paths)
	for _, p := range pruned.Paths {
		if id, ok := sources[p]; ok {
			pruned.Removed = append(pruned.Removed, postDocID(id))
		}
	}
	im.index.saved(pruned.Removed, nil, nil, pruned.Generation, len(pruned.Paths) > 0)
	return nil
}

// under reports whether path is one of roots or inside one of them.
func under(path string, roots []string) bool {
	for _, r := range roots {
		if path == r || r == "." && !filepath.IsAbs(path) && !strings.HasPrefix(path, "..") ||
			strings.HasPrefix(path, strings.TrimSuffix(r, string(filepath.Separator))+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// ownFiles are the files of notes itself that an import must never read as
// posts, for ingest.Walk to skip by identity: the database, its SQLite
// journals, and the search index with the folders a rebuild writes beside
// it (issue 13, item 10).
func (k *KB) ownFiles() []string {
	index := k.indexPath
	db := strings.TrimSuffix(index, ".bleve")
	return []string{db, db + "-wal", db + "-shm", db + "-journal", index, index + ".new", index + ".old"}
}
