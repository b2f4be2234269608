package lazyre_test

import (
	"regexp"
	"strings"
	"testing"

	// The packages whose patterns are checked here.
	_ "github.com/notes-kb/notes/internal/extract"
	_ "github.com/notes-kb/notes/internal/ingest"
	"github.com/notes-kb/notes/internal/lazyre"
)

// TestAllCompile compiles every pattern of the parsing and extraction
// rules, which New leaves to first use: a typo must fail here, not on one
// odd post.
func TestAllCompile(t *testing.T) {
	if len(lazyre.All()) < 50 {
		t.Fatalf("%d patterns registered: the rules' packages no longer use lazyre?", len(lazyre.All()))
	}
	for _, r := range lazyre.All() {
		if _, err := regexp.Compile(r.String()); err != nil {
			t.Errorf("%q: %v", r, err)
		}
	}
}

// TestNeedingTurnsDownTextWithoutTheWords checks the pre-check both ways:
// text without any needed word is turned down (even where the regexp alone
// would match, which shows the check ran), text with one goes to the regexp.
func TestNeedingTurnsDownTextWithoutTheWords(t *testing.T) {
	r := lazyre.New(`(?i)key\s*note|\bplénière`).Needing("key", "pl")
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"the KEYNOTE of the day", true},
		{"la plénière du matin", true},
		{"a talk about lambda", false},
		{"Kelvin sign: \u212aeynote", true}, // K folds to k: handed to the regexp
	} {
		if got := r.MatchString(tt.s); got != tt.want {
			t.Errorf("MatchString(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
	if lazyre.MayContainFold("nothing here", []string{"key"}) {
		t.Error("MayContainFold found a word that is not there")
	}
	if !lazyre.MayContainFold(strings.ToUpper("a keynote"), []string{"key"}) {
		t.Error("MayContainFold missed an upper-case word")
	}
	a := r.Anchored()
	if a.MatchString("the keynote") || !a.MatchString("keynote first") {
		t.Errorf("Anchored %q matches away from the start", a)
	}
}
