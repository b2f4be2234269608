package ingest

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/notes-kb/notes/internal/core"
)

// ParseAsciiDoc parses AsciiDoc notes with a line-oriented reader of our
// own: no maintained Go AsciiDoc parser copes with real notes (libasciidoc
// aborts on the Xebicon sample). It understands what write-ups use —
// header and attributes, sections, delimited blocks, lists, images, links
// and inline formatting — and degrades to plain paragraphs elsewhere.
//
// Block titles (".Title" lines) are not text: they are dropped, except as
// the caption of an image that has no alt text. Example and sidebar blocks
// (====, ****) become one BlockExample whose Lines are the block's non-empty
// lines, markup removed: the talk abstracts that end with "Name, Role -
// Company" lines live there.
func ParseAsciiDoc(path, text string) core.Document {
	doc := core.Document{Path: path, Format: core.FormatAsciiDoc}
	fm := splitFrontMatter(path, text)
	doc.Meta, doc.Title, doc.Diagnostics = fm.meta, fm.title, fm.diags

	a := &adocDoc{path: path, lines: splitLines(fm.body), first: fm.bodyLine, attrs: map[string]string{}}
	title := a.header()
	a.body()

	if doc.Title == "" {
		doc.Title = title
	}
	if len(a.meta) > 0 {
		if doc.Meta == nil {
			doc.Meta = map[string]any{}
		}
		// Front matter wins: it is what the blog engine shows.
		for k, v := range a.meta {
			if _, ok := doc.Meta[k]; !ok {
				doc.Meta[k] = v
			}
		}
	}
	doc.Sections = a.secs.list
	doc.Diagnostics = append(doc.Diagnostics, a.diags...)
	return doc
}

// adocDoc is the state of the AsciiDoc reader.
type adocDoc struct {
	path  string
	lines []string
	first int // line number of lines[0]
	i     int // next line to read

	attrs map[string]string // attribute values, for {name} references
	meta  map[string]any    // header and attribute entries, for Meta
	secs  sections
	diags []core.Diagnostic

	title, style string // pending block title and block style ("source", "quote"…)
	lang         string // language of a pending [source,lang]
}

// Line patterns come with the bytes a matching line can start with (see
// lineRegexp).
var (
	adocHeaderTitleRe = lazyRE(`^=[ \t]+(\S.*)$`)
	adocAttrEntryRe   = lineRE(":", `^:(!?)([A-Za-z0-9_][\w-]*)(!?):(?:[ \t]+(.*))?$`)
	adocPreprocLineRe = lineRE("ie", `^(ifdef|ifndef|ifeval|endif|include)::[^\[]*\[.*\][ \t]*$`)
	adocSkipMacroRe   = lineRE("tva", `^(toc|video|audio)::[^\[]*\[.*\][ \t]*$`)
	adocHeadingRe     = lineRE("=#", `^(={1,6}|#{1,6})[ \t]+(\S.*?)(?:[ \t]+=+)?[ \t]*$`)
	adocBlockAttrLRe  = lineRE("[", `^\[[^\]]*\]$|^\[\[[^\]]*\]\]$`)
	adocBlockTitleRe  = lineRE(".", `^\.([^\s.].*)$`)
	adocDelimLineRe   = lineRE("=*_-.+/|`", `^(={4,}|\*{4,}|_{4,}|-{4,}|\.{4,}|\+{4,}|/{4,}|--|\|={3,}|`+"```"+`[\w+#-]*)$`)
	adocImageLineRe   = lineRE("i", `^image::?([^\[\s]*)\[(.*)\]$`)
	adocListItemRe    = lineRE(" \t*-.0123456789", `^[ \t]*(\*{1,5}|-|\.{1,5}|\d{1,9}\.)[ \t]+(\S.*)$`)
	adocAuthorRe      = lazyRE(`^([^<]*?)\s*(?:<([^>]*)>)?$`)
)

