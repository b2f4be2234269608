package ingest

import (
	"encoding/json"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"github.com/notes-kb/notes/internal/core"
)

// ParseHTML parses a blog page saved as HTML: headings h1–h6 become
// sections, paragraphs, list items, quotes, code and tables become blocks.
// Scripts, styles, navigation, sidebars, footers and forms are dropped:
// on a blog page they hold menus and comment forms, never the write-up.
// It uses the html tokenizer rather than the tree builder so that every
// piece of text keeps the line it came from.
func ParseHTML(path, text string) core.Document {
	h := &htmlDoc{li: newLineIndex([]byte(text))}
	h.doc = core.Document{Path: path, Format: core.FormatHTML}
	z := html.NewTokenizer(strings.NewReader(text))
	off := 0
	for {
		tt := z.Next()
		raw := z.Raw()
		start := off
		off += len(raw)
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			h.start(string(name), attrs, tt == html.SelfClosingTagToken, start)
		case html.EndTagToken:
			name, _ := z.TagName()
			h.end(string(name))
		case html.TextToken:
			h.text(string(raw), start)
		}
	}
	h.flush()
	h.doc.Sections = h.secs.list
	if h.doc.Title == "" {
		h.doc.Title = collapseSpaces(h.pageTitle)
	}
	return h.doc
}

// skippedTags hold page furniture rather than the post.
var skippedTags = map[string]bool{
	"script": true, "style": true, "nav": true, "noscript": true, "template": true,
	"svg": true, "aside": true, "footer": true, "form": true, "iframe": true,
	"button": true, "select": true,
}

// paragraphTags end the current block when they open or close.
var paragraphTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true, "header": true,
	"figure": true, "figcaption": true, "dl": true, "dt": true, "dd": true, "hr": true,
	"address": true, "details": true, "summary": true, "body": true,
}

// htmlDoc is the state of ParseHTML while it walks the tokens.
type htmlDoc struct {
	doc  core.Document
	secs sections
	li   lineIndex

	skipName  string
	skipDepth int
	inTitle   bool
	pageTitle string

	heading      int // level of the heading being read, 0 if none
	headingLine  int
	headingTitle strings.Builder

	kind      core.BlockKind // kind of the block being read, "" if none
	lines     []core.Line
	depths    []int
	md        []string
	line      strings.Builder // plain text of the current line
	lineMD    strings.Builder // same line as Markdown
	lineN     int
	listDepth int
	quote     int
	pre       bool
	cells     int
	hrefs     []string
	ldJSON    *strings.Builder // the schema.org data being read, nil if none
}

// metaKeys maps the <meta> names and properties a saved blog page carries
// to the front matter keys of Markdown posts.
var metaKeys = map[string]string{
	"author": "author", "article:author": "author", "description": "description",
	"og:description": "description", "article:published_time": "date", "date": "date",
	"dc.date": "date", "keywords": "keywords",
}

// meta keeps what a <meta> tag says of the post, as front matter would;
// the first value of a key wins.
func (h *htmlDoc) meta(attrs map[string]string) {
	if strings.EqualFold(attrs["property"], "og:url") {
		// The address the page gives itself, where the digest links its
		// talks (issue 16, item 4), as <link rel="canonical"> does.
		h.keepMeta("canonical_url", strings.TrimSpace(attrs["content"]))
		return
	}
	key := metaKeys[strings.ToLower(attrs["name"])]
	if key == "" {
		key = metaKeys[strings.ToLower(attrs["property"])]
	}
	content := collapseSpaces(strings.TrimSpace(attrs["content"]))
	if key == "" || strings.HasPrefix(content, "http") {
		return
	}
	h.keepMeta(key, content)
}

// keepMeta sets a front matter key of the page, unless it is set already
// or val is "": the first value of a key wins.
func (h *htmlDoc) keepMeta(key, val string) {
	if val == "" {
		return
	}
	if h.doc.Meta == nil {
		h.doc.Meta = map[string]any{}
	}
	if _, ok := h.doc.Meta[key]; !ok {
		h.doc.Meta[key] = val
	}
}

