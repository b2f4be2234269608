package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/notes-kb/notes/internal/core"
)

// nameParticles may appear lower-case (or capitalised) inside a person's
// name: "Enrico La Cava", "Sergio Dos Santos", "Christian van der Zwaard".
var nameParticles = map[string]bool{
	"de": true, "du": true, "des": true, "da": true, "di": true, "dos": true, "das": true,
	"van": true, "von": true, "der": true, "den": true, "la": true, "le": true, "el": true,
	"ben": true, "bin": true, "mc": true, "st": true, "y": true, "d'": true, "del": true, "della": true, "dei": true,
}

// notNameWords are capitalised words that start sentences or name things
// but are never part of a person's name.
var notNameWords = sync.OnceValue(func() map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.Fields(`le la les un une des du de nous vous ils elles il elle on ce cette ces
		pour par avec sans dans sur sous chez lors après avant depuis pendant entre mais donc ainsi alors
		enfin ensuite puis et ou où quand comment pourquoi qui que quoi quel quelle quels quelles tout tous
		toute toutes mon ma mes son sa ses leur leurs notre nos votre vos cet au aux en à a est sont été
		conférence conference conférences talk talks keynote keynotes session sessions atelier workshop
		présentation presentation démo demo retour résumé resume intro introduction conclusion sommaire
		the a an and or of in on at for with by from to this that these those we our they their it is was
		are his her its my your what when where why how who which after before during then next first
		aws amazon google microsoft azure gcp cloud summit invent reinvent devoxx kubecon
		lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday
		janvier février mars avril mai juin juillet août septembre octobre novembre décembre
		january february march april may june july august september october november december
		bonjour merci thanks hello voici voilà oui non yes no ok
		directeur directrice head ceo cto cio vp lead senior principal staff chief manager engineer
		ingénieur architecte architect consultant développeur developer responsable product owner
		rex q&a faq api ia ai ml sre devops ux ui`) {
		words[fold(w)] = true
	}
	return words
})

// isNameToken reports whether w can be a word of a person's name:
// capitalised ("Martin", "Jean-Luc", "O'Neil") or all capitals ("FORIEN"),
// or an initial ("H.").
func isNameToken(w string) bool {
	if w == "" {
		return false
	}
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	if len(w) == size+1 && w[size] == '.' {
		return true // initial
	}
	letters := 0
	for _, c := range w {
		switch {
		case unicode.IsLetter(c):
			letters++
		case c == '-' || c == '\'' || c == '’' || c == '.':
		default:
			return false
		}
	}
	return letters >= 2
}

// looksLikeName reports whether s is a plausible person's name: two to five
// words, capitalised, the first and last not particles, none a common
// sentence word.
func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	caps := 0
	for i, w := range words {
		f := fold(w)
		if nameParticles[f] && i > 0 && i < len(words)-1 {
			continue
		}
		if i > 0 && i < len(words)-1 && len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
			continue // a middle initial without its dot: "Deepu K Sasidharan"
		}
		if !isNameToken(w) || notNameWords()[f] {
			return false
		}
		if strings.HasSuffix(w, ".") && i == len(words)-1 {
			return false // "Name H." is a sentence end, not a name
		}
		caps++
	}
	return caps >= 2
}

// isLoneFirstName reports whether s is a given name alone ("Pascal"),
// which Extract resolves against the full names the post gives.
func isLoneFirstName(s string) bool {
	return !strings.ContainsAny(strings.TrimSpace(s), " \t") && isNameToken(s) && isFirstName(s)
}

// normaliseName turns "Gabriel FORIEN" into "Gabriel Forien" and trims.
func normaliseName(s string) string {
	s = strings.Join(strings.Fields(strings.Trim(s, " \t*_`\"'«»“”")), " ")
	if t := stripHonorific(s); t != s && len(strings.Fields(t)) >= 2 {
		s = t // "Maître Jane Doe", "Dr. Jane Doe": the name is Jane Doe
	}
	words := strings.Fields(s)
	for i, w := range words {
		if utf8.RuneCountInString(w) > 2 && w == strings.ToUpper(w) && strings.ToLower(w) != w {
			words[i] = titleCase(w)
		}
	}
	return strings.Join(words, " ")
}

