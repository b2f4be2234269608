package extract

import (
	"strings"
	"unicode"

	"github.com/notes-kb/notes/internal/core"
)

var (
	// "1re conf « Alexa where is my car »", `the talk called "Title"`,
	// `La conférence "Title" ([vidéo](…))`.
	reInlineQuoted = lazyRE(`(?i)\b(?:conf|conf[ée]rences?|conferences?|talks?|sessions?|keynotes?|pr[ée]sentations?|lightning\s+talks?|ateliers?|workshops?|quickies?)\b(?:\s+(?:called|named|titled|entitled|intitul[ée]e?|nomm[ée]e?|appel[ée]e?|sur|about|on))?\s*[:,]?\s*[«“"]\s*([^»”"\n]{4,150}?)\s*[»”"]`).Needing("conf", "talk", "session", "keynote", "sentation", "atelier", "workshop", "quickie")
	// A talk word, a few words, then a colon and a quoted title.
	reInlineQuotedFar = lazyRE(`(?i)\b(?:talk|keynote|session|pr[ée]sentation|presentation)\b[^«“"\n.!?:]{0,60}?:\s*[«“"]\s*([^»”"\n]{4,150}?)\s*[»”"]`).Needing("talk", "keynote", "session", "sentation")
	// "Andy Jassy’s Keynote", "Werner Vogels’ Keynote".
	reInlineKeynote = lazyRE(`((?:\p{Lu}[\p{L}-]+\s+){1,3}\p{Lu}[\p{L}-]*)[’']s?\s+[Kk]eynote\b`)
	// "… conférences … : A Day in the Life of a Netflix Engineer III de Dave Hahn."
	reInlineColon = lazyRE(`:\s*(\p{Lu}[^:«»"“”]{5,150}?)\s+(?:de|by|par)\s+((?:\p{Lu}[\p{L}.'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]+)\s*[.!)]?\s*$`)
	// `"Title", by Jane Doe (Role, Acme), was…`: a paragraph opening on a
	// quoted title and its speaker.
	reLeadingQuoted = lazyRE(`^\s*[«“"]\s*([^»”"\n]{4,150}?)\s*[»”"]\s*,?\s*(?:by|par|de)\s+(\p{Lu}.*)$`)
	// "la session COM305 (Scaling a multiplayer backend…)".
	reInlineCode  = lazyRE(`(?i)\b(?:session|talk|conf[ée]rence|breakout)\s+([A-Z]{2,6}\d{2,4}(?:-R\d?)?)\s*\(([^)]{4,150})\)`).Needing("session", "talk", "conf", "breakout")
	reTalkContext = lazyRE(`(?i)\bconf[ée]rences?\b|\bconferences?\b|\btalks?\b|\bsessions?\b|\bkeynotes?\b|\bpr[ée]sentations?\b|\bconfs?\b`).
			Needing("conf", "talk", "session", "keynote", "sentation")
	reRoleBefore = lazyRE(`(?i)\b(?:du|de\s+la|de|the|by|notre|our)\s+(CEO|CTO|CIO|VP|président|president|fondateur|founder|directeur|directrice|chief\s+\w+\s+officer)\s*$`)
)

// inlineTalk is a talk named in prose rather than by a heading.
type inlineTalk struct {
	title    string
	kind     core.TalkKind
	speakers []core.Speaker
	block    core.Block
}

