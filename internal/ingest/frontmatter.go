package ingest

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/notes-kb/notes/internal/core"
)

// frontMatter is the YAML header of a Jekyll or Hugo post and where the
// body after it starts.
type frontMatter struct {
	meta  map[string]any
	title string
	// bodyLine is the 1-based line where the body starts (1 when there is
	// no front matter), body the text from that line on.
	bodyLine int
	body     string
	diags    []core.Diagnostic
}

// Limits on converting YAML to Meta: aliases can make a small file expand
// into a huge tree ("billion laughs"), and Meta is only ever a few keys.
const (
	maxYAMLDepth = 32
	maxYAMLNodes = 10000
)

var yamlLineRe = lazyRE(`line (\d+): `)

// splitFrontMatter cuts the YAML front matter off text. The front matter
// starts with a "---" first line and ends with the next "---" or "..."
// line. A front matter that never closes is reported and the whole text
// is body, since losing a post to a stray "---" would be worse.
func splitFrontMatter(path, text string) frontMatter {
	fm := frontMatter{bodyLine: 1, body: text}
	yamlText, body, bodyLine, state := locateFrontMatter(text)
	switch state {
	case fmNone:
		if bare, ok := bareFrontMatter(path, text); ok {
			return bare
		}
		return fm
	case fmUnclosed:
		fm.diags = append(fm.diags, core.Diagnostic{Path: path, Line: 1, Message: msgUnclosedFrontMatter})
		return fm
	}
	fm.bodyLine, fm.body = bodyLine, body
	fm.meta, fm.diags = parseYAMLMeta(path, yamlText, 2)
	if t, ok := fm.meta["title"].(string); ok {
		fm.title = collapseSpaces(t)
	}
	return fm
}

// reBareKey is the first line of a front matter written without its
// opening "---" (Hexo accepts that): "title: …".
var reBareKey = lazyRE(`^title:[ \t]*\S`)

// bareFrontMatter reads a front matter that lacks its opening "---": the
// lines up to the first "---" line in the first 60, kept only when they
// are a YAML mapping with a title. Anything else is body, untouched.
func bareFrontMatter(path, text string) (frontMatter, bool) {
	if !reBareKey.MatchString(text) {
		return frontMatter{}, false
	}
	off := 0
	for line := 1; line <= 60 && off < len(text); line++ {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			return frontMatter{}, false
		}
		end += off
		if strings.TrimRight(text[off:end], " \t\r") == "---" {
			meta, diags := parseYAMLMeta(path, text[:off], 1)
			t, ok := meta["title"].(string)
			if len(diags) > 0 || !ok {
				return frontMatter{}, false
			}
			return frontMatter{meta: meta, title: collapseSpaces(t), body: text[end+1:], bodyLine: line + 1}, true
		}
		off = end + 1
	}
	return frontMatter{}, false
}

// msgUnclosedFrontMatter explains what happens to a post whose front
// matter has no closing line.
const msgUnclosedFrontMatter = `front matter never closes (no "---" line after it): the whole file is read as the post`

// Front matter states found by locateFrontMatter.
const (
	fmNone = iota
	fmClosed
	fmUnclosed
)

// locateFrontMatter finds the front matter without parsing it, which is
// all Detect needs.
func locateFrontMatter(text string) (yamlText, body string, bodyLine, state int) {
	first, rest, found := strings.Cut(text, "\n")
	if strings.TrimRight(first, " \t") != "---" {
		return "", text, 1, fmNone
	}
	if !found {
		return "", text, 1, fmUnclosed
	}
	line := 2
	for off := 0; off < len(rest); line++ {
		end := strings.IndexByte(rest[off:], '\n')
		next := len(rest)
		if end >= 0 {
			end += off
			next = end + 1
		} else {
			end = len(rest)
		}
		if t := strings.TrimRight(rest[off:end], " \t"); t == "---" || t == "..." {
			return rest[:off], rest[next:], line + 1, fmClosed
		}
		off = next
	}
	return "", text, 1, fmUnclosed
}

