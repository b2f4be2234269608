package digest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/notes-kb/notes/internal/core"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// hostileTitle is a title written to break out of its heading.
const hostileTitle = "# <script>alert(1)</script> | `x`"

// fixture is a small, fixed store content: two events, a talk of no known
// event, a hostile title, a talk with no summary, a shared speaker, a
// company named by a speaker and by a talk.
func fixture() []core.TalkRecord {
	summit := &core.Event{Name: "AWS Summit Paris 2022", Series: "AWS Summit", City: "Paris", Year: 2022, Date: "2022-04-12"}
	xebicon := &core.Event{Name: "Xebicon 2019", Series: "Xebicon", City: "Paris", Year: 2019, Date: "2019-11-28"}
	return []core.TalkRecord{
		{
			ID: 1, Title: "Karpenter en production sur EKS", Kind: "talk", Event: summit,
			Source: "posts/a-summit.md", Line: 5,
			Speakers:  []core.Speaker{{Name: "Jane Doe", Role: "Solutions Architect", Company: "AWS"}, {Name: "John Roe", Company: "Acme"}},
			Companies: []string{"AWS", "Acme"},
			Services:  []string{"Amazon EKS", "Amazon EC2"},
			Summary:   "Karpenter remplace Cluster Autoscaler sur Amazon EKS. Les nœuds arrivent en moins d'une minute.",
		},
		{
			ID: 2, Title: hostileTitle, Kind: "keynote", Event: summit,
			Source: "posts/a-summit.md", Line: 14,
			Speakers:    []core.Speaker{{Name: "*Mallory* [x](http://evil)", Role: "<b>CTO</b>", Company: "Evil | Corp"}},
			Companies:   []string{"Evil | Corp"},
			Services:    []string{"AWS Lambda"},
			NoteAuthors: []string{"Gabriel Forien"},
			Summary:     "1. Not a list. <img src=x onerror=alert(1)> ``code`` \x1b]52;c;ZXZpbA==\x07done.",
		},
		{
			ID: 3, Title: "Observabilité avec OpenTelemetry", Kind: "talk", Event: xebicon,
			Source: "posts/b-xebicon.txt", Line: 7,
			Speakers:  []core.Speaker{{Name: "Jane Doe", Role: "Solutions Architect", Company: "AWS"}},
			Companies: []string{"AWS"},
			Services:  []string{"AWS X-Ray", "AWS Lambda"},
			Body:      "Conférence présentée par :\n\n* Jane Doe\n\nLes traces partent vers **AWS X-Ray** grâce au [collecteur](https://opentelemetry.io). Le reste suit.\n",
		},
		{
			ID: 4, Title: "Retour d'expérience sans événement", Kind: "lightning",
			Source: "posts/c.md", Line: 3,
			Speakers: []core.Speaker{}, Companies: []string{}, Services: []string{},
			Summary: "Un retour rapide.",
		},
	}
}

var generated = time.Date(2024, 5, 2, 10, 0, 0, 0, time.UTC)

// heading is a heading of a parsed document.
type heading struct {
	level int
	text  string
	id    string
}

// parsed is what goldmark sees in a digest.
type parsed struct {
	headings []heading
	links    []string // destinations
	rawHTML  int      // raw HTML nodes, inline or block
	doc      ast.Node
}

// parse parses md the way the HTML page does (GFM, GitHub ids) and
// collects its headings, links and raw HTML.
func parse(t *testing.T, md string) parsed {
	t.Helper()
	src := []byte(md)
	p := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	).Parser()
	ctx := parser.NewContext(parser.WithIDs(newAnchors()))
	doc := p.Parse(text.NewReader(src), parser.WithContext(ctx))
	var out parsed
	out.doc = doc
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Heading:
			id, _ := v.AttributeString("id")
			out.headings = append(out.headings, heading{v.Level, plainText(v, src), string(id.([]byte))})
		case *ast.Link:
			out.links = append(out.links, string(v.Destination))
		case *ast.RawHTML, *ast.HTMLBlock:
			out.rawHTML++
		}
		return ast.WalkContinue, nil
	})
	return out
}

