package search

import (
	"errors"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"word", "karpenter", "karpenter"},
		{"words are AND-ed", "karpenter autoscaling", "AND(karpenter, autoscaling)"},
		{"OR", "karpenter OR keda", "OR(karpenter, keda)"},
		{"OR chain", "a OR b OR c", "OR(a, b, c)"},
		{"OR binds tighter than AND", "a b OR c d", "AND(a, OR(b, c), d)"},
		{"lower-case or is a word", "a or b", "AND(a, or, b)"},
		{"minus excludes", "karpenter -kubernetes", "AND(karpenter, -kubernetes)"},
		{"NOT excludes", "karpenter NOT kubernetes", "AND(karpenter, -kubernetes)"},
		{"double negation cancels", "NOT -x", "x"},
		{"excluded term in OR", "a -b OR c", "AND(a, OR(-b, c))"},
		{"phrase", `"Storage Gateway"`, `"Storage Gateway"`},
		{"excluded phrase", `lambda -"storage gateway"`, `AND(lambda, -"storage gateway")`},
		{"unterminated phrase", `"storage gateway`, `"storage gateway"`},
		{"empty phrase", `""`, "AND()"},
		{"prefix", "kube*", "kube*"},
		{"prefix with many stars", "kube**", "kube*"},
		{"lone star", "*", "`*`"},
		{"field", "title:karpenter", "title:karpenter"},
		{"field name case", "Title:Karpenter", "title:Karpenter"},
		{"field plural alias", "speakers:dupré", "speaker:dupré"},
		{"quoted field value", `speaker:"Jane Doe"`, `speaker:"Jane Doe"`},
		{"quoted service", `service:"Amazon EKS" lambda`, `AND(service:"Amazon EKS", lambda)`},
		{"unterminated field quote", `title:"storage gateway`, `title:"storage gateway"`},
		{"field prefix", "title:kube*", "title:kube*"},
		{"excluded field", "-company:acme", "-company:acme"},
		{"field then space", "title: karpenter", "title:karpenter"},
		{"dangling field", "title:", "AND()"},
		{"event value with colon", "event:re:Invent", "event:`re:Invent`"},
		{"year", "year:2022", "year:2022"},
		{"quoted year", `year:"2022"`, "year:2022"},
		{"year not a number", "year:abc", "`year:abc`"},
		{"kind", "kind:keynote", "kind:keynote"},
		{"unknown field is text", "re:Invent", "`re:Invent`"},
		{"unknown field with nothing after", "re:", "`re:`"},
		{"unknown field quoted", `re:"Invent 2023"`, "`re:\"Invent 2023\"`"},
		{"C++", "C++", "C++"},
		{"Node.js", "Node.js", "Node.js"},
		{"CI/CD", "CI/CD", "CI/CD"},
		{"parentheses are text", "(karpenter OR keda) -fargate", "AND(OR(`(karpenter`, `keda)`), -fargate)"},
		{"lone minus", "- a", "AND(`-`, a)"},
		{"double minus is text", "--verbose", "`--verbose`"},
		{"leading OR", "OR a", "a"},
		{"trailing OR", "a OR", "a"},
		{"double OR", "a OR OR b", "OR(a, b)"},
		{"AND keyword", "a AND b", "AND(a, b)"},
		{"operators alone", "AND OR NOT", "AND()"},
		{"quote inside a word", `foo"bar baz"`, "AND(`foo\"bar`, `baz\"`)"},
		{"empty", "", "AND()"},
		{"blank", " \t\n", "AND()"},
		{"accents kept in the tree", "sécurité événements", "AND(sécurité, événements)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParseQuery(tt.in).String(); got != tt.want {
				t.Errorf("ParseQuery(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

// TestBuildQueryNeverFails: every parse of awkward input turns into a bleve
// query that validates, or into "nothing to search".
func TestBuildQueryNeverFails(t *testing.T) {
	for _, in := range []string{
		"re:Invent", "C++", "Node.js", "CI/CD", "re:", "title:", "*", "-", "\"", `"`,
		"k*", "ci/c*", "the", "AI", "NOT", "a OR -b", "-a -b", "year:0", "kind:",
		"event:\"\"", "title:\"", "speaker:*", "(", ")", "\x00", "\xff\xfe",
	} {
		b := builder{an: testAnalyzers()}
		q, ok := b.buildQuery(ParseQuery(in))
		if !ok {
			continue
		}
		if v, isV := q.(interface{ Validate() error }); isV {
			if err := v.Validate(); err != nil {
				t.Errorf("query for %q does not validate: %v", in, err)
			}
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"karpenter", "karpenter -kubernetes", `"Storage Gateway"`, "kube*",
		`speaker:"Jane Doe"`, "re:Invent", "C++", "Node.js", "CI/CD", "a OR b",
		"NOT x", "title: x", "year:2022", `title:"x`, "--", "événement l’été",
	} {
		f.Add(s)
	}
	ix, err := newMemIndex()
	if err != nil {
		f.Fatal(err)
	}
	if err := ix.Put(testDocs); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := ParseQuery(s)
		_ = n.String()
		b := builder{an: ix.an}
		if q, ok := b.buildQuery(n); ok {
			if v, isV := q.(interface{ Validate() error }); isV {
				if err := v.Validate(); err != nil {
					t.Fatalf("query for %q does not validate: %v", s, err)
				}
			}
		}
		_, err := ix.Search(s, Filters{}, 3)
		var qe *QueryError
		if errors.As(err, &qe) {
			if CheckQuery(s) == nil {
				t.Fatalf("Search(%q) = %v, but CheckQuery accepts it", s, err)
			}
		} else if err != nil {
			t.Fatalf("Search(%q): %v", s, err)
		}
	})
}
