package corrections

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

func load(t *testing.T, yaml string) (*Set, string) {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".notes"), 0o755)
	path := filepath.Join(dir, DefaultName)
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func TestApply(t *testing.T) {
	s, dir := load(t, `
people:
  julien rousel: Julien Roussel
companies:
  Bedrock Streaming: Bedrock
services:
  Amazon MQ: ""
  AWS Lambda: AWS Lambda
events:
  Devoxx 2023: Devoxx France 2023
talks:
  - path: posts/a.md
    line: 9
    set:
      title: Le vrai titre
      speakers: [Anne Martin, Luc Girard]
  - path: posts/a.md
    title: "PAUSE CAFÉ"
    hide: true
posts:
  - path: posts/b.md
    not_a_write_up: true
`)
	post := func() core.Post {
		return core.Post{Event: &core.Event{Name: "Devoxx 2023", Year: 2023},
			Services: []core.ServiceCount{{Name: "Amazon MQ", Mentions: 1}, {Name: "AWS Lambda", Mentions: 2}},
			Talks: []core.Talk{
				{Title: "Un titre", Line: 3, Speakers: []core.Speaker{{Name: "Julien Rousel", Company: "Bedrock Streaming"}}},
				{Title: "Mauvais titre", Line: 9},
				{Title: "Pause café", Line: 12},
			}}
	}
	a := post()
	s.Apply(filepath.Join(dir, "posts/a.md"), &a)
	var titles []string
	for _, tk := range a.Talks {
		titles = append(titles, tk.Title)
	}
	if got := strings.Join(titles, "|"); got != "Un titre|Le vrai titre" {
		t.Errorf("titles = %q, want the hidden talk gone and the title set", got)
	}
	if sp := a.Talks[0].Speakers[0]; sp.Name != "Julien Roussel" || sp.Company != "Bedrock" {
		t.Errorf("speaker = %+v, want the aliases applied", sp)
	}
	if n := len(a.Talks[1].Speakers); n != 2 {
		t.Errorf("speakers set: %d, want 2", n)
	}
	if a.Event.Name != "Devoxx France 2023" || a.Event.Year != 2023 {
		t.Errorf("event = %+v", a.Event)
	}
	if len(a.Services) != 1 || a.Services[0].Name != "AWS Lambda" {
		t.Errorf("services = %+v, want Amazon MQ dropped", a.Services)
	}
	// Another post: the talk corrections do not apply, the aliases do.
	c := post()
	s.Apply(filepath.Join(dir, "posts/c.md"), &c)
	if len(c.Talks) != 3 || c.Talks[0].Speakers[0].Name != "Julien Roussel" {
		t.Errorf("other post: %+v", c.Talks)
	}
	b := post()
	s.Apply(filepath.Join(dir, "posts/b.md"), &b)
	if len(b.Talks) != 0 || b.Event != nil {
		t.Errorf("not a write-up: %d talks, event %v", len(b.Talks), b.Event)
	}
}

func TestLoadRefuses(t *testing.T) {
	for _, tt := range []struct{ name, yaml, want string }{
		{"unknown key", "peoples: {}\n", "field peoples not found"},
		{"a talk without title or line", "talks:\n  - path: a.md\n    hide: true\n", "title or line"},
		{"not YAML", "people: [\n", "yaml"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.yaml")
			os.WriteFile(path, []byte(tt.yaml), 0o644)
			_, err := Load(path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load = %v, want an error saying %q", err, tt.want)
			}
		})
	}
}
