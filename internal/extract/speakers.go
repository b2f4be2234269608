package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/notes-kb/notes/internal/core"
)

var (
	// A line that announces the speakers, the names following on the next
	// lines: "Conférence présentée par :", "Speakers:", "Intervenants :".
	reSpeakerIntro = lazyRE(`(?i)^\s*(?:(?:la\s+|cette\s+)?(?:conf[ée]rence|talk|session|keynote|atelier|workshop|pr[ée]sentation|intervention|table\s+ronde|lightning\s+talk)\s+)?(?:(?:pr[ée]sent[ée]e?s?|anim[ée]e?s?|donn[ée]e?s?|men[ée]e?s?|presented|given|delivered|hosted|led)\s+(?:par|by)|(?:speaker|speakerine|speakeuse|intervenant|intervenante|orateur|oratrice|conf[ée]rencier|conf[ée]renci[èe]re|presenter|pr[ée]sentateur|pr[ée]sentatrice)(?:s|\(s\))?|par|by)\s*:?\s*$`)
	// The same with the names on the line: "Conférence présentée par Jane
	// Doe, co-fondatrice de Acme", "Speakers: Jane Doe (Acme), John Roe".
	reSpeakerInline = lazyRE(`(?i)(?:^(?:par|by)\s|(?:^|[\s(])(?:pr[ée]sent[ée]e?s?|anim[ée]e?s?|donn[ée]e?s?|racont[ée]e?s?|propos[ée]e?s?|port[ée]e?s?|men[ée]e?s?|presented|given|delivered|hosted|told|run|led)\s+(?:par|by)|(?:^|\b)(?:speaker|speakerine|speakeuse|intervenant|intervenante|orateur|oratrice|presenter|conf[ée]rencier|conf[ée]renci[èe]re)(?:s|\(s\))?\s*:)\s*:?\s*(.+)$`)
	// Note-takers: "Résumé par Gabriel FORIEN - Devops", "Notes by …".
	reNoteAuthor = lazyRE(`(?i)^\s*(?:r[ée]sum[ée]|notes?|compte[- ]rendu|article|r[ée]dig[ée]e?|[ée]crit|written|summary|summarized|summarised|recap)\s+(?:r[ée]dig[ée]e?\s+)?(?:par|by)\s*:?\s*(.+)$`)
	// Verbs that follow the subject of a sentence naming speakers, after a
	// blank. Anchored: speakerVerbAt tries it at the blanks a verb follows.
	reSpeakerVerb = lazyRE(`(?i)^(?:\s(?:nous\s+)?(?:ont|a|est|sont)\s+(?:aussi\s+|ensuite\s+|d['’]abord\s+|également\s+)?(?:pr[ée]sent[ée]e?s?|expos[ée]|expliqu[ée]|parl[ée]|montr[ée]|fait|intervenue?s?|anim[ée]|partag[ée]|d[ée]but[ée]|commenc[ée]|donn[ée]|racont[ée]|abord[ée]|introduit|d[ée]taill[ée]|d[ée]montr[ée]|propos[ée]|ouvert|venue?s?\s+(?:pr[ée]senter|parler|nous))(?:[\s,.;:!?)]|$)|\s(?:nous\s+)?(?:pr[ée]sente(?:nt)?|explique(?:nt)?|revien(?:t|nent)|partage(?:nt)?|raconte(?:nt)?|d[ée]taille(?:nt)?|montre(?:nt)?)(?:[\s,.;:!?)]|$)|\s(?:presented|presents|discussed|talked|showed|shows|explained|explains|gave|gives|shared|shares|demonstrated|demonstrates|walked\s+(?:us\s+)?through|walked\s+us|introduced|opened|started|told|described|describes|spoke|provided|provides|delivered|delivers|covered|covers)\b)`)
)

// personAhead reports whether s starts with a person's name up to its next
// comma: a name that begins with a common given name or holds a middle
// initial.
func personAhead(s string) bool {
	if i := strings.Index(s, ", "); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if len(s) > 60 || !looksLikeName(s) {
		return false
	}
	words := strings.Fields(s)
	if isFirstName(words[0]) {
		return true
	}
	for _, w := range words[1 : len(words)-1] {
		if w = strings.TrimSuffix(w, "."); len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
			return true
		}
	}
	return false
}