// parseYAMLMeta decodes a YAML mapping whose first line is line firstLine
// of the file. Dates stay strings as written ("2022-04-20"): extraction
// wants the author's date, not a time zone conversion of it.
func parseYAMLMeta(path, src string, firstLine int) (meta map[string]any, diags []core.Diagnostic) {
	if strings.TrimSpace(src) == "" {
		return nil, nil
	}
	var doc yaml.Node
	if err := unmarshalYAML(src, &doc); err != nil {
		msg, line := yamlErrorLine(src, err)
		if line == 0 {
			line = 1
		}
		return nil, []core.Diagnostic{{Path: path, Line: line + firstLine - 1, Message: "invalid front matter: " + msg}}
	}
	budget := maxYAMLNodes
	v := yamlValue(&doc, 0, &budget)
	m, ok := v.(map[string]any)
	if !ok {
		if v == nil {
			return nil, nil
		}
		return nil, []core.Diagnostic{{Path: path, Line: firstLine, Message: "invalid front matter: not a mapping of keys to values"}}
	}
	if len(m) == 0 {
		return nil, nil
	}
	return m, nil
}

// unmarshalYAML decodes YAML into a node tree; yaml.v3 has had panics on
// hostile input, and a post must never take the importer down.
func unmarshalYAML(src string, doc *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return yaml.Unmarshal([]byte(src), doc)
}

// maxYAMLRetryLines bounds the search for an error's line: front matter
// is a few lines, and the search costs a parse per line.
const maxYAMLRetryLines = 200

// yamlErrorLine returns a YAML error's message without its position and
// the 1-based line of src it is about (0 if unknown). yaml.v3 reports
// parser errors one line early (or not at all on the first line), so the
// line is found by parsing growing prefixes of src until one fails with
// the same message; the reported line is the fallback.
func yamlErrorLine(src string, err error) (string, int) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	reported := 0
	if m := yamlLineRe.FindStringSubmatchIndex(msg); m != nil {
		reported, _ = strconv.Atoi(msg[m[2]:m[3]])
		msg = msg[:m[0]] + msg[m[1]:]
	}
	lines := strings.SplitAfter(src, "\n")
	if len(lines) > maxYAMLRetryLines {
		return msg, reported
	}
	for k := 1; k <= len(lines); k++ {
		var doc yaml.Node
		perr := unmarshalYAML(strings.Join(lines[:k], ""), &doc)
		if perr == nil {
			continue
		}
		pmsg := strings.TrimPrefix(perr.Error(), "yaml: ")
		if m := yamlLineRe.FindStringSubmatchIndex(pmsg); m != nil {
			pmsg = pmsg[:m[0]] + pmsg[m[1]:]
		}
		if pmsg == msg {
			return msg, k
		}
	}
	return msg, reported
}

// yamlValue converts a YAML node into plain Go values with string keys,
// which is what encoding/json and the store can handle.
func yamlValue(n *yaml.Node, depth int, budget *int) any {
	*budget--
	if n == nil || depth > maxYAMLDepth || *budget < 0 {
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return yamlValue(n.Content[0], depth+1, budget)
	case yaml.AliasNode:
		return yamlValue(n.Alias, depth+1, budget)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			key := k.Value
			if k.Kind != yaml.ScalarNode {
				key = fmt.Sprint(yamlValue(k, depth+1, budget))
			}
			m[key] = yamlValue(n.Content[i+1], depth+1, budget)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			s = append(s, yamlValue(c, depth+1, budget))
		}
		return s
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil
		case "!!bool":
			var b bool
			if n.Decode(&b) == nil {
				return b
			}
		case "!!int":
			var i int64
			if n.Decode(&i) == nil {
				return i
			}
		case "!!float":
			var f float64
			// NaN and infinities have no JSON form: keep them as written.
			if n.Decode(&f) == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
				return f
			}
		}
		// Strings, timestamps (kept as written) and anything exotic.
		return n.Value
	}
	return nil
}
