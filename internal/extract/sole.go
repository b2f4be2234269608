package extract

import (
	"fmt"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// A post about one talk: a liveblog of a session, "Retour sur le talk de
// Jane Doe", the author's own "Ma présentation au …". One talk named in
// prose is not enough to make a write-up, so soleTalk weighs what else
// says the post is about that talk; the talk is kept from soleThreshold on.

const soleThreshold = 3

var (
	// The author gave the talk: "my session", "ma présentation", "I gave".
	reOwnTalk = lazyRE(`(?i)\b(?:my|our)\s+(?:session|talk|presentation|keynote|workshop|lightning\s+talk)\b|\b(?:ma|notre)\s+(?:session|pr[ée]sentation|conf[ée]rence|keynote)\b|\bmon\s+(?:talk|atelier|quickie|workshop|lightning)\b|\bI\s+(?:presented|gave|delivered)\b|\bj['’]ai\s+(?:pr[ée]sent[ée]|donn[ée]|anim[ée])\b`).
			Needing("my", "our", "ma", "notre", "mon", "presented", "gave", "delivered", "j")
	// A post's title about one talk.
	reOneTalkTitle = lazyRE(`(?i)\bliveblog\b|\blive[- ]blog\b|\bretour\s+sur\s+(?:le|la|l['’])\s*(?:talk|conf[ée]rence|session|pr[ée]sentation|keynote|atelier)\b|\brecap\s+of\s+(?:the|a|my)\s+(?:talk|session|keynote)\b|\bma\s+pr[ée]sentation\b|\bmy\s+(?:talk|session|presentation)\b|\b(?:as\s+a|en\s+tant\s+que)\s+speaker\b|\bspeaking\s+at\b|\bspeaker\s+at\b|\bcompte[- ]rendu\s+du\s+talk\b|\p{L}['’]s?\s+(?:talk|keynote|session|presentation)\b|\b(?:talk|keynote|session|conf[ée]rence|pr[ée]sentation)\s+(?:de|d['’]|by)\s+\p{Lu}`)
)

// soleTalk weighs a post's only talk as the post's subject. It returns the
// score and the evidence.
func soleTalk(doc core.Document, t core.Talk, strong bool) (int, []string) {
	score, why := 0, []string(nil)
	add := func(n int, s string) {
		score += n
		why = append(why, fmt.Sprintf("%s %+d", s, n))
	}
	titles := postTitles(doc)
	if sharesTitle(t.Title, titles) {
		add(2, "the post's title names it")
	}
	if reOwnTalk.MatchString(t.Body) {
		add(2, "the author's own talk")
	}
	if reOneTalkTitle.MatchString(titles) {
		add(1, "the post's title is about one talk")
	}
	if len(t.Speakers) > 0 {
		add(1, "speakers named")
		for _, sp := range t.Speakers {
			if strings.Contains(fold(titles), fold(sp.Name)) {
				add(1, "the post's title names its speaker")
				break
			}
		}
	}
	if strong {
		add(1, "the event is named up front")
	}
	return score, why
}

// postTitles joins the post's title, subtitle and description.
func postTitles(doc core.Document) string {
	parts := (eventFinder{doc: doc}).titleTexts()
	for _, k := range []string{"subtitle", "description", "summary"} {
		if v, ok := doc.Meta[k].(string); ok {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, "\n")
}

// talkWords name talks in general: a post's title and a heading that
// share only these ("mon talk", "Préparer un talk") do not name one talk.
var talkWords = map[string]bool{"talk": true, "talks": true, "session": true, "sessions": true,
	"keynote": true, "conference": true, "conferences": true, "presentation": true, "presentations": true,
	"atelier": true, "workshop": true, "speaker": true, "speakers": true}

// sharesTitle reports whether most of a talk title's words (of four
// letters or more, and not words for talks in general) are in the post's
// titles.
func sharesTitle(title, titles string) bool {
	have := map[string]bool{}
	for _, w := range wordsOf(titles) {
		have[w] = true
	}
	n, in := 0, 0
	for _, w := range wordsOf(title) {
		if len(w) < 4 || talkWords[w] {
			continue
		}
		n++
		if have[w] {
			in++
		}
	}
	return n >= 2 && in*10 >= n*6
}

// postAuthor is the author the front matter names, when it names one.
func postAuthor(doc core.Document) string {
	for _, k := range []string{"author", "authors"} {
		switch v := doc.Meta[k].(type) {
		case string:
			return strings.TrimSpace(v)
		case []any:
			if len(v) == 1 {
				if s, ok := v[0].(string); ok {
					return strings.TrimSpace(s)
				}
			}
		}
	}
	return ""
}
