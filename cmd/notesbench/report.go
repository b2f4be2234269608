package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// report is the whole benchmark, ready to be written as Markdown.
type report struct {
	cfg config
	bin string
	// baseBin is the -base notes, built from baseRev when that is a
	// revision; "" without -base.
	baseBin, baseRev string
	machine          machine
	started          time.Time
	sizes            []sizeReport
}

// markdown writes the report: the machine, then per corpus an import
// table, a query table and the notes/rg ratios, each followed by the
// commands it timed.
func (r *report) markdown() string {
	var b strings.Builder
	b.WriteString("# notes benchmark\n\n")
	fmt.Fprintf(&b, "Whole processes, as a user runs them, on generated write-ups: wall time around each process, "+
		"CPU (user+sys, median) and peak RSS (the largest of the runs) from getrusage; stdout to /dev/null. "+
		"Each query ran %d times after %d untimed warm-up runs, each import %d times.\n\n",
		r.cfg.runs, queryWarmup, r.cfg.importRuns)

	m := r.machine
	built := "given with -bin"
	if r.cfg.bin == "" {
		built = "built by notesbench from the working tree"
	}
	b.WriteString(markdownTable([]string{"machine", ""}, nil, [][]string{
		{"CPU", m.cpu},
		{"CPUs", strconv.Itoa(m.cpus)},
		{"memory", m.memory},
		{"OS/arch", m.osArch},
		{"Go", m.goVer},
		{"date", r.started.UTC().Format("2006-01-02 15:04 UTC")},
		{"notes commit", m.commit},
		{"notes binary", fmt.Sprintf("%s (%s)", r.bin, built)},
	}))
	if r.baseBin != "" {
		fmt.Fprintf(&b, "\nCompared with %s (`-base %s`, binary %s): the cold import and the searches ran alternately with both, each with its own database.\n", r.baseRev, r.cfg.base, r.baseBin)
	}
	for _, s := range r.sizes {
		b.WriteString("\n")
		s.markdown(&b, r.cfg)
	}
	return b.String()
}

func (s *sizeReport) markdown(b *strings.Builder, cfg config) {
	fmt.Fprintf(b, "## %d write-ups\n\n", s.n)
	fmt.Fprintf(b, "%d files, %.1f MB, in `%s`, generated once by `%s`.\n\n", s.files, float64(s.bytes)/1e6, s.posts, shellCommand(s.genCmd))

	b.WriteString("### Import\n\n")
	b.WriteString(timingTable("step", "s", s.imports))
	cold, again := shellCommand(s.imports[0].argv), shellCommand(s.imports[1].argv)
	remove := shellCommand(s.removeCmd)
	fmt.Fprintf(b, "\nThe cold import starts from no database: before each run,\n\n```sh\n%s\n%s\n```\n\n", remove, cold)
	b.WriteString("The re-import runs the same command on the imported database. With hyperfine:\n\n")
	fmt.Fprintf(b, "```sh\nhyperfine -N --runs %d --prepare %s %s\nhyperfine -N --runs %d %s\n```\n\n",
		cfg.importRuns, hyperfineArg(remove), hyperfineArg(cold), cfg.importRuns, hyperfineArg(again))

	if len(s.compared) > 0 {
		b.WriteString("### Against the base\n\n")
		rows := make([][]string, len(s.compared))
		for i, c := range s.compared {
			format, unit := millis, "ms"
			if c.label == "cold import" {
				format, unit = seconds, "s"
			}
			bs, ts := summarize(c.base.samples), summarize(c.this.samples)
			rows[i] = []string{c.label, unit, strconv.Itoa(len(c.this.samples)), format(bs.median), format(ts.median), ratioOf(ts.median, bs.median),
				format(bs.cpu), format(ts.cpu), ratioOf(ts.cpu, bs.cpu)}
		}
		b.WriteString(markdownTable([]string{"step", "unit", "runs each", "base median", "this median", "this / base", "base CPU", "this CPU", "CPU this / base"},
			[]bool{false, false, true, true, true, true, true, true, true}, rows))
		b.WriteString("\n")
	}

	b.WriteString("### Queries\n\n")
	b.WriteString(timingTable("command", "ms", s.queries))
	b.WriteString("\n")
	for _, n := range s.notes {
		b.WriteString(n + "\n")
	}
	for _, m := range s.queries {
		if m.stderr != "" {
			fmt.Fprintf(b, "\n%s wrote on stderr during the timed runs: %q\n", m.label, firstLine(m.stderr))
		}
	}
	fmt.Fprintf(b, "\nAfter the imports, one untimed search lets notes rebuild a stale index:\n\n```sh\n%s\n```\n\n",
		shellCommand(s.warmupCmd))
	b.WriteString("Then each command below, stdout to /dev/null:\n\n```sh\n")
	lines := make([]string, len(s.queries))
	for i, m := range s.queries {
		lines[i] = shellCommand(m.argv)
		b.WriteString(lines[i] + "\n")
	}
	fmt.Fprintf(b, "```\n\nWith hyperfine:\n\n```sh\nhyperfine -N --warmup %d --runs %d", queryWarmup, cfg.runs)
	for _, l := range lines {
		b.WriteString(" \\\n  " + hyperfineArg(l))
	}
	b.WriteString("\n```\n")

	if len(s.ratios) > 0 {
		b.WriteString("\n### notes search against rg\n\n")
		rows := make([][]string, len(s.ratios))
		for i, r := range s.ratios {
			rows[i] = []string{r.term, millis(r.notes), millis(r.rg), fmt.Sprintf("%.1f×", float64(r.notes)/float64(r.rg))}
		}
		b.WriteString(markdownTable([]string{"term", "notes search median (ms)", "rg median (ms)", "notes / rg"}, []bool{false, true, true, true}, rows))
	}
}

