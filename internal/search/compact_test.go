package search

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// TestCompactMerges writes batches the way an import does, closing the
// index after each, then checks that compacting merges the segments left
// (with the single-segment policy, so the result does not depend on what
// bleve's background merger did meanwhile) and that every talk is still
// found.
func TestCompactMerges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db.bleve")
	const batches, perBatch = 12, 5
	for b := range batches {
		ix, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		docs := make([]Doc, perBatch)
		for i := range docs {
			id := int64(b*perBatch + i + 1)
			docs[i] = Doc{ID: id, Title: fmt.Sprintf("Talk %d", id), Body: fmt.Sprintf("karpenter et kubernetes, talk %d", id)}
		}
		if err := ix.Put(docs); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	before := ix.Segments()
	if before < 2 {
		t.Fatalf("%d segment before compacting: nothing left to merge", before)
	}
	if err := ix.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := ix.compact(context.Background(), mergeplan.SingleSegmentMergePlanOptions); err != nil {
		t.Fatal(err)
	}
	if after := ix.Segments(); after != 1 {
		t.Errorf("%d segments after compacting %d into one", after, before)
	}
	hits, err := ix.Search("karpenter", Filters{}, 1000)
	if err != nil || len(hits) != batches*perBatch {
		t.Errorf("search after compacting: %d hits, %v; want %d", len(hits), err, batches*perBatch)
	}
}

// TestApplyDeletesAndIndexes: in Apply's one batch, a document both
// deleted and indexed (a talk saved again under its id) is indexed, and
// the others deleted are gone.
func TestApplyDeletesAndIndexes(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "notes.db.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put([]Doc{{ID: 1, Title: "Karpenter", Body: "karpenter"}, {ID: 2, Title: "Watermill", Body: "watermill"}}); err != nil {
		t.Fatal(err)
	}
	err = ix.Apply([]int64{1, 2}, []Doc{{ID: 1, Title: "Karpenter again", Body: "karpenter"}, {ID: -3, Post: true, Body: "benthos"}})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 2 {
		t.Errorf("%d documents after Apply, want 2 (talk 1 again, post -3)", n)
	}
	if hits, err := ix.Search("watermill", Filters{}, 10); err != nil || len(hits) != 0 {
		t.Errorf("deleted talk 2 still found: %+v, %v", hits, err)
	}
	if hits, err := ix.Search("karpenter", Filters{}, 10); err != nil || len(hits) != 1 || hits[0].ID != 1 {
		t.Errorf("talk 1, deleted and indexed in one Apply: %+v, %v", hits, err)
	}
}
