package search

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// testDocs are hand-written talks in the shapes real write-ups have: mostly
// French, some English, Markdown bodies with line breaks and bold.
var testDocs = []Doc{
	{
		ID:    1,
		Title: "Karpenter en production chez Acme",
		Body: "**Karpenter** remplace le Cluster Autoscaler sur nos clusters EKS.\n\n" +
			"* les nœuds sont provisionnés en quelques secondes\n* la facture EC2 a baissé de 30 %",
		Speakers:  []string{"Jeanne Dupré"},
		Companies: []string{"Acme"},
		Services:  []string{"Amazon EKS", "Amazon EC2"},
		Event:     "AWS Summit Paris 2023", EventSeries: "AWS Summit", City: "Paris", Year: 2023,
		Kind: "talk",
	},
	{
		ID:    2,
		Title: "Les nouveautés de Kubernetes 1.28",
		Body: "Kubernetes 1.28 apporte le sidecar natif. Sur EKS, Kubernetes s'intègre avec karpenter,\n" +
			"et karpenter gère le consolidation des nœuds; un rappel sur karpenter conclut la session.",
		Speakers:  []string{"Paul Martin"},
		Companies: []string{"AWS"},
		Services:  []string{"Amazon EKS"},
		Event:     "AWS Summit Paris 2022", EventSeries: "AWS Summit", City: "Paris", Year: 2022,
		Kind: "talk",
	},
	{
		ID:    3,
		Title: "Sécurité des architectures orientées événements",
		Body: "La sécurité des fonctions AWS Lambda passe par des rôles IAM étroits.\n" +
			"Les événements EventBridge sont signés. L’observabilité, comme l’a rappelé Jeanne Dupré,\n" +
			"est la première ligne de défense. Le cadre de l’AI Act s'applique aussi.",
		Speakers:  []string{"Sophie Lefèvre"},
		Companies: []string{"Société Générale"},
		Services:  []string{"AWS Lambda", "Amazon EventBridge"},
		Event:     "AWS Summit Paris 2023", EventSeries: "AWS Summit", City: "Paris", Year: 2023,
		Kind: "talk",
	},
	{
		ID:    4,
		Title: "Migrer ses sauvegardes avec AWS Storage Gateway",
		Body: "Storage Gateway expose des volumes iSCSI adossés à S3. Une fonction Lambda\n" +
			"vérifie chaque nuit les sauvegardes.",
		Speakers: []string{"Marc Petit"},
		Services: []string{"AWS Storage Gateway", "AWS Lambda", "Amazon S3"},
		Event:    "AWS Summit Paris 2022", EventSeries: "AWS Summit", City: "Paris", Year: 2022,
		Kind: "talk",
	},
	{
		ID:    5,
		Title: "API Gateway et stockage objet",
		Body: "Amazon API Gateway devant S3 : le storage des fichiers passe par des URL présignées.\n" +
			"Annoncé à re:Invent, le Gateway Load Balancer n'est pas couvert.",
		Services: []string{"Amazon API Gateway", "Amazon S3"},
		Event:    "AWS re:Invent 2022", EventSeries: "AWS re:Invent", City: "Las Vegas", Year: 2022,
		Kind: "talk",
	},
	{
		ID:    6,
		Title: "Retour sur l’été des conteneurs",
		Body: "Cet été, nous avons migré nos conteneurs vers Fargate.\n" +
			"Une Lambda déclenche les déploiements. J'ai aimé, c'est simple.",
		NoteAuthors: []string{"Gabriel Forien"},
		Event:       "Xebicon 2019", EventSeries: "Xebicon", City: "Paris", Year: 2019,
		Kind: "keynote",
	},
	{
		ID:    7,
		Title: "Scaling Kubernetes workloads with KEDA",
		Body: "KEDA brings event-driven autoscaling to Kubernetes. The team's CI/CD pipelines,\n" +
			"written in Node.js, deploy C++ workers; a Lambda handles the webhooks.",
		Speakers:  []string{"John Roe"},
		Companies: []string{"Foo Corp"},
		Event:     "AWS re:Invent 2023", EventSeries: "AWS re:Invent", City: "Las Vegas", Year: 2023,
		Kind: "talk",
	},
}

