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
//
// A sitemap holds at most 50,000 addresses and 50 MiB (sitemaps.org): a
// site with more has sitemap.xml as a sitemap index of sitemap-1.xml,
// sitemap-2.xml and on, each within both limits.

// sitemapPart names a part of a split sitemap in messages.
const sitemapPart = "a part of the sitemap, which sitemap.xml lists"

// sitemapLimits are those limits; tests make them smaller.
var sitemapLimits = [2]int{50_000, 50 << 20}

// sitemap makes sitemap.xml (with its parts, for a large site),
// robots.txt and the files GitHub Pages reads (.nojekyll, CNAME).
func (b *build) sitemap() []*File {
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", absURL(b.cfg, "/sitemap.xml"))
	files := b.makeSitemaps(sitemapLimits[0], sitemapLimits[1])
	files = append(files, &File{Path: "robots.txt", Data: []byte(robots)},
		// GitHub Pages would run Jekyll over the site without it, hiding
		// files and folders whose names start with "_".
		&File{Path: ".nojekyll", Data: []byte{}})
	if b.cfg.CNAME != "" {
		files = append(files, &File{Path: "CNAME", Data: []byte(b.cfg.CNAME + "\n")})
	}
	return files
}

// makeSitemaps makes sitemap.xml, or, past maxURLs addresses or maxBytes
// bytes, its parts and the index of them.
func (b *build) makeSitemaps(maxURLs, maxBytes int) []*File {
	base := strings.TrimSuffix(b.cfg.BaseURL, "/")
	type entry struct {
		loc string // the page's escaped path, after base
		pg  *Page
	}
	entries := make([]entry, 0, len(b.pages))
	for _, pg := range b.pages {
		if pg.Kind == "404" || pg.Kind == "search" {
			continue
		}
		entries = append(entries, entry{escapePath(pg.Path), pg})
	}
	slices.SortFunc(entries, func(x, y entry) int { return strings.Compare(x.loc, y.loc) })
	const (
		head = xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`
		tail = "\n</urlset>\n"
	)
	// Written by hand rather than with encoding/xml, which costs ten times
	// as much on a site of 10,000 posts; the bytes are the same.
	var parts [][]byte
	var buf, one []byte
	urls := 0
	for _, e := range entries {
		one = append(one[:0], "\n  <url>\n    <loc>"...)
		one = appendXML(appendXML(one, base), e.loc)
		one = append(one, "</loc>"...)
		pg := e.pg
		if pg.Post != nil {
			one = append(one, "\n    <lastmod>"...)
			one = pg.Post.Date.AppendFormat(one, "2006-01-02T15:04:05-07:00")
			one = append(one, "</lastmod>"...)
		}
		if len(pg.Alternates) > 1 {
			link := func(lang, sitePath string) {
				one = append(one, "\n    <xhtml:link rel=\"alternate\" hreflang=\""...)
				one = appendXML(one, lang)
				one = append(one, "\" href=\""...)
				one = appendXML(appendXML(one, base), escapePath(sitePath))
				one = append(one, "\"></xhtml:link>"...)
			}
			for _, a := range pg.Alternates {
				link(a.Lang, a.Path)
			}
			link("x-default", pg.xDefault())
		}
		one = append(one, "\n  </url>"...)
		if buf != nil && (urls == maxURLs || len(buf)+len(one)+len(tail) > maxBytes) {
			parts = append(parts, append(buf, tail...))
			buf, urls = nil, 0
		}
		if buf == nil {
			buf = append(make([]byte, 0, min(maxBytes, 1<<20)), head...)
		}
		buf = append(buf, one...)
		urls++
	}
	if buf == nil {
		buf = append([]byte(nil), head...)
	}
	parts = append(parts, append(buf, tail...))
	if len(parts) == 1 {
		return []*File{{Path: "sitemap.xml", Data: parts[0]}}
	}
	index := append([]byte(xml.Header), `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`...)
	files := []*File{nil}
	for i, part := range parts {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		files = append(files, &File{Path: name, Data: part, made: sitemapPart})
		index = append(index, "\n  <sitemap>\n    <loc>"...)
		index = appendXML(index, absURL(b.cfg, "/"+name))
		index = append(index, "</loc>\n  </sitemap>"...)
	}
	files[0] = &File{Path: "sitemap.xml", Data: append(index, "\n</sitemapindex>\n"...)}
	return files
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
