package kb

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/notes-kb/notes/internal/core"
)

// TestPublicURL pins issue 16, item 4: where a post is published, read
// from its front matter and file name, as an absolute URL or a path on its
// site; nothing when nothing says, or when it would be a guess.
func TestPublicURL(t *testing.T) {
	date := time.Date(2022, 4, 20, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		meta map[string]any
		file string
		want string
	}{
		{"canonical_url wins", map[string]any{"canonical_url": "https://dev.to/jane/summit-1a2b", "permalink": "/x/"}, "/b/_posts/2022-04-12-summit.md",
			"https://dev.to/jane/summit-1a2b"},
		{"absolute url", map[string]any{"url": "https://blog.example.com/summit/"}, "/b/post.md", "https://blog.example.com/summit/"},
		{"absolute permalink", map[string]any{"permalink": "http://blog.example.com/p?id=3"}, "/b/post.md", "http://blog.example.com/p?id=3"},
		{"Jekyll permalink, as written", map[string]any{"permalink": "/blog/summit-2022/"}, "/b/_posts/2022-04-12-summit.md", "/blog/summit-2022/"},
		{"Jekyll permalink without a slash first", map[string]any{"permalink": "summit.html"}, "/b/_posts/2022-04-12-summit.md", "/summit.html"},
		{"Jekyll permalink placeholders", map[string]any{"permalink": "/:categories/:year/:month/:day/:title:output_ext", "categories": []any{"AWS", "Events"}},
			"/b/_posts/2022-04-12-Summit Paris.md", "/aws/events/2022/04/12/Summit-Paris.html"},
		{"short placeholders", map[string]any{"permalink": "/:short_year/:i_month/:i_day/:slug/"}, "/b/_posts/2022-04-02-Summit Paris.md", "/22/4/2/summit-paris/"},
		{"front matter date and slug", map[string]any{"permalink": "/:year/:month/:title/", "date": date, "slug": "le-summit"}, "/b/_posts/2022-04-12-summit.md",
			"/2022/04/le-summit/"},
		{"unknown placeholder: no guess", map[string]any{"permalink": "/:hour/:title/"}, "/b/_posts/2022-04-12-summit.md", ""},
		{"date placeholder, no date: no guess", map[string]any{"permalink": "/:year/:title/"}, "/b/summit.md", ""},
		{"Hugo url", map[string]any{"url": "/conferences/summit-2022/"}, "/site/content/posts/summit.md", "/conferences/summit-2022/"},
		{"Hugo slug in a section", map[string]any{"slug": "summit-2022"}, "/site/content/posts/summit.md", "/posts/summit-2022/"},
		{"Hugo slug of a page bundle", map[string]any{"slug": "summit-2022"}, "/site/content/posts/2022/summit/index.md", "/posts/2022/summit-2022/"},
		{"Hugo slug, no content folder", map[string]any{"slug": "summit-2022"}, "/notes/summit.md", "/summit-2022/"},
		{"Jekyll post name", map[string]any{"title": "Summit"}, "/b/_posts/2022-04-12-aws-summit.md", "/2022/04/12/aws-summit/"},
		{"Jekyll post name, categories", map[string]any{"title": "Summit", "categories": "AWS events"}, "/b/_posts/2022-04-12-aws-summit.markdown",
			"/aws/events/2022/04/12/aws-summit/"},
		{"Jekyll post name, one category", map[string]any{"category": "Cloud"}, "/b/_posts/2022-04-12-aws-summit.adoc", "/cloud/2022/04/12/aws-summit/"},
		{"Jekyll post name, its slug", map[string]any{"slug": "summit"}, "/b/_posts/2022-04-12-aws-summit.md", "/2022/04/12/summit/"},
		{"a .txt named like a post is not one", map[string]any{"title": "Summit"}, "/b/2022-04-12-aws-summit.txt", ""},
		{"no front matter", nil, "/b/_posts/2022-04-12-aws-summit.md", ""},
		{"nothing says", map[string]any{"title": "Summit"}, "/b/summit.md", ""},
		{"not http", map[string]any{"canonical_url": "javascript:alert(1)", "url": "file:///home/me/x.md"}, "/b/summit.md", ""},
		{"another host by //", map[string]any{"url": "//evil.example/x"}, "/b/summit.md", ""},
		{"spaces are no address", map[string]any{"url": "see the blog"}, "/b/summit.md", ""},
		{"dot segments cleaned", map[string]any{"url": "/a/../../etc/x/"}, "/b/summit.md", "/etc/x/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := publicURL(tt.meta, tt.file); got != tt.want {
				t.Errorf("publicURL(%v, %q) = %q, want %q", tt.meta, tt.file, got, tt.want)
			}
		})
	}
}

