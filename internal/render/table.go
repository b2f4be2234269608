package render

import (
	"bufio"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// columnGap is the space between two columns of a terminal table.
const columnGap = 2

// minColumn is the narrowest a column is squeezed to, when the table
// cannot fit otherwise, before it is allowed to overflow the width.
const minColumn = 6

// Importance says how a column of a terminal table gives way when the
// terminal is too narrow for every cell (issue 16, item 5): the least
// important columns shrink, then go, before the ones a reader came for
// lose much. In a pipe every column is printed whole. The order in which
// they give way is giveWaySteps.
type Importance int

const (
	// Fixed columns (ids, counts) are never shortened nor left out: an id
	// cut short is another id.
	Fixed Importance = iota
	// Optional columns (a date, a format, a kind) are left out first;
	// cut short they would be wrong rather than short.
	Optional
	// Context columns (an event, a city) shrink first, then are left out.
	Context
	// Main columns (the speakers) shrink last, with the Key columns and
	// in proportion to what each can give, and are left out only when
	// the table does not fit even then.
	Main
	// Key columns (a title, a name, a path) shrink last with the Main
	// columns and are never left out.
	Key
)

// step is one way a table gives way: the columns of an importance shrink
// to a width (when they are wider), or the last shown of them is left out.
type step struct {
	shrink map[Importance]int // importance → the width it shrinks to
	drop   Importance         // with no shrink: the importance left out
}

// giveWaySteps is the order in which the columns of a table give way,
// each step taken only when the ones before it were not enough: an event
// is still recognised by its first ten characters; a long title loses
// its end down to 48 characters (the speakers down to 24), then a date
// goes before the title is cut below 36 characters or the speakers below
// 20, and the event goes before they are cut further, to 20 and 12; then
// the speakers go, and last the title is cut to minColumn.
var giveWaySteps = []step{
	{shrink: map[Importance]int{Context: 10}},
	{shrink: map[Importance]int{Key: 48, Main: 24}},
	{drop: Optional},
	{shrink: map[Importance]int{Key: 36, Main: 20}},
	{drop: Context},
	{shrink: map[Importance]int{Key: 20, Main: 12}},
	{drop: Main},
	{shrink: map[Importance]int{Key: minColumn}},
}

// Column is a column of a table: its header on a terminal and how it
// gives way on a narrow one.
type Column struct {
	Header     string
	Importance Importance
	// KeepEnd cuts a long cell at its start instead of its end: the end
	// of a path is the file's name.
	KeepEnd bool
}

// Table writes rows under columns. On a terminal it is an aligned table,
// cells measured in display columns; when the table is wider than s.Width
// its columns give way by importance (see Importance), the columns shown
// cut with "…"; columns of numbers (but the first) are aligned right, and
// the table is paged when taller than the screen. In a pipe it is one
// tab-separated line per row, every column, with no header and no
// padding, so that cut, sort and awk see stable fields. Every cell is
// sanitized and kept on one line.
func Table(s *IO, cols []Column, rows [][]string) error {
	if !s.OutTerminal {
		return TSV(s, rows)
	}
	if len(rows) == 0 {
		return nil
	}
	n := len(cols)
	for _, row := range rows {
		n = max(n, len(row))
	}
	cols = append(cols[:len(cols):len(cols)], make([]Column, n-len(cols))...)
	clean := make([][]string, 0, len(rows)+1)
	head := make([]string, n)
	for i, c := range cols {
		head[i] = c.Header
	}
	clean = append(clean, head)
	for _, row := range rows {
		r := make([]string, n)
		for i, c := range row {
			r[i] = cell(c)
		}
		clean = append(clean, r)
	}
	widths := layout(cols, naturalWidths(clean), s.Width)
	right := numericColumns(clean[1:], n)
	last := -1
	for i, w := range widths {
		if w >= 0 {
			last = i
		}
	}
	var out strings.Builder
	for ri, row := range clean {
		var line strings.Builder
		for i, c := range row {
			if widths[i] < 0 {
				continue
			}
			c = truncate(c, widths[i], cols[i].KeepEnd)
			if right[i] {
				c = runewidth.FillLeft(c, widths[i])
			}
			if i < last {
				c = runewidth.FillRight(c, widths[i]+columnGap)
			}
			line.WriteString(c)
		}
		text := strings.TrimRight(line.String(), " ")
		if ri == 0 && s.Color {
			text = "\x1b[1m" + text + "\x1b[0m"
		}
		out.WriteString(text)
		out.WriteByte('\n')
	}
	return s.Page(out.String())
}

// truncate cuts c to w display columns with "…", at its end, or at its
// start when keepEnd is set.
func truncate(c string, w int, keepEnd bool) string {
	cw := runewidth.StringWidth(c)
	if !keepEnd || cw <= w || w < 2 {
		return runewidth.Truncate(c, w, "…")
	}
	return runewidth.TruncateLeft(c, cw-w+1, "…")
}

// numericColumns marks the columns, but the first (an id reads better on
// the left), whose every non-empty cell is a number: they are aligned
// right so that counts line up by units.
func numericColumns(rows [][]string, n int) []bool {
	right := make([]bool, n)
	for i := 1; i < n; i++ {
		right[i] = true
		seen := false
		for _, row := range rows {
			if row[i] == "" {
				continue
			}
			seen = true
			if strings.TrimLeft(row[i], "0123456789") != "" {
				right[i] = false
				break
			}
		}
		right[i] = right[i] && seen
	}
	return right
}

// naturalWidths is the display width of the widest cell of each column.
func naturalWidths(rows [][]string) []int {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], runewidth.StringWidth(c))
		}
	}
	return widths
}

