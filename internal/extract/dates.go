package extract

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// months maps French and English month names and abbreviations (folded) to
// their number.
var months = map[string]int{
	"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
	"juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "fev": 2, "mar": 3, "apr": 4, "avr": 4, "jun": 6, "jul": 7, "juil": 7,
	"aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

const monthAlt = `janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|` +
	`january|february|march|april|may|june|july|august|september|october|november|december|` +
	`jan|feb|f[ée]v|mar|apr|avr|jun|jul|juil|aug|sept?|oct|nov|d[ée]c`

// weekdayAlt is a day's name and a blank: "jeudi 13 et vendredi 14 octobre".
const weekdayAlt = `(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+`

var (
	// "12 avril 2022", "1er juillet", "27 novembre", "10th July 2023",
	// "les 14 et 15 février 2017", "du 30 juin au 1er juillet 2022".
	reDayMonth = lazyRE(`(?i)\b(\d{1,2})(?:er|re|st|nd|rd|th)?(?:\s*,\s*(?:` + weekdayAlt + `)?\d{1,2}(?:er|re|st|nd|rd|th)?){0,5}(?:\s*(?:et|and|&|au|to|-|–)\s*(?:` + weekdayAlt + `)?\s*\d{1,2}(?:er|re|st|nd|rd|th)?)?\s+(` + monthAlt + `)\.?(?:\s*,?\s*((?:19|20)\d\d))?\b`)
	// "July 10, 2023", "July 10th-12th 2023", "November 27th".
	reMonthDay = lazyRE(`(?i)\b(` + monthAlt + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:\s*(?:-|–|to|and)\s*\d{1,2}(?:st|nd|rd|th)?)?(?:\s*,?\s*((?:19|20)\d\d))?`)
	// "28/11/2019", "06/12/23", "28.11.2019", "28-11-2019".
	reNumeric = lazyRE(`\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)?\d\d)\b`)
	// "2022-04-12".
	reISO = lazyRE(`\b((?:19|20)\d\d)-(\d\d)-(\d\d)(?:\b|T\d)`)
	// "du 30 juin au 1er juillet 2022", "from 10th to 12th July 2023": the
	// first day comes with the first month when two are given.
	reRange   = lazyRE(`(?i)\b(?:du|from|between)\s+(?:` + weekdayAlt + `)?\s*(\d{1,2})(?:er|re|st|nd|rd|th)?\s+(` + monthAlt + `)\s+(?:au|to|and|-|–)\s+(?:` + weekdayAlt + `)?\s*\d{1,2}(?:er|re|st|nd|rd|th)?\s+(?:` + monthAlt + `)\.?\s*,?\s*((?:19|20)\d\d)?`)
	reYear    = lazyRE(`\b(19[89]\d|20\d\d)\b`)
	reFileDay = lazyRE(`((?:19|20)\d\d)-(\d\d)-(\d\d)`)
)

// A date found in text. Year is 0 when the text gave none.
type date struct {
	Year, Month, Day int
	Pos              int // byte offset in the text it was found in
}

func (d date) iso(year int) string {
	if d.Year != 0 {
		year = d.Year
	}
	if year == 0 || !validDay(year, d.Month, d.Day) {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, d.Month, d.Day)
}

// validDay reports whether the day exists ("31 février" does not); with no
// year, a leap year is assumed so that "29 février" is kept.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	if y == 0 {
		y = 2000
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

// findDates returns the dates written in s, in text order. Numeric dates are
// read day first (French usage), except ISO dates.
func findDates(s string) []date {
	var out []date
	taken := func(pos int) bool {
		for _, d := range out {
			if d.Pos == pos {
				return true
			}
		}
		return false
	}
	add := func(d date) {
		if validDay(d.Year, d.Month, d.Day) && !taken(d.Pos) {
			out = append(out, d)
		}
	}
	matches := dateMatches(s) // of reRange, reDayMonth, reMonthDay, reISO, reNumeric
	for _, m := range matches[0] {
		day, _ := strconv.Atoi(s[m[2]:m[3]])
		mon := months[monthKey(s[m[4]:m[5]])]
		y := 0
		if m[6] >= 0 {
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		add(date{y, mon, day, m[0]})
	}
	covered := func(pos int) bool {
		for _, d := range out {
			if pos >= d.Pos && pos < d.Pos+40 {
				return true
			}
		}
		return false
	}
	for _, m := range matches[1] {
		if covered(m[0]) {
			continue
		}
		day, _ := strconv.Atoi(s[m[2]:m[3]])
		key := monthKey(s[m[4]:m[5]])
		// "mar" and "may"/"mai" abbreviations are common words: require a
		// full month name unless a year follows.
		if len(key) <= 4 && m[6] < 0 && key != "mai" && key != "juin" && key != "may" && key != "june" && key != "july" && key != "mars" && key != "aout" {
			continue
		}
		y := 0
		if m[6] >= 0 {
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		add(date{y, months[key], day, m[0]})
	}
	for _, m := range matches[2] {
		if covered(m[0]) {
			continue
		}
		key := monthKey(s[m[2]:m[3]])
		if len(key) <= 4 && m[6] < 0 && key != "june" && key != "july" && !(key == "may" && s[m[2]] == 'M') {
			continue // "you may 2 …" is no date; "May 6 through 7" is
		}
		// French writes the day first: "avril 2022" is not the 20th of April.
		if _, fr := frenchMonths[key]; fr {
			continue
		}
		day, _ := strconv.Atoi(s[m[4]:m[5]])
		y := 0
		if m[6] >= 0 {
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		add(date{y, months[key], day, m[0]})
	}
	for _, m := range matches[3] {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		add(date{y, mo, d, m[0]})
	}
	for _, m := range matches[4] {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if y < 100 {
			y += 2000
		}
		add(date{y, mo, d, m[0]})
	}
	sortDates(out)
	return out
}

// datePatterns are the patterns dateMatches runs, in this order.
var datePatterns = []*lazyRegexp{reRange, reDayMonth, reMonthDay, reISO, reNumeric}

// dateAnchored are datePatterns anchored, for findAllWhere.
var dateAnchored = sync.OnceValue(func() []*lazyRegexp {
	out := make([]*lazyRegexp, len(datePatterns))
	for i, re := range datePatterns {
		out[i] = re.Anchored()
	}
	return out
})

// monthStarts are the first two letters of the names of monthAlt, as
// lowerASCII writes them.
var monthStarts = []string{"ja", "fe", "fé", "fÉ", "ma", "av", "ju", "ao", "se", "oc", "no", "de", "dé", "dÉ", "ap", "au"}

// dateMatches returns FindAllStringSubmatchIndex(s, -1) of each of
// datePatterns. They all start with \b and a number, a month name, or
// "du", "from", "between": each is tried, anchored, only there rather than
// at every byte of every sentence with a digit. Tests of letters are exact
// only when s has no rune folding to ASCII; else those patterns run as
// they are.
func dateMatches(s string) [][][]int {
	low, exact := lowerASCII(s), !foldsToASCII(s)
	type start struct {
		letters bool // test reads letters
		test    func(i int) bool
	}
	number := start{false, func(i int) bool { return '0' <= s[i] && s[i] <= '9' }}
	starts := []start{
		{true, func(i int) bool {
			return strings.IndexByte("dfb", low[i]) >= 0 && hasAnyPrefix(low[i:], []string{"du", "from", "between"})
		}},
		number,
		{true, func(i int) bool {
			return strings.IndexByte("jfmasond", low[i]) >= 0 && hasAnyPrefix(low[i:], monthStarts)
		}},
		number,
		number,
	}
	anchored := dateAnchored()
	out := make([][][]int, len(datePatterns))
	for k, re := range datePatterns {
		st := starts[k]
		if st.letters && !exact {
			out[k] = re.FindAllStringSubmatchIndex(s, -1)
			continue
		}
		out[k] = findAllWhere(anchored[k], s, func(s string, i int) bool { return st.test(i) && atBoundary(s, i) })
	}
	return out
}

var frenchMonths = map[string]bool{
	"janvier": true, "fevrier": true, "mars": true, "avril": true, "mai": true, "juin": true,
	"juillet": true, "aout": true, "septembre": true, "octobre": true, "novembre": true, "decembre": true,
	"fev": true, "avr": true, "juil": true,
}

func monthKey(s string) string {
	return strings.TrimSuffix(fold(s), ".")
}

func sortDates(ds []date) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].Pos < ds[j-1].Pos; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// fileNameDate reads a Jekyll-style "2022-04-20-title.md" file name.
func fileNameDate(path string) (date, bool) {
	base := path
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	m := reFileDay.FindStringSubmatch(base)
	if m == nil || !strings.HasPrefix(base, m[0]) {
		return date{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if !validDay(y, mo, d) {
		return date{}, false
	}
	return date{Year: y, Month: mo, Day: d}, true
}
