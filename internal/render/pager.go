package render

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
)

// DefaultPager is the pager used when $PAGER is not set: less quitting at
// once when the text fits on one screen (-F), passing colours through (-R)
// and leaving the text on the screen when it quits (-X).
const DefaultPager = "less -FRX"

// Page writes text to s.Out. On a terminal, unless --no-pager was given,
// text taller than the screen goes through the pager; everything else, and
// everything in a pipe, is written as is. A pager quitting before it read
// everything (q in less) is not an error, and a pager that cannot be
// started is bypassed with a warning.
func (s *IO) Page(text string) error {
	if !s.wantPager(text) {
		_, err := io.WriteString(s.Out, text)
		return err
	}
	args := strings.Fields(s.Pager)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout = s.Out
	cmd.Stderr = s.Err
	cmd.Env = pagerEnv(s.getenv)
	in, err := cmd.StdinPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		fmt.Fprintf(s.Err, "notes: warning: cannot start pager %q: %v (use --no-pager or set PAGER)\n", s.Pager, err)
		_, err = io.WriteString(s.Out, text)
		return err
	}
	_, werr := io.WriteString(in, text)
	cerr := in.Close()
	// The pager's exit status is its own business: less exits 0 on q, and
	// a pager killed by Ctrl-C has already told the user.
	_ = cmd.Wait()
	for _, err := range []error{werr, cerr} {
		if err != nil && !closedPipe(err) {
			return err
		}
	}
	return nil
}

// wantPager reports whether text should go through the pager: only on a
// terminal, with a pager configured, and when the text does not fit on the
// screen. A terminal whose height is unknown (a pseudo-terminal nobody
// sized, as script(1) makes without a terminal behind it) is not paged: a
// pager there would wait for keys no one types.
func (s *IO) wantPager(text string) bool {
	if !s.OutTerminal || s.NoPager {
		return false
	}
	args := strings.Fields(s.Pager)
	if len(args) == 0 || args[0] == "cat" {
		return false
	}
	return s.Height > 0 && strings.Count(text, "\n") >= s.Height
}

// closedPipe reports whether err says the reading end of a pipe went away:
// the pager quit before reading everything.
func closedPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrClosed)
}

// pagerEnv is the environment of the pager: ours, plus LESS=FRX and LV=-c
// when they are not set, so that a bare PAGER=less or lv shows colours
// instead of escape codes.
func pagerEnv(getenv func(string) string) []string {
	env := os.Environ()
	if getenv == nil {
		getenv = os.Getenv
	}
	if getenv("LESS") == "" {
		env = append(env, "LESS=FRX")
	}
	if getenv("LV") == "" {
		env = append(env, "LV=-c")
	}
	return env
}
