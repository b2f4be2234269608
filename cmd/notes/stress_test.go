package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// The stress tests run the real binary on a generated corpus: kill -9 in
// the middle of imports, two imports and searches at once. They take
// minutes, so they run only with NOTES_STRESS=1 (make stress), never in
// -short mode.

func stressOnly(t *testing.T) {
	t.Helper()
	if testing.Short() || os.Getenv("NOTES_STRESS") == "" {
		t.Skip("stress test: run with NOTES_STRESS=1 (make stress)")
	}
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGKILL")
	}
}

// buildNotes builds the binary into a temp dir.
func buildNotes(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "notes")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// genCorpus writes n posts into dir: with the shared generator when
// ../shared is there, else with genPosts.
func genCorpus(t *testing.T, dir string, n int, seed int) {
	t.Helper()
	gen, _ := filepath.Abs("../../../shared/tools/gencorpus/main.go")
	if _, err := os.Stat(gen); err == nil {
		cmd := exec.Command("go", "run", gen, "-n", fmt.Sprint(n), "-seed", fmt.Sprint(seed), "-out", dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("gencorpus: %v\n%s", err, out)
		}
		return
	}
	genPosts(t, dir, n, seed)
}

// genPosts is a small stand-in for gencorpus: Markdown, AsciiDoc and text
// posts with two to five talks each.
func genPosts(t *testing.T, dir string, n int, seed int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(uint64(seed), 7))
	first := []string{"Jane", "John", "Alice", "Bob", "Chloé", "Élodie", "Hugo", "Inès", "Marc", "Léa"}
	last := []string{"Doe", "Roe", "Martin", "Durand", "Petit", "Bœuf", "Fontaine", "Roux", "Garnier", "Blanc"}
	services := []string{"AWS Lambda", "Amazon S3", "Amazon EKS", "Amazon DynamoDB", "AWS Step Functions", "Amazon Aurora"}
	words := strings.Fields("migration observabilité coûts serverless conteneurs données sécurité latence déploiement architecture")
	cities := []string{"Paris", "Lyon", "Bordeaux", "Lille", "Nantes"}
	for i := range n {
		city, year := cities[r.IntN(len(cities))], 2015+r.IntN(10)
		event := fmt.Sprintf("AWS Summit %s %d", city, year)
		var talks []string
		for k := range 2 + r.IntN(4) {
			w := []rune(words[r.IntN(len(words))])
			title := fmt.Sprintf("%s%s et %s, épisode %d-%d", strings.ToUpper(string(w[0])), string(w[1:]), words[r.IntN(len(words))], i, k)
			speaker := fmt.Sprintf("%s %s - Architecte, Acme%d", first[r.IntN(len(first))], last[r.IntN(len(last))], r.IntN(20))
			body := fmt.Sprintf("Du texte sur %s et %s, tok%05d.", services[r.IntN(len(services))], words[r.IntN(len(words))], i)
			talks = append(talks, fmt.Sprintf("%s\n\nConférence présentée par :\n\n* %s\n\n%s\n", title, speaker, body))
		}
		var b strings.Builder
		name := fmt.Sprintf("%05d_post.md", i)
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "---\ntitle: %s\n---\nL'%s s'est déroulé le 4 avril %d.\n\n", event, event, year)
			for _, tk := range talks {
				b.WriteString("### " + tk + "\n")
			}
		case 1:
			name = fmt.Sprintf("%05d_post.adoc", i)
			fmt.Fprintf(&b, "= %s\n\nLe 4 avril %d à %s.\n\n", event, year, city)
			for _, tk := range talks {
				b.WriteString("== " + tk + "\n")
			}
		default:
			name = fmt.Sprintf("%05d_post.txt", i)
			fmt.Fprintf(&b, "%s : nos notes\n\nL'%s s'est déroulé le 4 avril %d.\n\n", event, event, year)
			for _, tk := range talks {
				b.WriteString(strings.Replace(tk, "* ", "  • ", 1) + "\n")
			}
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runCmd runs the binary and returns its exit code, stdout and stderr, or
// an error if it could not run or did not end within timeout (a hang).
func runCmd(timeout time.Duration, bin string, args ...string) (int, string, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return 0, "", "", fmt.Errorf("notes %s did not end within %v (hung?)\nstderr: %s", strings.Join(args, " "), timeout, stderr.String())
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), stdout.String(), stderr.String(), nil
	}
	if err != nil {
		return 0, "", "", fmt.Errorf("notes %s: %w", strings.Join(args, " "), err)
	}
	return 0, stdout.String(), stderr.String(), nil
}

// run is runCmd for the test's goroutine: it fails the test on a hang.
func run(t *testing.T, timeout time.Duration, bin string, args ...string) (int, string, string) {
	t.Helper()
	code, stdout, stderr, err := runCmd(timeout, bin, args...)
	if err != nil {
		t.Fatal(err)
	}
	return code, stdout, stderr
}

// dbState is what a database holds, keyed by source path: its status and
// its talks (title and speakers), in order.
type dbState map[string]sourceState

type sourceState struct {
	Status string
	Talks  []string
}

