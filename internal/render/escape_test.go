package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// headingHTML renders "### text" with goldmark and GFM (tables,
// strikethrough and the autolinks of bare URLs and e-mail addresses) and
// returns the heading's inner HTML and the whole page.
func headingHTML(t *testing.T, md string) (inner, page string) {
	t.Helper()
	var buf bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM))
	if err := gm.Convert([]byte("### "+md+"\n"), &buf); err != nil {
		t.Fatal(err)
	}
	page = buf.String()
	if !strings.HasPrefix(page, "<h3>") || !strings.HasSuffix(page, "</h3>\n") || strings.Count(page, "<h3>") != 1 {
		return "", page
	}
	return strings.TrimSuffix(strings.TrimPrefix(page, "<h3>"), "</h3>\n"), page
}

// htmlText is text as goldmark writes plain text in HTML.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func TestEscapeMarkdownStaysText(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"hostile title", "# <script>alert(1)</script> | `x`"},
		{"closing hashes", "Learn C# ##"},
		{"emphasis", "*bold* and _it_ and **x**"},
		{"snake case", "use snake_case_names"},
		{"link", "[click](http://evil.example) ![img](x.png)"},
		{"autolink", "<http://evil.example>"},
		{"html comment", "<!-- x --> <b>bold</b>"},
		{"entity", "&amp; &#60; &#x3C; Q&A R&D;"},
		{"strikethrough", "~~gone~~ ~~~"},
		{"table pipe", "a | b | c"},
		{"backslash", `C:\path\ and \*`},
		{"list marker", "- item"},
		{"plus marker", "+ item"},
		{"ordered", "1. first"},
		{"ordered paren", "2) second"},
		{"quote", "> quoted"},
		{"setext", "= title"},
		{"thematic", "---"},
		{"fence", "```go"},
		{"code span", "``x`` `y`"},
		{"newlines", "line one\n# not a heading\n\n- nor a list"},
		{"control sequences", "A\x1b]52;c;ZXZpbA==\x07B\x1b[2JC"},
		{"accents", "Déploiement à l'échelle"},
		{"brackets", "[x]: http://ref"},
		// Issue 13, item 4: bare URLs, www. hosts and e-mail addresses
		// became links under GFM's autolinks.
		{"bare www", "Connectez-vous sur www.evil.example/login pour les slides"},
		{"bare www upper case", "WWW.EVIL.EXAMPLE/login"},
		{"www after underscore", "x_www.evil.example"},
		{"www in parentheses", "(www.evil.example)"},
		{"bare url", "slides: https://evil.example/x?a=1 et ftp://evil.example"},
		{"url after emphasis marker", "*https://evil.example*"},
		{"e-mail", "écrire à jane.doe+cfp@evil.example."},
		{"e-mail after underscore", "a_b@evil.example"},
		{"mailto", "mailto:jane@evil.example xmpp:jane@evil.example"},
		{"company", "Evil Corp (evil.example, contact@evil.example)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			esc := EscapeMarkdown(tt.in)
			if strings.ContainsAny(esc, "\n\x1b") {
				t.Fatalf("EscapeMarkdown(%q) = %q: not one clean line", tt.in, esc)
			}
			want := htmlText(strings.Join(strings.Fields(Sanitize(tt.in)), " "))
			inner, page := headingHTML(t, esc)
			if inner != want {
				t.Errorf("### %s\nrenders %q\nwant one heading holding %q", esc, page, want)
			}
		})
	}
}

func TestEscapeMarkdownReadable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Karpenter en production sur EKS", "Karpenter en production sur EKS"},
		{"Q&A avec l'équipe", "Q&A avec l'équipe"},
		{"snake_case", "snake_case"},
		{"1. first", `1\. first`},
		{"- item", `\- item`},
		{"a - b", "a - b"},
		{"Learn C#", `Learn C\#`},
		{"see www.example.org", `see www\.example.org`},
		{"https://example.org/a", `https\://example.org/a`},
		{"jane@example.org", `jane\@example.org`},
		{"10:30 à 11:00", "10:30 à 11:00"},
	}
	for _, tt := range tests {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzEscapeMarkdown(f *testing.F) {
	for _, s := range []string{"# <script>alert(1)</script> | `x`", "1. a", "a_b_", "&amp;", "[x](y)", "\x1b[2J", "*_`~",
		"www.evil.example/login", "https://evil.example", "jane@evil.example"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		esc := EscapeMarkdown(in)
		want := htmlText(strings.Join(strings.Fields(Sanitize(in)), " "))
		if want == "" {
			return
		}
		// goldmark writes U+0000 and invalid references as U+FFFD.
		if strings.ContainsRune(want, 0) || strings.ContainsRune(want, '\uFFFD') {
			return
		}
		inner, page := headingHTML(t, esc)
		if inner != want {
			t.Errorf("EscapeMarkdown(%q) = %q renders %q, want one heading holding %q", in, esc, page, want)
		}
	})
}

func TestCodeSpan(t *testing.T) {
	tests := []struct{ in, want string }{
		{"posts/a.md:12", "`posts/a.md:12`"},
		{"we`ird.md", "`` we`ird.md ``"},
		{"a``b", "``` a``b ```"},
	}
	for _, tt := range tests {
		got := CodeSpan(tt.in)
		if got != tt.want {
			t.Errorf("CodeSpan(%q) = %q, want %q", tt.in, got, tt.want)
		}
		var buf bytes.Buffer
		if err := goldmark.Convert([]byte(got), &buf); err != nil {
			t.Fatal(err)
		}
		if want := "<p><code>" + htmlText(tt.in) + "</code></p>\n"; buf.String() != want {
			t.Errorf("%s renders %q, want %q", got, buf.String(), want)
		}
	}
}

func TestSpeaker(t *testing.T) {
	tests := []struct{ name, role, company, open, close, want string }{
		{"Jane Doe", "CTO", "Acme", " (", ")", "Jane Doe (CTO, Acme)"},
		{"Jane Doe", "", "Acme", " — ", "", "Jane Doe — Acme"},
		{"Jane Doe", "", "", " (", ")", "Jane Doe"},
	}
	for _, tt := range tests {
		if got := Speaker(tt.name, tt.role, tt.company, tt.open, tt.close); got != tt.want {
			t.Errorf("Speaker(%q, %q, %q) = %q, want %q", tt.name, tt.role, tt.company, got, tt.want)
		}
	}
}

func TestPlainSnippet(t *testing.T) {
	for in, want := range map[string]string{
		"…I found [Climb So Ill](http://climbsoill.com) near the **venue**…": "…I found Climb So Ill near the venue…",
		"…a gym, [Climb So Ill](http://climbs…":                              "…a gym, Climb So Ill…",
		"…write to jane\\@example.org, see https\\://example.org…":           "…write to jane@example.org, see https://example.org…",
		"a\tb\nc": "a b c",
	} {
		if got := PlainSnippet(in); got != want {
			t.Errorf("PlainSnippet(%q) = %q, want %q", in, got, want)
		}
	}
}
