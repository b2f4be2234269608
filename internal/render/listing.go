package render

import "fmt"

// NoMatch prints the hint for an empty result on a terminal; in a pipe an
// empty result is just empty output.
func NoMatch(s *IO, what string) {
	if s.OutTerminal {
		fmt.Fprintf(s.Err, "no %s match\n", what)
	}
}

// Count prints how many rows a listing showed, on stderr, on a terminal
// only: in a pipe, stdout is the rows and nothing else.
func Count(s *IO, n int, one, many string) {
	if s.OutTerminal && s.ErrTerminal {
		fmt.Fprintln(s.Err, Plural(n, one, many))
	}
}

// Cut says, on a terminal's stderr, that --limit kept shown of total
// results: "20 of 54 hits; --limit 0 for all". Said whenever stderr is a
// terminal, also when the results go down a pipe ("| head"), which is
// when they are most easily taken for all there is.
func Cut(s *IO, shown, total int, many string) {
	if s.ErrTerminal && total > shown {
		fmt.Fprintf(s.Err, "%d of %d %s; --limit 0 for all\n", shown, total, many)
	}
}
