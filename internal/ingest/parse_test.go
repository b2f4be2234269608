package ingest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/notes-kb/notes/internal/core"
)

// checkLines fails when a line number in doc is outside [0, lines of
// text]: extraction would point users at lines that do not exist.
func checkLines(t testing.TB, text string, doc core.Document) {
	t.Helper()
	if err := lineProblem(text, doc); err != "" {
		t.Fatal(err)
	}
}

func lineProblem(text string, doc core.Document) string {
	n := strings.Count(text, "\n") + 1
	ok := func(l int) bool { return l >= 0 && l <= n }
	for _, d := range doc.Diagnostics {
		if !ok(d.Line) {
			return fmt.Sprintf("diagnostic %q at line %d; want within [0, %d]", d.Message, d.Line, n)
		}
	}
	// Everything comes in source order: line numbers never go back.
	last := 0
	for _, s := range doc.Sections {
		if !ok(s.Line) {
			return fmt.Sprintf("section %q at line %d; want within [0, %d]", s.Title, s.Line, n)
		}
		if s.Line < last {
			return fmt.Sprintf("section %q at line %d comes after line %d", s.Title, s.Line, last)
		}
		last = s.Line
		for _, b := range s.Blocks {
			if !ok(b.Line) {
				return fmt.Sprintf("%s block at line %d; want within [0, %d]", b.Kind, b.Line, n)
			}
			if b.Line < last {
				return fmt.Sprintf("%s block at line %d comes after line %d", b.Kind, b.Line, last)
			}
			last = b.Line
			if b.Kind == core.BlockList && len(b.Depths) != len(b.Lines) {
				return fmt.Sprintf("list at line %d has %d lines but %d depths", b.Line, len(b.Lines), len(b.Depths))
			}
			for _, l := range b.Lines {
				if !ok(l.N) {
					return fmt.Sprintf("line %q numbered %d; want within [0, %d]", l.Text, l.N, n)
				}
				if l.N < last {
					return fmt.Sprintf("line %q numbered %d comes after line %d", l.Text, l.N, last)
				}
				last = l.N
			}
		}
	}
	return ""
}

// outline is a compact view of a Document for table tests: one string per
// section and block, e.g. "3 Title @5" and "list @7: a | b".
func outline(doc core.Document) []string {
	var out []string
	for _, s := range doc.Sections {
		g := ""
		if s.Guessed {
			g = "?"
		}
		out = append(out, fmt.Sprintf("%d%s %s @%d", s.Level, g, s.Title, s.Line))
		for _, b := range s.Blocks {
			var parts []string
			for i, l := range b.Lines {
				p := fmt.Sprintf("%d:%s", l.N, l.Text)
				if b.Depths != nil && b.Depths[i] > 0 {
					p = fmt.Sprintf("%d:%s%s", l.N, strings.Repeat(">", b.Depths[i]), l.Text)
				}
				parts = append(parts, p)
			}
			out = append(out, fmt.Sprintf("  %s @%d: %s", b.Kind, b.Line, strings.Join(parts, " | ")))
		}
	}
	return out
}

