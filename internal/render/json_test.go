package render

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

// mustJQ compiles a jq expression or fails the test.
func mustJQ(t *testing.T, expr string) *JQ {
	t.Helper()
	q, err := ParseJQ(expr)
	if err != nil {
		t.Fatalf("ParseJQ(%q): %v", expr, err)
	}
	return q
}

func TestJSONSelectsFields(t *testing.T) {
	talks := []core.TalkRecord{
		{ID: 1, Title: "Karpenter", Kind: "talk", Lang: "fr", Speakers: []core.Speaker{{Name: "Jane Doe"}}},
		{ID: 2, Title: "Q&A <live>", Kind: "keynote"},
	}
	tests := []struct {
		name   string
		v      any
		fields []string
		want   string
	}{
		{
			name:   "each record of an array, in the order asked",
			v:      talks,
			fields: []string{"title", "id"},
			want:   "[\n  {\n    \"title\": \"Karpenter\",\n    \"id\": 1\n  },\n  {\n    \"title\": \"Q&A <live>\",\n    \"id\": 2\n  }\n]\n",
		},
		{
			name:   "a field a record leaves out stays out",
			v:      talks,
			fields: []string{"lang"},
			want:   "[\n  {\n    \"lang\": \"fr\"\n  },\n  {}\n]\n",
		},
		{
			name:   "one object",
			v:      talks[0],
			fields: []string{"speakers"},
			want:   "{\n  \"speakers\": [\n    {\n      \"name\": \"Jane Doe\",\n      \"role\": null,\n      \"company\": null\n    }\n  ]\n}\n",
		},
		{
			name: "the hits of a search with facets; the facets whole",
			v: SearchJSON{
				Hits:   []core.Hit{{Type: core.HitTalk, Talk: talks[0], Score: 1.5, Snippets: []string{"…"}}},
				Facets: []core.Facet{{Name: "year", Values: []core.FacetValue{{Value: "2024", Count: 1}}}},
			},
			fields: []string{"score"},
			want:   "{\n  \"hits\": [\n    {\n      \"score\": 1.5\n    }\n  ],\n  \"facets\": [\n    {\n      \"name\": \"year\",\n      \"values\": [\n        {\n          \"value\": \"2024\",\n          \"count\": 1\n        }\n      ]\n    }\n  ]\n}\n",
		},
		{
			name:   "an empty list",
			v:      []core.TalkRecord{},
			fields: []string{"title"},
			want:   "[]\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, stdout, _ := Buffers()
			s.JSONFields = tt.fields
			if err := JSON(s, tt.v); err != nil {
				t.Fatal(err)
			}
			if got := stdout.String(); got != tt.want {
				t.Errorf("JSON with fields %v:\ngot  %q\nwant %q", tt.fields, got, tt.want)
			}
		})
	}
}

func TestJSONThroughJQ(t *testing.T) {
	talks := []core.TalkRecord{
		{ID: 1, Title: "Karpenter \x1b[2Jen production", Speakers: []core.Speaker{{Name: "Jane Doe", Company: "Acme"}}},
		{ID: 2, Title: "Serverless \u009b31m", Kind: "keynote"},
	}
	tests := []struct {
		name     string
		expr     string
		fields   []string
		terminal bool
		want     string
	}{
		{
			name: "strings raw, one a line, without control sequences",
			expr: ".[].title",
			want: "Karpenter en production\nServerless \n",
		},
		{
			name: "other values as JSON on one line in a pipe, C1 escaped",
			expr: ".[] | {id, title}",
			want: "{\"id\":1,\"title\":\"Karpenter \\u001b[2Jen production\"}\n{\"id\":2,\"title\":\"Serverless \\u009b31m\"}\n",
		},
		{
			name:     "indented on a terminal",
			expr:     ".[0].speakers[0]",
			terminal: true,
			want:     "{\n  \"company\": \"Acme\",\n  \"name\": \"Jane Doe\",\n  \"role\": null\n}\n",
		},
		{
			name:   "after the fields are selected",
			expr:   ".[0] | keys",
			fields: []string{"title", "id"},
			want:   "[\"id\",\"title\"]\n",
		},
		{
			name: "numbers as printed",
			expr: "map(.id) | add",
			want: "3\n",
		},
		{
			name: "nothing yielded, nothing printed",
			expr: "empty",
			want: "",
		},
		{
			name: "halt stops without an error",
			expr: ".[0].id, halt, .[1].id",
			want: "1\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, stdout, _ := Buffers()
			s.OutTerminal = tt.terminal
			s.JSONFields = tt.fields
			s.JQ = mustJQ(t, tt.expr)
			if err := JSON(s, talks); err != nil {
				t.Fatal(err)
			}
			if got := stdout.String(); got != tt.want {
				t.Errorf("--jq %s:\ngot  %q\nwant %q", tt.expr, got, tt.want)
			}
		})
	}
}

// A jq program that fails on the JSON prints what it yielded before, and
// its error names the expression.
func TestJSONJQRuntimeError(t *testing.T) {
	s, stdout, _ := Buffers()
	s.JQ = mustJQ(t, ".[] | .title | ascii_downcase")
	err := JSON(s, []any{map[string]any{"title": "A"}, map[string]any{"title": 3}})
	var jqErr *JSONError
	if !errors.As(err, &jqErr) {
		t.Fatalf("error %v (%T), want a *JSONError", err, err)
	}
	if got := err.Error(); !strings.HasPrefix(got, "--jq '.[] | .title | ascii_downcase': ascii_downcase cannot be applied to: number") {
		t.Errorf("error %q does not name the expression and the failure", got)
	}
	if got := stdout.String(); got != "a\n" {
		t.Errorf("printed before the error: %q, want %q", got, "a\n")
	}
}

func TestParseJQError(t *testing.T) {
	for _, expr := range []string{".[] |", "nosuchfunction", "{"} {
		if _, err := ParseJQ(expr); err == nil {
			t.Errorf("ParseJQ(%q) compiled", expr)
		}
	}
}

func TestJSONFields(t *testing.T) {
	type embedded struct {
		Name string `json:"name"`
	}
	type record struct {
		embedded
		Talks   int    `json:"talks"`
		Hidden  int    `json:"-"`
		Lang    string `json:"lang,omitempty"`
		Plain   string
		private int
	}
	tests := []struct {
		name   string
		sample any
		want   []string
	}{
		{"embedded, omitempty, untagged; not - or unexported", []record{}, []string{"name", "talks", "lang", "Plain"}},
		{"a pointer", &record{}, []string{"name", "talks", "lang", "Plain"}},
		{"an event and its counts", []core.EventRecord{}, []string{"name", "series", "city", "year", "date", "talks", "sources"}},
		{"a hit says its own", []core.Hit{}, []string{"type", "talk", "post", "score", "snippets"}},
		{"not a record", []int{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := JSONFields(tt.sample); !slices.Equal(got, tt.want) {
				t.Errorf("JSONFields(%T) = %v, want %v", tt.sample, got, tt.want)
			}
		})
	}
}
