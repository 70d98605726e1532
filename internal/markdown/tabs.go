package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Tabs are written as Docusaurus writes them in MDX, each tag on a line of
// its own, the content of a tab in Markdown:
//
//	<Tabs groupId="os">
//	  <TabItem value="mac" label="macOS" default>
//	    brew install blog
//	  </TabItem>
//	  <TabItem value="linux" label="Linux">
//	    apt install blog
//	  </TabItem>
//	</Tabs>
//
// A tab's content is read with its common indentation removed, as MDX does.
// They become a group of radio buttons, one a tab, and the panels after
// them: CSS shows the panel of the checked button (":has()"; a browser
// without it shows every panel), so the tabs work without JavaScript, by
// keyboard as any radio group does, and every panel's text is in the page
// and in the plain text that search indexes. theme.js keeps tabs of the
// same groupId in step and remembers the choice.

var (
	tabsOpen   = regexp.MustCompile(`^\s*<Tabs(\s[^>]*)?>\s*$`)
	tabsClose  = regexp.MustCompile(`^\s*</Tabs>\s*$`)
	itemOpen   = regexp.MustCompile(`^\s*<TabItem(\s[^>]*)?>\s*$`)
	itemClose  = regexp.MustCompile(`^\s*</TabItem>\s*$`)
	jsxAttr    = regexp.MustCompile(`([A-Za-z][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*(?:"([^"]*)"|'([^']*)'|([^}]*))\s*\}))?`)
	fenceStart = regexp.MustCompile("^\\s*(```+|~~~+)")
)

// attrs reads the attributes of a JSX tag: `value="a" label='A' default`.
func attrs(s string) map[string]string {
	out := map[string]string{}
	for _, m := range jsxAttr.FindAllStringSubmatch(s, -1) {
		v := m[2] + m[3] + m[4] + m[5] + strings.TrimSpace(m[6])
		if m[0] == m[1] {
			v = "true" // a bare attribute: default
		}
		out[m[1]] = v
	}
	return out
}

