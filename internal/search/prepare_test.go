package search

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
)

// samplePosts are the texts of the project's sample posts, and a line of
// tricky words, as the index receives them (decoded UTF-8).
func samplePosts(t testing.TB) []string {
	inputs := []string{
		"L’observabilité d'AWS re:Invent, Node.js 2.0 et 1,5 Go ; C++ / CI/CD — Step-Functions lambda_handler EC2 s3://bucket e-mail x@y.fr été œuvre ingénieur·es 80% (Lambda) « Karpenter » the team's l'été qu’il AI aux chevaux Œuvres ÉVÉNEMENTS [lien](https://x.y/z) ![img](a.png) 東京 カタカナ",
	}
	posts, _ := filepath.Glob("../../testdata/posts/*")
	blog, _ := filepath.Glob("../../testdata/blog/posts/*")
	for _, p := range append(posts, blog...) {
		if b, err := os.ReadFile(p); err == nil && utf8.Valid(b) {
			inputs = append(inputs, string(b))
		}
	}
	if len(inputs) < 10 {
		t.Fatalf("found %d sample posts, want the project's testdata", len(inputs))
	}
	return inputs
}

// sameField reports how a prepared field differs from what bleve's own
// text field computes from the analyzer's tokens, or "" when it does not.
func sameField(got *preparedField, a analysis.Analyzer, value []byte) string {
	want := document.NewTextFieldCustom(got.name, nil, value, got.opts, a)
	want.Analyze()
	if got.AnalyzedLength() != want.AnalyzedLength() {
		return fmt.Sprintf("%s: %d tokens, want %d", got.name, got.AnalyzedLength(), want.AnalyzedLength())
	}
	gf, wf := got.AnalyzedTokenFrequencies(), want.AnalyzedTokenFrequencies()
	if len(gf) != len(wf) {
		return fmt.Sprintf("%s: %d terms, want %d", got.name, len(gf), len(wf))
	}
	for term, w := range wf {
		g := gf[term]
		if g == nil {
			return fmt.Sprintf("%s: term %q missing", got.name, term)
		}
		if !bytes.Equal(g.Term, w.Term) || g.Frequency() != w.Frequency() || len(g.Locations) != len(w.Locations) {
			return fmt.Sprintf("%s: term %q: got %q ×%d (%d locations), want %q ×%d (%d)", got.name, term,
				g.Term, g.Frequency(), len(g.Locations), w.Term, w.Frequency(), len(w.Locations))
		}
		for i, wl := range w.Locations {
			if gl := g.Locations[i]; gl.Start != wl.Start || gl.End != wl.End || gl.Position != wl.Position || len(gl.ArrayPositions) != len(wl.ArrayPositions) {
				return fmt.Sprintf("%s: term %q location %d: got %+v, want %+v", got.name, term, i, *gl, *wl)
			}
		}
	}
	return ""
}

// checkPrepared compares a Preparer's analysis of body with the registered
// analyzers'.
func checkPrepared(t *testing.T, p *Preparer, an analyzers, body string) {
	t.Helper()
	got := p.Prepare(body)
	readable := []byte(readableBody(body))
	if !bytes.Equal(got.text.Value(), readable) || !bytes.Equal(got.exact.Value(), readable) {
		t.Fatalf("prepared value differs from readableBody")
	}
	if d := sameField(got.text, an.text, readable); d != "" {
		t.Fatalf("analysis of %.60q: %s", body, d)
	}
	if d := sameField(got.exact, an.exact, readable); d != "" {
		t.Fatalf("analysis of %.60q: %s", body, d)
	}
	// Size is computed without walking the map: it must be what walking
	// it gives.
	for _, f := range []*preparedField{got.text, got.exact} {
		if want := 64 + len(f.name) + len(f.value) + f.freqs.Size(); f.Size() != want {
			t.Fatalf("%s of %.60q: Size() = %d, want %d", f.name, body, f.Size(), want)
		}
	}
}

// TestPreparedMatchesAnalyzers checks that prepared bodies are analysed
// exactly as bleve would with the mapping's analyzers: same terms,
// frequencies, offsets and positions, for the stemmed and the unstemmed
// field, with the word cache cold and warm.
func TestPreparedMatchesAnalyzers(t *testing.T) {
	an := newAnalyzers(newIndexMapping())
	p := NewPreparer()
	for pass := range 2 {
		for _, body := range samplePosts(t) {
			checkPrepared(t, p, an, body)
		}
		if pass == 0 && len(p.cache) == 0 {
			t.Fatal("the word cache stayed empty")
		}
	}
}

// TestPreparedAfterReset checks that bodies prepared before the cache
// starts again keep their terms, and that the bodies after it are
// analysed as well as before.
func TestPreparedAfterReset(t *testing.T) {
	an := newAnalyzers(newIndexMapping())
	p := NewPreparer()
	bodies := samplePosts(t)
	var before []*Prepared
	for _, body := range bodies {
		before = append(before, p.Prepare(body))
	}
	p.reset()
	if len(p.cache) != 0 || len(p.terms) != 0 {
		t.Fatal("reset left words in the cache")
	}
	for i := len(bodies) - 1; i >= 0; i-- {
		checkPrepared(t, p, an, bodies[i])
	}
	for i, body := range bodies {
		readable := []byte(readableBody(body))
		if d := sameField(before[i].text, an.text, readable); d != "" {
			t.Fatalf("after reset, analysis of %.60q: %s", body, d)
		}
		if d := sameField(before[i].exact, an.exact, readable); d != "" {
			t.Fatalf("after reset, analysis of %.60q: %s", body, d)
		}
	}
}

func FuzzPrepare(f *testing.F) {
	for _, s := range []string{"L’été d'AWS re:Invent", "Node.js 2.0 CI/CD", "cœur aux chevaux the team's", "東京 x·y"} {
		f.Add(s)
	}
	an := newAnalyzers(newIndexMapping())
	p := NewPreparer()
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return // bodies reach the index decoded
		}
		checkPrepared(t, p, an, body)
	})
}