// plainText is the text a reader sees in a node: escapes resolved, no
// markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := c.(type) {
		case *ast.Text:
			seg := v.Segment.Value(src)
			// goldmark keeps a backslash escape in the text and drops the
			// backslash when rendering.
			b.WriteString(unescape(string(seg)))
			if v.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(v.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestDigestStructure(t *testing.T) {
	talks := fixture()
	d := New(talks, Options{Generated: generated})
	p := parse(t, d.Markdown)

	if d.Talks != len(talks) {
		t.Errorf("Talks = %d, want %d", d.Talks, len(talks))
	}
	if len(p.headings) == 0 || p.headings[0].level != 1 || p.headings[0].text != "Conference digest 2019–2022" {
		t.Fatalf("first heading = %+v, want the H1 title", p.headings)
	}
	if d.Title != "Conference digest 2019–2022" {
		t.Errorf("Title = %q", d.Title)
	}
	var h1, h2, h3 []string
	ids := map[string]bool{}
	for _, h := range p.headings {
		ids[h.id] = true
		switch h.level {
		case 1:
			h1 = append(h1, h.text)
		case 2:
			h2 = append(h2, h.text)
		case 3:
			h3 = append(h3, h.text)
		default:
			t.Errorf("unexpected heading level %d: %q", h.level, h.text)
		}
	}
	if len(h1) != 1 {
		t.Errorf("H1s = %q, want one", h1)
	}
	wantH2 := []string{"Contents", "AWS Summit Paris 2022", "Xebicon 2019", "Other talks", "AWS services", "Companies"}
	if strings.Join(h2, "\n") != strings.Join(wantH2, "\n") {
		t.Errorf("H2s = %q\nwant  %q", h2, wantH2)
	}
	// Every talk title is an H3, once, exactly as written in the post.
	for _, talk := range talks {
		n := 0
		for _, h := range h3 {
			if h == talk.Title {
				n++
			}
		}
		if n != 1 {
			t.Errorf("title %q is %d H3s, want 1 (H3s: %q)", talk.Title, n, h3)
		}
	}
	if len(h3) != len(talks) {
		t.Errorf("H3s = %q, want one per talk", h3)
	}
	// Every internal link resolves to a heading.
	internal := 0
	for _, l := range p.links {
		if !strings.HasPrefix(l, "#") {
			continue
		}
		internal++
		if !ids[strings.TrimPrefix(l, "#")] {
			t.Errorf("link %q points to no heading (ids %v)", l, ids)
		}
	}
	// Contents: 3 events + 4 talks + 2 indexes; services index: 5 links,
	// companies index: 4 links.
	if internal != 9+5+4 {
		t.Errorf("%d internal links, want %d", internal, 9+5+4)
	}
	if p.rawHTML != 0 {
		t.Errorf("the digest holds %d raw HTML nodes", p.rawHTML)
	}
	if strings.ContainsRune(d.Markdown, 0x1b) {
		t.Errorf("the digest holds an escape character")
	}
	for _, line := range strings.Split(d.Markdown, "\n") {
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") {
			t.Errorf("line ends with a space: %q", line)
		}
	}
}

func TestDigestOverview(t *testing.T) {
	d := New(fixture(), Options{})
	want := "This digest covers 3 talks from AWS Summit Paris 2022 (12 April 2022) and Xebicon 2019 (Paris, 28 November 2019), " +
		"and 1 talk of no known event; they were given by 3 speakers from 3 companies. 4 AWS services come up, most often AWS Lambda (2 talks)."
	if !strings.Contains(d.Markdown, "\n\n"+want+"\n\n") {
		t.Errorf("overview missing:\n%s\nwant\n%s", d.Markdown, want)
	}
	if strings.Contains(d.Markdown, "Generated by") {
		t.Errorf("zero Generated time still prints the line")
	}
}

