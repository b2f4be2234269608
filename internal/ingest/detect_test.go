package ingest

import (
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		text string
		want core.Format
	}{
		{"jekyll markdown", "---\nlayout: post\ntitle: AWS Summit\n---\n## Sommaire\n\n* [Talk](#talk)\n", core.FormatMarkdown},
		{"front matter only", "---\ntitle: Notes\n---\nJuste du texte.\n", core.FormatMarkdown},
		{"markdown without front matter", "# AWS Summit 2022\n\nIntro.\n\n### Un talk\n", core.FormatMarkdown},
		{"markdown links in list", "Liens :\n\n- [Le site](https://example.org)\n- [Les slides](https://example.org/s)\n", core.FormatMarkdown},
		{"markdown fence", "Exemple :\n\n```go\nfmt.Println()\n```\n", core.FormatMarkdown},
		{"kramdown attributes", "Voir [ici](https://x.fr){:target=\"_blank\"}\n", core.FormatMarkdown},
		{"asciidoc title", "= Xebicon 2019\nJane Doe\n\n== Keynote\n", core.FormatAsciiDoc},
		{"asciidoc title after comment", "// notes\n= Devoxx\n", core.FormatAsciiDoc},
		{"asciidoc sections only", "Intro.\n\n== Premier talk\n\ntexte\n\n== Second talk\n", core.FormatAsciiDoc},
		{"asciidoc with front matter", "---\ntitle: Devoxx 2023\ndate: 2023-04-12\n---\n\n== Talk\n\n====\nRésumé\n\nJane Doe, Dev - Acme\n====\n", core.FormatAsciiDoc},
		{"asciidoc attributes and macros", ":toc: macro\n:imagesdir: img\n\ntoc::[]\n\nimage::a.png[]\n", core.FormatAsciiDoc},
		{"asciidoc links", "Voir https://devoxx.fr[le site] et link:notes.html[les notes].\n", core.FormatAsciiDoc},
		{"asciidoc ifdef", "ifdef::env-github[]\n:icons: font\nendif::[]\nTexte.\n", core.FormatAsciiDoc},
		{"html doctype", "<!DOCTYPE html>\n<html><body><h1>T</h1></body></html>", core.FormatHTML},
		{"html tag", "\n  <html lang=\"fr\">\n<p>x</p></html>", core.FormatHTML},
		{"plain text with bullets", "Retour sur le Summit\n\nConférence présentée par :\n\n  • Jane Doe - CTO, Acme\n  • John Roe, Dev, Foo\n", core.FormatText},
		{"plain text with dashes", "Titre\n\n- un\n- deux\n", core.FormatText},
		{"plain text with url", "Vidéo : https://youtu.be/abc\n", core.FormatText},
		{"plain text with one bold", "Un **mot** seulement.\n", core.FormatText},
		{"plain text hashtag", "#AWSSummit était super\n", core.FormatText},
		{"unclosed front matter", "---\ntitle: x\nTexte\n", core.FormatText},
		{"empty", "", core.FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.text); got != tt.want {
				t.Errorf("Detect(%q) = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}
