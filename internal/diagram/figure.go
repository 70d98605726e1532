package diagram

import (
	"bytes"
	"strconv"

	"golang.org/x/net/html"
)

// SVG is one drawing: inline SVG markup and its natural size in CSS px.
type SVG struct {
	Markup        []byte
	Width, Height int
}

// Figure is a diagram drawn in both variants.
type Figure struct {
	Light, Dark SVG
}

// minScale is how far the theme lets a drawing shrink to fit the column:
// 17 px labels stay at 12 px at least.
const minScale = 0.7

// HTML is the figure for a page: both drawings, the dark one hidden, each
// in its own wrapper. The figure can be focused so that a reader with a
// keyboard can scroll one wider than the column.
func (f Figure) HTML() []byte {
	var b bytes.Buffer
	b.Grow(len(f.Light.Markup) + len(f.Dark.Markup) + 200)
	b.WriteString(`<figure class="diagram" tabindex="0">`)
	writeVariant(&b, "diagram-light", "", f.Light)
	writeVariant(&b, "diagram-dark", " hidden", f.Dark)
	b.WriteString("</figure>")
	return b.Bytes()
}

// writeVariant writes a drawing in its wrapper, whose min-width keeps it
// from shrinking below minScale.
func writeVariant(b *bytes.Buffer, class, extra string, s SVG) {
	b.WriteString(`<div class="` + class + `"` + extra + ` style="min-width:` + strconv.Itoa(int(float64(s.Width)*minScale)) + `px">`)
	b.Write(s.Markup)
	b.WriteString("</div>")
}

// FeedHTML removes the dark drawings of figures from a page's HTML, for a
// feed: feed readers drop a page's CSS, and many its hidden attributes.
// HTML without figures is returned as it is.
func FeedHTML(page []byte) []byte {
	if !bytes.Contains(page, []byte(`class="diagram-dark"`)) {
		return page
	}
	var out bytes.Buffer
	out.Grow(len(page))
	z := html.NewTokenizer(bytes.NewReader(page))
	skip := 0 // depth of <div> inside a dark drawing
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := append([]byte(nil), z.Raw()...) // TagName lowers the tokenizer's own bytes
		if skip > 0 {
			switch tt {
			case html.StartTagToken:
				if name, _ := z.TagName(); string(name) == "div" {
					skip++
				}
			case html.EndTagToken:
				if name, _ := z.TagName(); string(name) == "div" {
					skip--
				}
			}
			continue
		}
		if tt == html.StartTagToken && isDarkVariant(z) {
			skip = 1
			continue
		}
		out.Write(raw)
	}
	return out.Bytes()
}

// isDarkVariant reports whether the start tag z is at is a dark drawing's
// wrapper.
func isDarkVariant(z *html.Tokenizer) bool {
	name, hasAttr := z.TagName()
	if string(name) != "div" {
		return false
	}
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		if string(k) == "class" && string(v) == "diagram-dark" {
			return true
		}
	}
	return false
}
