package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/glamour"
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
	styleOpt := glamour.WithStylePath(style)
	if profile == termenv.ANSI {
		if cfg, ok := ansi16Style(style); ok {
			styleOpt = glamour.WithStyles(cfg)
		}
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

// trimLines removes the spaces and tabs that end lines, so that piped
// output carries no padding.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(lines, "\n")
}
