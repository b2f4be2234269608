package ingest

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/notes-kb/notes/internal/core"
)

// Nesting limits applied before goldmark sees the text. goldmark's list
// parsing is quadratic in indentation (a 3,000-level list takes tens of
// seconds) and its tree depth follows the number of ">" markers; no real
// post nests deeper than a handful of levels.
const (
	maxMarkdownNesting = 20 // ">" and list markers at the start of a line
	maxMarkdownIndent  = 64 // columns of leading white space
	// goldmark's link parsing is quadratic in the number of "[" still
	// open when "]" come; real link texts nest two or three deep.
	maxBracketDepth = 32
)

// ParseMarkdown parses a Markdown post (Jekyll or Hugo, with or without
// front matter) through goldmark. Kramdown attribute lists, Liquid tags and
// empty HTML anchors are removed first, in place, so that line numbers
// stay those of the file.
func ParseMarkdown(path, text string) core.Document {
	doc := core.Document{Path: path, Format: core.FormatMarkdown}
	fm := splitFrontMatter(path, text)
	doc.Meta, doc.Title, doc.Diagnostics = fm.meta, fm.title, fm.diags

	body, diags := cleanMarkdown(path, fm.body, fm.bodyLine)
	doc.Diagnostics = append(doc.Diagnostics, diags...)
	// Blank lines in place of the front matter keep offsets and lines equal
	// to those of the original text.
	src := []byte(strings.Repeat("\n", fm.bodyLine-1) + body)
	p := &mdDoc{src: src, li: newLineIndex(src), lines: splitLines(string(src))}
	root := newMarkdownParser().Parse(gtext.NewReader(src))

	var nodes []ast.Node
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		nodes = append(nodes, n)
	}
	var secs sections
	prevLine := fm.bodyLine
	starts := make([]int, len(nodes))
	for i, n := range nodes {
		// Never before the previous node: extraction relies on order.
		starts[i] = max(p.nodeLine(n, prevLine), prevLine)
		prevLine = starts[i]
	}
	// lastUsed is the last line any block has claimed: goldmark can put a
	// setext heading after a table cut out of the same paragraph, with
	// its text lines before the table's (found by FuzzParseMarkdown).
	lastUsed := 0
	for i, n := range nodes {
		start := max(starts[i], lastUsed)
		end := len(p.lines)
		if i+1 < len(nodes) {
			end = max(start, starts[i+1]-1)
		}
		switch n := n.(type) {
		case *ast.Heading:
			title := collapseSpaces(p.inlineText(n))
			if doc.Title == "" && n.Level == 1 && secs.onlyImagesSoFar() {
				doc.Title = title
			}
			secs.heading(n.Level, title, start, false)
			if n.Lines().Len() > 0 {
				seg := n.Lines().At(0)
				secs.markup(string(seg.Value(p.src)))
			}
			lastUsed = start
		case *ast.ThematicBreak, *ast.LinkReferenceDefinition:
			// Neither holds text; a reference definition is only used
			// by links, which keep their text.
		default:
			b, ok := p.block(n)
			if !ok {
				continue
			}
			b.Line = start
			b.Markdown = p.source(start, end)
			for j := range b.Lines {
				b.Lines[j].N = max(b.Lines[j].N, lastUsed)
				lastUsed = b.Lines[j].N
			}
			lastUsed = max(lastUsed, start)
			secs.add(b)
		}
	}
	doc.Sections = secs.list
	return doc
}

// newMarkdownParser builds a parser per document: goldmark parsers are
// cheap and this way no state is ever shared between goroutines.
func newMarkdownParser() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Parser()
}

var (
	// {:target="_blank"}, {: .class}, {::options /}, {:/comment}
	kramdownIALRe = lazyRE(`\{:[^}\n]*\}`)
	// "### Title {#anchor}" header ids, Pandoc and Kramdown style.
	headerIDRe = lazyRE(`[ \t]*\{[#.][\w:.-]*(?:[ \t][^}\n]*)?\}[ \t]*$`)
	// <a name="X"></a>, <a id='X'/>: anchors for a table of contents.
	htmlAnchorRe   = lazyRE(`(?i)<a\s+(?:name|id)\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s>]*)\s*/?>(?:\s*</a>)?`)
	liquidTagRe    = lazyRE(`\{%.*?%\}`)
	liquidOutRe    = lazyRE(`\{\{.*?\}\}`)
	highlightRe    = lineRE(" \t\n\f\r{", `^\s*\{%-?\s*highlight\s+([\w+#.-]+)[^%]*-?%\}\s*$`)
	endHighlightRe = lineRE(" \t\n\f\r{", `^\s*\{%-?\s*endhighlight\s*-?%\}\s*$`)
	rawRe          = lazyRE(`\{%-?\s*raw\s*-?%\}`)
	endRawRe       = lazyRE(`\{%-?\s*endraw\s*-?%\}`)
)

