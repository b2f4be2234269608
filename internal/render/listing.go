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
