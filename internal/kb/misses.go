package kb

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/notes-kb/notes/internal/catalog"
	"github.com/notes-kb/notes/internal/core"
)

// The filters a Miss is about.
const (
	MissEvent   = "event"
	MissYear    = "year"
	MissSpeaker = "speaker"
	MissCompany = "company"
	MissService = "service"
)

// A Miss is a filter value that matches nothing of its kind: an --event
// whose words no event has, a --speaker, --company or --service that no
// talk names.
type Miss struct {
	Filter string // MissEvent, MissYear, MissSpeaker, MissCompany or MissService
	Value  string // the filter's value
	// Catalogued is true for a service the catalogue knows (Value is then
	// its name) that no talk names.
	Catalogued bool
	// Nearest are the known names closest to Value, closest first: at
	// most three, none when nothing comes close.
	Nearest []string
}

// Misses returns the values of f that match nothing known, in the order
// event, year, speaker, company, service. A year matches nothing when no
// talk was given that year; its Nearest are the closest years with talks. A listing that comes back empty asks,
// to tell a typo ("lambada") from filters that each match but together
// select no talk.
func (k *KB) Misses(ctx context.Context, f core.TalkFilter) ([]Miss, error) {
	var out []Miss
	if f.Event != "" {
		evs, err := k.Events(ctx, f.Event)
		if err != nil {
			return nil, err
		}
		if len(evs) == 0 {
			all, err := k.Events(ctx, "")
			if err != nil {
				return nil, err
			}
			names := make([]string, len(all))
			for i, e := range all {
				names[i] = e.Name
			}
			out = append(out, Miss{Filter: MissEvent, Value: f.Event, Nearest: nearest(f.Event, names, nil)})
		}
	}
	if f.Year != 0 {
		n, err := k.CountTalks(ctx, core.TalkFilter{Year: f.Year})
		if err != nil {
			return nil, err
		}
		if n == 0 {
			evs, err := k.Events(ctx, "")
			if err != nil {
				return nil, err
			}
			out = append(out, Miss{Filter: MissYear, Value: strconv.Itoa(f.Year), Nearest: nearestYears(f.Year, evs)})
		}
	}
	for _, c := range []struct {
		filter string
		value  string
		only   core.TalkFilter
		list   func(*KB, context.Context, core.TalkFilter) ([]core.CountRecord, error)
		forms  func(name string) []string
	}{
		{MissSpeaker, f.Speaker, core.TalkFilter{Speaker: f.Speaker}, (*KB).Speakers, nil},
		{MissCompany, f.Company, core.TalkFilter{Company: f.Company}, (*KB).Companies, nil},
		{MissService, f.Service, core.TalkFilter{Service: f.Service}, (*KB).Services, serviceForms},
	} {
		if c.value == "" {
			continue
		}
		n, err := k.CountTalks(ctx, c.only)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			continue
		}
		recs, err := c.list(k, ctx, core.TalkFilter{})
		if err != nil {
			return nil, err
		}
		names := make([]string, len(recs))
		for i, r := range recs {
			names[i] = r.Name
		}
		m := Miss{Filter: c.filter, Value: c.value, Nearest: nearest(c.value, names, c.forms)}
		m.Catalogued = c.filter == MissService && catalog.Canonical(c.value) == c.value
		out = append(out, m)
	}
	return out, nil
}

// nearestYears are the years of events with talks closest to year: one,
// or the one before and the one after when they are as close.
func nearestYears(year int, evs []core.EventRecord) []string {
	best := -1
	var out []string
	for _, e := range evs {
		d := e.Year - year
		if e.Talks == 0 || e.Year == 0 {
			continue
		}
		d = max(d, -d)
		y := strconv.Itoa(e.Year)
		switch {
		case best < 0 || d < best:
			best, out = d, []string{y}
		case d == best && !slices.Contains(out, y):
			out = append(out, y)
		}
	}
	slices.Sort(out)
	return out
}

// serviceForms are the names a service is compared under: its own and its
// short name ("Lambda"), not the feature names among its aliases ("S3
// Object Lambda" is Amazon S3, a poor guess for "lambada").
func serviceForms(name string) []string {
	forms := []string{name}
	if s, ok := catalog.Lookup(name); ok && len(s.Aliases) > 0 {
		forms = append(forms, s.Aliases[0])
	}
	return forms
}

// How close a name must be to be offered: its score (see closeness) at
// least nearMin, and at most nearBehind below the best one's.
const (
	nearMin    = 0.7
	nearBehind = 0.05
	nearMax    = 3
)

// nearest returns the names closest to value, closest first, as the
// constants above bound them. forms, when given, are the names each name
// is compared under (its own when nil).
func nearest(value string, names []string, forms func(string) []string) []string {
	type scored struct {
		name  string
		score float64
	}
	var found []scored
	for _, n := range names {
		best := 0.0
		fs := []string{n}
		if forms != nil {
			fs = forms(n)
		}
		for _, f := range fs {
			best = max(best, closeness(value, f))
		}
		if best >= nearMin {
			found = append(found, scored{n, best})
		}
	}
	slices.SortStableFunc(found, func(a, b scored) int {
		return cmp.Compare(b.score, a.score)
	})
	var out []string
	for _, s := range found {
		if len(out) == nearMax || s.score < found[0].score-nearBehind {
			break
		}
		out = append(out, s.name)
	}
	return out
}

// closeness scores how near a typed value is to a name, from 0 to 1,
// ignoring case, accents and punctuation: the better of the two strings
// compared whole and the value's words each compared with the name's word
// most like it ("AWS Sumit 2024" is close to AWS Summit Paris 2024, whose
// other words the value need not give, as --event needs only some).
// A word is like another by edit distance, or when it begins it ("summ").
func closeness(value, name string) float64 {
	vw, nw := words(value), words(name)
	if len(vw) == 0 || len(nw) == 0 {
		return 0
	}
	sum := 0.0
	for _, v := range vw {
		best := 0.0
		for _, n := range nw {
			s := similarity(v, n)
			if utf8.RuneCountInString(v) >= 3 && strings.HasPrefix(n, v) {
				s = max(s, 0.9)
			}
			best = max(best, s)
		}
		sum += best
	}
	return max(sum/float64(len(vw)), similarity(strings.Join(vw, " "), strings.Join(nw, " ")))
}

// similarity is 1 minus the edit distance of a and b over the longer's
// length: 1 for equal strings, 0 for nothing in common.
func similarity(a, b string) float64 {
	n := max(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
	if n == 0 {
		return 0
	}
	return 1 - float64(levenshtein.ComputeDistance(a, b))/float64(n)
}

// words are the folded words of s (letters and digits).
func words(s string) []string {
	return strings.FieldsFunc(core.Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
