package search

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The query syntax users type into `notes search`:
//
//	karpenter autoscaling     words are AND-ed
//	karpenter OR keda         OR (upper case) joins the words either side
//	-fargate, NOT fargate     exclusion
//	"storage gateway"         exact phrase (unstemmed, case and accents ignored)
//	kube*                     prefix (one letter or more; see MaxPrefixWords)
//	title:karpenter           a field: title, speaker, company, service, event,
//	speaker:"Jane Doe"        year, kind; the value may be quoted or a prefix
//
// Everything else is text: a word is whatever lies between spaces, so
// "re:Invent", "C++", "Node.js" and "CI/CD" are words, which the analyzer
// then splits as it splits the talks. Nothing the user types is a syntax
// error; only a query past the bounds of CheckQuery is refused.
//
// OR binds tighter than the implicit AND ("a b OR c" is a AND (b OR c));
// there is no grouping: parentheses are punctuation.

// Node is one element of a parsed query. Its String form is compact and
// unambiguous, for tests and for --explain style output.
type Node interface {
	String() string
	isNode()
}

// Term is a plain word, analysed like the text it is matched against.
type Term struct{ Text string }

// Prefix is a word ending in '*': it matches every word starting with Text.
type Prefix struct{ Text string }

// Phrase is quoted text: its words must appear together and unstemmed.
type Phrase struct{ Text string }

// Field restricts Value (a Term, Prefix or Phrase) to one field. Name is
// canonical: title, speaker, company, service, event, year or kind.
type Field struct {
	Name  string
	Value Node
}

// Not excludes the talks Node matches.
type Not struct{ Node Node }

// And matches talks that match every one of Nodes. An empty And is an
// empty query.
type And struct{ Nodes []Node }

// Or matches talks that match any of Nodes.
type Or struct{ Nodes []Node }

func (*Term) isNode()   {}
func (*Prefix) isNode() {}
func (*Phrase) isNode() {}
func (*Field) isNode()  {}
func (*Not) isNode()    {}
func (*And) isNode()    {}
func (*Or) isNode()     {}

// String prints the word, in backquotes if it could be read as syntax.
func (n *Term) String() string { return quoteWord(n.Text) }

// String prints the prefix followed by '*'.
func (n *Prefix) String() string { return quoteWord(n.Text) + "*" }

// String prints the phrase as a Go-quoted string.
func (n *Phrase) String() string { return strconv.Quote(n.Text) }

// String prints name:value.
func (n *Field) String() string { return n.Name + ":" + n.Value.String() }

// String prints the excluded node after a '-'.
func (n *Not) String() string { return "-" + n.Node.String() }

// String prints AND(a, b, …); an empty query prints AND().
func (n *And) String() string { return "AND(" + joinNodes(n.Nodes) + ")" }

// String prints OR(a, b, …).
func (n *Or) String() string { return "OR(" + joinNodes(n.Nodes) + ")" }

func joinNodes(nodes []Node) string {
	s := make([]string, len(nodes))
	for i, n := range nodes {
		s[i] = n.String()
	}
	return strings.Join(s, ", ")
}

// quoteWord wraps a word in backquotes when printing it bare could be read
// as syntax (a field, a prefix, an operator, a list separator).
func quoteWord(s string) string {
	if s == "" || s == "OR" || s == "AND" || s == "NOT" || s[0] == '-' ||
		strings.ContainsAny(s, " \t\n\":*(),`") {
		return "`" + s + "`"
	}
	return s
}

// fieldNames maps what users type before ':' to canonical field names.
var fieldNames = map[string]string{
	"title":     "title",
	"speaker":   "speaker",
	"speakers":  "speaker",
	"company":   "company",
	"companies": "company",
	"service":   "service",
	"services":  "service",
	"event":     "event",
	"year":      "year",
	"kind":      "kind",
}

// token is one lexical item of a query.
type token struct {
	op     string // "OR", "AND", "NOT", or "" for an atom
	atom   Node   // Term, Prefix, Phrase or Field; nil with a pending field
	field  string // "title" in "title: karpenter": applies to the next atom
	negate bool   // written with a leading '-'
}

