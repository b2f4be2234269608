package render

import (
	"bufio"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"
)

// BarGroup is one named thing (a service, a company) and its bars, one per
// label (a year).
type BarGroup struct {
	Name string
	// Total is shown next to the name on a terminal ("12 talks"); "" for
	// none.
	Total string
	Bars  []Bar
}

// Bar is one value of a group.
type Bar struct {
	Label string
	Value int
}

// maxBar is the widest a bar is drawn, in columns.
const maxBar = 40

// eighths are the blocks that end a bar, from one eighth of a column to a
// full one.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// BarChart writes groups of horizontal bars. On a terminal each group is
// its name, then one line per bar: the label, a bar of Unicode blocks
// (▏▎▍▌▋▊▉█, so an eighth of a column is visible) scaled to the largest
// value of the whole chart, and the value. In a pipe it is one
// tab-separated line per bar, name, label, value, with no header, so that
// the numbers can be sorted or plotted.
func BarChart(s *IO, groups []BarGroup) error {
	if !s.OutTerminal {
		w := bufio.NewWriter(s.Out)
		for _, g := range groups {
			name := cell(g.Name)
			for _, b := range g.Bars {
				w.WriteString(name)
				w.WriteByte('\t')
				w.WriteString(cell(b.Label))
				w.WriteByte('\t')
				w.WriteString(strconv.Itoa(b.Value))
				w.WriteByte('\n')
			}
		}
		return w.Flush()
	}
	top, labelW, valueW := 0, 0, 0
	for _, g := range groups {
		for _, b := range g.Bars {
			top = max(top, b.Value)
			labelW = max(labelW, runewidth.StringWidth(cell(b.Label)))
			valueW = max(valueW, len(strconv.Itoa(b.Value)))
		}
	}
	// "  LABEL  BAR VALUE"
	width := min(maxBar, s.Width-2-labelW-2-1-valueW)
	width = max(width, 4)
	var out strings.Builder
	for gi, g := range groups {
		if gi > 0 {
			out.WriteByte('\n')
		}
		head := runewidth.Truncate(cell(g.Name), max(s.Width-runewidth.StringWidth(g.Total)-2, 10), "…")
		if s.Color {
			head = "\x1b[1m" + head + "\x1b[0m"
		}
		out.WriteString(head)
		if g.Total != "" {
			out.WriteString("  ")
			out.WriteString(cell(g.Total))
		}
		out.WriteByte('\n')
		for _, b := range g.Bars {
			out.WriteString("  ")
			out.WriteString(runewidth.FillRight(cell(b.Label), labelW))
			out.WriteString("  ")
			out.WriteString(bar(b.Value, top, width))
			out.WriteByte(' ')
			out.WriteString(strconv.Itoa(b.Value))
			out.WriteByte('\n')
		}
	}
	return s.Page(out.String())
}

// bar draws value on a scale where top fills width columns, in eighths of
// a column; any value above zero shows at least one eighth.
func bar(value, top, width int) string {
	if value <= 0 || top <= 0 {
		return ""
	}
	n := (value*width*8 + top/2) / top
	n = max(n, 1)
	return strings.Repeat("█", n/8) + eighths[n%8]
}
