package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notes-kb/notes/internal/core"
)

var (
	// "Chez Acme, nous…", "nous … chez Acme": the blog's own organisation.
	// Both are anchored ("^(?:…)") and tried by findAllAt only where a
	// match can start: "chez" or "at", and "nous" or "we" after a word
	// boundary. An unanchored search tries them at every byte of the text.
	reChezNous = lazyRE(`^(?:(?i:chez|at)\s+(\p{Lu}[\p{L}\d+&-]*(?:\s+\p{Lu}[\p{L}\d+&-]*){0,2}),?\s+(?i:nous|we)\b)`)
	reNousChez = lazyRE(`^(?:\b(?i:nous|we)\b[^.!?\n]{0,80}?\b(?i:chez|at)\s+(\p{Lu}[\p{L}\d+&-]*(?:\s+\p{Lu}[\p{L}\d+&-]*){0,2}))`)
	// A talk the authors gave themselves.
	reOurTalk = lazyRE(`(?i)\bnotre\s+(?:talk|conf[ée]rence|intervention|pr[ée]sentation|session|retour\s+d['’]exp[ée]rience|exp[ée]rience)\b|\bnous\s+(?:avons|étions|etions)\s+(?:aussi\s+|également\s+)?(?:eu\s+la\s+chance\s+(?:de\s+pouvoir\s+)?(?:d['’]intervenir|de\s+partager|de\s+pr[ée]senter)|intervenants|speakers|orateurs)|\bour\s+(?:talk|session|presentation)\b|\bwe\s+(?:gave|presented|were\s+(?:also\s+)?speakers)\b`).Needing("notre", "nous", "our", "we")
)

