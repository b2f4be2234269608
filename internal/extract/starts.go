package extract

import (
	"regexp/syntax"
	"strings"
)

// Unanchored patterns are slow on long text: the regexp package tries
// them at every byte. When every match starts with one of a few literals,
// findAllAt looks for those and tries the pattern, anchored, only there.

// startLiterals returns strings one of which starts every match of the
// pattern src, and whether the pattern begins with \b. ok is false when
// the analysis cannot tell: a match may start with a character class, a
// case-folded literal or nothing at all, or some other assertion comes
// before the first literal.
func startLiterals(src string) (words []string, boundary, ok bool) {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil, false, false
	}
	seq := []*syntax.Regexp{re}
	// A leading \b, the one assertion allowed: findAllAt checks it.
	for len(seq) > 0 {
		switch n := seq[0]; n.Op {
		case syntax.OpConcat:
			seq = append(append([]*syntax.Regexp{}, n.Sub...), seq[1:]...)
			continue
		case syntax.OpWordBoundary:
			boundary = true
			seq = seq[1:]
		}
		break
	}
	words, ok = firstLiterals(seq)
	return words, boundary, ok
}

// firstLiterals returns literals one of which starts every match of the
// sequence of patterns seq.
func firstLiterals(seq []*syntax.Regexp) ([]string, bool) {
	if len(seq) == 0 {
		return nil, false // the empty string: nothing to look for
	}
	n, rest := seq[0], seq[1:]
	then := func(subs ...*syntax.Regexp) []*syntax.Regexp {
		return append(append([]*syntax.Regexp{}, subs...), rest...)
	}
	switch n.Op {
	case syntax.OpLiteral:
		if n.Flags&syntax.FoldCase != 0 || len(n.Rune) == 0 {
			return nil, false
		}
		return []string{string(n.Rune)}, true
	case syntax.OpCapture:
		return firstLiterals(then(n.Sub[0]))
	case syntax.OpConcat:
		return firstLiterals(then(n.Sub...))
	case syntax.OpPlus:
		return firstLiterals(then(n.Sub[0]))
	case syntax.OpRepeat:
		if n.Min > 0 {
			return firstLiterals(then(n.Sub[0]))
		}
		return union(firstLiterals(then(n.Sub[0])))(firstLiterals(rest))
	case syntax.OpQuest, syntax.OpStar:
		return union(firstLiterals(then(n.Sub[0])))(firstLiterals(rest))
	case syntax.OpAlternate:
		var out []string
		for _, sub := range n.Sub {
			words, ok := firstLiterals(then(sub))
			if !ok {
				return nil, false
			}
			out = append(out, words...)
		}
		return out, true
	}
	return nil, false
}

// union joins two results of firstLiterals.
func union(a []string, aok bool) func([]string, bool) ([]string, bool) {
	return func(b []string, bok bool) ([]string, bool) {
		if !aok || !bok {
			return nil, false
		}
		return append(append([]string{}, a...), b...), true
	}
}

// atBoundary reports whether \b holds before s[i]: one of s[i-1] and s[i]
// is an ASCII word byte and the other is not.
func atBoundary(s string, i int) bool {
	return (i > 0 && isWordRE(s[i-1])) != (i < len(s) && isWordRE(s[i]))
}

// findAllAt is FindAllStringSubmatchIndex(s, -1) for the unanchored form
// of re, a pattern anchored with "^(?:…)" whose matches start with one of
// words at an i where ok(s, i) holds (nil: all): the pattern is tried
// there only. ok checks what the pattern needs of the text before i (a
// \b), which the anchored pattern cannot see. The words are looked for in
// low: s itself, or lowerASCII(s) when they are lower-cased words of a
// case-insensitive pattern. It stops after n matches when n >= 0.
func findAllAt(re *lazyRegexp, s, low string, words []string, ok func(s string, i int) bool, n int) [][]int {
	next := make([]int, len(words)) // where each word is next found at or after i; -1: nowhere
	for k := range next {
		next[k] = -2 // not looked for yet
	}
	var out [][]int
	for i := 0; i < len(s) && (n < 0 || len(out) < n); {
		j := -1
		for k, w := range words {
			if next[k] == -2 || next[k] >= 0 && next[k] < i {
				next[k] = -1
				if at := strings.Index(low[i:], w); at >= 0 {
					next[k] = i + at
				}
			}
			if next[k] >= 0 && (j < 0 || next[k] < j) {
				j = next[k]
			}
		}
		if j < 0 {
			break
		}
		i = j + 1
		if ok != nil && !ok(s, j) {
			continue
		}
		loc := re.FindStringSubmatchIndex(s[j:])
		if loc == nil {
			continue
		}
		for g := range loc {
			if loc[g] >= 0 {
				loc[g] += j
			}
		}
		out = append(out, loc)
		i = max(loc[1], j+1) // matches do not overlap
	}
	return out
}

// findAllWhere is findAllAt for patterns whose starts a test tells rather
// than words: re is tried, anchored, at each i where start(s, i) holds.
// start must only hold on an ASCII byte, so that i starts a rune.
func findAllWhere(re *lazyRegexp, s string, start func(s string, i int) bool) [][]int {
	var out [][]int
	for i := 0; i < len(s); i++ {
		if !start(s, i) {
			continue
		}
		loc := re.FindStringSubmatchIndex(s[i:])
		if loc == nil {
			continue
		}
		for g := range loc {
			if loc[g] >= 0 {
				loc[g] += i
			}
		}
		out = append(out, loc)
		i = max(loc[1], i+1) - 1 // matches do not overlap
	}
	return out
}
