package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "notes.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func samplePost(event core.Event, titles ...string) core.Post {
	p := core.Post{Format: core.FormatMarkdown, Title: "Retour", Event: &event,
		Services: []core.ServiceCount{{Name: "Amazon S3", Mentions: 2}}}
	for _, title := range titles {
		p.Talks = append(p.Talks, core.Talk{
			Title:       title,
			Kind:        core.KindTalk,
			Speakers:    []core.Speaker{{Name: "Jane Doe", Role: "CTO", Company: "Acme"}, {Name: "Léa Roux"}},
			Companies:   []string{"Acme"},
			Services:    []core.ServiceCount{{Name: "Amazon S3", Mentions: 2}, {Name: "AWS Lambda", Mentions: 1}},
			NoteAuthors: []string{"Marc Petit"},
			Body:        "Notes on " + title,
		})
	}
	return p
}

var summit = core.Event{Name: "AWS Summit Paris 2022", Series: "AWS Summit", City: "Paris", Year: 2022, Date: "2022-04-12"}

func TestSavePostAndList(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	saved, err := db.SavePost(ctx, FileInfo{Path: "a.md", SHA256: "x", Size: 1, MTime: 1}, samplePost(summit, "Talk one", "Talk two"))
	if err != nil {
		t.Fatal(err)
	}
	if len(saved.TalkIDs) != 2 {
		t.Fatalf("saved %d talks, want 2", len(saved.TalkIDs))
	}
	talks, err := db.Talks(ctx, core.TalkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(talks) != 2 || talks[0].Title != "Talk one" || talks[0].Event.Name != summit.Name {
		t.Fatalf("talks = %+v", talks)
	}
	got := talks[0]
	if len(got.Speakers) != 2 || got.Speakers[0] != (core.Speaker{Name: "Jane Doe", Role: "CTO", Company: "Acme"}) || got.Speakers[1].Company != "" {
		t.Errorf("speakers = %+v", got.Speakers)
	}
	if len(got.Services) != 2 || got.Services[0] != "Amazon S3" || len(got.NoteAuthors) != 1 || got.Source != "a.md" {
		t.Errorf("talk = %+v", got)
	}
	bodies, err := db.Bodies(ctx, saved.TalkIDs)
	if err != nil || bodies[saved.TalkIDs[1]] != "Notes on Talk two" {
		t.Errorf("Bodies = %v, %v", bodies, err)
	}
}

func TestResaveReplacesAndDedupes(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	f := FileInfo{Path: "a.md", SHA256: "x", Size: 1, MTime: 1}
	first, _ := db.SavePost(ctx, f, samplePost(summit, "Old talk"))
	f.SHA256 = "y"
	second, err := db.SavePost(ctx, f, samplePost(summit, "New talk", "Another"))
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Removed) != 1 || second.Removed[0] != first.TalkIDs[0] {
		t.Errorf("removed = %v, want %v", second.Removed, first.TalkIDs)
	}
	// A second post about the same event, with the same speaker.
	part2 := summit
	part2.Name = "AWS Summit 2022" // named without the city
	part2.City = ""
	if _, err := db.SavePost(ctx, FileInfo{Path: "b.md", SHA256: "z", Size: 1, MTime: 1}, samplePost(part2, "Third")); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteOrphans(ctx); err != nil {
		t.Fatal(err)
	}
	talks, _ := db.Talks(ctx, core.TalkFilter{})
	if len(talks) != 3 {
		t.Fatalf("%d talks after re-save, want 3", len(talks))
	}
	speakers, _ := db.Speakers(ctx, core.TalkFilter{})
	if len(speakers) != 2 || speakers[0].Name != "Jane Doe" || speakers[0].Talks != 3 {
		t.Errorf("speakers = %+v, want Jane Doe in 3 talks", speakers)
	}
	events, _ := db.Events(ctx, "")
	if len(events) != 1 || events[0].City != "Paris" || events[0].Talks != 3 || len(events[0].Sources) != 2 {
		t.Errorf("events = %+v, want one AWS Summit 2022 in Paris with both posts", events)
	}
	gen, _ := db.Generation(ctx)
	if gen != 3 {
		t.Errorf("generation = %d, want 3 (one per change)", gen)
	}
}

