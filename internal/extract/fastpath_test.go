package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/lazyre"
)

// Extraction spares its regexps most text with cheap tests, anchored
// patterns tried where a match can start, and hand-written scanners.
// These tests check each against what it replaced, on the lines of the
// sample posts and on random text made of the words the rules look for.

// The patterns as they were before being anchored or replaced.
var (
	reSpeakerVerbOrig = regexp.MustCompile(`(?i)\s(?:nous\s+)?(?:ont|a|est|sont)\s+(?:aussi\s+|ensuite\s+|d['’]abord\s+|également\s+)?(?:pr[ée]sent[ée]e?s?|expos[ée]|expliqu[ée]|parl[ée]|montr[ée]|fait|intervenue?s?|anim[ée]|partag[ée]|d[ée]but[ée]|commenc[ée]|donn[ée]|racont[ée]|abord[ée]|introduit|d[ée]taill[ée]|d[ée]montr[ée]|propos[ée]|ouvert|venue?s?\s+(?:pr[ée]senter|parler|nous))(?:[\s,.;:!?)]|$)|\s(?:nous\s+)?(?:pr[ée]sente(?:nt)?|explique(?:nt)?|revien(?:t|nent)|partage(?:nt)?|raconte(?:nt)?|d[ée]taille(?:nt)?|montre(?:nt)?)(?:[\s,.;:!?)]|$)|\s(?:presented|presents|discussed|talked|showed|shows|explained|explains|gave|gives|shared|shares|demonstrated|demonstrates|walked\s+(?:us\s+)?through|walked\s+us|introduced|opened|started|told|described|describes|spoke|provided|provides|delivered|delivers|covered|covers)\b`)
	reChezNousOrig    = regexp.MustCompile(`(?i:chez|at)\s+(\p{Lu}[\p{L}\d+&-]*(?:\s+\p{Lu}[\p{L}\d+&-]*){0,2}),?\s+(?i:nous|we)\b`)
	reNousChezOrig    = regexp.MustCompile(`\b(?i:nous|we)\b[^.!?\n]{0,80}?\b(?i:chez|at)\s+(\p{Lu}[\p{L}\d+&-]*(?:\s+\p{Lu}[\p{L}\d+&-]*){0,2})`)
	reSpeakerishOrig  = regexp.MustCompile(`(?i)^(?:conf[ée]rence|talk|session)?\s*(?:pr[ée]sent[ée]e?s?|anim[ée]e?s?)\s+par|^r[ée]sum[ée]\s+par|^speakers?\s*:`)
	reMdNoiseOrig     = regexp.MustCompile("(?m)^\\s*(?:#{1,6}\\s+|[*+-]\\s+|>\\s*|\\d+\\.\\s+)|!\\[[^\\]]*\\]\\([^)]*\\)|\\[([^\\]]*)\\]\\([^)]*\\)|[*_`]+")
	reSentenceEndOrig = regexp.MustCompile(`[.!?](?:"|”)?\s+`)
)

// splitSentencesOrig is splitSentences as it was, with reSentenceEnd.
func splitSentencesOrig(p string) []string {
	idx := reSentenceEndOrig.FindAllStringIndex(p, -1)
	var out []string
	start := 0
	for _, l := range idx {
		if l[0] >= 1 && l[0]-start >= 1 {
			prev := p[max(start, l[0]-2):l[0]]
			if len(prev) == 2 && prev[0] == ' ' && prev[1] >= 'A' && prev[1] <= 'Z' {
				continue
			}
		}
		out = append(out, p[start:l[1]])
		start = l[1]
	}
	if start < len(p) {
		out = append(out, p[start:])
	}
	return out
}

// sampleTexts returns the sample posts, whole and line by line.
func sampleTexts(t *testing.T) []string {
	t.Helper()
	var texts []string
	for _, pattern := range []string{"../../testdata/posts/*", "../../testdata/blog/posts/*", "../ingest/testdata/*.*"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(raw))
			texts = append(texts, strings.Split(string(raw), "\n")...)
		}
	}
	if len(texts) == 0 {
		t.Fatal("no sample posts")
	}
	return texts
}

