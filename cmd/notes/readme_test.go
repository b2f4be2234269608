package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/notes-kb/notes/internal/digest"
)

// reMarkdownFile is a Markdown file named in prose ("see DESIGN.md").
var reMarkdownFile = regexp.MustCompile(`[\w./-]*\w\.md\b`)

// TestReadmeLinks is the regression test of issue 16, item 6: README.md
// sent a fresh clone's reader to a DESIGN.md that only exists outside the
// repository. Every relative link and image of README.md must name a file
// of the repository, every "#fragment" a heading of the README (as GitHub
// makes their ids), and every Markdown file its prose names (outside code)
// must be one of the repository's.
func TestReadmeLinks(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext(parser.WithIDs(digest.HeadingIDs()))))

	mdFiles := map[string]bool{} // base names of the repository's Markdown files
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			mdFiles[filepath.Base(path)] = true
		}
		return nil
	})
	headings := map[string]bool{}
	var links []string
	var named []string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil // `post.fr.md` is an example
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				headings[string(id.([]byte))] = true
			}
		case *ast.Link:
			links = append(links, string(n.Destination))
		case *ast.Image:
			links = append(links, string(n.Destination))
		case *ast.Text:
			named = append(named, reMarkdownFile.FindAllString(string(n.Segment.Value(src)), -1)...)
		}
		return ast.WalkContinue, nil
	})
	if len(links) == 0 || len(headings) == 0 {
		t.Fatalf("read %d links and %d headings in README.md: the test reads nothing", len(links), len(headings))
	}
	for _, link := range links {
		if strings.Contains(link, "://") || strings.HasPrefix(link, "mailto:") {
			continue
		}
		path, fragment, _ := strings.Cut(link, "#")
		if path == "" {
			if !headings[fragment] {
				t.Errorf("README.md links to #%s, which is no heading of it", fragment)
			}
			continue
		}
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(path))); err != nil {
			t.Errorf("README.md links to %s, which is not in the repository", link)
		}
	}
	for _, name := range named {
		if _, err := os.Stat(filepath.Join(root, name)); err != nil && !mdFiles[filepath.Base(name)] {
			t.Errorf("README.md names %s, which is not in the repository", name)
		}
	}
}
