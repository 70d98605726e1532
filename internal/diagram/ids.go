package diagram

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// renameIDs maps every id of a drawing but the root's to one of its own:
// the root's id, the id's number in the drawing, and the id's words
// without their digits. Mermaid numbers some ids from counters that live as
// long as its page (actor3 in one drawing is actor11 when drawn after
// others), so the digits it wrote cannot be kept; its style sheets select
// some elements by the end of their id ([id$="-arrowhead"]), so the words
// are.
func renameIDs(nodes []node, root string) map[string]string {
	m := map[string]string{}
	count := 0
	for _, n := range nodes {
		id := attr(n.attrs, "", "id")
		if n.kind != startNode || id == "" {
			continue
		}
		if _, ok := m[id]; ok {
			continue
		}
		if id == root {
			m[id] = id
			continue
		}
		tail := strings.TrimPrefix(strings.TrimPrefix(id, root+"-"), root+"_")
		tail = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return -1
			}
			return r
		}, tail)
		if tail != "" && tail[0] != '-' && tail[0] != '_' {
			tail = "-" + tail
		}
		m[id] = root + "-" + strconv.FormatInt(int64(count), 36) + tail
		count++
	}
	return m
}

// renameRefs renames the ids an attribute refers to.
func renameRefs(a xml.Attr, v string, names map[string]string) string {
	switch {
	case a.Name.Local == "href":
		if id, ok := strings.CutPrefix(v, "#"); ok {
			if nv, ok := names[id]; ok {
				return "#" + nv
			}
		}
		return v
	case a.Name.Space == "" && (a.Name.Local == "aria-labelledby" || a.Name.Local == "aria-describedby"):
		f := strings.Fields(v)
		for i, id := range f {
			if nv, ok := names[id]; ok {
				f[i] = nv
			}
		}
		return strings.Join(f, " ")
	case strings.Contains(v, "url(#"):
		return renameURLs(v, names)
	}
	return v
}

// renameInCSS renames the ids CSS names: in selectors (#id) and in
// url(#id) anywhere. Only ids of the drawing are renamed, so a colour
// (#fff) stays as it is.
func renameInCSS(css string, names map[string]string) string {
	if !strings.Contains(css, "#") {
		return css
	}
	var b strings.Builder
	b.Grow(len(css))
	for len(css) > 0 {
		// A chunk ends at a brace or semicolon: before "{" it is a
		// selector, otherwise declarations.
		end := strings.IndexAny(css, "{};")
		chunk, sep := css, ""
		if end >= 0 {
			chunk, sep, css = css[:end], css[end:end+1], css[end+1:]
		} else {
			css = ""
		}
		if sep == "{" {
			chunk = renameHashes(chunk, names)
		} else {
			chunk = renameURLs(chunk, names)
		}
		b.WriteString(chunk)
		b.WriteString(sep)
	}
	return b.String()
}

// renameHashes renames #id in a selector.
func renameHashes(sel string, names map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(sel, '#')
		if i < 0 {
			b.WriteString(sel)
			return b.String()
		}
		b.WriteString(sel[:i+1])
		sel = sel[i+1:]
		j := 0
		for j < len(sel) && isIdentByte(sel[j]) {
			j++
		}
		if nv, ok := names[sel[:j]]; ok && j > 0 {
			b.WriteString(nv)
		} else {
			b.WriteString(sel[:j])
		}
		sel = sel[j:]
	}
}

func isIdentByte(c byte) bool {
	return c == '-' || c == '_' || c >= 0x80 || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// renameURLs renames url(#id) in CSS or an attribute.
func renameURLs(css string, names map[string]string) string {
	if !strings.Contains(css, "url(") {
		return css
	}
	var b strings.Builder
	for {
		i := strings.Index(css, "url(")
		if i < 0 {
			b.WriteString(css)
			return b.String()
		}
		b.WriteString(css[:i+4])
		css = css[i+4:]
		if len(css) > 0 && (css[0] == '"' || css[0] == '\'') {
			b.WriteByte(css[0])
			css = css[1:]
		}
		if !strings.HasPrefix(css, "#") {
			continue
		}
		end := strings.IndexAny(css, `)"'`)
		if end < 0 {
			continue
		}
		if nv, ok := names[css[1:end]]; ok {
			b.WriteString("#" + nv)
			css = css[end:]
		}
	}
}