// words are what random texts are made of: the words of the rules in
// several cases, names, markup, blanks, runes that case-fold to ASCII,
// invalid UTF-8.
var words = strings.Split("a|A|ont|est|sont|EST|nous|Nous|NOUS|nouſ|we|We|aussi|ensuite|d'abord|d’abord|également|Également|"+
	"présenté|présentée|PRÉSENTÉS|presente|présente|présentent|animé|donnée|racontés|proposée|porté|menée|exposé|expliqué|"+
	"parlé|montré|fait|intervenu|intervenues|partagé|débuté|commencé|abordé|introduit|détaillé|démontré|ouvert|venue|venus|"+
	"présenter|parler|explique|reviennent|revient|partage|raconte|détaille|montre|presented|given|delivered|hosted|told|run|led|"+
	"talked|walked|us|spoke|gave|shares|discussed|opened|started|describes|introduced|demonstrates|"+
	"par|Par|PAR|by|By|speaker|Speakers|intervenant|intervenantes|oratrices|orateur|presenters|"+
	"chez|Chez|CHEZ|at|At|de chez|from|Acme|ACME|Orbi|Conseil|Jane|Doe|John|ROE|Élodie|Canal+|AWS|"+
	"keynote|Keynote|KEYNOTE|plénière|PLÉNIÈRE|pleniere|lightning|talk|Talk|éclair|eclair|quickie|workshop|ateliers|"+
	"hands-on|hands on|codelab|training|formation|information|lab|tutorial|tuto|conférence|conference|conf|confs|session|"+
	"sessions|présentation|presentations|table|ronde|panel|rex|"+
	"serons|on|sera|will|be|we'll|we’ll|join|venez|voir|call|for|papers|proposals|cfp|CFP|appel|à|orateurs|sujets|upcoming|"+
	"venir|programme|du|agenda|notre|our|avons|étions|eu|la|chance|pouvoir|d'intervenir|partager|intervenants|were|also|"+
	"palais|porte|maillot|station|f|venetian|the|mgm|grand|cite|internationale|des|congres|lyon|nantes|excel|london|"+
	"aws|re|:|-|invent|re:invent|summit|summits|community|day|days|cloud|kubecon|+|&|and|et|cloudnativecon|devoxx|"+
	"france|fr|forum|php|serverless|bdx|i/o|io|mix-it|google|next|data|ai|spark|open|source|new|crafts|viva|tech|"+
	"user|group|2019|2023|'23|europe|paris|"+
	"@jane|(@x_y)|(talk in english)|[slides]|(vidéo)|SVS402|«|»|“|”|\"|'|"+
	"#|##|*|**|_|__|`|[|]|(|)|![|](|http://x.io|>|1.|12.|3|.|!|?|,|;|: | |  |\t|\n|\n\n|\u00a0|\u202f|"+
	"K|ſ|İ|\xff|\xc2|\xe2|"+
	"chez Acme, nous|Chez Orbi Conseil nous|nous travaillons chez Acme|we work at ACME Corp|at Canal+ we|"+
	"Conférence présentée par|Speakers :|Résumé par|a présenté|nous ont aussi expliqué|est venue parler|"+
	"Nous serons|call for papers|notre talk|we were speakers|"+
	"12|1er|3|31|10th|2nd|avril|Avril|AVRIL|juillet|février|FÉVRIER|Fév|déc.|Déc|mars|mai|may|June|july|sept|Sept.|aug|"+
	"2022|2023|1999|19|20|/|-|–|au|to|du|from|between|Between|28/11/2019|06.12.23|2022-04-12|12-04-2022|, 2023|"+
	"FooConf|Bar Summit|Baz Camp|Qux Days|Soleil World|Tech Expo|GopherCon|Con|Ce matin|aujourd’hui|this Monday|today", "|")

// randomTexts returns n random texts, the same on every run.
func randomTexts(n int) []string {
	rng := rand.New(rand.NewSource(1))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := rng.Intn(16); k >= 0; k-- {
			b.WriteString(words[rng.Intn(len(words))])
			if rng.Intn(3) > 0 {
				b.WriteByte(' ')
			}
		}
		out[i] = b.String()
	}
	return out
}

func testTexts(t *testing.T) []string {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	return append(sampleTexts(t), randomTexts(n)...)
}

