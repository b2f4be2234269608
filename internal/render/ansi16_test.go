package render

import (
	"regexp"
	"testing"

	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/glamour/styles"
	"github.com/muesli/termenv"
)

// ansiForeground matches an SGR sequence that sets one of the 16 colours.
var ansiForeground = regexp.MustCompile(`\x1b\[(?:\d+;)*(?:3[0-7]|9[0-7])(?:;\d+)*m`)

// TestANSI16StyleRendersTheSame renders a search page in 16 colours with
// each of glamour's styles, as glamour does by itself and with the colours
// converted beforehand: the bytes must be the same.
func TestANSI16StyleRendersTheSame(t *testing.T) {
	// No code block: glamour hands those to chroma, whose theme it
	// registers once per process from whichever style renders first, so
	// their colours depend on the order of the subtests, not on the style.
	page := searchHitsPage(3) + "\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- a list\n- *emphasis* and `code`\n"
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
			if name != "ascii" && name != "notty" && !ansiForeground.MatchString(want) {
				t.Fatalf("no colour in glamour's own 16-colour rendering: the comparison would prove nothing")
			}
			if got != want {
				i := 0
				for i < min(len(got), len(want)) && got[i] == want[i] {
					i++
				}
				from := max(0, i-80)
				t.Errorf("16-colour rendering differs at byte %d:\ngot  …%q\nwant …%q", i, got[from:min(len(got), i+120)], want[from:min(len(want), i+120)])
			}
		})
	}
	if _, ok := ansi16Style("/no/such/style.json"); ok {
		t.Error("a missing style file was read")
	}
}
