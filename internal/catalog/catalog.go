// Package catalog is the catalogue of AWS services and the matcher that
// finds them in the prose of conference write-ups.
//
// The catalogue lives in services.txt (embedded, parsed once on first use):
// one service per line with its canonical name as AWS writes it ("Amazon
// S3", "AWS Lambda", "Elastic Load Balancing"), a category and its aliases
// (long forms, abbreviations, spelling variants, feature names that stand
// for the service). The file's header documents the markers that say how
// far a bare alias can be trusted.
//
// Find reads text once: it splits it into words, looks each word up in a
// map of the words used by aliases, and tries the alias phrases that start
// with that word, longest first. Nothing in it is a regular expression, so
// it stays linear in the size of the text.
package catalog

import (
	"slices"
	"strings"
	"sync"

	"github.com/notes-kb/notes/internal/core"
)

// Service is one AWS service of the catalogue.
type Service struct {
	// Name is the canonical name, with its prefix as AWS writes it
	// ("Amazon S3", "AWS Lambda", "Elastic Load Balancing").
	Name string
	// Category is the AWS product category ("Storage", "Compute", …).
	Category string
	// Aliases are the other names the matcher accepts, without the
	// optional "Amazon "/"AWS " prefix: the short name first ("S3"), then
	// long forms, abbreviations, variants and feature names.
	Aliases []string
	// Ambiguous is true when the short name is a common word or another
	// company's name ("Glue", "Config", "Bedrock", "Q"): without its prefix
	// it counts only next to other services, or never.
	Ambiguous bool
}

// Mention is one place where a text names a service.
type Mention struct {
	Name  string // canonical name of the service
	Start int    // byte offset of the first byte, prefix included
	End   int    // byte offset just past the last byte
}

var (
	loadOnce sync.Once
	cat      *catalogue
)

// load parses the embedded catalogue on first use, so that commands that
// never look at services pay nothing for it.
func load() *catalogue {
	loadOnce.Do(func() {
		c, err := parseCatalogue(servicesTxt)
		if err != nil {
			// The file is embedded and covered by tests: a parse error is
			// a build defect, not a run-time condition.
			panic("catalog: " + err.Error())
		}
		cat = c
	})
	return cat
}

// All returns the catalogue, sorted by canonical name. The slice and the
// alias lists are copies: callers may modify them.
func All() []Service {
	c := load()
	out := make([]Service, len(c.services))
	for i, s := range c.services {
		s.Aliases = slices.Clone(s.Aliases)
		out[i] = s
	}
	return out
}

// Lookup finds a service by its canonical name or any alias, ignoring
// case, accents, spacing and hyphens, with or without the "Amazon "/"AWS "
// prefix: "s3", "Simple Storage Service", "aws sagemaker", "Step-Functions"
// and "glue" all resolve. Ambiguity does not matter here: a name typed by a
// user is taken at its word.
func Lookup(name string) (Service, bool) {
	c := load()
	i, ok := c.lookup(name)
	if !ok {
		return Service{}, false
	}
	s := c.services[i]
	s.Aliases = slices.Clone(s.Aliases)
	return s, true
}

// Canonical returns the canonical name for a canonical name or alias, or ""
// when name is not a service. It normalises user filters such as
// `--service s3`.
func Canonical(name string) string {
	c := load()
	if i, ok := c.lookup(name); ok {
		return c.services[i].Name
	}
	return ""
}

// Find returns every mention of a service in text, in text order, without
// overlaps. See the rules in match.go.
func Find(text string) []Mention {
	return load().find(text)
}

// Count returns how many times each service is mentioned in text, aliases
// folded into the canonical name, ordered by first mention.
func Count(text string) []core.ServiceCount {
	ms := Find(text)
	if len(ms) == 0 {
		return nil
	}
	out := make([]core.ServiceCount, 0, 8)
	for _, m := range ms {
		found := false
		for i := range out {
			if out[i].Name == m.Name {
				out[i].Mentions++
				found = true
				break
			}
		}
		if !found {
			out = append(out, core.ServiceCount{Name: m.Name, Mentions: 1})
		}
	}
	return out
}

// lookup resolves a name to a service index.
func (c *catalogue) lookup(name string) (int, bool) {
	words := foldWords(name)
	if len(words) == 0 {
		return 0, false
	}
	try := func(ws []string) (int, bool) {
		if len(ws) == 0 {
			return 0, false
		}
		if i, ok := c.keys[strings.Join(ws, " ")]; ok {
			return i, true
		}
		i, ok := c.keys[strings.Join(ws, "")]
		return i, ok
	}
	if i, ok := try(words); ok {
		return i, true
	}
	switch {
	case len(words) > 3 && words[0] == "amazon" && words[1] == "web" && words[2] == "services":
		return try(words[3:])
	case words[0] == "amazon" || words[0] == "aws":
		return try(words[1:])
	}
	return 0, false
}
