package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/extract"
	"github.com/notes-kb/notes/internal/ingest"
	"github.com/notes-kb/notes/internal/render"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// maxPostSize is the largest file import reads: write-ups are kilobytes
// (the longest real ones a few hundred), a bigger file is a stray archive,
// a disk image or a data dump. The limit also bounds memory: a post is
// held whole, decoded and parsed, by each of a few workers at once.
const maxPostSize = 16 << 20

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

Each file is stored whole or not at all (files are committed a few dozen
at a time, each behind a savepoint of its own): an import that is
interrupted commits the files it has stored, one that is killed leaves every
file either imported whole or not at all, and running it again finishes
the job. Two imports may run at once on one database.

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
	prepared []*search.Prepared // the talks' bodies analysed for the index
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
	// Parsing a post takes several times its size in memory: big posts
	// wait for each other rather than being parsed all at once.
	n := parseBudget.acquire(r.size)
	defer parseBudget.release(n)
	src, warnings, err := ingest.ReadPost(path, maxSize)
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
	r.diags = append(warnings, doc.Diagnostics...)
	r.action = actionSave
	return r
}

// parseBudget bounds the bytes of the files being read and parsed at once,
// whatever the number of workers: a folder of posts near the size limit
// costs a few of them in memory at a time, not one per CPU.
var parseBudget = newByteBudget(3 * maxPostSize)

// byteBudget is a counting semaphore over bytes.
type byteBudget struct {
	mu    sync.Mutex
	cond  *sync.Cond
	total int64
	free  int64
}