// ParseQuery parses the user's query syntax. It never fails: whatever it
// cannot read as syntax it keeps as words, so a search for "re:Invent" or
// "C++" searches for those words instead of reporting an error.
func ParseQuery(s string) Node {
	var (
		nodes        []Node
		pendingOr    bool
		pendingNot   bool
		pendingField string
		fieldNegate  bool
	)
	for _, t := range lex(s) {
		switch t.op {
		case "OR":
			// An OR with nothing on its left is ignored.
			pendingOr = len(nodes) > 0
			continue
		case "AND":
			pendingOr = false
			continue
		case "NOT":
			pendingNot = !pendingNot
			continue
		}
		if t.field != "" {
			pendingField, fieldNegate = t.field, t.negate
			continue
		}
		n := t.atom
		neg := t.negate
		if pendingField != "" {
			// "title: karpenter": the field was typed with a space after it.
			if _, isField := n.(*Field); !isField {
				n = fieldValue(pendingField, n)
				neg = neg != fieldNegate
			}
			pendingField = ""
		}
		if neg {
			n = negate(n)
		}
		if pendingNot {
			n = negate(n)
			pendingNot = false
		}
		if pendingOr {
			pendingOr = false
			last := nodes[len(nodes)-1]
			if or, ok := last.(*Or); ok {
				or.Nodes = append(or.Nodes, n)
			} else {
				nodes[len(nodes)-1] = &Or{Nodes: []Node{last, n}}
			}
			continue
		}
		nodes = append(nodes, n)
	}
	if len(nodes) == 1 {
		return nodes[0]
	}
	return &And{Nodes: nodes}
}

// negate wraps n in a Not, cancelling a double negation ("NOT -x" is x).
func negate(n Node) Node {
	if not, ok := n.(*Not); ok {
		return not.Node
	}
	return &Not{Node: n}
}

// fieldValue applies a field to an atom typed after "field: ". A year must
// be a number: anything else is kept as the words it was.
func fieldValue(name string, n Node) Node {
	if name == "year" {
		if t, ok := n.(*Term); ok && isYear(t.Text) {
			return &Field{Name: name, Value: n}
		}
		return n
	}
	return &Field{Name: name, Value: n}
}

// lex splits a query into tokens. Words end at white space, except that a
// quote opened at the start of a word or right after "field:" runs to the
// closing quote (or the end of the input, if the user forgot it).
func lex(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		negate := false
		if r == '-' && i+1 < len(s) {
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if next != '-' && !unicode.IsSpace(next) {
				negate = true
				i++
			}
		}
		if s[i] == '"' {
			text, end := quoted(s, i)
			i = end
			if p := strings.TrimSpace(text); p != "" {
				out = append(out, token{atom: &Phrase{Text: p}, negate: negate})
			}
			continue
		}
		start := i
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			if r == '"' && i > start && s[i-1] == ':' {
				_, i = quoted(s, i)
				continue
			}
			i += size
		}
		word := s[start:i]
		if !negate {
			switch word {
			case "OR", "AND", "NOT":
				out = append(out, token{op: word})
				continue
			}
		}
		if colon := strings.IndexByte(word, ':'); colon > 0 {
			if name, ok := fieldNames[strings.ToLower(word[:colon])]; ok {
				if colon == len(word)-1 {
					out = append(out, token{field: name, negate: negate})
					continue
				}
				if atom := fieldAtom(name, word[colon+1:]); atom != nil {
					out = append(out, token{atom: atom, negate: negate})
					continue
				}
			}
		}
		out = append(out, token{atom: wordAtom(word), negate: negate})
	}
	return out
}

// quoted reads a quoted string starting at the quote s[i]; it returns the
// text inside and the index just past the closing quote.
func quoted(s string, i int) (string, int) {
	end := strings.IndexByte(s[i+1:], '"')
	if end < 0 {
		return s[i+1:], len(s)
	}
	return s[i+1 : i+1+end], i + 1 + end + 1
}

// fieldAtom reads the value of "name:value"; nil means the value cannot be
// read for that field and the whole word is kept as text.
func fieldAtom(name, value string) Node {
	var v Node
	if value[0] == '"' {
		text, _ := quoted(value, 0)
		text = strings.TrimSpace(text)
		if text == "" {
			return nil
		}
		v = &Phrase{Text: text}
	} else {
		v = wordAtom(value)
	}
	if name == "year" {
		if !isYear(atomText(v)) {
			return nil
		}
		v = &Term{Text: atomText(v)}
	}
	return &Field{Name: name, Value: v}
}

// wordAtom is a Term, or a Prefix when the word ends in '*'.
func wordAtom(word string) Node {
	if stem := strings.TrimRight(word, "*"); stem != word && stem != "" {
		return &Prefix{Text: stem}
	}
	return &Term{Text: word}
}

func atomText(n Node) string {
	switch n := n.(type) {
	case *Term:
		return n.Text
	case *Prefix:
		return n.Text
	case *Phrase:
		return n.Text
	}
	return ""
}

func isYear(s string) bool {
	y, err := strconv.Atoi(s)
	return err == nil && y > 0 && y < 10000
}
