package content

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"blog/internal/config"
	"blog/internal/problem"
)

var yamlErrLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// parseYAML reads YAML front matter that starts on file line first.
func parseYAML(file string, src []byte, first int, loc *time.Location) (*Meta, problem.List) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, yamlErrors(file, first, src, err)
	}
	m := &Meta{Params: newParams(src, false), Lines: map[string]int{}}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return m, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, problem.List{problem.At(file, first+root.Line-1, "front matter must be key: value lines")}
	}
	var errs problem.List
	at := func(n *yaml.Node) int { return first + n.Line - 1 }
	bad := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, problem.At(file, at(n), format, args...))
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if prev, dup := m.Lines[key]; dup {
			bad(k, "%s is set twice (first on line %d)", key, prev)
			continue
		}
		m.Lines[key] = at(k)
		// Params decodes it again when a template asks: a value that
		// cannot be decoded is a problem now.
		var val any
		if err := v.Decode(&val); err != nil {
			bad(v, "%s: %v", key, err)
			continue
		}
		switch key {
		case "id":
			if v.Kind != yaml.ScalarNode {
				bad(v, "id: want a number, like id: 48")
				break
			}
			n, err := strconv.ParseUint(v.Value, 10, 64)
			if err != nil {
				bad(v, "id: %q is not a number; write a whole number like id: 48", v.Value)
				break
			}
			m.ID = strconv.FormatUint(n, 10)
		case "title":
			m.Title = scalar(v, key, bad)
		case "date", "writeTime", "WriteTime":
			if _, other := m.Lines["date"]; other && key != "date" {
				bad(k, "%s repeats date (line %d)", key, m.Lines["date"])
				break
			}
			m.Lines["date"] = at(k)
			s := scalar(v, key, bad)
			if s == "" {
				bad(v, "%s is empty; write a date like 2024-01-03 09:00:00 +0900", key)
				break
			}
			t, err := parseDate(s, loc)
			if err != nil {
				bad(v, "%s: %v", key, err)
				break
			}
			m.Date = t
		case "tags":
			m.Tags = list(v, key, true, bad)
		case "images":
			m.Images = pathList(v, key, bad)
		case "image":
			m.Image = pathScalar(v, key, bad)
		case "description":
			m.Description = scalar(v, key, bad)
		case "slug":
			m.Slug = pathScalar(v, key, bad)
		case "authors":
			m.Authors = list(v, key, true, bad)
		case "aliases":
			m.Aliases = pathList(v, key, bad)
		case "draft":
			m.Draft = boolean(v, key, bad)
		case "featured":
			m.Featured = boolean(v, key, bad)
		case "cover":
			m.Cover = pathScalar(v, key, bad)
		case "sidebar_position":
			f, err := strconv.ParseFloat(strings.TrimSpace(v.Value), 64)
			if v.Kind != yaml.ScalarNode || err != nil {
				bad(v, "sidebar_position: want a number, like sidebar_position: 2")
				break
			}
			m.Order, m.HasOrder = f, true
		case "sidebar_label":
			m.Label = scalar(v, key, bad)
		}
	}
	return m, errs
}

// pathScalar is scalar for a path (slug, image), whose control
// characters are left for the path rule to refuse, not replaced.
func pathScalar(v *yaml.Node, key string, bad func(*yaml.Node, string, ...any)) string {
	if v.Kind != yaml.ScalarNode {
		bad(v, "%s: want text, not a list or mapping", key)
		return ""
	}
	if v.Tag == "!!null" {
		return ""
	}
	return strings.TrimSpace(NFC(v.Value))
}

// pathList is list for paths (images, aliases): a YAML sequence, or one
// string of paths separated by spaces.
func pathList(v *yaml.Node, key string, bad func(*yaml.Node, string, ...any)) []string {
	switch v.Kind {
	case yaml.SequenceNode:
		var out []string
		for _, item := range v.Content {
			if s := pathScalar(item, key, bad); s != "" {
				out = append(out, s)
			}
		}
		return out
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil
		}
		return strings.Fields(NFC(v.Value))
	}
	bad(v, "%s: want a list, like %s: [a, b]", key, key)
	return nil
}

func scalar(v *yaml.Node, key string, bad func(*yaml.Node, string, ...any)) string {
	if v.Kind != yaml.ScalarNode {
		bad(v, "%s: want text, not a list or mapping", key)
		return ""
	}
	if v.Tag == "!!null" {
		return ""
	}
	return strings.TrimSpace(cleanText(v.Value))
}

// list reads a YAML sequence, or one string that may separate items with
// commas when commas is set.
func list(v *yaml.Node, key string, commas bool, bad func(*yaml.Node, string, ...any)) []string {
	var out []string
	switch v.Kind {
	case yaml.SequenceNode:
		for _, item := range v.Content {
			if s := scalar(item, key, bad); s != "" {
				out = append(out, s)
			}
		}
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil
		}
		s := cleanText(v.Value)
		if !commas {
			return strings.Fields(s)
		}
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	default:
		bad(v, "%s: want a list, like %s: [a, b]", key, key)
	}
	return out
}

func boolean(v *yaml.Node, key string, bad func(*yaml.Node, string, ...any)) bool {
	var b bool
	if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
		bad(v, "%s: want true or false", key)
	}
	return b
}

// yamlErrors turns a yaml.v3 error into file positions. YAML lines count
// from the first line of the front matter.
func yamlErrors(file string, first int, src []byte, err error) problem.List {
	msg := err.Error()
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil && !strings.Contains(msg, "\n") {
		n, _ := strconv.Atoi(m[1])
		if k := config.SyntaxErrorLine(src); k > 0 {
			n = k
		}
		return problem.List{problem.At(file, first+n-1, "front matter: %s", m[2])}
	}
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n")
	var errs problem.List
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if m := yamlErrLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			errs = append(errs, problem.At(file, first+n-1, "front matter: %s", m[2]))
			continue
		}
		errs = append(errs, problem.At(file, first, "front matter: %s", strings.TrimPrefix(l, "yaml: ")))
	}
	return errs
}
