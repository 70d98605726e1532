// Package markdown is the one goldmark setup of the project: Markdown source
// in, HTML, table of contents, plain text and summary out.
//
// # Rules
//
// The dialect is GitHub Flavored Markdown (tables, strikethrough, task lists,
// autolinks) with footnotes. Raw HTML passes through only when Options.RawHTML
// says so; otherwise it is replaced by a comment.
//
// Korean text is handled as Korean readers expect:
//
//   - A soft line break is written as a line break, which a browser shows as a
//     space; it is never dropped between Hangul words (goldmark's East Asian
//     line-break rules are not enabled), and the plain text has a space there.
//   - Heading IDs keep every letter of every script ("## 3. 새로운 기능" gets
//     id="3-새로운-기능") and are unique on a page ("예시", "예시-1").
//
// Fenced code goes through one HighlightFunc, so a cache can wrap it. A code
// block in a language no lexer knows is plain escaped code, not an error. A
// "mermaid" block goes through Options.Diagram when it is set (a drawing
// made at build time); otherwise, or when Diagram declines, it becomes
// <pre class="mermaid"> with its source escaped, for Mermaid's script in the
// reader's browser, and Result.HasMermaid reports it.
//
// A summary marker on a line of its own (<!-- truncate -->, <!--more--> or the
// MDX form {/* truncate */}) ends the summary; the MDX form is removed from the
// HTML. Without a marker, the summary is the first paragraph.
//
// Admonitions (":::note[Title]" … ":::") become <div role="note"> boxes
// with a title; see admonition.go.
//
// A Renderer is built once per build and is safe for concurrent use.
package markdown

import (
	"bufio"
	"bytes"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures a Renderer.
type Options struct {
	// RawHTML lets raw HTML in the source through to the output.
	RawHTML bool
	// Highlight highlights fenced code. Nil means NewChroma().Highlight.
	Highlight HighlightFunc
	// Diagram, if set, turns the source of a mermaid block into HTML (an
	// inline drawing). With ok=false the block is kept as
	// <pre class="mermaid"> for the reader's browser. Like Highlight, it
	// must be safe for concurrent use and give the same output for the
	// same source.
	Diagram func(source []byte) (html []byte, ok bool)
}

// Renderer renders Markdown. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// Heading is one entry of a table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is what rendering one document gives.
type Result struct {
	// HTML is the whole document.
	HTML []byte
	// Summary is the HTML above the summary marker, or the first paragraph.
	Summary []byte
	// HasMarker reports whether the source has a summary marker.
	HasMarker bool
	// Headings lists every heading in document order.
	Headings []Heading
	// Text is the document as plain text: prose, headings and code, with a
	// space for every soft line break and a newline between blocks.
	Text string
	// HasMermaid reports whether the document has a mermaid diagram left
	// for Mermaid's script in the reader's browser: one that
	// Options.Diagram did not draw.
	HasMermaid bool

	buf *outBuf // HTML's storage, back to the pool on Release
}

// Release hands the storage of HTML and Summary back for the next
// document; neither may be used after it. A Result not released is left
// to the garbage collector.
func (res *Result) Release() {
	if res.buf != nil {
		res.HTML, res.Summary = nil, nil
		if res.buf.b.Cap() <= maxPooledBuf {
			outBufs.Put(res.buf)
		}
		res.buf = nil
	}
}

// outBuf is a document's output buffer and the writer in front of it,
// kept between documents: a post's HTML is copied into its cache entry
// or its page, so growing a new buffer for every post only makes garbage.
type outBuf struct {
	b bytes.Buffer
	w *bufio.Writer
}

// maxPooledBuf is the largest buffer kept: one huge document should not
// pin its buffer for the rest of the build.
const maxPooledBuf = 1 << 20

var outBufs = sync.Pool{New: func() any {
	o := &outBuf{}
	o.w = bufio.NewWriter(&o.b)
	return o
}}

// New builds a Renderer.
func New(opts Options) *Renderer {
	hl := opts.Highlight
	if hl == nil {
		hl = NewChroma().Highlight
	}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&codeRenderer{highlight: hl, diagram: opts.Diagram}, 100), util.Prioritized(headingRenderer{}, 100)),
	}
	if opts.RawHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, admonitions{}, tabs{}, tableScroll{}, taskList{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(docLinks{}, 100))),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Renderer{md: md}
}

var (
	htmlMarker = regexp.MustCompile(`^<!--\s*(?:truncate|more)\s*-->\s*$`)
	mdxMarker  = regexp.MustCompile(`^\{/\*\s*truncate\s*\*/\}$`)
)

