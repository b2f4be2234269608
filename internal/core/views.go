package core

import (
	"encoding/json"
	"fmt"
)

// The types below are what the store and the knowledge base return to the
// commands. Their JSON form is the --json contract README.md states
// (under notes talks): fields may be added, never renamed. Unknown values
// are null (or [] for lists), never invented.

// MarshalJSON writes unknown event fields as null.
func (e Event) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name   *string `json:"name"`
		Series *string `json:"series"`
		City   *string `json:"city"`
		Year   *int    `json:"year"`
		Date   *string `json:"date"`
	}{nullString(e.Name), nullString(e.Series), nullString(e.City), nullInt(e.Year), nullString(e.Date)})
}

// MarshalJSON writes an unstated role or company as null.
func (s Speaker) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name    string  `json:"name"`
		Role    *string `json:"role"`
		Company *string `json:"company"`
	}{s.Name, nullString(s.Role), nullString(s.Company)})
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nullInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// TalkRecord is a stored talk with everything a listing shows.
type TalkRecord struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Kind        string    `json:"kind"`
	Event       *Event    `json:"event"`
	Source      string    `json:"source"`
	Line        int       `json:"line"`
	Speakers    []Speaker `json:"speakers"`
	Companies   []string  `json:"companies"`
	Services    []string  `json:"services"`
	NoteAuthors []string  `json:"note_authors"`
	Summary     string    `json:"summary"`
	// Lang is the language of the talk's post, when its front matter says.
	Lang string `json:"lang,omitempty"`
	// Translations are the same talk in translations of its post: a talk
	// is listed and counted once (issue 14).
	Translations []Translation `json:"translations,omitempty"`
	// Body is filled only when one talk is shown in full.
	Body string `json:"body,omitempty"`
	// PostPath is the path of the talk's post relative to the folder it
	// was imported from, with "/" between folders ("_posts/x.md"); "" when
	// that folder is unknown (imported by an older notes).
	PostPath string `json:"-"`
	// PostURL is the post's public address, from its front matter or its
	// file name: an absolute http(s) URL, or a path on its site starting
	// with "/" ("/2022/04/12/summit/"); "" when the post gives none.
	PostURL string `json:"-"`
}