// lineRegexp is a pattern anchored at the start of a line, and lead the
// bytes a matching line can start with. Most lines are prose that starts
// with none of them: one byte tested spares the regexp machinery, which
// costs per call even when it fails at once.
type lineRegexp struct {
	lead string
	re   *lazyRegexp
}

func lineRE(lead, src string) lineRegexp {
	return lineRegexp{lead: lead, re: lazyRE(src)}
}

// may reports whether t starts with one of the lead bytes.
func (r lineRegexp) may(t string) bool {
	return t != "" && strings.IndexByte(r.lead, t[0]) >= 0
}

func (r lineRegexp) MatchString(t string) bool { return r.may(t) && r.re.MatchString(t) }

func (r lineRegexp) FindStringSubmatch(t string) []string {
	if !r.may(t) {
		return nil
	}
	return r.re.FindStringSubmatch(t)
}

// lineNo is the file line number of a.lines[i].
func (a *adocDoc) lineNo(i int) int { return a.first + i }

func (a *adocDoc) diag(i int, format string, args ...any) {
	a.diags = append(a.diags, core.Diagnostic{Path: a.path, Line: a.lineNo(i), Message: fmt.Sprintf(format, args...)})
}

func (a *adocDoc) setMeta(k string, v any) {
	if a.meta == nil {
		a.meta = map[string]any{}
	}
	a.meta[k] = v
}

// header reads the document header — "= Title", author line, revision
// line, attribute entries — and returns the title. Comments, conditionals
// and attribute entries before the title are header too.
func (a *adocDoc) header() string {
	for a.i < len(a.lines) {
		t := strings.TrimRight(a.lines[a.i], " \t")
		switch {
		case t == "", isAdocComment(t), adocPreprocLineRe.MatchString(t):
			a.i++
			continue
		case isCommentDelim(t):
			a.i = a.skipTo(a.i, t) + 1
			continue
		case adocAttrEntryRe.MatchString(t):
			a.attribute(t)
			a.i++
			continue
		}
		break
	}
	if a.i >= len(a.lines) {
		return ""
	}
	m := adocHeaderTitleRe.FindStringSubmatch(strings.TrimRight(a.lines[a.i], " \t"))
	if m == nil {
		return ""
	}
	title := collapseSpaces(a.inline(m[1], false))
	a.i++
	seen := 0 // author and revision lines seen
	for ; a.i < len(a.lines); a.i++ {
		t := strings.TrimRight(a.lines[a.i], " \t")
		switch {
		case t == "":
			return title
		case isAdocComment(t), adocPreprocLineRe.MatchString(t):
		case isCommentDelim(t):
			a.i = a.skipTo(a.i, t)
		case adocAttrEntryRe.MatchString(t):
			a.attribute(t)
		case seen == 0:
			a.authors(t)
			seen++
		case seen == 1:
			a.revision(t)
			seen++
		default:
			// Not header syntax: the body starts without a blank line.
			return title
		}
	}
	return title
}

// authors reads "Jane Doe <jane@x.org>; John Roe" into Meta.
func (a *adocDoc) authors(t string) {
	var names []any
	for i, part := range strings.Split(t, ";") {
		m := adocAuthorRe.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil || strings.TrimSpace(m[1]) == "" {
			continue
		}
		name := collapseSpaces(m[1])
		names = append(names, name)
		if i == 0 {
			a.setMeta("author", name)
			a.attrs["author"] = name
			if m[2] != "" {
				a.setMeta("email", m[2])
			}
		}
	}
	if len(names) > 1 {
		a.setMeta("authors", names)
	}
}

