package ingest

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// AsciiDoc inline syntax: macros and links first (their targets hold
// "_" and "*" that must not be read as formatting), then formatting marks.
var (
	adocAttrRefRe  = lazyRE(`\{([A-Za-z0-9_][\w-]*)\}`)
	adocEscapeRe   = lazyRE("\\\\([*_`#+{\\[<~^])")
	adocSmartQRe   = lazyRE("([\"'])`(.+?)`([\"'])")
	adocPassRe     = lazyRE(`\+\+\+(.+?)\+\+\+|pass:[a-z,]*\[([^\]]*)\]`)
	adocMonoURe    = lazyRE("``(.+?)``")
	adocMonoCRe    = lazyRE("`([^`\\s](?:[^`]*[^`\\s])?)`")
	adocAngleURLRe = lazyRE(`<((?:https?|ftp|irc|mailto):[^\s<>\[\]]+)(?:\[([^\]]*)\])?>`)
	adocLinkRe     = lazyRE(`(^|[^\w])(link|mailto):([^\s\[]+)\[([^\]]*)\]`)
	adocXrefRe     = lazyRE(`xref:([^\s\[]+)\[([^\]]*)\]|<<([^,>]+)(?:,\s*([^>]*))?>>`)
	adocInlineImRe = lazyRE(`image:([^\s\[:][^\s\[]*)\[([^\]]*)\]`)
	adocMacroRe    = lazyRE(`\b(kbd|btn|menu|footnote|footnoteref|indexterm|indexterm2|icon|stem|latexmath|asciimath|anchor):([^\s\[]*)\[([^\]]*)\]`)
	// URL patterns are anchored: urlMatches tries them where a scheme
	// can start, before a "://", rather than at every byte of the line.
	adocURLTextRe = lazyRE(`^((?:https?|ftp|irc)://[^\s\[\]<>"]+)\[([^\]]*)\]`)
	adocBareURLRe = lazyRE(`^(?:https?|ftp|irc)://[^\s\[\]<>"\x{E000}\x{E001}]+`)
	adocAnchorRe  = lazyRE(`\[\[[^\]\s]*\]\]|\[#[\w:.-]+\]`)
	adocRoleRe    = lazyRE(`\[\.[\w.-]+\]`)
	placeholderRe = lazyRE(`\x{E000}(\d+)\x{E001}`)
)

// adocBuiltinAttrs are the character replacement attributes of AsciiDoc.
var adocBuiltinAttrs = map[string]string{
	"nbsp": " ", "sp": " ", "empty": "", "zwsp": "", "amp": "&", "lt": "<", "gt": ">",
	"plus": "+", "startsb": "[", "endsb": "]", "vbar": "|", "caret": "^", "asterisk": "*",
	"tilde": "~", "backslash": `\`, "backtick": "`", "two-colons": "::", "two-semicolons": ";;",
	"quot": `"`, "apos": "'", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
	"deg": "°", "cpp": "C++", "pp": "++", "blank": "", "wj": "",
}

