package digest

import (
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

func TestPostLink(t *testing.T) {
	const base = "https://blog.example.com/blog"
	tests := []struct {
		name, url, base, want string
	}{
		{"absolute", "https://dev.to/jane/summit", "", "https://dev.to/jane/summit"},
		{"absolute, base aside", "http://x.example/a?b=1#c", base, "http://x.example/a?b=1#c"},
		{"site path joined", "/2022/04/12/summit/", base, "https://blog.example.com/blog/2022/04/12/summit/"},
		{"site path escaped", "/2022/04/12/été 2022/", base, "https://blog.example.com/blog/2022/04/12/%C3%A9t%C3%A9%202022/"},
		{"site path escaped once", "/a%20b/", base, "https://blog.example.com/blog/a%20b/"},
		{"site path cleaned", "/a/../../x.html", base, "https://blog.example.com/blog/x.html"},
		{"site path, no base", "/2022/04/12/summit/", "", ""},
		{"another host by //", "//evil.example/x", base, ""},
		{"no address", "", base, ""},
		{"javascript", "javascript:alert(1)", base, ""},
		{"file", "file:///home/jane/blog/x.md", base, ""},
		{"relative", "x.md", base, ""},
		{"user in URL", "https://me:pw@evil.example/", base, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := postLink(tt.url, tt.base); got != tt.want {
				t.Errorf("postLink(%q, %q) = %q, want %q", tt.url, tt.base, got, tt.want)
			}
		})
	}
}

func TestCheckBaseURL(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"https://blog.example.com", "https://blog.example.com", true},
		{"https://blog.example.com/", "https://blog.example.com", true},
		{" http://example.com/blog/ ", "http://example.com/blog", true},
		{"blog.example.com", "", false},
		{"/blog", "", false},
		{"ftp://example.com", "", false},
		{"https://", "", false},
		{"https://example.com/?x=1", "", false},
		{"https://example.com/#top", "", false},
		{"https://me@example.com", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := CheckBaseURL(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("CheckBaseURL(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestDigestPostLinks pins issue 16, item 4: each talk links to its post's
// public address, or names its post by its path in the folder imported
// (never an absolute path of this machine); an address a post gives that
// is not http(s), or that would break out of its link, is no link.
func TestDigestPostLinks(t *testing.T) {
	talk := func(id int64, url, rel, source string) core.TalkRecord {
		return core.TalkRecord{ID: id, Title: "Talk " + string(rune('A'+id)), Kind: "talk", Line: 7,
			PostURL: url, PostPath: rel, Source: source}
	}
	talks := []core.TalkRecord{
		talk(0, "/2022/04/12/summit/", "_posts/2022-04-12-summit.md", "/home/jane/blog/_posts/2022-04-12-summit.md"),
		talk(1, "https://dev.example/p/1", "p1.md", "/home/jane/blog/p1.md"),
		talk(2, "https://evil.example/x)](javascript:alert(1))<b>?q=<i>#h>\\x", "p2.md", "/home/jane/blog/p2.md"),
		talk(7, "https://evil.example/x\n# h", "p7.md", "/home/jane/blog/p7.md"),
		talk(3, "javascript:alert(1)", "p3.md", "/home/jane/blog/p3.md"),
		talk(4, "", "notes/p4.md", "/home/jane/blog/notes/p4.md"),
		talk(5, "", "", "/home/jane/old/p5.md"), // imported by an older notes
		talk(6, "", "", "posts/p6.md"),
	}
	d := New(talks, Options{Lang: English, BaseURL: "https://blog.example.com"})
	p := parse(t, d.Markdown)
	var links []string
	for _, l := range p.links {
		if !strings.HasPrefix(l, "#") {
			links = append(links, l)
		}
	}
	want := []string{
		"https://blog.example.com/2022/04/12/summit/",
		"https://dev.example/p/1",
		"https://evil.example/x%29%5D%28javascript:alert%281%29%29%3Cb%3E?q=%3Ci%3E#h%3E%5Cx",
	}
	if strings.Join(links, "\n") != strings.Join(want, "\n") {
		t.Errorf("links to posts = %q\nwant %q", links, want)
	}
	if p.rawHTML != 0 || len(p.headings) != 1+1+1+len(talks) {
		t.Errorf("the addresses added markup: %d raw HTML nodes, headings %+v", p.rawHTML, p.headings)
	}
	hasAll(t, "digest", d.Markdown,
		"*[Read the write-up](<https://blog.example.com/2022/04/12/summit/>)*",
		"*Source: `p3.md:7`*",
		"*Source: `p7.md:7`*",
		"*Source: `notes/p4.md:7`*",
		"*Source: `p5.md:7`*",
		"*Source: `posts/p6.md:7`*",
	)
	if strings.Contains(d.Markdown, "/home/") {
		t.Errorf("digest names a path of this machine:\n%s", d.Markdown)
	}

	// Without a base, a path on the site is no link: the post's path is
	// shown instead.
	d = New(talks[:1], Options{Lang: English})
	if !strings.Contains(d.Markdown, "*Source: `_posts/2022-04-12-summit.md:7`*") || strings.Contains(d.Markdown, "](<") {
		t.Errorf("without --base-url:\n%s", d.Markdown)
	}

	page, err := New(talks[:2], Options{Lang: English, BaseURL: "https://blog.example.com"}).HTML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<a href="https://dev.example/p/1" rel="nofollow noopener">Read the write-up</a>`) {
		t.Errorf("HTML page lacks the link to the post:\n%s", page)
	}
}

// hasAll reports each of wants that doc, the digest called what, lacks.
func hasAll(t *testing.T, what, doc string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(doc, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, doc)
		}
	}
}