// revision reads "v1.0, 2019-11-28: remark"; the date is what extraction
// may want when a post names none in its text.
func (a *adocDoc) revision(t string) {
	rest, remark, _ := strings.Cut(t, ": ")
	if remark != "" {
		a.setMeta("revremark", strings.TrimSpace(remark))
	}
	num, date, hasComma := strings.Cut(rest, ",")
	num, date = strings.TrimSpace(num), strings.TrimSpace(date)
	switch {
	case hasComma:
		a.setMeta("revnumber", strings.TrimPrefix(num, "v"))
		a.setMeta("revdate", date)
	case len(num) > 1 && num[0] == 'v' && num[1] >= '0' && num[1] <= '9':
		a.setMeta("revnumber", num[1:])
	case num != "":
		a.setMeta("revdate", num)
	}
}

// attribute records an attribute entry ":name: value" (or unsets
// ":name!:").
func (a *adocDoc) attribute(t string) {
	m := adocAttrEntryRe.FindStringSubmatch(t)
	name := m[2]
	if m[1] == "!" || m[3] == "!" {
		delete(a.attrs, name)
		delete(a.meta, name)
		return
	}
	v := strings.TrimSpace(m[4])
	a.attrs[name] = v
	a.setMeta(name, v)
}

func isAdocComment(t string) bool {
	return strings.HasPrefix(t, "//") && !isCommentDelim(t)
}

func isCommentDelim(t string) bool {
	return len(t) >= 4 && strings.Trim(t, "/") == ""
}

// skipTo returns the index of the line closing the delimited block opened
// by delim at line open, or the last line when it never closes (which is
// reported). Verbatim blocks nested inside are skipped whole, so a
// "====" line inside a listing does not close an example block.
func (a *adocDoc) skipTo(open int, delim string) int {
	compound := isCompoundDelim(delim)
	for j := open + 1; j < len(a.lines); j++ {
		t := strings.TrimRight(a.lines[j], " \t")
		if t == delim || delim[0] == '`' && t == "```" {
			return j
		}
		if compound && t != delim && adocDelimLineRe.MatchString(t) && !isCompoundDelim(t) {
			// A nested verbatim block: its lines are not ours to read.
			close := t
			if t[0] == '`' {
				close = "```"
			}
			for j++; j < len(a.lines) && strings.TrimRight(a.lines[j], " \t") != close; j++ {
			}
		}
	}
	a.diag(open, "unclosed %s block", delim)
	return len(a.lines)
}

// isCompoundDelim reports whether a delimiter opens a block whose content
// is AsciiDoc (example, sidebar, quote, open) rather than verbatim text.
func isCompoundDelim(d string) bool {
	switch d[0] {
	case '=', '*', '_':
		return true
	}
	return d == "--"
}

// body reads blocks and sections up to the end of the document.
func (a *adocDoc) body() {
	for a.i < len(a.lines) {
		before := a.i
		a.block()
		if a.i == before {
			// Every reader consumes its first line; should one not, the
			// line is dropped rather than read forever.
			a.i++
		}
	}
}

// block reads the block (or heading, or ignorable line) at a.i.
func (a *adocDoc) block() {
	t := strings.TrimRightFunc(a.lines[a.i], unicode.IsSpace)
	switch {
	case t == "", t == "+", t == "'''", t == "<<<", t == "---", t == "- - -", t == "***":
		a.i++
	case isCommentDelim(t):
		a.i = a.skipTo(a.i, t) + 1
	case isAdocComment(t), adocPreprocLineRe.MatchString(t), adocSkipMacroRe.MatchString(t):
		a.i++
	case adocAttrEntryRe.MatchString(t):
		a.attribute(t)
		a.i++
	case adocHeadingRe.MatchString(t) && !adocDelimLineRe.MatchString(t):
		m := adocHeadingRe.FindStringSubmatch(t)
		title := collapseSpaces(a.inline(m[2], false))
		a.secs.heading(len(m[1]), title, a.lineNo(a.i), false)
		a.secs.markup(m[2])
		a.title, a.style, a.lang = "", "", ""
		a.i++
	case adocBlockAttrLRe.MatchString(t):
		a.blockAttributes(t)
		a.i++
	case adocBlockTitleRe.MatchString(t):
		a.title = adocBlockTitleRe.FindStringSubmatch(t)[1]
		a.i++
	case adocDelimLineRe.MatchString(t):
		a.delimited(t)
	case adocImageLineRe.MatchString(t):
		a.image(t)
		a.i++
	case adocListItemRe.MatchString(t):
		a.list()
	case strings.HasPrefix(t, ">"):
		a.mdQuote()
	case t[0] == ' ' || t[0] == '\t':
		a.literal()
	default:
		a.paragraph()
	}
}

