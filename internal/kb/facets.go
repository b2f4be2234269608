package kb

import (
	"sort"
	"strconv"

	"github.com/notes-kb/notes/internal/core"
)

// FacetNames are the facets a search can count its hits by, in the order
// they are shown.
var FacetNames = []string{"speaker", "event", "year", "service", "company"}

// Facets counts, for each facet named, how many hits have each value,
// most frequent first (then by value), top values at most. Post hits have
// an event, a year and services, no speaker nor company.
func Facets(hits []core.Hit, names []string, top int) []core.Facet {
	out := make([]core.Facet, 0, len(names))
	for _, name := range names {
		counts := map[string]int{}
		for _, h := range hits {
			seen := map[string]bool{}
			for _, v := range facetValues(h, name) {
				if v != "" && !seen[v] {
					seen[v] = true
					counts[v]++
				}
			}
		}
		values := make([]core.FacetValue, 0, len(counts))
		for v, n := range counts {
			values = append(values, core.FacetValue{Value: v, Count: n})
		}
		sort.Slice(values, func(i, j int) bool {
			if values[i].Count != values[j].Count {
				return values[i].Count > values[j].Count
			}
			return values[i].Value < values[j].Value
		})
		if top > 0 && len(values) > top {
			values = values[:top]
		}
		out = append(out, core.Facet{Name: name, Values: values})
	}
	return out
}

// facetValues are the values of one facet for one hit.
func facetValues(h core.Hit, name string) []string {
	var ev *core.Event
	var services []string
	if h.Type == core.HitPost && h.Post != nil {
		ev, services = h.Post.Event, h.Post.Services
	} else {
		ev, services = h.Talk.Event, h.Talk.Services
	}
	switch name {
	case "speaker":
		if h.Type == core.HitPost {
			return nil
		}
		var out []string
		for _, sp := range h.Talk.Speakers {
			out = append(out, sp.Name)
		}
		return out
	case "company":
		if h.Type == core.HitPost {
			return nil
		}
		out := append([]string{}, h.Talk.Companies...)
		for _, sp := range h.Talk.Speakers {
			out = append(out, sp.Company)
		}
		return out
	case "event":
		if ev != nil {
			return []string{ev.Name}
		}
	case "year":
		if ev != nil && ev.Year != 0 {
			return []string{strconv.Itoa(ev.Year)}
		}
	case "service":
		return services
	}
	return nil
}
