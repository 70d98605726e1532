package site_test

import (
	"bytes"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"blog/internal/site"
)

// This file holds the helpers the site tests share: reading an Output's
// files, parsing its pages with golang.org/x/net/html and finding elements
// in them, and turning a link found in a page into the output file it
// names.

// fileData returns the bytes of an output file, generated or copied.
func fileData(t *testing.T, f *site.File) []byte {
	t.Helper()
	if f.Data != nil {
		return f.Data
	}
	data, err := fs.ReadFile(f.Source, f.SourcePath)
	if err != nil {
		t.Fatalf("%s: reading its source %s: %v", f.Path, f.SourcePath, err)
	}
	return data
}

// mustFile returns the output file at p or stops the test.
func mustFile(t *testing.T, out *site.Output, p string) *site.File {
	t.Helper()
	f := out.Lookup(p)
	if f == nil {
		t.Fatalf("output has no %s; it has:\n%s", p, strings.Join(paths(out), "\n"))
	}
	return f
}

// paths lists the output paths, for failure messages.
func paths(out *site.Output) []string {
	var ps []string
	for _, f := range out.Files {
		ps = append(ps, f.Path)
	}
	return ps
}

// htmlFiles returns the output's HTML files.
func htmlFiles(out *site.Output) []*site.File {
	var fs []*site.File
	for _, f := range out.Files {
		if path.Ext(f.Path) == ".html" {
			fs = append(fs, f)
		}
	}
	return fs
}

// parsePage parses the output file at p as HTML.
func parsePage(t *testing.T, out *site.Output, p string) *html.Node {
	t.Helper()
	return parseFile(t, mustFile(t, out, p))
}

// parseFile parses an output file as HTML.
func parseFile(t *testing.T, f *site.File) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(fileData(t, f)))
	if err != nil {
		t.Fatalf("%s: parsing HTML: %v", f.Path, err)
	}
	return doc
}

// attr returns the value of an attribute of n, and whether n has it.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// attrOr returns the value of an attribute of n, or "".
func attrOr(n *html.Node, key string) string {
	v, _ := attr(n, key)
	return v
}

// hasClass reports whether n's class attribute names class.
func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attrOr(n, "class")), class)
}

// all returns every element under root (root included) that match
// accepts, in document order.
func all(root *html.Node, match func(*html.Node) bool) []*html.Node {
	var found []*html.Node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && match(n) {
			found = append(found, n)
		}
	}
	if root.Type == html.ElementNode && match(root) {
		found = append([]*html.Node{root}, found...)
	}
	return found
}

// first returns the first element under root that match accepts, or nil.
func first(root *html.Node, match func(*html.Node) bool) *html.Node {
	if found := all(root, match); len(found) > 0 {
		return found[0]
	}
	return nil
}

// tag matches elements by tag name.
func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

// tagClass matches elements by tag name and class.
func tagClass(name, class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name && hasClass(n, class) }
}

// text returns the text under n, with runs of space collapsed.
func text(n *html.Node) string {
	var sb strings.Builder
	if n.Type == html.TextNode {
		sb.WriteString(n.Data)
	}
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			sb.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}

// ids returns the set of id attributes in a document.
func ids(doc *html.Node) map[string]bool {
	set := map[string]bool{}
	for _, n := range all(doc, func(n *html.Node) bool { _, ok := attr(n, "id"); return ok }) {
		set[attrOr(n, "id")] = true
	}
	return set
}

// target is where a link found in a page leads inside the site.
type target struct {
	// File is the output path the link names, unescaped.
	File string
	// Fragment is the unescaped fragment, "" when none.
	Fragment string
}

// resolve turns a link found in the page at output path from into the
// output file it names. ok is false for links that leave the site: another
// scheme or host, or a path outside base (the site's base URL), which is an
// error for a link without scheme and host.
// "x/" names "x/index.html".
func resolve(t *testing.T, base *url.URL, from, link string) (target, bool) {
	t.Helper()
	ref, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		t.Errorf("%s: link %q does not parse: %v", from, link, err)
		return target{}, false
	}
	page := base.ResolveReference(&url.URL{Path: from})
	u := page.ResolveReference(ref)
	if u.Scheme != base.Scheme || u.Host != base.Host {
		return target{}, false
	}
	if !strings.HasPrefix(u.Path, base.Path) {
		if ref.Scheme == "" && ref.Host == "" {
			t.Errorf("%s: link %q leaves the site's base path %s", from, link, base.Path)
		}
		return target{}, false
	}
	p := strings.TrimPrefix(u.Path, base.Path)
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return target{File: p, Fragment: u.Fragment}, true
}