// linkedData keeps the author and publication date of a schema.org
// BlogPosting (JSON-LD), as front matter would, when <meta> gave none.
func (h *htmlDoc) linkedData(src string) {
	var v struct {
		Author        json.RawMessage `json:"author"`
		DatePublished string          `json:"datePublished"`
	}
	if json.Unmarshal([]byte(src), &v) != nil {
		return
	}
	set := func(k, val string) {
		h.keepMeta(k, collapseSpaces(strings.TrimSpace(val)))
	}
	var person struct {
		Name string `json:"name"`
	}
	var people []struct {
		Name string `json:"name"`
	}
	switch {
	case json.Unmarshal(v.Author, &person) == nil:
		set("author", person.Name)
	case json.Unmarshal(v.Author, &people) == nil && len(people) == 1:
		set("author", people[0].Name)
	}
	set("date", v.DatePublished)
}

func (h *htmlDoc) start(name string, attrs map[string]string, selfClosing bool, off int) {
	if h.skipDepth > 0 {
		if name == h.skipName && !selfClosing {
			h.skipDepth++
		}
		return
	}
	if name == "title" {
		h.inTitle = true
		return
	}
	if name == "meta" {
		h.meta(attrs)
		return
	}
	if name == "link" {
		for _, rel := range strings.Fields(strings.ToLower(attrs["rel"])) {
			if rel == "canonical" {
				h.keepMeta("canonical_url", strings.TrimSpace(attrs["href"]))
			}
		}
		return
	}
	if skippedTags[name] {
		if !selfClosing {
			h.skipName, h.skipDepth = name, 1
			if name == "script" && strings.EqualFold(attrs["type"], "application/ld+json") {
				h.ldJSON = &strings.Builder{}
			}
		}
		return
	}
	switch name {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		h.flush()
		h.heading = int(name[1] - '0')
		h.headingLine = h.li.line(off)
		h.headingTitle.Reset()
	case "br":
		if h.heading > 0 {
			h.headingTitle.WriteByte(' ')
			return
		}
		h.endLine()
	case "ul", "ol":
		if h.listDepth == 0 {
			h.flush()
			h.kind = core.BlockList
		} else {
			h.endLine()
		}
		h.listDepth++
	case "li":
		h.endLine()
		if h.listDepth == 0 && h.kind != core.BlockList {
			// An item outside any list: still a list item.
			h.flush()
			h.kind = core.BlockList
		}
	case "blockquote":
		h.flush()
		h.quote++
		h.kind = core.BlockQuote
	case "pre":
		h.flush()
		h.pre = true
		h.kind = core.BlockCode
	case "table":
		h.flush()
		h.kind = core.BlockTable
	case "tr":
		h.endLine()
		h.cells = 0
	case "td", "th":
		if h.cells > 0 {
			h.write(" | ", " | ", off)
		}
		h.cells++
	case "img":
		alt := collapseSpaces(attrs["alt"])
		if h.kind == "" && h.line.Len() == 0 && h.heading == 0 {
			b := core.Block{Kind: core.BlockImage, Line: h.li.line(off),
				Markdown: markdownImage(escapeMarkdown(alt), attrs["src"])}
			if alt != "" {
				b.Lines = []core.Line{{N: b.Line, Text: alt}}
			}
			h.secs.add(b)
		}
	case "a":
		href := attrs["href"]
		if strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript:") {
			href = ""
		}
		h.hrefs = append(h.hrefs, href)
		if href != "" && h.heading == 0 {
			h.lineMD.WriteString("[")
		}
	case "strong", "b":
		h.lineMD.WriteString("**")
	case "em", "i":
		h.lineMD.WriteString("*")
	case "code":
		if !h.pre {
			h.lineMD.WriteString("`")
		}
	default:
		if paragraphTags[name] && h.quote == 0 && h.listDepth == 0 && h.kind != core.BlockTable {
			h.flush()
		} else if paragraphTags[name] {
			h.endLine()
		}
	}
}