func TestTalkFilters(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	reinvent := core.Event{Name: "AWS re:Invent 2023", Series: "AWS re:Invent", City: "Las Vegas", Year: 2023}
	db.SavePost(ctx, FileInfo{Path: "a.md", SHA256: "a"}, samplePost(summit, "Summit talk"))
	p := samplePost(reinvent, "Invent talk")
	p.Talks[0].Speakers = []core.Speaker{{Name: "Hélène Marchand", Company: "Société Générale"}}
	p.Talks[0].Companies = []string{"Société Générale"}
	p.Talks[0].Services = []core.ServiceCount{{Name: "Amazon EKS", Mentions: 1}}
	p.Talks[0].Kind = core.KindKeynote
	db.SavePost(ctx, FileInfo{Path: "b.md", SHA256: "b"}, p)
	tests := []struct {
		name string
		f    core.TalkFilter
		want []string
	}{
		{"event words in any order", core.TalkFilter{Event: "2022 summit aws"}, []string{"Summit talk"}},
		{"event without city", core.TalkFilter{Event: "AWS Summit 2022"}, []string{"Summit talk"}},
		{"re:Invent spelled reinvent", core.TalkFilter{Event: "reinvent"}, []string{"Invent talk"}},
		{"city", core.TalkFilter{Event: "las vegas"}, []string{"Invent talk"}},
		{"no such event", core.TalkFilter{Event: "KubeCon"}, nil},
		{"year", core.TalkFilter{Year: 2023}, []string{"Invent talk"}},
		{"speaker without accents", core.TalkFilter{Speaker: "helene"}, []string{"Invent talk"}},
		{"company folded", core.TalkFilter{Company: "societe generale"}, []string{"Invent talk"}},
		{"service", core.TalkFilter{Service: "Amazon EKS"}, []string{"Invent talk"}},
		{"kind", core.TalkFilter{Kind: "keynote"}, []string{"Invent talk"}},
		{"LIKE wildcards are literal", core.TalkFilter{Speaker: "%"}, nil},
		// Issue 13, item 9: an --event of punctuation matched every talk.
		{"event of a percent sign", core.TalkFilter{Event: "%"}, nil},
		{"event of a dash", core.TalkFilter{Event: "-"}, nil},
		{"event of a question mark", core.TalkFilter{Event: "?"}, nil},
		{"event of an ellipsis", core.TalkFilter{Event: "..."}, nil},
		{"event of an underscore", core.TalkFilter{Event: "_"}, nil},
		{"speaker that folds to nothing", core.TalkFilter{Speaker: "\u0301"}, nil},
		{"company that folds to nothing", core.TalkFilter{Company: "\u0301\u0300"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			talks, err := db.Talks(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range talks {
				got = append(got, r.Title)
			}
			if len(got) != len(tt.want) || (len(got) > 0 && got[0] != tt.want[0]) {
				t.Errorf("Talks(%+v) = %v, want %v", tt.f, got, tt.want)
			}
		})
	}
}

// TestFilterQueriesUseIndexes checks with EXPLAIN QUERY PLAN that the
// listing filters search an index rather than scanning the join tables.
func TestFilterQueriesUseIndexes(t *testing.T) {
	db := openTemp(t)
	for _, q := range []string{
		`SELECT ts.talk_id FROM talk_speakers ts WHERE ts.person_id = 1`,
		`SELECT tsv.talk_id FROM talk_services tsv WHERE tsv.service_id = 1`,
		`SELECT tc.talk_id FROM talk_companies tc WHERE tc.company_id = 1`,
		`SELECT t.id FROM talks t WHERE t.event_id = 1`,
		`SELECT t.id FROM talks t JOIN sources s ON s.id = t.source_id WHERE s.path = 'a'`,
	} {
		rows, err := db.db.Query("EXPLAIN QUERY PLAN " + q)
		if err != nil {
			t.Fatal(err)
		}
		var plan string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			rows.Scan(&id, &parent, &notused, &detail)
			plan += detail + "; "
		}
		rows.Close()
		if !containsAny(plan, "USING INDEX", "USING COVERING INDEX", "USING INTEGER PRIMARY KEY") {
			t.Errorf("%s\n  plan: %s (no index used)", q, plan)
		}
	}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if len(s) >= len(sub) {
			for i := 0; i+len(sub) <= len(s); i++ {
				if s[i:i+len(sub)] == sub {
					return true
				}
			}
		}
	}
	return false
}

func TestRecordFailureKeepsEarlierImport(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	db.SavePost(ctx, FileInfo{Path: "a.md", SHA256: "a"}, samplePost(summit, "Kept"))
	if err := recordFailureNow(db, FileInfo{Path: "a.md", Message: "permission denied"}); err != nil {
		t.Fatal(err)
	}
	if err := recordFailureNow(db, FileInfo{Path: "new.md", Message: "binary file"}); err != nil {
		t.Fatal(err)
	}
	talks, _ := db.Talks(ctx, core.TalkFilter{})
	if len(talks) != 1 {
		t.Errorf("a failed re-read lost the talks: %d left", len(talks))
	}
	srcs, _ := db.Sources(ctx)
	if len(srcs) != 2 || srcs[0].Status != "failed" || srcs[0].Message != "permission denied" {
		t.Errorf("sources = %+v", srcs)
	}
	if v, _ := db.IntegrityCheck(ctx); v != "ok" {
		t.Errorf("integrity_check = %s", v)
	}
}

// recordFailureNow records a failure in a batch of its own.
func recordFailureNow(db *DB, f FileInfo) error {
	b, err := db.Begin(context.Background())
	if err != nil {
		return err
	}
	defer b.Rollback()
	if err := b.RecordFailure(f); err != nil {
		return err
	}
	return b.Commit()
}

