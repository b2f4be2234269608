package kb

import (
	"context"
	"strings"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/search"
	"github.com/notes-kb/notes/internal/store"
)

// Every imported post is searchable (issue 15), not only the talks
// extraction found in it: beside its talks, each post is indexed as a
// post document of its own, whose id is minus its source id (talk ids are
// positive). Its text is the post's, with the lines a talk's body holds
// as they are left blank: those words are found through the talk, and
// the index does not hold them twice, which kept the cold import of
// generated posts within a few percent of its time. A line a talk's body
// holds in another form (markup removed, a link whose target the talk's
// snippet drops) is kept, so that a word of the file is always found in
// one or the other.

// postDocID is the index id of the post stored as source sourceID.
func postDocID(sourceID int64) int64 { return -sourceID }

// postText is what the index holds of a post beyond its talks: its text
// (src, decoded) without the lines its talks' bodies hold, and the
// headings of doc.
func postText(text string, doc core.Document, post core.Post) store.PostText {
	if doc.Format == core.FormatHTML {
		// A page's scripts, styles and navigation are not the post: its
		// parsed text is, at the lines it came from.
		text = documentText(doc)
	}
	inTalks := map[string]bool{}
	for _, t := range post.Talks {
		// A heading that is a talk's title is found through the talk.
		inTalks[headingText(t.Title)] = true
		for line := range strings.SplitSeq(t.Body, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				inTalks[line] = true
			}
		}
	}
	var b strings.Builder
	b.Grow(len(text) / 4)
	kept := false
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		trimmed := strings.TrimSpace(line)
		link := strings.Contains(line, "](")
		if trimmed == "" || !link && (inTalks[trimmed] || inTalks[headingText(trimmed)]) {
			continue
		}
		if link {
			// A Markdown link's target is dropped from what a talk
			// indexes (search.readableBody); a post keeps it, as text.
			line = strings.ReplaceAll(line, "](", "] (")
		}
		b.WriteString(line)
		kept = true
	}
	pt := store.PostText{}
	if kept {
		pt.Text = b.String()
	}
	for _, s := range doc.Sections {
		if s.Title != "" && s.Line > 0 {
			pt.Headings = append(pt.Headings, store.Heading{Line: s.Line, Title: s.Title})
		}
	}
	return pt
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

// headingText is line without the marks of a Markdown or AsciiDoc
// heading ("### Title", "== Title").
func headingText(line string) string {
	line = strings.TrimLeft(strings.TrimSpace(line), "#= \t")
	return strings.TrimSpace(strings.TrimRight(line, "# \t"))
}

// postDoc is the index document of a stored post.
func postDoc(p store.PostDoc) search.Doc {
	d := search.Doc{
		ID:       postDocID(p.SourceID),
		Post:     true,
		Body:     p.Text,
		Services: p.Services,
	}
	if p.Event != nil {
		d.Event = p.Event.Name
		d.EventSeries = p.Event.Series
		d.City = p.Event.City
		d.Year = p.Event.Year
	}
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

// putPosts indexes the posts sources names, reading from the store the
// texts prepared lacks (keyed by index id).
func putPosts(ctx context.Context, db *store.DB, idx interface{ Put([]search.Doc) error }, sources []int64, prepared map[int64]*search.Prepared) error {
	if len(sources) == 0 {
		return nil
	}
	withText := false
	for _, id := range sources {
		if prepared[postDocID(id)] == nil {
			withText = true
			break
		}
	}
	posts, err := db.PostDocs(ctx, sources, withText)
	if err != nil {
		return dbError(err)
	}
	docs := make([]search.Doc, 0, len(posts))
	for _, p := range posts {
		d := postDoc(p)
		if pr := prepared[d.ID]; pr != nil {
			d.Body, d.Prepared = "", pr
		}
		docs = append(docs, d)
	}
	return idx.Put(docs)
}

// postHit is where a post hit is: the heading of the section holding its
// line.
func postHit(p store.PostDoc, line int) *core.PostHit {
	h := &core.PostHit{
		ID:       p.SourceID,
		Path:     p.Path,
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