// layout is the width of each column of a table whose widest cells are
// natural wide, for a terminal total columns wide; -1 for a column left
// out. It takes as few of giveWaySteps as make the table fit, leaving out
// a column at a time (the rightmost of its importance first) and working
// the widths out again after each, so that what a column left out frees
// goes back to the others. A table that does not fit after every step
// overflows the width.
func layout(cols []Column, natural []int, total int) []int {
	widths := append([]int(nil), natural...)
	if total <= 0 {
		return widths
	}
	for {
		var ok bool
		if widths, ok = shrink(cols, natural, widths, total); ok {
			return widths
		}
		drop := nextDrop(cols, widths)
		if drop < 0 {
			return widths
		}
		widths[drop] = -1
	}
}

// shrink is the widths of the columns shown in shown (-1: left out),
// natural wide at first, after as many of the shrinking steps of
// giveWaySteps as make them fit in total, stopping at a step that leaves
// out columns still shown; ok says whether they fit.
func shrink(cols []Column, natural, shown []int, total int) (widths []int, ok bool) {
	widths = make([]int, len(natural))
	for i, w := range shown {
		widths[i] = natural[i]
		if w < 0 {
			widths[i] = -1
		}
	}
	excess := overflow(widths, total)
	for _, st := range giveWaySteps {
		if excess <= 0 {
			break
		}
		if st.shrink == nil {
			if anyShown(cols, widths, st.drop) {
				break
			}
			continue
		}
		excess = giveWay(widths, excess, func(i int) int {
			if to, ok := st.shrink[cols[i].Importance]; ok {
				return min(natural[i], to)
			}
			return -1
		})
	}
	return widths, excess <= 0
}

// nextDrop is the column to leave out next: the rightmost shown column of
// the first importance giveWaySteps leaves out that has one; -1 for none.
func nextDrop(cols []Column, widths []int) int {
	for _, st := range giveWaySteps {
		if st.shrink != nil {
			continue
		}
		for i := len(cols) - 1; i >= 0; i-- {
			if cols[i].Importance == st.drop && widths[i] >= 0 {
				return i
			}
		}
	}
	return -1
}

// anyShown reports whether a column of importance imp is shown.
func anyShown(cols []Column, widths []int, imp Importance) bool {
	for i, c := range cols {
		if c.Importance == imp && widths[i] >= 0 {
			return true
		}
	}
	return false
}

// overflow is by how many columns the shown columns (width >= 0) and the
// gaps between them exceed total.
func overflow(widths []int, total int) int {
	sum, shown := 0, 0
	for _, w := range widths {
		if w >= 0 {
			sum += w
			shown++
		}
	}
	return sum + columnGap*max(shown-1, 0) - total
}

// giveWay narrows the shown columns that floor gives a floor for (-1: the
// column does not give way) by excess columns in all, each in proportion
// to what it can give above its floor, and returns what is left of excess
// when all are down to their floors.
func giveWay(widths []int, excess int, floor func(int) int) int {
	spare := make([]int, len(widths))
	all := 0
	for i, w := range widths {
		if f := floor(i); w >= 0 && f >= 0 && w > f {
			spare[i] = w - f
			all += spare[i]
		}
	}
	if all <= excess {
		for i := range widths {
			widths[i] -= spare[i]
		}
		return excess - all
	}
	cut := 0
	for i := range widths {
		c := excess * spare[i] / all
		widths[i] -= c
		spare[i] -= c
		cut += c
	}
	// What rounding down left over: a column each, the widest first.
	for ; cut < excess; cut++ {
		widest := -1
		for i, sp := range spare {
			if sp > 0 && (widest < 0 || widths[i] > widths[widest]) {
				widest = i
			}
		}
		widths[widest]--
		spare[widest]--
	}
	return 0
}

// PathField is a file path as a field of a table row, escaped so that the
// field can be turned back into the very path: a table cell collapses
// white space and drops control characters, which left `notes sources |
// cut -f1` with names no file has (issue 13, item 10). A backslash becomes
// \\, a tab \t, a newline \n, a carriage return \r; any other control
// character, any byte that is not UTF-8 and any white space but a lone
// space between two other characters becomes \xHH, one per byte (so a
// double space is " \x20"). bash's printf %b undoes it. A path with none
// of these (nearly all) is printed as is.
func PathField(path string) string {
	var b strings.Builder
	prevSpace := true // the start of the path counts as white space
	for i := 0; i < len(path); {
		r, size := utf8.DecodeRuneInString(path[i:])
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == ' ' && !prevSpace && i+size < len(path):
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == utf8.RuneError && size == 1 || unicode.IsSpace(r):
			for _, c := range []byte(path[i : i+size]) {
				fmt.Fprintf(&b, `\x%02x`, c)
			}
		default:
			b.WriteString(path[i : i+size])
		}
		prevSpace = unicode.IsSpace(r)
		i += size
	}
	return b.String()
}

// TSV writes rows as tab-separated lines, with no header, whatever the
// output: what a pipe gets from Table, for a command whose terminal output
// is something else (the search page).
func TSV(s *IO, rows [][]string) error {
	w := bufio.NewWriter(s.Out)
	for _, row := range rows {
		for i, c := range row {
			if i > 0 {
				w.WriteByte('\t')
			}
			w.WriteString(cell(c))
		}
		w.WriteByte('\n')
	}
	return w.Flush()
}
