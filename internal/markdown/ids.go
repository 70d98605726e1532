package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// headingIDs makes heading IDs as GitHub and Docusaurus do
// (github-slugger), so links into an imported post or doc, and links from
// elsewhere to a heading, keep working: every letter, digit and mark of
// any script kept and lower-cased, '-' and '_' kept, each space a '-',
// everything else dropped. "3. 새로운 기능" is "3-새로운-기능", "HA + 확장"
// is "ha--확장". Repeats on a page are numbered ("예시", "예시-1"). One
// value serves one document.
type headingIDs struct {
	used map[string]bool
	next map[string]int // by base: the number its next repeat tries first
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}, next: map[string]int{}} }

// slugify turns heading text into the base of an ID, as github-slugger
// does.
func slugify(text []byte) string {
	text = norm.NFC.Bytes(text)
	out := make([]byte, 0, len(text))
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		text = text[n:]
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			out = utf8.AppendRune(out, unicode.ToLower(r))
		case r == '_' || r == '-' || unicode.Is(unicode.Pc, r):
			out = utf8.AppendRune(out, r)
		case r == ' ':
			out = append(out, '-')
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