// inline converts one line of AsciiDoc inline markup to plain text (md
// false) or to Markdown (md true). Pieces that are final — code, link
// texts, URLs — are swapped for numbered placeholders while the rest is
// processed, so formatting marks inside them are left alone.
func (a *adocDoc) inline(s string, md bool) string {
	// Placeholders written by the author are dropped (and invalid UTF-8
	// replaced, as strings.Map does). U+E000 and U+E001 start with 0xEE.
	if strings.IndexByte(s, 0xee) >= 0 || !utf8.ValidString(s) {
		s = strings.Map(func(r rune) rune {
			if r == '\uE000' || r == '\uE001' {
				return -1
			}
			return r
		}, s)
	}
	if hardBreak(s) {
		s = s[:len(s)-2]
	}
	// Each pass below is skipped when its syntax cannot be in the line:
	// the regular expressions are linear but slow on a 6 MB line.
	has := func(subs ...string) bool {
		for _, sub := range subs {
			if strings.Contains(s, sub) {
				return true
			}
		}
		return false
	}
	var lits []string
	resolve := func(v string) string {
		return placeholderRe.ReplaceAllStringFunc(v, func(m string) string {
			n, err := strconv.Atoi(m[len("\uE000") : len(m)-len("\uE001")])
			if err != nil || n >= len(lits) {
				return ""
			}
			return lits[n]
		})
	}
	protect := func(v string) string {
		lits = append(lits, resolve(v))
		return "\uE000" + strconv.Itoa(len(lits)-1) + "\uE001"
	}
	pick := func(plain, markdown string) string {
		if md {
			return markdown
		}
		return plain
	}

	if has(`\`) {
		s = adocEscapeRe.ReplaceAllStringFunc(s, func(m string) string { return protect(m[1:]) })
	}
	if has("{") {
		s = a.attrRefs(s)
	}
	if has("+++", "pass:") {
		s = adocPassRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := adocPassRe.FindStringSubmatch(m)
			return protect(stripTags(sub[1] + sub[2]))
		})
	}
	if has("\"`", "'`") {
		s = adocSmartQRe.ReplaceAllString(s, "$1$2$3")
	}
	mono := func(m string, n int) string {
		code := m[n : len(m)-n]
		return protect(pick(code, "`"+code+"`"))
	}
	if has("`") {
		s = adocMonoURe.ReplaceAllStringFunc(s, func(m string) string { return mono(m, 2) })
		s = adocMonoCRe.ReplaceAllStringFunc(s, func(m string) string { return mono(m, 1) })
	}
	link := func(url, text string) string {
		text = strings.TrimSuffix(firstPositional(text), "^")
		if text == "" {
			return protect(pick(url, "<"+url+">"))
		}
		text = a.emphasis(resolve(text), md)
		return protect(pick(text, "["+text+"]("+url+")"))
	}
	if has("<http", "<ftp", "<irc", "<mailto") {
		s = adocAngleURLRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := adocAngleURLRe.FindStringSubmatch(m)
			return link(sub[1], sub[2])
		})
	}
	// The macros and URLs below all need a colon, which most lines lack;
	// what they put in place of their text has none.
	colon := strings.IndexByte(s, ':') >= 0
	if colon && has("link:", "mailto:") {
		s = replaceSubmatches(adocLinkRe, s, func(sub []string) string {
			url := sub[3]
			if sub[2] == "mailto" {
				url = "mailto:" + url
			}
			return sub[1] + link(url, sub[4])
		})
	}
	if colon && has("xref:") || has("<<") {
		s = replaceSubmatches(adocXrefRe, s, func(sub []string) string {
			target, text := sub[1]+sub[3], sub[2]+sub[4]
			if text == "" {
				text = strings.TrimPrefix(target, "#")
			}
			return protect(a.emphasis(resolve(text), md))
		})
	}
	if colon && has("image:") {
		s = replaceSubmatches(adocInlineImRe, s, func(sub []string) string {
			alt := firstPositional(sub[2])
			return protect(pick(alt, markdownImage(alt, sub[1])))
		})
	}
	if colon && hasMacroName(s) {
		s = replaceSubmatches(adocMacroRe, s, func(sub []string) string {
			switch sub[1] {
			case "kbd", "btn", "indexterm2", "stem", "latexmath", "asciimath":
				return protect(sub[3])
			case "menu":
				return protect(strings.TrimSpace(sub[2] + " " + sub[3]))
			}
			return "" // footnotes, index terms, icons, anchors: not body text
		})
	}
	if colon && has("://") {
		if urlThenBracket(s, "\t\n\f\r []<>\"") {
			s = replaceMatches(s, urlMatches(adocURLTextRe, s), func(sub []string) string { return link(sub[1], sub[2]) })
		}
		s = replaceMatches(s, urlMatches(adocBareURLRe, s), func(sub []string) string {
			url := sub[0]
			trail := len(url) - len(strings.TrimRight(url, ".,;:!?)'"))
			url, rest := url[:len(url)-trail], url[len(url)-trail:]
			return protect(pick(url, "<"+url+">")) + rest
		})
	}
	if has("[[", "[#") {
		s = adocAnchorRe.ReplaceAllString(s, "")
	}
	if has("[.") {
		s = adocRoleRe.ReplaceAllString(s, "")
	}
	s = a.emphasis(s, md)
	if len(lits) == 0 {
		return s
	}
	return resolve(s)
}

// adocMacroNames are the macros adocMacroRe reads, each written "name:".
var adocMacroNames = []string{"kbd", "btn", "menu", "footnote", "footnoteref", "indexterm", "indexterm2", "icon",
	"stem", "latexmath", "asciimath", "anchor"}