// dedentTabs removes the common indentation of each TabItem's lines, as
// MDX reads them, so that an indented tab is not read as indented code.
// Lines stay where they were; fenced code outside tabs is left alone.
func dedentTabs(src []byte) []byte {
	if !bytes.Contains(src, []byte("<TabItem")) {
		return src
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	var fence []byte
	for i := 0; i < len(lines); i++ {
		if fence != nil {
			if bytes.HasPrefix(bytes.TrimSpace(lines[i]), fence) {
				fence = nil
			}
			continue
		}
		if m := fenceStart.FindSubmatch(lines[i]); m != nil {
			fence = m[1]
			continue
		}
		if !itemOpen.Match(bytes.TrimRight(lines[i], "\r\n")) {
			continue
		}
		end := i + 1
		for end < len(lines) && !itemClose.Match(bytes.TrimRight(lines[end], "\r\n")) {
			end++
		}
		indent := -1
		for _, l := range lines[i+1 : end] {
			if len(bytes.TrimSpace(l)) == 0 {
				continue
			}
			n := len(l) - len(bytes.TrimLeft(l, " \t"))
			if indent < 0 || n < indent {
				indent = n
			}
		}
		for j := i + 1; j < end && indent > 0; j++ {
			if len(bytes.TrimSpace(lines[j])) == 0 {
				lines[j] = bytes.TrimLeft(lines[j], " \t")
			} else {
				lines[j] = lines[j][indent:]
			}
		}
		i = end
	}
	return bytes.Join(lines, nil)
}

// Tabs is a group of tabs.
type Tabs struct {
	ast.BaseBlock
	Group string
	id    string // unique on a page: from the block's source
	depth int    // Tabs nested inside, open
}

// TabItem is one tab of a Tabs.
type TabItem struct {
	ast.BaseBlock
	Value, Label string
	Default      bool
	depth        int // TabItems nested inside, open
}

var (
	kindTabs    = ast.NewNodeKind("Tabs")
	kindTabItem = ast.NewNodeKind("TabItem")
)

// Kind implements ast.Node.
func (n *Tabs) Kind() ast.NodeKind { return kindTabs }

// Dump implements ast.Node.
func (n *Tabs) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// Kind implements ast.Node.
func (n *TabItem) Kind() ast.NodeKind { return kindTabItem }

// Dump implements ast.Node.
func (n *TabItem) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type tabsParser struct{}

func (tabsParser) Trigger() []byte { return []byte{'<'} }

func (tabsParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	trimmed := bytes.TrimRight(line, "\r\n")
	if m := tabsOpen.FindSubmatch(trimmed); m != nil {
		a := attrs(string(m[1]))
		sum := sha256.Sum256(reader.Source()[seg.Start:])
		n := &Tabs{Group: a["groupId"], id: "tabs-" + hex.EncodeToString(sum[:4])}
		reader.Advance(seg.Len())
		return n, parser.HasChildren
	}
	if _, inTabs := parent.(*Tabs); inTabs {
		if m := itemOpen.FindSubmatch(trimmed); m != nil {
			a := attrs(string(m[1]))
			label := a["label"]
			if label == "" {
				label = a["value"]
			}
			n := &TabItem{Value: a["value"], Label: label, Default: a["default"] == "true"}
			reader.Advance(seg.Len())
			return n, parser.HasChildren
		}
	}
	return nil, parser.NoChildren
}

func (tabsParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	trimmed := bytes.TrimRight(line, "\r\n")
	// A closing tag is taken up to its line's end, not past it: goldmark
	// reads the rest of the line for new blocks of the parent, and the
	// next line must come to the parent's Continue.
	consume := func() { reader.Advance(len(trimmed)) }
	switch n := node.(type) {
	case *Tabs:
		if tabsClose.Match(trimmed) {
			if n.depth > 0 {
				n.depth--
				return parser.Continue | parser.HasChildren
			}
			consume()
			return parser.Close
		}
		if tabsOpen.Match(trimmed) {
			n.depth++
		}
	case *TabItem:
		if itemClose.Match(trimmed) {
			if n.depth > 0 {
				n.depth--
				return parser.Continue | parser.HasChildren
			}
			consume()
			return parser.Close
		}
		if tabsClose.Match(trimmed) {
			return parser.Close // a tab left open: its Tabs closes it
		}
		if itemOpen.Match(trimmed) {
			n.depth++
		}
	}
	return parser.Continue | parser.HasChildren
}

func (tabsParser) Close(ast.Node, text.Reader, parser.Context) {}
func (tabsParser) CanInterruptParagraph() bool                 { return true }
func (tabsParser) CanAcceptIndentedLine() bool                 { return false }

type tabsRenderer struct{}

func (tabsRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTabs, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*Tabs)
		if !entering {
			_, _ = w.WriteString("</div>\n")
			return ast.WalkContinue, nil
		}
		var items []*TabItem
		checked := -1
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if it, ok := c.(*TabItem); ok {
				if it.Default && checked < 0 {
					checked = len(items)
				}
				items = append(items, it)
			}
		}
		checked = max(checked, 0)
		fmt.Fprintf(w, `<div class="tabs"`)
		if n.Group != "" {
			fmt.Fprintf(w, ` data-group="%s"`, html.EscapeString(n.Group))
		}
		fmt.Fprintf(w, ">\n<div class=\"tab-bar\" role=\"radiogroup\" aria-label=\"%s\">", html.EscapeString(tabsLabel(documentLang(n))))
		for i, it := range items {
			id := fmt.Sprintf("%s-%d", n.id, i)
			check := ""
			if i == checked {
				check = " checked"
			}
			fmt.Fprintf(w, `<input type="radio" name="%s" id="%s" value="%s"%s><label for="%s">%s</label>`,
				n.id, id, html.EscapeString(it.Value), check, id, html.EscapeString(it.Label))
		}
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	})
	reg.Register(kindTabItem, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*TabItem)
		if entering {
			fmt.Fprintf(w, "<div class=\"tab-panel\" data-value=\"%s\">\n", html.EscapeString(n.Value))
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}

func tabsLabel(lang string) string {
	if lang == "ko" {
		return "탭"
	}
	return "Tabs"
}

// tabs is the goldmark extension for Tabs and TabItem.
type tabs struct{}

func (tabs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(tabsParser{}, 60)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tabsRenderer{}, 60)))
}
