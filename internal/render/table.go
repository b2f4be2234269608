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

// minColumn is the narrowest a column is squeezed to before the table is
// allowed to overflow the width.
const minColumn = 6

// Table writes rows under headers. On a terminal it is an aligned table,
// cells measured in display columns, the widest ones truncated with "…" to
// fit s.Width, columns of numbers (but the first) aligned right, paged
// when taller than the screen. In a pipe it is one tab-separated line per
// row, with no header and no padding, so that cut, sort and awk see stable
// fields. Every cell is sanitized and kept on one line.
func Table(s *IO, headers []string, rows [][]string) error {
	if !s.OutTerminal {
		return TSV(s, rows)
	}
	if len(rows) == 0 {
		return nil
	}
	n := len(headers)
	for _, row := range rows {
		n = max(n, len(row))
	}
	clean := make([][]string, 0, len(rows)+1)
	head := make([]string, n)
	copy(head, headers)
	clean = append(clean, head)
	for _, row := range rows {
		r := make([]string, n)
		for i, c := range row {
			r[i] = cell(c)
		}
		clean = append(clean, r)
	}
	widths := fitWidths(naturalWidths(clean), s.Width)
	right := numericColumns(clean[1:], n)
	var out strings.Builder
	for ri, row := range clean {
		var line strings.Builder
		for i, c := range row {
			c = runewidth.Truncate(c, widths[i], "…")
			if right[i] {
				c = runewidth.FillLeft(c, widths[i])
			}
			if i < n-1 {
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

// fitWidths narrows the widest columns, one column at a time, until the
// table fits in total columns or every column is down to minColumn.
func fitWidths(widths []int, total int) []int {
	if total <= 0 {
		return widths
	}
	out := append([]int(nil), widths...)
	avail := total - columnGap*(len(out)-1)
	sum := 0
	for _, w := range out {
		sum += w
	}
	for sum > avail {
		widest := 0
		for i, w := range out {
			if w > out[widest] {
				widest = i
			}
		}
		if out[widest] <= minColumn {
			break
		}
		// Shrink the widest column to the second widest, or just enough.
		second := minColumn
		for i, w := range out {
			if i != widest && w > second {
				second = w
			}
		}
		cut := min(out[widest]-second, sum-avail)
		if cut <= 0 {
			cut = 1
		}
		out[widest] -= cut
		sum -= cut
	}
	return out
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
