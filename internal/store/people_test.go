package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/schema"
)

// talkBy is a post of one talk at event, given by speakers.
func talkBy(event core.Event, title string, speakers ...core.Speaker) core.Post {
	var companies []string
	for _, s := range speakers {
		if s.Company != "" {
			companies = append(companies, s.Company)
		}
	}
	return core.Post{Format: core.FormatMarkdown, Title: title, Event: &event,
		Talks: []core.Talk{{Title: title, Kind: core.KindTalk, Speakers: speakers, Companies: companies, Body: title}}}
}

var (
	riverconf = core.Event{Name: "RiverConf 2023", Series: "RiverConf", Year: 2023}
	garonne   = core.Event{Name: "Garonne I/O 2024", Series: "Garonne I/O", Year: 2024}
	devfest   = core.Event{Name: "DevFest Nantes 2024", Series: "DevFest", City: "Nantes", Year: 2024}
)

// speakerCounts saves the posts in order, one file each, and returns the
// talk count of each speaker's name, and of each company's.
func speakerCounts(t *testing.T, posts ...core.Post) (people, companies map[string]int) {
	t.Helper()
	ctx := context.Background()
	db := openTemp(t)
	for i, p := range posts {
		if _, err := db.SavePost(ctx, FileInfo{Path: fmt.Sprintf("/p/%d.md", i), SHA256: fmt.Sprint(i), Size: 1, MTime: 1}, p); err != nil {
			t.Fatal(err)
		}
	}
	people, companies = map[string]int{}, map[string]int{}
	recs, err := db.Speakers(ctx, core.TalkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		people[r.Name] = r.Talks
	}
	recs, err = db.Companies(ctx, core.TalkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		companies[r.Name] = r.Talks
	}
	return people, companies
}

// TestPeopleAreMergedOnlyWithEvidence pins issue 14, item 2: spellings of
// one name are one person only with a company or an event in common, and
// two people who share a surname are never one.
func TestPeopleAreMergedOnlyWithEvidence(t *testing.T) {
	tests := []countCase{
		{
			name: "middle initial, same company",
			posts: []core.Post{
				talkBy(riverconf, "A", core.Speaker{Name: "Xavier F. Gouchet", Company: "Bedrock"}),
				talkBy(devfest, "B", core.Speaker{Name: "Xavier Gouchet", Company: "Bedrock"}),
			},
			want: map[string]int{"Xavier F. Gouchet": 2},
		},
		{
			name: "middle initial, nothing in common",
			posts: []core.Post{
				talkBy(riverconf, "A", core.Speaker{Name: "Xavier F. Gouchet", Company: "Bedrock"}),
				talkBy(devfest, "B", core.Speaker{Name: "Xavier Gouchet", Company: "Datadog"}),
			},
			want: map[string]int{"Xavier F. Gouchet": 1, "Xavier Gouchet": 1},
		},
		{
			name: "hyphen, same event, no company",
			posts: []core.Post{
				talkBy(garonne, "A", core.Speaker{Name: "Jean-Pierre Roux"}),
				talkBy(garonne, "B", core.Speaker{Name: "Jean Pierre Roux"}),
			},
			want: map[string]int{"Jean-Pierre Roux": 2},
		},
		{
			name: "same event, two companies",
			posts: []core.Post{
				talkBy(garonne, "A", core.Speaker{Name: "Jean-Pierre Roux", Company: "Pixelune"}),
				talkBy(garonne, "B", core.Speaker{Name: "Jean Pierre Roux", Company: "Vinotheca"}),
			},
			want: map[string]int{"Jean-Pierre Roux": 1, "Jean Pierre Roux": 1},
		},
		{
			name: "a surname, a company and an event in common",
			posts: []core.Post{
				talkBy(riverconf, "A", core.Speaker{Name: "Marie Dupont", Company: "Log Normal"}),
				talkBy(riverconf, "B", core.Speaker{Name: "Paul Dupont", Company: "Log Normal"}),
				talkBy(riverconf, "C", core.Speaker{Name: "M. Dupont", Company: "Log Normal"}),
			},
			want: map[string]int{"Marie Dupont": 1, "Paul Dupont": 1, "M. Dupont": 1},
		},
		{
			name: "one talk lists a person twice",
			posts: []core.Post{
				talkBy(riverconf, "A",
					core.Speaker{Name: "Xavier F. Gouchet"},
					core.Speaker{Name: "Xavier Gouchet", Role: "Staff Engineer", Company: "Bedrock"},
					core.Speaker{Name: "XAVIER F. GOUCHET"},
					core.Speaker{Name: "Anne Martin"}),
			},
			want: map[string]int{"Xavier F. Gouchet": 1, "Anne Martin": 1},
		},
	}
	runCountCases(t, tests, false)
}