// blockAttributes reads "[source,go]", "[quote, Author]", "[NOTE]": only
// the style and a source language matter here; anchors are ignored.
func (a *adocDoc) blockAttributes(t string) {
	if strings.HasPrefix(t, "[[") {
		return
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(t, "["), "]")
	parts := strings.Split(inner, ",")
	style := strings.TrimSpace(parts[0])
	if i := strings.IndexAny(style, "#.%"); i >= 0 {
		style = style[:i] // "quote#id.role" → "quote"
	}
	a.style = strings.ToLower(style)
	a.lang = ""
	if a.style == "source" && len(parts) > 1 {
		a.lang = strings.TrimSpace(parts[1])
	}
}

// add appends a block and forgets the pending block attributes.
func (a *adocDoc) add(b core.Block) {
	a.title, a.style, a.lang = "", "", ""
	if len(b.Lines) == 0 && b.Kind != core.BlockCode && b.Kind != core.BlockImage {
		return
	}
	if b.Line == 0 && len(b.Lines) > 0 {
		b.Line = b.Lines[0].N
	}
	a.secs.add(b)
}

// delimited reads a delimited block starting at the current line.
func (a *adocDoc) delimited(delim string) {
	open := a.i
	end := a.skipTo(open, delim)
	a.i = min(end+1, len(a.lines))
	inner := a.lines[open+1 : min(end, len(a.lines))]
	first := open + 1
	line := a.lineNo(open)
	switch {
	case delim == "--":
		// An open block only groups its content; read it in place unless
		// a style makes it something else.
		if a.style == "quote" || a.style == "verse" {
			lines, md := a.flatLines(inner, first)
			a.add(core.Block{Kind: core.BlockQuote, Line: line, Lines: lines, Markdown: quoteMarkdown(md)})
			return
		}
		a.i = open + 1
		a.style, a.lang = "", ""
		if end < len(a.lines) {
			// Blank the closing "--" so it is not read as a new block.
			a.lines[end] = ""
		}
	case delim[0] == '-' || delim[0] == '.' || delim[0] == '`':
		lang := a.lang
		if delim[0] == '`' {
			lang = strings.TrimPrefix(delim, "```")
		}
		a.add(a.code(inner, first, line, lang))
	case delim[0] == '+':
		var chunks []htmlChunk
		for j, l := range inner {
			chunks = append(chunks, htmlChunk{Text: l, Line: a.lineNo(first + j)})
		}
		if len(chunks) == 0 {
			a.add(core.Block{})
			return
		}
		lines := htmlTextLines(chunks)
		a.add(core.Block{Kind: core.BlockParagraph, Line: line, Lines: lines, Markdown: joinLineTexts(lines, "\n")})
	case delim[0] == '|':
		a.add(a.table(inner, first, line))
	case delim[0] == '_' || a.style == "quote" || a.style == "verse":
		lines, md := a.flatLines(inner, first)
		a.add(core.Block{Kind: core.BlockQuote, Line: line, Lines: lines, Markdown: quoteMarkdown(md)})
	default: // ==== example, **** sidebar
		lines, md := a.flatLines(inner, first)
		a.add(core.Block{Kind: core.BlockExample, Line: line, Lines: lines, Markdown: strings.Join(md, "\n")})
	}
}

