package kb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/corrections"
	"github.com/notes-kb/notes/internal/store"
)

// Doctor lists what a person should look at in the knowledge base, worst
// first (issue 14, item 5): stored files that are gone or failed, posts
// that name an event but gave no talk, near-duplicate people and
// companies, speakers that do not look like names, talks without a
// speaker, events without a year or a city. Each comes with the command
// or the correction (see package corrections) that would fix it.
func (k *KB) Doctor(ctx context.Context) ([]core.Problem, error) {
	srcs, err := k.db.Sources(ctx)
	if err != nil {
		return nil, dbError(err)
	}
	c, err := k.db.Checkup(ctx)
	if err != nil {
		return nil, dbError(err)
	}
	rel, err := k.db.RelativeSources(ctx)
	if err != nil {
		return nil, dbError(err)
	}
	// Paths in a correction are relative to the folder of the corrections
	// file (the one holding .notes/): the fixes say them so.
	corrPath, err := k.db.Meta(ctx, metaCorrectionsPath)
	if err != nil {
		return nil, dbError(err)
	}
	inCorrections := func(shown string) string { return correctionPath(corrPath, shown) }
	legacy := map[string]bool{}
	for _, r := range rel {
		legacy[r.Path] = true
	}
	var out []core.Problem
	add := func(p core.Problem) { out = append(out, p) }
	for _, s := range srcs {
		switch {
		case !exists(s.Path):
			fix := "notes import --prune " + shellQuote(filepath.Dir(s.Path))
			detail := "the file is gone"
			if legacy[s.Path] {
				detail = "the file is not found from here (an older notes stored its path relative to the folder it was imported from)"
				fix = "notes import it again from that folder, or " + fix
			}
			add(core.Problem{Kind: "missing-source", Severity: 3, Subject: s.Path, Detail: detail, Fix: fix, Talks: s.Talks})
		case s.Status == "failed":
			add(core.Problem{Kind: "failed-source", Severity: 3, Subject: s.Path, Detail: "could not be imported: " + s.Message,
				Fix: "fix the file, then notes import " + shellQuote(s.Path), Talks: s.Talks})
		case s.Event != nil && s.Talks == 0:
			add(core.Problem{Kind: "write-up-without-talks", Severity: 2, Subject: s.Path,
				Detail: "names " + s.Event.Name + " but gave no talk",
				Fix:    "notes import --dry-run --explain " + shellQuote(s.Path) + "; if it is no write-up, correction posts: [{path: " + yamlQuote(inCorrections(s.Path)) + ", not_a_write_up: true}]"})
		}
	}
	for _, g := range c.PeopleGroups {
		add(duplicates("near-duplicate-person", "people", g))
	}
	seen := map[string]bool{}
	for _, g := range c.CompanyGroups {
		p := duplicates("near-duplicate-company", "companies", g)
		seen[p.Subject] = true
		add(p)
	}
	for _, g := range c.CompanyHeads {
		for _, pair := range prefixPairs(g) {
			if p := duplicates("near-duplicate-company", "companies", pair); !seen[p.Subject] {
				// "Acme" / "Acme Labs" may well be two companies: last.
				p.Severity, p.Talks = 1, 0
				p.Detail = "one name begins the other; may be one company (no evidence in common)"
				add(p)
			}
		}
	}
	for _, s := range c.Speakers {
		if why := notAName(s.Name); why != "" {
			add(core.Problem{Kind: "not-a-name", Severity: 2, Subject: s.Name, Talks: s.Talks,
				Detail: "a speaker whose name " + why,
				Fix:    "correction people: {" + yamlQuote(s.Name) + ": The Real Name}, or set the talk's speakers (talks: set: speakers)"})
		}
	}
	// Talks without a speaker, one problem per post: a post that lists
	// sessions without their speakers is one thing to look at.
	var bySource [][]store.TalkRef
	for _, t := range c.TalksWithoutSpeaker {
		if n := len(bySource); n > 0 && bySource[n-1][0].Source == t.Source {
			bySource[n-1] = append(bySource[n-1], t)
		} else {
			bySource = append(bySource, []store.TalkRef{t})
		}
	}
	for _, ts := range bySource {
		t := ts[0]
		detail := fmt.Sprintf("talk %d %q (line %d) has no speaker", t.ID, t.Title, t.Line)
		if len(ts) > 1 {
			detail = fmt.Sprintf("%d talks have no speaker, the first %q (talk %d, line %d)", len(ts), t.Title, t.ID, t.Line)
		}
		add(core.Problem{Kind: "talks-without-speaker", Severity: 1, Subject: t.Source, Talks: len(ts), Detail: detail,
			Fix: "correction talks: [{path: " + yamlQuote(inCorrections(t.Source)) + ", line: " + strconv.Itoa(t.Line) + ", set: {speakers: [Name]}}]"})
	}
	for _, e := range c.Events {
		if e.Year == 0 {
			add(core.Problem{Kind: "event-without-year", Severity: 1, Subject: e.Name, Talks: e.Talks,
				Detail: "no year", Fix: "correction events: {" + yamlQuote(e.Name) + ": {year: YYYY}}"})
		}
		if e.City == "" {
			add(core.Problem{Kind: "event-without-city", Severity: 1, Subject: e.Name, Talks: e.Talks,
				Detail: "no city", Fix: "correction events: {" + yamlQuote(e.Name) + ": {city: City}}"})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.Talks > b.Talks
	})
	if out == nil {
		out = []core.Problem{}
	}
	return out, nil
}

