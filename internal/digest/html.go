package digest

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// css is the style of the HTML digest: readable line length, system fonts,
// light and dark schemes, and something sensible when printed.
const css = `:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--accent:#0969da;--code:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--accent:#4493f8;--code:#151b23}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:46rem;margin:0 auto;padding:2.5rem 1.25rem 4rem}
h1{font-size:2rem;line-height:1.25;margin:0 0 1rem}
h2{font-size:1.5rem;margin:2.5rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1.15rem;margin:2rem 0 .5rem}
h1,h2,h3{overflow-wrap:anywhere}
p,ul{margin:0 0 .9rem}
ul{padding-left:1.4rem}
li{margin:.15rem 0}
li>ul{margin:.15rem 0 .5rem}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
em{color:var(--muted)}
code{font:.85em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);padding:.1em .35em;border-radius:4px;overflow-wrap:anywhere}
hr{border:0;border-top:1px solid var(--line);margin:2.5rem 0 1rem}
table{border-collapse:collapse;margin:0 0 1rem}
th,td{border:1px solid var(--line);padding:.3rem .6rem;text-align:left}
@media print{body{font-size:11pt}main{max-width:none;padding:0}a{color:inherit}h2,h3{break-after:avoid}}
`

// HTML renders the digest as a standalone UTF-8 page: goldmark with the
// GFM extensions, headings given the same ids the Markdown's links point
// to, a small embedded style sheet and the digest's title as <title>. Raw
// HTML is never passed through (goldmark's default), and the text from
// posts was escaped in the Markdown already, so a "<script>" in a title is
// text on the page.
//
// GFM's Linkify is left out: the only links of a digest are the ones it
// writes itself (to its headings, and to the posts' public addresses), so
// a URL or an address that a post's text still carried past the escaping
// would stay text (issue 13, item 4). Every link gets rel="nofollow
// noopener". The page's lang is the digest's language (issue 16, item 4).
func (d Digest) HTML() ([]byte, error) {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkRel{}, 100)),
		),
	)
	var body bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(newAnchors()))
	if err := md.Convert([]byte(d.Markdown), &body, parser.WithContext(ctx)); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	lang := d.Lang
	if lang == "" {
		lang = English
	}
	b.WriteString("<!DOCTYPE html>\n<html lang=\"" + html.EscapeString(string(lang)) + "\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<meta name=\"generator\" content=\"notes\">\n")
	b.WriteString("<title>" + html.EscapeString(d.Title) + "</title>\n")
	b.WriteString("<style>\n" + css + "</style>\n</head>\n<body>\n<main>\n")
	b.Write(body.Bytes())
	b.WriteString("</main>\n</body>\n</html>\n")
	return b.Bytes(), nil
}

// linkRel gives every link of the page rel="nofollow noopener": a reader's
// browser must not lend the digest's standing to, nor open a window handle
// for, whatever a link points to.
type linkRel struct{}

var _ parser.ASTTransformer = linkRel{}

// Transform implements parser.ASTTransformer.
func (linkRel) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.(type) {
			case *ast.Link, *ast.AutoLink:
				n.SetAttributeString("rel", []byte("nofollow noopener"))
			}
		}
		return ast.WalkContinue, nil
	})
}
