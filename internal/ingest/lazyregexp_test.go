package ingest

import (
	"regexp"
	"testing"
)

// TestLazyRegexpsCompile compiles every pattern of the package, which
// lazyRE leaves to first use: a typo must fail here, not in one odd post.
func TestLazyRegexpsCompile(t *testing.T) {
	if len(allRegexps) == 0 {
		t.Fatal("no regexps registered")
	}
	for _, r := range allRegexps {
		if _, err := regexp.Compile(r.src); err != nil {
			t.Errorf("%q: %v", r.src, err)
		}
	}
}
