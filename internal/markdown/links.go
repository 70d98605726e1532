package markdown

import (
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Links of pages and docs are written as Docusaurus writes them: relative
// to the file, to other files by their names ("./setup.md#설치",
// "../img/a.png"). A page is served at a folder's address ("/docs/a/b/" for
// b.md), one level below its file, so such a link is rewritten for it: a
// .md or .mdx file becomes the page's address ("setup/", an index.md its
// folder's), and a page that is not its folder's own (Nested) gets one
// "../" more. Links with a scheme, a host, a leading "/" or only a
// fragment are left alone.

// LinkMode says how Render rewrites a document's relative links.
type LinkMode int

const (
	// LinksAsWritten leaves links alone (posts).
	LinksAsWritten LinkMode = iota
	// LinksOfIndex rewrites links of a folder's own page (index.md).
	LinksOfIndex
	// LinksOfNested rewrites links of any other page or doc.
	LinksOfNested
)

var linkModeKey = parser.NewContextKey()

// docLinks is the AST transformer that rewrites links (linkModeKey).
type docLinks struct{}

func (docLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	mode, _ := pc.Get(linkModeKey).(LinkMode)
	if mode == LinksAsWritten {
		return
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			l.Destination = []byte(rewriteLink(string(l.Destination), mode))
		case *ast.Image:
			l.Destination = []byte(rewriteLink(string(l.Destination), mode))
		}
		return ast.WalkContinue, nil
	})
}

// DocLink is a link of a page or doc as its page has it (for tools that
// read the Markdown, as blog check does).
func DocLink(dest string, mode LinkMode) string { return rewriteLink(dest, mode) }

// rewriteLink is one link as the page's address needs it.
func rewriteLink(dest string, mode LinkMode) string {
	if mode == LinksAsWritten || dest == "" || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "#") {
		return dest
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return dest
	}
	p := u.Path
	if ext := path.Ext(p); ext == ".md" || ext == ".mdx" {
		stem := strings.TrimSuffix(p, ext)
		if base := path.Base(stem); base == "index" || strings.EqualFold(base, "README") {
			p = path.Dir(stem) + "/"
			if p == "./" {
				p = "./"
			}
		} else {
			p = stem + "/"
		}
	}
	if mode == LinksOfNested {
		p = "../" + strings.TrimPrefix(p, "./")
	}
	u.Path = p
	return u.String()
}
