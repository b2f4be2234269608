package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/ingest"
)

// Seeds shared by the extraction fuzz targets: the date and speaker shapes
// of real posts, and the corners their patterns special-case.
var fuzzDateSeeds = []string{
	"",
	"Le salon s'est tenu le 18 mars 2024 à Lyon.",
	"Les 14 et 15 février 2017, la conférence a réuni 500 personnes.",
	"du 30 juin au 1er juillet 2022",
	"from 10th to 12th July 2023",
	"It took place on July 10, 2023 in London.",
	"Le 06/12/23, au Centre des Congrès.",
	"Le 28/11/2019, à Paris.",
	"date: 2022-04-20",
	"le 31 février 2022",
	"99/99/99 00/00/2000 2022-13-45",
	"mar 3 mai 4 may 5 jun 6 dec. 7 déc 8 FÉVRIER 9",
	"between 1st march and 2nd april",
	"2022-04-20-aws-summit-paris.md",
}

var fuzzSpeakerSeeds = []string{
	"",
	"Julie Marchal - Directrice technique, Banque Lumière",
	"Hugo Fontaine, Head of Platform, Kestrel",
	"Inès Roux - Data Team Leader Ouranos",
	"Nora Blanc (Directrice de l'ingénierie chez Lumen)",
	"Tom Girard de chez Vega",
	"Rémi Caron @rcaron, Principal Engineer",
	"[Claire Moreau](https://example.org), co-fondatrice de [Acme](https://acme.io)",
	"Jane Doe (Acme) & John Roe (CTO Foo)",
	"Jane Doe, Director of X at Acme, and John Roe, Staff Engineer at Foo",
	"Karpenter en production - Jane Doe (AWS)",
	"« Un titre »par Jane Doe",
	"Jane Doe ((((((((((((",
	"Jane Doe )))) - ((( Role ) Co",
}

// FuzzFindDates checks that any text gives dates in text order, each a
// real month and day, at a position inside the text, and that an ISO date
// is written as ISO. It also runs fileNameDate on the same bytes.
func FuzzFindDates(f *testing.F) {
	for _, s := range fuzzDateSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ds := findDates(s)
		for i, d := range ds {
			if !validDay(d.Year, d.Month, d.Day) {
				t.Fatalf("findDates(%q)[%d] = %+v: not a month and day", s, i, d)
			}
			if d.Pos < 0 || d.Pos >= len(s) {
				t.Fatalf("findDates(%q)[%d].Pos = %d: outside the text", s, i, d.Pos)
			}
			if i > 0 && ds[i-1].Pos > d.Pos {
				t.Fatalf("findDates(%q) not in text order: %+v", s, ds)
			}
			if iso := d.iso(2024); len(iso) != len("2024-01-02") || iso[4] != '-' || iso[7] != '-' {
				t.Fatalf("findDates(%q)[%d].iso = %q: not YYYY-MM-DD", s, i, iso)
			}
		}
		if d, ok := fileNameDate(s); ok && !validDay(d.Year, d.Month, d.Day) {
			t.Fatalf("fileNameDate(%q) = %+v: not a month and day", s, d)
		}
	})
}

// FuzzSplitSpeaker checks the speaker-line readers on any line: no panic,
// valid UTF-8 out of valid UTF-8 in, a name whenever ok, and names and
// roles on one line.
func FuzzSplitSpeaker(f *testing.F) {
	for _, s := range fuzzSpeakerSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(fn string, sp core.Speaker) {
			for _, v := range []string{sp.Name, sp.Role, sp.Company} {
				if utf8.ValidString(s) && !utf8.ValidString(v) {
					t.Fatalf("%s(%q) = %+v: invalid UTF-8 out of valid input", fn, s, sp)
				}
				if strings.ContainsAny(v, "\n") {
					t.Fatalf("%s(%q) = %+v: a value spans lines", fn, s, sp)
				}
			}
		}
		if sp, ok := splitSpeaker(s); ok {
			if strings.TrimSpace(sp.Name) == "" {
				t.Fatalf("splitSpeaker(%q) = %+v, ok without a name", s, sp)
			}
			check("splitSpeaker", sp)
		}
		for _, sp := range parseSpeakerList(s) {
			check("parseSpeakerList", sp)
		}
		if _, sps, ok := headingSpeakers(s); ok {
			for _, sp := range sps {
				check("headingSpeakers", sp)
			}
		}
		for _, sp := range speakersFromSentences(s) {
			check("speakersFromSentences", sp)
		}
		noteAuthors(s)
	})
}

// FuzzExtract runs the whole path a user's file takes after decoding:
// Detect and Parse, then Extract. Whatever the text, extraction must not
// panic, every talk has a title and a line of the text, and the event
// date, when there is one, is YYYY-MM-DD.
func FuzzExtract(f *testing.F) {
	for _, s := range append(append([]string{}, fuzzDateSeeds...), fuzzSpeakerSeeds...) {
		f.Add(s)
	}
	for _, s := range []string{
		"---\ntitle: AWS Summit Paris 2022\ndate: 2022-04-20\n---\n### Karpenter en production\n\nConférence présentée par :\n\n* Jane Doe - Solutions Architect, AWS\n\nKarpenter sur Amazon EKS.\n",
		"= Xebicon 2019\n\n== Observabilité\n\n====\nRésumé.\n\nBob Durand, Architecte - Xebia\n====\n",
		"Retour sur le Forum PHP 2019\n\nLes 24 et 25 octobre 2019 à Paris.\n\nBref et Lambda, par Nicolas Faure\n\nDu texte sur AWS Lambda.\n",
		"## Titre - Jane Doe (Acme) & John Roe (CTO Foo)\n\n> Conférence présentée par [Jane Doe](u), co-fondatrice de [Acme](u)\n",
		"<!DOCTYPE html><html><h1>AWS Summit 2023</h1><h2>Talk</h2><p>présenté par Jane Doe (SRE - Acme)</p></html>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := ingest.Parse(core.Source{Path: "2022-04-20-fuzz.md", Text: text})
		post := Extract(doc)
		lines := strings.Count(text, "\n") + 1
		for i, tk := range post.Talks {
			if strings.TrimSpace(tk.Title) == "" {
				t.Fatalf("talk %d has no title: %+v", i, tk)
			}
			if tk.Line < 1 || tk.Line > lines {
				t.Fatalf("talk %q at line %d; the text has %d lines", tk.Title, tk.Line, lines)
			}
			for _, sp := range tk.Speakers {
				if strings.TrimSpace(sp.Name) == "" {
					t.Fatalf("talk %q has a speaker without a name: %+v", tk.Title, tk.Speakers)
				}
			}
		}
		if ev := post.Event; ev != nil && ev.Date != "" {
			if d := ev.Date; len(d) != 10 || d[4] != '-' || d[7] != '-' {
				t.Fatalf("event date %q is not YYYY-MM-DD", d)
			}
		}
	})
}