func TestEventKeyKeepsWhatTheNameAdds(t *testing.T) {
	london := core.Event{Name: "AWS Summit London 2019", Series: "AWS Summit", City: "London", Year: 2019}
	swiss := core.Event{Name: "AWS Summit Switzerland 2019", Series: "AWS Summit", Year: 2019}
	bare := core.Event{Name: "AWS Summit 2019", Series: "AWS Summit", Year: 2019}
	kl, ks, kb := eventKey(london), eventKey(swiss), eventKey(bare)
	if prefix := kl[:strings.IndexByte(kl, '|')+1]; strings.HasPrefix(ks, prefix) {
		t.Errorf("Switzerland %q shares London's prefix %q", ks, prefix)
	}
	if prefix := kb[:strings.IndexByte(kb, '|')+1]; !strings.HasPrefix(kl, prefix) {
		t.Errorf("a post that names no city (%q) does not find London (%q) by prefix", kb, kl)
	}
}

// TestEventsOfPunctuation: "notes events --event '%'" listed every event
// (issue 13, item 9).
func TestEventsOfPunctuation(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if _, err := db.SavePost(ctx, FileInfo{Path: "a.md", SHA256: "a"}, samplePost(summit, "Summit talk")); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"%", "-", "?", "...", "_", "*"} {
		evs, err := db.Events(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 0 {
			t.Errorf("Events(%q) = %d events, want none", q, len(evs))
		}
		if HasEventWords(q) {
			t.Errorf("HasEventWords(%q) = true, want false", q)
		}
	}
	if evs, err := db.Events(ctx, "summit"); err != nil || len(evs) != 1 {
		t.Errorf("Events(summit) = %v, %v; want the summit", evs, err)
	}
	if !HasEventWords("re:Invent") || !HasEventWords("2022") {
		t.Error("HasEventWords misses real words")
	}
}

// TestEventsByYearThenDate: an event known only by its year sorts among
// that year's events, not after every dated one (issue 16, item 3).
func TestEventsByYearThenDate(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	for i, e := range []core.Event{
		{Name: "Alpha 2018", Series: "Alpha", Year: 2018, Date: "2018-03-01"},
		{Name: "Beta 2017", Series: "Beta", Year: 2017},
		{Name: "Gamma 2017", Series: "Gamma", Year: 2017, Date: "2017-05-01"},
	} {
		path := fmt.Sprintf("p%d.md", i)
		if _, err := db.SavePost(ctx, FileInfo{Path: path, SHA256: path}, samplePost(e, "Talk "+e.Name)); err != nil {
			t.Fatal(err)
		}
	}
	evs, err := db.Events(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, e.Name)
	}
	if want := []string{"Gamma 2017", "Beta 2017", "Alpha 2018"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
	talks, err := db.Talks(ctx, core.TalkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, tk := range talks {
		order = append(order, tk.Title)
	}
	if want := []string{"Talk Gamma 2017", "Talk Beta 2017", "Talk Alpha 2018"}; !slices.Equal(order, want) {
		t.Errorf("talks = %q, want %q", order, want)
	}
}

// TestResaveKeepsTalkIDs: a post saved again (edited, corrected, imported
// again) keeps the id of each talk whose title it still has (ignoring case
// and spaces; repeated titles in order), even when a new talk comes first
// and would otherwise take a freed id; a talk gone loses its id, a new one
// gets one nobody else has.
func TestResaveKeepsTalkIDs(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	f := FileInfo{Path: "a.md", SHA256: "x", Size: 1, MTime: 1}
	other, err := db.SavePost(ctx, FileInfo{Path: "b.md", SHA256: "z", Size: 1, MTime: 1}, samplePost(summit, "Elsewhere"))
	if err != nil {
		t.Fatal(err)
	}
	// Saved last, a.md has the largest ids: freed by the re-save, the
	// first of them is what SQLite gives a new talk.
	first, err := db.SavePost(ctx, f, samplePost(summit, "Keynote", "Karpenter en production", "Keynote", "Gone"))
	if err != nil {
		t.Fatal(err)
	}
	f.SHA256 = "y"
	second, err := db.SavePost(ctx, f, samplePost(summit, "Brand new", "keynote", "Karpenter  en Production", "Keynote"))
	if err != nil {
		t.Fatal(err)
	}
	old, got := first.TalkIDs, second.TalkIDs
	if want := []int64{old[0], old[1], old[2]}; got[1] != want[0] || got[2] != want[1] || got[3] != want[2] {
		t.Errorf("ids after the re-save = %v; want the keynotes and Karpenter to keep %v", got, want)
	}
	for _, id := range append(old, other.TalkIDs...) {
		if got[0] == id {
			t.Errorf("the new talk took id %d, already used (%v, %v)", id, old, other.TalkIDs)
		}
	}
	talks, err := db.Talks(ctx, core.TalkFilter{IDs: got})
	if err != nil || len(talks) != 4 {
		t.Fatalf("talks = %+v, %v", talks, err)
	}
	for _, tk := range talks {
		if tk.ID == got[2] && tk.Title != "Karpenter  en Production" {
			t.Errorf("talk %d is %q, want the re-saved Karpenter talk", tk.ID, tk.Title)
		}
		if len(tk.Speakers) != 2 {
			t.Errorf("talk %d lost its speakers: %+v", tk.ID, tk.Speakers)
		}
	}
}
