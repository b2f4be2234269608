package extract

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/notes-kb/notes/internal/core"
)

// series are conference names as their organisers write them. pattern is
// matched against folded text; city is set for events that always take
// place in the same city.
type seriesPattern struct {
	name    string
	pattern *lazyRegexp
	city    string
}

var series = []seriesPattern{
	{"AWS re:Invent", lazyRE(`\b(?:aws\s*[:-]?\s*)?re\s?[:-]?\s?invent\b`), "Las Vegas"},
	{"AWS re:Inforce", lazyRE(`\b(?:aws\s*)?re\s?[:-]?\s?inforce\b`), ""},
	{"AWS Summit", lazyRE(`\baws\s+summits?\b`), ""},
	{"AWS Community Day", lazyRE(`\baws\s+community\s+days?\b`), ""},
	{"AWS Cloud Day", lazyRE(`\baws\s+cloud\s+day\b`), ""},
	// The event is named as the post names it: "KubeCon + CloudNativeCon
	// Europe 2025" or "KubeCon Europe 2024".
	{"KubeCon + CloudNativeCon", lazyRE(`\bkubecon\s*(?:\+|&|and|et)\s*cloudnativecon\b`), ""},
	{"KubeCon", lazyRE(`\bkubecon\b`), ""},
	{"Devoxx France", lazyRE(`\bdevoxx\s*(?:france|fr)\b`), "Paris"},
	{"Devoxx", lazyRE(`\bdevoxx\b`), ""},
	{"Forum PHP", lazyRE(`\bforum\s+php\b`), ""},
	{"ServerlessConf", lazyRE(`\bserverless\s?conf\b`), ""},
	{"ServerlessDays", lazyRE(`\bserverless\s?days\b`), ""},
	{"Xebicon", lazyRE(`\bxebicon\b`), "Paris"},
	{"DevFest", lazyRE(`\bdevfest\b`), ""},
	{"BDX I/O", lazyRE(`\bbdx\s?i/?o\b`), "Bordeaux"},
	{"MiXiT", lazyRE(`\bmix-?it\b`), "Lyon"},
	{"Sunny Tech", lazyRE(`\bsunny\s?tech\b`), "Montpellier"},
	{"Snowcamp", lazyRE(`\bsnowcamp\b`), "Grenoble"},
	{"Touraine Tech", lazyRE(`\btouraine\s?tech\b`), "Tours"},
	{"Breizhcamp", lazyRE(`\bbreizh\s?camp\b`), "Rennes"},
	{"RivieraDev", lazyRE(`\briviera\s?dev\b`), "Sophia Antipolis"},
	{"Volcamp", lazyRE(`\bvolcamp\b`), "Clermont-Ferrand"},
	{"Cloud Nord", lazyRE(`\bcloud\s?nord\b`), "Lille"},
	{"Paris Web", lazyRE(`\bparis\s?web\b`), "Paris"},
	{"API Days", lazyRE(`\bapi\s?days\b`), ""},
	{"dotScale", lazyRE(`\bdotscale\b`), "Paris"},
	{"dotJS", lazyRE(`\bdotjs\b`), "Paris"},
	{"DockerCon", lazyRE(`\bdockercon\b`), ""},
	{"HashiConf", lazyRE(`\bhashiconf\b`), ""},
	{"FOSDEM", lazyRE(`\bfosdem\b`), "Brussels"},
	{"Google Cloud Next", lazyRE(`\b(?:google\s+)?cloud\s+next\b`), ""},
	{"Microsoft Build", lazyRE(`\bmicrosoft\s+build\b`), ""},
	{"Kafka Summit", lazyRE(`\bkafka\s+summit\b`), ""},
	{"Data + AI Summit", lazyRE(`\b(?:data\s*\+\s*ai|spark\s*\+?\s*ai)\s+summit\b`), ""},
	{"SREcon", lazyRE(`\bsrecon\b`), ""},
	{"QCon", lazyRE(`\bqcon\b`), ""},
	{"GopherCon", lazyRE(`\bgophercon\b`), ""},
	{"PyCon", lazyRE(`\bpycon\b`), ""},
	{"JSConf", lazyRE(`\bjsconf\b`), ""},
	{"Open Source Summit", lazyRE(`\bopen\s+source\s+summit\b`), ""},
	{"Agile Tour", lazyRE(`\bagile\s+tour\b`), ""},
	{"Web2Day", lazyRE(`\bweb2day\b`), "Nantes"},
	{"Codeurs en Seine", lazyRE(`\bcodeurs\s+en\s+seine\b`), "Rouen"},
	{"Best of Web", lazyRE(`\bbest\s+of\s+web\b`), "Paris"},
	{"NewCrafts", lazyRE(`\bnew\s?crafts\b`), "Paris"},
	{"LeadDev", lazyRE(`\bleaddev\b`), ""},
	{"VivaTech", lazyRE(`\bviva\s?tech(?:nology)?\b`), "Paris"},
	{"AWS User Group", lazyRE(`\baws\s+user\s+group\b`), ""},
}

