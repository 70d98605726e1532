package images

import (
	"bytes"
	"strconv"
	"strings"

	nethtml "golang.org/x/net/html"
)

// Source is what the caller of Rewrite knows of an image it can find.
type Source struct {
	// Width and Height are the original's size as shown (Info.Width and
	// Info.Height).
	Width, Height int
	// Copies are the image's resized copies, narrowest first: one for each
	// of Widths(info), at the URL the page reaches it by.
	Copies []Candidate
}

// Candidate is one resized copy of an image.
type Candidate struct {
	URL   string
	Width int
}

// Rewrite adds to every <img> of a post's HTML what a browser needs to lay
// it out before it loads and to load no more than it shows: width and
// height, loading="lazy" and decoding="async" (all but the first image),
// and for an image with copies srcset, sizes, the widest candidate as src,
// and a link to the original. lookup is given each src as the HTML holds
// it (entities decoded, percent-encoding kept: goldmark writes a Markdown
// image's path percent-encoded) and says what it knows of it; an image it does not know gets only loading and
// decoding. See the package comment for the rules.
func Rewrite(page []byte, lookup func(src string) (Source, bool)) []byte {
	return rewrite(page, lookup, true)
}

// RewriteBelow is Rewrite for HTML shown below an image that is loaded
// first (a post's cover): every <img> of it, the first too, gets
// loading="lazy" and decoding="async".
func RewriteBelow(page []byte, lookup func(src string) (Source, bool)) []byte {
	return rewrite(page, lookup, false)
}

// Sources returns the src of every <img> of the HTML, in order, as
// Rewrite's lookup is given them; an <img> without a src, or with an empty
// one, gives none.
func Sources(page []byte) []string {
	if !hasImg(page) {
		return nil
	}
	var out []string
	if eachTag(page, func(t tag) {
		if t.closing || !t.is("img") {
			return
		}
		_, as := readTag(page, t)
		if src, ok := attrs(as).get("src"); ok && strings.TrimSpace(src) != "" {
			out = append(out, src)
		}
	}) {
		return out
	}
	return sourcesByTokens(page)
}

// sourcesByTokens is Sources through the tokenizer, for a page eachTag
// cannot read.
func sourcesByTokens(page []byte) []string {
	var out []string
	z := nethtml.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			return out
		}
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if string(name) != "img" {
			continue
		}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			if string(k) == "src" {
				if strings.TrimSpace(string(v)) != "" {
					out = append(out, string(v))
				}
				break
			}
		}
	}
}

func rewrite(page []byte, lookup func(src string) (Source, bool), firstEager bool) []byte {
	if !hasImg(page) {
		return page
	}
	var out bytes.Buffer
	out.Grow(len(page) + len(page)/4)
	images, links, pictures := 0, 0, 0
	done := 0 // page[:done] is written
	if eachTag(page, func(t tag) {
		switch {
		case t.is("a"):
			links = count(links, startType(page, t))
		case t.is("picture"):
			pictures = count(pictures, startType(page, t))
		case t.is("img") && !t.closing:
			_, as := readTag(page, t)
			out.Write(page[done:t.start])
			writeImg(&out, as, bytes.HasSuffix(page[t.start:t.end], []byte("/>")), firstEager && images == 0, links > 0, pictures > 0, lookup)
			done = t.end
			images++
		}
	}) {
		out.Write(page[done:])
		return out.Bytes()
	}
	return rewriteTokens(page, lookup, firstEager)
}

// rewriteTokens is rewrite through the tokenizer, for a page eachTag
// cannot read.
func rewriteTokens(page []byte, lookup func(src string) (Source, bool), firstEager bool) []byte {
	var out bytes.Buffer
	out.Grow(len(page) + len(page)/4)
	z := nethtml.NewTokenizer(bytes.NewReader(page))
	images, links, pictures := 0, 0, 0
	// Tokens lie one after another in page, each as Raw gives it: pos is
	// where the next one starts, and page[:done] is written. Everything
	// but an <img> is written as it is, in spans.
	pos, done := 0, 0
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		at := pos
		pos += len(z.Raw())
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken && tt != nethtml.EndTagToken {
			continue
		}
		raw := page[at:pos]
		name, hasAttr := z.TagName()
		switch string(name) {
		case "a":
			links = count(links, tt)
		case "picture":
			pictures = count(pictures, tt)
		case "img":
			if tt == nethtml.EndTagToken {
				break
			}
			var attrs []attr
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs = append(attrs, attr{string(k), string(v)})
			}
			out.Write(page[done:at])
			writeImg(&out, attrs, bytes.HasSuffix(raw, []byte("/>")), firstEager && images == 0, links > 0, pictures > 0, lookup)
			done = pos
			images++
		}
	}
	out.Write(page[done:pos])
	return out.Bytes()
}

