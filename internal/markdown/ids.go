package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// headingIDs makes heading IDs that keep every letter and digit of any
// script, so "3. 새로운 기능" becomes "3-새로운-기능", and keeps them unique on
// a page by numbering repeats ("예시", "예시-1"). One value serves one
// document.
type headingIDs struct {
	used map[string]bool
	next map[string]int // by base: the number its next repeat tries first
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}, next: map[string]int{}} }

// slugify turns heading text into the base of an ID: NFC, lower case,
// letters, digits and '_' kept, every run of anything else (spaces,
// punctuation, '-') becomes one '-' between words.
func slugify(text []byte) string {
	text = norm.NFC.Bytes(text)
	out := make([]byte, 0, len(text))
	dash := false
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		text = text[n:]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			if dash && len(out) > 0 {
				out = append(out, '-')
			}
			dash = false
			out = utf8.AppendRune(out, unicode.ToLower(r))
		case r == '_':
			if dash && len(out) > 0 {
				out = append(out, '-')
			}
			dash = false
			out = append(out, '_')
		default:
			dash = true
		}
	}
	return string(out)
}

// Generate implements parser.IDs.
func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slugify(value)
	if base == "" {
		base = "section"
	}
	// Each base remembers how far its numbers went, so that a page of
	// ten thousand "## 예시" costs ten thousand steps, not fifty million.
	id := base
	for i := max(1, h.next[base]); h.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
		h.next[base] = i + 1
	}
	h.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs: IDs written by hand ({#id}) are reserved.
func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }
