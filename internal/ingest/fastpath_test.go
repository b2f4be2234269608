package ingest

import (
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The parsers spare their regexps most lines with cheap tests and
// hand-written scanners. These tests check each against what it stands
// for, on the lines of the sample posts and on random text made of the
// pieces the patterns care about.

// sampleLines returns the lines of the sample posts.
func sampleLines(t *testing.T) []string {
	t.Helper()
	var lines []string
	for _, pattern := range []string{"testdata/*.*", "../../testdata/posts/*", "../../testdata/blog/posts/*"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, strings.Split(string(raw), "\n")...)
		}
	}
	if len(lines) == 0 {
		t.Fatal("no sample lines")
	}
	return lines
}

// pieces are what the random lines are made of: markup of the three
// formats, spaces of all kinds, URLs, runes that case-fold oddly, invalid
// UTF-8.
var pieces = []string{
	"a", "Z", "é", "É", "word", "Titre", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u202f", "\u2007",
	"\u2009", "\u200b", "\ufeff", "\u2028", "\u3000", "\u0085", "\xff", "\xe2", "\xc2", "\ue000", "\ue001", "’",
	"«", "»", "“", "”", "\"", "'", "`", "``", "*", "**", "_", "__", "#", "##", "=", "==", "====", "-", "--",
	"----", "+", " +", "+++", ".", "....", "/", "////", "|", "|===", "[", "]", "[[", "]]", "[#id]", "[.role]",
	"(", ")", "{", "}", "{:", "{#id}", "{.cls}", "{%", "%}", "{{", "}}", "<", ">", "<<", ">>", ":", "::", ",",
	"1", "42", "1.", "2)", "http", "https", "ftp", "irc", "://", "http://x.io", "https://a.b/c?d=e",
	"link:", "mailto:", "xref:", "image:", "image::", "kbd:", "footnote:", "indexterm2:", "menu:", "pass:",
	"latexmath:", "anchor:", "ifdef::", "include::", "toc::", "video::", "photo.jpg", ".png", ".JPEG", ".ſvg",
	"•", "◦", "·", "–", "—", "ſ", "K", "İ", "<a name=\"x\"></a>", "highlight", "endhighlight", "raw",
	"{% raw %}", "{% endraw %}", "{{ x }}", "{% if %}", "1) ", "> ", "# ", "|x|", "\\",
}

// randomLines returns n lines of random pieces, the same on every run.
func randomLines(n int) []string {
	rng := rand.New(rand.NewSource(1))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := rng.Intn(12); k >= 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		out[i] = b.String()
	}
	return out
}

func testLines(t *testing.T) []string {
	n := 100000
	if testing.Short() {
		n = 10000
	}
	return append(sampleLines(t), randomLines(n)...)
}

func TestLineRegexpLeads(t *testing.T) {
	res := map[string]lineRegexp{
		"adocAttrEntryRe": adocAttrEntryRe, "adocPreprocLineRe": adocPreprocLineRe, "adocSkipMacroRe": adocSkipMacroRe,
		"adocHeadingRe": adocHeadingRe, "adocBlockAttrLRe": adocBlockAttrLRe, "adocBlockTitleRe": adocBlockTitleRe,
		"adocDelimLineRe": adocDelimLineRe, "adocImageLineRe": adocImageLineRe, "adocListItemRe": adocListItemRe,
		"highlightRe": highlightRe, "endHighlightRe": endHighlightRe, "textBulletRe": textBulletRe,
		"textNumberedRe": textNumberedRe,
	}
	lines := testLines(t)
	// Every first rune, before tails that complete the patterns.
	tails := []string{"", " x", "  item", "\tx", "=== x", "==", "ifdef::x[]", "::x[y]", "x::y[]", "mage::a.png[b]",
		"[x]", "x]", "title", ". x", "1. x", "** x", "{% highlight go %}", "{% endhighlight %}", "\u00a0• x", "- x"}
	for r := rune(0); r < 0x3000; r++ {
		for _, tail := range tails {
			lines = append(lines, string(r)+tail)
		}
	}
	for name, r := range res {
		for _, l := range lines {
			want := r.re.Compiled().FindStringSubmatch(l)
			if got := r.FindStringSubmatch(l); (got == nil) != (want == nil) {
				t.Fatalf("%s on %q: got %q, want %q", name, l, got, want)
			}
			if got := r.MatchString(l); got != (want != nil) {
				t.Fatalf("%s.MatchString(%q) = %v", name, l, got)
			}
		}
	}
}

