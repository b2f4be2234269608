package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// talkColumns are the columns of "notes talks".
var talkColumns = []Column{
	{Header: "ID"},
	{Header: "EVENT", Importance: Context},
	{Header: "DATE", Importance: Optional},
	{Header: "TITLE", Importance: Key},
	{Header: "SPEAKERS", Importance: Main},
}

// narrowTalks are rows of the talks table as the demo posts give them.
var narrowTalks = [][]string{
	{"48", "AWS Summit Paris 2024", "2024-04-03", "Keynote d'ouverture : l'IA générative au service des développeurs", "Arnaud Vidal"},
	{"49", "AWS Summit Paris 2024", "2024-04-03", "Passer de la preuve de concept à la production avec Amazon Bedrock", "Camille Ferrand, Thomas Lefebvre"},
	{"133", "Kafka Summit London 2024", "2024-03-19", "Des workflows plus simples avec Step Functions", "Sophie Garnier"},
}

// TestTableNarrowTerminal is the regression test of issue 16, item 5: at
// 60 columns a talk's title showed 12 characters while the event took as
// many. The date and the event give way first, and go; the title and the
// speakers keep most of the width.
func TestTableNarrowTerminal(t *testing.T) {
	tests := []struct {
		width     int
		headers   string // the header line, which says the columns shown
		minTitle  int    // the title column is at least this wide
		speakersW int    // the speakers column is at least this wide, 0: left out
	}{
		{width: 200, headers: "ID   EVENT                     DATE        TITLE", minTitle: 66, speakersW: 32},
		{width: 100, headers: "ID   EVENT       TITLE", minTitle: 48, speakersW: 24},
		{width: 60, headers: "ID   TITLE", minTitle: 30, speakersW: 16},
		{width: 40, headers: "ID   TITLE", minTitle: 20, speakersW: 12},
		{width: 30, headers: "ID   TITLE", minTitle: 24, speakersW: 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.width), func(t *testing.T) {
			s, out, _ := Buffers()
			s.OutTerminal, s.Width = true, tt.width
			if err := Table(s, talkColumns, narrowTalks); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			for _, line := range lines {
				if w := runewidth.StringWidth(line); w > tt.width {
					t.Errorf("line of %d columns, want at most %d: %q", w, tt.width, line)
				}
			}
			if !strings.HasPrefix(lines[0], tt.headers) {
				t.Errorf("headers %q, want them to start %q", lines[0], tt.headers)
			}
			title := strings.Index(lines[0], "TITLE")
			speakers := strings.Index(lines[0], "SPEAKERS")
			if got := speakers > 0; got != (tt.speakersW > 0) {
				t.Fatalf("speakers shown: %v, want %v:\n%s", got, tt.speakersW > 0, out)
			}
			if speakers < 0 {
				speakers = tt.width + columnGap
			}
			if got := speakers - columnGap - title; got < tt.minTitle {
				t.Errorf("title column %d wide, want at least %d:\n%s", got, tt.minTitle, out)
			}
			if got := tt.width - speakers; tt.speakersW > 0 && got < tt.speakersW {
				t.Errorf("speakers column %d wide, want at least %d:\n%s", got, tt.speakersW, out)
			}
		})
	}
}

// TestLayoutGivesWayInOrder checks, for every width from 10 to 200
// columns, that a column shown on a terminal is shown on every wider one,
// that a column is left out only when those that go before it are (date,
// then event, then speakers; the id and the title never), and that the
// table fits whenever the id and a few characters of the title can.
func TestLayoutGivesWayInOrder(t *testing.T) {
	natural := []int{3, 24, 10, 66, 32}
	dropOrder := func(imp Importance) int {
		for i, st := range giveWaySteps {
			if st.shrink == nil && st.drop == imp {
				return i
			}
		}
		return len(giveWaySteps) // never left out
	}
	var prev []int
	for total := 10; total <= 200; total++ {
		w := layout(talkColumns, natural, total)
		for i, c := range talkColumns {
			if w[i] >= 0 {
				continue
			}
			if dropOrder(c.Importance) == len(giveWaySteps) {
				t.Errorf("at %d columns %s is left out: %v", total, c.Header, w)
			}
			for j, d := range talkColumns {
				if w[j] >= 0 && dropOrder(d.Importance) < dropOrder(c.Importance) {
					t.Errorf("at %d columns %s is left out but %s is shown: %v", total, c.Header, d.Header, w)
				}
			}
		}
		for i := range w {
			if prev != nil && prev[i] >= 0 && w[i] < 0 {
				t.Errorf("%s is shown at %d columns, not at %d: %v", talkColumns[i].Header, total-1, total, w)
			}
		}
		if ex := overflow(w, total); ex > 0 && total >= natural[0]+columnGap+minColumn {
			t.Errorf("at %d columns the table overflows by %d: %v", total, ex, w)
		}
		prev = w
	}
}

// TestTableKeepEnd checks that a path cut short keeps its end, the
// file's name.
func TestTableKeepEnd(t *testing.T) {
	s, out, _ := Buffers()
	s.OutTerminal, s.Width = true, 30
	rows := [][]string{{"testdata/posts/2022-07-04-soleil-tech-2022.txt", "5"}}
	if err := Table(s, []Column{{Header: "PATH", Importance: Key, KeepEnd: true}, {Header: "TALKS"}}, rows); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if got := lines[1]; !strings.HasPrefix(got, "…") || !strings.Contains(got, "soleil-tech-2022.txt  ") {
		t.Errorf("a long path is cut at its start, keeping the file's name: got %q", got)
	}
	if w := runewidth.StringWidth(lines[1]); w > 30 {
		t.Errorf("line of %d columns, want at most 30: %q", w, lines[1])
	}
}