// duplicates is the problem of names that look like one person or
// company, with the alias that makes the less used names the most used.
func duplicates(kind, section string, g []store.NamedCount) core.Problem {
	sort.SliceStable(g, func(i, j int) bool { return g[i].Talks > g[j].Talks })
	names := make([]string, len(g))
	total := 0
	var aliases []string
	for i, n := range g {
		names[i] = n.Name
		total += n.Talks
		if i > 0 {
			aliases = append(aliases, yamlQuote(n.Name)+": "+yamlQuote(g[0].Name))
		}
	}
	return core.Problem{Kind: kind, Severity: 2, Subject: strings.Join(names, " / "), Talks: total,
		Detail: "spellings of one name, stored apart (no evidence in common)",
		Fix:    "if they are one, correction " + section + ": {" + strings.Join(aliases, ", ") + "}"}
}

// prefixPairs are the pairs of a group of companies sharing a first word
// where one's words begin the other's.
func prefixPairs(g []store.NamedCount) [][]store.NamedCount {
	var out [][]store.NamedCount
	for i := range g {
		for j := i + 1; j < len(g); j++ {
			a, b := core.CompanyWords(g[i].Name), core.CompanyWords(g[j].Name)
			if len(a) > len(b) {
				a, b = b, a
			}
			if strings.Join(b[:len(a)], " ") == strings.Join(a, " ") {
				out = append(out, []store.NamedCount{g[i], g[j]})
			}
		}
	}
	return out
}

// particles may start with a small letter in a person's name.
var particles = map[string]bool{"de": true, "du": true, "des": true, "la": true, "le": true, "van": true, "von": true,
	"der": true, "den": true, "da": true, "di": true, "del": true, "dos": true, "ter": true, "el": true, "al": true, "bin": true, "d'": true}

// notAName says why name does not look like a person's name, "" when it
// does: one word, more than five, digits, symbols, or a word in small
// letters that is no particle.
func notAName(name string) string {
	words := strings.Fields(name)
	switch {
	case len(words) < 2:
		return "is one word"
	case len(words) > 5:
		return "has more than five words"
	case strings.ContainsFunc(name, unicode.IsDigit):
		return "has digits"
	case strings.ContainsAny(name, "@/\\|:;()[]{}<>#*=+?!\"«»"):
		return "has symbols"
	}
	for _, w := range words {
		r := []rune(w)[0]
		if unicode.IsLower(r) && !particles[strings.ToLower(w)] && !strings.HasPrefix(strings.ToLower(w), "d'") {
			return fmt.Sprintf("has %q in small letters", w)
		}
	}
	return ""
}

// correctionPath is a source (as shown) as the corrections file at
// corrPath names it: relative to the folder holding its .notes/, or its
// own folder. Without a corrections file, as shown.
func correctionPath(corrPath, shown string) string {
	if corrPath == "" {
		return shown
	}
	return corrections.RelativePath(corrPath, absPath(shown))
}

// exists reports whether a stored path (as shown) is a file.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// shellQuote quotes p for a shell when it needs it.
func shellQuote(p string) string {
	if p != "" && !strings.ContainsFunc(p, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("/._-+,", r))
	}) {
		return p
	}
	return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
}

// yamlQuote writes s as a YAML string in double quotes.
func yamlQuote(s string) string { return strconv.Quote(s) }
