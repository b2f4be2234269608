package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// indexBatch is how many talks go into the search index at once: large
// enough for Bleve batches to pay off, small enough to bound memory.
const indexBatch = 500

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
	if t.Event != nil {
		d.Event = t.Event.Name
		d.EventSeries = t.Event.Series
		d.City = t.Event.City
		d.Year = t.Event.Year
	}
	return d
}

// indexTalks loads the talks ids names from the store and puts them into
// idx, in batches. bodies holds the bodies already known (from the posts
// just imported); the others are read one talk at a time, as the store has
// no bulk query for bodies.
func indexTalks(ctx context.Context, db *store.DB, idx *search.Index, ids []int64, bodies map[int64]string) error {
	for start := 0; start < len(ids); start += indexBatch {
		chunk := ids[start:min(start+indexBatch, len(ids))]
		talks, err := db.Talks(ctx, core.TalkFilter{IDs: chunk})
		if err != nil {
			return dbError(err)
		}
		if err := putTalks(ctx, db, idx, talks, bodies); err != nil {
			return err
		}
	}
	return nil
}

// putTalks indexes talks, fetching the bodies bodies lacks.
func putTalks(ctx context.Context, db *store.DB, idx *search.Index, talks []core.TalkRecord, bodies map[int64]string) error {
	var missing []int64
	for _, t := range talks {
		if _, ok := bodies[t.ID]; !ok {
			missing = append(missing, t.ID)
		}
	}
	if len(missing) > 0 {
		// One query for the batch rather than one per talk.
		fetched, err := db.Bodies(ctx, missing)
		if err != nil {
			return dbError(err)
		}
		merged := make(map[int64]string, len(bodies)+len(fetched))
		for id, b := range bodies {
			merged[id] = b
		}
		for id, b := range fetched {
			merged[id] = b
		}
		bodies = merged
	}
	docs := make([]search.Doc, 0, len(talks))
	for _, t := range talks {
		if err := ctx.Err(); err != nil {
			return err
		}
		body, ok := bodies[t.ID]
		if !ok {
			continue // deleted meanwhile
		}
		docs = append(docs, searchDoc(t, body))
	}
	return idx.Put(docs)
}

// rebuildIndex deletes the index at path and builds a new one from every
// talk of db, recording the generation it reflects. The generation is read
// first: if talks change while the index is built, the index is marked as
// older than the database and the next search rebuilds it again. The index
// is returned open for writing, with the number of talks indexed.
func rebuildIndex(ctx context.Context, db *store.DB, path string) (*search.Index, int, error) {
	gen, err := db.Generation(ctx)
	if err != nil {
		return nil, 0, dbError(err)
	}
	if info, err := os.Stat(path); err == nil && !info.IsDir() {
		return nil, 0, fmt.Errorf("%s is not a search index (not a folder): move it away", path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, 0, err
	}
	if err := os.RemoveAll(path); err != nil {
		return nil, 0, fmt.Errorf("remove old search index: %w", err)
	}
	idx, err := search.Create(path)
	if err != nil {
		return nil, 0, err
	}
	talks, err := db.Talks(ctx, core.TalkFilter{})
	if err != nil {
		idx.Close()
		return nil, 0, dbError(err)
	}
	for start := 0; start < len(talks); start += indexBatch {
		chunk := talks[start:min(start+indexBatch, len(talks))]
		if err := putTalks(ctx, db, idx, chunk, nil); err != nil {
			idx.Close()
			return nil, 0, err
		}
	}
	if err := idx.SetState(strconv.FormatInt(gen, 10)); err != nil {
		idx.Close()
		return nil, 0, err
	}
	return idx, len(talks), nil
}