// timingTable is one row per measurement, times in unit ("s" or "ms").
func timingTable(first, unit string, measurements []measurement) string {
	format := seconds
	if unit == "ms" {
		format = millis
	}
	headers := []string{first, "runs", "median (" + unit + ")", "min (" + unit + ")", "max (" + unit + ")", "CPU user+sys (" + unit + ")", "peak RSS (MiB)"}
	right := []bool{false, true, true, true, true, true, true}
	rows := make([][]string, len(measurements))
	for i, m := range measurements {
		s := summarize(m.samples)
		rows[i] = []string{m.label, strconv.Itoa(len(m.samples)), format(s.median), format(s.min), format(s.max), format(s.cpu), mib(s.rssKiB)}
	}
	return markdownTable(headers, right, rows)
}

// ratioOf writes a/b as "1.07×".
func ratioOf(a, b time.Duration) string {
	if b <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f×", float64(a)/float64(b))
}

func millis(d time.Duration) string { return fmt.Sprintf("%.1f", d.Seconds()*1000) }

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f", d.Seconds()) }

// mib writes KiB as MiB, "n/a" when unknown.
func mib(kib int64) string {
	if kib <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f", float64(kib)/1024)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// markdownTable writes a GitHub-flavoured Markdown table whose columns
// line up in the raw text too; right marks the columns aligned right
// (numbers), nil for none. A | in a cell is escaped.
func markdownTable(headers []string, right []bool, rows [][]string) string {
	cells := make([][]string, 0, len(rows)+1)
	for _, row := range append([][]string{headers}, rows...) {
		r := make([]string, len(headers))
		for i := range r {
			if i < len(row) {
				r[i] = strings.ReplaceAll(row[i], "|", `\|`)
			}
		}
		cells = append(cells, r)
	}
	widths := make([]int, len(headers))
	for _, row := range cells {
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(c), 3)
		}
	}
	var b strings.Builder
	line := func(row []string) {
		b.WriteString("|")
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i < len(right) && right[i] {
				b.WriteString(" " + pad + c + " |")
			} else {
				b.WriteString(" " + c + pad + " |")
			}
		}
		b.WriteString("\n")
	}
	line(cells[0])
	b.WriteString("|")
	for i, w := range widths {
		if i < len(right) && right[i] {
			b.WriteString(" " + strings.Repeat("-", w-1) + ": |")
		} else {
			b.WriteString(" " + strings.Repeat("-", w) + " |")
		}
	}
	b.WriteString("\n")
	for _, row := range cells[1:] {
		line(row)
	}
	return b.String()
}
