package search

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// benchVocabulary is the common vocabulary of synthetic talks; "karpenter"
// is planted in a few of them to measure a rare term.
var benchVocabulary = strings.Fields(`kubernetes cluster conteneurs déploiement
	sécurité observabilité événements serverless lambda fonction stockage données
	réseau migration architecture production équipe coût performance monitoring
	pipeline intégration livraison continue base relationnelle cache latence
	scalabilité résilience disponibilité région zone compte organisation identité
	accès rôle politique chiffrement clé secret journal métrique alerte tableau`)

// benchDocs generates n talks of ~150 words, deterministically.
func benchDocs(n int) []Doc {
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([]Doc, n)
	for i := range docs {
		words := make([]string, 150)
		for j := range words {
			words[j] = benchVocabulary[rng.IntN(len(benchVocabulary))]
		}
		if i%200 == 0 {
			words[rng.IntN(len(words))] = "Karpenter"
		}
		year := 2017 + i%7
		docs[i] = Doc{
			ID:          int64(i + 1),
			Title:       strings.Join(words[:6], " "),
			Body:        strings.Join(words, " "),
			Speakers:    []string{fmt.Sprintf("Speaker %d", i%300)},
			Companies:   []string{fmt.Sprintf("Company %d", i%50)},
			Services:    []string{"AWS Lambda", "Amazon S3"},
			Event:       fmt.Sprintf("AWS Summit Paris %d", year),
			EventSeries: "AWS Summit", City: "Paris", Year: year,
			Kind: "talk",
		}
	}
	return docs
}

// BenchmarkSearch measures query latency (parse, build, search, snippets)
// over 2,000 synthetic talks indexed once on disk.
func BenchmarkSearch(b *testing.B) {
	ix, err := Create(filepath.Join(b.TempDir(), "bench.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	docs := benchDocs(2000)
	for i := 0; i < len(docs); i += 250 {
		if err := ix.Put(docs[i:min(i+250, len(docs))]); err != nil {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct {
		name, query string
		f           Filters
	}{
		{"rare", "karpenter", Filters{}},
		{"common", "kubernetes", Filters{}},
		{"prefix", "secu*", Filters{}},
		{"common+event", "lambda", Filters{Event: "AWS Summit 2022"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				hits, err := ix.Search(bc.query, bc.f, DefaultLimit)
				if err != nil || len(hits) == 0 {
					b.Fatalf("Search(%q) = %d hits, %v", bc.query, len(hits), err)
				}
			}
		})
	}
}

// BenchmarkPrepare measures the analysis of talk bodies that the import's
// workers do (both body fields, with the word cache warm after the first
// round), on the sample posts.
func BenchmarkPrepare(b *testing.B) {
	bodies := samplePosts(b)
	p := NewPreparer()
	var n int64
	for _, s := range bodies {
		n += int64(len(s))
	}
	b.SetBytes(n)
	b.ResetTimer()
	for range b.N {
		for _, s := range bodies {
			p.Prepare(s)
		}
	}
}

// BenchmarkPut measures indexing batches of 500 prepared talks into an
// index on disk (segment building; merging happens in the background).
func BenchmarkPut(b *testing.B) {
	docs := benchDocs(500)
	for i := range docs {
		docs[i].Prepared = Prepare(docs[i].Body)
	}
	ix, err := Create(filepath.Join(b.TempDir(), "notes.db.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	b.ResetTimer()
	for i := range b.N {
		batch := make([]Doc, len(docs))
		for j, d := range docs {
			d.ID = int64(i*len(docs) + j + 1)
			batch[j] = d
		}
		if err := ix.Put(batch); err != nil {
			b.Fatal(err)
		}
	}
}
