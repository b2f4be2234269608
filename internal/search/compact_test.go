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