func (h *htmlDoc) end(name string) {
	if h.skipDepth > 0 {
		if name == h.skipName {
			h.skipDepth--
			if h.skipDepth == 0 && h.ldJSON != nil {
				h.linkedData(h.ldJSON.String())
				h.ldJSON = nil
			}
		}
		return
	}
	switch name {
	case "title":
		h.inTitle = false
	case "h1", "h2", "h3", "h4", "h5", "h6":
		if h.heading == 0 {
			return
		}
		title := collapseSpaces(h.headingTitle.String())
		if h.doc.Title == "" && h.heading == 1 && h.secs.onlyImagesSoFar() {
			h.doc.Title = title
		}
		h.secs.heading(h.heading, title, h.headingLine, false)
		h.heading = 0
	case "ul", "ol":
		if h.listDepth > 0 {
			h.listDepth--
		}
		h.endLine()
		if h.listDepth == 0 {
			h.flush()
		}
	case "li", "tr":
		h.endLine()
	case "blockquote":
		if h.quote > 0 {
			h.quote--
		}
		if h.quote == 0 {
			h.flush()
		}
	case "pre":
		h.flush()
		h.pre = false
	case "table":
		h.flush()
	case "a":
		if n := len(h.hrefs); n > 0 {
			if href := h.hrefs[n-1]; href != "" && h.heading == 0 {
				h.lineMD.WriteString("](" + href + ")")
			}
			h.hrefs = h.hrefs[:n-1]
		}
	case "strong", "b":
		h.lineMD.WriteString("**")
	case "em", "i":
		h.lineMD.WriteString("*")
	case "code":
		if !h.pre {
			h.lineMD.WriteString("`")
		}
	default:
		if paragraphTags[name] && h.quote == 0 && h.listDepth == 0 && h.kind != core.BlockTable {
			h.flush()
		} else if paragraphTags[name] {
			h.endLine()
		}
	}
}

// text adds a text token that starts at byte offset off.
func (h *htmlDoc) text(raw string, off int) {
	if h.skipDepth > 0 {
		if h.ldJSON != nil && h.ldJSON.Len() < 1<<20 {
			h.ldJSON.WriteString(raw)
		}
		return
	}
	if h.inTitle {
		h.pageTitle += html.UnescapeString(raw)
		return
	}
	if h.heading > 0 {
		h.headingTitle.WriteString(html.UnescapeString(raw))
		return
	}
	if h.pre {
		// Verbatim: one Line per source line.
		for i, part := range strings.Split(raw, "\n") {
			if i > 0 {
				h.endLine()
			}
			t := html.UnescapeString(part)
			h.write(t, t, off)
			off += len(part) + 1
		}
		return
	}
	t := strings.TrimLeft(raw, " \t\r\n\f")
	if t == "" {
		if h.line.Len() > 0 {
			h.write(" ", " ", off)
		}
		return
	}
	if h.line.Len() > 0 && len(t) < len(raw) {
		h.write(" ", " ", off)
	}
	off += len(raw) - len(t)
	u := strings.Join(strings.Fields(html.UnescapeString(t)), " ")
	if strings.TrimRight(t, " \t\r\n\f") != t {
		u += " "
	}
	h.write(u, escapeMarkdown(u), off)
}

// write appends text (plain and Markdown) to the current line.
func (h *htmlDoc) write(plain, md string, off int) {
	if h.kind == "" {
		h.kind = core.BlockParagraph
	}
	if h.line.Len() == 0 {
		if strings.TrimSpace(plain) == "" && !h.pre {
			return
		}
		h.lineN = h.li.line(off)
	}
	h.line.WriteString(plain)
	h.lineMD.WriteString(md)
}

