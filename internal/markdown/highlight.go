package markdown

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// HighlightFunc turns code in a language into highlighted HTML, a whole
// <pre> element. It returns ok=false when it does not know the language, and
// the caller writes plain code instead. It must be safe for concurrent use
// and give the same output for the same input, so a cache can wrap it.
type HighlightFunc func(lang string, code []byte) (out []byte, ok bool)

// Chroma highlights with chroma, writing CSS classes rather than inline
// styles, so one stylesheet serves the light and the dark look.
type Chroma struct {
	lexers sync.Map // language name → chroma.Lexer, or nil
}

// Light and dark chroma styles of the generated stylesheet.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
)

// NewChroma builds the chroma highlighter. Its HTML is chroma's HTML
// formatter's with classes, written by writeTokens.
func NewChroma() *Chroma {
	return &Chroma{}
}

// lexer looks a language up once; chroma's own lookup scans every lexer's
// file patterns when a name is not an alias.
func (c *Chroma) lexer(lang string) chroma.Lexer {
	if v, ok := c.lexers.Load(lang); ok {
		l, _ := v.(chroma.Lexer)
		return l
	}
	l := lexers.Get(lang)
	if l != nil {
		l = chroma.Coalesce(l)
	}
	c.lexers.Store(lang, l)
	return l
}

// Highlight is the HighlightFunc of c.
func (c *Chroma) Highlight(lang string, code []byte) ([]byte, bool) {
	if lang == "" {
		return nil, false
	}
	l := c.lexer(strings.ToLower(lang))
	if l == nil {
		return nil, false
	}
	var tokens []chroma.Token
	ok := false
	if scan := scanners[l.Config().Name]; scan != nil {
		tokens, ok = scan(string(code))
	}
	if !ok {
		it, err := l.Tokenise(nil, string(code))
		if err != nil {
			return nil, false
		}
		tokens = it.Tokens()
	}
	buf := scratch.Get().(*bytes.Buffer)
	buf.Reset()
	writeTokens(buf, tokens)
	// The result is kept (in the cache's pending writes, in the page), so
	// it gets a slice of its own size; the buffer is for the next block.
	out := bytes.Clone(buf.Bytes())
	if buf.Cap() <= maxPooledBuf {
		scratch.Put(buf)
	}
	return out, true
}

var scratch = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// StyleSheet returns the CSS for highlighted code: the light style by
// default, the dark one when the system prefers dark (unless the page says
// data-theme="light") or when the page says data-theme="dark". It is
// chroma.css, made from chroma's styles LightStyle and DarkStyle by
// makeStyleSheet (highlight_css_test.go), which checks it is what they
// give: importing chroma's styles costs every run of blog 10 ms, to parse
// all of them.
func StyleSheet() ([]byte, error) { return bytes.Clone(styleSheet), nil }

//go:embed chroma.css
var styleSheet []byte

// codeRenderer renders fenced and indented code blocks.
type codeRenderer struct {
	highlight HighlightFunc
	diagram   func(source []byte) ([]byte, bool)
}

// drawnAttr marks a mermaid block that Options.Diagram drew, for collect,
// which runs after rendering; no renderer writes it.
var drawnAttr = []byte("blog-drawn")

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
	reg.Register(ast.KindCodeBlock, r.render)
}

func (r *codeRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var lang string
	meta := codeMeta{firstLine: 1}
	if fc, ok := n.(*ast.FencedCodeBlock); ok {
		lang = string(fc.Language(src))
		if fc.Info != nil {
			info := string(fc.Info.Segment.Value(src))
			meta = parseMeta(strings.TrimSpace(strings.TrimPrefix(info, lang)))
		}
	}
	var code bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		code.Write(segValue(lines.At(i), src))
	}
	if lang == "mermaid" {
		if r.diagram != nil {
			if out, ok := r.diagram(code.Bytes()); ok {
				_, _ = w.Write(out)
				_ = w.WriteByte('\n')
				n.SetAttribute(drawnAttr, true)
				return ast.WalkSkipChildren, nil
			}
		}
		_, _ = w.WriteString(`<pre class="mermaid">`)
		_, _ = w.WriteString(html.EscapeString(code.String()))
		_, _ = w.WriteString("</pre>\n")
		return ast.WalkSkipChildren, nil
	}
	body := takeMagicComments(code.Bytes(), meta.marked)
	docLang := documentLang(n)
	if out, ok := r.highlight(lang, body); ok {
		writeFigure(w, decorate(out, meta), lang, docLang, meta)
		return ast.WalkSkipChildren, nil
	}
	var pre bytes.Buffer
	if lang != "" {
		fmt.Fprintf(&pre, `<pre class="plain"><code class="language-%s">`, html.EscapeString(lang))
	} else {
		pre.WriteString(`<pre class="plain"><code>`)
	}
	if len(meta.marked) > 0 || meta.numbered {
		pre.Write(decorate(plainLines(body), meta))
	} else {
		pre.WriteString(html.EscapeString(string(body)))
	}
	pre.WriteString("</code></pre>")
	writeFigure(w, pre.Bytes(), lang, docLang, meta)
	return ast.WalkSkipChildren, nil
}

// documentLang is the language Render was asked for, kept on the document.
func documentLang(n ast.Node) string {
	for n.Parent() != nil {
		n = n.Parent()
	}
	if v, ok := n.AttributeString("lang"); ok {
		if b, ok := v.([]byte); ok {
			return string(b)
		}
	}
	return ""
}
