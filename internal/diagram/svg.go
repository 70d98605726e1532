package diagram

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// An SVG as Mermaid drew it is not put in a page as it is. clean reads it
// as XML and writes it again, keeping only what is known to be safe and
// making its names its own:
//
//   - Only elements of an allow-list are kept (SVG's shapes, text, paint
//     servers, markers, filters, style; inside foreignObject, HTML's text
//     elements); any other element, script first, is dropped with all it
//     holds. So are comments and processing instructions.
//   - No attribute that starts with "on" is kept; a link (href, xlink:href,
//     src) is kept only to a fragment of the drawing, or from <a> to http,
//     https or mailto; an attribute whose value holds javascript: is
//     dropped; a style attribute or <style> that could load something
//     (url() other than a fragment, @import, image-set) or run something
//     (expression(), behavior) is dropped.
//   - Every id is renamed to start with the root's id and its number in
//     the drawing (see renameIDs), and references to it (url(#…),
//     href="#…", aria-labelledby, aria-describedby, #id in <style>)
//     follow, so the light and the dark drawing, and two diagrams, share
//     no id on a page, and no id depends on what was drawn before; an id
//     given twice in a drawing is made unique.
//   - The root gets the drawing's natural size, from its viewBox, as width
//     and height, in place of Mermaid's width="100%" and max-width.
//
// cleaned is an SVG ready for a page.
type cleaned struct {
	svg           []byte
	width, height int
	dropped       []string // what was removed, as "element <x>" or "attribute x on <y>"
}

// node is one token of the drawing.
type node struct {
	kind  int // startNode, endNode or textNode
	name  xml.Name
	attrs []xml.Attr
	text  string
	html  bool // inside foreignObject, where elements are HTML's
}

const (
	startNode = iota
	endNode
	textNode
)

// clean makes the SVG src, whose root element must have the id root, safe
// for a page; see the rules above.
func clean(src, root string) (*cleaned, error) {
	raw, err := readSVG(src)
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 || raw[0].kind != startNode || raw[0].name.Local != "svg" || raw[0].name.Space != "" {
		return nil, errors.New("the drawing is not an <svg>")
	}
	if id := attr(raw[0].attrs, "", "id"); id != root {
		return nil, fmt.Errorf("the drawing's id is %q, not %q", id, root)
	}
	c := &cleaned{}
	nodes := filter(raw, &c.dropped)
	names := renameIDs(nodes, root)
	seen := map[string]int{}
	var out bytes.Buffer
	out.Grow(len(src))
	for i, n := range nodes {
		switch n.kind {
		case textNode:
			if i > 0 && nodes[i-1].kind == startNode && nodes[i-1].name.Local == "style" {
				out.WriteString(escapeText(renameInCSS(n.text, names)))
				continue
			}
			out.WriteString(escapeText(n.text))
		case endNode:
			if i > 0 && nodes[i-1].kind == startNode && selfClosing(nodes[i-1]) {
				continue // written as <x/>
			}
			fmt.Fprintf(&out, "</%s>", qname(n.name))
		case startNode:
			attrs := n.attrs
			if i == 0 {
				var err error
				if attrs, c.width, c.height, err = sizeRoot(attrs); err != nil {
					return nil, err
				}
			}
			out.WriteByte('<')
			out.WriteString(qname(n.name))
			for _, a := range attrs {
				v := a.Value
				if a.Name.Space == "" && a.Name.Local == "id" {
					// The first element with an id is the one references
					// mean; a repeat gets a number.
					seen[v]++
					if k := seen[v]; k > 1 {
						v = names[v] + "-" + strconv.Itoa(k)
					} else {
						v = names[v]
					}
				} else {
					v = renameRefs(a, v, names)
				}
				fmt.Fprintf(&out, ` %s="%s"`, qname(a.Name), escapeAttr(v))
			}
			if i+1 < len(nodes) && nodes[i+1].kind == endNode && selfClosing(n) {
				out.WriteString("/>")
			} else {
				out.WriteByte('>')
			}
		}
	}
	c.svg = out.Bytes()
	return c, nil
}

// selfClosing reports whether an empty element n is written as <x/>: SVG
// elements are, HTML elements only when void (an HTML parser would take
// <div/> for an open tag).
func selfClosing(n node) bool {
	if n.html {
		return htmlVoid[n.name.Local]
	}
	return true
}

