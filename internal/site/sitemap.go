package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"html"
	"slices"
	"strings"

	"blog/internal/content"
)

// The sitemap lists every real page (not 404 pages, search pages, which
// say noindex, or redirects). A page
// with a translation lists an xhtml:link for each language version that
// exists, itself included, and an x-default pointing at the default
// language's version, as search engines ask.

// sitemap makes sitemap.xml, robots.txt and the files GitHub Pages reads
// (.nojekyll, CNAME). The sitemap is written again
// only when a page, a date or an alternate changed.
func (b *builder) sitemap() ([]*File, error) {
	var h sig
	h.str(b.cfg.BaseURL)
	for _, pg := range b.pages {
		if pg.Kind == "404" || pg.Kind == "search" {
			continue
		}
		h.str(pg.Path)
		if pg.Post != nil {
			h.num(uint64(pg.Post.Date.Unix()))
			_, off := pg.Post.Date.Zone()
			h.num(uint64(off))
		}
		for _, a := range pg.Alternates {
			h.str(a.Path)
		}
		h.num(uint64(len(pg.Alternates)))
	}
	sitemap, err := b.reuse("sitemap.xml", h.sum(), b.makeSitemap)
	if err != nil {
		return nil, err
	}
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", b.abs("/sitemap.xml"))
	files := []*File{sitemap, {Path: "robots.txt", Data: []byte(robots)},
		// GitHub Pages would run Jekyll over the site without it, hiding
		// files and folders whose names start with "_".
		{Path: ".nojekyll", Data: []byte{}}}
	if b.cfg.CNAME != "" {
		files = append(files, &File{Path: "CNAME", Data: []byte(b.cfg.CNAME + "\n")})
	}
	return files, nil
}

// sitemapPaths are the paths of the files sitemap makes, known before it
// makes them.
func (b *builder) sitemapPaths() []string {
	paths := []string{"sitemap.xml", "robots.txt", ".nojekyll"}
	if b.cfg.CNAME != "" {
		paths = append(paths, "CNAME")
	}
	return paths
}

func (b *builder) makeSitemap() ([]byte, error) {
	base := strings.TrimSuffix(b.cfg.BaseURL, "/")
	type entry struct {
		loc string // the page's escaped path, after base
		pg  *Page
	}
	entries := make([]entry, 0, len(b.pages))
	size := 0
	for _, pg := range b.pages {
		if pg.Kind == "404" || pg.Kind == "search" {
			continue
		}
		e := entry{escapePath(pg.Path), pg}
		entries = append(entries, e)
		size += len(base) + len(e.loc) + 64
		if pg.Post != nil {
			size += 48
		}
		if len(pg.Alternates) > 1 {
			for _, a := range pg.Alternates {
				size += len(base) + 3*len(a.Path) + 80
			}
			size += len(base) + 3*len(pg.Path) + 80
		}
	}
	slices.SortFunc(entries, func(x, y entry) int { return strings.Compare(x.loc, y.loc) })
	// Written by hand rather than with encoding/xml, which costs ten times
	// as much on a site of 10,000 posts; the bytes are the same.
	buf := make([]byte, 0, size+256)
	buf = append(buf, xml.Header...)
	buf = append(buf, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`...)
	for _, e := range entries {
		buf = append(buf, "\n  <url>\n    <loc>"...)
		buf = appendXML(appendXML(buf, base), e.loc)
		buf = append(buf, "</loc>"...)
		pg := e.pg
		if pg.Post != nil {
			buf = append(buf, "\n    <lastmod>"...)
			buf = pg.Post.Date.AppendFormat(buf, "2006-01-02T15:04:05-07:00")
			buf = append(buf, "</lastmod>"...)
		}
		if len(pg.Alternates) > 1 {
			link := func(lang, sitePath string) {
				buf = append(buf, "\n    <xhtml:link rel=\"alternate\" hreflang=\""...)
				buf = appendXML(buf, lang)
				buf = append(buf, "\" href=\""...)
				buf = appendXML(appendXML(buf, base), escapePath(sitePath))
				buf = append(buf, "\"></xhtml:link>"...)
			}
			for _, a := range pg.Alternates {
				link(a.Lang, a.Path)
			}
			link("x-default", pg.xDefault())
		}
		buf = append(buf, "\n  </url>"...)
	}
	buf = append(buf, "\n</urlset>\n"...)
	return buf, nil
}

// appendXML appends s escaped as XML text; addresses are percent-escaped
// ASCII, which most often needs no escaping.
func appendXML(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'' || c == '"' {
			var w bytes.Buffer
			_ = xml.EscapeText(&w, []byte(s))
			return append(dst, w.Bytes()...)
		}
	}
	return append(dst, s...)
}

// xDefault is the page's version in the default language, or the page
// itself when that does not exist.
func (pg *Page) xDefault() string {
	for _, a := range pg.Alternates {
		if a.Lang == pg.b.cfg.DefaultLanguage {
			return a.Path
		}
	}
	return pg.Path
}

// redirects makes a page at each alias of a post, and at /posts/<id>/ in
// the post's language for posts with an id, sending readers on. A
// redirect never replaces a real page: an alias that names one is an
// error, an id address that is taken is skipped.
func (b *builder) redirects(taken map[string]bool) ([]*File, content.ErrorList) {
	var files []*File
	var problems content.ErrorList
	for _, p := range b.set.Posts {
		if !b.visible[p] {
			continue
		}
		target := b.paths[p]
		for _, alias := range p.Aliases { // addresses, cleaned by content
			out := outputFile(alias)
			if taken[out] {
				problems = append(problems, content.Errorf(p.File, p.Line("aliases"), "alias %s is the address of another page", alias))
				continue
			}
			taken[out] = true
			files = append(files, b.redirect(out, target))
		}
		if p.ID != "" {
			out := outputFile(b.langPath(p.Lang, "/posts/"+p.ID+"/"))
			if !taken[out] {
				taken[out] = true
				files = append(files, b.redirect(out, target))
			}
		}
	}
	return files, problems
}

// redirect is the redirect page at out, reused from the last build when
// it sent readers to the same place.
func (b *builder) redirect(out, target string) *File {
	h := fnv.New64a()
	h.Write([]byte(b.cfg.BaseURL + "\x00" + target))
	f, _ := b.reuse(out, h.Sum64(), func() ([]byte, error) { return b.redirectPage(target), nil })
	return f
}

// redirectPage sends a reader, a crawler and a browser without scripts to
// the target: meta refresh, canonical link and a plain link.
func (b *builder) redirectPage(target string) []byte {
	abs := html.EscapeString(b.abs(target))
	rel := html.EscapeString(strings.TrimSuffix(b.cfg.BasePath(), "/") + escapePath(target))
	return fmt.Appendf(nil, `<!doctype html>
<html lang="%s">
<head>
<meta charset="utf-8">
<title>%s</title>
<link rel="canonical" href="%s">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=%s">
</head>
<body>
<p><a href="%s">%s</a></p>
</body>
</html>
`, b.cfg.DefaultLanguage, abs, abs, rel, rel, abs)
}