// seriesHints[i] is a word every match of series[i] contains, checked with
// strings.Contains before running the regexp: most posts name no series,
// and fifty regexps per post slowed imports down.
var seriesHints = sync.OnceValue(func() []string {
	hints := make([]string, len(series))
	for i, se := range series {
		hints[i] = requiredWord(se.pattern)
	}
	return hints
})

// venueHints are the same for venues; those whose patterns are
// alternatives have no hint but the words of their alternatives (see
// lazyre.Regexp.Needing).
var venueHints = sync.OnceValue(func() []string {
	hints := make([]string, len(venues))
	for i, v := range venues {
		hints[i] = requiredWord(v.pattern)
	}
	return hints
})

// patternScan is how a series or venue pattern is searched for in folded
// text: anchored, tried only where one of the literals its matches start
// with is (see findAllAt). words is nil when startLiterals cannot tell:
// then the pattern runs as it is.
type patternScan struct {
	anchored *lazyRegexp
	words    []string
	ok       func(s string, i int) bool // a leading \b, or nil
}

func newPatternScan(re *lazyRegexp) patternScan {
	words, boundary, ok := startLiterals(re.String())
	if !ok {
		return patternScan{}
	}
	p := patternScan{anchored: re.Anchored(), words: words}
	if boundary {
		p.ok = atBoundary
	}
	return p
}

// findAll is re.FindAllStringIndex(s, n), re being the pattern of p.
func (p patternScan) findAll(re *lazyRegexp, s string, n int) [][]int {
	if p.words == nil {
		return re.FindAllStringIndex(s, n)
	}
	if !re.May(s) {
		return nil
	}
	return findAllAt(p.anchored, s, s, p.words, p.ok, n)
}

var seriesScans = sync.OnceValue(func() []patternScan {
	scans := make([]patternScan, len(series))
	for i, se := range series {
		scans[i] = newPatternScan(se.pattern)
	}
	return scans
})

var venueScans = sync.OnceValue(func() []patternScan {
	scans := make([]patternScan, len(venues))
	for i, v := range venues {
		scans[i] = newPatternScan(v.pattern)
	}
	return scans
})

var (
	reOptionalGroup = lazyRE(`\((?:\?:)?[^()]*\)\??`)
	reOptionalChar  = lazyRE(`.\?`)
	reLiteralWord   = lazyRE(`[a-z0-9]+`)
)