func assertOutline(t *testing.T, doc core.Document, want []string) {
	t.Helper()
	got := outline(doc)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("outline:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

func TestParseMarkdown(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		title string
		want  []string
	}{
		{
			name:  "front matter title and kramdown noise",
			text:  "---\ntitle: Summit\n---\n## Retour <a name=\"Back\"></a>\n\nVoir [le site](https://x.fr){:target=\"_blank\"} {% include x.html %}\n",
			title: "Summit",
			want:  []string{"2 Retour @4", "  paragraph @6: 6:Voir le site"},
		},
		{
			name:  "leading h1 is the title",
			text:  "# AWS Summit\n\nIntro **gras** et `code`.\n\n## Talk {#talk}\n",
			title: "AWS Summit",
			want:  []string{"1 AWS Summit @1", "  paragraph @3: 3:Intro gras et code.", "2 Talk @5"},
		},
		{
			name:  "h1 after text is no title",
			text:  "Intro.\n\n# Pas un titre\n",
			title: "",
			want:  []string{"0  @1", "  paragraph @1: 1:Intro.", "1 Pas un titre @3"},
		},
		{
			name:  "paragraph lines and soft breaks",
			text:  "### Talk\n\nConférence présentée par :\n\n* Jane Doe - CTO Acme\n* John *Roe* - [Dev](https://foo) Foo\n  * nested item\n\nLigne un\nligne\u00a0deux &amp; trois\\\nquatre\n",
			title: "",
			want: []string{
				"3 Talk @1",
				"  paragraph @3: 3:Conférence présentée par :",
				"  list @5: 5:Jane Doe - CTO Acme | 6:John Roe - Dev Foo | 7:>nested item",
				"  paragraph @9: 9:Ligne un | 10:ligne deux & trois | 11:quatre",
			},
		},
		{
			name: "image, code, quote, html",
			text: "![\"Diagramme\"](/img/a.png)\n\n```go\nfmt.Println()\n\n```\n\n> Conférence présentée par [Jane](u),\n> co-fondatrice\n\n<div class=\"tweet\">\n<p>Super talk</p>\n<script>x()</script>\n</div>\n\n<!-- commentaire -->\n",
			want: []string{
				"0  @1",
				"  image @1: 1:\"Diagramme\"",
				"  code @3: 4:fmt.Println() | 5:",
				"  quote @8: 8:Conférence présentée par Jane, | 9:co-fondatrice",
				"  paragraph @11: 12:Super talk",
			},
		},
		{
			name: "liquid spanning lines and raw",
			text: "Avant {% include a.html\n  param=1 %} après\n\n{% raw %}{{ garde }}{% endraw %}\n\n```yaml\nimage: {{ .Values.image }}\n```\n",
			want: []string{
				"0  @1",
				"  paragraph @1: 1:Avant | 2:après",
				"  paragraph @4: 4:{{ garde }}",
				"  code @6: 7:image: {{ .Values.image }}",
			},
		},
		{
			name:  "setext heading and table",
			text:  "Titre\n=====\n\n| Nom | Rôle |\n| --- | --- |\n| Jane | CTO |\n",
			title: "Titre",
			want:  []string{"1 Titre @1", "  table @4: 4:Nom | Rôle | 6:Jane | CTO"},
		},
		{
			name: "liquid in inline code is content",
			text: "Valeur `{{ .Values.image }}` et {{ page.title }} {%- if x -%}fin\n",
			want: []string{"0  @1", "  paragraph @1: 1:Valeur {{ .Values.image }} et fin"},
		},
		{
			// Found by FuzzParseMarkdown: the table extension gives the
			// table the position of the paragraph it was cut from.
			name: "table cut from a paragraph starts at its header row",
			text: "un\ndeux\n| a | b |\n| - | - |\n| c | d |\n",
			want: []string{"0  @1", "  paragraph @1: 1:un | 2:deux", "  table @3: 3:a | b | 5:c | d"},
		},
		{
			name: "highlight tags become code",
			text: "{% highlight go %}\nx := 1\n{% endhighlight %}\n",
			want: []string{"0  @1", "  code @1: 2:x := 1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := ParseMarkdown("post.md", tt.text)
			checkLines(t, tt.text, doc)
			if doc.Title != tt.title || doc.Path != "post.md" || doc.Format != core.FormatMarkdown {
				t.Errorf("title, path, format = %q, %q, %q; want %q, post.md, markdown", doc.Title, doc.Path, doc.Format, tt.title)
			}
			assertOutline(t, doc, tt.want)
		})
	}
}

func TestMarkdownBlockSource(t *testing.T) {
	text := "## Talk\n\nVoir [ici](https://x.fr){:target=\"_blank\"}.\n\n* un\n* deux\n\n\n> cité\n"
	doc := ParseMarkdown("p.md", text)
	var got []string
	for _, b := range doc.Sections[0].Blocks {
		got = append(got, b.Markdown)
	}
	want := []string{"Voir [ici](https://x.fr).", "* un\n* deux", "> cité"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("block Markdown = %q; want %q", got, want)
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		meta  map[string]any
		title string
		diags []core.Diagnostic
		first string // outline of the first section
	}{
		{
			name:  "dates stay as written",
			text:  "---\ntitle: Summit\ndate: 2022-04-20\ntime: 2022-04-20 10:00:00 +02:00\ntags: [aws, summit]\nauthor:\n  name: Jane\n  2022: true\ncount: 3\n---\n# Corps\n",
			meta:  map[string]any{"title": "Summit", "date": "2022-04-20", "time": "2022-04-20 10:00:00 +02:00", "tags": []any{"aws", "summit"}, "author": map[string]any{"name": "Jane", "2022": true}, "count": int64(3)},
			title: "Summit",
			first: "1 Corps @11",
		},
		{
			name:  "invalid yaml keeps the body",
			text:  "---\ntitle: ok\nbad: [unclosed\n---\n## Corps\n",
			diags: []core.Diagnostic{{Path: "p.md", Line: 3, Message: "invalid front matter: did not find expected ',' or ']'"}},
			first: "2 Corps @5",
		},
		{
			name:  "unterminated front matter",
			text:  "---\ntitle: x\n## Corps\n",
			diags: []core.Diagnostic{{Path: "p.md", Line: 1, Message: msgUnclosedFrontMatter}},
			first: "0  @2", // the "---" is a thematic break, "title: x" a paragraph
		},
		{
			name:  "dots close front matter",
			text:  "---\ntitle: \"Titre\u00a0: deux\"\n...\n## Corps\n",
			meta:  map[string]any{"title": "Titre\u00a0: deux"},
			title: "Titre : deux",
			first: "2 Corps @4",
		},
		{
			name:  "not a mapping",
			text:  "---\n- a\n- b\n---\n## Corps\n",
			diags: []core.Diagnostic{{Path: "p.md", Line: 2, Message: "invalid front matter: not a mapping of keys to values"}},
			first: "2 Corps @5",
		},
		{
			name:  "alias bomb is bounded",
			text:  "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n## Corps\n",
			first: "2 Corps @8",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := ParseMarkdown("p.md", tt.text)
			checkLines(t, tt.text, doc)
			if tt.meta != nil && !reflect.DeepEqual(doc.Meta, tt.meta) {
				t.Errorf("Meta = %#v; want %#v", doc.Meta, tt.meta)
			}
			if doc.Title != tt.title {
				t.Errorf("Title = %q; want %q", doc.Title, tt.title)
			}
			if !reflect.DeepEqual(doc.Diagnostics, tt.diags) {
				t.Errorf("Diagnostics = %v; want %v", doc.Diagnostics, tt.diags)
			}
			if got := outline(doc); len(got) == 0 || got[0] != tt.first {
				t.Errorf("first section = %q; want %q", got, tt.first)
			}
		})
	}
}

