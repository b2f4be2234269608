// Package render writes what the commands show: aligned tables and glamour
// Markdown on a terminal, stable tab-separated rows and raw Markdown in a
// pipe, and JSON everywhere; the pages made of the domain's records (a
// talk, search hits, a dry run, talks per year), the progress line, the
// counts and hints of listings. It receives strings, rows and core
// records, never queries anything, and strips terminal control sequences
// from every value that came from a post before printing it.
package render

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"sync"

	"github.com/muesli/termenv"
	"golang.org/x/term"
)

// DefaultWidth is the width used when neither the terminal, COLUMNS nor
// --width says otherwise.
const DefaultWidth = 80

// IO is the set of streams a command reads and writes, with what is known
// about the terminal behind them. Commands never reach for os.Stdout.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer

	// OutTerminal and ErrTerminal say whether stdout and stderr are
	// terminals: tables, glamour and hints only go to terminals.
	OutTerminal bool
	ErrTerminal bool

	// Width is the number of columns output may use: the terminal's width,
	// else $COLUMNS, else DefaultWidth; --width overrides it.
	Width int

	// Color is false when NO_COLOR is set, --no-color is given or stdout is
	// not a terminal.
	Color bool

	// Style is the glamour style asked for by --style or GLAMOUR_STYLE
	// (a standard style name or a JSON file); "" means detect dark/light.
	Style string

	// Height is the number of lines of the terminal, or $LINES, 0 when
	// unknown: output taller than this goes through the pager; with 0
	// nothing is paged.
	Height int

	// Pager is the command long output is paged with on a terminal:
	// $PAGER, else DefaultPager. "" or "cat" means no pager.
	Pager string

	// NoPager turns the pager off (--no-pager).
	NoPager bool

	// JSONFields are the fields JSON keeps of each record (--json
	// FIELDS); nil keeps them all.
	JSONFields []string
	// JQ is the jq program JSON goes through (--jq), nil for none.
	JQ *JQ

	// getenv reads the environment of the pager.
	getenv func(string) string
	// sized is true when the terminal told its size: a pseudo-terminal
	// with no size has no terminal emulator behind it to ask for its
	// background colour.
	sized bool

	styleOnce sync.Once
	style     string
}

// System returns the IO of the running process, probing the terminal once.
// getenv is os.Getenv outside tests.
func System(getenv func(string) string) *IO {
	s := &IO{
		In:          os.Stdin,
		Out:         os.Stdout,
		Err:         os.Stderr,
		OutTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTerminal: term.IsTerminal(int(os.Stderr.Fd())),
		Style:       getenv("GLAMOUR_STYLE"),
		Pager:       getenv("PAGER"),
		getenv:      getenv,
	}
	if s.Pager == "" {
		s.Pager = DefaultPager
	}
	if s.OutTerminal {
		if w, h, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 && h > 0 {
			s.Width, s.Height, s.sized = w, h, true
		}
	}
	if s.Width == 0 {
		s.Width = columns(getenv)
	}
	if s.Height == 0 {
		s.Height = positive(getenv("LINES"))
	}
	s.Color = s.OutTerminal && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
	return s
}

// Buffers returns an IO writing to two buffers, as a pipe would: no
// terminal, no colour, DefaultWidth columns. It is meant for tests.
func Buffers() (s *IO, stdout, stderr *bytes.Buffer) {
	stdout, stderr = &bytes.Buffer{}, &bytes.Buffer{}
	return &IO{In: &bytes.Buffer{}, Out: stdout, Err: stderr, Width: DefaultWidth}, stdout, stderr
}

// columns reads $COLUMNS, falling back to DefaultWidth.
func columns(getenv func(string) string) int {
	if n := positive(getenv("COLUMNS")); n > 0 {
		return n
	}
	return DefaultWidth
}

// positive parses a positive number, 0 for anything else.
func positive(v string) int {
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return n
	}
	return 0
}

// GlamourStyle is the glamour style Markdown is rendered with on a
// terminal, resolved once: "notty" without colour, else the requested
// style (--style, then GLAMOUR_STYLE), else "dark" or "light" from the
// terminal's background. Detection queries the terminal, so it only happens
// on a terminal that told its size (an unsized pseudo-terminal has nobody
// to answer, and asking would wait seconds: "dark" then), and Markdown
// calls it before any pager takes the screen over (a pager would swallow
// the terminal's answer).
func (s *IO) GlamourStyle() string {
	s.styleOnce.Do(func() {
		switch {
		case !s.Color:
			s.style = "notty"
		case s.Style != "" && s.Style != "auto":
			s.style = s.Style
		case !s.OutTerminal:
			s.style = "notty"
		case !s.sized:
			s.style = "dark"
		case termenv.NewOutput(s.Out).HasDarkBackground():
			s.style = "dark"
		default:
			s.style = "light"
		}
	})
	return s.style
}