// readSVG reads the drawing into tokens: elements, their attributes and
// text. Comments, processing instructions and directives are left out.
func readSVG(src string) ([]node, error) {
	d := xml.NewDecoder(strings.NewReader(src))
	var nodes []node
	var stack []bool // for each open element: are its children HTML?
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the drawing: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			html := len(stack) > 0 && stack[len(stack)-1]
			nodes = append(nodes, node{kind: startNode, name: t.Name, attrs: slices.Clone(t.Attr), html: html})
			stack = append(stack, html || t.Name.Local == "foreignObject")
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errors.New("reading the drawing: an end tag without its start")
			}
			stack = stack[:len(stack)-1]
			nodes = append(nodes, node{kind: endNode, name: t.Name})
		case xml.CharData:
			if len(stack) > 0 {
				nodes = append(nodes, node{kind: textNode, text: string(t)})
			}
		}
	}
	if len(stack) != 0 {
		return nil, errors.New("reading the drawing: it ends inside an element")
	}
	return nodes, nil
}

// filter drops what is not allowed: elements off the allow-list with all
// they hold, <style> whose CSS is unsafe, unsafe attributes. It notes what
// it dropped.
func filter(nodes []node, dropped *[]string) []node {
	out := make([]node, 0, len(nodes))
	for i := 0; i < len(nodes); i++ {
		n := nodes[i]
		if n.kind != startNode {
			out = append(out, n)
			continue
		}
		allowed := n.name.Space == "" && svgElements[n.name.Local]
		if n.html {
			allowed = n.name.Space == "" && htmlElements[n.name.Local]
		}
		end := closing(nodes, i)
		if allowed && n.name.Local == "style" {
			var css strings.Builder
			for _, c := range nodes[i+1 : end] {
				css.WriteString(c.text)
			}
			allowed = !unsafeCSS(css.String())
		}
		if !allowed {
			*dropped = append(*dropped, "element <"+qname(n.name)+">")
			i = end
			continue
		}
		n.attrs = keepAttrs(n, dropped)
		out = append(out, n)
	}
	return out
}

// closing returns the index of the end token of the element that starts
// at nodes[i].
func closing(nodes []node, i int) int {
	depth := 0
	for j := i; j < len(nodes); j++ {
		switch nodes[j].kind {
		case startNode:
			depth++
		case endNode:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(nodes) - 1
}

// attr returns the value of the attribute space:local in attrs, or "".
func attr(attrs []xml.Attr, space, local string) string {
	for _, a := range attrs {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// sizeRoot replaces the root's width, height and style by its natural
// size, read from its viewBox and rounded up to whole pixels.
func sizeRoot(attrs []xml.Attr) ([]xml.Attr, int, int, error) {
	vb := strings.Fields(strings.ReplaceAll(attr(attrs, "", "viewBox"), ",", " "))
	if len(vb) != 4 {
		return nil, 0, 0, fmt.Errorf("the drawing has no viewBox (%q)", attr(attrs, "", "viewBox"))
	}
	w, err1 := strconv.ParseFloat(vb[2], 64)
	h, err2 := strconv.ParseFloat(vb[3], 64)
	if err1 != nil || err2 != nil || !(w > 0) || !(h > 0) || w > 1e6 || h > 1e6 {
		return nil, 0, 0, fmt.Errorf("the drawing's viewBox %q has no size", attr(attrs, "", "viewBox"))
	}
	width, height := int(math.Ceil(w)), int(math.Ceil(h))
	out := slices.DeleteFunc(slices.Clone(attrs), func(a xml.Attr) bool {
		return a.Name.Space == "" && (a.Name.Local == "width" || a.Name.Local == "height" || a.Name.Local == "style")
	})
	out = append(out, xml.Attr{Name: xml.Name{Local: "width"}, Value: strconv.Itoa(width)},
		xml.Attr{Name: xml.Name{Local: "height"}, Value: strconv.Itoa(height)})
	return out, width, height, nil
}
func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\n", "&#10;", "\t", "&#9;", "\r", "&#13;")
)

func escapeText(s string) string { return textEscaper.Replace(s) }
func escapeAttr(s string) string { return attrEscaper.Replace(s) }