// inlineTalks finds talks named in the prose of a block.
func inlineTalks(b core.Block) []inlineTalk {
	if len(b.Markdown) > maxInlineLen {
		return nil
	}
	var out []inlineTalk
	for _, l := range b.Lines {
		text := cleanInline(l.Text)
		quoted := hasQuote(text)
		keynote := strings.Contains(text, "eynote")
		colon := strings.Contains(text, ":")
		if !quoted && !keynote && !colon {
			continue
		}
		var quotes [][]string
		if quoted {
			quotes = reInlineQuoted.FindAllStringSubmatch(text, -1)
		}
		for _, m := range quotes {
			t := cleanTitle(m[1])
			if len(strings.Fields(t)) < 2 {
				continue
			}
			out = append(out, inlineTalk{title: t, kind: kindOf(m[0]), block: b})
		}
		var keynotes [][]int
		if keynote {
			keynotes = reInlineKeynote.FindAllStringSubmatchIndex(text, -1)
		}
		for _, m := range keynotes {
			words := strings.Fields(text[m[2]:m[3]])
			// Leading role words ("CEO Andy Jassy") are not the name.
			role := ""
			for len(words) > 2 && (notNameWords()[fold(words[0])] || roleWords()[fold(words[0])]) {
				role = strings.TrimSpace(role + " " + words[0])
				words = words[1:]
			}
			name := strings.Join(words, " ")
			if !looksLikeName(name) {
				continue
			}
			if role == "" {
				if r := reRoleBefore.FindStringSubmatch(text[:m[2]]); r != nil {
					role = r[1]
				}
			}
			start := strings.Index(text[m[0]:], words[0]) + m[0]
			title := strings.TrimSpace(text[start:m[1]])
			out = append(out, inlineTalk{title: title, kind: core.KindKeynote,
				speakers: []core.Speaker{{Name: normaliseName(name), Role: role}}, block: b})
		}
		for _, sentence := range splitSentences(text) {
			if !colon || !strings.Contains(sentence, ":") || !reTalkContext.MatchString(sentence) {
				continue
			}
			m := reInlineColon.FindStringSubmatch(strings.TrimSpace(sentence))
			if m == nil || !looksLikeName(m[2]) {
				continue
			}
			out = append(out, inlineTalk{title: cleanTitle(m[1]), kind: kindOf(m[1]),
				speakers: []core.Speaker{{Name: normaliseName(m[2])}}, block: b})
		}
	}
	out = append(out, namedQuotes(b)...)
	out = append(out, markedTalks(b)...)
	// "the opening keynote of PGConf EU 2023 in Prague: "Title"": a few
	// words between the talk word and the colon, when no other rule
	// read the title.
	for _, l := range b.Lines {
		text := cleanInline(l.Text)
		if !hasQuote(text) {
			continue
		}
	far:
		for _, m := range reInlineQuotedFar.FindAllStringSubmatch(text, -1) {
			t := cleanTitle(m[1])
			if len(strings.Fields(t)) < 2 {
				continue
			}
			for _, o := range out {
				if fold(o.title) == fold(t) {
					continue far
				}
			}
			out = append(out, inlineTalk{title: t, kind: kindOf(m[0]), block: b})
		}
	}
	return out
}

var (
	// `Jane Doe ("Title")`, `Jane Doe for her talk about X ("Title")`,
	// `Jane Doe for "Title"`: a person, then a quoted title.
	reNameThenQuote = lazyRE(`((?-i:\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}))\s+(?:\(|for\s+(?:(?:his|her|their)\s+(?:talk|session|keynote|presentation)\b[^"“«()]{0,60}\(?)?|pour\s+(?:sa|son)\s+(?:talk|session|conf[ée]rence|keynote|pr[ée]sentation)\b[^"“«()]{0,60}\(?)\s*[«“"]\s*([^»”"]{4,150}?)\s*[»”"]`)
	// "le talk de Jane Doe, « Title »", "celui de Jane Doe sur X :
	// « Title »", "the talk by Jane Doe on X: "Title"".
	reTalkOfName = lazyRE(`(?i:\b(?:talk|conf[ée]rence|session|keynote|pr[ée]sentation|intervention|celui|celle)\s+(?:de|d['’]|by|from)\s*)((?-i:\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){1,3}))[^«“"»”.]{0,80}?[«“"]\s*([^»”"]{4,150}?)\s*[»”"]`)
	// `"Title" by Jane Doe`, `« Title » par Jane Doe` inside a sentence.
	reQuoteThenName = lazyRE(`[«“"]\s*([^»”"]{4,150}?)\s*[»”"]\s*,?\s*(?:by|par)\s+((?-i:\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}))`)
)