// Translation is a talk as a translation of its post gives it.
type Translation struct {
	TalkID int64  `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Lang   string `json:"lang"`
}

// EventRecord is an event with its counts.
type EventRecord struct {
	Event
	Talks   int      `json:"talks"`
	Sources []string `json:"sources"`
}

// MarshalJSON flattens the event fields next to the counts.
func (e EventRecord) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name    *string  `json:"name"`
		Series  *string  `json:"series"`
		City    *string  `json:"city"`
		Year    *int     `json:"year"`
		Date    *string  `json:"date"`
		Talks   int      `json:"talks"`
		Sources []string `json:"sources"`
	}{nullString(e.Name), nullString(e.Series), nullString(e.City), nullInt(e.Year), nullString(e.Date), e.Talks, e.Sources})
}

// CountRecord is a named thing (speaker, company, service) with how many
// talks name it, and per-year counts for charts.
type CountRecord struct {
	Name      string      `json:"name"`
	Talks     int         `json:"talks"`
	Mentions  int         `json:"mentions,omitempty"`
	Category  string      `json:"category,omitempty"`
	Companies []string    `json:"companies,omitempty"`
	ByYear    map[int]int `json:"by_year,omitempty"`
}

// SourceRecord is an imported file and what was found in it.
type SourceRecord struct {
	Path       string   `json:"path"`
	Format     string   `json:"format"`
	Encoding   string   `json:"encoding"`
	Title      string   `json:"title"`
	Event      *Event   `json:"event"`
	Talks      int      `json:"talks"`
	Services   []string `json:"services"`
	Status     string   `json:"status"`
	Message    string   `json:"message,omitempty"`
	ImportedAt string   `json:"imported_at"`
}

// TalkFilter selects talks. Zero values mean "any".
type TalkFilter struct {
	Event   string // words matched against name, series, city and year, any order
	Year    int
	Speaker string
	Company string
	Service string
	Kind    string
	IDs     []int64 // restrict to these talks (search results), in this order
	// Query keeps the talks a search for it finds (kb resolves it to IDs,
	// best match first); the store never sees it.
	Query string
	Limit int
}

// Hit types: what a search hit is.
const (
	HitTalk = "talk"
	HitPost = "post"
)

// Hit is one talk or post a search found, with its score and highlighted
// snippets. Type is HitTalk (Talk is set) or HitPost (Post is set): a post
// hit is a word found in an imported file outside the talks extraction
// found there, or in a file with no talks at all.
type Hit struct {
	Type     string     `json:"type"`
	Talk     TalkRecord `json:"-"`
	Post     *PostHit   `json:"-"`
	Score    float64    `json:"score"`
	Snippets []string   `json:"snippets"`
}

// MarshalJSON writes a talk hit as {"type": "talk", "talk": {…}, …} and a
// post hit as {"type": "post", "post": {…}, …}: the shape of talk hits is
// the one notes always had, with "type" added.
func (h Hit) MarshalJSON() ([]byte, error) {
	type talkHit struct {
		Type     string     `json:"type"`
		Talk     TalkRecord `json:"talk"`
		Score    float64    `json:"score"`
		Snippets []string   `json:"snippets"`
	}
	type postHit struct {
		Type     string   `json:"type"`
		Post     *PostHit `json:"post"`
		Score    float64  `json:"score"`
		Snippets []string `json:"snippets"`
	}
	if h.Type == HitPost {
		return json.Marshal(postHit{HitPost, h.Post, h.Score, h.Snippets})
	}
	return json.Marshal(talkHit{HitTalk, h.Talk, h.Score, h.Snippets})
}

// JSONFields are the keys of a hit's JSON, which MarshalJSON writes
// rather than its struct tags: a hit has a talk or a post.
func (Hit) JSONFields() []string {
	return []string{"type", "talk", "post", "score", "snippets"}
}

// PostHit is where a search found its words in a post: the file, its
// title and event, the line of the first match and the heading of the
// section holding it ("" before the first heading).
type PostHit struct {
	ID       int64    `json:"id"`
	Path     string   `json:"path"`
	Title    string   `json:"title"`
	Event    *Event   `json:"event"`
	Services []string `json:"services"`
	Line     int      `json:"line"`
	Section  string   `json:"section"`
}

// Failure is a file that could not be imported, or a warning about one
// that was: "path[:line]: reason".
type Failure struct {
	Path   string `json:"path"`
	Line   *int   `json:"line"`
	Reason string `json:"reason"`
}

// String is the failure as printed: "path[:line]: reason".
func (f Failure) String() string {
	if f.Line != nil {
		return fmt.Sprintf("%s:%d: %s", f.Path, *f.Line, f.Reason)
	}
	return fmt.Sprintf("%s: %s", f.Path, f.Reason)
}

// WarningLine is a warning as printed: "path[:line]: warning: message".
func (f Failure) WarningLine() string {
	return Failure{Path: f.Path, Line: f.Line, Reason: "warning: " + f.Reason}.String()
}

// Preview is what an import would store of one post, with the reasons
// behind each value: what "notes import --dry-run --json" prints.
type Preview struct {
	Path     string        `json:"path"`
	Format   string        `json:"format"`
	Event    *Event        `json:"event"`
	Talks    []PreviewTalk `json:"talks"`
	Services []string      `json:"services"`
	Explain  []string      `json:"explain"`
	Warnings []Failure     `json:"warnings"`
}

// PreviewTalk is one talk of a Preview.
type PreviewTalk struct {
	Title       string    `json:"title"`
	Kind        string    `json:"kind"`
	Line        int       `json:"line"`
	Speakers    []Speaker `json:"speakers"`
	Companies   []string  `json:"companies"`
	Services    []string  `json:"services"`
	NoteAuthors []string  `json:"note_authors"`
}

// Problem is one thing notes doctor asks a person to look at, with the
// command or correction that would fix it.
type Problem struct {
	Kind     string `json:"kind"`     // missing-source, failed-source, write-up-without-talks, …
	Severity int    `json:"severity"` // 3 is the worst
	Subject  string `json:"subject"`  // the file, name, event or talk
	Detail   string `json:"detail"`
	Fix      string `json:"fix"`
	Talks    int    `json:"talks"` // the talks it affects
}

// Facet is the values one facet of a search takes over its hits, the
// most frequent first: who spoke, at which event, which year…
type Facet struct {
	Name   string       `json:"name"`
	Values []FacetValue `json:"values"`
}

// FacetValue is one value of a facet and the number of hits that have it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}