// cleanMarkdown removes the Jekyll noise goldmark would show as text and
// caps nesting, line by line so that no line moves. Liquid inside code
// (fenced or inline) and {% raw %} is kept: there "{{ … }}" is content,
// Helm charts and Go templates in posts that never went through Liquid.
func cleanMarkdown(path, body string, firstLine int) (string, []core.Diagnostic) {
	lines := splitLines(body)
	var diags []core.Diagnostic
	fence := ""
	inRaw := false
	openLiquid := ""   // closer of a Liquid tag that spans lines
	flattened := false // one diagnostic is enough
	brackets := 0      // "[" still open in the current paragraph
	for i, l := range lines {
		if openLiquid != "" {
			if end := strings.Index(l, openLiquid); end >= 0 {
				l = l[end+len(openLiquid):]
				openLiquid = ""
			} else {
				lines[i] = ""
				continue
			}
		}
		if fence != "" {
			t := strings.TrimSpace(l)
			switch {
			case endHighlightRe.MatchString(l):
				l, fence = "```", ""
			case strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "":
				fence = ""
			}
		} else if f := fenceOpen(l); f != "" {
			fence = f
		} else {
			switch {
			case highlightRe.MatchString(l):
				l = "```" + highlightRe.FindStringSubmatch(l)[1]
				fence = "```"
			case endHighlightRe.MatchString(l):
				l = "```"
			}
			l, inRaw, openLiquid = stripLiquid(l, inRaw)
			// Each pattern needs some text the line rarely has.
			if strings.Contains(l, "{:") {
				l = kramdownIALRe.ReplaceAllString(l, "")
			}
			if strings.IndexByte(l, '<') >= 0 {
				l = htmlAnchorRe.ReplaceAllString(l, "")
			}
			if mayHaveHeaderID(l) {
				l = headerIDRe.ReplaceAllString(l, "")
			}
		}
		if strings.TrimSpace(l) == "" {
			brackets = 0
		} else if fence == "" {
			var escaped bool
			if l, escaped = capBrackets(l, &brackets); escaped && !flattened {
				flattened = true
				diags = append(diags, core.Diagnostic{Path: path, Line: firstLine + i,
					Message: fmt.Sprintf("brackets nested deeper than %d levels escaped", maxBracketDepth)})
			}
		}
		if capped, ok := capNesting(l); ok {
			l = capped
			if !flattened {
				flattened = true
				diags = append(diags, core.Diagnostic{Path: path, Line: firstLine + i,
					Message: fmt.Sprintf("nesting deeper than %d levels flattened", maxMarkdownNesting)})
			}
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n"), diags
}

// mayHaveHeaderID is a cheap test run before headerIDRe, which is slow on
// long lines: the line ends with "}" (and blanks), and has a "{#" or "{.".
func mayHaveHeaderID(l string) bool {
	t := strings.TrimRight(l, " \t")
	return strings.HasSuffix(t, "}") && (strings.Contains(t, "{#") || strings.Contains(t, "{."))
}

// stripLiquid removes Liquid tags and output from a line, except inside
// {% raw %}…{% endraw %}. It returns whether the line ends inside a raw
// section, and the closer ("%}" or "}}") of a tag left open at the end.
func stripLiquid(l string, inRaw bool) (string, bool, string) {
	if !inRaw && !strings.Contains(l, "{%") && !strings.Contains(l, "{{") {
		return l, false, "" // no Liquid: spare the copy
	}
	return stripLiquidAll(l, inRaw)
}

// stripLiquidAll is stripLiquid without its shortcut for lines without
// Liquid (the tests compare the two).
func stripLiquidAll(l string, inRaw bool) (string, bool, string) {
	var b strings.Builder
	for l != "" {
		if inRaw {
			loc := endRawRe.FindStringIndex(l)
			if loc == nil {
				b.WriteString(l)
				return b.String(), true, ""
			}
			b.WriteString(l[:loc[0]])
			l, inRaw = l[loc[1]:], false
			continue
		}
		seg := l
		loc := rawRe.FindStringIndex(l)
		if loc != nil {
			seg = l[:loc[0]]
		}
		seg, open := stripLiquidOutsideCode(seg)
		b.WriteString(seg)
		if open != "" {
			return b.String(), false, open
		}
		if loc == nil {
			break
		}
		l, inRaw = l[loc[1]:], true
	}
	return b.String(), inRaw, ""
}

// stripLiquidOutsideCode removes Liquid from a piece of line, leaving
// inline code spans alone: `{{ .Values.image }}` in a Helm post is
// content. It returns the closer of a tag left open at the end.
func stripLiquidOutsideCode(seg string) (string, string) {
	if !strings.Contains(seg, "{%") && !strings.Contains(seg, "{{") {
		return seg, ""
	}
	parts := strings.Split(seg, "`")
	if len(parts)%2 == 0 {
		parts = []string{seg} // unbalanced backticks: no code span to spare
	}
	for k := 0; k < len(parts); k += 2 {
		p := liquidTagRe.ReplaceAllString(parts[k], "")
		p = liquidOutRe.ReplaceAllString(p, "")
		for _, o := range []struct{ open, close string }{{"{%", "%}"}, {"{{", "}}"}} {
			if at := strings.Index(p, o.open); at >= 0 {
				parts[k] = p[:at]
				return strings.Join(parts[:k+1], "`"), o.close
			}
		}
		parts[k] = p
	}
	return strings.Join(parts, "`"), ""
}

// capBrackets escapes the "[" that would open more than maxBracketDepth
// brackets at once; depth carries over from the previous lines of the
// paragraph. It reports whether it escaped any.
func capBrackets(l string, depth *int) (string, bool) {
	var b *strings.Builder
	last := 0
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '\\':
			i++ // an escaped character opens nothing
		case '[':
			if *depth < maxBracketDepth {
				*depth++
				continue
			}
			if b == nil {
				b = &strings.Builder{}
				b.Grow(len(l) + len(l)/4)
			}
			b.WriteString(l[last:i])
			b.WriteString("\\[")
			last = i + 1
		case ']':
			if *depth > 0 {
				*depth--
			}
		}
	}
	if b == nil {
		return l, false
	}
	b.WriteString(l[last:])
	return b.String(), true
}

