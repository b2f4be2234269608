package kb

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportInterruptedDuringIndexRebuild is the regression test of issue
// 13, item 6: Ctrl-C while an import rebuilt the index at its end was
// reported as an index warning ("search index not updated: context
// canceled") and the import returned no error, so notes exited 0. The
// import now reports the interruption; the files it stored stay stored and
// the next search rebuilds the index.
func TestImportInterruptedDuringIndexRebuild(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "n.db")
	importFiles(t, dbPath, map[string]string{"a.md": twoTalks})
	saveBehindIndex(t, dbPath, "killed.md", "Talk the index missed") // the next import rebuilds

	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var log strings.Builder
	report := logOf(&log)
	sum, err := k.Import(ctx, []string{writePosts(t, 3)}, ImportOptions{Report: func(e Event) {
		report(e)
		if e.Kind == EventRebuilding {
			cancel() // Ctrl-C as the rebuild starts
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("import interrupted during the rebuild: err = %v, want context.Canceled", err)
	}
	if sum.Imported != 3 {
		t.Errorf("imported %d files, want 3 (stored before the interruption)", sum.Imported)
	}
	if strings.Contains(log.String(), "index not updated") {
		t.Errorf("import reported %q, want no index warning for an interruption", log.String())
	}
	k.Close()

	titles, stderr, err := searchFor(t, dbPath, "karpenter")
	if err != nil || len(titles) != 4 || !strings.Contains(stderr, "rebuilding") {
		t.Errorf("search after = %q, %q, %v; want the 4 Karpenter talks after a rebuild", titles, stderr, err)
	}
}
