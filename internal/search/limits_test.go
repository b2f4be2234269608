package search

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestCheckQueryBounds pins down issue 13, item 3: 10,000 words joined by
// OR took 186 s and 2.8 GB, "kubernetes " 10,000 times 17 s. A query past
// MaxQueryBytes or MaxQueryWords is refused with a QueryError that says
// which bound and what to do; one within them is searched.
func TestCheckQueryBounds(t *testing.T) {
	words := func(n int, sep string) string {
		w := make([]string, n)
		for i := range w {
			w[i] = fmt.Sprintf("mot%c%c", 'a'+i/26%26, 'a'+i%26)
		}
		return strings.Join(w, sep)
	}
	tests := []struct {
		name, query string
		want        string // in the error; "" for none
	}{
		{"10,000 words OR-ed", words(10000, " OR "), "bytes long; at most 1024 bytes"},
		{"kubernetes 10,000 times", strings.Repeat("kubernetes ", 10000), "bytes long; at most 1024 bytes"},
		{"1,025 bytes", strings.Repeat("a", 1025), "1025 bytes long"},
		{"1,024 bytes", strings.Repeat("a", 1024), ""},
		{"33 words", words(33, " "), "the query has 33 words; at most 32"},
		{"33 words OR-ed", words(33, " OR "), "the query has 33 words"},
		{"32 words OR-ed", words(32, " OR "), ""},
		{"32 words", words(32, " "), ""},
		{"operators do not count", words(32, " OR ") + " AND NOT", ""},
		{"a phrase's words count", `"` + words(33, " ") + `"`, "the query has 33 words"},
		{"field values count", "title:" + words(20, "/") + " speaker:\"" + words(13, " ") + "\"", "the query has 33 words"},
		{"punctuation splits words", words(33, "/"), "the query has 33 words"},
		{"exclusions count", "-" + words(33, " -"), "the query has 33 words"},
		{"prefixes count", words(33, "* ") + "*", "the query has 33 words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckQuery(tt.query)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("CheckQuery(%.40q…) = %v, want nil", tt.query, err)
				}
				return
			}
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("CheckQuery(%.40q…) = %v, want a *QueryError", tt.query, err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "search for fewer words") {
				t.Errorf("CheckQuery(%.40q…) = %q, want it to say %q and what to do", tt.query, err, tt.want)
			}
		})
	}
}

// TestSearchRefusesQueryPastBounds: Search itself applies CheckQuery, before
// any work.
func TestSearchRefusesQueryPastBounds(t *testing.T) {
	ix := newTestIndex(t)
	for _, q := range []string{strings.Repeat("kubernetes ", 10000), strings.Repeat("karpenter OR ", 40) + "keda"} {
		hits, err := ix.Search(q, Filters{}, 10)
		var qe *QueryError
		if !errors.As(err, &qe) || hits != nil {
			t.Errorf("Search(%.40q…) = %v, %v; want a *QueryError", q, hits, err)
		}
	}
}

// TestSearchPrefixBudget pins down the third bound of issue 13, item 3:
// the words a query's prefixes stand for (one-letter prefixes took seconds
// each once AND-ed). A prefix standing for more than MaxPrefixWords words
// is refused, naming the prefix; a narrower one is searched.
func TestSearchPrefixBudget(t *testing.T) {
	ix := newTestIndex(t)
	// One talk whose body has 26³ distinct words starting with "zq".
	var body strings.Builder
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			for c := 'a'; c <= 'z'; c++ {
				fmt.Fprintf(&body, "zq%c%c%c ", a, b, c)
			}
		}
	}
	if err := ix.Put([]Doc{{ID: 100, Title: "Dictionnaire", Body: body.String(), Kind: "talk"}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query string
		want        string // in the error; "" for none
		hits        []int64
	}{
		{name: "prefix past the budget", query: "zq*", want: `the prefix "zq*" stands for more than 5000 words: type more letters`},
		{name: "one letter past the budget", query: "karpenter z*", want: `the prefix "z*" stands for more than 5000 words`},
		{name: "excluded prefix past the budget", query: "karpenter -zq*", want: `"zq*" stands for more than 5000`},
		{name: "title prefix past the budget", query: "title:z*", want: "", hits: []int64{}},
		{name: "prefixes past the budget together", query: "zqa* zqb* zqc* zqd* zqe* zqf* zqg* zqh* zqi*", want: `the prefixes "zqa*", "zqb*", "zqc*"`},
		{name: "prefix within the budget", query: "zqab*", hits: []int64{100}},
		{name: "prefixes within the budget", query: "zqa* zqb*", hits: []int64{100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Search(tt.query, Filters{}, 10)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Search(%q): %v", tt.query, err)
				}
				if got := ids(hits); !slices.Equal(got, tt.hits) {
					t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.hits)
				}
				return
			}
			var qe *QueryError
			if !errors.As(err, &qe) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Search(%q) = %v, %v; want a *QueryError saying %q", tt.query, ids(hits), err, tt.want)
			}
		})
	}
}

// TestSearchErrorSaysReindex pins down part of issue 13, item 8: "search:
// index read inconsistency detected" did not say that 'notes reindex'
// fixes it, nor which index.
func TestSearchErrorSaysReindex(t *testing.T) {
	err := searchError("/data/notes.db.bleve", bleve.ErrorIndexReadInconsistency)
	if !errors.Is(err, bleve.ErrorIndexReadInconsistency) {
		t.Errorf("searchError lost the bleve error: %v", err)
	}
	for _, want := range []string{"search: index read inconsistency detected", "/data/notes.db.bleve", "run 'notes reindex'"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("searchError = %q, want it to say %q", err, want)
		}
	}
	other := searchError("/data/notes.db.bleve", errors.New("boom"))
	if other.Error() != "search: boom" {
		t.Errorf("searchError(boom) = %q, want %q", other, "search: boom")
	}
}