func titleCase(w string) string {
	var b strings.Builder
	up := true
	for _, r := range strings.ToLower(w) {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(r)
		}
		up = r == '-' || r == '\'' || r == '’'
	}
	return b.String()
}

// roleWords end or make up a job title; a word after the last of them in
// "IA Team Leader Canal+" is the company glued to the role.
var roleWords = sync.OnceValue(func() map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.Fields(`leader lead leads architect architecte architects engineer engineers ingenieur ingenieure
		manager managers director directeur directrice head cto ceo cio cpo coo cfo cso ciso vp president presidente
		founder fondateur fondatrice cofounder co-founder co-fondateur co-fondatrice cofondateur cofondatrice consultant consultante
		developer developpeur developpeuse dev devs sre devops ops sysops specialist specialiste representative
		responsable chef scientist analyst analyste evangelist evangeliste advocate hero expert experte
		principal senior staff junior tech technical technique owner po pm designer sales account partner
		solutions solution sa tam intern stagiaire freelance independant independante officer fellow
		member membre coach mentor trainer formateur formatrice speaker auteur author maintainer contributor
		administrator administrateur admin programmer programmeur researcher chercheur chercheuse professor
		professeur enseignant student etudiant etudiante associate associe associee executive manager,
		strategist advisor conseiller conseillere supervisor superviseur coordinator coordinateur
		ambassador ambassadeur champion builder`) {
		words[w] = true
	}
	return words
})

// domainWords qualify a role ("Solution Architect Specialist Container")
// and are never a company on their own.
var domainWords = sync.OnceValue(func() map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.Fields(`container containers serverless storage data cloud security securite network networking
		ml ai ia media medias devops infra infrastructure platform plateforme backend back-end frontend front-end
		full-stack fullstack mobile web java golang kubernetes k8s database databases analytics compute edge
		digital support product produit engineering software logiciel solutions services service managed
		operations ops innovation technology technologie technologies team equipe factory business
		enterprise entreprise global emea europe france us customer client clients success delivery
		quality qualite reliability observability monitoring finops mlops dataops secops devsecops
		architecture transformation strategy strategie r&d rd it si systems systemes applications application
		hpc iot startups startup public sector partners partner community
		communaute open source opensource developer developers experience dx advocacy marketing`) {
		words[w] = true
	}
	return words
})

// splitSpeaker reads "Name - Role, Company", "Name, Role - Company",
// "Name, Role, Company", "Name - Role Company", "Name (Role chez Company)"
// and the like. ok is false when the text does not start with a name.
func splitSpeaker(s string) (sp core.Speaker, ok bool) {
	s = cleanInline(s)
	s = strings.TrimSpace(strings.TrimRight(s, " .;"))
	if s == "" || len(s) > 250 {
		return sp, false
	}
	if strings.Contains(s, "@") {
		// "Jane Doe (@jdoe): Role, Acme": the handle is not the role.
		s = stripHandles(s)
	}
	name, rest := s, ""
	// The name ends at the first separator.
	cut := len(s)
	for _, sep := range []string{" - ", " – ", " — ", ", ", " (", " : ", ": ", " | ", " / ", " de chez ", " chez ", " at ", " from "} {
		if i := strings.Index(s, sep); i >= 0 && i < cut {
			cut = i
		}
	}
	if cut < len(s) {
		name, rest = s[:cut], strings.TrimSpace(s[cut:])
		rest = strings.TrimLeft(rest, "-–—,:|/ ")
	}
	name = stripHandles(name)
	if !looksLikeName(name) && !isLoneFirstName(name) {
		return sp, false
	}
	// "Role : « Title »": the role stops before a quoted title.
	for _, stop := range []string{" : ", " « ", " “", ` "`} {
		if i := strings.Index(rest, stop); i >= 0 {
			rest = rest[:i]
		}
	}
	sp.Name = normaliseName(name)
	if strings.HasPrefix(rest, "(") || strings.HasPrefix(s[min(cut, len(s)):], " (") {
		rest = strings.TrimPrefix(rest, "(")
		if i := matchingParen(rest); i >= 0 {
			after := strings.TrimSpace(rest[i+1:])
			rest = rest[:i]
			// "(Role - Co), dans une salle comble": what follows the
			// parenthesis is prose, not part of the role.
			if after != "" && !strings.HasPrefix(after, "-") {
				after = ""
			}
			if after != "" {
				rest = rest + " " + after
			}
		}
		rest = strings.TrimSpace(rest)
	}
	sp.Role, sp.Company = splitRole(rest)
	// "Jane Doe, sous forme de récit…": prose after the name, not a role.
	if r, _ := utf8.DecodeRuneInString(sp.Role); sp.Role != "" && unicode.IsLower(r) && !anyRole(strings.Fields(sp.Role)) {
		sp.Role = ""
	}
	return sp, true
}

