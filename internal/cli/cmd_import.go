package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/extract"
	"github.com/notes-kb/notes/internal/ingest"
	"github.com/notes-kb/notes/internal/render"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// maxPostSize is the largest file import reads: write-ups are kilobytes, a
// bigger file is a stray archive or disk image.
const maxPostSize = 32 << 20

// ImportOptions are the inputs of "notes import".
type ImportOptions struct {
	IO        *render.IO
	Store     func() (*store.DB, error)
	IndexPath func() string

	Paths   []string
	DryRun  bool
	Prune   bool
	Quiet   bool
	Explain bool
	JSON    bool
	// Workers parse files in parallel; 0 means one per CPU.
	Workers int
	// MaxSize is the largest file read, in bytes; 0 means maxPostSize.
	MaxSize int64
}

func newCmdImport(f *Factory) *cobra.Command {
	opts := &ImportOptions{IO: f.IO, Store: f.Store, IndexPath: f.IndexPath}
	cmd := &cobra.Command{
		Use:   "import <path>... [--dry-run] [--prune] [--quiet] [--explain]",
		Short: "Import conference write-ups",
		Long: `Import posts from files or folders (searched recursively): Markdown with
front matter, AsciiDoc or plain text, in UTF-8, UTF-16 or Windows-1252.
Each post's event, talks, speakers, companies and AWS services are stored
in the database and the search index is updated.

Re-importing is cheap: a file whose size and modification time are
unchanged is skipped without being read, and one whose content is
unchanged is skipped without being parsed. A changed file replaces what
was stored for it. --prune forgets the files under the given folders that
are no longer there.

The summary goes to stderr, with each failure as "path[:line]: reason".
The exit status is 0 when every file was imported, 1 when some failed.
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
	return cmd
}

// importFailure is a file that could not be imported.
type importFailure struct {
	Path   string `json:"path"`
	Line   *int   `json:"line"`
	Reason string `json:"reason"`
}

// String is the failure as printed: "path[:line]: reason".
func (f importFailure) String() string {
	if f.Line != nil {
		return fmt.Sprintf("%s:%d: %s", f.Path, *f.Line, f.Reason)
	}
	return fmt.Sprintf("%s: %s", f.Path, f.Reason)
}

// failureOf describes err, met while importing path, without repeating
// the path: "no such file or directory", not "open x: no such file…".
func failureOf(path string, err error) importFailure {
	var d core.Diagnostic
	if errors.As(err, &d) {
		return diagnosticFailure(d, path)
	}
	f := importFailure{Path: path}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		f.Reason = pe.Err.Error()
	} else {
		f.Reason = strings.TrimPrefix(err.Error(), path+": ")
	}
	return f
}

// diagnosticFailure turns a diagnostic into a failure.
func diagnosticFailure(d core.Diagnostic, path string) importFailure {
	f := importFailure{Path: d.Path, Reason: d.Message}
	if f.Path == "" {
		f.Path = path
	}
	if d.Line > 0 {
		line := d.Line
		f.Line = &line
	}
	return f
}

// fileAction says what the store must do with one file.
type fileAction int

const (
	actionSkip  fileAction = iota // size and mtime unchanged: not even read
	actionTouch                   // content unchanged: record the new mtime
	actionSave                    // new or changed: store the post
	actionFail                    // could not be read
)

// fileResult is what a worker prepared for one file, handed to the single
// goroutine that writes to the store in file order.
type fileResult struct {
	path     string
	size     int64
	mtime    int64
	action   fileAction
	sha256   string
	encoding string
	post     core.Post
	diags    []core.Diagnostic
	failure  importFailure
}

// prepareFile decides what to do with one file and does the work that needs
// no store: stat, read, parse, extract. known is the stored state of path,
// nil when the file was never imported or for a dry run.
func prepareFile(path string, known *store.SourceState, maxSize int64) (r fileResult) {
	r.path = path
	defer func() {
		// A parser bug on one odd file must not take the import down.
		if p := recover(); p != nil {
			r.action = actionFail
			r.failure = importFailure{Path: path, Reason: fmt.Sprintf("internal error while parsing: %v", p)}
		}
	}()
	info, err := os.Stat(path)
	if err != nil {
		r.action, r.failure = actionFail, failureOf(path, err)
		return r
	}
	r.size, r.mtime = info.Size(), info.ModTime().UnixNano()
	if known != nil && known.Status == "ok" && known.Size == r.size && known.MTime == r.mtime {
		r.action = actionSkip
		return r
	}
	src, err := ingest.Read(path, maxSize)
	if err != nil {
		r.action, r.failure = actionFail, failureOf(path, err)
		return r
	}
	r.size, r.sha256, r.encoding = src.Size, src.SHA256, src.Encoding
	if known != nil && known.SHA256 == src.SHA256 && known.Status != "failed" {
		r.action = actionTouch
		return r
	}
	doc := ingest.Parse(src)
	r.post = extract.Extract(doc)
	if r.post.Path == "" {
		r.post.Path = path
	}
	r.diags = doc.Diagnostics
	r.action = actionSave
	return r
}

// prepareAll runs prepareFile over files with workers goroutines and calls
// handle with each result in file order, from the calling goroutine. At
// most a few results wait ahead of handle, so memory stays bounded however
// many files there are. It stops at the first error handle returns.
func prepareAll(ctx context.Context, files []string, workers int, prepare func(string) fileResult, handle func(fileResult) error) error {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = max(1, min(workers, len(files)))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	results := make([]chan fileResult, len(files))
	for i := range results {
		results[i] = make(chan fileResult, 1)
	}
	ahead := make(chan struct{}, 4*workers) // results allowed to wait for handle
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range jobs {
				results[i] <- prepare(files[i])
			}
		}()
	}
	for i := range files {
		var r fileResult
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-ahead
		if err := handle(r); err != nil {
			return err
		}
	}
	return nil
}

// importSummary is what "notes import --json" prints.
type importSummary struct {
	Imported int             `json:"imported"`
	Skipped  int             `json:"skipped"`
	Failed   []importFailure `json:"failed"`
	Talks    int             `json:"talks"`
	Speakers int             `json:"speakers"`
	Services int             `json:"services"`
	Pruned   int             `json:"pruned"`
}

// importer holds the state of one import run.
type importer struct {
	opts  *ImportOptions
	db    *store.DB
	idx   *search.Index // nil when the index is not being updated
	prog  *progress
	sum   importSummary
	files int

	speakers map[string]bool
	services map[string]bool

	pendingIDs []int64          // saved talks not yet in the index
	bodies     map[int64]string // their bodies, from the posts
	removed    []int64          // talks deleted from the store
	states     map[string]store.SourceState
}

func runImport(ctx context.Context, opts *ImportOptions) error {
	maxSize := opts.MaxSize
	if maxSize == 0 {
		maxSize = maxPostSize
	}
	walked, problems := ingest.Walk(opts.Paths)
	files := make([]string, len(walked))
	for i, p := range walked {
		files[i] = filepath.Clean(p)
	}
	var walkFailures []importFailure
	for _, d := range problems {
		walkFailures = append(walkFailures, diagnosticFailure(d, d.Path))
	}
	if opts.DryRun {
		return dryRun(ctx, opts, files, walkFailures, maxSize)
	}

	db, err := opts.Store()
	if err != nil {
		return err
	}
	im := &importer{
		opts:     opts,
		db:       db,
		prog:     newProgress(opts.IO, !opts.Quiet && !opts.JSON, len(files)),
		files:    len(files) + len(problems),
		speakers: map[string]bool{},
		services: map[string]bool{},
		bodies:   map[int64]string{},
	}
	im.sum.Failed = []importFailure{}
	for _, f := range walkFailures {
		im.fail(f)
	}
	if im.states, err = db.SourceStates(ctx); err != nil {
		return dbError(err)
	}
	gen, err := db.Generation(ctx)
	if err != nil {
		return dbError(err)
	}
	im.openIndex(gen)
	defer func() {
		if im.idx != nil {
			im.idx.Close()
		}
	}()

	prepare := func(path string) fileResult {
		var known *store.SourceState
		if st, ok := im.states[path]; ok {
			known = &st
		}
		return prepareFile(path, known, maxSize)
	}
	err = prepareAll(ctx, files, opts.Workers, prepare, func(r fileResult) error {
		return im.store(ctx, r)
	})
	im.prog.done()
	if err != nil {
		return err
	}
	if opts.Prune {
		if err := im.prune(ctx, files); err != nil {
			return err
		}
	}
	if err := db.DeleteOrphans(ctx); err != nil {
		return dbError(err)
	}
	im.finishIndex(ctx)

	if opts.JSON {
		if err := render.JSON(opts.IO.Out, im.sum); err != nil {
			return err
		}
	} else if !opts.Quiet {
		s := im.sum
		fmt.Fprintf(opts.IO.Err, "imported %s (%s, %s, %s), skipped %d unchanged, %d failed\n",
			plural(s.Imported, "file", "files"), plural(s.Talks, "talk", "talks"),
			plural(s.Speakers, "speaker", "speakers"), plural(s.Services, "service", "services"),
			s.Skipped, len(s.Failed))
		if s.Pruned > 0 {
			fmt.Fprintf(opts.IO.Err, "forgot %s no longer on disk\n", plural(s.Pruned, "file", "files"))
		}
	}
	if n := len(im.sum.Failed); n > 0 {
		return &ImportError{Failed: n, Total: im.files}
	}
	return nil
}

// fail records and prints a failure.
func (im *importer) fail(f importFailure) {
	im.sum.Failed = append(im.sum.Failed, f)
	if !im.opts.JSON {
		im.prog.clear()
		fmt.Fprintln(im.opts.IO.Err, render.Sanitize(f.String()))
	}
}

// warn prints a message on stderr unless --quiet.
func (im *importer) warn(format string, args ...any) {
	if im.opts.Quiet {
		return
	}
	im.prog.clear()
	fmt.Fprintf(im.opts.IO.Err, format+"\n", args...)
}

// store writes one prepared file to the database, in file order.
func (im *importer) store(ctx context.Context, r fileResult) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	defer im.prog.step()
	switch r.action {
	case actionSkip:
		im.sum.Skipped++
	case actionTouch:
		if err := im.db.Touch(ctx, r.path, r.size, r.mtime); err != nil {
			return dbError(fmt.Errorf("%s: %w", r.path, err))
		}
		im.sum.Skipped++
	case actionFail:
		im.fail(r.failure)
		if err := im.db.RecordFailure(ctx, store.FileInfo{
			Path: r.path, Size: r.size, MTime: r.mtime, Message: r.failure.Reason,
		}); err != nil {
			return dbError(fmt.Errorf("%s: %w", r.path, err))
		}
	case actionSave:
		info := store.FileInfo{
			Path:     r.path,
			SHA256:   r.sha256,
			Size:     r.size,
			MTime:    r.mtime,
			Encoding: r.encoding,
			Status:   "ok",
		}
		if len(r.diags) > 0 {
			info.Status = "warning"
			msgs := make([]string, len(r.diags))
			for i, d := range r.diags {
				msgs[i] = d.Message
				if d.Line > 0 {
					msgs[i] = fmt.Sprintf("line %d: %s", d.Line, d.Message)
				}
				if d.Path == "" {
					d.Path = r.path
				}
				im.warn("%s", render.Sanitize(d.Error()))
			}
			info.Message = strings.Join(msgs, "; ")
		}
		saved, err := im.db.SavePost(ctx, info, r.post)
		if err != nil {
			return dbError(fmt.Errorf("%s: %w", r.path, err))
		}
		if im.opts.Explain && !im.opts.JSON {
			for _, e := range r.post.Explain {
				im.warn("%s: %s", r.path, render.Sanitize(e))
			}
		}
		im.count(r.post)
		im.removed = append(im.removed, saved.Removed...)
		for i, id := range saved.TalkIDs {
			im.pendingIDs = append(im.pendingIDs, id)
			if i < len(r.post.Talks) {
				im.bodies[id] = r.post.Talks[i].Body
			}
		}
		if len(im.pendingIDs) >= indexBatch {
			im.flushIndex(ctx)
		}
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
	roots := make([]string, len(im.opts.Paths))
	for i, p := range im.opts.Paths {
		roots[i] = filepath.Clean(p)
	}
	removed, paths, err := im.db.Prune(ctx, func(path string) bool {
		return seen[path] || !under(path, roots)
	})
	if err != nil {
		return dbError(err)
	}
	im.sum.Pruned = len(paths)
	im.removed = append(im.removed, removed...)
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

// openIndex opens the search index for the import. When it cannot be
// opened (another notes holds it) or is already behind the database, the
// import goes on without it and the index is left for a rebuild.
func (im *importer) openIndex(gen int64) {
	idx, err := search.Open(im.opts.IndexPath())
	if err != nil {
		im.warnIndex(err)
		return
	}
	state, err := idx.State()
	if err != nil {
		idx.Close()
		im.warnIndex(err)
		return
	}
	count, err := idx.Count()
	if err != nil {
		idx.Close()
		im.warnIndex(err)
		return
	}
	fresh := state == "" && count == 0 && gen == 0
	if state != strconv.FormatInt(gen, 10) && !fresh {
		// The index is behind: updating it would not make it right. The
		// next search rebuilds it.
		idx.Close()
		return
	}
	im.idx = idx
}

// warnIndex says that the index could not be updated, always (even with
// --quiet or --json: search results would be missing otherwise).
func (im *importer) warnIndex(err error) {
	im.prog.clear()
	fmt.Fprintf(im.opts.IO.Err, "notes: warning: search index not updated: %v\nnotes: run 'notes reindex' once the other notes is done\n", err)
}

// flushIndex puts the pending talks into the index. On error the index is
// dropped for the rest of the import and left marked as stale.
func (im *importer) flushIndex(ctx context.Context) {
	ids := im.pendingIDs
	im.pendingIDs = nil
	bodies := im.bodies
	im.bodies = map[int64]string{}
	if im.idx == nil {
		return
	}
	if err := indexTalks(ctx, im.db, im.idx, ids, bodies); err != nil {
		im.dropIndex(err)
	}
}

// finishIndex flushes the last talks, removes the deleted ones and records
// the generation the index now reflects.
func (im *importer) finishIndex(ctx context.Context) {
	im.flushIndex(ctx)
	if im.idx == nil {
		return
	}
	if err := im.idx.Delete(im.removed); err != nil {
		im.dropIndex(err)
		return
	}
	gen, err := im.db.Generation(ctx)
	if err != nil {
		im.dropIndex(err)
		return
	}
	if err := im.idx.SetState(strconv.FormatInt(gen, 10)); err != nil {
		im.dropIndex(err)
	}
}

// dropIndex stops updating the index after an error.
func (im *importer) dropIndex(err error) {
	im.warnIndex(err)
	im.idx.Close()
	im.idx = nil
}

// progress shows "importing 120/4000 files" on a terminal's stderr.
type progress struct {
	io      *render.IO
	on      bool
	total   int
	n       int
	last    time.Time
	showing bool
}

func newProgress(s *render.IO, want bool, total int) *progress {
	return &progress{io: s, on: want && s.ErrTerminal && total > 1, total: total}
}

// step counts one file and redraws at most ten times a second.
func (p *progress) step() {
	p.n++
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.io.Err, "\r\x1b[Kimporting %d/%d files…", p.n, p.total)
	p.showing = true
}

// clear erases the progress line before another message.
func (p *progress) clear() {
	if p.showing {
		fmt.Fprint(p.io.Err, "\r\x1b[K")
		p.showing = false
	}
}

// done erases the progress line for good.
func (p *progress) done() {
	p.clear()
	p.on = false
}
