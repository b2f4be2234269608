package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

func TestSplitSpeaker(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want core.Speaker
		ok   bool
	}{
		{"dash role comma company", "Julie Marchal - Directrice technique, Banque Lumière", sp("Julie Marchal", "Directrice technique", "Banque Lumière"), true},
		{"comma role comma company", "Hugo Fontaine, Head of Platform, Kestrel", sp("Hugo Fontaine", "Head of Platform", "Kestrel"), true},
		{"comma role dash company", "Léa Garnier, Staff Engineer - Nimbus", sp("Léa Garnier", "Staff Engineer", "Nimbus"), true},
		{"role only", "Marc Olivier, Consultant SRE", sp("Marc Olivier", "Consultant SRE", ""), true},
		{"company glued after role", "Inès Roux - Data Team Leader Ouranos", sp("Inès Roux", "Data Team Leader", "Ouranos"), true},
		{"cto glued", "Paul Bernard - CTO Papyrus", sp("Paul Bernard", "CTO", "Papyrus"), true},
		{"aws prefix in role", "Anne Petit - AWS Solutions Architect", sp("Anne Petit", "AWS Solutions Architect", "AWS"), true},
		{"domain word is not a company", "Yves Henry - AWS Solutions Architect Specialist Serverless", sp("Yves Henry", "AWS Solutions Architect Specialist Serverless", "AWS"), true},
		{"aws suffix", "Sam Carter, Solutions Architect AWS", sp("Sam Carter", "Solutions Architect", "AWS"), true},
		{"amazon web services", "Sam Carter - Developer Advocate, Amazon Web Services", sp("Sam Carter", "Developer Advocate", "AWS"), true},
		{"parenthesised role chez", "Nora Blanc (Directrice de l'ingénierie chez Lumen)", sp("Nora Blanc", "Directrice de l'ingénierie", "Lumen"), true},
		{"de chez", "Tom Girard de chez Vega", sp("Tom Girard", "", "Vega"), true},
		{"parenthesised company", "Jane Doe (Acme)", sp("Jane Doe", "", "Acme"), true},
		{"particle in name", "Enzo La Rosa, Ingénieur - Vega", sp("Enzo La Rosa", "Ingénieur", "Vega"), true},
		{"capitals name normalised", "Gaspard DURAND - SRE", sp("Gaspard Durand", "SRE", ""), true},
		{"twitter handle dropped", "Rémi Caron @rcaron, Principal Engineer", sp("Rémi Caron", "Principal Engineer", ""), true},
		{"markdown link name", "[Claire Moreau](https://example.org), co-fondatrice", sp("Claire Moreau", "co-fondatrice", ""), true},
		{"sentence is not a speaker", "Les équipes ont migré vers Kubernetes", core.Speaker{}, false},
		{"single word is not a name", "Kestrel - Platform", core.Speaker{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := splitSpeaker(tt.in)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("splitSpeaker(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestHeadingSpeakers(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		title    string
		speakers []string
	}{
		{"par after comma", "Observer ses lambdas sans agent, par Lucie Mercier", "Observer ses lambdas sans agent", []string{"Lucie Mercier"}},
		{"par without comma", "Scaling Postgres par Karim Haddad", "Scaling Postgres", []string{"Karim Haddad"}},
		{"guillemets glued par", "« Le cache, ce mal-aimé »par Julie Marchal", "Le cache, ce mal-aimé", []string{"Julie Marchal"}},
		{"dash with two people", "Du monolithe aux events - Jane Doe (Acme) & John Roe (CTO Foo)", "Du monolithe aux events", []string{"Jane Doe", "John Roe"}},
		{"by", "Chaos engineering in practice by Sarah Connell", "Chaos engineering in practice", []string{"Sarah Connell"}},
		{"dash inside title, no speaker", "REX Maison Dupuis - Le portail de nos données", "REX Maison Dupuis - Le portail de nos données", nil},
		{"dash then a product", "Keynote d'ouverture - RoboKart", "Keynote d'ouverture - RoboKart", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, sps, _ := headingSpeakers(tt.in)
			var names []string
			for _, s := range sps {
				names = append(names, s.Name)
			}
			if title != tt.title || !slices.Equal(names, tt.speakers) {
				t.Errorf("headingSpeakers(%q) = %q, %v; want %q, %v", tt.in, title, names, tt.title, tt.speakers)
			}
		})
	}
}

func TestSpeakersFromSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []core.Speaker
	}{
		{"name with role in parentheses", "Lucie Mercier (Hero AWS Serverless) a présenté trois patterns.",
			[]core.Speaker{sp("Lucie Mercier", "Hero AWS Serverless", "")}},
		{"two people, chez", "Karim Haddad, Solutions Architect AWS et Zoé Lambert de chez Kestrel ont fait un retour d'expérience.",
			[]core.Speaker{sp("Karim Haddad", "Solutions Architect", "AWS"), sp("Zoé Lambert", "", "Kestrel")}},
		{"leading clause", "Pour cette session, Paul Bernard, Lead Dev chez Papyrus, a commencé par une démo.",
			[]core.Speaker{sp("Paul Bernard", "Lead Dev", "Papyrus")}},
		{"english prose", "Jane Doe, Director of Platform at Acme, and John Roe, Staff Engineer at Foo, discussed their migration.",
			[]core.Speaker{sp("Jane Doe", "Director of Platform", "Acme"), sp("John Roe", "Staff Engineer", "Foo")}},
		{"no speaker in ordinary prose", "Les équipes ont présenté leurs résultats au comité.", nil},
		// English puts the stop inside the quotes; blogs end their excerpt
		// with WordPress's and Jekyll's <!--more--> mark.
		{"sentence after a quoted title, excerpt mark", `This is a liveblog of the session titled "Safe Abstractions." The speaker is Jane Doe, Founder and CTO at Acme.<!--more-->`,
			[]core.Speaker{sp("Jane Doe", "Founder and CTO", "Acme")}},
		{"curly quotes", "I attended the talk “Fast Builds!” The speaker was John Roe, Staff Engineer at Foo.",
			[]core.Speaker{sp("John Roe", "Staff Engineer", "Foo")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := speakersFromSentences(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("speakersFromSentences(%q) = %+v; want %+v", tt.in, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("speaker %d = %+v; want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestNoteAuthors(t *testing.T) {
	got, ok := noteAuthors("Résumé par Marion LEBRUN & [Yann Perrot](https://example.org) - SysOps")
	want := []string{"Marion Lebrun", "Yann Perrot"}
	if !ok || !slices.Equal(got, want) {
		t.Errorf("noteAuthors = %v, %v; want %v", got, ok, want)
	}
	if _, ok := noteAuthors("Conférence présentée par :"); ok {
		t.Errorf("a speaker intro was read as note authors")
	}
}

func sp(name, role, company string) core.Speaker {
	return core.Speaker{Name: name, Role: role, Company: company}
}

func TestCleanTitleQuotes(t *testing.T) {
	tests := map[string]string{
		"« Préparez votre premier talk »":       "Préparez votre premier talk",
		"*« Un titre en italique »*":            "Un titre en italique",
		"Déployer sans “stress”":                "Déployer sans “stress”", // regression: the closing quote was lost
		`"Cost-aware architecture in practice"`: "Cost-aware architecture in practice",
		"Title cut before its end »":            "Title cut before its end",
		`Le "bon" outil`:                        `Le "bon" outil`,
	}
	for in, want := range tests {
		if got := cleanTitle(in); got != want {
			t.Errorf("cleanTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSpeakersFromBlocksParLine(t *testing.T) {
	blocks := []core.Block{{Kind: core.BlockParagraph, Line: 3, Lines: []core.Line{{N: 3, Text: "Par Jane Doe, CTO chez Acme"}}}}
	sps, _, _ := speakersFromBlocks(blocks)
	if len(sps) != 1 || sps[0] != sp("Jane Doe", "CTO", "Acme") {
		t.Errorf("speakers = %+v, want Jane Doe, CTO, Acme", sps)
	}
	blocks[0].Lines[0].Text = "Par exemple, Lambda facture à la milliseconde."
	if sps, _, _ := speakersFromBlocks(blocks); len(sps) != 0 {
		t.Errorf("'Par exemple' gave speakers %+v", sps)
	}
}

// TestPeopleBounds pins the bounds that keep extraction near-linear on
// hostile input (BenchmarkHostileShapes measures it): a "list of people"
// or a heading longer than any real one is not read for speakers.
func TestPeopleBounds(t *testing.T) {
	if sps := parseSpeakerList(strings.Repeat("Jane Doe et ", 100)); sps != nil {
		t.Errorf("parseSpeakerList of 1,200 bytes = %d speakers, want none", len(sps))
	}
	if sps := parseSpeakerList("Jane Doe et John Roe"); len(sps) != 2 {
		t.Errorf("parseSpeakerList of two = %v", sps)
	}
	long := "Titre, par " + strings.Repeat("Jane Doe et ", 40)
	if _, sps, ok := headingSpeakers(long); ok || sps != nil {
		t.Errorf("headingSpeakers of %d bytes = %v, want none", len(long), sps)
	}
}

func TestNormaliseNameHonorific(t *testing.T) {
	for in, want := range map[string]string{
		"Maître Caroline Durand": "Caroline Durand",
		"Dr. Jane Doe":           "Jane Doe",
		"Me Durand":              "Me Durand", // one word left: keep it whole
		"Meryl Streep":           "Meryl Streep",
	} {
		if got := normaliseName(in); got != want {
			t.Errorf("normaliseName(%q) = %q, want %q", in, got, want)
		}
	}
}
