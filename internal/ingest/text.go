package ingest

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/notes-kb/notes/internal/core"
)

// maxGuessedHeading is the longest line (in characters) that can be a
// guessed heading: talk titles are long, sentences are longer.
const maxGuessedHeading = 140

var (
	// A bullet after optional indentation: what browsers write when a
	// page with lists is saved as text, and what people type.
	// (Bullets and U+00A0 start with the bytes 0xc2 or 0xe2, see
	// lineRegexp.)
	textBulletRe = lineRE(" \t*-\xc2\xe2", `^([ \t\x{00a0}]*)([•◦▪▫●○‣⁃∙·–—*-])[ \t\x{00a0}]+(\S.*)$`)
	// "  1. item": numbered items count only when indented, since "2022.
	// Une année…" or "1. Introduction" at the margin are more often text.
	textNumberedRe = lineRE(" \t\xc2", `^([ \t\x{00a0}]+)(\d{1,3}[.)])[ \t]+(\S.*)$`)
	textURLRe      = lazyRE(`^(https?://|www\.)\S*$`)
	textImageRe    = lazyRE(`(?i)^\S.{0,200}\.(jpe?g|jpg|png|gif|webp|svg|bmp)$`)
)

// ParseText parses a blog page exported as plain text. Paragraphs are
// separated by blank lines; lines starting with a bullet are list items;
// a paragraph made of one short line that does not read like a sentence
// (see isGuessedHeading) is taken for a heading: Section{Level: 2,
// Guessed: true}. The first line of the file, when it is such a heading,
// is also the document title.
func ParseText(path, text string) core.Document {
	doc := core.Document{Path: path, Format: core.FormatText}
	fm := splitFrontMatter(path, text)
	doc.Meta, doc.Title, doc.Diagnostics = fm.meta, fm.title, fm.diags

	lines := splitLines(fm.body)
	var secs sections
	firstPara := true
	for i := 0; i < len(lines); {
		if isBlank(lines[i]) {
			i++
			continue
		}
		j := i
		for j < len(lines) && !isBlank(lines[j]) {
			j++
		}
		para := lines[i:j]
		first := fm.bodyLine + i
		if len(para) == 1 && isGuessedHeading(para[0]) {
			title := collapseSpaces(para[0])
			if firstPara && doc.Title == "" {
				doc.Title = title
			}
			secs.heading(2, title, first, true)
		} else {
			for _, b := range textBlocks(para, first) {
				secs.add(b)
			}
		}
		firstPara = false
		i = j
	}
	doc.Sections = secs.list
	return doc
}

// isGuessedHeading reports whether a standalone line reads like a title
// rather than a sentence: short, no bullet, no sentence or clause ending
// ("?" and "!" are fine, titles ask questions), not a bare URL or a file
// name, not starting lowercase, and holding at least one letter.
func isGuessedHeading(line string) bool {
	t := collapseSpaces(line)
	if t == "" || utf8.RuneCountInString(t) > maxGuessedHeading {
		return false
	}
	if textBulletRe.MatchString(line) || textNumberedRe.MatchString(line) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	switch last {
	case '.', ',', ';', ':', '…':
		return false
	}
	if textURLRe.MatchString(t) || isImageName(t) || startsLower(t) || !hasLetter(t) {
		return false
	}
	// One token with "_" and digits is a file or photo name (IMG_0162).
	if !strings.Contains(t, " ") && strings.Contains(t, "_") && strings.ContainsAny(t, "0123456789") {
		return false
	}
	return true
}