// hasMacroName reports whether a macro name of adocMacroRe comes right
// before a ":" in s. Lines have colons (URLs, French " : ") far more
// often than macros: looking back from each colon is cheaper than
// searching the line for every name.
func hasMacroName(s string) bool {
	for i := strings.IndexByte(s, ':'); i >= 0; {
		for _, name := range adocMacroNames {
			if strings.HasSuffix(s[:i], name) {
				return true
			}
		}
		j := strings.IndexByte(s[i+1:], ':')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// attrRefs replaces {name} attribute references with their values.
func (a *adocDoc) attrRefs(s string) string {
	return adocAttrRefRe.ReplaceAllStringFunc(s, func(m string) string {
		name := m[1 : len(m)-1]
		if v, ok := adocBuiltinAttrs[name]; ok {
			return v
		}
		if v, ok := a.attrs[name]; ok {
			if strings.HasPrefix(v, "pass:") {
				return "" // raw HTML for the renderer, nothing to read
			}
			return v
		}
		return m
	})
}

// emphasis removes (or turns into Markdown) bold, italic and highlight
// marks: unconstrained pairs (**x**) anywhere, constrained pairs (*x*)
// only at word boundaries, so "snake_case" and "5 * 3" survive.
func (a *adocDoc) emphasis(s string, md bool) string {
	bold, italic := "", ""
	if md {
		bold, italic = "**", "*"
	}
	s = unconstrainedPairs(s, "**", bold)
	s = unconstrainedPairs(s, "__", italic)
	s = unconstrainedPairs(s, "##", "")
	s = constrainedPairs(s, '*', bold)
	s = constrainedPairs(s, '_', italic)
	s = constrainedPairs(s, '#', "")
	return s
}

// unconstrainedPairs replaces "**x**" with repl+x+repl.
func unconstrainedPairs(s, mark, repl string) string {
	if !strings.Contains(s, mark) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, mark)
		if i < 0 {
			break
		}
		j := strings.Index(s[i+len(mark):], mark)
		if j <= 0 {
			// No closer after this opener means none after any later one.
			if j < 0 {
				break
			}
			// "****": empty content, keep as text.
			b.WriteString(s[:i+len(mark)])
			s = s[i+len(mark):]
			continue
		}
		j += i + len(mark)
		b.WriteString(s[:i])
		b.WriteString(repl + s[i+len(mark):j] + repl)
		s = s[j+len(mark):]
	}
	b.WriteString(s)
	return b.String()
}

// constrainedPairs replaces "*x*" with repl+x+repl where the opening mark
// starts a word and the closing one ends a word. Closers are found in one
// pass first, so a long line of unmatched marks stays linear.
func constrainedPairs(s string, mark byte, repl string) string {
	if strings.IndexByte(s, mark) < 0 {
		return s
	}
	var closers []int
	for j := 1; j < len(s); j++ {
		if s[j] != mark {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:j])
		next, _ := utf8.DecodeRuneInString(s[j+1:])
		if prev != ' ' && prev != '\t' && prev != rune(mark) && (j+1 == len(s) || !isWordRune(next) && next != rune(mark)) {
			closers = append(closers, j)
		}
	}
	if len(closers) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != mark {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		if i > 0 && (isWordRune(prev) || prev == rune(mark)) || i+1 >= len(s) || next == ' ' || next == '\t' || next == rune(mark) {
			continue
		}
		k := sort.SearchInts(closers, i+2)
		if k == len(closers) {
			break
		}
		j := closers[k]
		b.WriteString(s[last:i])
		b.WriteString(repl + s[i+1:j] + repl)
		last = j + 1
		i = j
	}
	b.WriteString(s[last:])
	return b.String()
}

// replaceSubmatches is ReplaceAllStringFunc with the submatches at hand.
func replaceSubmatches(re *lazyRegexp, s string, f func(sub []string) string) string {
	return replaceMatches(s, re.FindAllStringSubmatchIndex(s, -1), f)
}

// urlMatches is FindAllStringSubmatchIndex(s, -1) for the unanchored form
// of re, a pattern anchored with "^" whose matches start with a scheme
// (http, https, ftp, irc) and "://". It is tried 5, 4 and 3 bytes before
// each "://" only; successive "://" are 3 bytes apart at least, so the
// starts are tried in order and the first match found is the leftmost.
func urlMatches(re *lazyRegexp, s string) [][]int {
	var out [][]int
	next := 0 // matches do not overlap: the next one starts here or later
	for p := 0; ; p += 3 {
		k := strings.Index(s[p:], "://")
		if k < 0 {
			return out
		}
		p += k
		for start := max(next, p-5); start <= p-3; start++ {
			loc := re.FindStringSubmatchIndex(s[start:])
			if loc == nil {
				continue
			}
			for g := range loc {
				if loc[g] >= 0 {
					loc[g] += start
				}
			}
			out = append(out, loc)
			next = loc[1]
			break
		}
	}
}

// replaceMatches replaces the matches idx (as FindAllStringSubmatchIndex
// returns them) by what f returns for their submatches.
func replaceMatches(s string, idx [][]int, f func(sub []string) string) string {
	if idx == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range idx {
		sub := make([]string, len(m)/2)
		for g := range sub {
			if m[2*g] >= 0 {
				sub[g] = s[m[2*g]:m[2*g+1]]
			}
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(f(sub))
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// stripTags removes HTML tags from a short inline string.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}