// endLine closes the current line of the current block.
func (h *htmlDoc) endLine() {
	text := h.line.String()
	md := h.lineMD.String()
	h.line.Reset()
	h.lineMD.Reset()
	if !h.pre {
		text = plainLine(text)
		md = strings.TrimSpace(md)
	}
	if strings.TrimSpace(text) == "" {
		return
	}
	depth := 0
	switch h.kind {
	case core.BlockList:
		depth = max(h.listDepth-1, 0)
		md = strings.Repeat("  ", depth) + "- " + md
	case core.BlockQuote:
		md = "> " + md
	}
	h.lines = append(h.lines, core.Line{N: h.lineN, Text: text})
	h.md = append(h.md, md)
	if h.kind == core.BlockList {
		h.depths = append(h.depths, depth)
	}
}

// flush closes the current block and adds it to the current section.
func (h *htmlDoc) flush() {
	h.endLine()
	if len(h.lines) > 0 {
		b := core.Block{Kind: h.kind, Line: h.lines[0].N, Lines: h.lines, Depths: h.depths}
		switch h.kind {
		case core.BlockCode:
			b.Markdown = "```\n" + strings.Join(h.md, "\n") + "\n```"
		case core.BlockParagraph:
			b.Markdown = strings.Join(h.md, "\\\n")
		case core.BlockTable:
			b.Markdown = markdownTable(h.md)
		default:
			b.Markdown = strings.Join(h.md, "\n")
		}
		h.secs.add(b)
	}
	h.kind, h.lines, h.depths, h.md = "", nil, nil, nil
	if h.quote > 0 {
		h.kind = core.BlockQuote
	}
	if h.listDepth > 0 {
		h.kind = core.BlockList
	}
}

// markdownTable writes rows whose cells are separated by " | " as a
// Markdown table, the first row as header.
func markdownTable(rows []string) string {
	if len(rows) == 0 {
		return ""
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, strings.Count(r, " | ")+1)
	}
	var b strings.Builder
	for i, r := range rows {
		b.WriteString("| " + r + strings.Repeat(" |", cols-strings.Count(r, " | ")-1) + " |\n")
		if i == 0 {
			b.WriteString(strings.Repeat("| --- ", cols) + "|\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// htmlChunk is a piece of HTML that starts at a known line of the file.
type htmlChunk struct {
	Text string
	Line int
}

// htmlTextLines strips the tags off HTML embedded in another format (a
// Markdown HTML block, an AsciiDoc passthrough) and returns the text left
// on each line. Scripts, styles and comments are dropped.
func htmlTextLines(chunks []htmlChunk) []core.Line {
	var b strings.Builder
	starts := make([]int, len(chunks))
	for i, c := range chunks {
		starts[i] = b.Len()
		b.WriteString(c.Text)
		if !strings.HasSuffix(c.Text, "\n") {
			b.WriteByte('\n')
		}
	}
	src := b.String()
	lineAt := func(off int) int {
		i := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
		if i < 0 {
			return chunks[0].Line
		}
		return chunks[i].Line + strings.Count(src[starts[i]:off], "\n")
	}
	texts := map[int]*strings.Builder{}
	var order []int
	add := func(line int, s string) {
		t, ok := texts[line]
		if !ok {
			t = &strings.Builder{}
			texts[line] = t
			order = append(order, line)
		}
		t.WriteString(s)
	}
	z := html.NewTokenizer(strings.NewReader(src))
	off, skip := 0, ""
	for {
		tt := z.Next()
		raw := string(z.Raw())
		start := off
		off += len(raw)
		switch tt {
		case html.ErrorToken:
			var lines []core.Line
			for _, n := range order {
				if t := collapseSpaces(texts[n].String()); t != "" {
					lines = append(lines, core.Line{N: n, Text: t})
				}
			}
			return lines
		case html.StartTagToken:
			name, _ := z.TagName()
			if s := string(name); skip == "" && (s == "script" || s == "style") {
				skip = s
			}
			add(lineAt(start), " ")
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == skip {
				skip = ""
			}
			add(lineAt(start), " ")
		case html.TextToken:
			if skip != "" {
				continue
			}
			for i, part := range strings.Split(raw, "\n") {
				if i > 0 {
					start++ // the "\n"
				}
				add(lineAt(start), html.UnescapeString(part))
				start += len(part)
			}
		}
	}
}
