// Package corrections reads the corrections file a team keeps next to its
// posts (issue 14, item 3) and applies it to what extraction found in a
// post, before the post is stored. Corrections are applied again on every
// import, so that they survive re-imports: the database never holds a hand
// edit that the next import would lose.
//
// The file is YAML:
//
//	people:                      # a name as posts write it: the person's name
//	  Xavier F. Gouchet: Xavier Gouchet
//	companies:
//	  Bedrock Streaming: Bedrock
//	services:                    # a service found: the service it is, "" for none
//	  Amazon MQ: ""
//	events:                      # an event as extracted: its name, or what to set
//	  Devoxx 2023: Devoxx France 2023
//	  AWS Summit 2024:
//	    name: AWS Summit Lyon 2024
//	    city: Lyon
//	posts:                       # paths relative to the folder of .notes/
//	  - path: posts/infrakit-release.md
//	    not_a_write_up: true
//	talks:                       # a talk: its post, and its title or line as extracted
//	  - path: posts/2024-summit.md
//	    title: Keynote
//	    hide: true
//	  - path: posts/2024-summit.md
//	    line: 42
//	    set:
//	      title: Keynote d'ouverture
//	      speakers: [Arnaud Vidal]
//	      event: AWS Summit Paris 2024
//
// Names are matched ignoring case, accents and spaces (core.Fold).
package corrections

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/notes-kb/notes/internal/core"
)

// Set is a corrections file, read and checked.
type Set struct {
	// Path is the file, absolute; Digest identifies its content (and
	// path), to know when posts must be read again.
	Path, Digest string

	people, companies, services map[string]string // folded from → to
	events                      map[string]EventFix
	posts                       map[string]bool // not write-ups, by absolute path
	talks                       map[string][]TalkFix
}

// EventFix is what the corrections say of one event.
type EventFix struct {
	Name string `yaml:"name"`
	City string `yaml:"city"`
	Date string `yaml:"date"`
	Year int    `yaml:"year"`
}

// UnmarshalYAML takes an event's new name alone ("Devoxx France 2023") or
// its fields.
func (e *EventFix) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		e.Name = n.Value
		return nil
	}
	type plain EventFix
	return n.Decode((*plain)(e))
}

// TalkFix is what the corrections say of one talk.
type TalkFix struct {
	Path  string `yaml:"path"`
	Title string `yaml:"title"` // as extracted, to find the talk
	Line  int    `yaml:"line"`  // or its line
	Hide  bool   `yaml:"hide"`
	Set   struct {
		Title    string   `yaml:"title"`
		Speakers []string `yaml:"speakers"`
		Event    string   `yaml:"event"`
	} `yaml:"set"`
}

type file struct {
	People    map[string]string   `yaml:"people"`
	Companies map[string]string   `yaml:"companies"`
	Services  map[string]string   `yaml:"services"`
	Events    map[string]EventFix `yaml:"events"`
	Posts     []struct {
		Path        string `yaml:"path"`
		NotAWriteUp bool   `yaml:"not_a_write_up"`
	} `yaml:"posts"`
	Talks []TalkFix `yaml:"talks"`
}

// DefaultName is where an import looks for corrections in each folder it
// is given, when none is named.
const DefaultName = ".notes/corrections.yaml"

// Load reads the corrections file at path. A file that does not parse, or
// that names a talk by neither title nor line, is an error that says where.
func Load(path string) (*Set, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("corrections %s: %w", path, unwrapPath(err))
	}
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			msg := strings.Join(te.Errors, "; ")
			msg = strings.ReplaceAll(msg, " in type corrections.file", " (known: people, companies, services, events, posts, talks)")
			return nil, fmt.Errorf("corrections %s: %s", path, msg)
		}
		return nil, fmt.Errorf("corrections %s: %v", path, err)
	}
	sum := sha256.Sum256(append([]byte(abs+"\x00"), raw...))
	s := &Set{
		Path: abs, Digest: hex.EncodeToString(sum[:]),
		people: folded(f.People), companies: folded(f.Companies), services: folded(f.Services),
		events: map[string]EventFix{}, posts: map[string]bool{}, talks: map[string][]TalkFix{},
	}
	for k, v := range f.Events {
		s.events[core.Fold(k)] = v
	}
	// Paths are relative to the file's folder, or for a file in .notes/,
	// to the folder that holds .notes/ (the folder of posts).
	dir := filepath.Dir(abs)
	if filepath.Base(dir) == ".notes" {
		dir = filepath.Dir(dir)
	}
	for _, p := range f.Posts {
		if p.Path == "" {
			return nil, fmt.Errorf("corrections %s: a post without its path", path)
		}
		if p.NotAWriteUp {
			s.posts[resolve(dir, p.Path)] = true
		}
	}
	for _, t := range f.Talks {
		if t.Path == "" || t.Title == "" && t.Line == 0 {
			return nil, fmt.Errorf("corrections %s: a talk needs its path and its title or line (%q)", path, t.Title)
		}
		key := resolve(dir, t.Path)
		s.talks[key] = append(s.talks[key], t)
	}
	return s, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func folded(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[core.Fold(k)] = v
	}
	return out
}