// code builds a code block from verbatim lines.
func (a *adocDoc) code(inner []string, first, line int, lang string) core.Block {
	b := core.Block{Kind: core.BlockCode, Line: line}
	fence := "```"
	for j, l := range inner {
		b.Lines = append(b.Lines, core.Line{N: a.lineNo(first + j), Text: l})
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			fence = "~~~~"
		}
	}
	b.Markdown = fence + lang + "\n" + strings.Join(inner, "\n") + "\n" + fence
	if len(inner) == 0 {
		b.Markdown = fence + lang + "\n" + fence
	}
	return b
}

// table reads a |=== table: one Line per source line with cells, cells
// joined by " | ".
func (a *adocDoc) table(inner []string, first, line int) core.Block {
	b := core.Block{Kind: core.BlockTable, Line: line}
	var rows []string
	for j, l := range inner {
		t := strings.TrimSpace(l)
		if t == "" || isAdocComment(t) {
			continue
		}
		var cells, mdCells []string
		for _, c := range strings.Split(strings.TrimPrefix(t, "|"), "|") {
			if c = strings.TrimSpace(c); c != "" {
				cells = append(cells, collapseSpaces(a.inline(c, false)))
				mdCells = append(mdCells, strings.TrimSpace(a.inline(c, true)))
			}
		}
		if len(cells) == 0 {
			continue
		}
		b.Lines = append(b.Lines, core.Line{N: a.lineNo(first + j), Text: strings.Join(cells, " | ")})
		rows = append(rows, strings.Join(mdCells, " | "))
	}
	b.Markdown = markdownTable(rows)
	return b
}

// flatLines reads the content of a compound block (example, sidebar,
// quote) as a flat list of text lines, and the same as Markdown lines.
func (a *adocDoc) flatLines(inner []string, first int) (lines []core.Line, md []string) {
	for j := 0; j < len(inner); j++ {
		t := strings.TrimRight(inner[j], " \t")
		trimmed := strings.TrimSpace(t)
		switch {
		case trimmed == "":
			if len(md) > 0 && md[len(md)-1] != "" {
				md = append(md, "")
			}
			continue
		case isCommentDelim(trimmed):
			for j++; j < len(inner) && strings.TrimRight(inner[j], " \t") != trimmed; j++ {
			}
			continue
		case isAdocComment(trimmed), adocPreprocLineRe.MatchString(trimmed), adocAttrEntryRe.MatchString(trimmed),
			adocBlockAttrLRe.MatchString(trimmed), adocBlockTitleRe.MatchString(trimmed), trimmed == "+",
			adocImageLineRe.MatchString(trimmed), adocSkipMacroRe.MatchString(trimmed):
			continue
		case adocDelimLineRe.MatchString(trimmed):
			if trimmed[0] == '-' || trimmed[0] == '.' || trimmed[0] == '`' {
				md = append(md, "```")
			}
			continue
		}
		text, mdText := trimmed, ""
		if m := adocListItemRe.FindStringSubmatch(t); m != nil {
			text = m[2]
			mdText = "- "
		}
		plain := collapseSpaces(a.inline(text, false))
		if plain == "" {
			continue
		}
		lines = append(lines, core.Line{N: a.lineNo(first + j), Text: plain})
		md = append(md, mdText+strings.TrimSpace(a.inline(text, true)))
	}
	for len(md) > 0 && md[len(md)-1] == "" {
		md = md[:len(md)-1]
	}
	return lines, md
}

