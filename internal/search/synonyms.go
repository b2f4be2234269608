package search

import (
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// synonymGroups are words and phrases people in this field use for the
// same thing (issue 15, item 4). A plain word of a query that is one of
// them (case and accents ignored) also finds the others, at query time:
// "k8s" finds Kubernetes, "IA" finds "AI", "ML" finds "machine learning".
// A phrase is searched as a phrase ("machine learning", in order). The
// AWS short names ("s3", "lambda") already find the canonical names, which
// hold them ("Amazon S3", "AWS Lambda"); their long forms are listed. The
// list is in the code: the corrections file of issue 14 may extend it once
// it exists.
var synonymGroups = [][]string{
	{"k8s", "kubernetes"},
	{"ia", "ai", "intelligence artificielle", "artificial intelligence"},
	{"ml", "machine learning", "apprentissage automatique"},
	{"ci/cd", "continuous integration", "continuous delivery", "continuous deployment", "intégration continue", "déploiement continu"},
	{"s3", "simple storage service"},
	{"ec2", "elastic compute cloud"},
	{"eks", "elastic kubernetes service"},
	{"ecs", "elastic container service"},
	{"sqs", "simple queue service"},
	{"sns", "simple notification service"},
	{"iam", "identity and access management"},
}

// synonymsOf maps each folded word or phrase of synonymGroups to the
// others of its group.
var synonymsOf = func() map[string][]string {
	m := map[string][]string{}
	for _, g := range synonymGroups {
		for _, w := range g {
			k := core.Fold(w)
			for _, o := range g {
				if o != w {
					m[k] = append(m[k], o)
				}
			}
		}
	}
	return m
}()

// synonyms returns the synonyms of a plain query word, nil when it has
// none.
func synonyms(word string) []string {
	return synonymsOf[core.Fold(strings.TrimSpace(word))]
}
