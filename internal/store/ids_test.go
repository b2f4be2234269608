package store

import (
	"context"
	"slices"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

// column returns the first column of query's rows, as text.
func column(t *testing.T, db *DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.db.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// linkedNames returns, for the talks of path, the names their speakers,
// speakers' companies, companies, services and note-takers point to, in
// order: what a stale id would get wrong.
func linkedNames(t *testing.T, db *DB, path string) map[string][]string {
	t.Helper()
	const talks = `JOIN talks t ON t.id = x.talk_id JOIN sources s ON s.id = t.source_id WHERE s.path = ?`
	return map[string][]string{
		"speakers":          column(t, db, `SELECT p.name FROM talk_speakers x JOIN people p ON p.id = x.person_id `+talks+` ORDER BY t.position, x.position`, path),
		"speaker companies": column(t, db, `SELECT c.name FROM talk_speakers x JOIN companies c ON c.id = x.company_id `+talks+` ORDER BY t.position, x.position`, path),
		"companies":         column(t, db, `SELECT c.name FROM talk_companies x JOIN companies c ON c.id = x.company_id `+talks+` ORDER BY t.position, x.position`, path),
		"services":          column(t, db, `SELECT v.name FROM talk_services x JOIN services v ON v.id = x.service_id `+talks+` ORDER BY t.position, x.position`, path),
		"note authors":      column(t, db, `SELECT p.name FROM note_authors x JOIN people p ON p.id = x.person_id `+talks+` ORDER BY t.position, x.position`, path),
		"post services":     column(t, db, `SELECT v.name FROM source_services x JOIN services v ON v.id = x.service_id JOIN sources s ON s.id = x.source_id WHERE s.path = ? ORDER BY x.position`, path),
	}
}

func checkNames(t *testing.T, got map[string][]string, want map[string][]string) {
	t.Helper()
	for k, w := range want {
		if !slices.Equal(got[k], w) {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
}

// TestBatchForgetsIDsOfUndoneFile: a file that fails after creating a
// person, a company and a service is undone, and so are the ids the batch
// cached for them. The next file naming them again must create them again:
// a stale id would either point nowhere (a foreign key error) or, since
// SQLite hands the freed ids to the next rows inserted, at someone else.
func TestBatchForgetsIDsOfUndoneFile(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	b, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Rollback()
	if _, err := b.SavePost(FileInfo{Path: "a.md", SHA256: "a"}, samplePost(summit, "Talk A")); err != nil {
		t.Fatal(err)
	}
	// b.md creates Zoé Neuve, Neuve SA and Amazon Bedrock, then names the
	// service twice in one talk: the talk_services primary key fails.
	bad := core.Post{Format: core.FormatMarkdown, Talks: []core.Talk{{
		Title:       "Talk B",
		Speakers:    []core.Speaker{{Name: "Zoé Neuve", Company: "Neuve SA"}},
		Companies:   []string{"Neuve SA"},
		NoteAuthors: []string{"Zoé Neuve"},
		Services:    []core.ServiceCount{{Name: "Amazon Bedrock", Mentions: 1}, {Name: "Amazon Bedrock", Mentions: 1}},
	}}}
	if _, err := b.SavePost(FileInfo{Path: "b.md", SHA256: "b"}, bad); err == nil {
		t.Fatal("saving b.md with a service twice in one talk succeeded; the test needs it to fail")
	}
	// c.md first creates new rows, which take the ids b.md freed, then
	// names b.md's again.
	good := core.Post{Format: core.FormatMarkdown,
		Services: []core.ServiceCount{{Name: "AWS Glue", Mentions: 1}, {Name: "Amazon Bedrock", Mentions: 1}},
		Talks: []core.Talk{{
			Title:       "Talk C",
			Speakers:    []core.Speaker{{Name: "Paul Autre", Company: "Autre SARL"}, {Name: "Zoé Neuve", Company: "Neuve SA"}},
			Companies:   []string{"Autre SARL", "Neuve SA"},
			NoteAuthors: []string{"Zoé Neuve"},
			Services:    []core.ServiceCount{{Name: "AWS Glue", Mentions: 1}, {Name: "Amazon Bedrock", Mentions: 1}},
		}}}
	if _, err := b.SavePost(FileInfo{Path: "c.md", SHA256: "c"}, good); err != nil {
		t.Fatalf("saving c.md after b.md was undone: %v", err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}

	checkNames(t, linkedNames(t, db, "c.md"), map[string][]string{
		"speakers":          {"Paul Autre", "Zoé Neuve"},
		"speaker companies": {"Autre SARL", "Neuve SA"},
		"companies":         {"Autre SARL", "Neuve SA"},
		"services":          {"AWS Glue", "Amazon Bedrock"},
		"note authors":      {"Zoé Neuve"},
		"post services":     {"AWS Glue", "Amazon Bedrock"},
	})
	for table, want := range map[string][]string{
		"people":    {"Jane Doe", "Léa Roux", "Marc Petit", "Paul Autre", "Zoé Neuve"},
		"companies": {"Acme", "Autre SARL", "Neuve SA"},
		"services":  {"AWS Glue", "AWS Lambda", "Amazon Bedrock", "Amazon S3"},
	} {
		// The table names are the test's own, never data.
		if got := column(t, db, `SELECT name FROM `+table+` ORDER BY name`); !slices.Equal(got, want) {
			t.Errorf("%s = %q, want %q", table, got, want)
		}
	}
	if bad := column(t, db, `SELECT "table" FROM pragma_foreign_key_check`); len(bad) != 0 {
		t.Errorf("foreign_key_check: rows of %q point nowhere", bad)
	}
}

// TestBatchSharesNamedRows: the files of a batch that name the same
// person, company or service, however spelt, point at one row, the first
// spelling; so does a later batch, which finds the row in the database.
func TestBatchSharesNamedRows(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	shouting := samplePost(summit, "Talk B")
	shouting.Talks[0].Speakers[0].Name = "JANE DOE"
	shouting.Talks[0].Companies = []string{"ACME"}
	shouting.Talks[0].NoteAuthors = []string{"Acme"} // a person, not the company
	b, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Rollback()
	if _, err := b.SavePost(FileInfo{Path: "a.md", SHA256: "a"}, samplePost(summit, "Talk A", "Talk A2")); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SavePost(FileInfo{Path: "b.md", SHA256: "b"}, shouting); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SavePost(ctx, FileInfo{Path: "c.md", SHA256: "c"}, samplePost(summit, "Talk C")); err != nil {
		t.Fatal(err)
	}

	for table, want := range map[string][]string{
		"people":    {"Acme", "Jane Doe", "Léa Roux", "Marc Petit"},
		"companies": {"Acme"},
		"services":  {"AWS Lambda", "Amazon S3"},
	} {
		// The table names are the test's own, never data.
		if got := column(t, db, `SELECT name FROM `+table+` ORDER BY name`); !slices.Equal(got, want) {
			t.Errorf("%s = %q, want %q", table, got, want)
		}
	}
	for _, path := range []string{"a.md", "b.md", "c.md"} {
		if got := linkedNames(t, db, path)["speakers"]; len(got) == 0 || got[0] != "Jane Doe" {
			t.Errorf("%s: speakers = %q, want Jane Doe first, as first spelt", path, got)
		}
	}
	if got := linkedNames(t, db, "b.md")["note authors"]; !slices.Equal(got, []string{"Acme"}) {
		t.Errorf("b.md: note authors = %q, want the person Acme", got)
	}
	// Every link to Jane Doe, Acme and Amazon S3 names the same row.
	for query, want := range map[string]int{
		`SELECT DISTINCT person_id FROM talk_speakers WHERE position = 0`:    1,
		`SELECT DISTINCT company_id FROM talk_companies`:                     1,
		`SELECT DISTINCT service_id FROM talk_services WHERE position = 0`:   1,
		`SELECT DISTINCT service_id FROM source_services WHERE position = 0`: 1,
		`SELECT talk_id FROM talk_speakers WHERE position = 0`:               4,
	} {
		if got := column(t, db, query); len(got) != want {
			t.Errorf("%s: %d rows (%q), want %d", query, len(got), got, want)
		}
	}
}

// TestIDsAreNotKeptAcrossTransactions: between two transactions another
// notes may delete a row no longer referenced; the next transaction naming
// it again must create it again, not reuse the id it had.
func TestIDsAreNotKeptAcrossTransactions(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	save := func(path, sha, speaker string) {
		t.Helper()
		post := samplePost(summit, "Talk")
		post.Talks[0].Speakers = []core.Speaker{{Name: speaker, Company: speaker + " Inc"}}
		post.Talks[0].Companies = nil
		post.Talks[0].NoteAuthors = nil
		if _, err := db.SavePost(ctx, FileInfo{Path: path, SHA256: sha}, post); err != nil {
			t.Fatalf("saving %s naming %s: %v", path, speaker, err)
		}
	}
	save("a.md", "1", "Old Timer")
	save("a.md", "2", "Someone Else") // Old Timer is no longer referenced
	if err := db.DeleteOrphans(ctx); err != nil {
		t.Fatal(err)
	}
	save("b.md", "3", "Old Timer")
	checkNames(t, linkedNames(t, db, "b.md"), map[string][]string{
		"speakers":          {"Old Timer"},
		"speaker companies": {"Old Timer Inc"},
	})
	if bad := column(t, db, `SELECT "table" FROM pragma_foreign_key_check`); len(bad) != 0 {
		t.Errorf("foreign_key_check: rows of %q point nowhere", bad)
	}
}