func TestParseAsciiDoc(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		title string
		meta  map[string]any
		want  []string
	}{
		{
			name:  "header, attributes, comments, conditionals",
			text:  "= Devoxx 2023\nJane Doe <https://github.com/jd[@jdoe]>\nv1.0, 2023-04-12\n// comment\nifdef::env-github[]\n:icons: font\nendif::[]\n\ntoc::[]\n\n////\nhidden\n////\nLe 12/04/2023 à Paris {icons}.\n\n== Talk *un*\n",
			title: "Devoxx 2023",
			meta:  map[string]any{"author": "Jane Doe", "email": "https://github.com/jd[@jdoe]", "revnumber": "1.0", "revdate": "2023-04-12", "icons": "font"},
			want:  []string{"0  @14", "  paragraph @14: 14:Le 12/04/2023 à Paris font.", "2 Talk un @16"},
		},
		{
			name: "example block with speakers",
			text: "== Kubernetes à l'échelle\n\nhttps://x.fr/prog#event-1[]\n\n====\nConférence\n\nUn *résumé* avec `code_x` et link:https://a.fr[un lien].\n\n- point un\n- point deux\n\nJane Doe, SRE - Acme\nJohn Roe, Consultant\n====\n",
			want: []string{
				"2 Kubernetes à l'échelle @1",
				"  paragraph @3: 3:https://x.fr/prog#event-1",
				"  example @5: 6:Conférence | 8:Un résumé avec code_x et un lien. | 10:point un | 11:point deux | 13:Jane Doe, SRE - Acme | 14:John Roe, Consultant",
			},
		},
		{
			name: "lists, images, continuation, titles",
			text: "=== Notes\n\n* *EMR* : Hadoop managé\n+\nimage:emr.jpg[]\n\n* S3\n\t** durable\n\t*** /raw\n* Glue\n. premier\n\n.Le contexte\nimage::ctx.png[]\n\nimage::b.png[Schéma, 200]\n",
			want: []string{
				"3 Notes @1",
				"  list @3: 3:EMR : Hadoop managé",
				"  image @5: ",
				"  list @7: 7:S3 | 8:>durable | 9:>>/raw | 10:Glue | 11:>premier",
				"  image @14: 14:Le contexte",
				"  image @16: 16:Schéma",
			},
		},
		{
			name: "code, quote, sidebar, table, unclosed",
			text: "[source,go]\n----\n====\nx := `y`\n----\n\n[quote, Jane]\n____\nCitation _importante_\n____\n\n|===\n|Nom |Rôle\n|Jane |CTO\n|===\n\n****\njamais fermé\n",
			want: []string{
				"0  @2",
				"  code @2: 3:==== | 4:x := `y`",
				"  quote @8: 9:Citation importante",
				"  table @12: 13:Nom | Rôle | 14:Jane | CTO",
				"  example @17: 18:jamais fermé",
			},
		},
		{
			name: "links and formatting",
			text: "Voir <https://t.co/x[@jdoe]>, https://devoxx.fr[Devoxx^], xref:a[la suite], <<b,B>> et **gras**__it__ snake_case_x, 5 * 3 * 2, C# et F#.\n",
			want: []string{"0  @1", "  paragraph @1: 1:Voir @jdoe, Devoxx, la suite, B et grasit snake_case_x, 5 * 3 * 2, C# et F#."},
		},
		{
			name:  "front matter and markdown headings",
			text:  "---\ntitle: Notes Devoxx\n---\n= Devoxx\n\n## Talk\n\nTexte +\nsuite\n",
			title: "Notes Devoxx",
			meta:  map[string]any{"title": "Notes Devoxx"},
			want:  []string{"2 Talk @6", "  paragraph @8: 8:Texte | 9:suite"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := ParseAsciiDoc("notes.adoc", tt.text)
			checkLines(t, tt.text, doc)
			if doc.Title != tt.title || doc.Format != core.FormatAsciiDoc {
				t.Errorf("title, format = %q, %q; want %q, asciidoc", doc.Title, doc.Format, tt.title)
			}
			if tt.meta != nil && !reflect.DeepEqual(doc.Meta, tt.meta) {
				t.Errorf("Meta = %#v; want %#v", doc.Meta, tt.meta)
			}
			assertOutline(t, doc, tt.want)
		})
	}
}