// capNesting shortens the run of white space, ">" and list markers that
// starts a line when it nests deeper than goldmark handles quickly. It
// reports whether the line changed.
func capNesting(l string) (string, bool) {
	markers, col, cut := 0, 0, -1
	i := 0
scan:
	for i < len(l) {
		switch c := l[i]; {
		case c == ' ':
			col++
		case c == '\t':
			col += 4 - col%4
		case c == '>':
			markers++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t'):
			markers++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && (j+1 == len(l) || l[j+1] == ' ' || l[j+1] == '\t') {
				markers++
				i = j
				break
			}
			break scan
		default:
			break scan
		}
		i++
		if cut < 0 && (markers > maxMarkdownNesting || col > maxMarkdownIndent) {
			cut = i - 1
		}
	}
	if cut < 0 {
		return l, false
	}
	head := l[:cut]
	if head != "" && head[len(head)-1] != ' ' && head[len(head)-1] != '\t' {
		head += " "
	}
	return head + l[i:], true
}

// mdDoc is one Markdown source being turned into blocks.
type mdDoc struct {
	src   []byte
	li    lineIndex
	lines []string
}

// source returns lines start..end (1-based, inclusive) of the cleaned
// source without the blank lines that separate blocks.
func (p *mdDoc) source(start, end int) string {
	if start < 1 {
		start = 1
	}
	end = min(end, len(p.lines))
	for end >= start && strings.TrimSpace(p.lines[end-1]) == "" {
		end--
	}
	if end < start {
		return ""
	}
	return strings.Join(p.lines[start-1:end], "\n")
}

// nodeStart is the byte offset where a node starts, -1 if it has none.
func nodeStart(n ast.Node) int {
	// A table is cut from a paragraph and keeps the paragraph's position
	// even when the paragraph's first lines stay a paragraph: its first
	// cell says where it really starts.
	_, table := n.(*east.Table)
	if pos := n.Pos(); pos >= 0 && !table {
		return pos
	}
	found := -1
	check := func(c ast.Node) bool {
		if t, ok := c.(*ast.Text); ok {
			found = t.Segment.Start
			return true
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			found = c.Lines().At(0).Start
			return true
		}
		if pos := c.Pos(); pos >= 0 {
			found = pos
			return true
		}
		return false
	}
	if !table && check(n) {
		return found
	}
	walkTree(n, func(c ast.Node) bool {
		if found >= 0 {
			return false
		}
		return !check(c)
	})
	return found
}

