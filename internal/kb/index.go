package kb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"time"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// indexBatch is how many talks and posts go into the search index at
// once: large enough for Bleve batches to pay off (each is a segment, and
// the fewer segments an import writes, the less merging them costs; the
// index is opened for each one, so that searches during an import read
// the last batch), small enough to bound memory. 1,000 instead of 500, on
// 1,000 generated posts: import 6.59 → 6.16 s median, user CPU 10.9 →
// 9.9 s, peak RSS 490 → 570 MiB (4 runs each, alternating); on 10,000:
// 92.5 s and 757 MiB peak (/usr/bin/time). 2,000 (talks only, before posts
// were indexed) tripled the peak memory of the import (230 MB → 680 MB).
var indexBatch = 1000 // a variable for tests

// searchDoc is what the search index holds of a talk.
func searchDoc(t core.TalkRecord, body string) search.Doc {
	d := search.Doc{
		ID:          t.ID,
		Title:       t.Title,
		Body:        body,
		Speakers:    make([]string, 0, len(t.Speakers)),
		Companies:   t.Companies,
		Services:    t.Services,
		NoteAuthors: t.NoteAuthors,
		Kind:        t.Kind,
	}
	for _, s := range t.Speakers {
		d.Speakers = append(d.Speakers, s.Name)
	}
	setEvent(&d, t.Event)
	return d
}

// setEvent fills the event fields of d from e, when known.
func setEvent(d *search.Doc, e *core.Event) {
	if e != nil {
		d.Event, d.EventSeries, d.City, d.Year = e.Name, e.Series, e.City, e.Year
	}
}

// indexTalks removes the documents removed names from idx and puts the
// talks and posts ids names, loaded from the store, in batches of
// indexBatch: an import's job is one batch, so one segment for the merger,
// not one for its deletions, one for its posts and one for its talks.
// prepared holds the bodies already analysed (those of the posts just
// imported); the others are read from the store.
func indexTalks(ctx context.Context, db *store.DB, idx *search.Index, removed, ids []int64, prepared map[int64]*search.Prepared) error {
	for start := 0; start < len(ids) || start == 0; start += indexBatch {
		docs, err := indexDocs(ctx, db, ids[start:min(start+indexBatch, len(ids))], prepared)
		if err != nil {
			return err
		}
		if err := idx.Apply(removed, docs); err != nil {
			return err
		}
		removed = nil
	}
	return nil
}

// reindexLockWait is how long Reindex waits for another notes (an
// import) to finish updating the index.
const reindexLockWait = 30 * time.Second

// Reindex builds the search index anew from the database, once no other
// notes is updating it (ErrIndexLocked after a wait), and returns the
// number of talks indexed.
func (k *KB) Reindex(ctx context.Context) (int, error) {
	lock, err := lockIndex(k.indexPath, reindexLockWait)
	if err != nil {
		return 0, err
	}
	defer lock.release()
	return rebuildIndex(ctx, k.db, k.indexPath)
}

