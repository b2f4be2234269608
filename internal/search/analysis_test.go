package search

import (
	"slices"
	"sync"
	"testing"
	"unicode/utf8"
)

// testAnalyzers is built on first use: package variables are initialised
// before init registers the analyzers.
var testAnalyzers = sync.OnceValue(func() analyzers { return newAnalyzers(newIndexMapping()) })

func TestTextAnalyzer(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"accents fold before stemming", "événements", []string{"even"}},
		{"elision with typographic apostrophe", "L’observabilité", []string{"observabilit"}},
		{"elision with ASCII apostrophe", "d'observabilité", []string{"observabilit"}},
		{"été is not a stop word", "été", []string{"ete"}},
		{"plural été", "étés", []string{"ete"}},
		{"French stop words dropped", "la sécurité des données", []string{"securit", "done"}},
		{"English stop words dropped", "the security of the cloud", []string{"security", "cloud"}},
		{"English possessive", "Kubernetes's scheduler", []string{"kubernet", "schedul"}},
		{"ligature œ", "cœur", []string{"coeu"}},
		{"decomposed accents (NFD)", "e\u0301te\u0301", []string{"ete"}},
		{"colon splits words", "re:Invent", []string{"re", "invent"}},
		{"dot splits words", "Node.js", []string{"node", "js"}},
		{"dot between digits kept", "version 2.0", []string{"version", "2.0"}},
		{"slash splits words", "CI/CD", []string{"ci", "cd"}},
		{"C++ is a stop letter", "C++", []string{}},
		{"punctuation only", "+++ —", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := terms(testAnalyzers().text, tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestTextAnalyzerSameToken pins the words that must find each other.
func TestTextAnalyzerSameToken(t *testing.T) {
	tests := []struct{ a, b string }{
		{"événements", "evenement"},
		{"Événement", "évènements"},
		{"conteneurs", "conteneur"},
		{"sécurité", "securite"},
		{"SÉCURITÉ", "sécurité"},
		{"l’observabilité", "observabilite"},
		{"Kubernetes", "kubernetes"},
		{"clusters", "cluster"},
		{"été", "ete"},
		{"cœur", "coeur"},
		{"déploiements", "deploiement"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"="+tt.b, func(t *testing.T) {
			a, b := terms(testAnalyzers().text, tt.a), terms(testAnalyzers().text, tt.b)
			if len(a) != 1 || !slices.Equal(a, b) {
				t.Errorf("text(%q) = %q, text(%q) = %q, want one shared token", tt.a, a, tt.b, b)
			}
		})
	}
}

// TestKubernetesStemsAlike: talks in French and in English must meet on the
// same token, which is what bleve's own "fr" (light stemmer) and "en"
// (Porter) analyzers produce as well.
func TestKubernetesStemsAlike(t *testing.T) {
	m := newIndexMapping()
	ours := terms(testAnalyzers().text, "Kubernetes")
	for _, name := range []string{"fr", "en"} {
		got := terms(m.AnalyzerNamed(name), "Kubernetes")
		if !slices.Equal(got, ours) {
			t.Errorf("%s analyzer: %q, ours: %q", name, got, ours)
		}
	}
	if !slices.Equal(ours, []string{"kubernet"}) {
		t.Errorf("ours = %q, want [kubernet]", ours)
	}
}

func TestExactAnalyzer(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Conteneurs", []string{"conteneurs"}},
		{"L’Observabilité", []string{"observabilite"}},
		{"la sécurité", []string{"la", "securite"}},
		{"AWS re:Invent", []string{"aws", "re", "invent"}},
		{"Kubernetes's", []string{"kubernetes's"}},
	}
	for _, tt := range tests {
		if got := terms(testAnalyzers().exact, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("exact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeyAnalyzer(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Amazon EKS", []string{"amazon eks"}},
		{"Jeanne DUPRÉ", []string{"jeanne dupre"}},
		{"Société Générale", []string{"societe generale"}},
	}
	for _, tt := range tests {
		if got := terms(testAnalyzers().key, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTokenOffsets: highlighting cuts the stored text at token offsets, so
// splitting "re:Invent" and folding must keep them exact.
func TestTokenOffsets(t *testing.T) {
	in := "À l’AWS re:Invent, l’été"
	for _, tok := range testAnalyzers().exact.Analyze([]byte(in)) {
		orig := in[tok.Start:tok.End]
		if got := terms(testAnalyzers().exact, orig); !slices.Equal(got, []string{string(tok.Term)}) {
			t.Errorf("token %q at [%d:%d] covers %q", tok.Term, tok.Start, tok.End, orig)
		}
	}
}

func TestFoldTable(t *testing.T) {
	for r, s := range foldTable {
		for _, c := range s {
			if c >= utf8.RuneSelf {
				t.Errorf("fold(%q) = %q, not ASCII", r, s)
			}
		}
	}
	if got := string(fold([]byte("ÀÉÎÕÜ àéîõü çÇ ñ ß ø œ"))); got != "AEIOU aeiou cC n ss o oe" {
		t.Errorf("fold = %q", got)
	}
}
