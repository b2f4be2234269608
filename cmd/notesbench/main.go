// Command notesbench measures the notes binary as a user runs it: a cold
// import, an unchanged re-import, searches and a talks listing, each as a
// whole process (start-up, opening the database and the index, printing),
// next to ripgrep and cat reading the same generated write-ups. It prints a
// Markdown report on stdout, with the commands it ran so that a reader can
// rerun them with hyperfine.
//
//	go run ./cmd/notesbench -sizes 1000,10000 -runs 10 -import-runs 3
//
// Corpora are generated once with ../shared/tools/gencorpus into the -work
// folder (never into the repository) and reused by later runs.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// config is what the flags ask for.
type config struct {
	sizes      []int
	runs       int
	importRuns int
	work       string
	shared     string
	bin        string
	// base is the notes to compare with (a binary, or a git revision
	// built into work), "" for none.
	base  string
	event string
	terms []string
	out   string
}

// run is the whole command: exit status 0, 1 when a step failed, 2 for bad
// flags.
func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "notesbench:", err)
		return 2
	}
	rep, err := bench(cfg, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "notesbench:", err)
		return 1
	}
	text := rep.markdown()
	if cfg.out == "" {
		_, err = io.WriteString(stdout, text)
	} else {
		err = os.WriteFile(cfg.out, []byte(text), 0o644)
	}
	if err != nil {
		fmt.Fprintln(stderr, "notesbench: write report:", err)
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("notesbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: go run ./cmd/notesbench [flags]\n\n"+
			"Times the notes binary (import, re-import, search, talks) and rg and cat\n"+
			"on generated write-ups, and prints a Markdown report.\n\nflags:\n")
		fs.PrintDefaults()
	}
	sizes := fs.String("sizes", "1000,10000", "comma-separated corpus `sizes` (number of write-ups)")
	fs.IntVar(&cfg.runs, "runs", 10, "timed runs of each query command")
	fs.IntVar(&cfg.importRuns, "import-runs", 3, "timed runs of the cold import and of the re-import")
	fs.StringVar(&cfg.work, "work", filepath.Join(os.TempDir(), "notes-bench"), "cache `folder` for corpora, databases and the binary")
	fs.StringVar(&cfg.shared, "shared", "../shared", "shared `folder` holding tools/gencorpus/main.go")
	fs.StringVar(&cfg.bin, "bin", "", "notes binary to measure (default: go build ./cmd/notes into -work)")
	fs.StringVar(&cfg.base, "base", "", "notes `binary or git revision` to compare with: the cold import and the searches then run alternately with both, in the same minutes")
	fs.StringVar(&cfg.event, "event", "AWS Summit 2022", "event `words` for talks --event")
	terms := fs.String("terms", "karpenter,kubernetes", "comma-separated search `terms`: a rare one, then a common one")
	fs.StringVar(&cfg.out, "o", "", "write the report to `file` instead of stdout")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q (all options are flags)", fs.Arg(0))
	}
	var err error
	if cfg.sizes, err = parseSizes(*sizes); err != nil {
		return cfg, err
	}
	cfg.terms = splitList(*terms)
	switch {
	case len(cfg.terms) == 0:
		return cfg, errors.New("-terms: give at least one search term")
	case cfg.runs < 1:
		return cfg, fmt.Errorf("-runs must be 1 or more, not %d", cfg.runs)
	case cfg.importRuns < 1:
		return cfg, fmt.Errorf("-import-runs must be 1 or more, not %d", cfg.importRuns)
	case strings.TrimSpace(cfg.event) == "":
		return cfg, errors.New("-event must not be empty")
	}
	// Absolute paths, so that the printed commands work from any folder.
	for _, p := range []*string{&cfg.work, &cfg.shared} {
		if *p, err = filepath.Abs(*p); err != nil {
			return cfg, err
		}
	}
	if cfg.bin != "" {
		if cfg.bin, err = exec.LookPath(cfg.bin); err != nil {
			return cfg, fmt.Errorf("-bin: %w", err)
		}
		if cfg.bin, err = filepath.Abs(cfg.bin); err != nil {
			return cfg, err
		}
	}
	return cfg, nil
}

// parseSizes reads "1000,10000" into positive numbers.
func parseSizes(s string) ([]int, error) {
	var sizes []int
	for _, f := range splitList(s) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-sizes: %q is not a positive number of write-ups", f)
		}
		sizes = append(sizes, n)
	}
	if len(sizes) == 0 {
		return nil, errors.New("-sizes: give at least one corpus size")
	}
	return sizes, nil
}

// splitList splits a comma-separated flag, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
