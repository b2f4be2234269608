package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// queryWarmup is the number of untimed runs before the timed runs of a
// query: the first ones fill the page cache.
const queryWarmup = 2

// corpus is one generated set of write-ups.
type corpus struct {
	n      int
	posts  string
	genCmd []string
	files  int
	bytes  int64
}

// sizeReport is everything measured on one corpus.
type sizeReport struct {
	corpus
	db string
	// imports are the cold import and the unchanged re-import.
	imports []measurement
	// removeCmd is what the cold import runs before each run.
	removeCmd []string
	// warmupCmd is the untimed search run after the imports.
	warmupCmd []string
	// queries are notes' searches and talks listing, then the peers.
	queries []measurement
	// ratios compare notes search with rg, term by term.
	ratios []ratio
	// notes are said under the query table: peers not measured.
	notes []string
	// compared are the steps measured alternately with -base.
	compared []comparison
}

// comparison is one step measured with the -base notes and with this one,
// alternately.
type comparison struct {
	label      string
	base, this measurement
}

// ratio is the median of a notes search over that of rg for one term.
type ratio struct {
	term      string
	notes, rg time.Duration
}

// bench builds notes (unless -bin), then measures every corpus size.
func bench(cfg config, log io.Writer) (*report, error) {
	if err := os.MkdirAll(cfg.work, 0o755); err != nil {
		return nil, fmt.Errorf("work folder: %w", err)
	}
	gen := filepath.Join(cfg.shared, "tools", "gencorpus", "main.go")
	if _, err := os.Stat(gen); err != nil {
		return nil, fmt.Errorf("corpus generator: %w (set -shared)", err)
	}
	rep := &report{cfg: cfg, bin: cfg.bin, machine: probeMachine(), started: time.Now()}
	if rep.bin == "" {
		rep.bin = filepath.Join(cfg.work, "notes")
		fmt.Fprintf(log, "notesbench: building %s\n", rep.bin)
		if err := buildNotes(rep.bin, ""); err != nil {
			return nil, err
		}
	}
	if cfg.base != "" {
		var err error
		if rep.baseBin, rep.baseRev, err = baseBinary(cfg.base, cfg.work, log); err != nil {
			return nil, err
		}
	}
	for _, n := range cfg.sizes {
		c, err := ensureCorpus(gen, filepath.Join(cfg.work, strconv.Itoa(n)), n, log)
		if err != nil {
			return nil, fmt.Errorf("corpus of %d write-ups: %w", n, err)
		}
		s, err := benchCorpus(cfg, rep.bin, rep.baseBin, c, log)
		if err != nil {
			return nil, fmt.Errorf("%d write-ups: %w", n, err)
		}
		rep.sizes = append(rep.sizes, s)
	}
	return rep, nil
}

// buildNotes builds ./cmd/notes of the module in dir ("" for the current
// folder) without cgo, as the Makefile does.
func buildNotes(bin, dir string) error {
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/notes")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/notes (run notesbench from the repository root, or give -bin): %v\n%s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

// baseBinary returns the notes binary -base names: base itself when it is
// a file, else the build of the git revision base, made once into work
// (from git archive, so that the working tree is left alone). rev is what
// the report calls it.
func baseBinary(base, work string, log io.Writer) (bin, rev string, err error) {
	if info, err := os.Stat(base); err == nil && !info.IsDir() {
		bin, err = filepath.Abs(base)
		return bin, base, err
	}
	out, err := exec.Command("git", "rev-parse", "--short=12", base+"^{commit}").Output()
	if err != nil {
		return "", "", fmt.Errorf("-base %q is neither a notes binary nor a git revision of this repository", base)
	}
	rev = strings.TrimSpace(string(out))
	bin = filepath.Join(work, "notes-"+rev)
	if _, err := os.Stat(bin); err == nil {
		return bin, rev, nil
	}
	src := filepath.Join(work, "src-"+rev)
	if err := os.RemoveAll(src); err != nil {
		return "", "", err
	}
	if err := os.MkdirAll(src, 0o755); err != nil {
		return "", "", err
	}
	defer os.RemoveAll(src)
	fmt.Fprintf(log, "notesbench: building %s at %s\n", bin, rev)
	archive := exec.Command("sh", "-c", `git archive "$1" | tar -x -C "$2"`, "sh", rev, src)
	if out, err := archive.CombinedOutput(); err != nil {
		return "", "", fmt.Errorf("git archive %s: %v\n%s", rev, err, strings.TrimSpace(string(out)))
	}
	if err := buildNotes(bin, src); err != nil {
		return "", "", fmt.Errorf("-base %s: %w", rev, err)
	}
	return bin, rev, nil
}

// ensureCorpus generates n write-ups into dir/posts unless a previous run
// completed it, which the marker file dir/generated says. The generator's
// manifest is moved out of the posts so that it is not imported.
func ensureCorpus(gen, dir string, n int, log io.Writer) (corpus, error) {
	c := corpus{n: n, posts: filepath.Join(dir, "posts")}
	c.genCmd = []string{"go", "run", gen, "-n", strconv.Itoa(n), "-seed", "1", "-out", c.posts}
	marker := filepath.Join(dir, "generated")
	_, merr := os.Stat(marker)
	_, perr := os.Stat(c.posts)
	if merr != nil || perr != nil {
		// Whatever an interrupted run left is thrown away.
		if err := os.RemoveAll(c.posts); err != nil {
			return c, err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return c, err
		}
		fmt.Fprintf(log, "notesbench: generating %d write-ups into %s\n", n, c.posts)
		if out, err := exec.Command(c.genCmd[0], c.genCmd[1:]...).CombinedOutput(); err != nil {
			return c, fmt.Errorf("%s: %v\n%s", shellCommand(c.genCmd), err, strings.TrimSpace(string(out)))
		}
		if err := os.Rename(filepath.Join(c.posts, "manifest.json"), filepath.Join(dir, "manifest.json")); err != nil {
			return c, fmt.Errorf("move the manifest out of the posts: %w", err)
		}
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			return c, err
		}
	}
	err := filepath.WalkDir(c.posts, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		c.files++
		c.bytes += info.Size()
		return nil
	})
	return c, err
}

