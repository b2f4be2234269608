package kb

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/store"
)

// TestNearest ranks known names by how close they are to a value that
// matched nothing (issue 16, item 2).
func TestNearest(t *testing.T) {
	events := []string{"Devoxx UK 2022", "Devoxx France 2023", "AWS Summit Lyon 2024",
		"AWS Summit Paris 2024", "AWS re:Invent 2023", "Printemps du Code 2023", "Cloud Nord 2024"}
	people := []string{"Julien Roussel", "Julien Dupont", "Amélie Durand", "Jean-Pierre Martin"}
	services := []string{"Amazon S3", "AWS Lambda", "Amazon DynamoDB", "Amazon Athena"}
	tests := []struct {
		name  string
		value string
		names []string
		forms func(string) []string
		want  []string
	}{
		{"a typo in a service's short name", "lambada", services, serviceForms, []string{"AWS Lambda"}},
		{"a service's short name cut", "dynamo", services, serviceForms, []string{"Amazon DynamoDB"}},
		{"nothing close", "Nope", events, nil, nil},
		{"a typo among words given", "AWS Sumit Lyon", events, nil, []string{"AWS Summit Lyon 2024"}},
		{"a word cut short", "devox", events, nil, []string{"Devoxx UK 2022", "Devoxx France 2023"}},
		{"a year that has no event", "AWS Summit 2019", events, nil, []string{"AWS Summit Lyon 2024", "AWS Summit Paris 2024"}},
		{"punctuation and case", "reinvent", events, nil, []string{"AWS re:Invent 2023"}},
		{"a typo in a surname", "Julien Rousel", people, nil, []string{"Julien Roussel"}},
		{"accents", "Amelie Durant", people, nil, []string{"Amélie Durand"}},
		{"hyphen", "Jean Piere Martin", people, nil, []string{"Jean-Pierre Martin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nearest(tt.value, tt.names, tt.forms); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("nearest(%q) = %q, want %q", tt.value, got, tt.want)
			}
		})
	}
}

// TestMisses tells which filter values match nothing known: only those,
// not filters that each match but select no talk together.
func TestMisses(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "n.db")
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ev := &core.Event{Name: "AWS Summit Paris 2024", Series: "AWS Summit", City: "Paris", Year: 2024}
	_, err = db.SavePost(context.Background(), store.FileInfo{Path: "a.md", SHA256: "1"}, core.Post{
		Format: core.FormatMarkdown,
		Event:  ev,
		Talks: []core.Talk{{
			Title: "Serverless", Kind: core.KindTalk, Line: 3, Body: "x",
			Speakers:  []core.Speaker{{Name: "Julien Roussel", Company: "Kelvio"}},
			Companies: []string{"Kelvio"},
			Services:  []core.ServiceCount{{Name: "AWS Lambda", Mentions: 1}},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()

	tests := []struct {
		name   string
		filter core.TalkFilter
		want   []Miss
	}{
		{"a service typo", core.TalkFilter{Service: "lambada"},
			[]Miss{{Filter: MissService, Value: "lambada", Nearest: []string{"AWS Lambda"}}}},
		{"an event nothing is close to", core.TalkFilter{Event: "Nope"},
			[]Miss{{Filter: MissEvent, Value: "Nope"}}},
		{"a catalogued service no talk names", core.TalkFilter{Service: "Amazon SageMaker"},
			[]Miss{{Filter: MissService, Value: "Amazon SageMaker", Catalogued: true}}},
		{"only the filter that misses", core.TalkFilter{Event: "paris", Speaker: "Julien Rousel", Company: "kelvio"},
			[]Miss{{Filter: MissSpeaker, Value: "Julien Rousel", Nearest: []string{"Julien Roussel"}}}},
		{"several", core.TalkFilter{Event: "AWS Sumit Paris", Company: "Kelvo"},
			[]Miss{{Filter: MissEvent, Value: "AWS Sumit Paris", Nearest: []string{"AWS Summit Paris 2024"}},
				{Filter: MissCompany, Value: "Kelvo", Nearest: []string{"Kelvio"}}}},
		{"a year without talks", core.TalkFilter{Year: 2031},
			[]Miss{{Filter: MissYear, Value: "2031", Nearest: []string{"2024"}}}},
		{"a year with talks", core.TalkFilter{Year: 2024, Service: "lambada"},
			[]Miss{{Filter: MissService, Value: "lambada", Nearest: []string{"AWS Lambda"}}}},
		{"known values that select no talk together", core.TalkFilter{Event: "paris", Kind: "workshop", Service: "AWS Lambda"}, nil},
		{"no filter", core.TalkFilter{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := k.Misses(context.Background(), tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Misses(%+v) =\n%+v\nwant\n%+v", tt.filter, got, tt.want)
			}
		})
	}
}

func TestNearestYears(t *testing.T) {
	evs := []core.EventRecord{
		{Event: core.Event{Year: 2019}, Talks: 2},
		{Event: core.Event{Year: 2021}, Talks: 0}, // no talk: not offered
		{Event: core.Event{Year: 2023}, Talks: 1},
		{Event: core.Event{Year: 2023}, Talks: 4},
		{Event: core.Event{}, Talks: 3}, // no year
	}
	tests := []struct {
		name string
		year int
		want []string
	}{
		{"after the last", 2031, []string{"2023"}},
		{"as close before and after", 2021, []string{"2019", "2023"}},
		{"closer to one", 2020, []string{"2019"}},
		{"before the first", 1999, []string{"2019"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nearestYears(tt.year, evs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("nearestYears(%d) = %v, want %v", tt.year, got, tt.want)
			}
		})
	}
}