func newByteBudget(total int64) *byteBudget {
	b := &byteBudget{total: total, free: total}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire waits until n bytes (at most the whole budget) are free, takes
// them and returns how many it took, for release.
func (b *byteBudget) acquire(n int64) int64 {
	n = max(0, min(n, b.total))
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	return n
}

// release gives back what acquire took.
func (b *byteBudget) release(n int64) {
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
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

// The collector's settings during an import: on 1,000 generated posts,
// GOGC=400 took 4.06 s and 6.6 s of CPU where the default took 5.52 s and
// 9.0 s (390 → 566 MiB peak); the soft limit bounds what that costs in
// memory on big imports.
const (
	importGCPercent   = 400
	importMemoryLimit = 512 << 20
)

// bulkGC sets the collector for an import or an index rebuild, which
// allocate a lot of short-lived memory (parsing, analysis, segments): it
// runs less often than by default, within a soft limit that keeps the
// work well under its memory budget. GOGC or GOMEMLIMIT set by the user
// win. It returns what puts the previous settings back.
func bulkGC() (restore func()) {
	var undo []func()
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(importGCPercent)
		undo = append(undo, func() { debug.SetGCPercent(old) })
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(importMemoryLimit)
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}

// importSummary is what "notes import --json" prints.
type importSummary struct {
	Imported int             `json:"imported"`
	Skipped  int             `json:"skipped"`
	Failed   []importFailure `json:"failed"`
	Warnings []importFailure `json:"warnings"`
	Talks    int             `json:"talks"`
	Speakers int             `json:"speakers"`
	Services int             `json:"services"`
	Pruned   int             `json:"pruned"`
}

// importer holds the state of one import run.
type importer struct {
	opts  *ImportOptions
	db    *store.DB
	prog  *progress
	sum   importSummary
	files int

	speakers map[string]bool
	services map[string]bool

	batch *store.Batch // the open write transaction, nil between batches

	index indexUpdate
}

// indexUpdate keeps the search index in step with an import. The import
// holds the index lock from start to end, but opens the index itself only
// to write a batch, so that searches meanwhile read the last batch written.
// Talks are put into the index only once committed to the database: the
// index is never ahead of it.
type indexUpdate struct {
	lock *indexLock // nil: this import does not update the index
	// rebuild: the index was behind the database when the import started
	// (an earlier import was killed, or ran beside another one): it is
	// rebuilt whole at the end rather than updated.
	rebuild bool
	why     string // why it is rebuilt, for the message
	// gen is the generation the index will reflect once the pending
	// changes are written: the database's at the start of the import, plus
	// the changes of this import. foreign is set when a save reports
	// another generation: another notes changed talks meanwhile, and the
	// index is rebuilt at the end to take them in.
	gen     int64
	foreign bool

	pending []int64                    // saved talks not yet in the index
	bodies  map[int64]*search.Prepared // their bodies, analysed by the workers
	// removed are talks deleted from the store and not yet from the index.
	// SQLite reuses the ids of deleted talks: an id saved again after its
	// removal leaves this set, or the new talk would be deleted instead.
	removed map[int64]bool

	// The batches are written by a goroutine of their own (flushIndex):
	// jobs feeds it, jobsDone is closed when it has finished, jobsErr is
	// the first error it met, read once it has finished.
	jobs     chan indexJob
	jobsDone chan struct{}
	jobsErr  error
}

func runImport(ctx context.Context, opts *ImportOptions) error {
	maxSize := opts.MaxSize
	if maxSize == 0 {
		maxSize = maxPostSize
	}
	walked, problems := ingest.Walk(opts.Paths, notesFiles(opts)...)
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
	defer bulkGC()()
	im := &importer{
		opts:     opts,
		db:       db,
		prog:     newProgress(opts.IO, !opts.Quiet && !opts.JSON, len(files)),
		files:    len(files) + len(problems),
		speakers: map[string]bool{},
		services: map[string]bool{},
	}
	im.sum.Failed = []importFailure{}
	im.sum.Warnings = []importFailure{}
	for _, f := range walkFailures {
		im.fail(f)
	}
	states, err := db.SourceStates(ctx)
	if err != nil {
		return dbError(err)
	}
	gen, err := db.Generation(ctx)
	if err != nil {
		return dbError(err)
	}
	im.openIndex(gen)
	defer im.index.lock.release()
	defer im.index.stop() // before the lock is released

	// Decided before the workers start: the index is updated as the
	// import goes, rather than rebuilt at the end.
	indexing := im.index.lock != nil && !im.index.rebuild
	prepare := func(path string) fileResult {
		var known *store.SourceState
		if st, ok := states[path]; ok {
			known = &st
		}
		r := prepareFile(path, known, maxSize)
		if r.action == actionSave && indexing {
			// Analysing the bodies for the index is the costliest part
			// of indexing: done here, by the workers, in parallel.
			r.prepared = make([]*search.Prepared, len(r.post.Talks))
			for i, t := range r.post.Talks {
				r.prepared[i] = search.Prepare(t.Body)
			}
		}
		return r
	}
	err = prepareAll(ctx, files, opts.Workers, prepare, func(r fileResult) error {
		return im.store(ctx, r)
	})
	im.prog.done()
	// What was saved is committed, even when the import stops here
	// (interrupted, or a database error on a later file).
	if cerr := im.commit(); err == nil && cerr != nil {
		err = dbError(cerr)
	}
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
		line := fmt.Sprintf("imported %s (%s, %s, %s), skipped %d unchanged, %d failed",
			plural(s.Imported, "file", "files"), plural(s.Talks, "talk", "talks"),
			plural(s.Speakers, "speaker", "speakers"), plural(s.Services, "service", "services"),
			s.Skipped, len(s.Failed))
		if n := len(s.Warnings); n > 0 {
			line += ", " + plural(n, "warning", "warnings")
		}
		fmt.Fprintln(opts.IO.Err, line)
		if s.Pruned > 0 {
			fmt.Fprintf(opts.IO.Err, "forgot %s no longer on disk\n", plural(s.Pruned, "file", "files"))
		}
	}
	if n := len(im.sum.Failed); n > 0 {
		return &ImportError{Failed: n, Total: im.files}
	}
	return nil
}

// fail records a failure and prints it on stderr, with --json too (the
// JSON goes to stdout): a script's log shows what a person would see.
func (im *importer) fail(f importFailure) {
	im.sum.Failed = append(im.sum.Failed, f)
	im.prog.clear()
	fmt.Fprintln(im.opts.IO.Err, render.Sanitize(f.String()))
}

// warnFile records a warning about a file that was imported anyway and
// prints it as "path[:line]: warning: message" unless --quiet.
func (im *importer) warnFile(d core.Diagnostic, path string) {
	w := diagnosticFailure(d, path)
	im.sum.Warnings = append(im.sum.Warnings, w)
	im.warn("%s", render.Sanitize(warningLine(w)))
}

// warningLine is a warning as printed: "path[:line]: warning: message".
func warningLine(w importFailure) string {
	return importFailure{Path: w.Path, Line: w.Line, Reason: "warning: " + w.Reason}.String()
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
		b, err := im.tx(ctx)
		if err == nil {
			err = b.Touch(r.path, r.size, r.mtime)
		}
		if err != nil {
			return dbError(fmt.Errorf("%s: %w", r.path, err))
		}
		im.sum.Skipped++
	case actionFail:
		im.fail(r.failure)
		b, err := im.tx(ctx)
		if err == nil {
			err = b.RecordFailure(store.FileInfo{
				Path: r.path, Size: r.size, MTime: r.mtime, Message: r.failure.Reason,
			})
		}
		if err != nil {
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
				im.warnFile(d, r.path)
			}
			info.Message = strings.Join(msgs, "; ")
		}
		b, err := im.tx(ctx)
		var saved store.Saved
		if err == nil {
			saved, err = b.SavePost(info, r.post)
		}
		if err != nil {
			return dbError(fmt.Errorf("%s: %w", r.path, err))
		}
		if im.opts.Explain && !im.opts.JSON {
			for _, e := range r.post.Explain {
				im.warn("%s: %s", r.path, render.Sanitize(e))
			}
		}
		im.count(r.post)
		im.index.saved(saved.Removed, saved.TalkIDs, r.prepared, saved.Generation, saved.ChangedTalks())
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
	roots := make([]string, len(im.opts.Paths))
	for i, p := range im.opts.Paths {
		roots[i] = filepath.Clean(p)
	}
	pruned, err := im.db.Prune(ctx, func(path string) bool {
		return seen[path] || !under(path, roots)
	})
	if err != nil {
		return dbError(err)
	}
	im.sum.Pruned = len(pruned.Paths)
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

// importLockWait is how long an import waits for another notes updating
// the search index before going on without updating it.
const importLockWait = 2 * time.Second

// openIndex takes the index lock for the import and checks that the index
// reflects generation gen, the database's before the import; when it does
// not (or cannot be read, or was built by another version of notes), it is
// rebuilt at the end of the import. When another notes holds the lock,
// the import goes on without the index: the notes holding it, or the next
// search, brings the index up to date.
func (im *importer) openIndex(gen int64) {
	ix := &im.index
	ix.bodies, ix.removed, ix.gen = map[int64]*search.Prepared{}, map[int64]bool{}, gen
	lock, err := lockIndex(im.opts.IndexPath(), importLockWait)
	if err != nil {
		im.warnIndex(err)
		return
	}
	idx, err := search.Open(im.opts.IndexPath()) // creates it when missing
	if errors.Is(err, search.ErrBusy) {
		lock.release()
		im.warnIndex(err)
		return
	}
	ix.lock = lock
	if err != nil {
		ix.rebuild, ix.why = true, "could not be read"
		if errors.Is(err, search.ErrOutdated) {
			ix.why = "was built by another version of notes"
		}
		return
	}
	defer idx.Close()
	state, err := idx.State()
	if err != nil {
		ix.rebuild, ix.why = true, "could not be read"
		return
	}
	count, err := idx.Count()
	fresh := err == nil && state == "" && count == 0 && gen == 0
	if state != strconv.FormatInt(gen, 10) && !fresh {
		ix.rebuild, ix.why = true, "was behind the database"
	}
}

// saved records a change to the talks of the database for the index: the
// talks removed and added by saving one file, and the generation after it.
func (ix *indexUpdate) saved(removed, added []int64, prepared []*search.Prepared, gen int64, bumped bool) {
	want := ix.gen
	if bumped {
		want++
	}
	if gen != want {
		ix.foreign = true
	}
	ix.gen = gen
	if ix.lock == nil || ix.rebuild {
		return
	}
	for _, id := range removed {
		ix.removed[id] = true
	}
	for i, id := range added {
		delete(ix.removed, id)
		ix.pending = append(ix.pending, id)
		if i < len(prepared) && prepared[i] != nil {
			ix.bodies[id] = prepared[i]
		}
	}
}

// warnIndex says that the index could not be updated, always (even with
// --quiet or --json: search results would be missing otherwise).
func (im *importer) warnIndex(err error) {
	im.prog.clear()
	if errors.Is(err, errIndexLocked) {
		fmt.Fprintln(im.opts.IO.Err, "notes: warning: another notes is updating the search index: this import leaves it to that one (or to the next search)")
		return
	}
	fmt.Fprintf(im.opts.IO.Err, "notes: warning: search index not updated: %v\nnotes: the next search rebuilds it (or run 'notes reindex')\n", err)
}

// flushIndex hands the pending changes to the goroutine that writes the
// index, so that the next posts are saved while they are indexed. It waits
// while that goroutine still has a batch waiting: at most two batches are
// held in memory. A batch that fails leaves the index for a rebuild at the
// end of the import.
func (im *importer) flushIndex(ctx context.Context) {
	ix := &im.index
	if ix.lock == nil || ix.rebuild || len(ix.pending)+len(ix.removed) == 0 {
		return
	}
	if ix.jobs == nil {
		ix.jobs, ix.jobsDone = make(chan indexJob, 1), make(chan struct{})
		go func() {
			defer close(ix.jobsDone)
			for job := range ix.jobs {
				if ix.jobsErr == nil && ctx.Err() == nil {
					ix.jobsErr = im.writeJob(ctx, job, nil)
				}
			}
		}()
	}
	ix.jobs <- ix.takeJob()
}

// stop waits for the batches handed to the index writer to be written and
// reports the first error. The writer is started again by the next flush.
func (ix *indexUpdate) stop() error {
	if ix.jobs == nil {
		return nil
	}
	close(ix.jobs)
	<-ix.jobsDone
	ix.jobs = nil
	err := ix.jobsErr
	ix.jobsErr = nil
	return err
}

// indexJob is one batch of changes for the index: talks removed from the
// database, talks saved (committed) with their analysed bodies.
type indexJob struct {
	removed []int64
	pending []int64
	bodies  map[int64]*search.Prepared
}

// takeJob returns the pending changes and forgets them.
func (ix *indexUpdate) takeJob() indexJob {
	job := indexJob{removed: make([]int64, 0, len(ix.removed)), pending: ix.pending, bodies: ix.bodies}
	for id := range ix.removed {
		job.removed = append(job.removed, id)
	}
	ix.pending, ix.bodies, ix.removed = nil, map[int64]*search.Prepared{}, map[int64]bool{}
	return job
}

// writeJob opens the index, deletes the removed talks, puts the saved
// ones and, when then is not nil, calls it before closing.
func (im *importer) writeJob(ctx context.Context, job indexJob, then func(*search.Index) error) error {
	idx, err := search.Open(im.opts.IndexPath())
	if err != nil {
		return err
	}
	err = idx.Delete(job.removed)
	if err == nil {
		err = indexTalks(ctx, im.db, idx, job.pending, job.bodies)
	}
	if err == nil && then != nil {
		err = then(idx)
	}
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	return err
}

// finishIndex writes the last changes and records the generation the index
// now reflects, or rebuilds the index whole when it was behind at the
// start or another notes changed talks meanwhile. Then it releases the
// index lock.
func (im *importer) finishIndex(ctx context.Context) {
	ix := &im.index
	if ix.lock == nil {
		return
	}
	defer func() {
		ix.lock.release()
		ix.lock = nil
	}()
	if err := ix.stop(); err != nil && !ix.rebuild {
		ix.rebuild, ix.why = true, fmt.Sprintf("could not be updated (%v)", err)
	}
	if !ix.rebuild && !ix.foreign {
		err := im.writeJob(ctx, ix.takeJob(), func(idx *search.Index) error {
			cur, err := im.db.Generation(ctx)
			if err != nil {
				return err
			}
			if cur != ix.gen {
				ix.foreign = true // a change committed after our last save
				return nil
			}
			if err := idx.Compact(ctx); err != nil {
				return err
			}
			return idx.SetState(strconv.FormatInt(cur, 10))
		})
		switch {
		case err != nil:
			ix.rebuild, ix.why = true, fmt.Sprintf("could not be updated (%v)", err)
		case !ix.foreign:
			return
		}
	}
	why := ix.why
	if !ix.rebuild {
		why = "missed changes made by another notes during this import"
	}
	if !im.opts.Quiet {
		im.prog.clear()
		fmt.Fprintf(im.opts.IO.Err, "search index %s: rebuilding…\n", why)
	}
	if _, err := rebuildIndex(ctx, im.db, im.opts.IndexPath()); err != nil {
		im.warnIndex(err)
	}
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