func TestServicesSentence(t *testing.T) {
	e := func(name string, n int) entry { return entry{name: name, talks: make([]int, n)} }
	tests := []struct {
		name string
		in   []entry
		want string
	}{
		{"none", nil, ""},
		{"one", []entry{e("Amazon S3", 1)}, " 1 AWS service comes up: Amazon S3."},
		{"few singles", []entry{e("A", 1), e("B", 1)}, " 2 AWS services come up: A and B."},
		{"many singles", []entry{e("A", 1), e("B", 1), e("C", 1), e("D", 1)}, " 4 AWS services come up, each in one talk."},
		{"top three", []entry{e("A", 2), e("B", 5), e("C", 3), e("D", 4)}, " 4 AWS services come up, most often B (5 talks), D (4 talks) and C (3 talks)."},
	}
	for _, tt := range tests {
		if got := servicesSentence(tt.in, english); got != tt.want {
			t.Errorf("%s: servicesSentence = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDigestOneEventTitle(t *testing.T) {
	d := New(fixture()[:1], Options{})
	if d.Title != "AWS Summit Paris 2022: talk digest" {
		t.Errorf("Title = %q", d.Title)
	}
	d = New(fixture()[:1], Options{Title: "Nos notes \x1b[2J du Summit"})
	if d.Title != "Nos notes du Summit" || !strings.HasPrefix(d.Markdown, "# Nos notes du Summit\n") {
		t.Errorf("Title = %q, Markdown starts %.40q", d.Title, d.Markdown)
	}
}

func TestDigestHostileTitle(t *testing.T) {
	d := New(fixture(), Options{})
	p := parse(t, d.Markdown)
	found := false
	for _, h := range p.headings {
		if h.text == hostileTitle {
			found = h.level == 3
		}
	}
	if !found {
		t.Errorf("hostile title is not one H3 holding its text: %+v", p.headings)
	}
	page, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, bad := range []string{"<script", "<img", "<b>", "onerror=alert(1)>", "\x1b", "raw HTML omitted"} {
		if strings.Contains(html, bad) {
			t.Errorf("HTML holds %q", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt; | `x`</h3>",
		"&lt;img src=x onerror=alert(1)&gt;",
		"*Mallory* [x](http://evil) (&lt;b&gt;CTO&lt;/b&gt;, Evil | Corp)",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	// The hostile speaker stays text, not a link or emphasis.
	if strings.Contains(html, `href="http://evil"`) || strings.Contains(html, "<em>Mallory</em>") {
		t.Errorf("speaker name became markup")
	}
}

func TestDigestHTMLPage(t *testing.T) {
	d := New(fixture(), Options{Title: "Nos <notes> & vous"})
	page, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, want := range []string{
		"<!DOCTYPE html>\n",
		`<meta charset="utf-8">`,
		"<title>Nos &lt;notes&gt; &amp; vous</title>",
		"<style>",
		`<h1 id="nos-notes--vous">Nos &lt;notes&gt; &amp; vous</h1>`,
		`<h2 id="aws-summit-paris-2022">AWS Summit Paris 2022</h2>`,
		`<a href="#karpenter-en-production-sur-eks" rel="nofollow noopener">Karpenter en production sur EKS</a>`,
		`<h3 id="karpenter-en-production-sur-eks">`,
		"<code>posts/a-summit.md:5</code>",
		"</main>\n</body>\n</html>\n",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML page lacks %q", want)
		}
	}
}

// TestDigestNoLinksFromPosts pins down issue 13, item 4: bare URLs, www.
// hosts and e-mail addresses in a post's title, speakers, companies, note
// authors or summary became live links (GFM autolinks) in the HTML digest
// and wherever the Markdown digest is rendered. The only links are the
// digest's own, to its headings, and the HTML ones carry
// rel="nofollow noopener".
func TestDigestNoLinksFromPosts(t *testing.T) {
	ev := &core.Event{Name: "Evil Summit www.evil.example 2024", Series: "Evil Summit", City: "https://evil.example/city", Year: 2024}
	talks := []core.TalkRecord{{
		ID: 1, Title: "Connectez-vous sur www.evil.example/login pour les slides", Kind: "talk", Event: ev,
		Source: "posts/www.evil.example.md", Line: 3,
		Speakers:    []core.Speaker{{Name: "jane@evil.example", Role: "CTO http://evil.example", Company: "Evil (evil.example, contact@evil.example)"}},
		Companies:   []string{"www.evil.example"},
		Services:    []string{"AWS Lambda"},
		NoteAuthors: []string{"mailto:bob@evil.example"},
		Summary:     "Les slides : https://evil.example/x?a=1, ftp://evil.example/f et WWW.evil.example (écrire à x_y@evil.example).",
	}}
	d := New(talks, Options{Title: "Digest www.evil.example"})

	// The Markdown, as a GFM renderer (Linkify on) reads it.
	src := []byte(d.Markdown)
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(src))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.AutoLink:
			t.Errorf("Markdown digest: post text became the link %q", v.URL(src))
		case *ast.Link:
			if !strings.HasPrefix(string(v.Destination), "#") {
				t.Errorf("Markdown digest: link to %q", v.Destination)
			}
		}
		return ast.WalkContinue, nil
	})
	// The text is still there, as written.
	for _, want := range []string{"www.evil.example/login", "jane@evil.example", "https://evil.example/x?a=1"} {
		if !strings.Contains(unescape(d.Markdown), want) {
			t.Errorf("Markdown digest lost the text %q", want)
		}
	}

	page, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	anchors := 0
	for rest := html; ; {
		i := strings.Index(rest, "<a ")
		if i < 0 {
			break
		}
		rest = rest[i:]
		tag := rest[:strings.IndexByte(rest, '>')+1]
		rest = rest[len(tag):]
		anchors++
		if !strings.HasPrefix(tag, `<a href="#`) || !strings.Contains(tag, `rel="nofollow noopener"`) {
			t.Errorf("HTML digest link %s: want an href to a heading and rel=\"nofollow noopener\"", tag)
			continue
		}
		id := strings.TrimPrefix(tag, `<a href="#`)
		id = id[:strings.IndexByte(id, '"')]
		if !strings.Contains(html, ` id="`+id+`"`) {
			t.Errorf("HTML digest link %s points to no heading", tag)
		}
	}
	if anchors == 0 {
		t.Error("HTML digest has none of its own links")
	}
	for _, want := range []string{"Connectez-vous sur www.evil.example/login pour les slides", "jane@evil.example", "https://evil.example/x?a=1"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML digest lacks the text %q", want)
		}
	}
}