var reHandle = lazyRE(`\s*\(?@[A-Za-z0-9_]+\)?`).Needing("@")

// stripHandles removes twitter handles written after a name.
func stripHandles(s string) string {
	return strings.TrimSpace(reHandle.ReplaceAllString(s, ""))
}

var reChez = lazyRE(`(?i)^(.*)\s*,?\s*(?:^|\s)(?:de chez|chez|at|@|from)\s+(.+)$`)

// reRoleDe reads "co-fondatrice de Acme": a single role word, then "de".
var reRoleDe = lazyRE(`(?i)^((?:co-?)?\p{L}+(?:\s+\p{L}+)?)\s+(?:de|d['’]|of)\s*(\p{Lu}.*)$`)

// matchingParen returns the index of the ")" closing an already opened
// parenthesis in s, or -1.
func matchingParen(s string) int {
	depth := 1
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// splitRole separates a role from the company in what follows a name.
func splitRole(rest string) (role, company string) {
	rest = strings.TrimSpace(strings.Trim(strings.TrimSpace(rest), ",;-–"))
	rest = stripHandles(rest)
	if rest == "" {
		return "", ""
	}
	// "Role - Company" (last dash), then "Role, Company" (last comma).
	for _, sep := range []string{" - ", " – ", " — ", ", "} {
		if i := strings.LastIndex(rest, sep); i > 0 {
			r, c := strings.TrimSpace(rest[:i]), strings.TrimSpace(rest[i+len(sep):])
			if isCompanyLike(c) {
				return cleanRole(r), canonicalCompany(c)
			}
			if sep == ", " && isCompanyLike(lastWords(c)) {
				break
			}
		}
	}
	// "Role chez Company", "Role at Company".
	if m := reChez.FindStringSubmatch(rest); m != nil && isCompanyLike(m[2]) {
		return cleanRole(m[1]), canonicalCompany(m[2])
	}
	// "co-fondatrice de Acme", "Founder of Acme".
	if m := reRoleDe.FindStringSubmatch(rest); m != nil && roleWords()[fold(lastWord(m[1]))] && isCompanyLike(m[2]) {
		return cleanRole(m[1]), canonicalCompany(m[2])
	}
	return splitGlued(rest)
}

// splitGlued reads "IA Team Leader Canal+" (company after the last role
// word), "Solution Architect AWS" and "AWS Solution Architect" (AWS named in
// the role is the employer).
func splitGlued(role string) (string, string) {
	words := strings.Fields(role)
	if len(words) == 0 {
		return "", ""
	}
	// No role word at all: "AWS User Group Paris", "Canal+" is a company.
	if !anyRole(words) && len(words) <= 5 && isCompanyLike(role) && !allDomain(words) {
		return "", canonicalCompany(role)
	}
	if c := canonicalCompany(words[len(words)-1]); len(words) > 1 && knownCompany(c) {
		return cleanRole(strings.Join(words[:len(words)-1], " ")), c
	}
	if knownCompany(canonicalCompany(words[0])) && len(words) > 1 {
		return cleanRole(role), canonicalCompany(words[0])
	}
	last := -1
	for i, w := range words {
		if roleWords()[strings.Trim(fold(w), ",.")] {
			last = i
		}
	}
	if last < 0 {
		// No role word at all: "Canal+" alone is a company, "Consultant" a role.
		if len(words) <= 3 && isCompanyLike(role) && !allDomain(words) {
			return "", canonicalCompany(role)
		}
		return cleanRole(role), ""
	}
	tail := words[last+1:]
	if len(tail) == 0 || len(tail) > 3 || allDomain(tail) || anyDomain(tail) {
		return cleanRole(role), ""
	}
	c := strings.Join(tail, " ")
	if !isCompanyLike(c) {
		return cleanRole(role), ""
	}
	return cleanRole(strings.Join(words[:last+1], " ")), canonicalCompany(c)
}

func allDomain(words []string) bool {
	for _, w := range words {
		f := fold(w)
		if !domainWords()[f] && !roleWords()[f] {
			return false
		}
	}
	return true
}

func anyDomain(words []string) bool {
	for _, w := range words {
		f := fold(w)
		if domainWords()[f] || roleWords()[f] {
			return true
		}
	}
	return false
}

func lastWords(s string) string { return s }

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func anyRole(words []string) bool {
	for _, w := range words {
		f := strings.Trim(fold(w), ",.")
		if roleWords()[f] {
			return true
		}
		if i := strings.IndexByte(f, '-'); i > 0 && (roleWords()[f[:i]] || roleWords()[f[i+1:]]) {
			return true
		}
	}
	return false
}

// isCompanyLike reports whether s can be an organisation name: short,
// starting with a capital or a digit (or written like "eTF1"), not a role.
func isCompanyLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 60 {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 5 {
		return false
	}
	if knownCompany(canonicalCompany(s)) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !(unicode.IsUpper(r) || unicode.IsDigit(r) || hasInnerUpper(words[0])) {
		return false
	}
	for _, w := range words {
		f := fold(w)
		if roleWords()[f] {
			return false
		}
	}
	if allDomain(words) {
		return false
	}
	return true
}

func hasInnerUpper(w string) bool {
	for i, r := range w {
		if i > 0 && (unicode.IsUpper(r) || unicode.IsDigit(r)) {
			return true
		}
	}
	return false
}

func cleanRole(s string) string {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ",;:-–()"))
	return strings.Join(strings.Fields(s), " ")
}

