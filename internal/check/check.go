// Package check validates a site without writing it: everything blog build
// validates, plus the links, images and anchors posts point at, posts
// without a translation and tags that differ only in case or Unicode form.
//
// # Input and output
//
// Run takes the site folder as an fs.FS and returns Findings, sorted by
// file and line. Errors are what a build must not publish (broken front
// matter, a link to a page that does not exist); warnings are worth a look
// (a post without a translation, ISTIO next to istio).
//
// # Links
//
// Links are read from each post's Markdown source, outside code, as
// [text](dest), ![alt](dest), and href="…" or src="…" in raw HTML, so each
// finding has its line. A destination is checked against the built site: a
// site path ("/posts/x/"), a path relative to the post's page ("img.png",
// "../other/"), and a "#fragment" against the ids of the target page.
// Links to other sites are not fetched.
package check

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/markdown"
	"blog/internal/problem"
	"blog/internal/site"
)

// Severity says whether a finding fails the check.
type Severity string

// The severities of findings.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one problem found.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line,omitempty"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

func (f Finding) String() string {
	loc := f.File
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	if f.Severity == Warning {
		return fmt.Sprintf("%s: warning: %s", loc, f.Message)
	}
	return fmt.Sprintf("%s: %s", loc, f.Message)
}

// Findings are the results of a check.
type Findings []Finding

// Errors counts the findings that fail the check.
func (fs Findings) Errors() int {
	n := 0
	for _, f := range fs {
		if f.Severity == Error {
			n++
		}
	}
	return n
}

// Run checks the site in fsys; dir is its folder on disk, for git, or "".
func Run(fsys fs.FS, dir string) (Findings, error) {
	b, err := site.NewBuilder(fsys, site.BuilderOptions{KeepSource: true, Dir: dir})
	if list := problem.Of(err); list != nil {
		return findings(list, Error), nil
	}
	if err != nil {
		return nil, err
	}
	out, set, err := b.Build()
	if list := problem.Of(err); list != nil {
		return sorted(findings(list, Error)), nil
	}
	if err != nil {
		return nil, err
	}
	c := &checker{cfg: b.Config, out: out, ids: map[string]map[string]bool{}, pages: map[string]*site.File{}}
	c.found = findings(out.Warnings, Warning)
	for _, f := range out.Files {
		if f.Page != nil && f.Page.Post != nil && f.Page.Lang == f.Page.Post.Lang {
			c.pages[f.Page.Post.File] = f
		}
	}
	for _, p := range slices.Concat(set.Posts, set.Pages, set.Docs) {
		c.links(p)
	}
	c.translations(set)
	c.tags(set)
	return sorted(c.found), nil
}

// findings turns problems into findings of one severity.
func findings(list problem.List, sev Severity) Findings {
	var out Findings
	for _, e := range list {
		out = append(out, Finding{File: e.File, Line: e.Line, Severity: sev, Message: e.Msg})
	}
	return out
}

func sorted(f Findings) Findings {
	slices.SortStableFunc(f, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Message, b.Message))
	})
	return f
}

type checker struct {
	cfg   *config.Config
	out   *site.Output
	ids   map[string]map[string]bool // output file → ids in it
	pages map[string]*site.File      // post file → its page
	found Findings
}