// newTestIndex indexes testDocs in a fresh on-disk index.
func newTestIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := Create(filepath.Join(t.TempDir(), "notes.db.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	if err := ix.Put(testDocs); err != nil {
		t.Fatal(err)
	}
	return ix
}

func ids(hits []Hit) []int64 {
	out := make([]int64, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

func sorted(s []int64) []int64 {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestSearch(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name    string
		query   string
		filters Filters
		want    []int64 // exact order
		anyOrd  bool    // compare as sets
	}{
		{name: "title match ranks first", query: "karpenter", want: []int64{1, 2}},
		{name: "speaker ranks above body mention", query: "dupré", want: []int64{1, 3}},
		{name: "accents ignored", query: "securite", want: []int64{3}},
		{name: "accents and plural ignored", query: "evenement", want: []int64{3}},
		{name: "elision", query: "observabilité", want: []int64{3}},
		{name: "typed elision", query: "l'observabilite", want: []int64{3}},
		{name: "singular finds plural", query: "conteneur", want: []int64{6}},
		{name: "été survives", query: "été", want: []int64{6}},
		{name: "ete without accents", query: "ete", want: []int64{6}},
		{name: "prefix", query: "kube*", want: []int64{2, 7}, anyOrd: true},
		{name: "prefix longer than the stem", query: "kubernetes*", want: []int64{2, 7}, anyOrd: true},
		{name: "prefix with accent", query: "sécu*", want: []int64{3}},
		// Issue 13, item 9: "w*" was searched as the word "w".
		{name: "one-letter prefix", query: "w*", want: []int64{7}},
		{name: "one-letter prefix of an event", query: "event:v*", want: []int64{5, 7}, anyOrd: true},
		{name: "words are AND-ed", query: "karpenter kubernetes", want: []int64{2}},
		{name: "exclusion", query: "karpenter -kubernetes", want: []int64{1}},
		{name: "NOT", query: "karpenter NOT kubernetes", want: []int64{1}},
		{name: "only an exclusion", query: "-lambda", want: []int64{1, 2, 5}, anyOrd: true},
		{name: "OR", query: "karpenter OR keda", want: []int64{1, 2, 7}, anyOrd: true},
		{name: "phrase", query: `"Storage Gateway"`, want: []int64{4}},
		{name: "words of the phrase apart", query: "storage gateway", want: []int64{4, 5}, anyOrd: true},
		{name: "phrase is unstemmed", query: `"conteneur"`, want: []int64{}},
		{name: "phrase words are as typed", query: `"Storage Gateways"`, want: []int64{}},
		{name: "phrase words are in order", query: `"Gateway Storage"`, want: []int64{}},
		{name: "phrase with a stop word", query: `"le storage"`, want: []int64{5}},
		{name: "title field", query: "title:karpenter", want: []int64{1}},
		{name: "title field prefix", query: "title:kube*", want: []int64{2, 7}, anyOrd: true},
		{name: "speaker field", query: `speaker:"jeanne dupre"`, want: []int64{1}},
		{name: "speaker field one word", query: "speaker:Dupré", want: []int64{1}},
		{name: "company field", query: `company:"societe generale"`, want: []int64{3}},
		{name: "service field", query: `service:"Storage Gateway"`, want: []int64{4}},
		{name: "event field", query: "lambda event:xebicon", want: []int64{6}},
		{name: "year field", query: "lambda year:2022", want: []int64{4}},
		{name: "kind field", query: "kind:keynote", want: []int64{6}},
		{name: "re:Invent", query: "re:Invent", want: []int64{5, 7}, anyOrd: true},
		{name: "unknown field is text", query: "re: invent", want: []int64{5, 7}, anyOrd: true},
		{name: "C++", query: "C++ workers", want: []int64{7}},
		{name: "Node.js", query: "Node.js", want: []int64{7}},
		{name: "node finds Node.js", query: "node", want: []int64{7}},
		{name: "CI/CD", query: "CI/CD", want: []int64{7}},
		{name: "only stop words searched as typed", query: "the", want: []int64{7}},
		{name: "AI is the acronym, not j'ai", query: "AI", want: []int64{3}},
		{name: "stop word ignored beside a word", query: "the karpenter", want: []int64{1, 2}},
		{name: "only punctuation finds nothing", query: "+++", want: []int64{}},
		{name: "word absent", query: "karpenter zzzz", want: []int64{}},

		{name: "event filter, words in any order", query: "lambda", filters: Filters{Event: "AWS Summit 2023"}, want: []int64{3}},
		{name: "event filter, case and accents", query: "", filters: Filters{Event: "xébicon"}, want: []int64{6}},
		{name: "event filter by city", query: "", filters: Filters{Event: "las vegas 2022"}, want: []int64{5}},
		{name: "event filter of punctuation", query: "lambda", filters: Filters{Event: "!!"}, want: []int64{}},
		{name: "year filter", query: "lambda", filters: Filters{Year: 2022}, want: []int64{4}},
		{name: "speaker filter whole value", query: "", filters: Filters{Speaker: "JEANNE DUPRE"}, want: []int64{1}},
		{name: "speaker filter is not a word match", query: "", filters: Filters{Speaker: "Dupré"}, want: []int64{}},
		{name: "service filter whole value", query: "", filters: Filters{Service: "amazon eks"}, want: []int64{1, 2}},
		{name: "service filter not split", query: "", filters: Filters{Service: "eks"}, want: []int64{}},
		{name: "company filter", query: "", filters: Filters{Company: "Societe  Generale"}, want: []int64{3}},
		{name: "kind filter", query: "", filters: Filters{Kind: "Keynote"}, want: []int64{6}},
		{name: "filters combine", query: "", filters: Filters{Event: "summit", Year: 2022, Service: "AWS Lambda"}, want: []int64{4}},
		{name: "empty query lists all", query: "", want: []int64{1, 2, 3, 4, 5, 6, 7}, anyOrd: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Search(tt.query, tt.filters, 10)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.query, err)
			}
			got, want := ids(hits), tt.want
			if tt.anyOrd {
				got, want = sorted(got), sorted(want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("Search(%q, %+v) = %v, want %v\n%s", tt.query, tt.filters, ids(hits), tt.want, ParseQuery(tt.query))
			}
		})
	}
}

