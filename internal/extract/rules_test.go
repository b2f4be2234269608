package extract

import (
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

func TestFindCity(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"We met really nice people and saw great talks.", ""},
		{"Les tours de table étaient longs.", ""},
		{"Nice était sous le soleil pour la conférence.", "Nice"},
		{"This post looks at the conference in Halifax, Nova Scotia, October 7-10 2023.", "Halifax"},
		{"Last week I went to RiverConf 2023 in Rotterdam, two days of talks.", "Rotterdam"},
		{"The conference in May was great.", ""},
		{"Deux jours à Anvers, d'Anvers à Bruxelles.", "Antwerp"},
	} {
		if got := (eventFinder{doc: core.Document{}}).findCity(c.body); got != c.want {
			t.Errorf("findCity(%q) = %q, want %q", c.body, got, c.want)
		}
	}
}

func TestOnlyName(t *testing.T) {
	for _, c := range []struct {
		names []string
		want  string
	}{
		{[]string{"Jeff Scott", "Jeff Scott Brown"}, "Jeff Scott Brown"},
		{[]string{"Jeff Scott"}, "Jeff Scott"},
		{[]string{"Jeff Scott", "Jeff Brown"}, ""},
		{nil, ""},
	} {
		m := map[string]bool{}
		for _, n := range c.names {
			m[n] = true
		}
		if got, _ := onlyName(m); got != c.want {
			t.Errorf("onlyName(%q) = %q, want %q", c.names, got, c.want)
		}
	}
}

func TestCleanTitleTime(t *testing.T) {
	for in, want := range map[string]string{
		"10:00 - Generics in Practice":   "Generics in Practice",
		"14h30 : Le Web sans JavaScript": "Le Web sans JavaScript",
		"9.15–10.00 Keynote":             "Keynote",
		"2023: A Year in Review":         "2023: A Year in Review",
		"10:00":                          "10:00",
	} {
		if got := cleanTitle(in); got != want {
			t.Errorf("cleanTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOpensConclusion(t *testing.T) {
	para := func(s string) []core.Block {
		return []core.Block{{Kind: core.BlockParagraph, Lines: []core.Line{{N: 1, Text: s}}}}
	}
	for s, want := range map[string]bool{
		"A few last words. Apart from all the amazing talks…": true,
		"Pour conclure, une très belle édition.":              true,
		"To sum up: go next year.":                            true,
		"Jane showed a few last words of advice on testing.":  false,
		"The conclusion of the talk was clear.":               false,
	} {
		if got := opensConclusion(para(s)); got != want {
			t.Errorf("opensConclusion(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestAuthorsSlides(t *testing.T) {
	for _, c := range []struct{ body, author, want string }{
		{"[Slides](https://speakerdeck.com/paulk/groovy-today)", "Paul King", "speakerdeck.com/paulk"},
		{"https://www.slideshare.net/hcarpentier/records", "Hélène Carpentier", "slideshare.net/hcarpentier"},
		{"[Slides](https://speakerdeck.com/jdurand/cloture)", "Paul King", ""},
		{"[Slides](https://speakerdeck.com/king/x)", "Paul King", "speakerdeck.com/king"},
		{"[Slides](https://speakerdeck.com/paulk/x)", "Paul", ""},
	} {
		if got := authorsSlides(c.body, c.author); got != c.want {
			t.Errorf("authorsSlides(%q, %q) = %q, want %q", c.body, c.author, got, c.want)
		}
	}
}

func TestNameThenCompany(t *testing.T) {
	for in, want := range map[string]string{
		"Laura Bianchi, Swisscode":        "Laura Bianchi|Swisscode",
		"Noah Brooks, Inclusive Labs":     "Noah Brooks|Inclusive Labs",
		"Matt Raible, Deepu K Sasidharan": "",
		"Matt Raible, Brian Clozel":       "",
		"Spring Native, Enfin":            "",
		"Laura Bianchi, who works there":  "",
	} {
		got := ""
		if sp, ok := nameThenCompany(in); ok {
			got = sp.Name + "|" + sp.Company
		}
		if got != want {
			t.Errorf("nameThenCompany(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBulletLines(t *testing.T) {
	b := core.Block{Kind: core.BlockParagraph, Line: 3,
		Markdown: "👉 **A talk** par Jane Doe\n👉 **Another** par John Roe",
		Lines:    []core.Line{{N: 3, Text: "👉 A talk par Jane Doe"}, {N: 4, Text: "👉 Another par John Roe"}}}
	l, ok := bulletLines(b)
	if !ok || l.Kind != core.BlockList || l.Lines[1].Text != "Another par John Roe" || !strings.HasPrefix(l.Markdown, "- **A talk**") {
		t.Errorf("bulletLines = %+v, %v", l, ok)
	}
	b.Lines[1].Text = "➡️ Another par John Roe"
	b.Markdown = "👉 **A talk** par Jane Doe\n➡️ **Another** par John Roe"
	if _, ok := bulletLines(b); ok {
		t.Error("two different bullets read as a list")
	}
	prose := core.Block{Kind: core.BlockParagraph, Markdown: "Some text\nmore text",
		Lines: []core.Line{{N: 1, Text: "Some text"}, {N: 2, Text: "more text"}}}
	if _, ok := bulletLines(prose); ok {
		t.Error("prose read as a list")
	}
}

func TestSpeakerEmoji(t *testing.T) {
	if rest, ok := speakerEmoji("🎤 Jane Doe (Acme)"); !ok || rest != "Jane Doe (Acme)" {
		t.Errorf("speakerEmoji = %q, %v", rest, ok)
	}
	if _, ok := speakerEmoji("🚀 Jane Doe"); ok {
		t.Error("a rocket names no speaker")
	}
}

func TestCamelCase(t *testing.T) {
	for s, want := range map[string]bool{"PGConf EU": true, "JavaScript Tools": true, "Jane McDonald": false,
		"Anne-Marie Dupont": false, "Jeanne D'Arc": false, "Jane Doe": false} {
		if got := camelCase(s); got != want {
			t.Errorf("camelCase(%q) = %v, want %v", s, got, want)
		}
	}
}