func (c *checker) add(file string, line int, sev Severity, format string, args ...any) {
	c.found = append(c.found, Finding{File: file, Line: line, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

var (
	mdLink   = regexp.MustCompile(`!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	htmlLink = regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*"([^"]+)"`)
	fence    = regexp.MustCompile("^\\s*(```|~~~)")
	inline   = regexp.MustCompile("`[^`]*`")
)

// links checks every link of a post's source against the built site.
func (c *checker) links(p *content.Post) {
	page := c.pages[p.File]
	if page == nil {
		return // a draft or a future post: not built
	}
	src := p.Source()
	inFence := false
	for i, line := range strings.Split(string(src), "\n") {
		if fence.MatchString(line) {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		line = inline.ReplaceAllString(line, "")
		var dests []string
		for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
			dests = append(dests, m[1])
		}
		for _, m := range htmlLink.FindAllStringSubmatch(line, -1) {
			dests = append(dests, m[1])
		}
		for _, d := range dests {
			if msg := c.resolve(page, markdown.DocLink(d, linkMode(p))); msg != "" {
				c.add(p.File, p.BodyLine()+i, Error, "%s", msg)
			}
		}
	}
}

// linkMode is how a document's links are rewritten for its page.
func linkMode(p *content.Post) markdown.LinkMode {
	switch {
	case p.Kind == content.KindPost || p.Kind == "":
		return markdown.LinksAsWritten
	case p.Index:
		return markdown.LinksOfIndex
	}
	return markdown.LinksOfNested
}

// resolve checks one link destination from a page; it returns a message
// when the link is broken.
func (c *checker) resolve(page *site.File, dest string) string {
	u, err := url.Parse(dest)
	if err != nil {
		return fmt.Sprintf("link %q is not a URL: %v", dest, err)
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return "" // another site, or mailto: and the like
	}
	target := page.Path
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Join(path.Dir("/"+page.Path), p)
			if strings.HasSuffix(u.Path, "/") {
				p += "/"
			}
		} else {
			base := strings.TrimSuffix(c.cfg.BasePath(), "/")
			if base != "" && strings.HasPrefix(p, base+"/") {
				p = strings.TrimPrefix(p, base)
			}
		}
		rel := strings.TrimPrefix(p, "/")
		f := c.out.Lookup(rel)
		if f == nil || strings.HasSuffix(p, "/") {
			f = c.out.Lookup(path.Join(rel, "index.html"))
		}
		if f == nil {
			return fmt.Sprintf("link %q points at %s, which the site does not have", dest, p)
		}
		target = f.Path
	}
	if u.Fragment == "" || !strings.HasSuffix(target, ".html") {
		return ""
	}
	if !c.idsOf(target)[u.Fragment] {
		return fmt.Sprintf("link %q: no element with id %q on %s", dest, u.Fragment, "/"+strings.TrimSuffix(target, "index.html"))
	}
	return ""
}

// idsOf lists the ids of an HTML file of the output.
func (c *checker) idsOf(file string) map[string]bool {
	if ids, ok := c.ids[file]; ok {
		return ids
	}
	ids := map[string]bool{}
	if f := c.out.Lookup(file); f != nil && f.Data != nil {
		z := html.NewTokenizer(bytes.NewReader(f.Data))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
				for _, a := range z.Token().Attr {
					if a.Key == "id" || a.Key == "name" {
						ids[a.Val] = true
					}
				}
			}
		}
	}
	c.ids[file] = ids
	return ids
}

// translations reports posts that exist in only some of the languages.
func (c *checker) translations(set *content.Set) {
	if len(c.cfg.Languages) < 2 {
		return
	}
	for _, p := range set.Posts {
		for _, l := range c.cfg.Languages {
			if l.Code != p.Lang && p.Translation(l.Code) == nil {
				c.add(p.File, 0, Warning, "no %s translation (same id, or %s.%s.md beside it)", l.Code, p.Name, l.Code)
			}
		}
	}
}

// tags reports tags written differently that become one tag.
func (c *checker) tags(set *content.Set) {
	type use struct{ name, file string }
	bySlug := map[string][]use{}
	for _, p := range set.Posts {
		for _, t := range p.Tags {
			bySlug[t.Slug] = append(bySlug[t.Slug], use{t.Name, p.File})
		}
		// Tags and names are compared in NFC; the file may hold another form.
		if line := p.NotNFCLine(); line > 0 {
			c.add(p.File, line, Warning, "text not in Unicode NFC form (as macOS may write Hangul); it is read as NFC, so tags and links match")
		}
	}
	slugs := make([]string, 0, len(bySlug))
	for s := range bySlug {
		slugs = append(slugs, s)
	}
	slices.Sort(slugs)
	for _, s := range slugs {
		uses := bySlug[s]
		first := uses[0]
		for _, u := range uses[1:] {
			if u.name != first.name {
				c.add(u.file, 0, Warning, "tag %q is written %q in %s; both are the tag %q", u.name, first.name, first.file, s)
				break
			}
		}
	}
}
