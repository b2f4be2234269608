package search

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// referenceTokenize is the tokenizer notes used before its hand-written
// one: bleve's UAX #29 tokenizer, then words split at ':' and '.' (except
// '.' between digits).
func referenceTokenize(input []byte) analysis.TokenStream {
	in := bleveunicode.NewUnicodeTokenizer().Tokenize(input)
	var out analysis.TokenStream
	pos := 1
	for _, tok := range in {
		start := 0
		emit := func(end int) {
			if end > start {
				out = append(out, &analysis.Token{Term: tok.Term[start:end], Start: tok.Start + start, End: tok.Start + end, Position: pos})
				pos++
			}
		}
		for i := 0; i < len(tok.Term); i++ {
			c := tok.Term[i]
			if c != ':' && c != '.' {
				continue
			}
			if c == '.' && i > 0 && i+1 < len(tok.Term) && isDigit(tok.Term[i-1]) && isDigit(tok.Term[i+1]) {
				continue
			}
			emit(i)
			start = i + 1
		}
		emit(len(tok.Term))
	}
	return out
}

// TestTokenizerMatchesUnicode checks the hand-written tokenizer against
// bleve's UAX #29 one on every sample post and on tricky words: same
// terms, same byte offsets, same positions.
func TestTokenizerMatchesUnicode(t *testing.T) {
	inputs := [][]byte{
		[]byte("L’observabilité d'AWS re:Invent, Node.js 2.0 et 1,5 Go ; C++ / CI/CD — Step-Functions lambda_handler EC2 s3://bucket e-mail x@y.fr été œuvre ingénieur·es 80% (Lambda) « Karpenter »"),
	}
	posts, _ := filepath.Glob("../../testdata/posts/*")
	blog, _ := filepath.Glob("../../testdata/blog/posts/*")
	posts = append(posts, blog...)
	for _, p := range posts {
		// Bodies reach the index decoded: raw Windows-1252 bytes never do.
		if b, err := os.ReadFile(p); err == nil && utf8.Valid(b) {
			inputs = append(inputs, b)
		}
	}
	for i, in := range inputs {
		want := referenceTokenize(in)
		got := tokenizer{}.Tokenize(in)
		n := min(len(got), len(want))
		for j := 0; j < n; j++ {
			g, w := got[j], want[j]
			if !bytes.Equal(g.Term, w.Term) || g.Start != w.Start || g.End != w.End || g.Position != w.Position {
				t.Fatalf("input %d token %d: got %q [%d:%d] #%d, want %q [%d:%d] #%d", i, j, g.Term, g.Start, g.End, g.Position, w.Term, w.Start, w.End, w.Position)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("input %d: %d tokens, want %d", i, len(got), len(want))
		}
	}
}
