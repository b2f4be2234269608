package catalog

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rules of Find, in the order they are applied:
//
//  1. Words and phrases only: an alias matches whole words ("MQ" is not in
//     "MQTT" or "RabbitMQ", "ECS" not in "ECSTATIC"), case- and
//     accent-insensitively, with spaces, hyphens or one line break between
//     its words ("Step-Functions", "API\nGateway"). Acronyms written in
//     capitals in the catalogue (SES, KMS, ALB) match only in capitals, so
//     "ses" (French "his") and "100 kms" are not services.
//  2. Longest first: at each word the longest alias wins, prefix included
//     ("Amazon EC2 Auto Scaling" is one mention, "S3 Glacier" is not S3,
//     "DynamoDB Accelerator" not DynamoDB); false friends ("Amazon Linux",
//     "utilisateur lambda", "Terraform CDK") are phrases too, and hide what
//     they contain.
//  3. The prefix "Amazon"/"AWS" is optional in front of any alias ("AWS
//     SageMaker" counts as Amazon SageMaker). Without it, an alias marked
//     "!" never counts (Bedrock, Q, Copilot), one marked "^" counts only
//     when its words are capitalised ("API Gateway", not "an API gateway"),
//     and one marked "?" (Glue, Config, Batch, MQ…) counts only when it is
//     capitalised, reads as a name rather than as a common word (see
//     commonWord: not "Budgets par équipe" at the start of a sentence, not
//     "SNCF Connect", not "BATCH" in an ALL-CAPS heading), and a sure
//     mention (not itself a bare "?") of a service stands on the same line
//     or within 150 bytes: "SQS/SNS/MQ", "Config, Trusted Advisor,
//     CloudWatch". "Amazon Q" and "Amazon Bedrock" need their prefix even
//     in a list of services.
//  4. Other clouds: a bare "?" or "^" alias right after the name of
//     another cloud or vendor is that vendor's product ("Google
//     Translate", "Azure Batch", "Spring Batch"); a bare "~" alias (VPC,
//     WAF) is dropped when GCP, Azure, Google… stands within 40 bytes of
//     it on the same line ("GCP VPC", "le VPC de GCP"). The prefix must be
//     on the same line as the name: "…, AWS\nBedrock" is not a prefix.
//  5. Code is not prose: a name inside a URL or path ("https://…/s3/",
//     "s3://bucket", "/aws/lambda/fn"), an identifier ("lambda_handler",
//     "aws-lambda-go", "s3.amazonaws.com"), an IAM action or ARN
//     ("s3:GetObject", "arn:aws:s3:::b"), a lower-case name in quotes
//     ("client('s3')", "`ec2`"), an e-mail address, or an AWS CLI command
//     written in lower case at the start of a line or in backquotes ("aws s3
//     sync", "`aws lambda invoke`") does not count: these name a resource
//     or a command, not the service in the author's prose. The link text of
//     "[Amazon S3](https://aws.amazon.com/s3/)" counts once.

// contextWindow is how close (in bytes) a sure mention must be to confirm
// an ambiguous one that is not on its line.
const contextWindow = 150

// foreignWindow is how close (in bytes) another cloud's name must be to
// turn a generic term into that cloud's product.
const foreignWindow = 40

// word is a word of the text that the vocabulary knows.
type word struct {
	start, end int32
	pos        int32 // ordinal among all words of the text, known or not
	id         int32
}

// candidate is a match before ambiguous ones are confirmed.
type candidate struct {
	svc        int32
	start, end int
	pending    bool // bare "?" alias waiting for a sure neighbour
}