// benchCorpus measures imports, queries and peers on one corpus, and
// compares the cold import and the searches with baseBin when not "".
func benchCorpus(cfg config, bin, baseBin string, c corpus, log io.Writer) (sizeReport, error) {
	s := sizeReport{corpus: c, db: filepath.Join(filepath.Dir(c.posts), "notes.db")}
	baseDB := filepath.Join(filepath.Dir(c.posts), "base.db")
	progress := func(what string) { fmt.Fprintf(log, "notesbench: %d write-ups: %s\n", c.n, what) }
	// measureStep measures j, alternately with its run by baseBin on its
	// own database when there is one.
	measureStep := func(j job, warmup, runs int, onBase func(job) job) (measurement, error) {
		progress(fmt.Sprintf("%s ×%d", j.label, runs))
		if baseBin == "" || onBase == nil {
			return measure(j, warmup, runs)
		}
		ms, err := measureAlternately([]job{j, onBase(j)}, warmup, runs)
		if err == nil {
			s.compared = append(s.compared, comparison{label: j.label, this: ms[0], base: ms[1]})
		}
		return ms[0], err
	}
	// onBase is j run by baseBin on baseDB.
	onBase := func(j job) job {
		argv := append([]string{baseBin, "--db", baseDB}, j.argv[3:]...)
		b := job{label: j.label, argv: argv}
		if j.prepare != nil {
			b.prepare = func() error { return removeDB(baseDB) }
		}
		return b
	}

	importArgv := []string{bin, "--db", s.db, "import", "--quiet", c.posts}
	s.removeCmd = append([]string{"rm", "-rf"}, dbFiles(s.db)...)
	for _, step := range []struct {
		job
		onBase func(job) job
	}{
		{job{label: "cold import", argv: importArgv, prepare: func() error { return removeDB(s.db) }}, onBase},
		{job{label: "re-import unchanged", argv: importArgv}, nil},
	} {
		m, err := measureStep(step.job, 0, cfg.importRuns, step.onBase)
		if err != nil {
			return s, fmt.Errorf("%s: %w", step.label, err)
		}
		s.imports = append(s.imports, m)
	}

	// The first search after an import may rebuild a stale index: not timed.
	s.warmupCmd = []string{bin, "--db", s.db, "search", "warmup"}
	warmups := []job{{argv: s.warmupCmd}}
	if baseBin != "" {
		warmups = append(warmups, onBase(warmups[0]))
	}
	for _, w := range warmups {
		if _, _, err := runOnce(w); err != nil {
			return s, fmt.Errorf("warm-up search: %w", err)
		}
	}

	medians := map[string]time.Duration{}
	for _, t := range cfg.terms {
		j := job{label: "notes search --json " + t, argv: []string{bin, "--db", s.db, "search", "--json", t}}
		m, err := measureStep(j, queryWarmup, cfg.runs, onBase)
		if err != nil {
			return s, fmt.Errorf("%s: %w", j.label, err)
		}
		s.queries = append(s.queries, m)
		medians[j.label] = summarize(m.samples).median
	}

	var jobs []job
	jobs = append(jobs, job{label: fmt.Sprintf("notes talks --json --event %q", cfg.event), argv: []string{bin, "--db", s.db, "talks", "--json", "--event", cfg.event}})
	if _, err := exec.LookPath("rg"); err == nil {
		for _, t := range cfg.terms {
			jobs = append(jobs, job{label: "rg -l -i " + t, argv: []string{"rg", "-l", "-i", t, c.posts}, noMatch: 1})
		}
	} else {
		s.notes = append(s.notes, "rg is not on PATH: not measured, and no ratio to it.")
	}
	jobs = append(jobs, job{label: "cat every file", argv: []string{"find", c.posts, "-type", "f", "-exec", "cat", "{}", "+"}})
	if zk, err := exec.LookPath("zk"); err == nil {
		s.notes = append(s.notes, fmt.Sprintf("zk is installed (%s) but notesbench does not measure it yet.", zk))
	} else {
		s.notes = append(s.notes, "zk not installed.")
	}

	for _, j := range jobs {
		progress(fmt.Sprintf("%s ×%d", j.label, cfg.runs))
		m, err := measure(j, queryWarmup, cfg.runs)
		if err != nil {
			return s, fmt.Errorf("%s: %w", j.label, err)
		}
		s.queries = append(s.queries, m)
		medians[j.label] = summarize(m.samples).median
	}
	for _, t := range cfg.terms {
		rg, ok := medians["rg -l -i "+t]
		if ok {
			s.ratios = append(s.ratios, ratio{term: t, notes: medians["notes search --json "+t], rg: rg})
		}
	}
	return s, nil
}

// dbFiles are the files and folders of a notes database.
func dbFiles(db string) []string {
	return []string{db, db + "-wal", db + "-shm", db + ".bleve", db + ".bleve.lock"}
}

// removeDB removes a database, its index and their side files, so that
// the next import starts from nothing.
func removeDB(db string) error {
	for _, p := range dbFiles(db) {
		if err := os.RemoveAll(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove the database: %w", err)
		}
	}
	return nil
}
