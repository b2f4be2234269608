package extract

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled on first use. Every command
// links this package and most (search, talks, digest) never extract: the
// hundred patterns of the rules must not be compiled at start-up.
type lazyRegexp struct {
	src  string
	once sync.Once
	rx   *regexp.Regexp
	need []string // see needing
}

// lazyRE returns the regular expression src, compiled when first used. A
// syntax error panics then, as regexp.MustCompile would have at start-up;
// TestLazyRegexpsCompile compiles them all.
func lazyRE(src string) *lazyRegexp {
	r := &lazyRegexp{src: src}
	allRegexps = append(allRegexps, r)
	return r
}

// allRegexps lists every lazyRegexp, for the test that compiles them.
var allRegexps []*lazyRegexp

func (r *lazyRegexp) re() *regexp.Regexp {
	r.once.Do(func() { r.rx = regexp.MustCompile(r.src) })
	return r.rx
}

// needing records words, one of which every match of r holds in some
// case (ASCII, lower case): the methods then look for them first, and
// report no match without running the regexp on text that has none.
// Backtracking through a long line of prose costs a hundred times more.
// TestNeededWords checks the words against the sample posts.
func (r *lazyRegexp) needing(words ...string) *lazyRegexp {
	r.need = words
	return r
}

// may reports whether s may match: false when it lacks every needed word.
func (r *lazyRegexp) may(s string) bool {
	return r.need == nil || mayContainFold(s, r.need)
}

func (r *lazyRegexp) String() string { return r.src }

func (r *lazyRegexp) MatchString(s string) bool { return r.may(s) && r.re().MatchString(s) }

func (r *lazyRegexp) FindString(s string) string {
	if !r.may(s) {
		return ""
	}
	return r.re().FindString(s)
}

func (r *lazyRegexp) FindStringIndex(s string) []int {
	if !r.may(s) {
		return nil
	}
	return r.re().FindStringIndex(s)
}

func (r *lazyRegexp) FindStringSubmatch(s string) []string {
	if !r.may(s) {
		return nil
	}
	return r.re().FindStringSubmatch(s)
}

func (r *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	if !r.may(s) {
		return nil
	}
	return r.re().FindStringSubmatchIndex(s)
}

func (r *lazyRegexp) FindAllString(s string, n int) []string {
	if !r.may(s) {
		return nil
	}
	return r.re().FindAllString(s, n)
}

func (r *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	if !r.may(s) {
		return nil
	}
	return r.re().FindAllStringIndex(s, n)
}

func (r *lazyRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.may(s) {
		return nil
	}
	return r.re().FindAllStringSubmatch(s, n)
}

func (r *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.may(s) {
		return nil
	}
	return r.re().FindAllStringSubmatchIndex(s, n)
}

func (r *lazyRegexp) ReplaceAllString(s, repl string) string {
	if !r.may(s) {
		return s
	}
	return r.re().ReplaceAllString(s, repl)
}

func (r *lazyRegexp) ReplaceAllStringFunc(s string, repl func(string) string) string {
	if !r.may(s) {
		return s
	}
	return r.re().ReplaceAllStringFunc(s, repl)
}

// Split does not look for the needed words: with no match it returns s,
// not nothing.
func (r *lazyRegexp) Split(s string, n int) []string { return r.re().Split(s, n) }