func TestSnippets(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		query string
		id    int64
		want  string // must appear in a snippet
	}{
		{"karpenter", 1, "**Karpenter** remplace"},
		{"securite", 3, "**sécurité** des fonctions"},
		{"kubernetes*", 2, "**Kubernetes** 1.28"},
		{`"Storage Gateway"`, 4, "**Storage Gateway** expose"},
		{"re:Invent", 5, "à **re:Invent**,"},
		{"conteneur", 6, "nos **conteneurs** vers"},
		{"observabilite", 3, "**L’observabilité**"},
		// Matches in body_exact, which keeps no positions.
		{`"conteneurs"`, 6, "nos **conteneurs** vers"},
		{"the", 7, "**The** team's"},
		{"CI/CD", 7, "**CI/CD** pipelines"},
		{"AI", 3, "**l’AI** Act"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := ix.Search(tt.query, Filters{}, 10)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(hits, func(h Hit) bool { return h.ID == tt.id })
			if i < 0 {
				t.Fatalf("talk %d not found: %v", tt.id, ids(hits))
			}
			snips := hits[i].Snippets
			if len(snips) == 0 || len(snips) > 2 {
				t.Fatalf("snippets = %q, want one or two", snips)
			}
			joined := strings.Join(snips, " | ")
			if !strings.Contains(joined, tt.want) {
				t.Errorf("snippets = %q, want them to contain %q", snips, tt.want)
			}
			for _, s := range snips {
				if strings.ContainsAny(s, "\n\t") || strings.Contains(s, "  ") {
					t.Errorf("snippet %q has raw white space", s)
				}
				if strings.Count(s, "**")%2 != 0 {
					t.Errorf("snippet %q has unbalanced bold", s)
				}
			}
		})
	}
}