func TestAsciiDocUnclosedDiagnostic(t *testing.T) {
	doc := ParseAsciiDoc("n.adoc", "== T\n\n====\ntexte\n")
	want := []core.Diagnostic{{Path: "n.adoc", Line: 3, Message: "unclosed ==== block"}}
	if !reflect.DeepEqual(doc.Diagnostics, want) {
		t.Errorf("Diagnostics = %v; want %v", doc.Diagnostics, want)
	}
}

func TestAsciiDocMarkdown(t *testing.T) {
	text := "== T\n\n* *Site* : https://x.fr[le site]\n** _détail_\n\n====\nUn `code`\n\n- point\n====\n"
	doc := ParseAsciiDoc("n.adoc", text)
	var got []string
	for _, b := range doc.Sections[0].Blocks {
		got = append(got, b.Markdown)
	}
	want := []string{"- **Site** : [le site](https://x.fr)\n  - *détail*", "Un `code`\n\n- point"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Markdown = %q; want %q", got, want)
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		title string
		want  []string
	}{
		{
			name:  "title, talks and bullets",
			text:  "Retour sur le Summit\n\nIntro de l'article.\n\nComment bien débuter avec CodeWhisperer\n\nConférence présentée par :\n\n  • Jane Doe - CTO, Acme\n  • John Roe, Dev, Foo\n      ◦ détail\n",
			title: "Retour sur le Summit",
			want: []string{
				"2? Retour sur le Summit @1",
				"  paragraph @3: 3:Intro de l'article.",
				"2? Comment bien débuter avec CodeWhisperer @5",
				"  paragraph @7: 7:Conférence présentée par :",
				"  list @9: 9:Jane Doe - CTO, Acme | 10:John Roe, Dev, Foo | 11:>détail",
			},
		},
		{
			name: "preamble, list after a line, hollow bullets",
			text: "Un long paragraphe qui ne finit pas par un point\nsur deux lignes\n\nJe retiens :\n– S3 devient central\n– Athena\n◦ sous-point\n",
			want: []string{
				"0  @1",
				"  paragraph @1: 1:Un long paragraphe qui ne finit pas par un point | 2:sur deux lignes",
				"  paragraph @4: 4:Je retiens :",
				"  list @5: 5:S3 devient central | 6:Athena | 7:>sous-point",
			},
		},
		{
			name: "what is not a heading",
			text: "Intro.\n\nune ligne en minuscule\n\nhttps://youtu.be/abc\n\nIMG_0162\n\nphoto (1).JPG\n\nQuels usages ?\n\nLa liste :\n\n2022\n",
			want: []string{
				"0  @1",
				"  paragraph @1: 1:Intro.",
				"  paragraph @3: 3:une ligne en minuscule",
				"  paragraph @5: 5:https://youtu.be/abc",
				"  paragraph @7: 7:IMG_0162",
				"  image @9: 9:photo (1).JPG",
				"2? Quels usages ? @11",
				"  paragraph @13: 13:La liste :",
				"  paragraph @15: 15:2022",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := ParseText("post.txt", tt.text)
			checkLines(t, tt.text, doc)
			if doc.Title != tt.title || doc.Format != core.FormatText {
				t.Errorf("title, format = %q, %q; want %q, text", doc.Title, doc.Format, tt.title)
			}
			assertOutline(t, doc, tt.want)
		})
	}
}

