// Package lazyre holds regular expressions compiled on first use, with
// cheap pre-checks: a pattern can name words one of which every match
// holds, and text without any of them is turned down without running the
// regexp. Every command links the parsing and extraction rules, and most
// (search, talks, digest) never use them: their hundred patterns must not
// be compiled at start-up.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled on first use.
type Regexp struct {
	src  string
	once sync.Once
	rx   *regexp.Regexp
	need []string // see needing
}

// New returns the regular expression src, compiled when first used. A
// syntax error panics then, as regexp.MustCompile would have at start-up:
// packages test that All compiles. New is meant for package-level
// variables (it is not safe for concurrent use).
func New(src string) *Regexp {
	r := &Regexp{src: src}
	all = append(all, r)
	return r
}

var all []*Regexp

// All returns every Regexp made by New so far, for tests that compile them.
func All() []*Regexp { return all }

// Compiled returns the compiled regexp, compiling it on first use.
func (r *Regexp) Compiled() *regexp.Regexp { return r.re() }

// Needed returns the words given to Needing, nil if none.
func (r *Regexp) Needed() []string { return r.need }

func (r *Regexp) re() *regexp.Regexp {
	r.once.Do(func() { r.rx = regexp.MustCompile(r.src) })
	return r.rx
}

// Needing records words, one of which every match of r holds in some
// case (ASCII, lower case): the methods then look for them first, and
// report no match without running the regexp on text that has none.
// Backtracking through a long line of prose costs a hundred times more.
// TestNeededWords checks the words against the sample posts.
func (r *Regexp) Needing(words ...string) *Regexp {
	r.need = words
	return r
}

// May reports whether s may match: false when it lacks every needed word.
func (r *Regexp) May(s string) bool {
	return r.need == nil || MayContainFold(s, r.need)
}

// String returns the source of the pattern.
func (r *Regexp) String() string { return r.src }

func (r *Regexp) MatchString(s string) bool { return r.May(s) && r.re().MatchString(s) }

func (r *Regexp) FindString(s string) string {
	if !r.May(s) {
		return ""
	}
	return r.re().FindString(s)
}

func (r *Regexp) FindStringIndex(s string) []int {
	if !r.May(s) {
		return nil
	}
	return r.re().FindStringIndex(s)
}

func (r *Regexp) FindStringSubmatch(s string) []string {
	if !r.May(s) {
		return nil
	}
	return r.re().FindStringSubmatch(s)
}

func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	if !r.May(s) {
		return nil
	}
	return r.re().FindStringSubmatchIndex(s)
}

func (r *Regexp) FindAllString(s string, n int) []string {
	if !r.May(s) {
		return nil
	}
	return r.re().FindAllString(s, n)
}

func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if !r.May(s) {
		return nil
	}
	return r.re().FindAllStringIndex(s, n)
}

func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.May(s) {
		return nil
	}
	return r.re().FindAllStringSubmatch(s, n)
}

func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.May(s) {
		return nil
	}
	return r.re().FindAllStringSubmatchIndex(s, n)
}

func (r *Regexp) ReplaceAllString(s, repl string) string {
	if !r.May(s) {
		return s
	}
	return r.re().ReplaceAllString(s, repl)
}

func (r *Regexp) ReplaceAllStringFunc(s string, repl func(string) string) string {
	if !r.May(s) {
		return s
	}
	return r.re().ReplaceAllStringFunc(s, repl)
}

// Split does not look for the needed words: with no match it returns s,
// not nothing.
func (r *Regexp) Split(s string, n int) []string { return r.re().Split(s, n) }

// Anchored returns r anchored at the start of the text ("^(?:src)"), for
// trying a pattern only where a match can start. It is not listed by All:
// it compiles if r does.
func (r *Regexp) Anchored() *Regexp {
	return &Regexp{src: "^(?:" + r.src + ")"}
}
