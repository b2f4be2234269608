package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

func fileDigest(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestOpenRefusesNewerSchema: a database written by a newer notes (a
// user_version past our last migration) is refused with a message saying
// what to do, and left byte for byte as it was.
func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "notes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SavePost(ctx, FileInfo{Path: "a.md", SHA256: "a"}, samplePost(summit, "Kept")); err != nil {
		t.Fatal(err)
	}
	// Leave a single file behind, then write the newer version number.
	if _, err := db.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// A newer notes may not use WAL: leave a rollback-journal database,
	// whose header Open would change if it turned WAL on before refusing.
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := raw.QueryRow("PRAGMA journal_mode = DELETE").Scan(&mode); err != nil || mode != "delete" {
		t.Fatalf("journal_mode = %q, %v", mode, err)
	}
	raw.Close()
	before := fileDigest(t, path)

	_, err = Open(path)
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open(newer) = %v, want ErrNewerSchema", err)
	}
	for _, want := range []string{path, "newer version of notes", "schema 99", "knows up to 3", "upgrade notes", "not changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if after := fileDigest(t, path); after != before {
		t.Error("Open changed the database file it refused")
	}
	raw, err = sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var v int
	var check string
	if err := raw.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != 99 {
		t.Errorf("user_version = %d, %v; want 99", v, err)
	}
	if err := raw.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
}

// TestConcurrentOpenMigratesOnce pins a bug: two notes started together on
// a new database both applied migration 001 and the second failed with
// "table events already exists".
func TestConcurrentOpenMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	const n = 6
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(path)
			if err == nil {
				err = db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
		}
	}
}

// TestGenerationReported: every save or prune that changes talks bumps the
// generation by exactly one and reports the new value, read in its own
// transaction; a save that changes no talk leaves it alone.
func TestGenerationReported(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	gen := func() int64 {
		g, err := db.Generation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	if g := gen(); g != 0 {
		t.Fatalf("new database generation = %d, want 0", g)
	}
	s, err := db.SavePost(ctx, FileInfo{Path: "a.md", SHA256: "a"}, samplePost(summit, "One"))
	if err != nil || s.Generation != 1 || !s.ChangedTalks() || gen() != 1 {
		t.Errorf("first save: %+v, %v; generation %d; want 1", s, err, gen())
	}
	s, err = db.SavePost(ctx, FileInfo{Path: "empty.md", SHA256: "e"}, core.Post{Format: core.FormatText})
	if err != nil || s.Generation != 1 || s.ChangedTalks() {
		t.Errorf("save without talks: %+v, %v; want generation 1 unchanged", s, err)
	}
	s, err = db.SavePost(ctx, FileInfo{Path: "a.md", SHA256: "b"}, samplePost(summit, "Two"))
	if err != nil || s.Generation != 2 {
		t.Errorf("replacing save: %+v, %v; want generation 2", s, err)
	}
	p, err := db.Prune(ctx, func(path string) bool { return path != "a.md" })
	if err != nil || p.Generation != 3 || len(p.Paths) != 1 || len(p.Removed) != 1 {
		t.Errorf("prune: %+v, %v; want a.md forgotten, generation 3", p, err)
	}
	p, err = db.Prune(ctx, func(string) bool { return true })
	if err != nil || p.Generation != 3 || len(p.Paths) != 0 {
		t.Errorf("prune of nothing: %+v, %v; want generation 3", p, err)
	}
}

// TestHostileNamesStayData: names and titles that look like SQL are stored
// and read back as they are; every value reaches SQLite as a parameter.
func TestHostileNamesStayData(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	evil := []string{
		"Robert'); DROP TABLE talks;--",
		`x" OR 1=1 --`,
		"people WHERE 1=1; DELETE FROM companies",
		"%_\\ ' \" ` ; -- /* */",
	}
	post := samplePost(core.Event{Name: evil[0], Series: evil[1], City: evil[2], Year: 2022}, evil...)
	for i := range post.Talks {
		post.Talks[i].Speakers = []core.Speaker{{Name: evil[i], Role: evil[(i+1)%len(evil)], Company: evil[(i+2)%len(evil)]}}
		post.Talks[i].Companies = []string{evil[(i+3)%len(evil)]}
		post.Talks[i].NoteAuthors = []string{evil[i]}
	}
	if _, err := db.SavePost(ctx, FileInfo{Path: evil[0], SHA256: "x"}, post); err != nil {
		t.Fatal(err)
	}
	talks, err := db.Talks(ctx, core.TalkFilter{Speaker: evil[3], Company: evil[1]})
	if err != nil {
		t.Fatal(err)
	}
	if len(talks) != 1 || talks[0].Title != evil[3] || talks[0].Speakers[0].Name != evil[3] || talks[0].Source != evil[0] {
		t.Errorf("hostile names did not come back as data: %+v", talks)
	}
	all, err := db.Talks(ctx, core.TalkFilter{})
	if err != nil || len(all) != len(evil) {
		t.Errorf("talks = %d, %v; want %d", len(all), err, len(evil))
	}
	if v, _ := db.IntegrityCheck(ctx); v != "ok" {
		t.Errorf("integrity_check = %s", v)
	}
}
