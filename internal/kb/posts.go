package kb

import (
	"hash/maphash"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// Every imported post is searchable (issue 15), not only the talks
// extraction found in it: beside its talks, each post is indexed as a
// post document of its own, whose id is minus its source id (talk ids are
// positive). Its text is the post's, with the lines whose every word a
// talk of the post already makes searchable (in its title or body) left
// blank: those words are found through the talk, and the index does not
// hold them twice. On 1,000 generated posts that left 5 % of the text to
// index again, against a third when only lines found verbatim in a talk's
// body were left out (plain-text bullets and wrapped paragraphs are
// rewritten by extraction). Any other line is kept whole, so that every
// word of the file is found in one or the other.

// postDocID is the index id of the post stored as source sourceID.
func postDocID(sourceID int64) int64 { return -sourceID }

// postText is what the index holds of a post beyond its talks: its text
// (src, decoded) without the lines its talks' bodies hold, and the
// headings of doc. readable are the talks' bodies as the index reads them
// (search.Readable).
func postText(text string, doc core.Document, post core.Post, readable []string) store.PostText {
	if doc.Format == core.FormatHTML {
		// A page's scripts, styles and navigation are not the post: its
		// parsed text is, at the lines it came from.
		text = documentText(doc)
	}
	// A line of the post found whole in a talk's body, as the index reads
	// it, holds only words that talk holds: dropped at the cost of hashing
	// it. The other lines are candidates, kept when they hold a word no
	// talk's title or body holds. (Hashes: a 64-bit collision drops a line
	// wrongly once in billions of posts; they saved a third of the time of
	// this function, and looking at lines first another half.)
	inBodies := map[uint64]struct{}{}
	for _, r := range readable {
		for line := range strings.SplitSeq(r, "\n") {
			inBodies[maphash.String(wordSeed, line)] = struct{}{}
		}
	}
	lineEnds := []int{}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			lineEnds = append(lineEnds, i)
		}
	}
	lineEnds = append(lineEnds, len(text))
	// The candidates: line i runs from starts[i] to lineEnds[i].
	var candidates []int
	starts := make([]int, len(lineEnds))
	from := 0
	for i, end := range lineEnds {
		starts[i] = from
		if _, ok := inBodies[maphash.String(wordSeed, text[from:end])]; !ok && end > from {
			candidates = append(candidates, i)
		}
		from = end + 1
	}
	kept := make([]bool, len(lineEnds))
	someKept := false
	if len(candidates) > 0 {
		// The candidates' words, lower-cased and hashed (keys, with the
		// line of each), and whether a talk holds each (held). Once every
		// one is found, the talks need not be read further.
		type key struct {
			hash uint64
			line int
		}
		var keys []key
		held := map[uint64]bool{}
		for _, i := range candidates {
			l := strings.ToLower(text[starts[i]:lineEnds[i]])
			search.EachWord(l, func(start, end int) {
				h := maphash.String(wordSeed, l[start:end])
				keys = append(keys, key{h, i})
				held[h] = false
			})
		}
		missing := len(held)
		mark := func(s string) {
			if missing == 0 {
				return
			}
			s = strings.ToLower(s)
			search.EachWord(s, func(start, end int) {
				h := maphash.String(wordSeed, s[start:end])
				if seen, ok := held[h]; ok && !seen {
					held[h] = true
					missing--
				}
			})
		}
		for i, t := range post.Talks {
			mark(t.Title)
			mark(readable[i])
		}
		for _, k := range keys {
			if !held[k.hash] {
				kept[k.line], someKept = true, true
			}
		}
	}
	var b strings.Builder
	if someKept {
		from := 0
		for i, end := range lineEnds {
			if i > 0 {
				b.WriteByte('\n')
			}
			if kept[i] {
				// A Markdown link's target is dropped from what a talk
				// indexes (search.Readable); a post keeps it, as text.
				b.WriteString(strings.ReplaceAll(text[from:end], "](", "] ("))
			}
			from = end + 1
		}
	}
	pt := store.PostText{Text: b.String()}
	for _, s := range doc.Sections {
		if s.Title != "" && s.Line > 0 {
			pt.Headings = append(pt.Headings, store.Heading{Line: s.Line, Title: s.Title})
		}
	}
	return pt
}

// wordSeed hashes words for postText.
var wordSeed = maphash.MakeSeed()

// appendLower appends w lower-cased to dst.
func appendLower(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			for _, r := range w[i:] {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
			return dst
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// documentText is the text of doc's headings and blocks, each at its
// line in the source.
func documentText(doc core.Document) string {
	var lines []string
	put := func(n int, text string) {
		if n <= 0 || strings.TrimSpace(text) == "" {
			return
		}
		for len(lines) < n {
			lines = append(lines, "")
		}
		if lines[n-1] != "" {
			text = lines[n-1] + " " + text
		}
		lines[n-1] = text
	}
	put(1, doc.Title)
	for _, s := range doc.Sections {
		put(s.Line, s.Title)
		for _, b := range s.Blocks {
			for _, l := range b.Lines {
				put(l.N, l.Text)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// postDoc is the index document of a stored post.
func postDoc(p store.PostDoc) search.Doc {
	d := search.Doc{
		ID:       postDocID(p.SourceID),
		Post:     true,
		Body:     p.Text,
		Services: p.Services,
	}
	setEvent(&d, p.Event)
	return d
}

// splitIDs parts index ids into talk ids and source ids of posts.
func splitIDs(ids []int64) (talks, posts []int64) {
	for _, id := range ids {
		if id > 0 {
			talks = append(talks, id)
		} else {
			posts = append(posts, -id)
		}
	}
	return talks, posts
}

// postHit is where a post hit is: the heading of the section holding its
// line.
func postHit(p store.PostDoc, line int) *core.PostHit {
	h := &core.PostHit{
		ID:       p.SourceID,
		Path:     Shown(p.Path), // stored absolute, shown as listings show it
		Title:    p.Title,
		Event:    p.Event,
		Services: p.Services,
		Line:     line,
	}
	for _, s := range p.Headings {
		if s.Line > line && line > 0 {
			break
		}
		if line > 0 {
			h.Section = s.Title
		}
	}
	return h
}