func TestImportRoots(t *testing.T) {
	got := importRoots([]string{"/blog", "/blog/_posts", "/notes/x.md", "/other/y.md"},
		[]string{"/blog/_posts/a.md", "/blog/b.md", "/notes/x.md", "/other/y.md", "/elsewhere/z.md"})
	want := map[string]string{
		"/blog/_posts/a.md": "/blog", // the outermost folder given
		"/blog/b.md":        "/blog",
		"/notes/x.md":       "/notes", // a file named alone: its folder
		"/other/y.md":       "/other",
	}
	if len(got) != len(want) {
		t.Errorf("importRoots = %v, want %v", got, want)
	}
	for f, w := range want {
		if got[f] != w {
			t.Errorf("root of %s = %q, want %q", f, got[f], w)
		}
	}
}

// TestImportLocatesOldSources pins issue 16, item 4: a post stored before
// the folder it was imported from and its address were (schema 004) gets
// both at the next import, even unchanged, without losing its talks; an
// import from another folder records that folder.
func TestImportLocatesOldSources(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, "blog", "_posts")
	if err := os.MkdirAll(posts, 0o755); err != nil {
		t.Fatal(err)
	}
	post := "---\ntitle: AWS Summit Paris 2022\n---\nL'AWS Summit Paris 2022 s'est déroulé le 12 avril 2022.\n\n" +
		"### Karpenter en production\n\nConférence présentée par :\n\n* Jane Doe - SRE, Acme\n\nDu texte sur Amazon EKS.\n"
	file := filepath.Join(posts, "2022-04-12-summit.md")
	if err := os.WriteFile(file, []byte(post), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dbPath := filepath.Join(dir, "n.db")
	k, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	if _, err := k.Import(ctx, []string{filepath.Join(dir, "blog")}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	before := onlyTalk(t, k)
	if before.PostPath != "_posts/2022-04-12-summit.md" || before.PostURL != "/2022/04/12/summit/" {
		t.Fatalf("after import: PostPath %q, PostURL %q", before.PostPath, before.PostURL)
	}

	// As a notes before schema 004 left it.
	raw, err := sql.Open("sqlite", "file:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE sources SET root = NULL, url = NULL`); err != nil {
		t.Fatal(err)
	}
	old := onlyTalk(t, k)
	if old.PostPath != "" || old.PostURL != "" {
		t.Fatalf("old row: PostPath %q, PostURL %q; want none", old.PostPath, old.PostURL)
	}

	sum, err := k.Import(ctx, []string{filepath.Join(dir, "blog")}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 0 || sum.Skipped != 1 {
		t.Errorf("re-import: %d imported, %d skipped; want 0 and 1", sum.Imported, sum.Skipped)
	}
	after := onlyTalk(t, k)
	if after.ID != before.ID || after.PostPath != before.PostPath || after.PostURL != before.PostURL {
		t.Errorf("re-import: talk %d %q %q, want talk %d %q %q", after.ID, after.PostPath, after.PostURL, before.ID, before.PostPath, before.PostURL)
	}

	// Imported alone, the file is shown from its own folder.
	if _, err := k.Import(ctx, []string{file}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := onlyTalk(t, k); got.PostPath != "2022-04-12-summit.md" || got.ID != before.ID {
		t.Errorf("imported alone: talk %d PostPath %q, want talk %d 2022-04-12-summit.md", got.ID, got.PostPath, before.ID)
	}
}

// onlyTalk is the one talk of k.
func onlyTalk(t *testing.T, k *KB) core.TalkRecord {
	t.Helper()
	talks, err := k.Talks(context.Background(), core.TalkFilter{})
	if err != nil || len(talks) != 1 {
		t.Fatalf("Talks = %d talks, %v; want 1", len(talks), err)
	}
	return talks[0]
}