// namedQuotes finds talks a paragraph names as a quoted title beside a
// person's full name, the way people list the talks they liked: 'The
// highlights were Jane Doe ("Title") and John Roe ("Other")'.
func namedQuotes(b core.Block) []inlineTalk {
	if b.Kind != core.BlockParagraph && b.Kind != core.BlockList {
		return nil
	}
	text := cleanInline(strings.ReplaceAll(b.Text(), "\n", " "))
	if !hasQuote(text) {
		return nil
	}
	var out []inlineTalk
	add := func(title, name string) {
		title = cleanTitle(title)
		name = trimNameTail(name)
		if len(strings.Fields(title)) < 2 || !looksLikeName(name) || camelCase(name) {
			return
		}
		out = append(out, inlineTalk{title: title, kind: kindOf(title),
			speakers: []core.Speaker{{Name: normaliseName(name)}}, block: b})
	}
	for _, m := range reNameThenQuote.FindAllStringSubmatch(text, -1) {
		add(m[2], m[1])
	}
	for _, m := range reQuoteThenName.FindAllStringSubmatch(text, -1) {
		add(m[1], m[2])
	}
	for _, m := range reTalkOfName.FindAllStringSubmatch(text, -1) {
		add(m[2], m[1])
	}
	return out
}

// camelCase reports whether a word of s has a capital after its first
// letter other than after a hyphen or an apostrophe or in Mc/Mac: a
// product or an event ("PGConf", "JavaScript"), not a person.
func camelCase(s string) bool {
	for _, w := range strings.Fields(s) {
		rs := []rune(w)
		for i := 1; i < len(rs); i++ {
			if !unicode.IsUpper(rs[i]) || rs[i-1] == '-' || rs[i-1] == '\'' || rs[i-1] == '’' {
				continue
			}
			if p := string(rs[:i]); p == "Mc" || p == "Mac" {
				continue
			}
			return true
		}
	}
	return false
}

// trimNameTail drops the words after a name that are not part of it
// ("Jane Doe Keynote"), keeping at least two.
func trimNameTail(name string) string {
	words := strings.Fields(name)
	for len(words) > 2 && notNameWords()[fold(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// leadTitle finds the title of the talk a section describes when its
// heading is a theme ("Autoscaling"): the first paragraph names it, as
// 'the talk called "Title"', '"Title", by Jane Doe' or 'la session CODE
// (Title)'.
func leadTitle(blocks []core.Block) (string, []core.Speaker) {
	for _, b := range blocks {
		if b.Kind != core.BlockParagraph && b.Kind != core.BlockQuote {
			continue
		}
		var parts []string
		for _, l := range b.Lines {
			parts = append(parts, l.Text)
		}
		text := cleanInline(strings.Join(parts, " "))
		quoted := hasQuote(text)
		if !quoted && !strings.Contains(text, "(") {
			return "", nil
		}
		if m := reLeadingQuoted.FindStringSubmatch(text); quoted && m != nil {
			rest := m[2]
			if i := strings.Index(rest, ". "); i > 0 {
				rest = rest[:i]
			}
			var sps []core.Speaker
			if sp, ok := splitSpeaker(rest); ok {
				sps = append(sps, sp)
			}
			return cleanTitle(m[1]), sps
		}
		if m := reInlineCode.FindStringSubmatch(text); m != nil {
			return cleanTitle(m[2]), nil
		}
		if m := reInlineQuoted.FindStringSubmatch(text); quoted && m != nil && len(strings.Fields(m[1])) >= 2 {
			return cleanTitle(m[1]), nil
		}
		return "", nil
	}
	return "", nil
}

// hasQuote is strings.ContainsAny(s, "«“\"") with the UTF-8 bytes of « and
// “ spelled out, sparing the decoding of every rune of s.
func hasQuote(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			return true
		case 0xc2: // «
			if i+1 < len(s) && s[i+1] == 0xab {
				return true
			}
		case 0xe2: // “
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x9c {
				return true
			}
		}
	}
	return false
}