// requiredWord returns the longest word that every match of re contains,
// "" when it cannot tell (then every text is a candidate).
func requiredWord(re *lazyRegexp) string {
	src := strings.NewReplacer(`\b`, " ", `\s`, " ").Replace(re.String())
	if strings.Contains(src, "|") && !strings.Contains(src, "(") {
		return ""
	}
	for {
		// Groups are optional or alternatives: none is required text.
		next := reOptionalGroup.ReplaceAllString(src, " ")
		if next == src {
			break
		}
		src = next
	}
	if strings.Contains(src, "|") {
		return ""
	}
	src = reOptionalChar.ReplaceAllString(src, " ")
	best := ""
	for _, w := range reLiteralWord.FindAllString(src, -1) {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}

// A generic conference name: "FooConf", "Bar Summit", "Baz Camp", "Qux Days".
var reGenericEvent = lazyRE(`\b([A-Z][\w.+&-]*(?:\s+[A-Z][\w.+&-]*){0,2}\s*(?:Conf|Con|Summit|Camp|Days?|Fest|Forum|World|Expo))\b`)

// genericEvents is reGenericEvent.FindAllStringSubmatch(s, -1), skipped
// when s lacks every word a generic name ends with.
func genericEvents(s string) [][]string {
	for _, w := range []string{"Con", "Summit", "Camp", "Day", "Fest", "Forum", "World", "Expo"} {
		if strings.Contains(s, w) {
			return reGenericEvent.FindAllStringSubmatch(s, -1)
		}
	}
	return nil
}

// cityTable maps a folded city name to its usual spelling; maxWords is
// the longest name in words ("salt lake city").
type cityTable struct {
	keys     map[string]string
	maxWords int
}

var cities = sync.OnceValue(func() cityTable {
	t := cityTable{keys: map[string]string{}, maxWords: 1}
	for _, c := range []string{"Paris", "Lyon", "Lille", "Nantes", "Bordeaux", "Toulouse", "Marseille", "Nice",
		"Rennes", "Strasbourg", "Montpellier", "Grenoble", "Tours", "Rouen", "Brest", "Clermont-Ferrand", "Dijon",
		"Sophia Antipolis", "Aix-en-Provence", "Amiens", "Niort", "Orléans", "Angers", "Le Mans", "Caen", "Metz",
		"Nancy", "London", "Londres", "Berlin", "Amsterdam", "Stockholm", "Madrid", "Milan", "Barcelona",
		"Barcelone", "Las Vegas", "San Francisco", "New York", "Seattle", "Chicago", "Detroit", "Los Angeles",
		"San Diego", "Salt Lake City", "Brussels", "Bruxelles", "Geneva", "Genève", "Lausanne", "Luxembourg",
		"Munich", "Valencia", "Valence", "Copenhagen", "Copenhague", "Dublin", "Zurich", "Vienna", "Vienne",
		"Prague", "Warsaw", "Varsovie", "Lisbon", "Lisbonne", "Rome", "Antwerp", "Anvers", "Montréal", "Montreal",
		"Toronto", "Manchester", "Edinburgh", "Glasgow", "Bristol", "Leeds", "Birmingham", "Liverpool", "Cardiff", "Belfast", "Oslo", "Helsinki", "Hamburg", "Frankfurt", "Cologne", "Stuttgart", "Porto", "Seville", "Bilbao", "Turin", "Florence", "Athens", "Budapest", "Krakow", "Tallinn", "Annecy", "Avignon", "Besançon", "Biarritz", "La Rochelle", "Limoges", "Mulhouse", "Nîmes", "Pau", "Poitiers", "Reims", "Saint-Malo", "Toulon", "Vannes", "Lorient", "Ajaccio", "Bangalore", "Seoul", "Dubai", "Tel Aviv", "Atlanta", "Denver", "Portland", "Dallas", "Houston", "Miami", "Washington", "Philadelphia", "Santa Clara", "San Jose", "Anaheim", "Sydney", "Singapore", "Tokyo", "Austin", "Boston"} {
		k := fold(c)
		t.keys[k] = cityName(c)
		t.maxWords = max(t.maxWords, len(strings.Fields(k)))
	}
	return t
})

// cityAtStart returns the city that folded text starts with (after
// spaces), and the rest of the text.
func cityAtStart(folded string) (city, rest string) {
	ct := cities()
	// Only the first words: folded is all the rest of the text.
	words := firstFields(folded, ct.maxWords)
	for n := min(ct.maxWords, len(words)); n >= 1; n-- {
		cand := strings.Trim(strings.Join(words[:n], " "), ",.;:!?()")
		if c, ok := ct.keys[cand]; ok {
			i := strings.Index(folded, words[n-1]) + len(words[n-1])
			return c, folded[i:]
		}
	}
	return "", folded
}

// firstFields returns the first k words strings.Fields(s) would return.
func firstFields(s string, k int) []string {
	var out []string
	start := -1
	for i, r := range s {
		switch {
		case !unicode.IsSpace(r):
			if start < 0 {
				start = i
			}
		case start >= 0:
			out = append(out, s[start:i])
			start = -1
			if len(out) == k {
				return out
			}
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// firstCity returns the first city named in folded text and its position.
// Words are split once; each is tried with up to cityTable.maxWords
// following words ("salt lake city").
func firstCity(folded string) (string, int) {
	ct := cities()
	type span struct{ start, end int }
	var words []span
	for i := 0; i < len(folded); {
		for i < len(folded) && !isWordByte(folded[i]) {
			i++
		}
		j := i
		for j < len(folded) && isWordByte(folded[j]) {
			j++
		}
		if j > i {
			words = append(words, span{i, j})
		}
		i = j
	}
	for w := range words {
		for n := min(ct.maxWords, len(words)-w); n >= 1; n-- {
			cand := folded[words[w].start:words[w+n-1].end]
			if n > 1 {
				parts := make([]string, n)
				for k := 0; k < n; k++ {
					parts[k] = folded[words[w+k].start:words[w+k].end]
				}
				cand = strings.Join(parts, " ")
			}
			if c, ok := ct.keys[strings.Trim(cand, "-")]; ok {
				return c, words[w].start
			}
		}
	}
	return "", -1
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b >= 0x80
}

// cityName gives the English or usual spelling for a city written in French.
func cityName(c string) string {
	switch c {
	case "Londres":
		return "London"
	case "Barcelone":
		return "Barcelona"
	case "Bruxelles":
		return "Brussels"
	case "Genève":
		return "Geneva"
	case "Copenhague":
		return "Copenhagen"
	case "Vienne":
		return "Vienna"
	case "Varsovie":
		return "Warsaw"
	case "Lisbonne":
		return "Lisbon"
	case "Anvers":
		return "Antwerp"
	case "Montreal":
		return "Montréal"
	}
	return c
}

// venues name their city without writing it.
var venues = []struct {
	pattern *lazyRegexp
	city    string
}{
	{lazyRE(`\bpalais\s+(?:des\s+congres\s+de\s+la\s+porte\s+maillot|brongniart|brogniart)\b`), "Paris"},
	{lazyRE(`\b(?:porte\s+maillot|station\s+f|carrousel\s+du\s+louvre|cite\s+des\s+sciences|paris\s+expo|porte\s+de\s+versailles|parc\s+floral|beffroi\s+de\s+montrouge|la\s+villette|maison\s+de\s+la\s+mutualite|pullman\s+montparnasse|espace\s+charenton)\b`).
		Needing("maillot", "station", "louvre", "sciences", "expo", "versailles", "floral", "montrouge", "villette", "mutualite", "montparnasse", "charenton"), "Paris"},
	{lazyRE(`\bexcel(?:\s+london)?\b`), "London"},
	{lazyRE(`\b(?:the\s+)?(?:venetian|mandalay\s+bay|mirage|aria|caesars\s+palace|wynn|mgm\s+grand|bellagio)\b`).
		Needing("venetian", "mandalay", "mirage", "aria", "caesars", "wynn", "mgm", "bellagio"), "Las Vegas"},
	{lazyRE(`\bmoscone\b`), "San Francisco"},
	{lazyRE(`\bjavits\b`), "New York"},
	{lazyRE(`\bfira\s+(?:gran\s+via|barcelona)\b`), "Barcelona"},
	{lazyRE(`\brai\s+amsterdam\b`), "Amsterdam"},
	{lazyRE(`\bcite\s+internationale\b|\bcentre\s+de\s+congres\s+de\s+lyon\b`).Needing("internationale", "lyon"), "Lyon"},
	{lazyRE(`\bhangar\s+14\b`), "Bordeaux"},
	{lazyRE(`\bcite\s+des\s+congres\s+de\s+nantes\b|\bla\s+cite\s+nantes\b`).Needing("nantes"), "Nantes"},
	{lazyRE(`\blille\s+grand\s+palais\b`), "Lille"},
	{lazyRE(`\bpalais\s+des\s+congres\s+d'?ajaccio\b`), "Ajaccio"},
}

// eventFinder gathers evidence of the event a post is about.
type eventFinder struct {
	doc core.Document
}

// metaText joins the front matter's string values under keys, one a line.
func (f eventFinder) metaText(keys ...string) string {
	var b strings.Builder
	for _, k := range keys {
		if v, ok := f.doc.Meta[k].(string); ok {
			b.WriteString(v)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// strongText is where a post names its own event: title, front matter
// description and tags, file name.
func (f eventFinder) strongText() []string {
	var out []string
	if f.doc.Title != "" {
		out = append(out, f.doc.Title)
	}
	for _, k := range []string{"title", "description", "excerpt", "summary", "subtitle", "event", "conference"} {
		if v, ok := f.doc.Meta[k].(string); ok {
			out = append(out, v)
		}
	}
	base := f.doc.Path
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	out = append(out, strings.NewReplacer("-", " ", "_", " ").Replace(base))
	return out
}

// bodyText is the first part of the document: the preamble and the first
// sections, where a write-up says where and when it took place.
func (f eventFinder) bodyText(limit int) string {
	var b strings.Builder
	b.Grow(limit + 128)
	for _, s := range f.doc.Sections {
		if s.Title != "" {
			b.WriteString(s.Title)
			b.WriteString("\n")
		}
		for _, bl := range s.Blocks {
			if bl.Kind == core.BlockCode {
				continue
			}
			t := bl.Text()
			room := limit + 1 - b.Len()
			if room <= 0 {
				return b.String()
			}
			if len(t) > room {
				// One huge block (a 5 MB single line) must not reach the
				// event regexps whole.
				t = strings.ToValidUTF8(t[:room], "")
			}
			b.WriteString(t)
			b.WriteString("\n")
			if b.Len() > limit {
				return b.String()
			}
		}
	}
	return b.String()
}

// mention is an event series found in text, with the year and city written
// right after it ("AWS Summit Paris 2022").
type mention struct {
	series string
	city   string
	year   int
	region string // "Europe", "France": part of the name, not a city
}

var reRegionAfter = lazyRE(`^\s*(europe|north america|amerique du nord|eu|na|emea|apac|asia|asie|latam|france|belgique|belgium|suisse|switzerland|uk|india|japan|china|africa|afrique|nordics|benelux|dach|iberia|italia|italy|germany|deutschland|spain|espana)\b`)

var regionNames = map[string]string{"europe": "Europe", "north america": "North America", "amerique du nord": "North America",
	"eu": "EU", "na": "NA", "emea": "EMEA", "apac": "APAC", "asia": "Asia", "asie": "Asia", "latam": "LATAM", "france": "France",
	"belgique": "Belgium", "belgium": "Belgium", "suisse": "Switzerland", "switzerland": "Switzerland", "uk": "UK", "india": "India",
	"japan": "Japan", "china": "China", "africa": "Africa", "afrique": "Africa", "nordics": "Nordics", "benelux": "Benelux",
	"dach": "DACH", "iberia": "Iberia", "italia": "Italy", "italy": "Italy", "germany": "Germany", "deutschland": "Germany",
	"spain": "Spain", "espana": "Spain"}

// reQualifierYear is one or two words, then a year: the words of an event's
// name between its series and its year.
var reQualifierYear = lazyRE(`^ +([a-z][a-z-]{2,}(?: +[a-z][a-z-]{2,})?) +((?:19|20)\d\d)\b`)

// writtenAs finds folded words in s as they are written there, and returns
// them when each starts with a capital letter ("Garonne" for "garonne").
func writtenAs(s, folded string) string {
	words := strings.Fields(folded)
	out := make([]string, 0, len(words))
	for _, w := range words {
		found := ""
		for _, sw := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
			if r, _ := utf8.DecodeRuneInString(sw); unicode.IsUpper(r) && fold(sw) == w {
				found = sw
				break
			}
		}
		if found == "" || notNameWords()[w] || isMonth(w) {
			return ""
		}
		out = append(out, found)
	}
	return strings.Join(out, " ")
}

var reYearAfter = lazyRE(`^\s*[,-]?\s*((?:19|20)\d\d|['’]\d\d)\b`)

// findMentions finds event series in s (folded internally).
func findMentions(s string) []mention {
	folded := fold(s)
	var out []mention
	hints, scans := seriesHints(), seriesScans()
	for i, se := range series {
		if !strings.Contains(folded, hints[i]) {
			continue
		}
		for _, loc := range scans[i].findAll(se.pattern, folded, -1) {
			m := mention{series: se.name}
			after := folded[loc[1]:]
			if r := reRegionAfter.FindStringSubmatch(after); r != nil && !strings.Contains(fold(se.name), r[1]) {
				m.region = regionNames[r[1]]
				after = after[len(r[0]):]
			}
			// A city then a year, or a year, right after the name.
			if c, rest := cityAtStart(after); c != "" {
				m.city, after = c, rest
			} else if q := reQualifierYear.FindStringSubmatch(after); q != nil && m.region == "" {
				// "DevFest Garonne 2024": a name the table does not
				// know, kept as the post writes it when it is written
				// with capitals.
				if w := writtenAs(s, q[1]); w != "" && strings.Contains(s, w+" "+q[2]) {
					m.region = w
					after = after[len(q[0])-len(q[2]):]
				}
			}
			if y := reYearAfter.FindStringSubmatch(after); y != nil {
				n, _ := strconv.Atoi(strings.TrimLeft(y[1], "'’"))
				if n < 100 {
					n += 2000
				}
				m.year = n
			}
			// "2019 AWS Summit": a year right before.
			if m.year == 0 {
				before := strings.TrimSpace(folded[:loc[0]])
				if len(before) >= 4 {
					if n, err := strconv.Atoi(before[len(before)-4:]); err == nil && n > 1980 && n < 2100 {
						m.year = n
					}
				}
			}
			if m.city == "" && se.city != "" {
				m.city = se.city
			}
			out = append(out, m)
		}
		if len(out) > 0 && (se.name == "Devoxx France" || se.name == "KubeCon + CloudNativeCon") {
			// The longer name found, the shorter one would match the
			// same words again.
			break
		}
	}
	if len(out) == 0 {
		for _, g := range genericEvents(s) {
			name := g[1]
			if notNameWords()[fold(strings.Fields(name)[0])] && len(strings.Fields(name)) == 1 {
				continue
			}
			m := mention{series: name}
			rest := s[strings.Index(s, name)+len(name):]
			restF := fold(rest)
			if c, rest := cityAtStart(restF); c != "" {
				m.city, restF = c, rest
			}
			if y := reYearAfter.FindStringSubmatch(restF); y != nil {
				n, _ := strconv.Atoi(strings.TrimLeft(y[1], "'’"))
				if n >= 1980 {
					m.year = n
				}
			}
			if m.year != 0 {
				out = append(out, m)
			}
		}
	}
	return out
}

// findEvent decides the event of the post. strongOnly reports whether it
// was named in the title, front matter or file name (rather than only in
// the body, where a passing mention is common).
func (f eventFinder) findEvent() (ev *core.Event, strong bool, explain []string) {
	var best *mention
	pick := func(ms []mention) {
		for i := range ms {
			m := ms[i]
			if best == nil {
				best = &m
				continue
			}
			if best.series == m.series {
				if best.year == 0 {
					best.year = m.year
				}
				if best.region == "" {
					best.region = m.region
				}
				if best.city == "" {
					best.city = m.city
				}
			}
		}
	}
	for _, t := range f.strongText() {
		pick(findMentions(t))
	}
	strong = best != nil
	// A post names the event it is about in its opening; one named further
	// down is a passing mention ("comme présenté à Devoxx France 2019").
	opening := f.bodyText(800)
	if len(opening) > 800 {
		opening = opening[:800]
	}
	if best == nil {
		// An event we do not know by name, in the post's own title:
		// "Soleil Tech 2022 : nos notes". Weak: only kept with talks.
		for _, t := range f.titleTexts() {
			if m, ok := titleEvent(t); ok {
				best = &m
				strong = true
				break
			}
		}
	}
	body := f.bodyText(4000)
	bodyMentions := findMentions(opening)
	if best == nil && len(bodyMentions) == 0 {
		if m, ok := f.recurringTitleName(body); ok {
			best = &m
		}
	}
	if best == nil && len(bodyMentions) == 0 {
		// "j'étais au DevOps REX 2023", "I went to RiverConf 2023": where
		// the author went, with its year, in the opening.
		if m := reWentTo.FindStringSubmatch(opening); m != nil && !isMonth(strings.Fields(m[1])[0]) && cities().keys[fold(m[1])] == "" {
			year, _ := strconv.Atoi(m[2])
			em := mention{series: m[1], year: year}
			words := strings.Fields(m[1])
			if c, ok := cities().keys[fold(words[len(words)-1])]; ok && len(words) > 1 {
				em.series, em.city = strings.Join(words[:len(words)-1], " "), c
			}
			best = &em
		}
	}
	if best == nil {
		// The series named most often in the opening of the body.
		counts := map[string]int{}
		for _, m := range bodyMentions {
			counts[m.series]++
		}
		top := ""
		for _, m := range bodyMentions {
			if counts[m.series] > counts[top] {
				top = m.series
			}
		}
		var ms []mention
		for _, m := range bodyMentions {
			if m.series == top {
				ms = append(ms, m)
			}
		}
		pick(ms)
	} else {
		var ms []mention
		for _, m := range bodyMentions {
			if m.series == best.series {
				ms = append(ms, m)
			}
		}
		pick(ms)
	}
	if best == nil {
		return nil, false, nil
	}
	e := core.Event{Series: best.series, City: best.city, Year: best.year}
	if e.City == "" {
		e.City = f.findCity(f.metaText("location", "city", "place", "venue", "description", "excerpt", "summary") + body)
	}
	d, ok := f.findDate(body, e.Year)
	if !ok {
		d, ok = f.relativeDate(body)
	}
	if ok {
		if e.Year == 0 {
			e.Year = d.Year
		}
		e.Date = d.iso(e.Year)
	}
	if e.Year == 0 {
		e.Year = f.fallbackYear()
	}
	e.Name = eventName(e, best)
	explain = append(explain, "event: "+e.Name+" (series "+e.Series+")")
	return &e, strong, explain
}

func eventName(e core.Event, m *mention) string {
	parts := []string{e.Series}
	if m.region != "" {
		parts = append(parts, m.region)
	}
	if m.city != "" && m.city == e.City {
		for _, se := range series {
			if se.name == e.Series && se.city == e.City {
				goto skipCity
			}
		}
		parts = append(parts, e.City)
	}
skipCity:
	if e.Year != 0 {
		parts = append(parts, strconv.Itoa(e.Year))
	}
	return strings.Join(parts, " ")
}

// findCity looks for a city or a venue in the opening of the body.
func (f eventFinder) findCity(body string) string {
	folded := fold(body)
	best, bestPos := "", len(folded)+1
	hints, scans := venueHints(), venueScans()
	for i, v := range venues {
		if !strings.Contains(folded, hints[i]) {
			continue
		}
		if l := scans[i].findAll(v.pattern, folded, 1); l != nil && l[0][0] < bestPos {
			best, bestPos = v.city, l[0][0]
		}
	}
	if c, pos := firstCity(fold(lowerWordsMasked(body))); c != "" && pos < bestPos {
		best, bestPos = c, pos
	}
	if best == "" {
		// A city no table knows, written after the event: "the
		// conference in Halifax, Nova Scotia", "I went to FooConf in Oslo".
		if m := reEventIn.FindStringSubmatch(body); m != nil && !notNameWords()[fold(m[1])] && !isMonth(m[1]) {
			best = m[1]
		}
	}
	return best
}

// reEventIn reads the place after a conference word: "the conference in
// Halifax", "KubeCon in Valencia", "la conférence à Bratislava".
var reEventIn = lazyRE(`(?:(?i:conf[ée]rence|conference|summit|\bconf|con|camp|fest|forum|days?)|\b(?:19|20)\d\d)\s+(?:in|at|à)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)(?:[,.;:!?)]|\s+(?:on|in|from|du|le|les|this|last|during|and|et|,)|\s*$)`)

// isMonth reports whether w names a month (the months table of findDates).
func isMonth(w string) bool {
	_, ok := months[monthKey(w)]
	return ok
}

// lowerWordsMasked blanks out (with '_', as long as the word folds to) the
// words of s that start with a lower-case letter, so that a city is only
// found where it is written as a name: "really nice talks" names no city.
func lowerWordsMasked(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r2) && r2 != '-' {
				break
			}
			j += n2
		}
		if unicode.IsLower(r) {
			b.WriteString(strings.Repeat("_", len(fold(s[i:j]))))
		} else {
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}

// reWentTo is the event an author says they went to, with its year.
var reWentTo = lazyRE(`(?:\b(?:au|aux|à\s+la|à\s+l['’]|at(?:\s+the)?|to(?:\s+the)?|attended(?:\s+the)?|attending(?:\s+the)?)\s+)((?:\p{Lu}[\p{L}\d'’&.+/-]*\s+(?:(?:du|de|des|of|the|on)\s+)?){0,4}\p{Lu}[\p{L}\d'’&.+/-]*)\s+((?:19|20)\d\d)\b`)

// rePublished is a line that dates the post itself.
var rePublished = lazyRE(`(?i)^\W*(?:published|posted|updated|last\s+(?:updated|modified)|publi[ée]e?|mis\s+[àa]\s+jour|[ée]crit|written)\b|^\s*(?:date|published|updated|lastmod)\s*[:=]`)

var reConfContext = lazyRE(`(?i)conf[ée]rence|conference|summit|forum|festival|meetup|keynote|talk|session|salon|[ée]v[èée]nement|event|journ[ée]e|day|s['’]est d[ée]roul|a eu lieu|took place|happened|was held|s['’]est tenue?|se tenait|workshop|atelier|invent|con\b|camp\b`)

// findDate picks the first day of the event: the first date written in a
// sentence that speaks of the conference, else the first full date of the
// opening, else none. Publication dates (front matter) are not used.
func (f eventFinder) findDate(body string, year int) (date, bool) {
	var fallback *date
	for _, para := range strings.Split(body, "\n") {
		// Every date form has a digit: most lines have none.
		if !strings.ContainsAny(para, "0123456789") {
			continue
		}
		if rePublished.MatchString(para) {
			// "Published June 2, 2017", "date = 2025-11-16": when the
			// post was written, not when the event took place.
			continue
		}
		for _, sentence := range splitSentences(para) {
			if !strings.ContainsAny(sentence, "0123456789") {
				continue
			}
			sds := findDates(sentence)
			if len(sds) == 0 {
				continue
			}
			d := sds[0]
			if d.Year == 0 && year == 0 {
				continue
			}
			if year != 0 && d.Year != 0 && d.Year != year {
				continue
			}
			if reConfContext.MatchString(sentence) {
				return d, true
			}
			if fallback == nil && (d.Year != 0 || len(strings.Fields(sentence)) <= 4) {
				dd := d
				fallback = &dd
			}
		}
	}
	if fallback != nil {
		return *fallback, true
	}
	return date{}, false
}

func (f eventFinder) fallbackYear() int {
	for _, k := range []string{"date", "published", "created"} {
		if v, ok := f.doc.Meta[k]; ok {
			if m := reYear.FindString(toString(v)); m != "" {
				n, _ := strconv.Atoi(m)
				return n
			}
		}
	}
	if d, ok := fileNameDate(f.doc.Path); ok {
		return d.Year
	}
	return 0
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	default:
		return strings.TrimSpace(strings.Trim(strings.ReplaceAll(fmtAny(x), "\n", " "), "[]"))
	}
}

// splitSentences cuts a paragraph into sentences (roughly: on . ! ?).
// A sentence ends with what the pattern [.!?]\s+ matches, scanned by
// hand: it runs on every paragraph.
func splitSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		if c := p[i]; c != '.' && c != '!' && c != '?' {
			continue
		}
		// A closing quote may follow the stop, as English puts it:
		// 'the session titled "Title." The speaker is…'.
		dot := i
		if i+1 < len(p) && p[i+1] == '"' {
			i++
		} else if strings.HasPrefix(p[i+1:], "”") {
			i += len("”")
		}
		if i+1 == len(p) || !isSpaceRE(p[i+1]) {
			i = dot
			continue
		}
		end := i + 2
		for end < len(p) && isSpaceRE(p[end]) {
			end++
		}
		i = end - 1
		// "H. Oshita", "St. Louis": one capital letter before the dot.
		if dot >= 1 && dot-start >= 1 {
			prev := p[max(start, dot-2):dot]
			if len(prev) == 2 && prev[0] == ' ' && prev[1] >= 'A' && prev[1] <= 'Z' {
				continue
			}
		}
		out = append(out, p[start:end])
		start = end
	}
	if start < len(p) {
		out = append(out, p[start:])
	}
	return out
}

// titleTexts are the post's own titles.
func (f eventFinder) titleTexts() []string {
	var out []string
	if f.doc.Title != "" {
		out = append(out, f.doc.Title)
	}
	if v, ok := f.doc.Meta["title"].(string); ok {
		out = append(out, v)
	}
	return out
}

var (
	reTitleEvent   = lazyRE(`((?:\p{Lu}[\p{L}\d/+&.'’-]*\s+(?:(?:du|de|des|of|the|on|la|le)\s+)?){0,4}\p{Lu}[\p{L}\d/+&.'’-]*)\s+((?:19|20)\d\d)\b`)
	titleStopWords = map[string]bool{"retour": true, "notes": true, "compte": true, "rendu": true, "bilan": true, "notre": true,
		"nos": true, "mon": true, "ma": true, "mes": true, "recap": true, "sur": true, "au": true, "a": true, "the": true, "our": true,
		"my": true, "report": true, "highlights": true, "live": true, "from": true, "at": true, "bienvenue": true, "welcome": true}
)

// brandWords are words of notNameWords that start event names ("Google
// I/O", "AWS Summit").
var brandWords = map[string]bool{"aws": true, "amazon": true, "google": true, "microsoft": true, "azure": true,
	"gcp": true, "cloud": true, "summit": true, "devoxx": true, "kubecon": true}

// titleEvent reads "Garonne I/O 2023, la conférence…" as an event named
// in a title: capitalised words right before a year.
func titleEvent(t string) (mention, bool) {
	// "Community Over Code (North America) 2023": the region in
	// parentheses is part of the name.
	t = reParenWords.ReplaceAllString(t, "$1")
	m := reTitleEvent.FindStringSubmatch(t)
	if m == nil {
		return mention{}, false
	}
	words := strings.Fields(m[1])
	for len(words) > 0 && (titleStopWords[fold(words[0])] || nameParticles[fold(words[0])] || notNameWords()[fold(words[0])] && !brandWords[fold(words[0])]) {
		words = words[1:]
	}
	if len(words) == 0 {
		return mention{}, false
	}
	year, _ := strconv.Atoi(m[2])
	out := mention{year: year}
	// A city at the end is the city, not the name.
	last := fold(words[len(words)-1])
	if c, ok := cities().keys[last]; ok && len(words) > 1 {
		out.city = c
		words = words[:len(words)-1]
	}
	// So is a region ("Europe", "North America").
	for k := 2; k >= 1; k-- {
		if len(words) > k {
			if r, ok := regionNames[fold(strings.Join(words[len(words)-k:], " "))]; ok {
				out.region = r
				words = words[:len(words)-k]
				break
			}
		}
	}
	out.series = strings.Join(words, " ")
	return out, true
}

var reParenWords = lazyRE(`\(\s*(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,2})\s*\)`).Needing("(")

// recurringTitleName reads "Digesting Strange Loop" as the event Strange
// Loop when the post's body names it again twice or more: capitalised
// words of the title, two at least, the longest run the body repeats.
func (f eventFinder) recurringTitleName(body string) (mention, bool) {
	for _, t := range f.titleTexts() {
		words := strings.Fields(t)
		best := ""
		for i := range words {
			for j := i + 2; j <= len(words) && j <= i+4; j++ {
				run := words[i:j]
				ok := true
				for _, w := range run {
					if !isNameToken(strings.Trim(w, ",:;!?.")) || titleStopWords[fold(w)] {
						ok = false
						break
					}
				}
				if !ok {
					break
				}
				name := strings.Trim(strings.Join(run, " "), ",:;!?.")
				person := isFirstName(run[0]) && looksLikeName(name)
				if len(name) > len(best) && !person && strings.Count(body, name) >= 2 {
					best = name
				}
			}
		}
		if best != "" {
			return mention{series: best}, true
		}
	}
	return mention{}, false
}

var reRelativeDay = lazyRE(`(?i)\baujourd['’]hui\b|\bce\s+(?:matin|jour|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b|\btoday\b|\bthis\s+(?:morning|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`).
	Needing("aujourd", "today", "matin", "jour", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
		"morning", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// relativeDate reads "Ce vendredi se tenait…" / "today" against the
// publication date, when a post was written on the day of the event.
func (f eventFinder) relativeDate(body string) (date, bool) {
	pub, ok := f.publicationDate()
	if !ok {
		return date{}, false
	}
	for _, line := range strings.Split(body, "\n") {
		for _, sentence := range splitSentences(line) {
			if !reConfContext.MatchString(sentence) {
				continue
			}
			if reRelativeDay.MatchString(sentence) {
				return pub, true
			}
			if m := reDayBefore.FindStringSubmatch(sentence); m != nil {
				return daysBefore(pub, m), true
			}
		}
	}
	return date{}, false
}

// reDayBefore reads a day before the post's: "yesterday", "hier", "last
// Friday", "vendredi dernier".
var reDayBefore = lazyRE(`(?i)\b(yesterday|hier)\b|\blast\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+dernier\b`).
	Needing("yesterday", "hier", "last", "dernier")

var weekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"dimanche": time.Sunday, "lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday,
	"jeudi": time.Thursday, "vendredi": time.Friday, "samedi": time.Saturday}

// daysBefore is the day a reDayBefore match names, counted back from pub:
// the day before, or the last such weekday strictly before it.
func daysBefore(pub date, m []string) date {
	t := time.Date(pub.Year, time.Month(pub.Month), pub.Day, 12, 0, 0, 0, time.UTC)
	if m[1] != "" {
		t = t.AddDate(0, 0, -1)
	} else {
		want := weekdays[strings.ToLower(m[2]+m[3])]
		t = t.AddDate(0, 0, -1)
		for t.Weekday() != want {
			t = t.AddDate(0, 0, -1)
		}
	}
	return date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

func (f eventFinder) publicationDate() (date, bool) {
	for _, k := range []string{"date", "published", "created"} {
		if v, ok := f.doc.Meta[k]; ok {
			if ds := findDates(toString(v)); len(ds) > 0 && ds[0].Year != 0 {
				return ds[0], true
			}
		}
	}
	return fileNameDate(f.doc.Path)
}