// textBlocks splits one paragraph into runs of list items and runs of
// ordinary lines: "Trois points critiques :" followed by bullets is a
// paragraph then a list.
func textBlocks(para []string, first int) []core.Block {
	var blocks []core.Block
	var cur *core.Block
	var indents []int // indentation of each list item, for depths
	var markers []string
	var itemIndent []int // column where each item's text starts
	finish := func() {
		if cur == nil {
			return
		}
		if cur.Kind == core.BlockList {
			cur.Depths = listDepths(indents, markers)
			md := make([]string, len(cur.Lines))
			for k, l := range cur.Lines {
				md[k] = strings.Repeat("  ", cur.Depths[k]) + "- " + escapeMarkdown(l.Text)
			}
			cur.Markdown = strings.Join(md, "\n")
		} else {
			md := make([]string, len(cur.Lines))
			for k, l := range cur.Lines {
				md[k] = escapeMarkdown(l.Text)
			}
			// A line break in an exported page was a <br> or a new
			// paragraph: keep it a line break when rendered.
			cur.Markdown = strings.Join(md, "\\\n")
		}
		blocks = append(blocks, *cur)
		cur, indents, markers, itemIndent = nil, nil, nil, nil
	}
	for k, l := range para {
		n := first + k
		m := textBulletRe.FindStringSubmatch(l)
		if m == nil {
			m = textNumberedRe.FindStringSubmatch(l)
		}
		if m != nil {
			if cur == nil || cur.Kind != core.BlockList {
				finish()
				cur = &core.Block{Kind: core.BlockList, Line: n}
			}
			indent := columns(m[1])
			cur.Lines = append(cur.Lines, core.Line{N: n, Text: plainLine(m[3])})
			indents = append(indents, indent)
			markers = append(markers, m[2])
			itemIndent = append(itemIndent, columns(m[0][:len(m[0])-len(m[3])]))
			continue
		}
		text := plainLine(l)
		// A line indented under an item's text continues that item.
		if cur != nil && cur.Kind == core.BlockList && columns(leadingSpace(l)) >= itemIndent[len(itemIndent)-1] {
			last := &cur.Lines[len(cur.Lines)-1]
			last.Text += " " + text
			continue
		}
		if cur == nil || cur.Kind != core.BlockParagraph {
			finish()
			kind := core.BlockParagraph
			if isImageName(text) {
				kind = core.BlockImage
			}
			cur = &core.Block{Kind: kind, Line: n}
		}
		cur.Lines = append(cur.Lines, core.Line{N: n, Text: text})
	}
	finish()
	for k := range blocks {
		if blocks[k].Kind == core.BlockImage {
			name := blocks[k].Lines[0].Text
			blocks[k].Markdown = markdownImage(escapeMarkdown(name), name)
		}
	}
	return blocks
}

// isImageName reports whether a line is an image file name (textImageRe).
// The extension is 3 or 4 bytes after the last dot ("ſvg" too, as (?i)
// folds "s" with "ſ"): a cheap test first, for lines of prose.
func isImageName(t string) bool {
	i := strings.LastIndexByte(t, '.')
	if n := len(t) - i - 1; i < 0 || n < 3 || n > 4 {
		return false
	}
	return textImageRe.MatchString(t)
}

// listDepths turns item indentations into nesting depths: the distinct
// indentations of a list, in increasing order, are depths 0, 1, 2… When
// all items share one indentation, hollow bullets ("◦", "○", "▫") nest
// under full ones, as browsers draw them.
func listDepths(indents []int, markers []string) []int {
	distinct := map[int]bool{}
	for _, in := range indents {
		distinct[in] = true
	}
	levels := make([]int, 0, len(distinct))
	for in := range distinct {
		levels = append(levels, in)
	}
	sort.Ints(levels)
	hasFull := false
	for _, m := range markers {
		if !isHollowBullet(m) {
			hasFull = true
		}
	}
	depths := make([]int, len(indents))
	for k, in := range indents {
		depths[k] = sort.SearchInts(levels, in)
		if len(levels) == 1 && hasFull && isHollowBullet(markers[k]) {
			depths[k] = 1
		}
	}
	return depths
}

func isHollowBullet(m string) bool {
	return m == "◦" || m == "○" || m == "▫"
}

func leadingSpace(l string) string {
	return l[:len(l)-len(strings.TrimLeft(l, " \t\u00a0"))]
}

// columns measures indentation, a tab counting as four columns.
func columns(ws string) int {
	n := 0
	for _, r := range ws {
		if r == '\t' {
			n += 4 - n%4
		} else {
			n++
		}
	}
	return n
}
