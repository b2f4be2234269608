package search

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// A query's cost grows with its words and with the words its prefixes stand
// for, and more than linearly once they are AND-ed: 10,000 words joined by
// OR took 186 s and 2.8 GB on 1,000 posts, "kubernetes " 10,000 times 17 s,
// 32 one-letter prefixes 15 s (issue 13, item 3). No one types such a
// query; a script or a paste does. So a query is bounded, and one past a
// bound is refused with a QueryError that says which bound and what to do,
// rather than run for minutes. Within the bounds, the worst queries tried
// (every word a common one, AND-ed or OR-ed; prefixes up to the expansion
// budget) take well under a second on 1,000 posts.
const (
	// MaxQueryBytes is the longest query searched, in bytes.
	MaxQueryBytes = 1024
	// MaxQueryWords is the most words a query holds, counting those of
	// phrases and fields and every word joined by OR. A word is a run of
	// letters and digits: "CI/CD" is two.
	MaxQueryWords = 32
	// MaxPrefixWords is the most indexed words the prefixes of one query
	// may stand for, summed over the fields each is searched in.
	MaxPrefixWords = 5000
)

// QueryError is a query notes refuses to run because it is past one of the
// bounds above. Its message says what to change.
type QueryError struct {
	Reason string
}

// Error returns the reason, prefixed with "search: ".
func (e *QueryError) Error() string { return "search: " + e.Reason }

// CheckQuery returns a *QueryError when q is longer than MaxQueryBytes or
// holds more than MaxQueryWords words. It needs no index: a command checks
// the query before it opens (or rebuilds) one. The bound on prefixes
// depends on the index; Search checks it.
func CheckQuery(q string) error {
	if len(q) > MaxQueryBytes {
		return &QueryError{Reason: fmt.Sprintf("the query is %d bytes long; at most %d bytes (and %d words) are searched: search for fewer words",
			len(q), MaxQueryBytes, MaxQueryWords)}
	}
	if n := queryWords(ParseQuery(q)); n > MaxQueryWords {
		return &QueryError{Reason: fmt.Sprintf("the query has %d words; at most %d are searched (each word of a phrase or joined by OR counts): search for fewer words",
			n, MaxQueryWords)}
	}
	return nil
}

// queryWords counts the words of a parsed query.
func queryWords(n Node) int {
	switch n := n.(type) {
	case *Term, *Prefix, *Phrase:
		return len(strings.FieldsFunc(atomText(n), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}))
	case *Field:
		return max(1, queryWords(n.Value))
	case *Not:
		return queryWords(n.Node)
	case *And:
		return sumWords(n.Nodes)
	case *Or:
		return sumWords(n.Nodes)
	}
	return 0
}

func sumWords(nodes []Node) int {
	total := 0
	for _, c := range nodes {
		total += queryWords(c)
	}
	return total
}

// prefixBudget counts the words the prefixes of one query stand for, and
// refuses the query when they are more than MaxPrefixWords.
type prefixBudget struct {
	// count returns how many indexed words of field start with prefix,
	// counting no further than limit; nil counts nothing (a builder
	// without an index, in tests).
	count func(field, prefix string, limit int) (int, error)
	used  int
	seen  []string // the prefixes counted so far
	err   error
}

// spend counts the words prefix stands for in field; once the budget is
// exceeded it records a QueryError naming the prefix.
func (p *prefixBudget) spend(field, prefix string) {
	if p.count == nil || p.err != nil {
		return
	}
	if !slices.Contains(p.seen, prefix) {
		p.seen = append(p.seen, prefix)
	}
	n, err := p.count(field, prefix, MaxPrefixWords-p.used+1)
	if err != nil {
		p.err = fmt.Errorf("search: %w", err)
		return
	}
	p.used += n
	if p.used <= MaxPrefixWords {
		return
	}
	if len(p.seen) == 1 {
		p.err = &QueryError{Reason: fmt.Sprintf("the prefix %q stands for more than %d words: type more letters before the *",
			prefix+"*", MaxPrefixWords)}
		return
	}
	p.err = &QueryError{Reason: fmt.Sprintf("the prefixes %s stand for more than %d words in all: type more letters before the *, or use fewer prefixes",
		quotedPrefixes(p.seen), MaxPrefixWords)}
}

// reset empties the budget, for a new pass over the query.
func (p *prefixBudget) reset() {
	p.used, p.seen, p.err = 0, nil, nil
}

func quotedPrefixes(prefixes []string) string {
	q := make([]string, len(prefixes))
	for i, s := range prefixes {
		q[i] = strconv.Quote(s + "*")
	}
	return strings.Join(q, ", ")
}
