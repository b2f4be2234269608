package render

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// The benchmarks below time the output stage on the shapes the commands
// print: the talks table (200 rows, to a pipe and on an 80-column
// terminal) and a page of 20 search hits rendered by glamour. Run them
// with
//
//	go test -run '^$' -bench . -benchmem ./internal/render

// benchIO is an IO writing to io.Discard, as a pipe, or as an 80-column
// terminal with colour and no pager.
func benchIO(terminal bool) *IO {
	s, _, _ := Buffers()
	s.Out = io.Discard
	if terminal {
		s.OutTerminal, s.Width, s.Color, s.NoPager = true, DefaultWidth, true, true
	}
	return s
}

var (
	benchEvents = []string{"AWS Summit Paris 2022", "AWS re:Invent 2023", "Xebicon 2019", "AWS Community Day France 2024", "DevFest Nantes 2021"}
	benchTitles = []string{
		"Karpenter en production sur EKS : retour d'expérience",
		"Serverless at scale with AWS Lambda and Step Functions",
		"Déploiement continu, observabilité et FinOps : comment nous avons divisé nos coûts par trois sans ralentir les équipes",
		"Migration d'un monolithe vers des microservices événementiels",
		"日本語のタイトル",
		"Amazon \x1b[31mS3\x1b[0m: 10 ans de stockage",
	}
	benchSpeakers = []string{"Jane Doe", "John Roe, Élodie Martin", "Hugo Petit", "Inès Bœuf, Marc Durand, Léa Blanc", ""}
)

// talkRows are n rows of the talks table: ID, EVENT, DATE, TITLE,
// SPEAKERS, with accents, a wide script, an over-long title and an escape
// sequence now and then.
func talkRows(n int) [][]string {
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{
			fmt.Sprint(i + 1),
			benchEvents[i%len(benchEvents)],
			fmt.Sprintf("20%02d-%02d-%02d", 15+i%10, 1+i%12, 1+i%28),
			benchTitles[i%len(benchTitles)],
			benchSpeakers[i%len(benchSpeakers)],
		}
	}
	return rows
}

func BenchmarkTable(b *testing.B) {
	rows := talkRows(200)
	for _, bc := range []struct {
		name     string
		terminal bool
	}{
		{"pipe-tsv/rows=200", false},
		{"terminal-80/rows=200", true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := benchIO(bc.terminal)
			b.ReportAllocs()
			for b.Loop() {
				if err := Table(s, talkColumns, rows); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// searchHitsPage is a page of n search hits as "notes search" writes it:
// a numbered heading per talk, the event line with the event in bold, the
// speakers in italics and the snippets as quotes with the matched words in
// bold.
func searchHitsPage(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "## %d. %s\n\n", i+1, EscapeMarkdown(benchTitles[i%len(benchTitles)]))
		fmt.Fprintf(&b, "talk %d · **%s** · Paris · 2022-04-12\n\n", 100+i, EscapeMarkdown(benchEvents[i%len(benchEvents)]))
		fmt.Fprintf(&b, "*%s; %s*\n\n",
			Speaker("Jane Doe", "Principal Engineer", "Acme", " — ", ""),
			Speaker("Élodie Martin", "SRE", "", " — ", ""))
		b.WriteString("> …nous avons migré nos nœuds vers **Karpenter** pour réduire les coûts de calcul de 40 %, en gardant des pods prêts en quelques secondes…\n\n")
		b.WriteString("> …le consolidation de **Karpenter** remplace les groupes de nœuds gérés par des instances spot choisies au plus juste…\n\n")
	}
	return b.String()
}

func BenchmarkMarkdownSearchPage(b *testing.B) {
	page := searchHitsPage(20)
	// Markdown asks termenv for the colour profile of s.Out, and termenv
	// gives colours only to a terminal *os.File, else to CLICOLOR_FORCE:
	// then 16 colours, what TERM=xterm or a Linux console gets. The
	// 256-colour and true-colour profiles most terminals use need a real
	// terminal, which a benchmark does not have.
	b.Setenv("CLICOLOR_FORCE", "1")
	b.Setenv("NO_COLOR", "")
	for _, bc := range []struct {
		name     string
		terminal bool
		color    bool
		style    string
	}{
		// The raw Markdown, sanitized: what a pipe gets.
		{"pipe/hits=20", false, false, ""},
		// glamour's notty style, as with NO_COLOR on a terminal.
		{"glamour-notty-80/hits=20", true, false, ""},
		// glamour's dark style in 16 colours.
		{"glamour-dark-ansi16-80/hits=20", true, true, "dark"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := benchIO(bc.terminal)
			s.Color, s.Style = bc.color, bc.style
			b.ReportAllocs()
			for b.Loop() {
				if err := Markdown(s, page); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEscapeMarkdown(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range benchTitles {
			EscapeMarkdown(t)
		}
	}
}