func TestPutReplacesAndDelete(t *testing.T) {
	ix := newTestIndex(t)
	d := testDocs[0]
	d.Title, d.Body = "Autre titre", "plus de k8s ici"
	if err := ix.Put([]Doc{d}); err != nil {
		t.Fatal(err)
	}
	if hits, _ := ix.Search("karpenter", Filters{}, 10); !slices.Equal(ids(hits), []int64{2}) {
		t.Errorf("after replace: %v, want [2]", ids(hits))
	}
	if err := ix.Delete([]int64{2, 999}); err != nil {
		t.Fatal(err)
	}
	if hits, _ := ix.Search("karpenter", Filters{}, 10); len(hits) != 0 {
		t.Errorf("after delete: %v, want none", ids(hits))
	}
	n, err := ix.Count()
	if err != nil || n != uint64(len(testDocs)-1) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(testDocs)-1)
	}
}

func TestState(t *testing.T) {
	ix := newTestIndex(t)
	if s, err := ix.State(); err != nil || s != "" {
		t.Errorf("State of a new index = %q, %v; want empty", s, err)
	}
	if err := ix.SetState("gen-42"); err != nil {
		t.Fatal(err)
	}
	if s, err := ix.State(); err != nil || s != "gen-42" {
		t.Errorf("State = %q, %v; want gen-42", s, err)
	}
}

