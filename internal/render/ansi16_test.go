package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/glamour/styles"
	"github.com/muesli/termenv"
)

// TestANSI16StyleRendersTheSame renders a search page in 16 colours with
// each of glamour's styles, as glamour does by itself and with the colours
// converted beforehand: the bytes must be the same.
func TestANSI16StyleRendersTheSame(t *testing.T) {
	page := searchHitsPage(3) + "\n```go\nfunc main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
	render := func(t *testing.T, style glamour.TermRendererOption) string {
		t.Helper()
		r, err := glamour.NewTermRenderer(style, glamour.WithWordWrap(78), glamour.WithColorProfile(termenv.ANSI))
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.Render(page)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for name := range styles.DefaultStyles {
		t.Run(name, func(t *testing.T) {
			cfg, ok := ansi16Style(name)
			if !ok {
				t.Fatal("style not read")
			}
			want := render(t, glamour.WithStylePath(name))
			got := render(t, glamour.WithStyles(cfg))
			if name != "ascii" && name != "notty" && !strings.Contains(want, "\x1b[3") {
				t.Fatalf("no colour in glamour's own 16-colour rendering: the comparison would prove nothing")
			}
			if got != want {
				t.Errorf("16-colour rendering differs:\ngot  %q\nwant %q", got[:min(len(got), 300)], want[:min(len(want), 300)])
			}
		})
	}
	if _, ok := ansi16Style("/no/such/style.json"); ok {
		t.Error("a missing style file was read")
	}
}
