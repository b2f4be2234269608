package main

import (
	"io"
	"os"
	"slices"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name string
		in   []time.Duration
		want time.Duration
	}{
		{"none", nil, 0},
		{"one", []time.Duration{7 * ms}, 7 * ms},
		{"odd count, unsorted", []time.Duration{9 * ms, 1 * ms, 5 * ms}, 5 * ms},
		{"even count: mean of the middle two", []time.Duration{4 * ms, 1 * ms, 10 * ms, 2 * ms}, 3 * ms},
		{"even count, odd sum", []time.Duration{1, 2}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			if got := median(in); got != tt.want {
				t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
			}
			if !slices.Equal(in, tt.in) {
				t.Errorf("median reordered its input: %v, was %v", in, tt.in)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	got := summarize([]sample{
		{wall: 30 * time.Millisecond, cpu: 3 * time.Millisecond, rssKiB: 100},
		{wall: 10 * time.Millisecond, cpu: 1 * time.Millisecond, rssKiB: 300},
		{wall: 20 * time.Millisecond, cpu: 2 * time.Millisecond, rssKiB: 200},
	})
	want := summary{median: 20 * time.Millisecond, min: 10 * time.Millisecond, max: 30 * time.Millisecond, cpu: 2 * time.Millisecond, rssKiB: 300}
	if got != want {
		t.Errorf("summarize = %+v, want %+v", got, want)
	}
}

func TestMarkdownTable(t *testing.T) {
	tests := []struct {
		name    string
		headers []string
		right   []bool
		rows    [][]string
		want    string
	}{
		{
			name:    "aligned, numbers right",
			headers: []string{"command", "ms"},
			right:   []bool{false, true},
			rows:    [][]string{{"rg -l -i karpenter", "4.2"}, {"cat", "12.5"}},
			want: "| command            |   ms |\n" +
				"| ------------------ | ---: |\n" +
				"| rg -l -i karpenter |  4.2 |\n" +
				"| cat                | 12.5 |\n",
		},
		{
			name:    "pipe escaped, short row padded, runes counted",
			headers: []string{"a", "b"},
			rows:    [][]string{{"x|y"}, {"é", "2.0×"}},
			want: "| a    | b    |\n" +
				"| ---- | ---- |\n" +
				"| x\\|y |      |\n" +
				"| é    | 2.0× |\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markdownTable(tt.headers, tt.right, tt.rows); got != tt.want {
				t.Errorf("markdownTable:\ngot\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestShellCommand(t *testing.T) {
	tests := []struct {
		name string
		argv []string
		want string
	}{
		{"plain", []string{"notes", "--db", "/tmp/n/notes.db", "search", "--json", "karpenter"}, "notes --db /tmp/n/notes.db search --json karpenter"},
		{"spaces", []string{"notes", "talks", "--event", "AWS Summit 2022"}, "notes talks --event 'AWS Summit 2022'"},
		{"single quote", []string{"echo", "l'été"}, `echo 'l'\''été'`},
		{"empty and braces", []string{"find", "", "-exec", "cat", "{}", "+"}, "find '' -exec cat '{}' +"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shellCommand(tt.argv); got != tt.want {
				t.Errorf("shellCommand(%q) = %s, want %s", tt.argv, got, tt.want)
			}
		})
	}
}

func TestHyperfineArg(t *testing.T) {
	tests := []struct{ in, want string }{
		{"notes talks --event 'AWS Summit 2022'", `"notes talks --event 'AWS Summit 2022'"`},
		{`echo "$HOME"`, `'echo "$HOME"'`},
	}
	for _, tt := range tests {
		if got := hyperfineArg(tt.in); got != tt.want {
			t.Errorf("hyperfineArg(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr bool
		sizes   []int
		terms   []string
	}{
		{"defaults", nil, false, []int{1000, 10000}, []string{"karpenter", "kubernetes"}},
		{"lists with blanks", []string{"-sizes", " 100, 300,", "-terms", "lambda"}, false, []int{100, 300}, []string{"lambda"}},
		{"size not a number", []string{"-sizes", "1k"}, true, nil, nil},
		{"size zero", []string{"-sizes", "0"}, true, nil, nil},
		{"no sizes", []string{"-sizes", ","}, true, nil, nil},
		{"no terms", []string{"-terms", ""}, true, nil, nil},
		{"no runs", []string{"-runs", "0"}, true, nil, nil},
		{"stray argument", []string{"100"}, true, nil, nil},
		{"unknown flag", []string{"-n", "3"}, true, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseFlags(tt.args, io.Discard)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseFlags(%q) error = %v, want error: %v", tt.args, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if !slices.Equal(cfg.sizes, tt.sizes) || !slices.Equal(cfg.terms, tt.terms) {
				t.Errorf("parseFlags(%q) = sizes %v terms %q, want %v %q", tt.args, cfg.sizes, cfg.terms, tt.sizes, tt.terms)
			}
		})
	}
}

func TestRunBadFlagsExit2(t *testing.T) {
	if got := run([]string{"-runs", "-1"}, io.Discard, io.Discard); got != 2 {
		t.Errorf("run with -runs -1 = exit %d, want 2", got)
	}
}

// TestMeasureAlternately checks the order of the runs: two versions
// compared take turns going first, warm-up runs included, and only the
// timed runs are kept.
func TestMeasureAlternately(t *testing.T) {
	log := t.TempDir() + "/order"
	mk := func(name string) job {
		return job{label: name, argv: []string{"sh", "-c", "printf " + name + " >> " + log}}
	}
	ms, err := measureAlternately([]job{mk("a"), mk("b")}, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "abbaabba" {
		t.Errorf("runs in the order %q, want abbaabba", got)
	}
	for _, m := range ms {
		if len(m.samples) != 3 {
			t.Errorf("%s: %d timed samples, want 3", m.label, len(m.samples))
		}
	}
}