var reHTMLComment = lazyRE(`<!--[\s\S]*?-->`)

var reMarkup = lazyRE(`\[([^\]]*)\]\([^)]*\)|\*\*|__|` + "`")

// hasInlineNoise is strings.ContainsAny(s, "[*_`\u00a0\u202f\t") with the
// two spaces' UTF-8 bytes spelled out: ContainsAny decodes every rune of
// s when the set has non-ASCII ones, and this runs on every line.
func hasInlineNoise(s string) bool {
	for i := 0; i < len(s); i++ {
		if !inlineNoiseBytes[s[i]] {
			continue
		}
		switch s[i] {
		case '[', '*', '_', '`', '\t':
			return true
		case 0xc2: // U+00A0
			if i+1 < len(s) && s[i+1] == 0xa0 {
				return true
			}
		case 0xe2: // U+202F
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0xaf {
				return true
			}
		}
	}
	return false
}

// inlineNoiseBytes are the bytes hasInlineNoise looks at twice.
var inlineNoiseBytes = [256]bool{'[': true, '*': true, '_': true, '`': true, '\t': true, 0xc2: true, 0xe2: true}

// cleanInline removes leftover Markdown link and emphasis markup and
// non-breaking spaces.
func cleanInline(s string) string {
	if strings.Contains(s, "<!--") {
		// "<!--more-->", the excerpt mark of WordPress and Jekyll, ends
		// many a first paragraph: "… at Segment.<!--more-->".
		s = reHTMLComment.ReplaceAllString(s, "")
	}
	if !hasInlineNoise(s) {
		return strings.TrimSpace(s)
	}
	s = reMarkup.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(m, "[") {
			return m[1:strings.Index(m, "]")]
		}
		return ""
	})
	s = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\t", " ").Replace(s)
	return strings.TrimSpace(s)
}
