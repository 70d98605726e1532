package diagram

import (
	"encoding/xml"
	"strings"
)

// What a drawing may hold, and the checks of its attributes and CSS; see
// the rules at the top of svg.go.

// svgNS, xlinkNS and xhtmlNS are the only namespaces a drawing may declare.
const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xhtmlNS = "http://www.w3.org/1999/xhtml"
)

var svgElements = set("svg", "g", "defs", "desc", "title", "symbol", "use", "switch",
	"path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	"text", "tspan", "textPath", "marker", "linearGradient", "radialGradient", "stop",
	"pattern", "clipPath", "mask", "image", "a", "style", "foreignObject",
	"filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow",
	"feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge",
	"feMergeNode", "feMorphology", "feOffset", "feTile")

// htmlElements may appear inside foreignObject, where Mermaid writes HTML
// labels.
var htmlElements = set("div", "span", "p", "br", "b", "strong", "i", "em", "u", "s", "del", "ins",
	"mark", "small", "sub", "sup", "code", "pre", "kbd", "ul", "ol", "li", "table", "thead", "tbody",
	"tfoot", "tr", "td", "th", "caption", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "label")

// htmlVoid are the HTML elements written without an end tag.
var htmlVoid = set("br", "hr", "img")

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// keepAttrs returns the attributes of n that are safe, noting the others,
// and valid (see validAttr), dropping the others silently.
func keepAttrs(n node, dropped *[]string) []xml.Attr {
	var out []xml.Attr
	for _, a := range n.attrs {
		if ok := safeAttr(n.name.Local, a); !ok {
			*dropped = append(*dropped, "attribute "+qname(a.Name)+" on <"+n.name.Local+">")
			continue
		}
		if !n.html && !validAttr(n.name.Local, a) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// Mermaid writes a few attributes SVG does not have, which a browser
// ignores and the Nu Html Checker reports as errors: name on shapes,
// width and height on circles, viewBox on paths, empty values.
var (
	viewBoxOn = set("svg", "symbol", "marker", "pattern", "view")
	shapes    = set("circle", "ellipse", "line", "path", "polygon", "polyline", "text", "tspan", "textPath", "g")
)

// validAttr reports whether attribute a is valid on the SVG element el.
func validAttr(el string, a xml.Attr) bool {
	if a.Name.Space != "" {
		return true
	}
	switch a.Name.Local {
	case "class", "style":
		return true
	case "name":
		return false
	case "viewBox":
		return viewBoxOn[el]
	case "width", "height", "overflow":
		return !shapes[el]
	}
	return a.Value != ""
}

// safeAttr reports whether attribute a may stay on element el.
func safeAttr(el string, a xml.Attr) bool {
	name := strings.ToLower(a.Name.Local)
	switch a.Name.Space {
	case "":
		if name == "xmlns" {
			return a.Value == svgNS || a.Value == xhtmlNS
		}
	case "xmlns":
		return a.Name.Local == "xlink" && a.Value == xlinkNS
	case "xlink":
		if name != "href" && name != "title" {
			return false
		}
	case "xml":
		return name == "space" || name == "lang"
	default:
		return false
	}
	if strings.HasPrefix(name, "on") {
		return false
	}
	squeezed := squeeze(a.Value)
	if strings.Contains(squeezed, "javascript:") || strings.Contains(squeezed, "vbscript:") {
		return false
	}
	switch name {
	case "href", "src":
		return safeLink(el, squeezed)
	case "style":
		return !unsafeCSS(a.Value)
	case "srcset", "action", "formaction", "srcdoc", "background", "ping":
		return false
	}
	if strings.Contains(squeezed, "url(") {
		return !unsafeCSS(a.Value)
	}
	return true
}

// safeLink reports whether a link (squeezed) may stay on el: a fragment of
// the drawing, or for <a> a web or mail address.
func safeLink(el, link string) bool {
	if strings.HasPrefix(link, "#") {
		return true
	}
	if el == "a" {
		return strings.HasPrefix(link, "https://") || strings.HasPrefix(link, "http://") || strings.HasPrefix(link, "mailto:")
	}
	return false
}

// squeeze lowers s and removes what a browser ignores inside a URL scheme
// or CSS keyword: white space, control characters and CSS comments.
func squeeze(s string) string {
	var b strings.Builder
	s = strings.ToLower(s)
	for i := 0; i < len(s); i++ {
		if strings.HasPrefix(s[i:], "/*") {
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				break
			}
			i += end + 3
			continue
		}
		if c := s[i]; c > ' ' && c != 0x7f {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// unsafeCSS reports whether CSS could load or run something: a url() that
// is not a fragment, @import, image-set(), expression(), behavior or
// -moz-binding, or a backslash escape that could spell any of them.
func unsafeCSS(css string) bool {
	s := squeeze(css)
	if strings.ContainsAny(s, `\`) {
		return true
	}
	for _, bad := range []string{"@import", "image-set(", "expression(", "behavior:", "-moz-binding", "javascript:"} {
		if strings.Contains(s, bad) {
			return true
		}
	}
	for rest := s; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return false
		}
		rest = strings.TrimLeft(rest[i+4:], `"'`)
		if !strings.HasPrefix(rest, "#") {
			return true
		}
	}
}