func TestCollapseSpaces(t *testing.T) {
	oddSpaces := "\u00a0\u202f\u2007\u2009\u200b\ufeff"
	cleanRef := func(s string) string {
		if !strings.ContainsAny(s, oddSpaces) {
			return s
		}
		return strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u2007", " ", "\u2009", " ", "\u200b", "", "\ufeff", "").Replace(s)
	}
	for _, s := range testLines(t) {
		if got, want := hasOddSpace(s), strings.ContainsAny(s, oddSpaces); got != want {
			t.Fatalf("hasOddSpace(%q) = %v, want %v", s, got, want)
		}
		if got, want := cleanSpaces(s), cleanRef(s); got != want {
			t.Fatalf("cleanSpaces(%q) = %q, want %q", s, got, want)
		}
		if got, want := isBlank(s), strings.TrimSpace(cleanRef(s)) == ""; got != want {
			t.Fatalf("isBlank(%q) = %v, want %v", s, got, want)
		}
		if got, want := collapseSpaces(s), strings.Join(strings.Fields(cleanRef(s)), " "); got != want {
			t.Fatalf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestPrechecks(t *testing.T) {
	hardBr := regexp.MustCompile(`[ \t]\+$`)
	urlText := regexp.MustCompile(`((?:https?|ftp|irc)://[^\s\[\]<>"]+)\[([^\]]*)\]`)
	bareURL := regexp.MustCompile(`(?:https?|ftp|irc)://[^\s\[\]<>"\x{E000}\x{E001}]+`)
	dropPlaceholders := func(r rune) rune {
		if r == '\uE000' || r == '\uE001' {
			return -1
		}
		return r
	}
	for _, s := range testLines(t) {
		if got, want := hardBreak(s), hardBr.MatchString(s); got != want {
			t.Fatalf("hardBreak(%q) = %v, want %v", s, got, want)
		}
		if hardBreak(s) && hardBr.ReplaceAllString(s, "") != s[:len(s)-2] {
			t.Fatalf("hard break of %q", s)
		}
		if strings.IndexByte(s, 0xee) < 0 && utf8.ValidString(s) && strings.Map(dropPlaceholders, s) != s {
			t.Fatalf("strings.Map changes %q", s)
		}
		if headerIDRe.MatchString(s) && !mayHaveHeaderID(s) {
			t.Fatalf("mayHaveHeaderID(%q) = false, but headerIDRe matches", s)
		}
		if adocInlineMacroRe.MatchString(s) && !mayHaveInlineMacro(s) {
			t.Fatalf("mayHaveInlineMacro(%q) = false, but adocInlineMacroRe matches", s)
		}
		if adocMacroRe.MatchString(s) && !hasMacroName(s) {
			t.Fatalf("hasMacroName(%q) = false, but adocMacroRe matches", s)
		}
		if urlText.MatchString(s) && !urlThenBracket(s, "\t\n\f\r []<>\"") {
			t.Fatalf("urlThenBracket(%q) = false, but the URL text pattern matches", s)
		}
		if got, want := isImageName(s), textImageRe.MatchString(s); got != want {
			t.Fatalf("isImageName(%q) = %v, want %v", s, got, want)
		}
		for _, c := range []struct {
			anchored   *lazyRegexp
			unanchored *regexp.Regexp
		}{{adocURLTextRe, urlText}, {adocBareURLRe, bareURL}} {
			got, want := urlMatches(c.anchored, s), c.unanchored.FindAllStringSubmatchIndex(s, -1)
			if len(got) != len(want) {
				t.Fatalf("urlMatches(%s, %q) = %v, want %v", c.anchored, s, got, want)
			}
			for i := range got {
				if !slices.Equal(got[i], want[i]) {
					t.Fatalf("urlMatches(%s, %q) = %v, want %v", c.anchored, s, got, want)
				}
			}
		}
	}
}

func TestNoCopyPaths(t *testing.T) {
	for _, s := range testLines(t) {
		if got, want := escapeMarkdown(s), escapeMarkdownAll(s); got != want {
			t.Fatalf("escapeMarkdown(%q) = %q, want %q", s, got, want)
		}
		for _, inRaw := range []bool{false, true} {
			got, gotRaw, gotOpen := stripLiquid(s, inRaw)
			want, wantRaw, wantOpen := stripLiquidAll(s, inRaw)
			if got != want || gotRaw != wantRaw || gotOpen != wantOpen {
				t.Fatalf("stripLiquid(%q, %v) = %q, %v, %q; want %q, %v, %q", s, inRaw, got, gotRaw, gotOpen, want, wantRaw, wantOpen)
			}
		}
	}
}
