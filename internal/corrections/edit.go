package corrections

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// Sections of the file that map a name to another.
var aliasSections = map[string]bool{"people": true, "companies": true, "services": true, "events": true}

// AddAlias writes "from: to" in section (people, companies, services or
// events) of the corrections file at path, creating the file when it does
// not exist and keeping its comments. An alias of from already there is
// replaced.
func AddAlias(path, section, from, to string) error {
	if !aliasSections[section] {
		return fmt.Errorf("no section %q in a corrections file (people, companies, services, events)", section)
	}
	return edit(path, func(root *yaml.Node) {
		m := sectionNode(root, section, yaml.MappingNode)
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == from {
				m.Content[i+1] = scalar(to)
				return
			}
		}
		m.Content = append(m.Content, scalar(from), scalar(to))
	})
}

// AddTalkFix appends a talk entry to the corrections file at path.
func AddTalkFix(path string, f TalkFix) error {
	return edit(path, func(root *yaml.Node) {
		seq := sectionNode(root, "talks", yaml.SequenceNode)
		entry := &yaml.Node{Kind: yaml.MappingNode}
		entry.Content = append(entry.Content, scalar("path"), scalar(f.Path))
		if f.Title != "" {
			entry.Content = append(entry.Content, scalar("title"), scalar(f.Title))
		}
		if f.Line != 0 {
			entry.Content = append(entry.Content, scalar("line"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(f.Line)})
		}
		if f.Hide {
			entry.Content = append(entry.Content, scalar("hide"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
		seq.Content = append(seq.Content, entry)
	})
}

// RelativePath is path (absolute) as the corrections file at corrPath
// names it: relative to the folder holding its .notes/, or its own folder.
func RelativePath(corrPath, path string) string {
	abs, err := filepath.Abs(corrPath)
	if err != nil {
		return path
	}
	dir := filepath.Dir(abs)
	if filepath.Base(dir) == ".notes" {
		dir = filepath.Dir(dir)
	}
	if rel, err := filepath.Rel(dir, path); err == nil {
		return rel
	}
	return path
}

// edit reads the file at path (or starts an empty one), lets change edit
// its document, checks that the result still loads, and writes it.
func edit(path string, change func(root *yaml.Node)) error {
	raw, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("corrections %s: %w", path, unwrapPath(err))
	}
	var doc yaml.Node
	if len(bytes.TrimSpace(raw)) > 0 {
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			return fmt.Errorf("corrections %s: %v", path, err)
		}
	}
	if doc.Kind == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("corrections %s: not a mapping of sections", path)
	}
	change(root)
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, out.Bytes(), 0o644); err != nil {
		return err
	}
	if _, err := Load(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// sectionNode is the value of key in root, created with kind when absent.
func sectionNode(root *yaml.Node, key string, kind yaml.Kind) *yaml.Node {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			v := root.Content[i+1]
			if v.Kind != kind { // "people:" with nothing under it
				*v = yaml.Node{Kind: kind}
			}
			return v
		}
	}
	v := &yaml.Node{Kind: kind}
	root.Content = append(root.Content, scalar(key), v)
	return v
}

func scalar(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}
