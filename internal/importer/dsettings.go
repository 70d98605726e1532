package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strconv"

	"gopkg.in/yaml.v3"

	"blog/internal/config"
)

// A setting is one key of blog.yaml the import sets, from the old site's
// config. The rest of blog.yaml (keys the old site says nothing about,
// comments) stays as the site has it.
type setting struct {
	path  []string // "languages", "en", "title"
	value any      // string, int, bool, []string, or a *yaml.Node
}

// settingsFile returns blog.yaml with the settings set, and the config it
// makes; changed is false when blog.yaml already says all of it.
func settingsFile(site fs.FS, settings []setting) (data []byte, cfg *config.Config, changed bool, err error) {
	old, err := fs.ReadFile(site, config.FileName)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, false, err
	}
	var doc yaml.Node
	if len(bytes.TrimSpace(old)) > 0 {
		if err := yaml.Unmarshal(old, &doc); err != nil {
			return nil, nil, false, fmt.Errorf("%s: %w", config.FileName, err)
		}
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	root := doc.Content[0]
	for _, s := range settings {
		setNode(root, s.path, valueNode(s.value))
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, nil, false, err
	}
	if err := enc.Close(); err != nil {
		return nil, nil, false, err
	}
	data = buf.Bytes()
	if bytes.Equal(data, old) {
		data = old
	}
	cfg, err = config.Parse(data)
	if err != nil {
		return nil, nil, false, fmt.Errorf("the settings the import would write to blog.yaml do not load: %w", err)
	}
	// Nothing to write when the file already says the same.
	if len(old) > 0 {
		var a, b any
		if yaml.Unmarshal(old, &a) == nil && yaml.Unmarshal(data, &b) == nil && fmt.Sprint(a) == fmt.Sprint(b) {
			return old, cfg, false, nil
		}
	}
	return data, cfg, true, nil
}

// setNode sets the value at path in a mapping node, adding keys that are
// missing at the end.
func setNode(m *yaml.Node, path []string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != path[0] {
			continue
		}
		if len(path) == 1 {
			v.LineComment = m.Content[i+1].LineComment
			if v.Kind == yaml.ScalarNode && m.Content[i+1].Kind == yaml.ScalarNode {
				v.HeadComment, v.FootComment = m.Content[i+1].HeadComment, m.Content[i+1].FootComment
			}
			if sameScalar(m.Content[i+1], v) {
				return
			}
			m.Content[i+1] = v
			return
		}
		if m.Content[i+1].Kind != yaml.MappingNode {
			m.Content[i+1] = &yaml.Node{Kind: yaml.MappingNode}
		}
		setNode(m.Content[i+1], path[1:], v)
		return
	}
	key := &yaml.Node{Kind: yaml.ScalarNode, Value: path[0]}
	if len(path) == 1 {
		m.Content = append(m.Content, key, v)
		return
	}
	child := &yaml.Node{Kind: yaml.MappingNode}
	m.Content = append(m.Content, key, child)
	setNode(child, path[1:], v)
}

func sameScalar(a, b *yaml.Node) bool {
	return a.Kind == yaml.ScalarNode && b.Kind == yaml.ScalarNode && a.Value == b.Value && a.Tag == b.Tag
}

func valueNode(v any) *yaml.Node {
	switch x := v.(type) {
	case *yaml.Node:
		return x
	case string:
		n := &yaml.Node{Kind: yaml.ScalarNode, Value: x, Tag: "!!str"}
		// Quote what YAML would read as something else.
		var back any
		if yaml.Unmarshal([]byte(x), &back) != nil || fmt.Sprint(back) != x {
			n.Style = yaml.DoubleQuotedStyle
		}
		return n
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.Itoa(x), Tag: "!!int"}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.FormatBool(x), Tag: "!!bool"}
	case []string:
		n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, s := range x {
			n.Content = append(n.Content, valueNode(s))
		}
		return n
	}
	panic(fmt.Sprintf("valueNode: %T", v))
}

// mapNode makes a mapping of the pairs (key, value, key, value…), leaving
// out empty strings.
func mapNode(pairs ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(pairs); i += 2 {
		if s, ok := pairs[i+1].(string); ok && s == "" {
			continue
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: pairs[i].(string)}, valueNode(pairs[i+1]))
	}
	return n
}