func TestIsGuessedHeading(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Comment bien débuter avec Amazon CodeWhisperer", true},
		{"Etes-vous bien architecturé ?", true},
		{"Pascal Martin en action !", true},
		{"The present and future of Serverless observability, par Yan Cui", true},
		{"26 novembre 12h : départ synchro de l’équipe", true},
		{"Conférence présentée par :", false},
		{"Une phrase.", false},
		{"Une liste,", false},
		{"Une clause;", false},
		{"Et ainsi de suite…", false},
		{"  • Jane Doe - CTO", false},
		{"- point", false},
		{"minuscule au début", false},
		{"https://example.org/page", false},
		{"www.example.org", false},
		{"IMG_0323.jpg", false},
		{"12345", false},
		{"T" + strings.Repeat("o", 139), true},  // 140 characters
		{"T" + strings.Repeat("o", 140), false}, // 141 characters
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if got := isGuessedHeading(tt.line); got != tt.want {
				t.Errorf("isGuessedHeading(%q) (%d chars) = %v; want %v", tt.line, len([]rune(tt.line)), got, tt.want)
			}
		})
	}
}

func TestParseHTML(t *testing.T) {
	text := `<!DOCTYPE html>
<html><head><title>Blog – Retour</title><style>p{}</style></head>
<body><nav><a href="/">Accueil</a></nav>
<h1>Retour sur <em>le</em> Summit</h1>
<p>Intro &amp; <a href="https://x.fr">lien</a>
suite</p>
<h3>Un talk</h3>
<p>Conférence présentée par :</p>
<ul><li>Jane Doe - CTO<ul><li>détail</li></ul></li>
<li>John Roe</li></ul>
<blockquote><p>Citation</p></blockquote>
<pre>x := 1
y := 2</pre>
<script>alert("x")</script>
<footer>© moi</footer>
</body></html>`
	doc := ParseHTML("page.html", text)
	checkLines(t, text, doc)
	if doc.Title != "Retour sur le Summit" {
		t.Errorf("Title = %q; want %q", doc.Title, "Retour sur le Summit")
	}
	assertOutline(t, doc, []string{
		"1 Retour sur le Summit @4",
		"  paragraph @5: 5:Intro & lien suite",
		"3 Un talk @7",
		"  paragraph @8: 8:Conférence présentée par :",
		"  list @9: 9:Jane Doe - CTO | 9:>détail | 10:John Roe",
		"  quote @11: 11:Citation",
		"  code @12: 12:x := 1 | 13:y := 2",
	})
	if md := doc.Sections[0].Blocks[0].Markdown; md != "Intro & [lien](https://x.fr) suite" {
		t.Errorf("paragraph Markdown = %q; want %q", md, "Intro & [lien](https://x.fr) suite")
	}
}

