package render

import (
	"fmt"
	"time"
)

// Progress shows "importing 120/4000 files" on a terminal's stderr, when
// there is more than one file.
type Progress struct {
	io      *IO
	on      bool
	last    time.Time
	showing bool
}

// NewProgress returns the progress line of s, shown when want is true and
// stderr is a terminal.
func NewProgress(s *IO, want bool) *Progress {
	return &Progress{io: s, on: want && s.ErrTerminal}
}

// Step shows that done files of total were handled, at most ten times a
// second.
func (p *Progress) Step(done, total int) {
	if !p.on || total <= 1 || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.io.Err, "\r\x1b[Kimporting %d/%d files…", done, total)
	p.showing = true
}

// Clear erases the progress line before another message.
func (p *Progress) Clear() {
	if p.showing {
		fmt.Fprint(p.io.Err, "\r\x1b[K")
		p.showing = false
	}
}

// Done erases the progress line for good.
func (p *Progress) Done() {
	p.Clear()
	p.on = false
}
