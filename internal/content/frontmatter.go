package content

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"

	"blog/internal/config"

	"gopkg.in/yaml.v3"
)

// Meta is what a post's header says about it, in either format.
type Meta struct {
	ID          string
	Title       string
	Date        time.Time
	Tags        []string
	Images      []string
	Image       string
	Description string
	Slug        string
	Authors     []string
	Draft       bool
	Featured    bool
	Aliases     []string
	// Params holds every key of the header, known or not, for templates.
	Params map[string]any
	// Lines gives the line of each key in the file, for later messages.
	Lines map[string]int
}

// split separates the header from the body. It returns the header format
// ("yaml", "legacy" or ""), the header text, the body and the line the body
// starts on.
func split(file string, data []byte) (format string, header []byte, body []byte, bodyLine int, err *Error) {
	if bytes.Equal(bytes.TrimRight(data, " \t\n"), []byte("---")) {
		return "", nil, nil, 0, Errorf(file, 1, "front matter opened with --- is never closed; add a line --- after it")
	}
	if bytes.HasPrefix(data, []byte("---\n")) {
		rest := data[4:]
		line := 2
		for off := 0; off <= len(rest); {
			end := bytes.IndexByte(rest[off:], '\n')
			var l []byte
			if end < 0 {
				l = rest[off:]
			} else {
				l = rest[off : off+end]
			}
			if t := bytes.TrimRight(l, " \t"); bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
				next := len(rest)
				if end >= 0 {
					next = off + end + 1
				}
				return "yaml", rest[:off], rest[next:], line + 1, nil
			}
			if end < 0 {
				break
			}
			off += end + 1
			line++
		}
		return "", nil, nil, 0, Errorf(file, 1, "front matter opened with --- is never closed; add a line --- after it")
	}
	if legacyStart.Match(firstLine(data)) {
		h, b, bl := splitLegacy(data)
		return "legacy", h, b, bl, nil
	}
	return "", nil, data, 1, nil
}

func firstLine(data []byte) []byte {
	data = bytes.TrimLeft(data, " \t\n")
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return data[:i]
	}
	return data
}

var yamlErrLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// parseYAML reads YAML front matter that starts on file line first.
func parseYAML(file string, src []byte, first int, loc *time.Location) (*Meta, ErrorList) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, yamlErrors(file, first, src, err)
	}
	m := &Meta{Params: map[string]any{}, Lines: map[string]int{}}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return m, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, ErrorList{Errorf(file, first+root.Line-1, "front matter must be key: value lines")}
	}
	var errs ErrorList
	at := func(n *yaml.Node) int { return first + n.Line - 1 }
	bad := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, Errorf(file, at(n), format, args...))
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if prev, dup := m.Lines[key]; dup {
			bad(k, "%s is set twice (first on line %d)", key, prev)
			continue
		}
		m.Lines[key] = at(k)
		var val any
		if err := v.Decode(&val); err != nil {
			bad(v, "%s: %v", key, err)
			continue
		}
		m.Params[key] = val
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
	return strings.TrimSpace(Text(v.Value))
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
		s := Text(v.Value)
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
func yamlErrors(file string, first int, src []byte, err error) ErrorList {
	msg := err.Error()
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil && !strings.Contains(msg, "\n") {
		n, _ := strconv.Atoi(m[1])
		if k := config.SyntaxErrorLine(src); k > 0 {
			n = k
		}
		return ErrorList{Errorf(file, first+n-1, "front matter: %s", m[2])}
	}
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n")
	var errs ErrorList
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if m := yamlErrLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			errs = append(errs, Errorf(file, first+n-1, "front matter: %s", m[2]))
			continue
		}
		errs = append(errs, Errorf(file, first, "front matter: %s", strings.TrimPrefix(l, "yaml: ")))
	}
	return errs
}

