package digest

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// anchors gives headings the ids GitHub gives them, so that the digest's
// links work where it is most often pasted, and in the HTML we render
// (the same type is goldmark's parser.IDs there): the heading's text
// lower-cased, letters, digits, marks, "-" and "_" kept, each space turned
// into "-", everything else dropped; a repeated id gets "-1", "-2"…
// Backslash escapes vanish with the rest of the punctuation, so the id of
// a heading is the same computed from its plain text or from its source.
type anchors struct {
	used map[string]bool
}

var _ parser.IDs = (*anchors)(nil)

func newAnchors() *anchors {
	return &anchors{used: map[string]bool{}}
}

// HeadingIDs returns goldmark heading ids as GitHub makes them, for a new
// document: what a "#fragment" link to one of its headings must name.
func HeadingIDs() parser.IDs { return newAnchors() }

// next returns the id of the next heading whose text is text.
func (a *anchors) next(text string) string {
	base := slug(text)
	id := base
	for n := 1; a.used[id] || id == ""; n++ {
		id = base + "-" + strconv.Itoa(n)
		if base == "" {
			id = "section-" + strconv.Itoa(n)
		}
	}
	a.used[id] = true
	return id
}

// Generate implements parser.IDs for goldmark's automatic heading ids.
func (a *anchors) Generate(value []byte, kind ast.NodeKind) []byte {
	return []byte(a.next(string(value)))
}

// Put implements parser.IDs: it records an id set explicitly.
func (a *anchors) Put(value []byte) {
	a.used[string(value)] = true
}

// slug is the GitHub id of a heading's text, before de-duplication.
func slug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
