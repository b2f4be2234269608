package kb

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/notes-kb/notes/internal/search"
)

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
	if err := checkIndexFolder(im.path); err != nil {
		im.warnIndex(err) // before "could not be read: rebuilding…", which then fails
		return
	}
	lock, err := lockIndex(im.path, importLockWait)
	if err != nil {
		im.warnIndex(err)
		return
	}
	idx, err := search.Open(im.path) // creates it when missing
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

// warnIndex reports that the index could not be updated.
func (im *importer) warnIndex(err error) {
	im.report(Event{Kind: EventIndexSkipped, Err: err})
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
	idx, err := search.Open(im.path)
	if err != nil {
		return err
	}
	err = indexTalks(ctx, im.db, idx, job.removed, job.pending, job.bodies)
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
	if ctx.Err() != nil {
		return // interrupted: Import says so; the next search rebuilds the index
	}
	im.report(Event{Kind: EventRebuilding, Text: why})
	if _, err := rebuildIndex(ctx, im.db, im.path); err != nil && ctx.Err() == nil {
		im.warnIndex(err)
	}
}