// find implements Find.
func (c *catalogue) find(text string) []Mention {
	ws := c.words(text)
	if len(ws) == 0 {
		return nil
	}
	var cands []candidate
	pending := 0
	for i := 0; i < len(ws); {
		cd, next, ok := c.matchAt(text, ws, i)
		i = next
		if !ok {
			continue
		}
		cands = append(cands, cd)
		if cd.pending {
			pending++
		}
	}
	if len(cands) == 0 {
		return nil
	}
	var anchors []candidate
	if pending > 0 {
		anchors = make([]candidate, 0, len(cands)-pending)
		for _, cd := range cands {
			if !cd.pending {
				anchors = append(anchors, cd)
			}
		}
	}
	out := make([]Mention, 0, len(cands))
	for _, cd := range cands {
		if cd.pending && !confirmed(text, cd, anchors) {
			continue
		}
		out = append(out, Mention{Name: c.services[cd.svc].Name, Start: cd.start, End: cd.end})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// words splits text into words and keeps those the vocabulary knows, with
// their ordinal so that phrases can require consecutive words.
func (c *catalogue) words(text string) []word {
	ws := make([]word, 0, len(text)/256+8)
	var scratch [64]byte
	var pos int32
	maxLen := c.maxWord
	for i := 0; i < len(text); {
		b := text[i]
		if b < utf8.RuneSelf {
			if asciiLower[b] == 0 {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += n
			continue
		}
		// Scan the word, hashing its folded form on the way; the folded
		// bytes are only built for the few words the bloom filter lets by.
		start := i
		h := uint32(fnvOffset)
		folded, foldable, ascii := 0, true, true
		for i < len(text) {
			b = text[i]
			if b < utf8.RuneSelf {
				l := asciiLower[b]
				if l == 0 {
					break
				}
				h = (h ^ uint32(l)) * fnvPrime
				folded++
				i++
				continue
			}
			if b == 0xC3 && i+1 < len(text) && text[i+1]&0xC0 == 0x80 {
				// Latin-1 letters (é, à, ç…), most of the French ones.
				l := latin1[text[i+1]&0x3F]
				if !l.word {
					break
				}
				i += 2
				ascii = false
				if l.fold == "" {
					foldable = false
				}
				for k := 0; k < len(l.fold); k++ {
					h = (h ^ uint32(l.fold[k])) * fnvPrime
				}
				folded += len(l.fold)
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += n
			ascii = false
			if !foldable || unicode.Is(unicode.Mn, r) {
				continue
			}
			f := foldRune(unicode.ToLower(r))
			if f == "" {
				foldable = false
				continue
			}
			for k := 0; k < len(f); k++ {
				h = (h ^ uint32(f[k])) * fnvPrime
			}
			folded += len(f)
		}
		pos++
		if !foldable || folded > maxLen || folded > len(scratch) || !c.bloom.has(h) {
			continue
		}
		var buf []byte
		if ascii {
			buf = scratch[:folded]
			for k := range buf {
				buf[k] = asciiLower[text[start+k]]
			}
		} else {
			buf, _ = foldWord(text[start:i], scratch[:0])
		}
		if id, ok := c.vocab[string(buf)]; ok {
			ws = append(ws, word{start: int32(start), end: int32(i), pos: pos, id: id})
		}
	}
	return ws
}

// matchAt tries the phrases at ws[i], with and without prefix. It returns
// the candidate, the index of the next word to look at, and whether the
// candidate is a mention to keep (false friends and code are not).
func (c *catalogue) matchAt(text string, ws []word, i int) (candidate, int, bool) {
	var best phrase
	bestEnd, bestNext, prefixed := -1, i+1, false
	w := ws[i]
	if (w.id == c.idAmazon || w.id == c.idAWS) && i+1 < len(ws) && ws[i+1].pos == w.pos+1 &&
		prefixGapOK(text[w.end:ws[i+1].start]) {
		if p, ok := c.phraseAt(text, ws, i+1, true); ok && p.svc >= 0 {
			best, prefixed = p, true
			bestNext = i + 1 + len(p.toks)
			bestEnd = int(ws[bestNext-1].end)
		}
	}
	if p, ok := c.phraseAt(text, ws, i, false); ok && int(ws[i+len(p.toks)-1].end) > bestEnd {
		best, prefixed = p, false
		bestNext = i + len(p.toks)
		bestEnd = int(ws[bestNext-1].end)
	}
	if bestEnd < 0 || best.svc < 0 {
		return candidate{}, bestNext, false
	}
	first := ws[i]
	if prefixed {
		first = ws[i+1]
	}
	cd := candidate{svc: best.svc, start: int(w.start), end: bestEnd}
	if codeLike(text, cd.start, cd.end) || prefixed && cliCommand(text, cd.start, int(first.start), cd.end) {
		return candidate{}, bestNext, false
	}
	if !prefixed {
		if best.flags&flagForeign != 0 && c.foreignNear(text, ws, i, bestNext) ||
			best.flags&(flagAmbiguous|flagCapital) != 0 && c.foreignBefore(text, ws, i) {
			return candidate{}, bestNext, false
		}
		if best.flags&flagAmbiguous != 0 {
			if len(best.toks) == 1 && best.flags&flagAcronym == 0 && c.commonWord(text, cd.start, cd.end) {
				return candidate{}, bestNext, false
			}
			cd.pending = true
		}
	}
	return cd, bestNext, true
}

// phraseAt returns the longest phrase starting at ws[j] that the text
// spells acceptably.
func (c *catalogue) phraseAt(text string, ws []word, j int, prefixed bool) (phrase, bool) {
	for _, p := range c.first[ws[j].id] {
		n := len(p.toks)
		if j+n > len(ws) {
			continue
		}
		ok := true
		for k := 1; k < n && ok; k++ {
			a, b := ws[j+k-1], ws[j+k]
			ok = b.id == p.toks[k] && b.pos == a.pos+1 && gapOK(text[a.end:b.start], p.gaps[k-1])
		}
		if !ok {
			continue
		}
		if p.svc < 0 {
			if prefixed {
				continue
			}
			return p, true
		}
		if p.flags&flagAcronym != 0 && hasLower(text[ws[j].start:ws[j].end]) {
			continue
		}
		if !prefixed {
			if p.flags&flagStrict != 0 {
				continue
			}
			if p.flags&(flagCapital|flagAmbiguous) != 0 && !capitalised(text, ws[j:j+n], p.caps) {
				continue
			}
		}
		return p, true
	}
	return phrase{}, false
}

// prefixGapOK reports whether "Amazon"/"AWS" and the name after it are
// separated by blanks only: "AWS Glue", not "chez AWS.\nGlue" nor
// "AWS\nBedrock" (a speaker's company at the end of a line).
func prefixGapOK(g string) bool {
	for _, r := range g {
		if r != ' ' && r != '\t' && r != '\u00a0' && r != '\u202f' {
			return false
		}
	}
	return true
}

// gapOK reports whether the text between two words of a phrase fits the
// alias: spaces, hyphens and at most one line break for
// anyGap; the same punctuation, spaces aside, otherwise.
func gapOK(g, want string) bool {
	if want != anyGap {
		return strings.TrimSpace(g) == want
	}
	newlines := 0
	for _, r := range g {
		switch r {
		case ' ', '\t', '\r', '\u00a0', '\u202f', '\u2009', '-', '\u2010', '\u2011':
		case '\n':
			newlines++
			if newlines > 1 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// capitalised reports whether the words of a phrase that the catalogue
// writes with a capital start with one in the text (caps bit k: word k).
func capitalised(text string, ws []word, caps uint32) bool {
	for k, w := range ws {
		if k < 32 && caps&(1<<k) != 0 {
			r, _ := utf8.DecodeRuneInString(text[w.start:w.end])
			if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}

func hasLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return true
		}
	}
	return false
}

// titleCase reports whether s starts with a capital and has lower-case
// letters: "Batch", not "BATCH".
func titleCase(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) && hasLower(s)
}

// commonWord reports whether a bare ambiguous word, text[s:e], reads as an
// ordinary word or as part of another name rather than as a service:
// capitalised only because it starts a sentence, a heading or a list item
// and followed by more prose ("Budgets par équipe", "Batch processing
// is…"), glued to another capitalised name ("SNCF Connect", "Spring
// Batch"), or in capitals in a line without lower case ("BATCH PROCESSING
// ON EC2"). "Config, Trusted Advisor", "* Glue : Spark", "* *GLUE* : Spark
// serverless" and "Glue." are not common words.
func (c *catalogue) commonWord(text string, s, e int) bool {
	if !hasLower(text[s:e]) {
		// "GLUE" stands out in a line of prose, not in an ALL-CAPS heading.
		lineStart := strings.LastIndexByte(text[:s], '\n') + 1
		lineEnd := len(text)
		if j := strings.IndexByte(text[e:], '\n'); j >= 0 {
			lineEnd = e + j
		}
		return !hasLower(text[lineStart:s]) && !hasLower(text[e:lineEnd])
	}
	switch startOf(text, s) {
	case startSentence:
		return !punctNext(text, e)
	case startItem:
		return lowerWordNext(text, e)
	}
	prev, ok := wordBefore(text, s)
	if !ok {
		return false
	}
	r, _ := utf8.DecodeRuneInString(prev)
	if !unicode.IsUpper(r) {
		return false
	}
	var scratch [64]byte
	if f, ok := foldWord(prev, scratch[:0]); ok {
		if _, known := c.vocab[string(f)]; known {
			return false // "Data Catalog Glue", "AWS Glue"
		}
	}
	// "Avec Glue" starts a sentence with another word: Glue is a name.
	return startOf(text, s-len(prev)-1) == startNone
}

// wordBefore returns the word that ends one space before s, if any.
func wordBefore(text string, s int) (string, bool) {
	if s < 2 || text[s-1] != ' ' {
		return "", false
	}
	end := s - 1
	i := end
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !isWordRune(r) {
			break
		}
		i -= n
	}
	if i == end {
		return "", false
	}
	return text[i:end], true
}

// lowerWordNext reports whether a lower-case word follows e on its line.
func lowerWordNext(text string, e int) bool {
	for e < len(text) {
		r, n := utf8.DecodeRuneInString(text[e:])
		switch {
		case r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f':
			e += n
		default:
			return unicode.IsLower(r)
		}
	}
	return false
}

// punctNext reports whether punctuation or the end of the line follows e:
// the word stands alone ("Glue : Spark serverless", "Config, CloudWatch").
func punctNext(text string, e int) bool {
	for e < len(text) {
		r, n := utf8.DecodeRuneInString(text[e:])
		switch r {
		case ' ', '\t', '\u00a0', '\u202f', '*', '_':
			e += n
		case '\n', '\r', ',', ';', ':', '.', '/', ')', '!', '?', '—', '–':
			return true
		default:
			return false
		}
	}
	return true
}

// Where a word stands, as far as capitals go.
const (
	startNone     = iota // inside a sentence
	startSentence        // first word of a sentence or a paragraph
	startItem            // first word of a heading or a list item
)

// startOf says whether the word at i starts a sentence, a paragraph, a
// heading or a list item: places where any word is capitalised.
func startOf(text string, i int) int {
	// Emphasis and quotes glued to the word.
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !strings.ContainsRune("*_`\"'«“‘(", r) {
			break
		}
		i -= n
	}
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if r != ' ' && r != '\t' && r != '\u00a0' && r != '\u202f' {
			break
		}
		i -= n
	}
	if i == 0 {
		return startSentence
	}
	r, n := utf8.DecodeLastRuneInString(text[:i])
	switch r {
	case '\n', '.', '!', '?', '…':
		return startSentence
	case '#', '=', '•':
		return startItem
	case '*', '-', '+', '–', ')':
		if lineStart(text, i-n) { // a bullet; "1)"
			return startItem
		}
	}
	return startNone
}

// lineStart reports whether only blanks stand between the line's start and i.
func lineStart(text string, i int) bool {
	for i > 0 {
		switch text[i-1] {
		case ' ', '\t':
			i--
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}

// foreignNear reports whether another cloud's name stands within
// foreignWindow bytes of the phrase ws[i:next], on its line: "GCP VPC",
// "le VPC de GCP".
func (c *catalogue) foreignNear(text string, ws []word, i, next int) bool {
	start, end := int(ws[i].start), int(ws[next-1].end)
	for k := i - 1; k >= 0 && int(ws[k].end) >= start-foreignWindow; k-- {
		if strings.IndexByte(text[ws[k].end:start], '\n') >= 0 {
			break
		}
		if c.foreign[ws[k].id] {
			return true
		}
	}
	for k := next; k < len(ws) && int(ws[k].start) <= end+foreignWindow; k++ {
		if strings.IndexByte(text[end:ws[k].start], '\n') >= 0 {
			break
		}
		if c.foreign[ws[k].id] {
			return true
		}
	}
	return false
}

// foreignBefore reports whether the word before ws[i] names another cloud
// or vendor, which makes the phrase that vendor's product: "Google
// Translate", "Azure Batch", "Google Cloud Transit Gateway".
func (c *catalogue) foreignBefore(text string, ws []word, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if ws[k].pos != ws[k+1].pos-1 || !prefixGapOK(text[ws[k].end:ws[k+1].start]) {
			return false
		}
		if c.foreign[ws[k].id] {
			return true
		}
		if ws[k].id != c.idCloud {
			return false
		}
	}
	return false
}

// confirmed reports whether a sure mention stands on the same line as the
// pending one, or within contextWindow bytes of it.
func confirmed(text string, cd candidate, anchors []candidate) bool {
	k, _ := slices.BinarySearchFunc(anchors, cd.start, func(a candidate, s int) int { return a.start - s })
	lineStart := strings.LastIndexByte(text[:cd.start], '\n') + 1
	lineEnd := len(text)
	if j := strings.IndexByte(text[cd.end:], '\n'); j >= 0 {
		lineEnd = cd.end + j
	}
	if k > 0 {
		a := anchors[k-1]
		if a.end >= lineStart || cd.start-a.end <= contextWindow {
			return true
		}
	}
	if k < len(anchors) {
		a := anchors[k]
		if a.start <= lineEnd || a.start-cd.end <= contextWindow {
			return true
		}
	}
	return false
}

// isDelim reports whether b ends a "chunk": the run of characters that a
// URL, a path or an identifier would be made of.
func isDelim(b byte) bool {
	switch b {
	case ' ', '\t', '\n', '\r', '(', ')', '[', ']', '<', '>', '{', '}', '"', '\'', '`', '|', ',', ';', '*', '!':
		return true
	}
	return false
}

// codeLike reports whether the match text[s:e] is part of a URL, a path,
// an identifier, an ARN or an IAM action rather than prose.
func codeLike(text string, s, e int) bool {
	if s > 0 {
		switch b := text[s-1]; b {
		case '$', '=', '\\', '@':
			return true
		case '_', '.':
			if s > 1 && isWordByte(text[s-2]) {
				return true // lambda_handler, aws.s3
			}
		case ':':
			if s > 1 && !isDelim(text[s-2]) {
				return true // arn:aws:s3
			}
		}
	}
	if e < len(text) {
		next := byte(' ')
		if e+1 < len(text) {
			next = text[e+1]
		}
		switch text[e] {
		case '=', '\\':
			return true
		case '_', '.', '&', '@':
			if isWordByte(next) {
				return true // s3_bucket, s3.amazonaws.com, Q&A, lambda@example.com
			}
		case ':':
			if !isDelim(next) || next == '*' {
				return true // s3://, s3:GetObject, s3:*
			}
		}
	}
	if s > 0 && e < len(text) && (text[s-1] == '\'' || text[s-1] == '"' || text[s-1] == '`') &&
		text[e] == text[s-1] && strings.ToLower(text[s:e]) == text[s:e] {
		return true // client('s3'), "lambda", `ec2`
	}
	l, r := s, e
	for l > 0 && s-l < 256 && !isDelim(text[l-1]) {
		l--
	}
	for r < len(text) && r-e < 256 && !isDelim(text[r]) {
		r++
	}
	chunk := text[l:r]
	if strings.Contains(chunk, "://") || strings.Contains(chunk, "www.") {
		return true
	}
	if strings.HasPrefix(chunk, "/") || strings.HasPrefix(chunk, "~/") || strings.HasPrefix(chunk, "./") {
		return true
	}
	if domainPath(chunk) {
		return true // docs.aws.amazon.com/lambda/, github.com/aws/aws-cdk
	}
	return hyphenIdent(chunk)
}

// commonTLDs end the host names a URL without scheme starts with.
var commonTLDs = []string{"com", "org", "net", "io", "dev", "fr", "eu", "co", "uk", "de", "be", "ch", "app", "cloud", "aws", "tech", "sh"}

// domainPath reports whether s is a host name followed by a path:
// "aws.amazon.com/s3/" is, "Node.js/Lambda" and "EFS/FSx" are not.
func domainPath(s string) bool {
	slash := strings.IndexByte(s, '/')
	if slash <= 0 {
		return false
	}
	host := s[:slash]
	dot := strings.LastIndexByte(host, '.')
	if dot < 0 {
		return false
	}
	return strings.Count(host, ".") >= 2 || slices.Contains(commonTLDs, strings.ToLower(host[dot+1:]))
}

// hyphenIdent reports whether s looks like a package or resource name:
// lower case ASCII with two hyphens or more (aws-lambda-go, cdk-eks-blueprints).
func hyphenIdent(s string) bool {
	hyphens := 0
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b == '-':
			hyphens++
		case b >= 'a' && b <= 'z', b >= '0' && b <= '9':
		default:
			return false
		}
	}
	return hyphens >= 2
}

// cliCommand reports whether a prefixed match is an AWS CLI command: "aws"
// and the service in lower case, at the start of a line (after a shell
// prompt) or right after a backquote.
func cliCommand(text string, start, svcStart, end int) bool {
	if text[start:start+3] != "aws" || strings.ToLower(text[svcStart:end]) != text[svcStart:end] {
		return false
	}
	i := start
	for i > 0 {
		switch text[i-1] {
		case ' ', '\t', '$', '>', '#', '%':
			i--
			continue
		case '`':
			return true
		case '\n':
			return true
		}
		return false
	}
	return true
}
