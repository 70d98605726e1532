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

// A task list's checkbox is named, in the document's language, so that a
// screen reader says what the control is before its state and the task's
// text: <input checked="" disabled="" type="checkbox" aria-label="할 일">.

// taskLabels names a task's checkbox in the document's language.
var taskLabels = map[string]string{"ko": "할 일", "en": "Task"}

// taskLabelAttr carries the name from the transformer to the renderer.
var taskLabelAttr = []byte("aria-label")

// taskNames names every task checkbox of a document.
type taskNames struct{}

// Transform implements parser.ASTTransformer.
func (taskNames) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	lang, _ := pc.Get(langKey).(string)
	label, ok := taskLabels[lang]
	if !ok {
		label = taskLabels["en"]
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == east.KindTaskCheckBox {
			n.SetAttribute(taskLabelAttr, label)
		}
		return ast.WalkContinue, nil
	})
}

// taskRenderer writes a named checkbox.
type taskRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (taskRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if node.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input checked="" disabled="" type="checkbox"`)
		} else {
			_, _ = w.WriteString(`<input disabled="" type="checkbox"`)
		}
		if v, ok := node.Attribute(taskLabelAttr); ok {
			if s, ok := v.(string); ok {
				_, _ = w.WriteString(` aria-label="` + html.EscapeString(s) + `"`)
			}
		}
		_, _ = w.WriteString("> ")
		return ast.WalkContinue, nil
	})
}

// taskList is the extension: the transformer and the renderer, which
// takes the place of GFM's.
type taskList struct{}

// Extend implements goldmark.Extender.
func (taskList) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(taskNames{}, 200)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(taskRenderer{}, 100)))
}