// nodeLine is the line where a node starts, or fallback when unknown.
func (p *mdDoc) nodeLine(n ast.Node, fallback int) int {
	if off := nodeStart(n); off >= 0 {
		return p.li.line(off)
	}
	return fallback
}

// walkTree visits the descendants of root in document order, going into a
// node's children when visit returns true. It keeps no stack of its own:
// parent links bring it back up, so depth costs nothing.
func walkTree(root ast.Node, visit func(n ast.Node) bool) {
	n := root.FirstChild()
	for n != nil {
		if visit(n) && n.FirstChild() != nil {
			n = n.FirstChild()
			continue
		}
		for {
			if next := n.NextSibling(); next != nil {
				n = next
				break
			}
			n = n.Parent()
			if n == nil || n == root {
				n = nil
				break
			}
		}
	}
}

// block turns one top-level node into a Block; ok is false for nodes that
// hold no text worth keeping.
func (p *mdDoc) block(n ast.Node) (core.Block, bool) {
	switch n := n.(type) {
	case *ast.Paragraph:
		if lines, ok := p.imageLines(n); ok {
			return core.Block{Kind: core.BlockImage, Lines: lines}, true
		}
		lines := p.paragraphLines(n)
		return core.Block{Kind: core.BlockParagraph, Lines: lines}, len(lines) > 0
	case *ast.List:
		lines, depths := p.listLines(n)
		return core.Block{Kind: core.BlockList, Lines: lines, Depths: depths}, len(lines) > 0
	case *ast.Blockquote:
		lines := p.collectLines(n)
		return core.Block{Kind: core.BlockQuote, Lines: lines}, len(lines) > 0
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return core.Block{Kind: core.BlockCode, Lines: p.codeLines(n)}, true
	case *ast.HTMLBlock:
		lines := p.htmlLines(n)
		return core.Block{Kind: core.BlockParagraph, Lines: lines}, len(lines) > 0
	case *east.Table:
		lines := p.tableLines(n)
		return core.Block{Kind: core.BlockTable, Lines: lines}, len(lines) > 0
	default:
		lines := p.collectLines(n)
		return core.Block{Kind: core.BlockParagraph, Lines: lines}, len(lines) > 0
	}
}

// inlineText is the plain text of a node's inline content: links become
// their text, images their alt text, emphasis and code marks go, autolinks
// keep their URL. Each line break of the source is a "\n".
func (p *mdDoc) inlineText(n ast.Node) string {
	var b strings.Builder
	walkTree(n, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(p.src)
			if !c.IsRaw() {
				v = util.UnescapePunctuations(v)
				v = util.ResolveNumericReferences(v)
				v = util.ResolveEntityNames(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			// Raw text: backslashes in code are literal. The segments keep
			// their newlines, which keeps lines counted right.
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Segment.Value(p.src))
				}
			}
			return false
		case *ast.AutoLink:
			b.Write(c.URL(p.src))
			return false
		case *ast.RawHTML:
			// Inline tags are dropped, but not the line breaks inside them.
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				b.WriteString(strings.Repeat("\n", strings.Count(string(seg.Value(p.src)), "\n")))
			}
			return false
		}
		return true
	})
	return b.String()
}

// paragraphLines splits a paragraph (or heading, or list item text) into
// one Line per source line.
func (p *mdDoc) paragraphLines(n ast.Node) []core.Line {
	segs := n.Lines()
	fallback := nodeStart(n)
	var lines []core.Line
	for i, part := range strings.Split(p.inlineText(n), "\n") {
		// Removed noise and markup can leave doubled spaces behind.
		part = collapseSpaces(part)
		if part == "" {
			continue
		}
		off := fallback
		switch {
		case i < segs.Len():
			off = segs.At(i).Start
		case segs.Len() > 0:
			off = segs.At(segs.Len() - 1).Start
		}
		lines = append(lines, core.Line{N: p.li.line(off), Text: part})
	}
	return lines
}

