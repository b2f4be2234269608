package main

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// job is one command to time.
type job struct {
	// label names the row of the report: "notes search --json karpenter".
	label string
	argv  []string
	// noMatch is an exit status meaning "nothing found" rather than a
	// failure (1 for rg), 0 when there is none.
	noMatch int
	// prepare runs, untimed, before each timed run (the cold import
	// removes the database); nil for nothing.
	prepare func() error
}

// sample is what one run of a command cost.
type sample struct {
	wall time.Duration
	// cpu is user plus system time, of the process and of the children it
	// waited for (cat under find).
	cpu time.Duration
	// rssKiB is the peak resident set size, in KiB; 0 when unknown.
	rssKiB int64
}

// measurement is a job and its timed runs.
type measurement struct {
	job
	samples []sample
	// stderr is the first thing a successful timed run wrote on stderr
	// ("rebuilding…" would mean the runs did not time what they claim).
	stderr string
}

// measure runs j warmup times untimed, then runs times timed.
func measure(j job, warmup, runs int) (measurement, error) {
	ms, err := measureAlternately([]job{j}, warmup, runs)
	if err != nil {
		return measurement{job: j}, err
	}
	return ms[0], nil
}

// measureAlternately measures jobs in rounds, each job once a round, in
// turn forwards and backwards (a b, b a, a b…), so that two versions
// compared share the machine's minutes and neither always runs first:
// this machine's speed drifts by a fifth over an hour.
func measureAlternately(jobs []job, warmup, runs int) ([]measurement, error) {
	ms := make([]measurement, len(jobs))
	for k, j := range jobs {
		ms[k].job = j
	}
	for i := range warmup + runs {
		for n := range jobs {
			k := n
			if i%2 == 1 {
				k = len(jobs) - 1 - n
			}
			j, m := jobs[k], &ms[k]
			if j.prepare != nil {
				if err := j.prepare(); err != nil {
					return ms, err
				}
			}
			s, stderr, err := runOnce(j)
			if err != nil {
				return ms, err
			}
			if i < warmup {
				continue
			}
			m.samples = append(m.samples, s)
			if m.stderr == "" {
				m.stderr = strings.TrimSpace(stderr)
			}
		}
	}
	return ms, nil
}

// runOnce runs j's command once, its stdout to the null device, and times
// it. A failure returns what the command wrote on stderr.
func runOnce(j job) (sample, string, error) {
	cmd := exec.Command(j.argv[0], j.argv[1:]...)
	// Stdin and Stdout are left nil: the null device.
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !(j.noMatch != 0 && errors.As(err, &exit) && exit.ExitCode() == j.noMatch) {
		said := strings.TrimSpace(stderr.String())
		if said != "" {
			said = "\n" + said
		}
		return sample{}, "", fmt.Errorf("%s: %w%s", shellCommand(j.argv), err, said)
	}
	ps := cmd.ProcessState
	return sample{wall: wall, cpu: ps.UserTime() + ps.SystemTime(), rssKiB: peakRSS(ps)}, stderr.String(), nil
}

// summary is what the report shows of a measurement.
type summary struct {
	median, min, max time.Duration
	// cpu is the median user+sys time.
	cpu time.Duration
	// rssKiB is the largest peak RSS of all runs.
	rssKiB int64
}

func summarize(samples []sample) summary {
	walls := make([]time.Duration, len(samples))
	cpus := make([]time.Duration, len(samples))
	var s summary
	for i, x := range samples {
		walls[i], cpus[i] = x.wall, x.cpu
		s.rssKiB = max(s.rssKiB, x.rssKiB)
	}
	s.median, s.cpu = median(walls), median(cpus)
	if len(walls) > 0 {
		s.min, s.max = slices.Min(walls), slices.Max(walls)
	}
	return s
}

// median is the middle value, or the mean of the two middle values of an
// even count; 0 for none.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sorted := slices.Sorted(slices.Values(ds))
	mid := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[mid]
	}
	return (sorted[mid-1] + sorted[mid]) / 2
}

// shellCommand writes argv as a user would type it in a POSIX shell.
func shellCommand(argv []string) string {
	quoted := make([]string, len(argv))
	for i, a := range argv {
		quoted[i] = shellQuote(a)
	}
	return strings.Join(quoted, " ")
}

// shellQuote leaves a word made of safe characters as it is and puts
// anything else in single quotes.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./,:=@%+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// hyperfineArg quotes a whole command line as one argument of hyperfine:
// in double quotes when nothing in it is special there (the usual case,
// and readable when the line holds single quotes), else in single quotes.
func hyperfineArg(line string) string {
	if !strings.ContainsAny(line, "\"$`\\!") {
		return `"` + line + `"`
	}
	return shellQuote(line)
}
