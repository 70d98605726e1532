package markdown

import (
	"bytes"
	"fmt"
	"html"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// An admonition is a box around Markdown content, as Docusaurus writes it:
//
//	:::tip[제목]
//	내용 **Markdown**
//	:::
//
// The kinds are note, tip, info, warning and danger (caution is warning).
// The title is optional ("[Title]" or the rest of the line) and defaults to
// the kind's name in the post's language. Admonitions nest, with the same
// number of colons or more on the outer one.
var admonitionOpen = regexp.MustCompile(`^(:{3,})\s*(note|tip|info|warning|caution|danger)(?:\[(.*)\]|\s+(.*))?\s*$`)

var admonitionClose = regexp.MustCompile(`^(:{3,})\s*$`)

// kindAdmonition is the AST kind of an admonition block.
var kindAdmonition = ast.NewNodeKind("Admonition")

// Admonition is an admonition block.
type Admonition struct {
	ast.BaseBlock
	// Box is the kind of box: note, tip, info, warning or danger.
	Box string
	// Title is the title as written, or the default for the kind.
	Title string
	// Custom reports a title written by the author.
	Custom bool
	colons int
	depth  int // admonitions open inside this one
}

// Kind implements ast.Node.
func (n *Admonition) Kind() ast.NodeKind { return kindAdmonition }

// Dump implements ast.Node.
func (n *Admonition) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Box": n.Box, "Title": n.Title}, nil)
}

// defaultTitles names the kinds in each language; other languages use
// English.
var defaultTitles = map[string]map[string]string{
	"ko": {"note": "참고", "tip": "팁", "info": "정보", "warning": "주의", "danger": "위험"},
	"en": {"note": "Note", "tip": "Tip", "info": "Info", "warning": "Warning", "danger": "Danger"},
}

// langKey carries the document's language through the parser context.
var langKey = parser.NewContextKey()

type admonitionParser struct{}

func (admonitionParser) Trigger() []byte { return []byte{':'} }

func (admonitionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	m := admonitionOpen.FindSubmatch(bytes.TrimRight(line, "\r\n"))
	if m == nil {
		return nil, parser.NoChildren
	}
	kind := string(m[2])
	if kind == "caution" {
		kind = "warning"
	}
	n := &Admonition{Box: kind, colons: len(m[1])}
	title := m[3]
	if title == nil {
		title = m[4]
	}
	if t := bytes.TrimSpace(title); len(t) > 0 {
		n.Title, n.Custom = string(t), true
	} else {
		lang, _ := pc.Get(langKey).(string)
		titles, ok := defaultTitles[lang]
		if !ok {
			titles = defaultTitles["en"]
		}
		n.Title = titles[kind]
	}
	reader.Advance(seg.Len())
	return n, parser.HasChildren
}

func (admonitionParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Admonition)
	line, seg := reader.PeekLine()
	trimmed := bytes.TrimRight(line, "\r\n")
	if m := admonitionClose.FindSubmatch(trimmed); m != nil {
		if n.depth > 0 {
			n.depth--
			return parser.Continue | parser.HasChildren // an inner one closes
		}
		if len(m[1]) >= n.colons {
			reader.Advance(seg.Len())
			return parser.Close
		}
	}
	if admonitionOpen.Match(trimmed) {
		n.depth++
	}
	return parser.Continue | parser.HasChildren
}

func (admonitionParser) Close(ast.Node, text.Reader, parser.Context) {}
func (admonitionParser) CanInterruptParagraph() bool                 { return true }
func (admonitionParser) CanAcceptIndentedLine() bool                 { return false }

type admonitionRenderer struct{}

func (admonitionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindAdmonition, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*Admonition)
		if entering {
			fmt.Fprintf(w, "<div class=\"admonition admonition-%s\" role=\"note\" aria-label=\"%s\">\n<p class=\"admonition-title\">%s</p>\n",
				n.Box, html.EscapeString(n.Title), html.EscapeString(n.Title))
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}

// admonitions is the goldmark extension for admonition blocks.
type admonitions struct{}

func (admonitions) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(admonitionParser{}, 50)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(admonitionRenderer{}, 50)))
}
