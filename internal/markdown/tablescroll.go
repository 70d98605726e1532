package markdown

import (
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A table sits in a box of its own that scrolls sideways when the table is
// wider than the column, so the page never does:
//
//	<div class="table-scroll" role="region" aria-label="표" tabindex="0"><table>…</table></div>
//
// The box is a named region that takes the keyboard's focus, so a reader
// without a pointer can scroll it with the arrow keys; the theme draws a
// shadow at the edge that has more.

// tableScrollLabels names the box in the document's language.
var tableScrollLabels = map[string]string{"ko": "표", "en": "Table"}

// TableScroll is the scrolling box around one table.
type TableScroll struct {
	ast.BaseBlock
	Label string
}

var kindTableScroll = ast.NewNodeKind("TableScroll")

// Kind implements ast.Node.
func (n *TableScroll) Kind() ast.NodeKind { return kindTableScroll }

// Dump implements ast.Node.
func (n *TableScroll) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.Label}, nil)
}

// tableScrolls puts every table of a document into its box.
type tableScrolls struct{}

// Transform implements parser.ASTTransformer.
func (tableScrolls) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	lang, _ := pc.Get(langKey).(string)
	label, ok := tableScrollLabels[lang]
	if !ok {
		label = tableScrollLabels["en"]
	}
	var tables []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == east.KindTable {
			tables = append(tables, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		box := &TableScroll{Label: label}
		t.Parent().ReplaceChild(t.Parent(), t, box)
		box.AppendChild(box, t)
	}
}

// tableScrollRenderer writes the box.
type tableScrollRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (tableScrollRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTableScroll, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="table-scroll" role="region" aria-label="` + html.EscapeString(node.(*TableScroll).Label) + `" tabindex="0">` + "\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}

// tableScroll is the extension: the transformer and the renderer.
type tableScroll struct{}

// Extend implements goldmark.Extender.
func (tableScroll) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(tableScrolls{}, 200)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tableScrollRenderer{}, 100)))
}