// hasImg reports whether page has "<img" in any case.
func hasImg(page []byte) bool {
	for i := bytes.IndexByte(page, '<'); i >= 0 && i+4 <= len(page); {
		if bytes.EqualFold(page[i+1:i+4], []byte("img")) {
			return true
		}
		j := bytes.IndexByte(page[i+1:], '<')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// count follows the depth of an element that may nest: one more at its
// start tag, one less at its end tag.
func count(depth int, tt nethtml.TokenType) int {
	switch tt {
	case nethtml.StartTagToken:
		return depth + 1
	case nethtml.EndTagToken:
		return max(0, depth-1)
	}
	return depth
}

type attr struct{ key, val string }

// attrs is an <img>'s attributes in the order written.
type attrs []attr

func (as attrs) get(key string) (string, bool) {
	for _, a := range as {
		if a.key == key {
			return a.val, true
		}
	}
	return "", false
}

func (as attrs) has(key string) bool { _, ok := as.get(key); return ok }

func (as *attrs) set(key, val string) {
	for i, a := range *as {
		if a.key == key {
			(*as)[i].val = val
			return
		}
	}
	*as = append(*as, attr{key, val})
}

// writeImg writes one <img> with what Rewrite adds.
func writeImg(out *bytes.Buffer, list []attr, selfClosing, first, inLink, inPicture bool, lookup func(string) (Source, bool)) {
	as := attrs(list)
	src, hasSrc := as.get("src")
	var s Source
	known := false
	if hasSrc && strings.TrimSpace(src) != "" {
		s, known = lookup(src)
		known = known && s.Width > 0 && s.Height > 0
	}
	link := ""
	if known {
		if !as.has("width") && !as.has("height") {
			as.set("width", strconv.Itoa(s.Width))
			as.set("height", strconv.Itoa(s.Height))
		}
		if len(s.Copies) > 0 && !as.has("srcset") && !inPicture {
			cands := append([]Candidate(nil), s.Copies...)
			if s.Width <= copyWidths[len(copyWidths)-1] {
				cands = append(cands, Candidate{URL: src, Width: s.Width})
			}
			var set strings.Builder
			for i, c := range cands {
				if i > 0 {
					set.WriteString(", ")
				}
				set.WriteString(srcsetURL(c.URL) + " " + strconv.Itoa(c.Width) + "w")
			}
			as.set("src", cands[len(cands)-1].URL)
			as.set("srcset", set.String())
			if !as.has("sizes") {
				as.set("sizes", Sizes)
			}
			if !inLink {
				link = strings.ReplaceAll(src, " ", "%20")
			}
		}
	}
	if !first {
		if !as.has("loading") {
			as.set("loading", "lazy")
		}
		if !as.has("decoding") {
			as.set("decoding", "async")
		}
	}
	if link != "" {
		out.WriteString(`<a class="image-link" href="` + attrEscaper.Replace(link) + `">`)
	}
	out.WriteString("<img")
	for _, a := range as {
		out.WriteString(" " + a.key)
		if a.val != "" || !isBoolean(a.key) {
			out.WriteString(`="` + attrEscaper.Replace(a.val) + `"`)
		}
	}
	if selfClosing {
		out.WriteString(" />")
	} else {
		out.WriteString(">")
	}
	if link != "" {
		out.WriteString("</a>")
	}
}

// attrEscaper escapes a value for an attribute in double quotes.
var attrEscaper = strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;")

// isBoolean reports whether an <img> attribute may be written bare.
func isBoolean(key string) bool { return key == "ismap" }

// srcsetURL writes a URL for a srcset, where a comma or space would split
// it: those are percent-encoded.
func srcsetURL(u string) string {
	return strings.NewReplacer(" ", "%20", ",", "%2C").Replace(u)
}