// TestParseHTMLCanonical pins issue 16, item 4: the address a saved blog
// page gives itself (<link rel="canonical">, else og:url) is kept as
// front matter's canonical_url, for the digest to link the page's talks
// to; other URLs in <meta> still are not descriptions or dates.
func TestParseHTMLCanonical(t *testing.T) {
	tests := []struct {
		name, head string
		want       map[string]any
	}{
		{"canonical link", `<link rel="stylesheet" href="/s.css"><link rel="Canonical" href=" https://blog.example.com/2022/04/summit/ ">`,
			map[string]any{"canonical_url": "https://blog.example.com/2022/04/summit/"}},
		{"og:url", `<meta property="og:url" content="https://blog.example.com/p/1">`,
			map[string]any{"canonical_url": "https://blog.example.com/p/1"}},
		{"canonical first", `<link rel="canonical" href="https://a.example/x"><meta property="og:url" content="https://b.example/y">`,
			map[string]any{"canonical_url": "https://a.example/x"}},
		{"URL as description", `<meta name="description" content="https://spam.example"><meta name="date" content="2022-04-12">`,
			map[string]any{"date": "2022-04-12"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := ParseHTML("page.html", "<html><head>"+tt.head+"</head><body><h1>T</h1><p>x</p></body></html>")
			if !reflect.DeepEqual(doc.Meta, tt.want) {
				t.Errorf("Meta = %#v; want %#v", doc.Meta, tt.want)
			}
		})
	}
}

func TestParseDispatch(t *testing.T) {
	tests := []struct {
		text string
		want core.Format
	}{
		{"# Titre\n", core.FormatMarkdown},
		{"= Titre\n", core.FormatAsciiDoc},
		{"<html><h1>T</h1></html>", core.FormatHTML},
		{"Titre\n\nTexte.\n", core.FormatText},
	}
	for _, tt := range tests {
		t.Run(string(tt.want), func(t *testing.T) {
			doc := Parse(core.Source{Path: "x", Text: tt.text})
			if doc.Format != tt.want || doc.Path != "x" || doc.Title != "Titre" && doc.Title != "T" {
				t.Errorf("Parse(%q) = format %q, path %q, title %q; want %q, x, a title", tt.text, doc.Format, doc.Path, doc.Title, tt.want)
			}
		})
	}
}

// TestPathologicalInputs pins the promise that Parse neither overflows
// the stack nor takes minutes on hostile input: goldmark needs ~40s on a
// 3,000-level list and nests one node per ">" without the nesting cap.
func TestPathologicalInputs(t *testing.T) {
	deepList := func() string {
		var b strings.Builder
		for i := 0; i < 3000; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}()
	tests := []struct {
		name string
		text string
	}{
		{"3000-level list", deepList},
		{"3000 list markers on a line", strings.Repeat("- ", 3000) + "x\n"},
		{"50000 nested quotes", strings.Repeat(">", 50000) + " x\n"},
		{"50000 spaced quotes", strings.Repeat("> ", 50000) + "x\n" + strings.Repeat("> ", 50000) + "y\n"},
		{"6 MB single line", strings.Repeat("mot *gras* [lien](u) _it_ ", 6<<20/26)},
		{"6 MB of brackets", strings.Repeat("[", 3<<20) + strings.Repeat("]", 3<<20)},
		{"deep asciidoc delimiters", func() string {
			var b strings.Builder
			for i := 4; i < 2000; i++ {
				b.WriteString(strings.Repeat("=", i) + "\n")
			}
			return b.String()
		}()},
		{"many unmatched marks", strings.Repeat("*a _b #c `d ", 200000)},
	}
	parsers := map[string]func(string, string) core.Document{
		"markdown": ParseMarkdown, "asciidoc": ParseAsciiDoc, "text": ParseText, "html": ParseHTML,
	}
	for _, tt := range tests {
		for name, parse := range parsers {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				if testing.Short() && len(tt.text) > 1<<20 {
					t.Skip("large input; skipped in -short mode")
				}
				start := time.Now()
				doc := parse("x", tt.text)
				checkLines(t, tt.text, doc)
				if d := time.Since(start); d > 20*time.Second {
					t.Errorf("took %v; want well under 20s", d)
				}
			})
		}
	}
}

func TestMarkdownNestingDiagnostic(t *testing.T) {
	text := "Intro\n\n" + strings.Repeat(">", 100) + " profond\n"
	doc := ParseMarkdown("p.md", text)
	want := []core.Diagnostic{{Path: "p.md", Line: 3, Message: "nesting deeper than 20 levels flattened"}}
	if !reflect.DeepEqual(doc.Diagnostics, want) {
		t.Errorf("Diagnostics = %v; want %v", doc.Diagnostics, want)
	}
	assertOutline(t, doc, []string{"0  @1", "  paragraph @1: 1:Intro", "  quote @3: 3:profond"})
}