// The legacy header is one bracketed "[Key: value]" per line, possibly
// indented, before the body:
//
//	[ID: 48]
//	[Tags: ISTIO]
//	[Title: [Istio Contribution] weekly meeting 참여하기]
//	[WriteTime: 2024-01-03]
//	[ImageNames: a.png b.png]
var (
	legacyStart = regexp.MustCompile(`^\s*\[(?i:ID|Tags|Title|WriteTime|ImageNames)\s*:`)
	legacyLine  = regexp.MustCompile(`^\s*\[([A-Za-z][A-Za-z0-9_]*)\s*:(.*)$`)
)

// splitLegacy cuts the header lines from the body. The header is every line
// from the top that looks like "[Key: …", and the blank lines after it.
func splitLegacy(data []byte) (header, body []byte, bodyLine int) {
	off, line := 0, 1
	for off < len(data) {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		l := data[off:next]
		if t := bytes.TrimSpace(l); len(t) > 0 && !legacyLine.Match(t) {
			break
		}
		off, line = next, line+1
	}
	return data[:off], data[off:], line
}

// legacyContentHeading is the "## Content" heading the old system put at
// the top of every body; it is part of the format, not of the text.
var legacyContentHeading = regexp.MustCompile(`^#{1,6}\s+Content\s*$`)

// parseLegacy reads a bracket header.
func parseLegacy(file string, header []byte, loc *time.Location) (*Meta, ErrorList) {
	m := &Meta{Params: map[string]any{}, Lines: map[string]int{}}
	var errs ErrorList
	for i, raw := range strings.Split(string(header), "\n") {
		line := i + 1
		s := strings.TrimSpace(raw)
		if s == "" {
			continue
		}
		sub := legacyLine.FindStringSubmatch(s)
		if sub == nil {
			continue
		}
		if !strings.HasSuffix(s, "]") {
			errs = append(errs, Errorf(file, line, "header line %q does not end with ]", s))
			continue
		}
		key := strings.ToLower(sub[1])
		val := strings.TrimSpace(strings.TrimSuffix(sub[2], "]"))
		val = NFC(val)
		if prev, dup := m.Lines[key]; dup {
			errs = append(errs, Errorf(file, line, "[%s] is set twice (first on line %d)", sub[1], prev))
			continue
		}
		m.Lines[key] = line
		m.Params[key] = val
		switch key {
		case "id":
			if val == "" {
				break
			}
			n, err := strconv.ParseUint(val, 10, 64)
			if err != nil {
				errs = append(errs, Errorf(file, line, "ID: %q is not a number", val))
				break
			}
			m.ID = strconv.FormatUint(n, 10)
		case "tags":
			sep := strings.Fields
			if strings.Contains(val, ",") {
				sep = func(s string) []string { return strings.Split(s, ",") }
			}
			for _, t := range sep(val) {
				if t = strings.TrimSpace(t); t != "" {
					m.Tags = append(m.Tags, t)
				}
			}
		case "title":
			m.Title = val
		case "writetime":
			m.Lines["date"] = line
			if val == "" {
				errs = append(errs, Errorf(file, line, "WriteTime is empty; write a date like 2024-01-03"))
				break
			}
			t, err := parseDate(val, loc)
			if err != nil {
				errs = append(errs, Errorf(file, line, "WriteTime: %v", err))
				break
			}
			m.Date = t
		case "imagenames":
			m.Images = strings.FieldsFunc(val, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
			m.Lines["images"] = line
		}
	}
	return m, errs
}

// dropLegacyContentHeading removes the "## Content" marker that opens a
// legacy body, keeping the line count by leaving an empty line.
func dropLegacyContentHeading(body []byte) []byte {
	off := 0
	for off < len(body) {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body) - off
		}
		l := body[off : off+end]
		if len(bytes.TrimSpace(l)) == 0 {
			off += end + 1
			continue
		}
		if legacyContentHeading.Match(l) {
			out := make([]byte, 0, len(body))
			out = append(out, body[:off]...)
			return append(out, body[off+end:]...)
		}
		break
	}
	return body
}
