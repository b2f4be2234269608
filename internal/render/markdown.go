package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/glamour/ansi"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"
)

// Markdown writes a Markdown page. On a terminal it is rendered by glamour
// in the style GlamourStyle resolves, word-wrapped to s.Width, and paged
// when it is taller than the screen. In a pipe the Markdown is written as
// is, so it can be pasted or piped to another tool, without trailing
// spaces. Either way control sequences are removed first.
func Markdown(s *IO, md string) error {
	md = sanitizeMarkdown(md)
	if !s.OutTerminal {
		_, err := io.WriteString(s.Out, trimLines(md))
		return err
	}
	// The style is resolved here, before the pager starts.
	style := s.GlamourStyle()
	profile := termenv.Ascii
	if s.Color {
		profile = termenv.NewOutput(s.Out).EnvColorProfile()
	}
	styleOpt := glamour.WithStylePath(style) // it reports a style it cannot read
	load := loadStyle
	if profile == termenv.ANSI {
		load = ansi16Style
	}
	if cfg, ok := load(style); ok {
		quoteWidth(&cfg.BlockQuote)
		styleOpt = glamour.WithStyles(cfg)
	}
	r, err := glamour.NewTermRenderer(styleOpt,
		glamour.WithWordWrap(max(s.Width-2, 20)),
		glamour.WithColorProfile(profile))
	if err != nil {
		return fmt.Errorf("markdown style %q: %w", style, err)
	}
	out, err := r.Render(md)
	if err != nil {
		return err
	}
	return s.Page(out)
}

// quoteWidth makes glamour wrap block quotes at the width their bar takes.
// glamour v1 draws the bar ("│ ", two columns) once per column of Indent
// but wraps their text as if it took one: each line came out a column too
// long, and was wrapped again, leaving a word alone on a line without the
// bar (every search snippet on a terminal). Margin draws the bar once too,
// and counts two columns: the same bar, at its real width.
func quoteWidth(q *ansi.StyleBlock) {
	if q.IndentToken == nil || q.Indent == nil || q.Margin != nil && *q.Margin != 0 ||
		runewidth.StringWidth(*q.IndentToken) != 2 {
		return
	}
	zero, n := uint(0), *q.Indent
	q.Indent, q.Margin = &zero, &n
}

// trimLines removes the spaces and tabs that end lines, so that piped
// output carries no padding.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(lines, "\n")
}
