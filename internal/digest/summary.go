package digest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/render"
)

// Summary is the short summary of a talk shown in the digest: its stored
// Summary, else the text of the first paragraphs of its Body, cut to at
// most limit characters at the end of a sentence or, when the first
// sentence alone is too long, at the end of a word followed by "…". It is
// plain text, sanitized, on one line.
//
// When the Body is there too and the stored Summary is its beginning cut
// inside a word or a name (extraction ending a sentence at the dot of
// ".NET" gives "portage vers ."), the summary is taken from the Body
// instead.
func Summary(t core.TalkRecord, limit int) string {
	s := oneLine(t.Summary)
	if s == "" {
		return Shorten(bodyText(t.Body, limit*2), limit)
	}
	if t.Body != "" {
		if text := bodyText(t.Body, max(limit, len(s))*2); cutInside(s, text) {
			return Shorten(text, limit)
		}
	}
	return Shorten(s, limit)
}

// cutInside reports whether summary is the beginning of text cut inside a
// word: text goes on with a letter, a digit or a dot right where summary
// stops, or where it stops before the "." or "…" it added.
func cutInside(summary, text string) bool {
	for _, end := range []string{"", ".", "…"} {
		head, ok := strings.CutSuffix(summary, end)
		if !ok || head == "" || !strings.HasPrefix(text, head) || len(text) == len(head) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[len(head):])
		last, _ := utf8.DecodeLastRuneInString(head)
		if end == "" && unicode.IsSpace(next) {
			return false
		}
		if end == "" && !(unicode.IsLetter(last) || unicode.IsDigit(last)) {
			continue
		}
		if unicode.IsLetter(next) || unicode.IsDigit(next) || next == '.' {
			return true
		}
	}
	return false
}

// Shorten cuts s to at most limit characters without cutting a word:
// after the last sentence that fits when that keeps at least a third of
// the limit, else after the last whole word, with "…".
func Shorten(s string, limit int) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	// Byte offset of the limit-th rune.
	cut := len(s)
	for i := range s {
		if limit == 0 {
			cut = i
			break
		}
		limit--
	}
	head := s[:cut]
	// The end of the last sentence that fits: after ".", "!", "?" or "…"
	// followed by a space or by the end of s.
	best := -1
	for i, r := range head {
		if !strings.ContainsRune(".!?…", r) {
			continue
		}
		if end := i + utf8.RuneLen(r); end == len(s) || s[end] == ' ' {
			best = end
		}
	}
	if best > 0 && best >= cut/3 {
		return s[:best]
	}
	// The last whole word: cut at the last space, unless the cut already
	// falls between two words.
	if cut < len(s) && s[cut] != ' ' {
		if sp := strings.LastIndexByte(head, ' '); sp > 0 {
			head = head[:sp]
		} else {
			head = ""
		}
	}
	head = strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '"' && r != '»'
	})
	if head == "" {
		return ""
	}
	return head + "…"
}

// bodyText is the plain text of the first paragraphs of a Markdown body,
// up to about max characters, without markup, links reduced to their
// text. Headings, lists (speaker lines, mostly), code, HTML and paragraphs
// that only introduce what follows ("Conférence présentée par :") are left
// out.
func bodyText(body string, max int) string {
	src := []byte(render.Sanitize(body))
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var parts []string
	n := 0
	ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n >= max {
			return ast.WalkSkipChildren, nil
		}
		switch node.Kind() {
		case ast.KindHeading, ast.KindList, ast.KindImage, ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock, ast.KindThematicBreak:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindTextBlock:
			p := oneLine(inlineText(node, src))
			if p != "" && !strings.HasSuffix(p, ":") {
				parts = append(parts, p)
				n += len(p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(parts, " ")
}

// inlineText is the text of a block's inlines, without markup.
func inlineText(node ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Text:
			b.Write(v.Segment.Value(src))
			if v.SoftLineBreak() || v.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(v.Value)
		case *ast.RawHTML, *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			for c := v.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(v.Label(src))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// oneLine sanitizes s and puts it on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(render.Sanitize(s)), " ")
}
