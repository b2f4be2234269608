package ingest

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled on first use. Every command
// links this package, most never parse a post: compiling forty patterns
// at start-up would be paid by "notes search" too.
type lazyRegexp struct {
	src  string
	once sync.Once
	rx   *regexp.Regexp
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

func (r *lazyRegexp) String() string { return r.src }

func (r *lazyRegexp) MatchString(s string) bool { return r.re().MatchString(s) }

func (r *lazyRegexp) FindStringSubmatch(s string) []string { return r.re().FindStringSubmatch(s) }

func (r *lazyRegexp) FindStringIndex(s string) []int { return r.re().FindStringIndex(s) }

func (r *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return r.re().FindStringSubmatchIndex(s)
}

func (r *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	return r.re().FindAllStringIndex(s, n)
}

func (r *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.re().FindAllStringSubmatchIndex(s, n)
}

func (r *lazyRegexp) ReplaceAllString(s, repl string) string {
	return r.re().ReplaceAllString(s, repl)
}

func (r *lazyRegexp) ReplaceAllStringFunc(s string, repl func(string) string) string {
	return r.re().ReplaceAllStringFunc(s, repl)
}
