package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/notes-kb/notes/internal/core"
)

// Seeds shared by the parser fuzz targets: small inputs in the shapes of
// real posts, plus the syntax corners the parsers special-case.
var fuzzSeeds = []string{
	"",
	"\n",
	"---\ntitle: Summit\ndate: 2022-04-20\n---\n## Retour <a name=\"x\"></a>\n\n* [a](b){:target=\"_blank\"}\n",
	"---\ntitle: [unclosed\n---\n",
	"---\nnever closed\n",
	"# Titre\n\n### Talk\n\nConférence présentée par :\n\n* Jane Doe - CTO Acme\n    * nested\n",
	"> > quote\n> - list\n\n```\ncode\n```\n\n<div>\n<p>html</p>\n</div>\n",
	"{% highlight go %}\nx\n{% endhighlight %}\n{% raw %}{{ x }}{% endraw %}\n{{ a\n}}\n",
	"| a | b |\n| - | - |\n| c | d |\n",
	"= Xebicon 2019\nJane <https://x[@j]>\n:toc: macro\n\ntoc::[]\n\n== Talk\n\n====\nRésumé *gras*\n\nJane Doe, SRE - Acme\n====\n",
	"[source,go]\n----\nx\n----\n\n* a\n** b\n+\nimage::x.png[Alt]\n\n.Titre\n|===\n|a |b\n|===\n____\nq\n____\n--\nopen\n--\n////\nc\n////\n",
	"link:https://a[b] https://x.fr[y^] <<a,b>> xref:c[d] `e` **f** _g_ #h# {lb} \\*i*\n",
	"Retour sur le Summit\n\nComment débuter\n\nConférence présentée par :\n\n  • Jane Doe - CTO, Acme\n      ◦ détail\n– S3\n",
	"IMG_0162\n\nphoto.jpg\n\nhttps://x.fr\n",
	"<!DOCTYPE html><html><h1>T</h1><p>a<br>b</p><ul><li>x<ul><li>y</li></ul></li></ul><pre>p\nq</pre></html>",
	">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> deep\n",
	"- - - - - - - - - - - - - - - - - - - - - - - - - - x\n",
	"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
	"\r\n\x00\u00a0\u202f\ufeff\n",
}

// fuzzParser checks what must hold for any input: no panic, line numbers
// within the text, a Path and a Format.
func fuzzParser(f *testing.F, format core.Format, parse func(path, text string) core.Document) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := parse("fuzz", text)
		if doc.Path != "fuzz" || doc.Format != format {
			t.Fatalf("Path, Format = %q, %q; want fuzz, %q", doc.Path, doc.Format, format)
		}
		if p := lineProblem(text, doc); p != "" {
			t.Fatal(p)
		}
	})
}

func FuzzParseMarkdown(f *testing.F) { fuzzParser(f, core.FormatMarkdown, ParseMarkdown) }
func FuzzParseAsciiDoc(f *testing.F) { fuzzParser(f, core.FormatAsciiDoc, ParseAsciiDoc) }
func FuzzParseText(f *testing.F)     { fuzzParser(f, core.FormatText, ParseText) }
func FuzzParseHTML(f *testing.F)     { fuzzParser(f, core.FormatHTML, ParseHTML) }

func FuzzDetect(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		switch got := Detect(text); got {
		case core.FormatMarkdown, core.FormatAsciiDoc, core.FormatText, core.FormatHTML:
		default:
			t.Fatalf("Detect(%q) = %q; want a known format", text, got)
		}
		doc := Parse(core.Source{Path: "fuzz", Text: text})
		if p := lineProblem(text, doc); p != "" {
			t.Fatal(p)
		}
	})
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"", "abc", "\xef\xbb\xbfa\r\nb", "\xff\xfea\x00", "\xfe\xff\x00a\x00", "\xe9t\xe9\x92", "a\x00b\rc", "a\x00b\x00", "\x89PNG\r\n\x1a\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		IsBinary(raw)
		text, enc, err := Decode(raw)
		if err != nil {
			t.Fatalf("Decode(%q) error: %v", raw, err)
		}
		if !utf8.ValidString(text) {
			t.Fatalf("Decode(%q) = %q, not valid UTF-8", raw, text)
		}
		for i := 0; i < len(text); i++ {
			if c := text[i]; c == 0 || c == '\r' {
				t.Fatalf("Decode(%q) = %q, still holds NUL or CR", raw, text)
			}
		}
		// Decoded text decodes to itself, unless it starts with a second
		// BOM (stripped the second time) or came from UTF-16.
		stable := enc != EncodingUTF16LE && enc != EncodingUTF16BE && !strings.HasPrefix(text, "\ufeff")
		if text2, _, _ := Decode([]byte(text)); stable && text2 != text {
			t.Fatalf("Decode is not stable on its output: %q then %q", text, text2)
		}
	})
}

// FuzzFrontMatter checks the YAML front matter reader alone: the body is
// the end of the text starting at bodyLine, and every diagnostic points at
// a line of the text.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, s := range []string{
		"---\ntitle: ok\nbad: [unclosed\n---\n## Corps\n",
		"---\n- a\n- b\n---\nx",
		"---\na: &a [x, x]\nb: [*a, *a]\n...\nx",
		"--- \t\n\"\\u\n---\n",
		"---\n? [a, b]\n: c\n---\n",
		"---\n!!binary x: y\n---\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fm := splitFrontMatter("fuzz", text)
		if fm.bodyLine < 1 || !strings.HasSuffix(text, fm.body) {
			t.Fatalf("bodyLine %d, body %q: not the end of %q", fm.bodyLine, fm.body, text)
		}
		// An empty body after a closing line with no newline starts on
		// the line after it, which the text does not have.
		if got := strings.Count(text[:len(text)-len(fm.body)], "\n") + 1; got != fm.bodyLine && fm.body != "" {
			t.Fatalf("body starts on line %d, bodyLine says %d", got, fm.bodyLine)
		}
		lines := strings.Count(text, "\n") + 1
		for _, d := range fm.diags {
			if d.Path != "fuzz" || d.Line < 1 || d.Line > lines {
				t.Fatalf("diagnostic %v outside the %d lines of %q", d, lines, text)
			}
		}
	})
}