func TestDigestEmpty(t *testing.T) {
	d := New(nil, Options{})
	if d.Markdown != "# Talk digest\n\nNo talks match.\n" || d.Talks != 0 {
		t.Errorf("empty digest = %q", d.Markdown)
	}
}

// Two talks with the same title get distinct anchors, and each index
// entry points to its own.
func TestDigestDuplicateTitles(t *testing.T) {
	talks := fixture()[:2]
	talks[1].Title = talks[0].Title
	d := New(talks, Options{})
	if !strings.Contains(d.Markdown, "(#karpenter-en-production-sur-eks)") || !strings.Contains(d.Markdown, "(#karpenter-en-production-sur-eks-1)") {
		t.Errorf("duplicate titles share an anchor:\n%s", d.Markdown)
	}
	p := parse(t, d.Markdown)
	ids := map[string]bool{}
	for _, h := range p.headings {
		ids[h.id] = true
	}
	for _, l := range p.links {
		if strings.HasPrefix(l, "#") && !ids[l[1:]] {
			t.Errorf("link %q resolves to no heading", l)
		}
	}
}

// TestDigestGolden pins the whole document of the fixture. Rewrite it with
// go test ./internal/digest -update, and review the diff.
func TestDigestGolden(t *testing.T) {
	d := New(fixture(), Options{Generated: generated})
	checkGolden(t, "digest.golden.md", []byte(d.Markdown))
	page, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "digest.golden.html", page)
}

// checkGolden compares got with the file testdata/name, or rewrites the
// file with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/digest -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the digest written now:\n%s", path, got)
	}
}

func TestShorten(t *testing.T) {
	long := "Karpenter remplace Cluster Autoscaler. Les nœuds arrivent en moins d'une minute et partent aussi vite quand la charge baisse."
	tests := []struct {
		name  string
		in    string
		limit int
		want  string
	}{
		{"fits", "Court.", 100, "Court."},
		{"sentence", long, 60, "Karpenter remplace Cluster Autoscaler."},
		{"word", "Une seule très longue phrase sans point qui continue encore et encore", 30, "Une seule très longue phrase…"},
		{"cut between words", "abc def ghi", 7, "abc def…"},
		{"no space", "Supercalifragilistic", 5, ""},
		{"trailing comma", "un, deux, trois, quatre", 9, "un, deux…"},
		{"sentence too short", "Oui. Mais alors une phrase très longue qui ne finit pas", 40, "Oui. Mais alors une phrase très longue…"},
		{"accents count as one", "é é é é é é", 5, "é é é…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shorten(tt.in, tt.limit)
			if got != tt.want {
				t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
			}
			// Never a word cut in two.
			base := strings.TrimSuffix(got, "…")
			if base != "" && !strings.HasPrefix(tt.in, base) {
				t.Errorf("%q is not a prefix of the input", base)
			}
			if rest := strings.TrimPrefix(tt.in, base); base != "" && rest != "" && !strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, ",") {
				t.Errorf("%q cuts a word (rest %q)", got, rest)
			}
		})
	}
}