func quoteMarkdown(md []string) string {
	out := make([]string, len(md))
	for i, l := range md {
		out[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(out, "\n")
}

func joinLineTexts(lines []core.Line, sep string) string {
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.Text
	}
	return strings.Join(texts, sep)
}

// image reads a block image macro "image::file.png[Alt text]".
func (a *adocDoc) image(t string) {
	m := adocImageLineRe.FindStringSubmatch(t)
	target, attrs := m[1], m[2]
	alt := collapseSpaces(firstPositional(attrs))
	if alt == "" {
		alt = collapseSpaces(a.inline(a.title, false))
	}
	line := a.lineNo(a.i)
	b := core.Block{Kind: core.BlockImage, Line: line, Markdown: markdownImage(alt, target)}
	if alt != "" {
		b.Lines = []core.Line{{N: line, Text: alt}}
	}
	a.add(b)
}

// firstPositional returns the first positional attribute of a macro's
// brackets: "Alt text, 200, 100" → "Alt text"; named ones are skipped.
func firstPositional(attrs string) string {
	if !strings.Contains(attrs, "=") {
		if q := strings.Trim(attrs, `"`); len(q) < len(attrs) {
			return q
		}
		if i := strings.IndexByte(attrs, ','); i >= 0 {
			return strings.TrimSpace(attrs[:i])
		}
		return strings.TrimSpace(attrs)
	}
	for _, p := range strings.Split(attrs, ",") {
		if p = strings.TrimSpace(p); p != "" && !strings.Contains(p, "=") {
			return strings.Trim(p, `"`)
		}
	}
	return ""
}

// isBlockStart reports whether a line starts a new block and so ends a
// paragraph or list item text.
func isBlockStart(t string) bool {
	return t == "" || t == "+" || adocDelimLineRe.MatchString(t) || adocImageLineRe.MatchString(t) ||
		adocHeadingRe.MatchString(t) || adocBlockAttrLRe.MatchString(t) || adocAttrEntryRe.MatchString(t) ||
		adocListItemRe.MatchString(t) || isCommentDelim(t)
}

// list reads a list: "* a", "** b", "- c", ". d", "1. e". Nesting follows
// Asciidoctor: each new marker kind goes one level deeper, meeting a
// marker again goes back to its level. Blank lines between items do not
// end a list; "+" continuation lines are dropped.
func (a *adocDoc) list() {
	b := core.Block{Kind: core.BlockList, Line: a.lineNo(a.i)}
	var markers []string
	var md []string
	var widths []int // bullet width at each depth, for Markdown indentation
	appendText := func(t string) {
		last := len(b.Lines) - 1
		plain := collapseSpaces(a.inline(t, false))
		if plain == "" {
			return
		}
		b.Lines[last].Text = strings.TrimSpace(b.Lines[last].Text + " " + plain)
		md[last] += " " + strings.TrimSpace(a.inline(t, true))
	}
	for a.i < len(a.lines) {
		l := a.lines[a.i]
		t := strings.TrimRight(l, " \t")
		trimmed := strings.TrimSpace(t)
		if m := adocListItemRe.FindStringSubmatch(t); m != nil {
			marker := m[1]
			if marker[0] >= '0' && marker[0] <= '9' {
				marker = "1."
			}
			depth := -1
			for k, mk := range markers {
				if mk == marker {
					depth = k
					markers = markers[:k+1]
					break
				}
			}
			if depth < 0 {
				markers = append(markers, marker)
				depth = len(markers) - 1
			}
			bullet := "- "
			if marker[0] == '.' || marker == "1." {
				bullet = "1. "
			}
			// Markdown nests an item under the text of its parent, so the
			// indentation is the width of the bullets above it.
			widths = append(widths[:depth], len(bullet))
			indent := 0
			for _, w := range widths[:depth] {
				indent += w
			}
			b.Lines = append(b.Lines, core.Line{N: a.lineNo(a.i), Text: collapseSpaces(a.inline(m[2], false))})
			b.Depths = append(b.Depths, depth)
			md = append(md, strings.Repeat(" ", indent)+bullet+strings.TrimSpace(a.inline(m[2], true)))
			a.i++
			continue
		}
		switch {
		case trimmed == "":
			j := a.i + 1
			for j < len(a.lines) && (strings.TrimSpace(a.lines[j]) == "" || isAdocComment(strings.TrimSpace(a.lines[j]))) {
				j++
			}
			if j < len(a.lines) && adocListItemRe.MatchString(strings.TrimRight(a.lines[j], " \t")) {
				a.i = j
				continue
			}
		case trimmed == "+":
			// A continuation attaches the next block to the item: text
			// joins the item, anything else ends the list here.
			if a.i+1 < len(a.lines) {
				next := strings.TrimSpace(a.lines[a.i+1])
				if next != "" && !isBlockStart(next) && !adocBlockTitleRe.MatchString(next) {
					appendText(next)
					a.i += 2
					continue
				}
			}
			a.i++
		case isAdocComment(trimmed), adocPreprocLineRe.MatchString(trimmed):
			a.i++
			continue
		case !isBlockStart(trimmed) && len(b.Lines) > 0:
			appendText(trimmed)
			a.i++
			continue
		}
		break
	}
	b.Markdown = strings.Join(md, "\n")
	a.add(b)
}

// mdQuote reads Markdown-style "> " quote lines, which Asciidoctor accepts.
func (a *adocDoc) mdQuote() {
	b := core.Block{Kind: core.BlockQuote, Line: a.lineNo(a.i)}
	var md []string
	for ; a.i < len(a.lines); a.i++ {
		t := strings.TrimSpace(a.lines[a.i])
		if !strings.HasPrefix(t, ">") {
			break
		}
		t = strings.TrimSpace(strings.TrimLeft(t, "> "))
		if plain := collapseSpaces(a.inline(t, false)); plain != "" {
			b.Lines = append(b.Lines, core.Line{N: a.lineNo(a.i), Text: plain})
		}
		md = append(md, strings.TrimSpace(a.inline(t, true)))
	}
	b.Markdown = quoteMarkdown(md)
	a.add(b)
}

// literal reads an indented paragraph, which AsciiDoc shows verbatim.
func (a *adocDoc) literal() {
	start := a.i
	for a.i < len(a.lines) && strings.TrimSpace(a.lines[a.i]) != "" {
		a.i++
	}
	inner := a.lines[start:a.i]
	// Remove the common indentation, as Asciidoctor does.
	indent := -1
	for _, l := range inner {
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	out := make([]string, len(inner))
	for j, l := range inner {
		out[j] = l[min(indent, len(l)):]
	}
	a.add(a.code(out, start, a.lineNo(start), ""))
}

// paragraph reads lines up to a blank line or the start of another block.
func (a *adocDoc) paragraph() {
	b := core.Block{Kind: core.BlockParagraph, Line: a.lineNo(a.i)}
	start := a.i
	var md []string
	brk := false // the previous line ended with " +"
	for a.i < len(a.lines) {
		t := strings.TrimSpace(a.lines[a.i])
		if isAdocComment(t) || adocPreprocLineRe.MatchString(t) {
			a.i++
			continue
		}
		if len(md) > 0 && (t == "" || isBlockStart(t)) {
			break
		}
		if plain := collapseSpaces(a.inline(t, false)); plain != "" {
			b.Lines = append(b.Lines, core.Line{N: a.lineNo(a.i), Text: plain})
		}
		if len(md) > 0 && brk {
			md[len(md)-1] += "\\"
		}
		brk = hardBreak(t)
		md = append(md, strings.TrimSpace(a.inline(t, true)))
		a.i++
	}
	switch a.style {
	case "source", "listing", "literal":
		a.add(a.code(a.lines[start:a.i], start, b.Line, a.lang))
		return
	case "quote", "verse":
		b.Kind = core.BlockQuote
		b.Markdown = quoteMarkdown(md)
		a.add(b)
		return
	}
	b.Markdown = strings.Join(md, "\n")
	a.add(b)
}

// hardBreak reports whether a line ends with AsciiDoc's hard line break,
// " +" (the pattern [ \t]\+$, tested without a regexp on every line).
func hardBreak(s string) bool {
	n := len(s)
	return n >= 2 && s[n-1] == '+' && (s[n-2] == ' ' || s[n-2] == '\t')
}