// blogOrganisation is the organisation the post's authors write from, when
// they say so at least twice ("Chez Acme, nous…").
func blogOrganisation(text string) string {
	counts := map[string]int{}
	best := ""
	var lines, lowLines []string
	// The lines of text, lower-cased as strings.ToLower would for this
	// test: the runes it lower-cases to ASCII (İ, K) are not in "chez " or
	// " at ". Offsets are the same in both.
	low := lowerASCII(text)
	for start := 0; start <= len(text); {
		end := strings.IndexByte(low[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if ll := low[start:end]; strings.Contains(ll, "chez ") || strings.Contains(ll, " at ") {
			lines = append(lines, text[start:end])
			lowLines = append(lowLines, ll)
		}
		start = end + 1
	}
	text, low = strings.Join(lines, "\n"), strings.Join(lowLines, "\n")
	if !chezCapital(text, low, 0, len(text)) {
		return ""
	}
	for _, p := range orgScans(low) {
		for _, m := range findAllAt(p.re, text, low, p.words, p.ok, -1) {
			c := canonicalCompany(text[m[2]:m[3]])
			if c == "AWS" || notNameWords()[fold(strings.Fields(c)[0])] {
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

// orgScan is how blogOrganisation looks for one of its patterns: where
// one of words starts, and ok holds, it tries re (see findAllAt).
type orgScan struct {
	re    *lazyRegexp
	words []string
	ok    func(s string, i int) bool
}

// orgScans are the scans for reChezNous and reNousChez in a text whose
// lowerASCII is low. ok tests what the patterns need around their start.
func orgScans(low string) []orgScan {
	return []orgScan{
		{reChezNous, []string{"chez", "at"}, func(s string, i int) bool { return chezCapital(s, low, i, i+1) }},
		// (?i)nous also matches "nouſ", with a long s.
		{reNousChez, []string{"nou", "we"}, func(s string, i int) bool { return atWordStart(s, i) && nousThenChez(s, low, i) }},
	}
}

// nousThenChez reports whether the "chez" or "at" reNousChez needs after
// "nous" or "we" at s[i:] starts before the end of the sentence.
func nousThenChez(s, low string, i int) bool {
	end := len(low)
	if k := strings.IndexAny(low[i:], ".!?\n"); k >= 0 {
		end = i + k
	}
	return chezCapital(s, low, i, end)
}

// atWordStart reports whether a \b before s[i], a word byte, holds.
func atWordStart(s string, i int) bool {
	return i == 0 || !isWordRE(s[i-1])
}

// chezCapital is the cheap test run before reChezNous and reNousChez:
// both need "chez" or "at" (any case), blanks, then a capital letter. It
// reports whether one such "chez" or "at" starts in text[from:to]. low is
// lowerASCII(text).
func chezCapital(text, low string, from, to int) bool {
	for _, w := range []string{"chez", "at"} {
		for off := from; off < to; {
			i := strings.Index(low[off:min(len(low), to+len(w)-1)], w)
			if i < 0 {
				break
			}
			j := off + i + len(w)
			off = j
			k := j
			for k < len(low) && isSpaceRE(low[k]) {
				k++
			}
			if r, _ := utf8.DecodeRuneInString(text[k:]); k > j && unicode.IsUpper(r) {
				return true
			}
		}
	}
	return false
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

var reFullName = lazyRE(`\b(\p{Lu}[\p{L}'’-]+)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)`)

// resolveFirstNames replaces a speaker named by a given name alone
// ("Pascal est aussi intervenu") with the one full name of the post that
// starts with it. It drops the speaker when several full names start with
// it, or when none does and the name is neither a common given name nor
// the post's author (a handle). text is the post's documentText.
func resolveFirstNames(text, author string, talks []core.Talk) {
	var full map[string]map[string]bool
	for i := range talks {
		kept := talks[i].Speakers[:0]
		for _, sp := range talks[i].Speakers {
			if strings.Contains(sp.Name, " ") {
				kept = append(kept, sp)
				continue
			}
			if full == nil {
				full = fullNames(text, talks)
			}
			if n, ok := onlyName(full[fold(sp.Name)]); ok {
				sp.Name = n
				kept = append(kept, sp)
			} else if len(full[fold(sp.Name)]) == 0 && (isFirstName(sp.Name) || sp.Name == author) {
				// "Almog and Sophie": the post gives only first names.
				kept = append(kept, sp)
			}
		}
		talks[i].Speakers = kept
	}
}

// fullNames maps folded given names to the full names the post writes.
func fullNames(text string, talks []core.Talk) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	add := func(name string, known bool) {
		w := strings.Fields(name)
		if len(w) < 2 || !known && !isFirstName(w[0]) {
			return
		}
		k := fold(w[0])
		if out[k] == nil {
			out[k] = map[string]bool{}
		}
		out[k][name] = true
	}
	for _, t := range talks {
		for _, sp := range t.Speakers {
			add(sp.Name, true) // a speaker already: any given name
		}
	}
	for _, m := range reFullName.FindAllStringSubmatch(text, -1) {
		last := strings.Fields(m[2])[0]
		if notNameWords()[fold(last)] || !isFirstName(m[1]) {
			continue
		}
		add(normaliseName(m[1]+" "+last), false)
		if w := strings.Fields(m[2]); len(w) == 2 && !notNameWords()[fold(w[1])] {
			// "Jeff Scott Brown": kept beside "Jeff Scott" when the post
			// writes it more than once (onlyName picks the longer).
			if long := m[1] + " " + m[2]; strings.Count(text, long) >= 2 {
				add(normaliseName(long), false)
			}
		}
	}
	return out
}

// onlyName is the one full name of names, or the longest when every other
// one is the start of it ("Jeff Scott" in "Jeff Scott Brown").
func onlyName(names map[string]bool) (string, bool) {
	longest := ""
	for n := range names {
		if len(n) > len(longest) {
			longest = n
		}
	}
	for n := range names {
		if n != longest && !strings.HasPrefix(longest, n+" ") {
			return "", false
		}
	}
	return longest, longest != ""
}