// Render renders one document written in lang ("ko", "en"), which names
// the default admonition titles.
func (r *Renderer) Render(src []byte, lang string) (*Result, error) {
	return r.RenderDoc(src, lang, LinksAsWritten)
}

// RenderDoc is Render for a page or a doc, whose relative links are
// rewritten as links says (links.go).
func (r *Renderer) RenderDoc(src []byte, lang string, links LinkMode) (*Result, error) {
	src = dedentTabs(src)
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	ctx.Set(langKey, lang)
	ctx.Set(linkModeKey, links)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	doc.SetAttributeString("lang", []byte(lang))

	ob := outBufs.Get().(*outBuf)
	ob.b.Reset()
	ob.w.Reset(&ob.b)
	res := &Result{buf: ob}
	buf, w := &ob.b, ob.w
	buf.Grow(len(src) + len(src)/2)
	summaryEnd, firstPara := -1, [2]int{-1, -1}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if isMarker(n, src) {
			if summaryEnd < 0 {
				if err := w.Flush(); err != nil {
					return nil, err
				}
				summaryEnd = buf.Len()
				res.HasMarker = true
			}
			if n.Kind() == ast.KindParagraph {
				continue // the MDX marker would show as text
			}
		}
		if firstPara[0] < 0 && n.Kind() == ast.KindParagraph {
			if err := w.Flush(); err != nil {
				return nil, err
			}
			firstPara[0] = buf.Len()
		}
		if err := r.md.Renderer().Render(w, src, n); err != nil {
			return nil, err
		}
		if firstPara[0] >= 0 && firstPara[1] < 0 {
			if err := w.Flush(); err != nil {
				return nil, err
			}
			firstPara[1] = buf.Len()
		}
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	res.HTML = buf.Bytes()
	switch {
	case summaryEnd >= 0:
		res.Summary = bytes.TrimSpace(res.HTML[:summaryEnd])
	case firstPara[0] >= 0:
		res.Summary = bytes.TrimSpace(res.HTML[firstPara[0]:firstPara[1]])
	}
	collect(doc, src, res)
	return res, nil
}

func isMarker(n ast.Node, src []byte) bool {
	switch n.Kind() {
	case ast.KindHTMLBlock:
		l := n.Lines()
		return l.Len() == 1 && htmlMarker.Match(bytes.TrimSpace(segValue(l.At(0), src)))
	case ast.KindParagraph:
		l := n.Lines()
		return l.Len() == 1 && mdxMarker.Match(bytes.TrimSpace(segValue(l.At(0), src)))
	}
	return false
}

// collect walks the document once for headings, plain text and diagrams.
func collect(doc ast.Node, src []byte, res *Result) {
	var sb strings.Builder
	sb.Grow(len(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Heading:
			if entering {
				id, _ := n.AttributeString("id")
				idb, _ := id.([]byte)
				// A post's headings are held for the whole build: its
				// ID and text in one string.
				text := plainText(n, src)
				both := string(idb) + text
				res.Headings = append(res.Headings, Heading{Level: n.Level, ID: both[:len(idb)], Text: both[len(idb):]})
			}
		case *ast.Text:
			if entering {
				sb.Write(n.Segment.Value(src))
				switch {
				case n.HardLineBreak():
					sb.WriteByte('\n')
				case n.SoftLineBreak():
					sb.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				sb.Write(n.Value)
			}
		case *ast.FencedCodeBlock:
			if entering {
				if lang := string(n.Language(src)); lang == "mermaid" {
					if _, drawn := n.Attribute(drawnAttr); !drawn {
						res.HasMermaid = true
					}
				}
				writeLines(&sb, n, src)
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			if entering {
				writeLines(&sb, n, src)
			}
			return ast.WalkSkipChildren, nil
		}
		if !entering && n.Type() == ast.TypeBlock && sb.Len() > 0 && !strings.HasSuffix(sb.String(), "\n") {
			sb.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	})
	res.Text = strings.TrimSpace(sb.String())
	if cap(res.Headings) > len(res.Headings) {
		res.Headings = slices.Clone(res.Headings) // at its size
	}
}

func writeLines(sb *strings.Builder, n ast.Node, src []byte) {
	l := n.Lines()
	for i := 0; i < l.Len(); i++ {
		sb.Write(segValue(l.At(i), src))
	}
	if l.Len() > 0 {
		sb.WriteByte('\n')
	}
}

// plainText is the text of an inline tree, without markup.
func plainText(n ast.Node, src []byte) string {
	var sb strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			sb.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(sb.String())
}

func segValue(s text.Segment, src []byte) []byte { return s.Value(src) }