// inspect checks a database's integrity and returns its state.
func inspect(t *testing.T, dbPath string) dbState {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("%s: integrity_check = %q, %v", dbPath, check, err)
	}
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Errorf("%s: foreign_key_check reports broken references", dbPath)
	}
	rows.Close()
	state := dbState{}
	rows, err = db.Query(`SELECT path, status FROM sources`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p, s string
		if err := rows.Scan(&p, &s); err != nil {
			t.Fatal(err)
		}
		state[p] = sourceState{Status: s}
	}
	rows.Close()
	rows, err = db.Query(`
		SELECT s.path,
			t.title || ' / ' || COALESCE((
				SELECT group_concat(name, ', ')
				FROM (SELECT p.name FROM talk_speakers ts JOIN people p ON p.id = ts.person_id
				      WHERE ts.talk_id = t.id ORDER BY ts.position)), '')
		FROM talks t
		JOIN sources s ON s.id = t.source_id
		ORDER BY s.path, t.position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var p, talk string
		if err := rows.Scan(&p, &talk); err != nil {
			t.Fatal(err)
		}
		s := state[p]
		s.Talks = append(s.Talks, talk)
		state[p] = s
	}
	return state
}

// checkPartial checks a database an import was killed in: every source in
// it is either failed or holds exactly the talks a complete import gives.
func checkPartial(t *testing.T, got, want dbState) (complete int) {
	t.Helper()
	for p, s := range got {
		w, ok := want[p]
		switch {
		case !ok:
			t.Errorf("source %s is not in the complete import", p)
		case s.Status == "failed":
		case !slices.Equal(s.Talks, w.Talks):
			t.Errorf("source %s half imported: %d talks, want %d", p, len(s.Talks), len(w.Talks))
		default:
			complete++
		}
	}
	return complete
}

func checkSame(t *testing.T, got, want dbState) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d sources, want %d", len(got), len(want))
	}
	for p, w := range want {
		if g, ok := got[p]; !ok || g.Status != w.Status || !slices.Equal(g.Talks, w.Talks) {
			t.Errorf("source %s = %+v, want %+v", p, g, w)
		}
	}
}

// searchTitles runs notes search --json and returns "source / title" of
// the hits, sorted.
func searchTitles(t *testing.T, bin, dbPath, query string) ([]string, string) {
	t.Helper()
	code, stdout, stderr := run(t, 2*time.Minute, bin, "--db", dbPath, "search", "--json", "--limit", "100000", query)
	if code != 0 {
		t.Fatalf("search %s: exit %d\n%s", query, code, stderr)
	}
	var hits []struct {
		Talk struct {
			Title  string `json:"title"`
			Source string `json:"source"`
		} `json:"talk"`
	}
	if err := json.Unmarshal([]byte(stdout), &hits); err != nil {
		t.Fatalf("search --json: %v\n%s", err, stdout)
	}
	var out []string
	for _, h := range hits {
		out = append(out, h.Talk.Source+" / "+h.Talk.Title)
	}
	slices.Sort(out)
	return out, stderr
}

var stressQueries = []string{"lambda", "observabilité", "kubernetes OR eks", "serverless -java"}

// TestStressKillDuringImport kills imports with SIGKILL at random moments,
// checks the database each time (integrity, no half-imported source),
// reruns the import and checks it finishes the job: the same database and
// search results as an import never interrupted.
func TestStressKillDuringImport(t *testing.T) {
	stressOnly(t)
	bin := buildNotes(t)
	work := t.TempDir()
	corpus := filepath.Join(work, "corpus")
	genCorpus(t, corpus, 300, 11)

	start := time.Now()
	base := filepath.Join(work, "base.db")
	if code, _, stderr := run(t, 5*time.Minute, bin, "--db", base, "import", corpus); code != 0 {
		t.Fatalf("baseline import: exit %d\n%s", code, stderr)
	}
	full := time.Since(start)
	want := inspect(t, base)
	wantHits := map[string][]string{}
	for _, q := range stressQueries {
		wantHits[q], _ = searchTitles(t, bin, base, q)
	}
	t.Logf("baseline: %d files imported in %v", len(want), full.Round(time.Millisecond))

	const rounds = 8
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	for round := range rounds {
		dbPath := filepath.Join(work, fmt.Sprintf("crash%d.db", round))
		kills := 1 + round%2 // odd rounds kill the first rerun too
		for k := range kills {
			delay := time.Duration(r.Int64N(int64(full)))
			cmd := exec.Command(bin, "--db", dbPath, "import", corpus)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			_ = cmd.Process.Kill() // SIGKILL
			_ = cmd.Wait()
			if _, err := os.Stat(dbPath); err != nil {
				t.Logf("round %d kill %d after %v: no database yet", round, k, delay.Round(time.Millisecond))
				continue
			}
			got := inspect(t, dbPath)
			complete := checkPartial(t, got, want)
			t.Logf("round %d kill %d after %v: %d/%d files imported, database consistent", round, k, delay.Round(time.Millisecond), complete, len(want))
		}
		if round%3 == 2 {
			// A search on the killed database's index: it must answer
			// (rebuilding the index if needed), not hang or fail.
			if _, err := os.Stat(dbPath); err == nil {
				searchTitles(t, bin, dbPath, "lambda")
			}
		}
		rerun := time.Now()
		code, _, stderr := run(t, 5*time.Minute, bin, "--db", dbPath, "import", corpus)
		if code != 0 {
			t.Fatalf("round %d: rerun exit %d\n%s", round, code, stderr)
		}
		checkSame(t, inspect(t, dbPath), want)
		for _, q := range stressQueries {
			hits, serr := searchTitles(t, bin, dbPath, q)
			if !slices.Equal(hits, wantHits[q]) {
				t.Errorf("round %d: search %q gives %d hits, want %d as after an uninterrupted import", round, q, len(hits), len(wantHits[q]))
			}
			if strings.Contains(serr, "rebuilding") {
				t.Errorf("round %d: search after the rerun rebuilt the index: the rerun left it behind\n%s", round, serr)
			}
		}
		t.Logf("round %d: rerun finished the job in %v", round, time.Since(rerun).Round(time.Millisecond))
		if t.Failed() {
			return
		}
	}
}

// TestStressConcurrentImportsAndSearch runs two imports of 1,000 posts on
// one database at once while searches run in a loop: both imports must
// succeed, every search must answer (or say the index is busy) within its
// timeout, and the result must equal a single import's.
func TestStressConcurrentImportsAndSearch(t *testing.T) {
	stressOnly(t)
	bin := buildNotes(t)
	work := t.TempDir()
	corpus := filepath.Join(work, "corpus")
	genCorpus(t, corpus, 1000, 12)

	start := time.Now()
	base := filepath.Join(work, "base.db")
	if code, _, stderr := run(t, 10*time.Minute, bin, "--db", base, "import", corpus); code != 0 {
		t.Fatalf("baseline import: exit %d\n%s", code, stderr)
	}
	t.Logf("baseline: one import of 1000 posts in %v", time.Since(start).Round(time.Millisecond))
	want := inspect(t, base)
	wantHits := map[string][]string{}
	for _, q := range stressQueries {
		wantHits[q], _ = searchTitles(t, bin, base, q)
	}

	dbPath := filepath.Join(work, "shared.db")
	type result struct {
		code            int
		stderr          string
		took            time.Duration
		name            string
		searchesOK      int
		searchesBusy    int
		searchesStale   int
		searchesRebuilt int
	}
	var wg sync.WaitGroup
	results := make(chan result, 3)
	importsDone := make(chan struct{})
	start = time.Now()
	for _, name := range []string{"import A", "import B"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := time.Now()
			code, _, stderr, err := runCmd(10*time.Minute, bin, "--db", dbPath, "import", corpus)
			if err != nil {
				code, stderr = -1, err.Error()
			}
			results <- result{name: name, code: code, stderr: stderr, took: time.Since(s)}
		}()
		time.Sleep(300 * time.Millisecond) // B starts while A runs
	}
	go func() {
		var res result
		res.name = "searches"
		s := time.Now()
		for {
			select {
			case <-importsDone:
				res.took = time.Since(s)
				results <- res
				return
			case <-time.After(200 * time.Millisecond):
			}
			if _, err := os.Stat(dbPath); err != nil {
				continue
			}
			code, _, stderr, err := runCmd(30*time.Second, bin, "--db", dbPath, "search", "--json", "lambda")
			switch {
			case err != nil:
				res.code = -1
				res.stderr += err.Error() + "\n"
			case code == 0 && strings.Contains(stderr, "being updated by another notes"):
				res.searchesStale++
			case code == 0 && strings.Contains(stderr, "rebuilding"):
				res.searchesRebuilt++
			case code == 0:
				res.searchesOK++
			case code == 1 && strings.Contains(stderr, "busy"):
				res.searchesBusy++
			case code == 2 && strings.Contains(stderr, "no database"):
				// before the first import created it
			default:
				res.code = code
				res.stderr += stderr
			}
		}
	}()
	wg.Wait()
	close(importsDone)
	for range 3 {
		r := <-results
		if r.code != 0 {
			t.Errorf("%s: exit %d\n%s", r.name, r.code, r.stderr)
		}
		if r.name == "searches" {
			t.Logf("searches during the imports: %d current, %d from the index as last written, %d rebuilt it, %d said busy",
				r.searchesOK, r.searchesStale, r.searchesRebuilt, r.searchesBusy)
		} else {
			t.Logf("%s: exit %d in %v; stderr:\n%s", r.name, r.code, r.took.Round(time.Millisecond), lastLines(r.stderr, 4))
		}
	}
	t.Logf("both imports done in %v", time.Since(start).Round(time.Millisecond))

	checkSame(t, inspect(t, dbPath), want)
	for _, q := range stressQueries {
		hits, _ := searchTitles(t, bin, dbPath, q)
		if !slices.Equal(hits, wantHits[q]) {
			t.Errorf("search %q gives %d hits, want %d as after a single import", q, len(hits), len(wantHits[q]))
		}
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
