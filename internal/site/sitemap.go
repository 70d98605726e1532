package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
)

// The sitemap lists every real page (not 404 pages, search pages, which
// say noindex, or redirects). A page
// with a translation lists an xhtml:link for each language version that
// exists, itself included, and an x-default pointing at the default
// language's version, as search engines ask.

// sitemap makes sitemap.xml, robots.txt and the files GitHub Pages reads
// (.nojekyll, CNAME).
func (b *build) sitemap() []*File {
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", absURL(b.cfg, "/sitemap.xml"))
	files := []*File{{Path: "sitemap.xml", Data: b.makeSitemap()}, {Path: "robots.txt", Data: []byte(robots)},
		// GitHub Pages would run Jekyll over the site without it, hiding
		// files and folders whose names start with "_".
		{Path: ".nojekyll", Data: []byte{}}}
	if b.cfg.CNAME != "" {
		files = append(files, &File{Path: "CNAME", Data: []byte(b.cfg.CNAME + "\n")})
	}
	return files
}

func (b *build) makeSitemap() []byte {
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
	return buf
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