func resolve(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}

// Apply corrects post, read from the file at path (absolute), in place.
func (s *Set) Apply(path string, post *core.Post) {
	if s == nil {
		return
	}
	if s.posts[path] {
		post.Talks, post.Event = nil, nil
		post.Explain = append(post.Explain, "corrections: not a write-up")
		return
	}
	post.Event = s.event(post.Event)
	post.Services = s.serviceCounts(post.Services)
	fixes := s.talks[path]
	talks := post.Talks[:0]
	for _, t := range post.Talks {
		hide := false
		for _, f := range fixes {
			if !f.matches(t) {
				continue
			}
			if f.Hide {
				hide = true
			}
			if f.Set.Title != "" {
				t.Title = f.Set.Title
			}
			if len(f.Set.Speakers) > 0 {
				t.Speakers = make([]core.Speaker, len(f.Set.Speakers))
				for i, n := range f.Set.Speakers {
					t.Speakers[i] = core.Speaker{Name: n}
				}
			}
			if f.Set.Event != "" {
				e := core.Event{Name: f.Set.Event}
				if post.Event != nil && core.Fold(post.Event.Name) == core.Fold(f.Set.Event) {
					e = *post.Event
				}
				t.Event = s.event(&e)
			}
		}
		if hide {
			post.Explain = append(post.Explain, fmt.Sprintf("corrections: talk %q hidden", t.Title))
			continue
		}
		for i := range t.Speakers {
			t.Speakers[i].Name = alias(s.people, t.Speakers[i].Name)
			t.Speakers[i].Company = alias(s.companies, t.Speakers[i].Company)
		}
		for i := range t.NoteAuthors {
			t.NoteAuthors[i] = alias(s.people, t.NoteAuthors[i])
		}
		for i := range t.Companies {
			t.Companies[i] = alias(s.companies, t.Companies[i])
		}
		t.Services = s.serviceCounts(t.Services)
		talks = append(talks, t)
	}
	post.Talks = talks
}

// matches reports whether f names talk t, by its title or line as
// extracted.
func (f TalkFix) matches(t core.Talk) bool {
	if f.Line != 0 && f.Line != t.Line {
		return false
	}
	return f.Title == "" || core.Fold(f.Title) == core.Fold(t.Title)
}

// event applies the event corrections to e (nil stays nil).
func (s *Set) event(e *core.Event) *core.Event {
	if e == nil {
		return nil
	}
	fix, ok := s.events[core.Fold(e.Name)]
	if !ok {
		return e
	}
	out := *e
	if fix.Name != "" {
		out.Name = fix.Name
	}
	if fix.City != "" {
		out.City = fix.City
	}
	if fix.Date != "" {
		out.Date = fix.Date
	}
	if fix.Year != 0 {
		out.Year = fix.Year
	}
	return &out
}

// serviceCounts renames or drops services, adding up the mentions of two
// names that became one.
func (s *Set) serviceCounts(in []core.ServiceCount) []core.ServiceCount {
	if len(s.services) == 0 {
		return in
	}
	out := make([]core.ServiceCount, 0, len(in))
	at := map[string]int{}
	for _, sc := range in {
		name := alias(s.services, sc.Name)
		if name == "" {
			continue
		}
		if i, ok := at[name]; ok {
			out[i].Mentions += sc.Mentions
			continue
		}
		at[name] = len(out)
		out = append(out, core.ServiceCount{Name: name, Mentions: sc.Mentions})
	}
	return out
}

// alias is the name the corrections give name, or name itself.
func alias(m map[string]string, name string) string {
	if name == "" {
		return name
	}
	if to, ok := m[core.Fold(name)]; ok {
		return to
	}
	return name
}
