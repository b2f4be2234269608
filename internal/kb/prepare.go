package kb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/extract"
	"github.com/notes-kb/notes/internal/ingest"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// maxPostSize is the largest file import reads: write-ups are kilobytes
// (the longest real ones a few hundred), a bigger file is a stray archive,
// a disk image or a data dump. The limit also bounds memory: a post is
// held whole, decoded and parsed, by each of a few workers at once.
const maxPostSize = 16 << 20

// failureOf describes err, met while importing path, without repeating
// the path: "no such file or directory", not "open x: no such file…".
func failureOf(path string, err error) core.Failure {
	var d core.Diagnostic
	if errors.As(err, &d) {
		return diagnosticFailure(d, path)
	}
	f := core.Failure{Path: path}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		f.Reason = pe.Err.Error()
	} else {
		f.Reason = strings.TrimPrefix(err.Error(), path+": ")
	}
	return f
}

// diagnosticFailure turns a diagnostic into a failure.
func diagnosticFailure(d core.Diagnostic, path string) core.Failure {
	f := core.Failure{Path: d.Path, Reason: d.Message}
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
	path     string // as walked, for messages
	id       string // the identity stored: absolute (see absPath); "" in a dry run
	size     int64
	mtime    int64
	action   fileAction
	sha256   string
	encoding string
	post     core.Post
	prepared []*search.Prepared // the talks' bodies analysed for the index
	// readable are the talks' bodies as the index reads them
	// (search.Readable), computed once for postText and the index.
	readable []string
	// lang and translationKey link a post to its translations (see
	// translationOf).
	lang, translationKey string
	// root is the folder the import was given that holds the file, ""
	// for a file read again from elsewhere; knownRoot the one stored.
	root, knownRoot string
	// url is the post's public address (publicURL); located says it was
	// looked for, always for a post saved, once for an unchanged file
	// stored before addresses were.
	url     string
	located bool
	text    store.PostText // the post's text beyond its talks
	// textPrepared is text analysed for the index, nil when the import
	// does not update it.
	textPrepared *search.Prepared
	diags        []core.Diagnostic
	failure      core.Failure
}

// prepareFile decides what to do with one file and does the work that needs
// no store: stat, read, parse, extract. known is the stored state of path,
// nil when the file was never imported or for a dry run. fix, when not
// nil, applies the corrections to the post before its text is split
// between its talks and the rest.
func prepareFile(path string, known *store.SourceState, maxSize int64, fix func(*core.Post)) (r fileResult) {
	r.path = path
	defer func() {
		// A parser bug on one odd file must not take the import down.
		if p := recover(); p != nil {
			r.action = actionFail
			r.failure = core.Failure{Path: path, Reason: fmt.Sprintf("internal error while parsing: %v", p)}
		}
	}()
	info, err := os.Stat(path)
	if err != nil {
		r.action, r.failure = actionFail, failureOf(path, err)
		return r
	}
	r.size, r.mtime = info.Size(), info.ModTime().UnixNano()
	if known != nil {
		r.knownRoot = known.Root
	}
	if known != nil && known.Status == "ok" && known.Located && known.Size == r.size && known.MTime == r.mtime {
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
		if !known.Located {
			// Stored before public addresses were: its front matter
			// says where it is published; its talks are kept.
			r.url, r.located = publicURL(ingest.Parse(src).Meta, absPath(path)), true
		}
		return r
	}
	doc := ingest.Parse(src)
	post, ok := extractWithin(doc, extractBudget)
	if !ok {
		r.action = actionFail
		r.failure = core.Failure{Path: path, Reason: fmt.Sprintf(
			"extraction took longer than %s, the limit for one post; the file was not imported (other files are not held back)", extractBudget)}
		return r
	}
	if fix != nil {
		fix(&post)
	}
	r.post = post
	r.lang, r.translationKey = translationOf(doc.Meta)
	r.url, r.located = publicURL(doc.Meta, absPath(path)), true
	r.readable = make([]string, len(post.Talks))
	for i, t := range post.Talks {
		r.readable[i] = search.Readable(t.Body)
	}
	r.text = postText(src.Text, doc, post, r.readable)
	if r.post.Path == "" {
		r.post.Path = path
	}
	r.diags = append(warnings, doc.Diagnostics...)
	r.action = actionSave
	return r
}

// extractBudget is the time one post may take in extraction. Extraction is
// near-linear (BenchmarkHostileShapes: 1 MB/s at worst), so a post of the
// 16 MiB limit fits; the budget stops a shape no benchmark has seen from
// holding back the commits of every file after it.
var extractBudget = 30 * time.Second

// extractPost is extract.Extract; a variable so that tests can slow it.
var extractPost = extract.Extract

// extractWithin extracts doc, or gives up after budget: ok is false then,
// and the abandoned extraction finishes in the background.
func extractWithin(doc core.Document, budget time.Duration) (core.Post, bool) {
	type result struct {
		post  core.Post
		panic any
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{panic: p}
			}
		}()
		done <- result{post: extractPost(doc)}
	}()
	timer := time.NewTimer(budget)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.panic != nil {
			panic(r.panic) // reported by prepareFile's recover, as before
		}
		return r.post, true
	case <-timer.C:
		return core.Post{}, false
	}
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