// Bounds that keep extraction near-linear in a file's size on hostile
// input: real headings and speaker lists are far shorter, and the rules
// that read them try every separator at every position.
const (
	maxHeadingLen = 400  // bytes of a heading read for its speakers
	maxPeopleLen  = 600  // bytes of a list of people
	maxInlineLen  = 8192 // bytes of a paragraph read for talks named in prose
)

// parseSpeakerList reads "Jane Doe (Acme) & John Roe (CTO Foo)" or "Jane
// Doe, Role at Acme, and John Roe": people joined by et/and/&. Every part
// must read as a person, or nothing is returned.
func parseSpeakerList(s string) []core.Speaker {
	if len(s) > maxPeopleLen {
		return nil // no list of speakers runs that long; splitPeople is quadratic
	}
	s = strings.TrimSpace(strings.TrimRight(cleanInline(s), " .:;"))
	if s == "" {
		return nil
	}
	var out []core.Speaker
	for _, part := range splitPeople(s) {
		sp, ok := splitSpeaker(part)
		if !ok {
			return nil
		}
		out = append(out, sp)
	}
	return out
}

// splitPeople cuts s before each " et ", " and ", " & " or ", " that is
// followed by something that reads as a name, outside parentheses.
func splitPeople(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
			continue
		case ')':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth > 0 {
			continue
		}
		for _, sep := range []string{", et ", ", and ", " et ", " and ", " & ", ", "} {
			// A comma separates people after a parenthesised role ("Jane
			// Doe (Acme), John Roe (Foo)") or before a name that cannot be
			// a role or a company ("Jane Doe, Brian Roe", "…, Deepu K
			// Sasidharan"); else it is "Name, Role".
			if sep == ", " && (i == 0 || s[i-1] != ')') && !(strings.HasPrefix(s[i:], sep) && personAhead(s[i+2:])) {
				continue
			}
			if strings.HasPrefix(s[i:], sep) {
				next := s[i+len(sep):]
				if startsWithName(next) || sep == ", " && personAhead(next) {
					parts = append(parts, s[start:i])
					start = i + len(sep)
					i = start - 1
				}
				break
			}
		}
	}
	parts = append(parts, s[start:])
	for i := range parts {
		parts[i] = strings.TrimSpace(strings.Trim(strings.TrimSpace(parts[i]), ","))
	}
	return parts
}

// startsWithName reports whether s begins with two or more name words.
func startsWithName(s string) bool {
	words := strings.Fields(s)
	var name []string
	for i, w := range words {
		if i >= 4 {
			break
		}
		w = strings.TrimRight(w, ",()")
		if !isNameToken(w) && !(i > 0 && nameParticles[fold(w)]) {
			break
		}
		name = append(name, w)
		if i >= 1 && looksLikeName(strings.Join(name, " ")) {
			return true
		}
	}
	return false
}

// speakersFromSentences finds speakers in prose: "Matthieu Napoli (Hero AWS
// Serverless) a présenté…", "Pour cette conférence, Rémi Retureau, Partner
// SA chez AWS, a commencé…", "Jane Doe, Director at Acme, and John Roe
// discussed…".
func speakersFromSentences(text string) []core.Speaker {
	var out []core.Speaker
	for _, para := range strings.Split(cleanInline(text), "\n") {
		// One lower-cased copy per paragraph: sentences are consecutive
		// pieces of it, at the same offsets.
		low, exact := lowerASCII(para), !foldsToASCII(para)
		off := 0
		for _, sentence := range splitSentences(para) {
			l := low[off : off+len(sentence)]
			off += len(sentence)
			lower := l
			if !exact {
				lower = strings.ToLower(sentence)
			}
			if sps := sentenceSpeakers(sentence, l, lower, exact); len(sps) > 0 {
				out = append(out, sps...)
			} else if sp, ok := talkBy(sentence); ok {
				out = append(out, sp)
			} else if m := reSpeakerIs.FindStringSubmatch(sentence); m != nil {
				if sps := parseSpeakerList(m[1]); len(sps) > 0 && fullNamesOnly(sps) {
					out = append(out, sps...)
				}
			}
		}
	}
	return out
}

