package kb

import (
	"context"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/extract"
	"github.com/notes-kb/notes/internal/ingest"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// corpusFiles copies the sample write-ups (testdata/posts) and the sample
// blog of ordinary posts (testdata/blog/posts) into one folder and returns
// it with the text of each file by the path an import stores.
func corpusFiles(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{}
	for _, from := range []string{"../../testdata/posts", "../../testdata/blog/posts"} {
		err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			to := filepath.Join(dir, filepath.Base(path))
			if err := os.WriteFile(to, b, 0o644); err != nil {
				return err
			}
			// The text as decoded (a Windows-1252 file's "é" is one
			// letter), as rg reads it with the right --encoding.
			src, _, err := ingest.ReadPost(to, maxPostSize)
			files[filepath.Clean(to)] = src.Text
			if doc := ingest.Parse(src); doc.Format == core.FormatHTML {
				// A saved page is imported for its text, not its markup
				// ("charset", class names): rg on the page as text.
				files[filepath.Clean(to)] = visibleText(doc)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir, files
}

// visibleText is the text of a parsed document: its title, headings and
// blocks.
func visibleText(doc core.Document) string {
	parts := []string{doc.Title}
	for _, sec := range doc.Sections {
		parts = append(parts, sec.Title)
		for _, b := range sec.Blocks {
			parts = append(parts, b.Text())
		}
	}
	return strings.Join(parts, "\n")
}

// wordFiles returns, for each word of the files (folded to lower case),
// the files holding it: what "rg -l -i -w WORD" lists.
func wordFiles(files map[string]string) map[string][]string {
	out := map[string][]string{}
	for path, text := range files {
		seen := map[string]bool{}
		for _, w := range search.Words(text) {
			w = strings.ToLower(w)
			if !seen[w] {
				seen[w] = true
				out[w] = append(out[w], path)
			}
		}
	}
	return out
}

// sampleWords picks about n words of vocab, spread over the sorted
// vocabulary (the same every run), with every word that has an accent
// among the first picked and each of those also without its accents.
// Stop words, which no search finds, and words of one or two letters are
// left out.
func sampleWords(vocab map[string][]string, n int) []string {
	var plain, accented []string
	for w := range vocab {
		if len([]rune(w)) < 3 || !search.Searchable(w) {
			continue
		}
		if core.Fold(w) != w {
			accented = append(accented, w)
		} else {
			plain = append(plain, w)
		}
	}
	sort.Strings(plain)
	sort.Strings(accented)
	var out []string
	take := func(from []string, k int) {
		step := max(1, len(from)/max(1, k))
		for i := 0; i < len(from) && k > 0; i += step {
			out = append(out, from[i])
			k--
		}
	}
	take(accented, n/3)
	for _, w := range slices.Clone(out) {
		out = append(out, core.Fold(w)) // "sécurité" → "securite"
	}
	take(plain, n-len(out))
	return out
}

// TestEveryWordIsFound is issue 15's "done when": after importing a folder
// mixing write-ups and ordinary posts, every word sampled from the files,
// French with and without accents included, is found by a search in
// every file that holds it (as a talk or a post hit), as rg finds it.
func TestEveryWordIsFound(t *testing.T) {
	dir, files := corpusFiles(t)
	dbPath := filepath.Join(t.TempDir(), "notes.db")
	sum, err := testImport(t, dbPath, dir)
	if err != nil || len(sum.Failed) > 0 {
		t.Fatalf("import: %+v, %v", sum, err)
	}
	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()

	vocab := wordFiles(files)
	words := sampleWords(vocab, 400)
	if len(words) < 300 {
		t.Fatalf("sampled %d words, want a few hundred", len(words))
	}
	accents := 0
	for _, w := range words {
		if core.Fold(w) != w {
			accents++
		}
	}
	if accents < 50 {
		t.Fatalf("sampled %d words with accents, want French words among them", accents)
	}
	ctx := context.Background()
	missed := 0
	for _, w := range words {
		res, err := k.SearchAll(ctx, w, core.TalkFilter{}, nil)
		if err != nil {
			t.Fatalf("search %q: %v", w, err)
		}
		found := map[string]bool{}
		for _, h := range res.Hits {
			if h.Type == core.HitPost {
				found[h.Post.Path] = true
			} else {
				found[h.Talk.Source] = true
			}
		}
		// The files holding the word, or, for a word typed without its
		// accents, the files holding it with them.
		want := vocab[w]
		for v, paths := range vocab {
			if v != w && core.Fold(v) == w {
				want = append(want, paths...)
			}
		}
		for _, path := range want {
			if !found[path] {
				missed++
				t.Errorf("search %q: not found in %s, which holds it", w, filepath.Base(path))
			}
		}
	}
	if missed > 0 {
		t.Logf("%d misses over %d words", missed, len(words))
	}

	// notes reindex rebuilds the same from the database alone.
	if _, err := k.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := k.SearchAll(ctx, words[len(words)-1], core.TalkFilter{}, nil)
	if err != nil || len(res.Hits) == 0 {
		t.Errorf("after reindex: %d hits for %q (%v)", len(res.Hits), words[len(words)-1], err)
	}
}

const postWriteUp = `---
title: AWS Summit Paris 2022
---
L'AWS Summit Paris 2022 s'est déroulé le 12 avril 2022.

## Intro

Nous avons parlé de watermill au stand.

### Karpenter en production

Conférence présentée par :

* Jane Doe - Solutions Architect, AWS

Karpenter sur Amazon EKS.
`

const ordinaryPost = `---
title: Notre veille de janvier
---
# Notre veille de janvier

## Outils

Watermill pour les événements en Go, et Karpenter pour nos nœuds.
On range tout dans Amazon S3.
`

// TestPostHits: words outside talks are found as post hits that say where
// they are; talks rank above posts; the talk-only filters keep posts out,
// and the event, year and service filters apply to them through the
// post's event and services; a post imported again or pruned leaves no
// stale hit.
func TestPostHits(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("summit.md", postWriteUp)
	write("veille.md", ordinaryPost)
	dbPath := filepath.Join(t.TempDir(), "notes.db")
	if sum, err := testImport(t, dbPath, dir); err != nil || len(sum.Failed) > 0 || sum.Talks != 1 {
		t.Fatalf("import: %+v, %v", sum, err)
	}
	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	ctx := context.Background()
	where := func(q string, f core.TalkFilter) []string {
		t.Helper()
		res, err := k.SearchAll(ctx, q, f, nil)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if res.Total != len(res.Hits) {
			t.Errorf("search %q: total %d, %d hits", q, res.Total, len(res.Hits))
		}
		var out []string
		for _, h := range res.Hits {
			if h.Type == core.HitTalk {
				out = append(out, "talk "+h.Talk.Title)
			} else {
				p := h.Post
				out = append(out, fmt.Sprintf("post %s:%d %s", filepath.Base(p.Path), p.Line, p.Section))
			}
			if len(h.Snippets) == 0 {
				t.Errorf("search %q: hit without a snippet: %+v", q, h)
			}
		}
		return out
	}
	for _, tc := range []struct {
		name, query string
		filter      core.TalkFilter
		want        []string
	}{
		{"outside talks", "watermill", core.TalkFilter{},
			[]string{"post veille.md:8 Outils", "post summit.md:8 Intro"}},
		{"talks first", "karpenter", core.TalkFilter{},
			[]string{"talk Karpenter en production", "post veille.md:8 Outils"}},
		{"speaker keeps posts out", "karpenter", core.TalkFilter{Speaker: "Jane Doe"},
			[]string{"talk Karpenter en production"}},
		{"company keeps posts out", "watermill", core.TalkFilter{Company: "AWS"}, nil},
		{"kind keeps posts out", "watermill", core.TalkFilter{Kind: "talk"}, nil},
		{"event", "watermill", core.TalkFilter{Event: "Summit 2022"},
			[]string{"post summit.md:8 Intro"}},
		{"year", "watermill", core.TalkFilter{Year: 2022},
			[]string{"post summit.md:8 Intro"}},
		{"service", "watermill", core.TalkFilter{Service: "Amazon S3"},
			[]string{"post veille.md:8 Outils"}},
		{"accents", "noeuds", core.TalkFilter{}, []string{"post veille.md:8 Outils"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := where(tc.query, tc.filter); !slices.Equal(got, tc.want) {
				t.Errorf("search %q %+v = %q, want %q", tc.query, tc.filter, got, tc.want)
			}
		})
	}

	// "karpenter" matches one talk and one post: with a limit of 1, the
	// talk fills it; SearchAll counts the post past it, SearchTop does not
	// search the posts at all, and listings narrowed by a query get talks.
	if res, err := k.SearchAll(ctx, "karpenter", core.TalkFilter{Limit: 1}, nil); err != nil || len(res.Hits) != 1 || res.Total != 2 {
		t.Errorf("SearchAll karpenter, limit 1: %d hits of %d, %v; want 1 of 2", len(res.Hits), res.Total, err)
	}
	if res, err := k.SearchTop(ctx, "karpenter", core.TalkFilter{Limit: 1}, nil); err != nil || len(res.Hits) != 1 || res.Total != 1 || res.Hits[0].Type != core.HitTalk {
		t.Errorf("SearchTop karpenter, limit 1: %+v, %v; want the talk alone, counted 1", res, err)
	}
	if res, err := k.SearchTop(ctx, "watermill", core.TalkFilter{Limit: 1}, nil); err != nil || len(res.Hits) != 1 || res.Hits[0].Type != core.HitPost {
		t.Errorf("SearchTop watermill, limit 1: %+v, %v; want a post (no talk fills the limit)", res, err)
	}
	if talks, err := k.Talks(ctx, core.TalkFilter{Query: "watermill"}); err != nil || len(talks) != 0 {
		t.Errorf("talks --query watermill: %d talks, %v; want none (only posts hold it)", len(talks), err)
	}

	// Changed, the post is indexed anew; gone (pruned), it is forgotten.
	write("veille.md", strings.ReplaceAll(ordinaryPost, "Watermill", "Benthos"))
	if _, err := k.Import(ctx, []string{dir}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if got, want := where("watermill", core.TalkFilter{}), []string{"post summit.md:8 Intro"}; !slices.Equal(got, want) {
		t.Errorf("after the change: %q, want %q", got, want)
	}
	if got, want := where("benthos", core.TalkFilter{}), []string{"post veille.md:8 Outils"}; !slices.Equal(got, want) {
		t.Errorf("after the change: %q, want %q", got, want)
	}
	if err := os.Remove(filepath.Join(dir, "veille.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Import(ctx, []string{dir}, ImportOptions{Prune: true}); err != nil {
		t.Fatal(err)
	}
	if got := where("benthos", core.TalkFilter{}); len(got) != 0 {
		t.Errorf("after the prune: %q, want nothing", got)
	}
	// The index rebuilt from the database alone answers the same.
	if _, err := k.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := where("watermill", core.TalkFilter{}), []string{"post summit.md:8 Intro"}; !slices.Equal(got, want) {
		t.Errorf("after reindex: %q, want %q", got, want)
	}
}

// TestPostTextLooksAtLinesFirst checks that postText, which drops the lines
// found whole in a talk's body before looking at words, keeps exactly the
// lines postTextByWords keeps (every line with a word no talk holds), on
// the sample posts, the sample blog and, when present, the shared corpus.
func TestPostTextLooksAtLinesFirst(t *testing.T) {
	posts := parsedPosts("../../testdata/posts", "../../testdata/blog/posts", "../../../shared/corpus/seeds", "../../../shared/corpus/dev/posts")
	for _, p := range posts {
		got, want := postText(p.text, p.doc, p.post, p.readable), postTextByWords(p.text, p.doc, p.post, p.readable)
		if got.Text != want.Text {
			t.Errorf("%s: postText differs from the word-by-word reference:\n got %q\nwant %q", p.path, got.Text, want.Text)
		}
	}
	if len(posts) < 50 {
		t.Fatalf("only %d posts compared", len(posts))
	}
}

// parsedPost is what postText reads of one file.
type parsedPost struct {
	path, text string
	doc        core.Document
	post       core.Post
	readable   []string
}

// parsedPosts reads, parses and extracts the files of dirs (a missing
// folder gives none).
func parsedPosts(dirs ...string) []parsedPost {
	var out []parsedPost
	for _, dir := range dirs {
		paths, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, path := range paths {
			src, _, err := ingest.ReadPost(path, maxPostSize)
			if err != nil {
				continue
			}
			p := parsedPost{path: path, text: src.Text, doc: ingest.Parse(src)}
			p.post = extract.Extract(p.doc)
			p.readable = make([]string, len(p.post.Talks))
			for i, tk := range p.post.Talks {
				p.readable[i] = search.Readable(tk.Body)
			}
			out = append(out, p)
		}
	}
	return out
}

// postTextByWords is postText as it was before it looked at lines first:
// the reference TestPostTextLooksAtLinesFirst compares it with.
func postTextByWords(text string, doc core.Document, post core.Post, readable []string) store.PostText {
	if doc.Format == core.FormatHTML {
		// A page's scripts, styles and navigation are not the post: its
		// parsed text is, at the lines it came from.
		text = documentText(doc)
	}
	// The words the talks make searchable, lower-cased and hashed: a line
	// all of whose words are among them is found through a talk of this
	// file. (A 64-bit hash that collides drops a line wrongly once in
	// billions of posts; it saved a third of the time of this function.)
	inTalks := map[uint64]struct{}{}
	var buf []byte
	key := func(w string) uint64 {
		buf = appendLower(buf[:0], w)
		return maphash.Bytes(wordSeed, buf)
	}
	addWords := func(s string) {
		search.EachWord(s, func(start, end int) { inTalks[key(s[start:end])] = struct{}{} })
	}
	for i, t := range post.Talks {
		addWords(t.Title)
		addWords(readable[i])
	}
	// kept[i] is set when line i holds a word no talk holds.
	lineEnds := []int{}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			lineEnds = append(lineEnds, i)
		}
	}
	lineEnds = append(lineEnds, len(text))
	kept := make([]bool, len(lineEnds))
	line := 0
	someKept := false
	search.EachWord(text, func(start, end int) {
		for lineEnds[line] < start {
			line++
		}
		if kept[line] {
			return
		}
		if _, ok := inTalks[key(text[start:end])]; !ok {
			kept[line], someKept = true, true
		}
	})
	var b strings.Builder
	if someKept {
		from := 0
		for i, end := range lineEnds {
			if i > 0 {
				b.WriteByte('\n')
			}
			if kept[i] {
				// A Markdown link's target is dropped from what a talk
				// indexes (search.Readable); a post keeps it, as text.
				b.WriteString(strings.ReplaceAll(text[from:end], "](", "] ("))
			}
			from = end + 1
		}
	}
	pt := store.PostText{Text: b.String()}
	for _, s := range doc.Sections {
		if s.Title != "" && s.Line > 0 {
			pt.Headings = append(pt.Headings, store.Heading{Line: s.Line, Title: s.Title})
		}
	}
	return pt
}

// BenchmarkPostText times postText against its word-by-word reference on
// the posts of NOTES_BENCH_CORPUS (make bench sets it to 1,000 generated
// write-ups), else on the sample posts.
func BenchmarkPostText(b *testing.B) {
	dir := os.Getenv("NOTES_BENCH_CORPUS")
	if dir == "" {
		dir = "../../testdata/posts"
	}
	in := parsedPosts(dir)
	for _, f := range []struct {
		name string
		fn   func(string, core.Document, core.Post, []string) store.PostText
	}{{"lines-first", postText}, {"by-words", postTextByWords}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				for _, x := range in {
					f.fn(x.text, x.doc, x.post, x.readable)
				}
			}
		})
	}
}