func TestOpenModes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.db.bleve")

	if _, err := OpenReadOnly(path, time.Second); !errors.Is(err, ErrNoIndex) {
		t.Fatalf("OpenReadOnly(missing) = %v, want ErrNoIndex", err)
	}

	ix, err := Open(path) // creates
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(testDocs); err != nil {
		t.Fatal(err)
	}
	if err := ix.SetState("7"); err != nil {
		t.Fatal(err)
	}

	// While a writer holds the index, a reader gives up after its timeout.
	start := time.Now()
	if _, err := OpenReadOnly(path, 200*time.Millisecond); !errors.Is(err, ErrBusy) {
		t.Errorf("OpenReadOnly while open for writing = %v, want ErrBusy", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("OpenReadOnly took %v", d)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	if _, err := Create(path); err == nil {
		t.Error("Create over an existing index succeeded")
	}

	ro, err := OpenReadOnly(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	// Several readers at once are fine.
	ro2, err := OpenReadOnly(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	_ = ro2.Close()
	hits, err := ro.Search("karpenter", Filters{}, 10)
	if err != nil || !slices.Equal(ids(hits), []int64{1, 2}) {
		t.Errorf("read-only search = %v, %v", ids(hits), err)
	}
	if s, _ := ro.State(); s != "7" {
		t.Errorf("State = %q, want 7", s)
	}
	if err := ro.Put(testDocs[:1]); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Put on read-only = %v, want ErrReadOnly", err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened for writing, the documents are still there.
	ix, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != uint64(len(testDocs)) {
		t.Errorf("Count after reopen = %d", n)
	}
	// An index built by another mapping version must be rebuilt.
	if err := ix.bi.SetInternal(keyMapping, []byte("0")); err != nil {
		t.Fatal(err)
	}
	_ = ix.Close()
	if _, err := Open(path); !errors.Is(err, ErrOutdated) {
		t.Errorf("Open(outdated) = %v, want ErrOutdated", err)
	}
	if _, err := OpenReadOnly(path, time.Second); !errors.Is(err, ErrOutdated) {
		t.Errorf("OpenReadOnly(outdated) = %v, want ErrOutdated", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("index removed: %v", err)
	}
}

// TestSnippetNotInsideLinks pins a bug: a word found in a link target was
// highlighted inside the URL, breaking the Markdown link in the snippet.
func TestSnippetNotInsideLinks(t *testing.T) {
	ix, err := Create(filepath.Join(t.TempDir(), "i.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	body := "Nous regardons [Karpenter](https://karpenter.sh/) pour nos clusters, et ![schéma](img/karpenter.png) aussi."
	if err := ix.Put([]Doc{{ID: 1, Title: "Clusters", Body: body}}); err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Search("karpenter", Filters{}, 5)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits = %v, %v", hits, err)
	}
	for _, s := range hits[0].Snippets {
		if strings.Contains(s, "https://") || strings.Contains(s, "](") || !strings.Contains(s, "**Karpenter**") {
			t.Errorf("snippet %q: want the link text highlighted and no URL", s)
		}
	}
}

// TestSearchLimit checks that a limit cuts the best hits and that no limit
// (0) returns every match, however many.
func TestSearchLimit(t *testing.T) {
	ix := newTestIndex(t)
	docs := make([]Doc, DefaultLimit+5)
	for i := range docs {
		docs[i] = Doc{ID: int64(100 + i), Title: fmt.Sprintf("Retour %d", i), Body: "observabilité partout"}
	}
	if err := ix.Put(docs); err != nil {
		t.Fatal(err)
	}
	all, err := ix.Search("observabilité", Filters{}, 0)
	if err != nil || len(all) < len(docs) {
		t.Fatalf("limit 0: %d hits, %v; want at least %d", len(all), err, len(docs))
	}
	some, err := ix.Search("observabilité", Filters{}, 3)
	if err != nil || len(some) != 3 {
		t.Fatalf("limit 3: %d hits, %v", len(some), err)
	}
	// The limit keeps the best scores; among equal ones, which make the
	// cut is bleve's choice.
	for i := range some {
		if some[i].Score != all[i].Score {
			t.Errorf("hit %d: score %v with limit 3, %v without: the limit must keep the best", i, some[i].Score, all[i].Score)
		}
	}
}

// TestSynonyms is issue 15, item 4: a query word also finds its synonyms,
// at query time; a word with none finds only itself.
func TestSynonyms(t *testing.T) {
	ix, err := newMemIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := []Doc{
		{ID: 1, Title: "Opérer Kubernetes", Body: "Des clusters Kubernetes en production."},
		{ID: 2, Title: "K8s sans douleur", Body: "Nos clusters k8s."},
		{ID: 3, Title: "L'IA générative", Body: "Un assistant d'IA pour le support."},
		{ID: 4, Title: "Machine learning en production", Body: "Du machine learning sur SageMaker."},
		{ID: 5, Title: "Notre chaîne CI/CD", Body: "Intégration continue et déploiement continu."},
		{ID: 6, Title: "Stockage", Body: "Simple Storage Service pour les archives."},
		{ID: 7, Title: "Learning from incidents", Body: "What the machine told us."},
	}
	if err := ix.Put(docs); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"k8s", []int64{1, 2}},
		{"kubernetes", []int64{1, 2}},
		{"AI", []int64{3}},
		{"ML", []int64{4}},
		{"ci/cd", []int64{5}},
		{"s3", []int64{6}},
		{"douleur", []int64{2}},
	} {
		hits, err := ix.Search(tc.query, Filters{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := sorted(ids(hits)); !slices.Equal(got, tc.want) {
			t.Errorf("search %q = %v, want %v", tc.query, got, tc.want)
		}
	}
}
