package render

import (
	"os/exec"
	"strings"
	"testing"
)

func TestPageInAPipeWritesDirectly(t *testing.T) {
	s, out, _ := Buffers()
	s.Pager = "false" // never run in a pipe
	if err := s.Page("a\nb\n"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "a\nb\n" {
		t.Errorf("pipe output = %q", out.String())
	}
}

func TestPageShortTextSkipsPager(t *testing.T) {
	s, out, _ := Buffers()
	s.OutTerminal, s.Height, s.Pager = true, 10, "false"
	if err := s.Page("one\ntwo\n"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "one\ntwo\n" {
		t.Errorf("output = %q", out.String())
	}
}

func TestPageLongTextGoesThroughPager(t *testing.T) {
	if _, err := exec.LookPath("sed"); err != nil {
		t.Skip("no sed")
	}
	s, out, errOut := Buffers()
	s.OutTerminal, s.Height, s.Pager = true, 2, "sed s/^/paged:/"
	if err := s.Page("a\nb\nc\n"); err != nil {
		t.Fatal(err)
	}
	if want := "paged:a\npaged:b\npaged:c\n"; out.String() != want {
		t.Errorf("paged output = %q, want %q (stderr %q)", out.String(), want, errOut.String())
	}

	// --no-pager
	s, out, _ = Buffers()
	s.OutTerminal, s.Height, s.Pager, s.NoPager = true, 2, "sed s/^/paged:/", true
	if err := s.Page("a\nb\nc\n"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "a\nb\nc\n" {
		t.Errorf("--no-pager output = %q", out.String())
	}
}

// A pager that quits before reading everything (q in less) is not an
// error, however much was left to write.
func TestPagerQuittingEarlyIsNotAnError(t *testing.T) {
	if _, err := exec.LookPath("head"); err != nil {
		t.Skip("no head")
	}
	s, out, _ := Buffers()
	s.OutTerminal, s.Height, s.Pager = true, 5, "head -n 1"
	text := strings.Repeat("a long line of text that fills the pipe buffer\n", 100000)
	if err := s.Page(text); err != nil {
		t.Fatalf("Page with a pager quitting early: %v", err)
	}
	if out.String() != "a long line of text that fills the pipe buffer\n" {
		t.Errorf("pager output = %.80q", out.String())
	}
}

func TestPagerMissingFallsBack(t *testing.T) {
	s, out, errOut := Buffers()
	s.OutTerminal, s.Height, s.Pager = true, 1, "/no/such/pager -R"
	if err := s.Page("a\nb\n"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "a\nb\n" {
		t.Errorf("output = %q", out.String())
	}
	if !strings.Contains(errOut.String(), `cannot start pager "/no/such/pager -R"`) {
		t.Errorf("stderr = %q", errOut.String())
	}
}

// A terminal of unknown height (an unsized pseudo-terminal) is not paged:
// the pager would wait for keys nobody types.
func TestPageUnknownHeightSkipsPager(t *testing.T) {
	s, out, _ := Buffers()
	s.OutTerminal, s.Height, s.Pager = true, 0, "false"
	if err := s.Page("a\nb\nc\n"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "a\nb\nc\n" {
		t.Errorf("output = %q", out.String())
	}
}