func TestFold(t *testing.T) {
	texts := append(testTexts(t), "", " ", "A", " a  B\t", "é", "Ab\u00a0c", "e\u0301", " \u0301 a", "a \u0301 b",
		"a"+strings.Repeat("\u0301", 40)+"b", "é "+strings.Repeat("\u0323\u0301", 30)+" ü")
	// Every rune of the table, alone and among others, and random runs of
	// letters, combining marks (long ones too) and blanks.
	var runes []rune
	for r := range foldRunes() {
		runes = append(runes, r)
		texts = append(texts, string(r), "A"+string(r)+" B", " "+string(r)+"\u0301 ", string(r)+"\u0323\u0301x")
	}
	runes = append(runes, ' ', '\u00a0', '\u2003', 'a', 'Z', '\u0301', '\u0323', '\u034f', '\u200b', '\uac00', 0xfffd)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for k := rng.Intn(40); k >= 0; k-- {
			b.WriteRune(runes[rng.Intn(len(runes))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		if got, want := fold(s), core.Fold(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestNeededWords(t *testing.T) {
	texts := testTexts(t)
	n := 0
	for _, r := range lazyre.All() {
		if r.Needed() == nil {
			continue
		}
		n++
		for _, s := range texts {
			if r.Compiled().MatchString(s) && !r.May(s) {
				t.Fatalf("%s matches %q, which has none of %q", r, s, r.Needed())
			}
		}
	}
	if n == 0 {
		t.Fatal("no regexp needs words")
	}
}

func TestScanners(t *testing.T) {
	for _, s := range testTexts(t) {
		if got, want := splitSentences(s), splitSentencesOrig(s); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Fatalf("splitSentences(%q) = %q, want %q", s, got, want)
		}
		if got, want := stripMdNoise(s), reMdNoiseOrig.ReplaceAllString(s, "$1"); got != want {
			t.Fatalf("stripMdNoise(%q) = %q, want %q", s, got, want)
		}
		for k := 1; k <= 3; k++ {
			want := strings.Fields(s)
			want = want[:min(k, len(want))]
			if got := firstFields(s, k); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
				t.Fatalf("firstFields(%q, %d) = %q, want %q", s, k, got, want)
			}
		}
		if got, want := collapseFields(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseFields(%q) = %q, want %q", s, got, want)
		}
		if got, want := hasInlineNoise(s), strings.ContainsAny(s, "[*_`\u00a0\u202f\t"); got != want {
			t.Fatalf("hasInlineNoise(%q) = %v, want %v", s, got, want)
		}
		if got, want := hasQuote(s), strings.ContainsAny(s, "«“\""); got != want {
			t.Fatalf("hasQuote(%q) = %v, want %v", s, got, want)
		}
		if got, want := reSpeakerish.MatchString(s), reSpeakerishOrig.MatchString(s); got != want {
			t.Fatalf("reSpeakerish on %q: %v, want %v", s, got, want)
		}
		if got, want := genericEvents(s), reGenericEvent.FindAllStringSubmatch(s, -1); strings.Join(flatten(got), "|") != strings.Join(flatten(want), "|") {
			t.Fatalf("genericEvents(%q) = %q, want %q", s, got, want)
		}
		if reSpeakerInline.Compiled().MatchString(s) && !maySpeakerInline(s) {
			t.Fatalf("maySpeakerInline(%q) = false, but reSpeakerInline matches", s)
		}
	}
}

func TestSpeakerVerb(t *testing.T) {
	for _, s := range testTexts(t) {
		stems := false
		for _, stem := range speakerVerbStems {
			stems = stems || strings.Contains(strings.ToLower(s), stem)
		}
		if got := hasSpeakerVerbStem(strings.ToLower(s)); got != stems {
			t.Fatalf("hasSpeakerVerbStem(%q) = %v, want %v", s, got, stems)
		}
		want := -1
		if loc := reSpeakerVerbOrig.FindStringIndex(s); loc != nil && loc[0] <= 220 {
			want = loc[0]
		}
		if got := speakerVerbAt(s, lowerASCII(s), !foldsToASCII(s)); got != want {
			t.Fatalf("speakerVerbAt(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestBlogOrganisationScan(t *testing.T) {
	orig := []*regexp.Regexp{reChezNousOrig, reNousChezOrig}
	for _, s := range testTexts(t) {
		low := lowerASCII(s)
		for k, p := range orgScans(low) {
			got, want := findAllAt(p.re, s, low, p.words, p.ok, -1), orig[k].FindAllStringSubmatchIndex(s, -1)
			if !equalMatches(got, want) {
				t.Fatalf("findAllAt(%s, %q) = %v, want %v", p.re, s, got, want)
			}
			if want != nil && !chezCapital(s, low, 0, len(s)) {
				t.Fatalf("chezCapital(%q) = false, but %s matches", s, p.re)
			}
		}
	}
}

func TestDateScans(t *testing.T) {
	for _, s := range testTexts(t) {
		got := dateMatches(s)
		for k, re := range datePatterns {
			if want := re.FindAllStringSubmatchIndex(s, -1); !equalMatches(got[k], want) {
				t.Fatalf("dateMatches(%q)[%d] = %v, want %v (%s)", s, k, got[k], want, re)
			}
		}
	}
}

func TestPatternScans(t *testing.T) {
	series, venues := seriesScans(), venueScans()
	for i, re := range seriesPatterns() {
		if series[i].words == nil {
			t.Errorf("no literals start the matches of %s", re)
		}
	}
	// findMentions wants every match of a series, findCity the first of a
	// venue.
	type scan struct {
		re *lazyRegexp
		p  patternScan
		n  int
	}
	var scans []scan
	for i, re := range seriesPatterns() {
		scans = append(scans, scan{re, series[i], -1})
	}
	for i, re := range venuePatterns() {
		scans = append(scans, scan{re, venues[i], 1})
	}
	for _, s := range testTexts(t) {
		folded := fold(s)
		for _, sc := range scans {
			got, want := sc.p.findAll(sc.re, folded, sc.n), sc.re.Compiled().FindAllStringIndex(folded, sc.n)
			if len(got) != len(want) {
				t.Fatalf("%s in %q: %v, want %v", sc.re, folded, got, want)
			}
			for k := range got {
				if got[k][0] != want[k][0] || got[k][1] != want[k][1] {
					t.Fatalf("%s in %q: %v, want %v", sc.re, folded, got, want)
				}
			}
		}
	}
}

func seriesPatterns() []*lazyRegexp {
	var out []*lazyRegexp
	for _, se := range series {
		out = append(out, se.pattern)
	}
	return out
}

func venuePatterns() []*lazyRegexp {
	var out []*lazyRegexp
	for _, v := range venues {
		out = append(out, v.pattern)
	}
	return out
}

func TestStartLiterals(t *testing.T) {
	for _, c := range []struct {
		src      string
		words    []string
		boundary bool
		ok       bool
	}{
		{`\bkubecon\b`, []string{"kubecon"}, true, true},
		{`\b(?:aws\s*)?re\s?invent\b`, []string{"aws", "re"}, true, true},
		{`foo|bar`, []string{"foo", "bar"}, false, true},
		{`(?i)foo`, nil, false, false},
		{`[a-z]+x`, nil, false, false},
		{`a?`, nil, false, false},
		{`^foo`, nil, false, false},
		{`x\bfoo`, []string{"x"}, false, true},
	} {
		words, boundary, ok := startLiterals(c.src)
		if ok != c.ok || boundary != c.boundary || strings.Join(words, "|") != strings.Join(c.words, "|") {
			t.Errorf("startLiterals(%q) = %q, %v, %v; want %q, %v, %v", c.src, words, boundary, ok, c.words, c.boundary, c.ok)
		}
	}
	for _, stem := range speakerVerbStems {
		if len(stem) < 3 {
			t.Errorf("stem %q is shorter than a trigram", stem)
		}
	}
}

func equalMatches(a, b [][]int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

func flatten(m [][]string) []string {
	var out []string
	for _, sub := range m {
		out = append(out, sub...)
		out = append(out, "/")
	}
	return out
}

// TestPhrasesCount: counting each alternative alone (phrases) finds as
// many matches as the one regexp of all of them did, on every sample text.
func TestPhrasesCount(t *testing.T) {
	for _, p := range []*phrases{reIntentStrong, reIntentWeak, rePast} {
		whole := regexp.MustCompile("(?i)" + strings.Join(p.src, "|"))
		for _, s := range testTexts(t) {
			if got, want := len(p.findAll(s, strings.ToLower(s))), len(whole.FindAllString(s, -1)); got != want {
				t.Fatalf("%d matches of %q in %q, want %d", got, p.src, s, want)
			}
		}
	}
}
