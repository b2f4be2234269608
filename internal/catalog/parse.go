package catalog

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed services.txt
var servicesTxt string

// flags say how far a phrase can be trusted when written without prefix.
type flags uint8

const (
	flagAmbiguous flags = 1 << iota // "?": capitalised and next to another service
	flagStrict                      // "!": only after "Amazon"/"AWS"
	flagCapital                     // "^": each word capitalised
	flagForeign                     // "~": dropped next to another cloud's name
	flagAcronym                     // one word in capitals: matched in capitals only
)

// anyGap is the gap between two words of an alias written with a space or
// a hyphen: the text may use spaces, hyphens or one line break there.
const anyGap = ""

// phrase is one alias as a sequence of word ids.
type phrase struct {
	toks  []int32  // word ids, in order
	gaps  []string // between toks[i] and toks[i+1]: anyGap or exact punctuation ("@", ".")
	svc   int32    // index in catalogue.services; -1 for a false friend
	flags flags
	caps  uint32 // bit k: word k is capitalised in the catalogue
}

// catalogue is the parsed services.txt with the indexes the matcher needs.
type catalogue struct {
	services []Service        // sorted by Name
	keys     map[string]int   // folded name or alias (words joined by " ", or concatenated) → service
	vocab    map[string]int32 // every word used by a phrase, a prefix or a foreign cloud → id
	first    [][]phrase       // by id of the first word: phrases, longest first
	foreign  []bool           // by id: the word names another cloud or vendor
	bloom    bloom            // hashes of the words of vocab
	maxWord  int              // longest word in vocab, in bytes
	idAmazon int32
	idAWS    int32
	idCloud  int32
	// collisions lists keys claimed by two services; tests require none.
	collisions []string
}

// foreignWords name other clouds and vendors whose products share AWS's
// generic names ("GCP VPC", "Azure Batch", "Google Translate").
var foreignWords = []string{"gcp", "google", "azure", "microsoft", "alibaba", "oracle", "oci", "ibm",
	"ovh", "ovhcloud", "scaleway", "cloudflare", "akamai", "fastly", "spring", "github", "gitlab",
	"openstack", "vnet", "heroku", "vercel", "netlify", "digitalocean"}

// rawPhrase is an alias as parsed from the file, before interning.
type rawPhrase struct {
	words []string // folded words
	gaps  []string
	text  string // display form, markers removed
	flags flags
	caps  uint32
}

func parseCatalogue(src string) (*catalogue, error) {
	c := &catalogue{
		keys:  map[string]int{},
		vocab: map[string]int32{},
	}
	type entry struct {
		svc     Service
		phrases []rawPhrase
		full    []string // folded words of the canonical name
	}
	var entries []entry
	var falseFriends []rawPhrase
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "|")
		if len(cols) != 3 {
			return nil, fmt.Errorf("services.txt:%d: want 3 columns separated by |, got %d", n+1, len(cols))
		}
		name, category := strings.TrimSpace(cols[0]), strings.TrimSpace(cols[1])
		var aliases []string
		for _, a := range strings.Split(cols[2], ";") {
			if a = strings.TrimSpace(a); a != "" {
				aliases = append(aliases, a)
			}
		}
		if name == "-" {
			for _, a := range aliases {
				for _, v := range expandPlural(a) {
					p, err := parseAlias(v)
					if err != nil {
						return nil, fmt.Errorf("services.txt:%d: %v", n+1, err)
					}
					falseFriends = append(falseFriends, p)
				}
			}
			continue
		}
		if category == "" {
			return nil, fmt.Errorf("services.txt:%d: %q has no category", n+1, name)
		}
		canon, markers := splitMarkers(name)
		e := entry{svc: Service{Name: canon, Category: category}}
		e.full = foldWords(canon)
		short := stripPrefix(canon)
		core, err := parseAlias(short + markers)
		if err != nil {
			return nil, fmt.Errorf("services.txt:%d: %v", n+1, err)
		}
		e.svc.Ambiguous = core.flags&(flagAmbiguous|flagStrict) != 0
		e.phrases = append(e.phrases, core)
		for _, a := range aliases {
			for _, v := range expandPlural(a) {
				p, err := parseAlias(v)
				if err != nil {
					return nil, fmt.Errorf("services.txt:%d: %v", n+1, err)
				}
				e.phrases = append(e.phrases, p)
			}
		}
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.svc.Name, b.svc.Name) })

	// claim gives key to svc unless another service holds it already.
	claim := func(key string, svc int) bool {
		if old, ok := c.keys[key]; ok {
			if old != svc {
				c.collisions = append(c.collisions, fmt.Sprintf("%q: %s and %s", key, entries[old].svc.Name, entries[svc].svc.Name))
			}
			return false
		}
		c.keys[key] = svc
		return true
	}
	var all []phrase
	for i, e := range entries {
		if len(e.full) > 1 {
			claim(strings.Join(e.full, " "), i)
		}
		seen := map[string]bool{}
		for _, p := range e.phrases {
			key := strings.Join(p.words, " ")
			if seen[key] {
				c.collisions = append(c.collisions, fmt.Sprintf("%q listed twice for %s", p.text, e.svc.Name))
				continue
			}
			seen[key] = true
			claim(key, i)
			if p.text != e.svc.Name && !slices.Contains(e.svc.Aliases, p.text) {
				e.svc.Aliases = append(e.svc.Aliases, p.text)
			}
			all = append(all, c.intern(p, int32(i)))
			// "Step Functions" is also written "StepFunctions", "Route 53"
			// "Route53". Not for ambiguous phrases: "autoscaling" is a
			// common word where "Auto Scaling" is a name.
			if len(p.words) > 1 && p.flags&flagAmbiguous == 0 && allAnyGap(p.gaps) {
				joined := strings.Join(p.words, "")
				if !seen[joined] {
					seen[joined] = true
					if claim(joined, i) {
						cp := rawPhrase{words: []string{joined}, text: p.text, flags: p.flags, caps: p.caps & 1}
						all = append(all, c.intern(cp, int32(i)))
					}
				}
			}
		}
		c.services = append(c.services, e.svc)
	}
	for _, p := range falseFriends {
		if i, ok := c.keys[strings.Join(p.words, " ")]; ok {
			c.collisions = append(c.collisions, fmt.Sprintf("false friend %q is an alias of %s", p.text, c.services[i].Name))
		}
		all = append(all, c.intern(p, -1))
	}
	c.idAmazon = c.word("amazon")
	c.idAWS = c.word("aws")
	c.idCloud = c.word("cloud")
	for _, w := range foreignWords {
		c.word(w)
	}
	c.foreign = make([]bool, len(c.vocab))
	for _, w := range foreignWords {
		c.foreign[c.vocab[w]] = true
	}
	c.first = make([][]phrase, len(c.vocab))
	for _, p := range all {
		c.first[p.toks[0]] = append(c.first[p.toks[0]], p)
	}
	for _, ps := range c.first {
		slices.SortStableFunc(ps, func(a, b phrase) int { return len(b.toks) - len(a.toks) })
	}
	return c, nil
}

