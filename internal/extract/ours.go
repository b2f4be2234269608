package extract

import (
	"regexp"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

var (
	// "Chez Acme, nous…", "nous … chez Acme": the blog's own organisation.
	reChezNous = regexp.MustCompile(`(?i:chez|at)\s+(\p{Lu}[\p{L}\d+&-]*(?:\s+\p{Lu}[\p{L}\d+&-]*){0,2}),?\s+(?i:nous|we)\b`)
	reNousChez = regexp.MustCompile(`\b(?i:nous|we)\b[^.!?\n]{0,80}?\b(?i:chez|at)\s+(\p{Lu}[\p{L}\d+&-]*(?:\s+\p{Lu}[\p{L}\d+&-]*){0,2})`)
	// A talk the authors gave themselves.
	reOurTalk = regexp.MustCompile(`(?i)\bnotre\s+(?:talk|conf[ée]rence|intervention|pr[ée]sentation|session|retour\s+d['’]exp[ée]rience|exp[ée]rience)\b|\bnous\s+(?:avons|étions|etions)\s+(?:aussi\s+|également\s+)?(?:eu\s+la\s+chance\s+(?:de\s+pouvoir\s+)?(?:d['’]intervenir|de\s+partager|de\s+pr[ée]senter)|intervenants|speakers|orateurs)|\bour\s+(?:talk|session|presentation)\b|\bwe\s+(?:gave|presented|were\s+(?:also\s+)?speakers)\b`)
)

// blogOrganisation is the organisation the post's authors write from, when
// they say so at least twice ("Chez Acme, nous…").
func blogOrganisation(text string) string {
	counts := map[string]int{}
	best := ""
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		ll := strings.ToLower(l)
		if strings.Contains(ll, "chez ") || strings.Contains(ll, " at ") {
			lines = append(lines, l)
		}
	}
	text = strings.Join(lines, "\n")
	for _, re := range []*regexp.Regexp{reChezNous, reNousChez} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			c := canonicalCompany(m[1])
			if c == "AWS" || notNameWords[core.Fold(strings.Fields(c)[0])] {
				continue
			}
			counts[c]++
			if counts[c] > counts[best] {
				best = c
			}
		}
	}
	if counts[best] < 2 {
		return ""
	}
	return best
}

// ourTalk reports whether the authors gave this talk: its text or an
// enclosing section says "notre talk", "nous étions aussi intervenants"….
func ourTalk(n *node) bool {
	for m := n; m != nil; m = m.parent {
		if reOurTalk.MatchString(m.sec.Title) {
			return true
		}
		if m == n {
			for _, b := range m.own() {
				if reOurTalk.MatchString(b.Text()) {
					return true
				}
			}
		}
	}
	return false
}

var reFullName = regexp.MustCompile(`\b(\p{Lu}[\p{L}'’-]+)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)`)

// resolveFirstNames replaces a speaker named by a given name alone
// ("Pascal est aussi intervenu") with the one full name of the post that
// starts with it, or drops the speaker when there is none or several.
func resolveFirstNames(doc core.Document, talks []core.Talk) {
	var full map[string]map[string]bool
	for i := range talks {
		kept := talks[i].Speakers[:0]
		for _, sp := range talks[i].Speakers {
			if strings.Contains(sp.Name, " ") {
				kept = append(kept, sp)
				continue
			}
			if full == nil {
				full = fullNames(doc, talks)
			}
			if names := full[core.Fold(sp.Name)]; len(names) == 1 {
				for n := range names {
					sp.Name = n
				}
				kept = append(kept, sp)
			}
		}
		talks[i].Speakers = kept
	}
}

// fullNames maps folded given names to the full names the post writes.
func fullNames(doc core.Document, talks []core.Talk) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	add := func(name string) {
		w := strings.Fields(name)
		if len(w) < 2 || !isFirstName(w[0]) {
			return
		}
		k := core.Fold(w[0])
		if out[k] == nil {
			out[k] = map[string]bool{}
		}
		out[k][name] = true
	}
	for _, t := range talks {
		for _, sp := range t.Speakers {
			add(sp.Name)
		}
	}
	for _, m := range reFullName.FindAllStringSubmatch(documentText(doc), -1) {
		last := strings.Fields(m[2])[0]
		if notNameWords[core.Fold(last)] || !isFirstName(m[1]) {
			continue
		}
		add(normaliseName(m[1] + " " + last))
	}
	return out
}