// reKeynoteWith reads a keynote named by its speaker alone.
var reKeynoteWith = lazyRE(`^((?i:(?:opening\s+|closing\s+|day\s+\d\s+)?keynote|pl[ée]ni[èe]re))\s+(?i:with|by|from|de|d['’]|par|avec)\s*(\p{Lu}.+)$`).Needing("eynote", "KEYNOTE", "ni")

// reTalkBy reads "The next talk was by Jane Doe on…", "La keynote a été
// donnée par Jane Doe": a talk word, then by and a full name.
var reTalkBy = lazyRE(`(?i)\b(?:talk|session|keynote|presentation|pr[ée]sentation|conf[ée]rence|workshop|atelier)\s+(?:was\s+|is\s+|a\s+[ée]t[ée]\s+|est\s+|[ée]tait\s+)?(?:given\s+|presented\s+|delivered\s+|donn[ée]e?\s+|pr[ée]sent[ée]e?\s+|anim[ée]e?\s+)?(?:by|par)\s+((?-i:\p{Lu}[\p{L}'’-]+(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|del|van|von|da|di|le|la)){1,3}))`).
	Needing("talk", "session", "keynote", "sentation", "conf", "workshop", "atelier")

// reSpeakerIs reads "The speaker is Jane Doe, CTO at Acme", "L'oratrice
// était Jane Doe (Acme)".
var reSpeakerIs = lazyRE(`(?i)^\s*(?:the\s+speakers?\s+(?:is|was|were|are)|(?:l['’]orat(?:eur|rice)|le\s+speaker|la\s+speakeuse|les\s+orat(?:eurs|rices)|les\s+speakers)\s+(?:est|était|sont|étaient))\s+(.+?)\.?\s*$`).
	Needing("speaker", "orat")