// rebuildIndex builds the index at path anew from every talk of db and
// records the generation it reflects. The caller holds the index lock.
//
// The generation is read first: if talks change while the index is built,
// the index is marked as older than the database and is rebuilt again
// later. The new index is built in path+".new" and moved into place when
// complete, so that a rebuild killed midway leaves the old index (or none)
// rather than half of one, and a search reading the old index meanwhile
// keeps the files it has open. It returns the number of talks indexed.
func rebuildIndex(ctx context.Context, db *store.DB, path string) (int, error) {
	gen, err := db.Generation(ctx)
	if err != nil {
		return 0, dbError(err)
	}
	if err := checkIndexFolder(path); err != nil {
		return 0, err
	}
	tmp, old := path+".new", path+".old"
	for _, p := range []string{tmp, old} {
		// Left over by a rebuild that was killed.
		if err := os.RemoveAll(p); err != nil {
			return 0, fmt.Errorf("remove %s: %w", p, err)
		}
	}
	n, err := buildIndex(ctx, db, tmp, gen)
	if err != nil {
		_ = os.RemoveAll(tmp)
		return 0, err
	}
	if _, err := os.Stat(path); err == nil {
		if err := os.Rename(path, old); err != nil {
			_ = os.RemoveAll(tmp)
			return 0, fmt.Errorf("replace search index: %w", err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return 0, fmt.Errorf("replace search index: %w", err)
	}
	_ = os.RemoveAll(old) // best effort: a reader may still hold its files on some systems
	return n, nil
}

// IndexNotFolderError is a file where the search index's folder should
// be. Nothing notes does can rebuild the index until it is moved away, so
// the message says that rather than "run notes reindex" (issue 13, item 8).
type IndexNotFolderError struct {
	Path string
}

// Error says what the file is in the way of and what to do.
func (e *IndexNotFolderError) Error() string {
	return fmt.Sprintf("%s is a file, not a search index: notes keeps the index in a folder of that name; move the file away (or delete it), then run 'notes reindex'", e.Path)
}

// checkIndexFolder returns an *IndexNotFolderError when something other
// than a folder is at the index's path, and the error of a path that
// cannot be looked at; nil when it is a folder or nothing.
func checkIndexFolder(path string) error {
	info, err := os.Stat(path)
	switch {
	case err == nil && !info.IsDir():
		return &IndexNotFolderError{Path: path}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return nil
}

// createIndex creates an empty index: a variable, so that tests (run as
// root, where permissions do not stop a write) can play a full disk.
var createIndex = search.Create

// buildIndex creates the index at path with every talk of db, marked as
// reflecting generation gen, and closes it. Talks are read and their bodies
// analysed (on every CPU) a batch ahead of the batch being written, which
// bleve does on one: on 10,000 generated posts the rebuild took 26.9 s
// when the two alternated, and 20.3–21.6 s so. At most three batches are
// held at once.
func buildIndex(ctx context.Context, db *store.DB, path string, gen int64) (int, error) {
	defer bulkGC()()
	ids, err := db.TalkIDs(ctx)
	if err != nil {
		return 0, dbError(err)
	}
	posts, err := db.PostIDs(ctx)
	if err != nil {
		return 0, dbError(err)
	}
	for _, id := range posts {
		ids = append(ids, postDocID(id))
	}
	idx, err := createIndex(path)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type batch struct {
		docs []search.Doc
		err  error
	}
	batches := make(chan batch, 1)
	go func() {
		defer close(batches)
		for start := 0; start < len(ids); start += indexBatch {
			chunk := ids[start:min(start+indexBatch, len(ids))]
			docs, err := indexDocs(ctx, db, chunk, nil)
			if err == nil {
				search.PrepareDocs(docs)
			}
			select {
			case batches <- batch{docs, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	n := 0
	for b := range batches {
		err := b.err
		if err == nil {
			err = idx.Put(b.docs)
		}
		if err != nil {
			cancel()
			for range batches { // the reader stops: it uses db no longer
			}
			idx.Close()
			return 0, err
		}
		for _, d := range b.docs {
			if !d.Post {
				n++
			}
		}
	}
	if err := ctx.Err(); err != nil {
		idx.Close()
		return 0, err
	}
	if err := idx.Compact(ctx); err != nil {
		idx.Close()
		return 0, err
	}
	if err := idx.SetState(strconv.FormatInt(gen, 10)); err != nil {
		idx.Close()
		return 0, err
	}
	if err := idx.Close(); err != nil {
		return 0, err
	}
	return n, nil
}

// indexDocs reads the talks and posts ids names (posts by postDocID) as
// index documents; talks deleted meanwhile are left out. prepared holds
// bodies and texts already analysed, by index id: those are not read from
// the store.
func indexDocs(ctx context.Context, db *store.DB, ids []int64, prepared map[int64]*search.Prepared) ([]search.Doc, error) {
	ids, sources := splitIDs(ids)
	docs := []search.Doc{}
	if len(sources) > 0 {
		withText := false
		for _, id := range sources {
			if prepared[postDocID(id)] == nil {
				withText = true
				break
			}
		}
		posts, err := db.PostDocs(ctx, sources, withText)
		if err != nil {
			return nil, dbError(err)
		}
		for _, p := range posts {
			d := postDoc(p)
			if pr := prepared[d.ID]; pr != nil {
				d.Body, d.Prepared = "", pr
			}
			docs = append(docs, d)
		}
	}
	if len(ids) == 0 {
		return docs, nil
	}
	talks, err := db.Talks(ctx, core.TalkFilter{IDs: ids})
	if err != nil {
		return nil, dbError(err)
	}
	var missing []int64
	for _, t := range talks {
		if prepared[t.ID] == nil {
			missing = append(missing, t.ID)
		}
	}
	var bodies map[int64]string
	if len(missing) > 0 {
		if bodies, err = db.Bodies(ctx, missing); err != nil {
			return nil, dbError(err)
		}
	}
	for _, t := range talks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d := searchDoc(t, "")
		if p := prepared[t.ID]; p != nil {
			d.Prepared = p
		} else if body, ok := bodies[t.ID]; ok {
			d.Body = body
		} else {
			continue // deleted meanwhile
		}
		docs = append(docs, d)
	}
	return docs, nil
}
