package cli

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// TestLimitSaysWhatItCut is issue 15, item 2: when --limit cuts a listing
// or the hits of a search, a terminal's stderr says how many there are;
// JSON stays an array, and nothing is said when nothing was cut.
func TestLimitSaysWhatItCut(t *testing.T) {
	dbPath := seed(t)
	k, err := kb.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	open := func() (*kb.KB, error) { return k, nil }
	ctx := context.Background()
	if _, err := k.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	run := map[string]func(s *render.IO, limit int, asJSON bool) error{
		"talks": func(s *render.IO, limit int, asJSON bool) error {
			return runTalks(ctx, &TalksOptions{IO: s, KB: open, Filter: core.TalkFilter{Limit: limit}, JSON: asJSON})
		},
		"speakers": func(s *render.IO, limit int, asJSON bool) error {
			return runCounts(ctx, &CountsOptions{IO: s, KB: open, List: (*kb.KB).Speakers, Header: "SPEAKER", Filter: core.TalkFilter{Limit: limit}, JSON: asJSON})
		},
		"search": func(s *render.IO, limit int, asJSON bool) error {
			return runSearch(ctx, &SearchOptions{IO: s, KB: open, Query: "aws OR lambda OR karpenter", Filter: core.TalkFilter{Limit: limit}, JSON: asJSON})
		},
	}
	for _, tc := range []struct {
		name    string
		limit   int
		pipe    bool // stdout to a pipe, stderr on the terminal
		want    string
		wantLen int
	}{
		{"talks", 1, false, "1 of 2 talks; --limit 0 for all\n", 1},
		{"talks", 1, true, "1 of 2 talks; --limit 0 for all\n", 1},
		{"talks", 2, false, "2 talks\n", 2},
		{"talks", 0, false, "2 talks\n", 2},
		{"speakers", 2, false, "2 of 3 speakers; --limit 0 for all\n", 2},
		{"speakers", 3, true, "", 3},
		{"search", 1, false, "1 of 2 hits; --limit 0 for all\n", 1},
		{"search", 1, true, "1 of 2 hits; --limit 0 for all\n", 1},
		{"search", 5, false, "", 2},
	} {
		s, _, stderr := render.Buffers()
		s.ErrTerminal, s.OutTerminal = true, !tc.pipe
		s.NoPager = true
		if err := run[tc.name](s, tc.limit, false); err != nil {
			t.Fatal(err)
		}
		if got := stderr.String(); got != tc.want {
			t.Errorf("%s --limit %d (pipe %v): stderr %q, want %q", tc.name, tc.limit, tc.pipe, got, tc.want)
		}
		// JSON: an array of what was kept, nothing said.
		s, stdout, stderr := render.Buffers()
		s.ErrTerminal, s.OutTerminal = true, true
		if err := run[tc.name](s, tc.limit, true); err != nil {
			t.Fatal(err)
		}
		var arr []json.RawMessage
		if err := json.Unmarshal(stdout.Bytes(), &arr); err != nil || len(arr) != tc.wantLen || stderr.Len() != 0 {
			t.Errorf("%s --limit %d --json: %d records (%v), stderr %q; want %d and nothing", tc.name, tc.limit, len(arr), err, stderr.String(), tc.wantLen)
		}
	}
}