func TestSummaryFromBody(t *testing.T) {
	talk := fixture()[2]
	got := Summary(talk, 200)
	want := "Les traces partent vers AWS X-Ray grâce au collecteur. Le reste suit."
	if got != want {
		t.Errorf("Summary from body = %q, want %q", got, want)
	}
}

// Regression: extraction cut "portage vers .NET 8" into the summary
// "portage vers ." (a sentence ended at the dot of .NET); the digest takes
// the summary from the body then.
func TestSummaryCutInsideAWord(t *testing.T) {
	body := "Conférence présentée par :\n\n- Sandrine Morel - SA, AWS\n\n![IMG_4512.jpg](IMG_4512.jpg)\n\n### Sandrine en action !\n\n" +
		"Kevin a raconté la modernisation, menée en trois étapes : portage vers .NET 8, conteneurisation, puis Amazon ECS. La suite a suivi.\n"
	tests := []struct {
		name, summary, want string
	}{
		{"cut at the dot of .NET", "Kevin a raconté la modernisation, menée en trois étapes : portage vers .",
			"Kevin a raconté la modernisation, menée en trois étapes : portage vers .NET 8, conteneurisation, puis Amazon ECS. La suite a suivi."},
		{"cut inside a word", "Kevin a raconté la moder",
			"Kevin a raconté la modernisation, menée en trois étapes : portage vers .NET 8, conteneurisation, puis Amazon ECS. La suite a suivi."},
		{"clean sentence kept", "Kevin a raconté la modernisation, menée en trois étapes : portage vers .NET 8, conteneurisation, puis Amazon ECS.",
			"Kevin a raconté la modernisation, menée en trois étapes : portage vers .NET 8, conteneurisation, puis Amazon ECS."},
		{"cut at a word kept", "Kevin a raconté la modernisation…", "Kevin a raconté la modernisation…"},
		{"other text kept", "Un résumé écrit à la main.", "Un résumé écrit à la main."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Summary(core.TalkRecord{Summary: tt.summary, Body: body}, 360)
			if got != tt.want {
				t.Errorf("Summary = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

func TestDefaultTitle(t *testing.T) {
	ev := func(name, series string, year int) event {
		return event{name: name, info: &core.Event{Name: name, Series: series, Year: year}}
	}
	tests := []struct {
		name   string
		events []event
		want   string
	}{
		{"none", nil, "Talk digest"},
		{"no event", []event{{name: "Talks"}}, "Talk digest"},
		{"one", []event{ev("AWS Summit Paris 2022", "AWS Summit", 2022)}, "AWS Summit Paris 2022: talk digest"},
		{"one series one year", []event{ev("AWS Summit Lyon 2024", "AWS Summit", 2024), ev("AWS Summit Paris 2024", "AWS Summit", 2024)}, "AWS Summit 2024: talk digest"},
		{"one series", []event{ev("AWS Summit Paris 2023", "AWS Summit", 2023), ev("AWS Summit Paris 2024", "aws summit", 2024)}, "AWS Summit 2023–2024: talk digest"},
		{"mixed", []event{ev("Xebicon 2019", "Xebicon", 2019), ev("AWS Summit Paris 2022", "AWS Summit", 2022)}, "Conference digest 2019–2022"},
		{"no years", []event{ev("A", "", 0), ev("B", "", 0)}, "Conference digest"},
	}
	for _, tt := range tests {
		if got := defaultTitle(tt.events, english); got != tt.want {
			t.Errorf("%s: defaultTitle = %q, want %q", tt.name, got, tt.want)
		}
	}
}
