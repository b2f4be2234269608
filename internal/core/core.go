// Package core holds the domain types that flow between the stages of notes:
// files become Sources, Sources become Documents (ingest), Documents become
// Posts (extract), Posts are stored (store) and indexed (search). Packages
// under internal/ talk to each other only through these types.
package core

import (
	"fmt"
	"strings"
)

// Format is the markup a source file was detected to hold.
type Format string

// The formats ingest recognises. Detection looks at content, not extensions.
const (
	FormatMarkdown Format = "markdown"
	FormatAsciiDoc Format = "asciidoc"
	FormatText     Format = "text"
	FormatHTML     Format = "html"
)

// Source is one file as read from disk and decoded to UTF-8 text.
type Source struct {
	Path     string // path as given on the command line (cleaned)
	Text     string // decoded text: UTF-8, no BOM, LF line endings
	SHA256   string // hex digest of the raw bytes on disk
	Size     int64
	Encoding string // "utf-8", "utf-16le", "windows-1252", …
}

// Document is one parsed source, the same tree for every format.
type Document struct {
	Path   string
	Format Format
	// Meta is the YAML front matter (or AsciiDoc attributes), nil when absent.
	Meta map[string]any
	// Title is the document title: front matter title, AsciiDoc "= Title",
	// a leading "# Title", or "" when the format has none.
	Title string
	// Sections in source order. The first one may be a preamble (Level 0,
	// empty Title) holding what comes before the first heading.
	Sections []Section
	// Diagnostics are non-fatal problems met while reading or parsing.
	Diagnostics []Diagnostic
}

// Section is a heading and the blocks under it, up to the next heading of
// any level. The tree is implied by Level.
type Section struct {
	Level int    // 1–6 for marked headings, 0 for the preamble
	Title string // plain text: markup, anchors and attribute lists removed
	// Markup is the heading's text as written (links kept), where the
	// format has inline markup; extraction reads linked names from it.
	Markup string `json:"-"`
	Line   int    // 1-based line of the heading in the source
	// Guessed is true when the heading was inferred (a short standalone
	// line in plain text) rather than marked up.
	Guessed bool
	Blocks  []Block
}

// BlockKind says what kind of block a Block is.
type BlockKind string

// Block kinds shared by all formats.
const (
	BlockParagraph BlockKind = "paragraph"
	BlockList      BlockKind = "list"
	BlockQuote     BlockKind = "quote"
	BlockCode      BlockKind = "code"
	BlockExample   BlockKind = "example" // AsciiDoc ==== / **** delimited blocks
	BlockTable     BlockKind = "table"
	BlockImage     BlockKind = "image"
)

// Line is one line of plain text with its 1-based line number in the source.
type Line struct {
	N    int
	Text string
}

// Block is a paragraph, list, quote… Lines holds its plain text (markup
// stripped, links reduced to their text); for a list each item is one Line
// without its bullet, Depth giving the nesting. Markdown is the same block
// written as Markdown, for display.
type Block struct {
	Kind     BlockKind
	Line     int
	Lines    []Line
	Depths   []int // for lists: nesting depth of each Line (0 = top level)
	Markdown string
}

// Text joins the block's lines with newlines.
func (b Block) Text() string {
	parts := make([]string, len(b.Lines))
	for i, l := range b.Lines {
		parts[i] = l.Text
	}
	return strings.Join(parts, "\n")
}

// Diagnostic is a problem tied to a place in a file.
type Diagnostic struct {
	Path    string
	Line    int // 0 when not tied to a line
	Message string
}

func (d Diagnostic) Error() string {
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", d.Path, d.Line, d.Message)
	}
	return fmt.Sprintf("%s: %s", d.Path, d.Message)
}

// Event is the conference a post is about.
type Event struct {
	Name   string `json:"name"`
	Series string `json:"series"`
	City   string `json:"city"`
	Year   int    `json:"year"`
	Date   string `json:"date"` // ISO 8601 first day, "" when unknown
}

// Kind of a talk.
type TalkKind string

// Talk kinds.
const (
	KindTalk      TalkKind = "talk"
	KindKeynote   TalkKind = "keynote"
	KindLightning TalkKind = "lightning"
	KindWorkshop  TalkKind = "workshop"
)

// Speaker is a person presenting a talk, as the post describes them.
type Speaker struct {
	Name    string `json:"name"`
	Role    string `json:"role"`    // "" when not stated
	Company string `json:"company"` // canonical short name, "" when not stated
}

// ServiceCount is an AWS service (canonical name) and how often it is named.
type ServiceCount struct {
	Name     string `json:"name"`
	Mentions int    `json:"mentions"`
}

// Talk is one session extracted from a post.
type Talk struct {
	Title       string
	Kind        TalkKind
	Line        int // line of the talk's heading or title in the source
	Speakers    []Speaker
	Companies   []string // speakers' employers and presenting organisations
	Services    []ServiceCount
	NoteAuthors []string // "Résumé par …": who wrote the notes, never speakers
	Body        string   // the section's notes, as Markdown
	Summary     string   // first sentences of the body, plain text
	// Event is the talk's own event when a correction moved it to
	// another one than its post's; nil for the post's event.
	Event *Event
}

// Post is what extraction finds in one Document.
type Post struct {
	Path     string
	Format   Format
	Title    string
	Event    *Event // nil when the post is not about a conference
	Talks    []Talk
	Services []ServiceCount // every AWS service named anywhere in the post
	// Explain records why values were extracted, for --explain / --dry-run.
	Explain []string
}
