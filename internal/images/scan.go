package images

import (
	"bytes"

	nethtml "golang.org/x/net/html"
)

// The HTML tokenizer reads every attribute of every tag into memory of
// its own, which made finding and rewriting a post's few <img> a tenth
// of a build. eachTag finds where the tags are the way the tokenizer
// does, reading nothing into memory, and the tokenizer reads only the
// tags that matter. It follows golang.org/x/net/html's Tokenizer (Next,
// readTag, readComment) for what a post's HTML holds: tags, text and
// <!-- comments -->. Anything else (a doctype, <?, </ not followed by a
// letter, an element whose content the tokenizer reads raw, such as
// <script> or <textarea>, or a page cut off inside a tag or comment)
// makes it give up, and the caller tokenizes the whole page. The fuzz
// tests hold both ways to the same output.

// tag is a start, self-closing or end tag at page[start:end], its name
// as written (not in lower case).
type tag struct {
	start, end int
	name       []byte
	closing    bool // an end tag
}

// is reports whether the tag's name is name, a name in lower case, in
// any case of ASCII letters (the tokenizer's TagName lowers only those).
func (t tag) is(name string) bool {
	if len(t.name) != len(name) {
		return false
	}
	for i := range len(name) {
		c := t.name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}

// rawTags are the elements whose content the tokenizer reads as raw text.
var rawTags = []string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"}

// eachTag calls f with every tag of page, in order, and reports whether
// it could read the page; when it could not, it has called f with some
// of its tags.
func eachTag(page []byte, f func(tag)) bool {
	for i := 0; ; {
		k := bytes.IndexByte(page[i:], '<')
		if k < 0 || i+k+1 >= len(page) {
			return true // text to the end
		}
		at := i + k
		switch c := page[at+1]; {
		case isASCIILetter(c):
			end, nameEnd, ok := tagEnd(page, at+1)
			if !ok {
				return false
			}
			t := tag{start: at, end: end, name: page[at+1 : nameEnd]}
			for _, raw := range rawTags {
				if t.is(raw) {
					return false
				}
			}
			f(t)
			i = end
		case c == '/':
			if at+2 >= len(page) {
				return true // "</" at the end is text
			}
			if !isASCIILetter(page[at+2]) {
				return false
			}
			end, nameEnd, ok := tagEnd(page, at+2)
			if !ok {
				return false
			}
			f(tag{start: at, end: end, name: page[at+2 : nameEnd], closing: true})
			i = end
		case c == '!':
			if !bytes.HasPrefix(page[at:], []byte("<!--")) {
				return false
			}
			end, ok := commentEnd(page, at+4)
			if !ok {
				return false
			}
			i = end
		case c == '?':
			return false
		default:
			i = at + 1
		}
	}
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

// tagEnd is where the tag whose name starts at page[i] ends, just past
// its '>', and where its name ends, as the tokenizer's readTag finds
// them; ok is false when the page ends first.
func tagEnd(page []byte, i int) (end, nameEnd int, ok bool) {
	n := len(page)
	j := i + 1
	// The name: up to a space (skipped), '/' or '>'.
	for nameEnd = -1; j < n; j++ {
		if c := page[j]; isHTMLSpace(c) {
			nameEnd = j
			j++
			break
		} else if c == '/' || c == '>' {
			nameEnd = j
			break
		}
	}
	if nameEnd < 0 {
		return 0, 0, false
	}
	skipSpace := func() bool {
		for ; j < n; j++ {
			if !isHTMLSpace(page[j]) {
				return true
			}
		}
		return false
	}
	if !skipSpace() {
		return 0, 0, false
	}
	for {
		if j >= n {
			return 0, 0, false
		}
		if page[j] == '>' {
			return j + 1, nameEnd, true
		}
		// An attribute's name: up to a space, '/', '>' or an '=' that is
		// not its first character.
		for keyStart := j; ; j++ {
			if j >= n {
				return 0, 0, false
			}
			c := page[j]
			if c == '=' && j == keyStart {
				continue
			}
			if c == '=' || isHTMLSpace(c) || c == '/' || c == '>' {
				break
			}
		}
		// Its value, if any.
		if !skipSpace() {
			return 0, 0, false
		}
		switch page[j] {
		case '/':
			j++
		case '=':
			j++
			if !skipSpace() {
				return 0, 0, false
			}
			switch q := page[j]; q {
			case '>':
			case '\'', '"':
				k := bytes.IndexByte(page[j+1:], q)
				if k < 0 {
					return 0, 0, false
				}
				j += 1 + k + 1
			default:
				for j++; j < n; j++ {
					if c := page[j]; isHTMLSpace(c) {
						j++
						break
					} else if c == '>' {
						break
					}
				}
				if j >= n {
					return 0, 0, false
				}
			}
		}
		if !skipSpace() {
			return 0, 0, false
		}
	}
}

// commentEnd is where the comment whose text starts at page[i], past its
// "<!--", ends, as the tokenizer's readComment finds it; ok is false when
// the page ends first.
func commentEnd(page []byte, i int) (int, bool) {
	dashes, beginning := 0, true
	for j := i; j < len(page); j++ {
		switch page[j] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				return j + 1, true
			}
		case '!':
			if dashes >= 2 {
				j++
				if j >= len(page) {
					return 0, false
				}
				switch page[j] {
				case '>':
					return j + 1, true
				case '-':
					dashes, beginning = 1, false
					continue
				}
			}
		}
		dashes, beginning = 0, false
	}
	return 0, false
}

// readTag tokenizes the one tag t of page: its type and attributes as
// the tokenizer of the whole page gives them.
func readTag(page []byte, t tag) (nethtml.TokenType, []attr) {
	z := nethtml.NewTokenizer(bytes.NewReader(page[t.start:t.end]))
	tt := z.Next()
	_, hasAttr := z.TagName()
	var as []attr
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		as = append(as, attr{string(k), string(v)})
	}
	return tt, as
}

// startType is the type of the start tag t: self-closing only when it
// ends in "/>", which the tokenizer then decides.
func startType(page []byte, t tag) nethtml.TokenType {
	if t.closing {
		return nethtml.EndTagToken
	}
	if page[t.end-2] != '/' {
		return nethtml.StartTagToken
	}
	tt, _ := readTag(page, t)
	return tt
}