// talkBy reads the speaker of a sentence of reTalkBy.
func talkBy(sentence string) (core.Speaker, bool) {
	m := reTalkBy.FindStringSubmatch(sentence)
	if m == nil {
		return core.Speaker{}, false
	}
	words := strings.Fields(m[1])
	for len(words) > 2 && notNameWords()[fold(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	name := strings.Join(words, " ")
	if !looksLikeName(name) {
		return core.Speaker{}, false
	}
	return core.Speaker{Name: normaliseName(name)}, true
}

// sentenceSpeakers reads the speakers a sentence names before a verb of
// reSpeakerVerb. low is the sentence through lowerASCII, lower through
// strings.ToLower, exact whether the sentence has no rune folding to
// ASCII (then both are the same).
func sentenceSpeakers(sentence, low, lower string, exact bool) []core.Speaker {
	if !hasSpeakerVerbStem(lower) {
		return nil
	}
	at := speakerVerbAt(sentence, low, exact)
	if at < 0 {
		return nil
	}
	subject := strings.TrimSpace(sentence[:at])
	for {
		if sps := parseSpeakerList(subject); len(sps) > 0 {
			return sps
		}
		// Drop a leading clause: "Lors de cette présentation, X…".
		i := strings.Index(subject, ", ")
		if i < 0 {
			return nil
		}
		subject = subject[i+2:]
	}
}

// noteAuthors reads a "Résumé par X & Y - Devops" line.
func noteAuthors(line string) ([]string, bool) {
	if !mentionsBy(line) {
		return nil, false
	}
	m := reNoteAuthor.FindStringSubmatch(cleanInline(line))
	if m == nil {
		return nil, false
	}
	var names []string
	rest := m[1]
	// "Name & Name - Job": the job applies to the last one.
	for _, part := range regexpSplitPeople.Split(rest, -1) {
		part = strings.TrimSpace(part)
		for _, sep := range []string{" - ", " – ", ", ", " ("} {
			if i := strings.Index(part, sep); i > 0 {
				part = part[:i]
			}
		}
		part = stripHandles(part)
		if looksLikeName(part) {
			names = append(names, normaliseName(part))
		}
	}
	return names, len(names) > 0
}

var regexpSplitPeople = lazyRE(`\s+(?:&|et|and)\s+`)

// speakersFromBlocks finds the speakers a section announces in its own
// blocks: an intro line and the names after it, an AsciiDoc example block
// ending with "Name, Role - Company" lines, or an intro with the names on
// the same line. It also returns note-takers, kept apart.
func speakersFromBlocks(blocks []core.Block) (speakers []core.Speaker, authors []string, line int) {
	for bi, b := range blocks {
		for li, l := range b.Lines {
			if names, ok := noteAuthors(l.Text); ok {
				authors = append(authors, names...)
				continue
			}
			if len(speakers) > 0 {
				continue
			}
			if len(l.Text) < 120 && reSpeakerIntro.MatchString(cleanInline(l.Text)) {
				// Names follow: the rest of this block, else the next block.
				var cand []core.Line
				if li+1 < len(b.Lines) {
					cand = b.Lines[li+1:]
				} else if bi+1 < len(blocks) {
					cand = blocks[bi+1].Lines
				}
				for _, c := range cand {
					sps := parseSpeakerList(c.Text)
					if len(sps) == 0 || !fullNamesOnly(sps) {
						break
					}
					speakers = append(speakers, sps...)
				}
				if len(speakers) > 0 {
					line = l.N
				}
				continue
			}
			if rest, ok := speakerEmoji(l.Text); ok && bi < 4 {
				// "🎤 Jane Doe (Acme) et John Roe (AWS)".
				if sps := parseSpeakerList(rest); len(sps) > 0 && fullNamesOnly(sps) {
					speakers, line = sps, l.N
				}
				continue
			}
			if bi >= 4 || !(mentionsBy(l.Text) || strings.Contains(l.Text, ":")) {
				continue
			}
			t := cleanInline(l.Text)
			if !maySpeakerInline(t) {
				continue
			}
			if m := reSpeakerInline.FindStringSubmatch(t); m != nil {
				if sps := parseSpeakerList(m[1]); len(sps) > 0 {
					speakers, line = sps, l.N
				}
			}
		}
		if len(speakers) == 0 && b.Kind == core.BlockExample {
			if sps := trailingSpeakerLines(b.Lines); len(sps) > 0 {
				speakers, line = sps, b.Line
			}
		}
	}
	return speakers, authors, line
}

// speakerEmoji returns the rest of a line that opens on a microphone or a
// person emoji, the way posts mark a talk's speakers.
func speakerEmoji(line string) (string, bool) {
	t := strings.TrimSpace(line)
	for _, e := range []string{"🎤", "🎙️", "🎙", "🗣️", "🗣", "👤", "👥", "🧑‍🏫", "👨‍💻", "👩‍💻", "🧑‍💻"} {
		if rest, ok := strings.CutPrefix(t, e); ok {
			rest = strings.TrimLeft(rest, " \u00a0\ufe0f:")
			return strings.TrimSpace(rest), rest != ""
		}
	}
	return "", false
}

// reMarkedName is a line that is only a person's name in bold, as a link,
// or both: "**[Jane Doe](https://…)**", "**Jane Doe**", "[Jane Doe](…)".
var reMarkedName = lazyRE(`^\s*(?:\*\*|__)?\s*(?:\[([^\]\n]{3,60})\]\([^)\s]*[^)]*\)|(?:\*\*|__)([^*_\n]{3,60})(?:\*\*|__))\s*(?:\*\*|__)?\s*\\?\s*$`).Needing("[", "**", "__")

// markedNameLines reads a paragraph whose every line is a person's name
// marked up alone on its line: the speakers of the section it opens.
func markedNameLines(b core.Block) []core.Speaker {
	if b.Kind != core.BlockParagraph || len(b.Lines) > 4 {
		return nil
	}
	var out []core.Speaker
	for _, l := range strings.Split(b.Markdown, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		m := reMarkedName.FindStringSubmatch(l)
		if m == nil {
			return nil
		}
		name := strings.TrimSpace(m[1] + m[2])
		words := strings.Fields(name)
		if len(words) < 2 || !looksLikeName(name) {
			return nil
		}
		out = append(out, core.Speaker{Name: normaliseName(name)})
	}
	return out
}

// trailingSpeakerLines reads the last lines of a block while they are
// "Name, Role - Company" lines (AsciiDoc programme excerpts end so).
func trailingSpeakerLines(lines []core.Line) []core.Speaker {
	var rev []core.Speaker
	for i := len(lines) - 1; i >= 0; i-- {
		t := strings.TrimSpace(lines[i].Text)
		if t == "" {
			continue
		}
		if len(t) > 150 || !strings.ContainsAny(t, ",-–(") {
			break
		}
		sp, ok := splitSpeaker(t)
		if !ok || (sp.Role == "" && sp.Company == "") || !strings.Contains(sp.Name, " ") {
			break
		}
		rev = append(rev, sp)
	}
	out := make([]core.Speaker, 0, len(rev))
	for i := len(rev) - 1; i >= 0; i-- {
		out = append(out, rev[i])
	}
	return out
}

// headingSpeakers splits "Title - Jane Doe (Acme) & John Roe", "Title, par
// Jane Doe", "« Title »par Jane Doe", "Title by Jane Doe" into the title
// and its speakers. ok is false when the heading holds no speaker.
func headingSpeakers(title string) (string, []core.Speaker, bool) {
	if len(title) > maxHeadingLen {
		return title, nil, false
	}
	t := cleanInline(title)
	if m := reKeynoteWith.FindStringSubmatch(t); m != nil {
		// "Keynote with Peter DeSantis", "Keynote de Jane Doe": the
		// keynote has no other title.
		if sps := parseSpeakerList(m[2]); len(sps) > 0 && fullNamesOnly(sps) {
			return m[1], sps, true
		}
	}
	for _, sep := range []string{"»par ", "» par ", "” par ", "\" par ", ", par ", " par ", ", by ", " by ", " - ", " – ", " — ", " ? ", " : ", " | ", " de "} {
		for _, i := range indexesOutsideParens(t, sep) {
			head, tail := t[:i], t[i+len(sep):]
			for _, q := range []string{"»", "”", "\""} {
				if strings.HasPrefix(sep, q) {
					head = t[:i+len(q)]
				}
			}
			if sep == " ? " {
				head = t[:i+2]
			}
			if strings.TrimSpace(head) == "" {
				continue
			}
			sps := parseSpeakerList(tail)
			if len(sps) == 0 || !fullNamesOnly(sps) {
				continue
			}
			switch sep {
			case " - ", " – ", " — ", " : ", " | ", " ? ":
				// A dash often belongs to the title itself: after it,
				// only names (with parenthesised roles) make speakers.
				if strings.Contains(head, "(@") && bareNames(stripHandles(head)) != nil {
					continue // "Jane Doe (@jdoe) - Title": the name comes first
				}
				if sp, ok := nameThenCompany(tail); ok {
					sps = []core.Speaker{sp} // "Title — Jane Doe, Acme"
				} else if !namesOnly(tail) {
					continue
				}
			case " de ":
				// "Title de Jane Doe": only a plain name starting with a
				// common given name, "de" being everywhere in French.
				if len(sps) != 1 || sps[0].Role != "" || sps[0].Company != "" || !isFirstName(strings.Fields(sps[0].Name)[0]) {
					continue
				}
			}
			return cleanTitle(head), sps, true
		}
	}
	return title, nil, false
}

// bareHeadingSpeakers reads the headings that name people without a
// word to say so: "Title, Jane Doe", "Title (Jane Doe)", "Jane Doe -
// Title". Product names read as names as well ("Serverless Java: …"), so
// each person must have a common given name or be named again in text,
// a sentence the caller checks with known.
func bareHeadingSpeakers(title string, known func(name string) bool) (string, []core.Speaker, bool) {
	if len(title) > maxHeadingLen {
		return "", nil, false
	}
	t := cleanInline(title)
	check := func(rest string, sps []core.Speaker) (string, []core.Speaker, bool) {
		for _, sp := range sps {
			if !isFirstName(strings.Fields(sp.Name)[0]) && !known(sp.Name) {
				return "", nil, false
			}
		}
		return cleanTitle(rest), sps, true
	}
	if head, sps, ok := nameAfterTitle(t); ok {
		if r, s, ok := check(head, sps); ok {
			return r, s, ok
		}
	}
	if tail, sps, ok := nameBeforeTitle(t); ok {
		return check(tail, sps)
	}
	return title, nil, false
}

// nameAfterTitle reads "Title, Jane Doe" and "Title (Jane Doe & John
// Roe)": people's names alone after the last comma or in a closing
// parenthesis.
func nameAfterTitle(t string) (string, []core.Speaker, bool) {
	if strings.HasSuffix(t, ")") {
		if i := strings.LastIndex(t, " ("); i > 0 {
			if sps := bareNames(t[i+2 : len(t)-1]); sps != nil {
				return t[:i], sps, true
			}
			if sp, ok := nameThenCompany(t[i+2 : len(t)-1]); ok {
				return t[:i], []core.Speaker{sp}, true // "Title (Jane Doe, Acme)"
			}
		}
	}
	if i := strings.LastIndex(t, ", "); i > 0 {
		if sps := bareNames(t[i+2:]); sps != nil && len(strings.Fields(t[:i])) >= 2 {
			return t[:i], sps, true
		}
	}
	return "", nil, false
}

// nameBeforeTitle reads "Jane Doe - Title", "Jane Doe: Title", "Dr. Jane
// Doe (@jdoe) - Title": people's names first, then a title of two words
// or more.
func nameBeforeTitle(t string) (string, []core.Speaker, bool) {
	cut, sepLen := -1, 0
	for _, sep := range []string{" - ", " – ", " — ", ": ", " | "} {
		if i := strings.Index(t, sep); i > 0 && (cut < 0 || i < cut) {
			cut, sepLen = i, len(sep)
		}
	}
	if cut < 0 {
		return "", nil, false
	}
	tail := strings.TrimSpace(t[cut+sepLen:])
	if len(strings.Fields(tail)) < 2 {
		return "", nil, false
	}
	sps := bareNames(stripHonorific(t[:cut]))
	if sps == nil {
		return "", nil, false
	}
	return tail, sps, true
}

// bareNames returns the speakers s names when it is nothing but one to
// three full names (handles allowed), else nil.
func bareNames(s string) []core.Speaker {
	s = strings.TrimSpace(stripHandles(s))
	if s == "" || len(s) > 120 {
		return nil
	}
	parts := splitPeople(s)
	if len(parts) > 3 {
		return nil
	}
	for _, p := range parts {
		if !looksLikeName(p) {
			return nil
		}
	}
	sps := parseSpeakerList(s)
	if len(sps) == 0 || !fullNamesOnly(sps) {
		return nil
	}
	return sps
}

var reHonorific = lazyRE(`^(?i:dr|pr|prof|mr|mrs|ms|me|maître|maitre)\.?\s+`)

// stripHonorific removes "Dr. " and the like before a name.
func stripHonorific(s string) string {
	return reHonorific.ReplaceAllString(strings.TrimSpace(s), "")
}

// indexesOutsideParens returns the positions of sep in s that are not
// inside parentheses, last first.
func indexesOutsideParens(s, sep string) []int {
	var out []int
	for i := strings.LastIndex(s, sep); i >= 0; i = strings.LastIndex(s[:i], sep) {
		if strings.Count(s[:i], "(") == strings.Count(s[:i], ")") {
			out = append(out, i)
		}
		if i == 0 {
			break
		}
	}
	return out
}

// namesOnly reports whether s is people's names, each optionally followed
// by a parenthesised role or company.
func namesOnly(s string) bool {
	for _, p := range splitPeople(s) {
		if i := strings.Index(p, "("); i > 0 {
			p = p[:i]
		}
		if !looksLikeName(strings.TrimSpace(p)) {
			return false
		}
	}
	return true
}

// nameThenCompany reads "Jane Doe, Acme Labs": a full name that starts with
// a common given name, then a company of one to three capitalised words.
func nameThenCompany(s string) (core.Speaker, bool) {
	name, company, ok := strings.Cut(strings.TrimSpace(s), ", ")
	if !ok || len(s) > 100 {
		return core.Speaker{}, false
	}
	words := strings.Fields(name)
	cw := strings.Fields(company)
	if len(words) < 2 || len(words) > 4 || !isFirstName(words[0]) || !looksLikeName(name) || len(cw) == 0 || len(cw) > 3 {
		return core.Speaker{}, false
	}
	if len(cw) >= 2 && personAhead(company) {
		return core.Speaker{}, false // "Matt Raible, Brian Clozel": two people
	}
	for _, w := range cw {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return core.Speaker{}, false
		}
	}
	return core.Speaker{Name: normaliseName(name), Company: strings.TrimRight(company, ".")}, true
}

// fullNamesOnly reports whether every speaker has a full name: a given
// name alone is accepted only in prose, where the post names the person
// fully elsewhere.
func fullNamesOnly(sps []core.Speaker) bool {
	for _, sp := range sps {
		if !strings.Contains(sp.Name, " ") {
			return false
		}
	}
	return true
}

// mentionsBy is a cheap test run before the speaker regexps: "par" or "by"
// appears in the line.
func mentionsBy(s string) bool {
	return strings.Contains(s, "par") || strings.Contains(s, "Par") || strings.Contains(s, "by") || strings.Contains(s, "By") || strings.Contains(s, "PAR")
}

// speakerVerbStems start every verb reSpeakerVerb knows: checking them
// with strings.Contains first spares the regexp most sentences.
var speakerVerbStems = []string{"sent", "expos", "expliqu", "parl", "montr", "fait", "interven", "anim", "partag",
	"but", "commenc", "donn", "racont", "abord", "introdu", "taill", "montr", "propos", "ouvert", "venu", "revien",
	"discuss", "talk", "show", "explain", "gave", "give", "share", "demonstr", "walk", "open", "start", "told",
	"descri", "spoke", "provid", "deliver", "cover"}

// lower is s through strings.ToLower (or lowerASCII, the same for s
// without İ and K).
func hasSpeakerVerbStem(lower string) bool {
	l := lower
	// One pass over the text, trying the stems only where three bytes
	// start one of them, rather than a search of the text per stem.
	starts := stemStarts()
	for i := 0; i+3 <= len(l); i++ {
		if !starts[trigram(l[i:])] {
			continue
		}
		for _, stem := range speakerVerbStems {
			if strings.HasPrefix(l[i:], stem) {
				return true
			}
		}
	}
	return false
}

// trigram packs the low five bits of three bytes: lower-case letters get
// distinct values, other bytes may collide, which only costs a check.
func trigram(s string) int {
	return int(s[0]&31)<<10 | int(s[1]&31)<<5 | int(s[2]&31)
}

// stemStarts marks the trigrams that start a speaker verb stem.
var stemStarts = sync.OnceValue(func() *[1 << 15]bool {
	var t [1 << 15]bool
	for _, stem := range speakerVerbStems {
		t[trigram(stem)] = true
	}
	return &t
})

// maySpeakerInline is the cheap test run before reSpeakerInline, whose
// three forms need: "par" or "by" opening the text; "speaker",
// "intervenant", "orat…" or "presenter" and a colon; or "par" or "by"
// after blanks that follow one of the verbs, a whole word. Lines with a
// colon or "par" are common, these are not.
func maySpeakerInline(s string) bool {
	if foldsToASCII(s) {
		return true
	}
	low := lowerASCII(s)
	if strings.HasPrefix(low, "par") || strings.HasPrefix(low, "by") {
		return true
	}
	if strings.IndexByte(low, ':') >= 0 && (strings.Contains(low, "speaker") || strings.Contains(low, "speakeu") || strings.Contains(low, "intervenant") ||
		strings.Contains(low, "orat") || strings.Contains(low, "presenter")) {
		return true
	}
	forms := speakerVerbForms()
	for _, by := range []string{"par", "by"} {
		for off := 0; ; {
			i := strings.Index(low[off:], by)
			if i < 0 {
				break
			}
			j := off + i
			off = j + 1
			if j == 0 || !isSpaceRE(low[j-1]) {
				continue
			}
			end := j - 1
			for end > 0 && isSpaceRE(low[end-1]) {
				end--
			}
			start := end
			for start > 0 && !isSpaceRE(low[start-1]) && low[start-1] != '(' {
				start--
			}
			if forms[low[start:end]] {
				return true
			}
		}
	}
	return false
}

// speakerVerbForms are the words reSpeakerInline reads before "par" or
// "by", as lowerASCII writes them: "présentée", "PRÉSENTÉS" (prÉsentÉs),
// "animé", "given"…
var speakerVerbForms = sync.OnceValue(func() map[string]bool {
	forms := map[string]bool{}
	for _, stem := range []string{"présent", "present", "prÉsent", "anim", "donn", "racont", "propos", "port", "men"} {
		for _, accent := range []string{"é", "e", "É"} {
			for _, e := range []string{"", "e"} {
				for _, s := range []string{"", "s"} {
					forms[stem+accent+e+s] = true
				}
			}
		}
	}
	for _, w := range []string{"presented", "given", "delivered", "hosted", "told", "run", "led"} {
		forms[w] = true
	}
	return forms
})

// speakerVerbAt returns where the first match of reSpeakerVerb (as if
// unanchored) starts in s, or -1 when there is none in the first 220
// bytes: a verb further on does not follow the speakers' names. Every
// match starts with a blank; the regexp is tried at those followed by a
// word that can start one (speakerVerbStarts), or at every blank when s
// has a rune that folds to ASCII.
// low is s through lowerASCII, exact whether s has no rune folding to
// ASCII.
func speakerVerbAt(s, low string, exact bool) int {
	for i := 0; i < len(s) && i <= 220; i++ {
		if !isSpaceRE(s[i]) || exact && !mayStartSpeakerVerb(low[i+1:]) {
			continue
		}
		if reSpeakerVerb.MatchString(s[i:]) {
			return i
		}
	}
	return -1
}

// mayStartSpeakerVerb reports whether low (lower-cased ASCII) starts, maybe
// after "nous" and blanks, with an auxiliary, blanks, maybe an adverb and
// blanks, and the start of a participle, or with the start of a verb of
// reSpeakerVerb.
func mayStartSpeakerVerb(low string) bool {
	if hasVerbStart(low) {
		return true
	}
	if !strings.HasPrefix(low, "nous") || len(low) == 4 || !isSpaceRE(low[4]) {
		return false
	}
	rest := strings.TrimLeft(low[4:], " \t\n\f\r")
	return hasVerbStart(rest)
}

func hasVerbStart(low string) bool {
	for _, aux := range []string{"ont", "a", "est", "sont"} {
		if strings.HasPrefix(low, aux) && len(low) > len(aux) && isSpaceRE(low[len(aux)]) {
			rest := strings.TrimLeft(low[len(aux):], " \t\n\f\r")
			if hasAnyPrefix(rest, speakerParticipleStarts) {
				return true
			}
			for _, adverb := range []string{"aussi", "ensuite", "d'abord", "d’abord", "également", "Également"} {
				if after, ok := strings.CutPrefix(rest, adverb); ok && after != "" && isSpaceRE(after[0]) &&
					hasAnyPrefix(strings.TrimLeft(after, " \t\n\f\r"), speakerParticipleStarts) {
					return true
				}
			}
		}
	}
	for _, v := range speakerVerbStarts {
		if strings.HasPrefix(low, v) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// speakerParticipleStarts start the participles reSpeakerVerb reads after
// an auxiliary, lower-cased as lowerASCII does.
var speakerParticipleStarts = []string{"présent", "present", "prÉsent", "expos", "expliqu", "parl", "montr", "fait",
	"interven", "anim", "partag", "débu", "debu", "dÉbu", "commenc", "donn", "racont", "abord", "introduit",
	"détaill", "detaill", "dÉtaill", "démontr", "demontr", "dÉmontr", "propos", "ouvert", "venu"}

// speakerVerbStarts start the verbs reSpeakerVerb reads without an
// auxiliary, lower-cased as lowerASCII does ("PRÉSENTE": "prÉsente").
var speakerVerbStarts = []string{"présent", "present", "prÉsent", "expliqu", "revien", "partag", "racont",
	"détaill", "detaill", "dÉtaill", "montr", "discuss", "talked", "show", "explain", "gave", "give", "share",
	"demonstrat", "walked", "introduced", "opened", "started", "told", "descri", "spoke", "provid", "deliver", "cover"}

// speakerLines reads the people of the first block whose lines are all
// "Name, Role - Company" (or the like): the list under a "Speakers:"
// heading.
func speakerLines(blocks []core.Block) []core.Speaker {
	for _, b := range blocks {
		var out []core.Speaker
		for _, l := range b.Lines {
			sps := parseSpeakerList(l.Text)
			if len(sps) == 0 || !fullNamesOnly(sps) {
				return nil
			}
			out = append(out, sps...)
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}