// imageLines reports whether a paragraph holds nothing but images (maybe
// wrapped in links) and returns their alt texts.
func (p *mdDoc) imageLines(para *ast.Paragraph) ([]core.Line, bool) {
	var images []ast.Node
	for c := para.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
			images = append(images, c)
		case *ast.Link:
			img, ok := c.FirstChild().(*ast.Image)
			if !ok || c.ChildCount() != 1 {
				return nil, false
			}
			images = append(images, img)
		case *ast.Text:
			if strings.TrimSpace(string(c.Segment.Value(p.src))) != "" {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	if len(images) == 0 {
		return nil, false
	}
	var lines []core.Line
	for _, img := range images {
		alt := collapseSpaces(p.inlineText(img))
		if alt == "" {
			continue
		}
		off := img.Pos()
		if off < 0 {
			off = nodeStart(para)
		}
		lines = append(lines, core.Line{N: p.li.line(off), Text: alt})
	}
	return lines, true
}

// listLines flattens a list, nested lists included, into one Line per
// item with its nesting depth. It keeps its own stack rather than recurse.
func (p *mdDoc) listLines(list *ast.List) (lines []core.Line, depths []int) {
	type frame struct {
		item  ast.Node
		depth int
	}
	stack := []frame{{list.FirstChild(), 0}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		item := top.item
		if item == nil {
			stack = stack[:len(stack)-1]
			continue
		}
		top.item = item.NextSibling()
		depth := top.depth
		var nested []ast.Node
		textDone := false
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.Kind() {
			case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
				if textDone {
					continue
				}
				textDone = true
				parts := p.paragraphLines(c)
				if len(parts) == 0 {
					continue
				}
				texts := make([]string, len(parts))
				for i, l := range parts {
					texts[i] = l.Text
				}
				lines = append(lines, core.Line{N: parts[0].N, Text: strings.Join(texts, " ")})
				depths = append(depths, depth)
			case ast.KindList:
				nested = append(nested, c)
			}
		}
		for i := len(nested) - 1; i >= 0; i-- {
			stack = append(stack, frame{nested[i].FirstChild(), depth + 1})
		}
	}
	return lines, depths
}

// collectLines gathers the text lines of every block inside n, for
// containers (quotes) whose inner structure does not matter downstream.
func (p *mdDoc) collectLines(n ast.Node) []core.Line {
	var lines []core.Line
	walkTree(n, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			lines = append(lines, p.paragraphLines(c)...)
			return false
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines = append(lines, p.codeLines(c)...)
			return false
		case *ast.HTMLBlock:
			lines = append(lines, p.htmlLines(c)...)
			return false
		case *east.Table:
			lines = append(lines, p.tableLines(c)...)
			return false
		}
		return true
	})
	return lines
}

// codeLines keeps code verbatim, one Line per source line.
func (p *mdDoc) codeLines(n ast.Node) []core.Line {
	segs := n.Lines()
	lines := make([]core.Line, 0, segs.Len())
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		v := strings.TrimRight(string(seg.Value(p.src)), "\n")
		if seg.Padding > 0 {
			v = strings.Repeat(" ", seg.Padding) + v
		}
		lines = append(lines, core.Line{N: p.li.line(seg.Start), Text: v})
	}
	return lines
}

// htmlLines is the text of an HTML block with its tags stripped; scripts,
// styles and comments hold no text for a reader.
func (p *mdDoc) htmlLines(n *ast.HTMLBlock) []core.Line {
	if n.HTMLBlockType == ast.HTMLBlockType2 {
		return nil
	}
	var chunks []htmlChunk
	segs := n.Lines()
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		chunks = append(chunks, htmlChunk{Text: string(seg.Value(p.src)), Line: p.li.line(seg.Start)})
	}
	if n.HasClosure() {
		chunks = append(chunks, htmlChunk{Text: string(n.ClosureLine.Value(p.src)), Line: p.li.line(n.ClosureLine.Start)})
	}
	return htmlTextLines(chunks)
}

// tableLines is one Line per table row, cells separated by " | ".
func (p *mdDoc) tableLines(t *east.Table) []core.Line {
	var lines []core.Line
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, collapseSpaces(p.inlineText(cell)))
		}
		joined := strings.Join(cells, " | ")
		if strings.Trim(joined, " |") == "" {
			continue
		}
		lines = append(lines, core.Line{N: p.nodeLine(row, p.nodeLine(t, 1)), Text: joined})
	}
	return lines
}