// word returns the id of a folded word, adding it to the vocabulary.
func (c *catalogue) word(w string) int32 {
	if id, ok := c.vocab[w]; ok {
		return id
	}
	id := int32(len(c.vocab))
	c.vocab[w] = id
	c.maxWord = max(c.maxWord, len(w))
	c.bloom.add(hashWord([]byte(w)))
	return id
}

func (c *catalogue) intern(p rawPhrase, svc int32) phrase {
	toks := make([]int32, len(p.words))
	for i, w := range p.words {
		toks[i] = c.word(w)
	}
	return phrase{toks: toks, gaps: p.gaps, svc: svc, flags: p.flags, caps: p.caps}
}

// splitMarkers removes the trailing ?!^~ markers of a name.
func splitMarkers(s string) (name, markers string) {
	name = strings.TrimRight(s, "?!^~")
	return strings.TrimSpace(name), s[len(name):]
}

// stripPrefix removes "Amazon " or "AWS " from a canonical name.
func stripPrefix(name string) string {
	for _, p := range []string{"Amazon ", "AWS "} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return rest
		}
	}
	return name
}

// expandPlural turns "Lambda function(s)" into the singular and the
// plural, "utilisateur(s) lambda" likewise.
func expandPlural(a string) []string {
	if !strings.Contains(a, "(s)") {
		return []string{a}
	}
	return append(expandPlural(strings.Replace(a, "(s)", "", 1)), expandPlural(strings.Replace(a, "(s)", "s", 1))...)
}

// parseAlias splits an alias with its markers into folded words and gaps.
func parseAlias(a string) (rawPhrase, error) {
	text, markers := splitMarkers(a)
	p := rawPhrase{text: text}
	for _, m := range markers {
		switch m {
		case '?':
			p.flags |= flagAmbiguous
		case '!':
			p.flags |= flagStrict
		case '^':
			p.flags |= flagCapital
		case '~':
			p.flags |= flagForeign
		}
	}
	spans := wordSpans(text)
	if len(spans) == 0 {
		return p, fmt.Errorf("alias %q has no word", a)
	}
	for i, sp := range spans {
		w, ok := foldWord(text[sp[0]:sp[1]], nil)
		if !ok {
			return p, fmt.Errorf("alias %q: word %q cannot be folded", a, text[sp[0]:sp[1]])
		}
		p.words = append(p.words, string(w))
		if r, _ := utf8.DecodeRuneInString(text[sp[0]:]); unicode.IsUpper(r) && i < 32 {
			p.caps |= 1 << i
		}
		if i > 0 {
			g := strings.TrimSpace(text[spans[i-1][1]:sp[0]])
			if g == "-" {
				g = anyGap
			}
			p.gaps = append(p.gaps, g)
		}
	}
	if len(spans) == 1 && isAcronym(text) {
		p.flags |= flagAcronym
	}
	return p, nil
}

// isAcronym reports whether s is all capital ASCII letters (KMS, SES, Q).
func isAcronym(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

func allAnyGap(gaps []string) bool {
	for _, g := range gaps {
		if g != anyGap {
			return false
		}
	}
	return true
}

// foldWords splits s into words and folds each one (lower case, no
// accents). Words that cannot be folded are kept lower-cased.
func foldWords(s string) []string {
	var out []string
	for _, sp := range wordSpans(s) {
		w := s[sp[0]:sp[1]]
		if f, ok := foldWord(w, nil); ok {
			out = append(out, string(f))
		} else {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}