// countCase is posts saved in order and the talk counts wanted by name.
type countCase struct {
	name  string
	posts []core.Post
	want  map[string]int
}

// runCountCases checks the speaker counts of each case, or the company
// counts.
func runCountCases(t *testing.T, cases []countCase, companies bool) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got, gotCompanies := speakerCounts(t, tt.posts...)
			what := "speakers"
			if companies {
				got, what = gotCompanies, "companies"
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%s = %v, want %v", what, got, tt.want)
			}
		})
	}
}

// TestOneTalkListsAPersonOnce checks the speakers of a talk that names one
// person twice: one entry, in the first place, with the role and company
// of the line that gives them.
func TestOneTalkListsAPersonOnce(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	post := talkBy(riverconf, "A",
		core.Speaker{Name: "Xavier F. Gouchet"},
		core.Speaker{Name: "Anne Martin", Company: "Acme"},
		core.Speaker{Name: "Xavier Gouchet", Role: "Staff Engineer", Company: "Bedrock"})
	if _, err := db.SavePost(ctx, FileInfo{Path: "/p/a.md", SHA256: "a", Size: 1, MTime: 1}, post); err != nil {
		t.Fatal(err)
	}
	talks, err := db.Talks(ctx, core.TalkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []core.Speaker{
		{Name: "Xavier F. Gouchet", Role: "Staff Engineer", Company: "Bedrock"},
		{Name: "Anne Martin", Company: "Acme"},
	}
	if len(talks) != 1 || fmt.Sprint(talks[0].Speakers) != fmt.Sprint(want) {
		t.Errorf("speakers = %+v, want %+v", talks[0].Speakers, want)
	}
}

func TestCompaniesAreMergedOnlyWithEvidence(t *testing.T) {
	tests := []countCase{
		{
			name: "written together, same event",
			posts: []core.Post{
				talkBy(riverconf, "A", core.Speaker{Name: "Marie Dupont", Company: "Log Normal"}),
				talkBy(riverconf, "B", core.Speaker{Name: "Paul Dupont", Company: "LogNormal"}),
			},
			want: map[string]int{"Log Normal": 2},
		},
		{
			name: "written together, nothing in common",
			posts: []core.Post{
				talkBy(riverconf, "A", core.Speaker{Name: "Marie Dupont", Company: "Log Normal"}),
				talkBy(devfest, "B", core.Speaker{Name: "Paul Dupont", Company: "LogNormal"}),
			},
			want: map[string]int{"Log Normal": 1, "LogNormal": 1},
		},
		{
			name: "a longer name, the same speaker",
			posts: []core.Post{
				talkBy(riverconf, "A", core.Speaker{Name: "Anne Martin", Company: "Bedrock"}),
				talkBy(devfest, "B", core.Speaker{Name: "Anne Martin", Company: "Bedrock Streaming"}),
			},
			want: map[string]int{"Bedrock": 2},
		},
		{
			name: "a longer name, the same event only",
			posts: []core.Post{
				talkBy(riverconf, "A", core.Speaker{Name: "Anne Martin", Company: "Acme"}),
				talkBy(riverconf, "B", core.Speaker{Name: "Luc Girard", Company: "Acme Labs"}),
			},
			want: map[string]int{"Acme": 1, "Acme Labs": 1},
		},
	}
	runCountCases(t, tests, true)
}

// TestMigration002FillsLooseKeys opens a database of schema 001 holding
// people and companies: the migration gives them their loose keys, so that
// a later spelling finds them.
func TestMigration002FillsLooseKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := fs.ReadFile(schema.FS, "001_init.sql")
	for _, q := range []string{string(body), "PRAGMA user_version = 1",
		`INSERT INTO people (key, name) VALUES ('xavier f. gouchet', 'Xavier F. Gouchet')`,
		`INSERT INTO companies (key, name) VALUES ('log normal', 'Log Normal')`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var loose, cloose, head string
	if err := db.db.QueryRow(`SELECT loose FROM people`).Scan(&loose); err != nil {
		t.Fatal(err)
	}
	if err := db.db.QueryRow(`SELECT loose, head FROM companies`).Scan(&cloose, &head); err != nil {
		t.Fatal(err)
	}
	if loose != "xavier gouchet" || cloose != "lognormal" || head != "log" {
		t.Errorf("loose keys = %q, %q, %q; want xavier gouchet, lognormal, log", loose, cloose, head)
	}
}
