package extract

import (
	"regexp"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

var (
	// A line that announces the speakers, the names following on the next
	// lines: "Conférence présentée par :", "Speakers:", "Intervenants :".
	reSpeakerIntro = regexp.MustCompile(`(?i)^\s*(?:(?:la\s+|cette\s+)?(?:conf[ée]rence|talk|session|keynote|atelier|workshop|pr[ée]sentation|intervention|table\s+ronde|lightning\s+talk)\s+)?(?:(?:pr[ée]sent[ée]e?s?|anim[ée]e?s?|donn[ée]e?s?|men[ée]e?s?|presented|given|delivered|hosted|led)\s+(?:par|by)|speakers?|intervenants?|intervenantes?|orat(?:eur|rice)s?|conf[ée]renci(?:er|[èe]re)s?|presenters?|pr[ée]sentateurs?|pr[ée]sentatrices?|par|by)\s*:?\s*$`)
	// The same with the names on the line: "Conférence présentée par Jane
	// Doe, co-fondatrice de Acme", "Speakers: Jane Doe (Acme), John Roe".
	reSpeakerInline = regexp.MustCompile(`(?i)(?:^(?:par|by)\s|(?:^|[\s(])(?:pr[ée]sent[ée]e?s?|anim[ée]e?s?|donn[ée]e?s?|racont[ée]e?s?|propos[ée]e?s?|port[ée]e?s?|men[ée]e?s?|presented|given|delivered|hosted|told|run|led)\s+(?:par|by)|(?:^|\b)(?:speakers?|intervenants?|intervenantes?|orat(?:eur|rice)s?|presenters?)\s*:)\s*:?\s*(.+)$`)
	// Note-takers: "Résumé par Gabriel FORIEN - Devops", "Notes by …".
	reNoteAuthor = regexp.MustCompile(`(?i)^\s*(?:r[ée]sum[ée]|notes?|compte[- ]rendu|article|r[ée]dig[ée]e?|[ée]crit|written|summary|summarized|summarised|recap)\s+(?:r[ée]dig[ée]e?\s+)?(?:par|by)\s*:?\s*(.+)$`)
	// Verbs that follow the subject of a sentence naming speakers.
	reSpeakerVerb = regexp.MustCompile(`(?i)\s(?:nous\s+)?(?:ont|a|est|sont)\s+(?:aussi\s+|ensuite\s+|d['’]abord\s+|également\s+)?(?:pr[ée]sent[ée]e?s?|expos[ée]|expliqu[ée]|parl[ée]|montr[ée]|fait|intervenue?s?|anim[ée]|partag[ée]|d[ée]but[ée]|commenc[ée]|donn[ée]|racont[ée]|abord[ée]|introduit|d[ée]taill[ée]|d[ée]montr[ée]|propos[ée]|ouvert|venue?s?\s+(?:pr[ée]senter|parler|nous))(?:[\s,.;:!?)]|$)|\s(?:nous\s+)?(?:pr[ée]sente(?:nt)?|explique(?:nt)?|revien(?:t|nent)|partage(?:nt)?|raconte(?:nt)?|d[ée]taille(?:nt)?|montre(?:nt)?)(?:[\s,.;:!?)]|$)|\s(?:presented|presents|discussed|talked|showed|shows|explained|explains|gave|gives|shared|shares|demonstrated|demonstrates|walked\s+us|introduced|opened|started|told|described|describes|spoke)\b`)
)

// parseSpeakerList reads "Jane Doe (Acme) & John Roe (CTO Foo)" or "Jane
// Doe, Role at Acme, and John Roe": people joined by et/and/&. Every part
// must read as a person, or nothing is returned.
func parseSpeakerList(s string) []core.Speaker {
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
			// A comma separates people only after a parenthesised role:
			// "Jane Doe (Acme), John Roe (Foo)"; else it is "Name, Role".
			if sep == ", " && (i == 0 || s[i-1] != ')') {
				continue
			}
			if strings.HasPrefix(s[i:], sep) {
				next := s[i+len(sep):]
				if startsWithName(next) {
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
		if !isNameToken(w) && !(i > 0 && nameParticles[core.Fold(w)]) {
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
	var sentences []string
	for _, para := range strings.Split(cleanInline(text), "\n") {
		sentences = append(sentences, splitSentences(para)...)
	}
	for _, sentence := range sentences {
		if !hasSpeakerVerbStem(sentence) {
			continue
		}
		loc := reSpeakerVerb.FindStringIndex(sentence)
		if loc == nil || loc[0] > 220 {
			continue
		}
		subject := strings.TrimSpace(sentence[:loc[0]])
		for {
			if sps := parseSpeakerList(subject); len(sps) > 0 {
				out = append(out, sps...)
				break
			}
			// Drop a leading clause: "Lors de cette présentation, X…".
			i := strings.Index(subject, ", ")
			if i < 0 {
				break
			}
			subject = subject[i+2:]
		}
	}
	return out
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

var regexpSplitPeople = regexp.MustCompile(`\s+(?:&|et|and)\s+`)

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
			if bi >= 4 || !(mentionsBy(l.Text) || strings.Contains(l.Text, ":")) {
				continue
			}
			if m := reSpeakerInline.FindStringSubmatch(cleanInline(l.Text)); m != nil {
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
	t := cleanInline(title)
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
				if !namesOnly(tail) {
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
	"descri", "spoke"}

func hasSpeakerVerbStem(s string) bool {
	l := strings.ToLower(s)
	for _, stem := range speakerVerbStems {
		if strings.Contains(l, stem) {
			return true
		}
	}
	return false
}
