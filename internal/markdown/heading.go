package markdown

import (
	"fmt"
	"html"
	"net/url"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// headingRenderer writes headings with their id and a "#" link to
// themselves, so a reader can copy a link to any section. The link is
// hidden from screen readers, which reach headings on their own.
type headingRenderer struct{}

func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.Heading)
		id, _ := n.AttributeString("id")
		idb, _ := id.([]byte)
		if entering {
			if idb == nil {
				fmt.Fprintf(w, "<h%d>", n.Level)
			} else {
				fmt.Fprintf(w, "<h%d id=\"%s\">", n.Level, html.EscapeString(string(idb)))
			}
			return ast.WalkContinue, nil
		}
		if idb != nil {
			fmt.Fprintf(w, "<a class=\"heading-anchor\" href=\"#%s\" aria-hidden=\"true\" tabindex=\"-1\">#</a>", html.EscapeString(url.PathEscape(string(idb))))
		}
		fmt.Fprintf(w, "</h%d>\n", n.Level)
		return ast.WalkContinue, nil
	})
}
