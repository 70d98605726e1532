package site_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"blog/internal/site"
)

// The tests in this file check what a reader and a crawler get from a
// built site (DESIGN.md, "What a reader and a crawler get"): the parts of
// a post page, summaries, Mermaid, lists, feeds, the sitemap, the head's
// metadata, redirects, 404 pages, comments, dark mode and the structure
// assistive technology reads. They build readerSite, posts in Korean and
// English, and parse what comes out: HTML with golang.org/x/net/html, XML
// with encoding/xml.

// The pages of readerSite's posts.
const (
	coverKo     = "posts/cover/index.html"
	coverEn     = "en/posts/cover/index.html"
	diagramKo   = "posts/diagram/index.html"
	describedKo = "posts/described/index.html"
	plainKo     = "posts/plain/index.html"
	pacificEn   = "en/posts/pacific/index.html"
	olderEn     = "en/posts/older/index.html"
)

// coverBytes is the content of the cover image of readerSite's cover post.
const coverBytes = "cover png bytes"

// mermaidSource is the diagram of readerSite's diagram post.
const mermaidSource = "A[시작] --> B{끝?}"

// readerSite is a site with posts in Korean and English, blog.yaml made of
// fixtureConfig and config. Korean, newest first: diagram (a Mermaid
// diagram, the MDX summary marker), cover (a bundle with a cover image,
// an author, an admonition, headings, aliases, featured, <!-- truncate -->,
// translated), described (description:) and plain (no marker). English:
// pacific (dated in -07:00, late in the day), cover and older.
func readerSite(config string) fstest.MapFS {
	return newSite(config,
		"content/authors.yaml", `doyul:
  name: Doyul Kim
  title: Cloud Engineer
  url: https://github.com/doxxx93
  image_url: https://github.com/doxxx93.png
`,
		"content/posts/cover/index.ko.md", `---
id: 1
title: "표지가 있는 글"
date: 2024-01-03 09:00:00 +0900
tags: [go, 쿠버네티스]
authors: [doyul]
image: cover.png
cover: cover.png
featured: true
aliases: [/old/url, /2024/01/03/old-slug]
---

요약에 들어가는 첫 문단입니다.

<!-- truncate -->

요약 아래의 문단입니다.

## 첫째 절

본문의 [상대 링크](../diagram/)와 ![표지 그림](cover.png) 입니다.

:::tip[알아 두기]
팁의 내용입니다.
:::

### 작은 절

작은 절의 내용입니다.

## 둘째 절

끝.
`,
		"content/posts/cover/cover.png", coverBytes,
		"content/posts/cover/index.en.md", `---
id: 1
title: "A post with a cover"
date: 2024-01-03 09:00:00 +0900
tags: [go]
authors: [doyul]
image: cover.png
cover: cover.png
featured: true
---

The first paragraph, the summary.

<!-- truncate -->

Below the summary.

## First section

Text of the [first section](#first-section).
`,
		"content/posts/diagram.ko.md", `---
id: 2
title: "그림이 있는 글"
date: 2024-02-10 09:00:00 +0900
tags: [go]
---

그림 글의 요약입니다.

{/* truncate */}

요약 아래 문단입니다.

## 흐름

`+"```mermaid\ngraph TD\n  "+mermaidSource+"\n```"+`

그림 뒤의 문단입니다.
`,
		"content/posts/described.ko.md", `---
id: 3
title: "설명이 있는 글"
date: 2023-12-20 09:00:00 +0900
tags: [쿠버네티스]
description: "설명이 요약입니다."
---

본문의 첫 문단은 요약이 아닙니다.

## 절

내용입니다.
`,
		"content/posts/plain.ko.md", `---
id: 4
title: "표시 없는 글"
date: 2023-06-01 09:00:00 +0900
---

첫 문단만 요약입니다.

두 번째 문단은 요약이 아닙니다.
`,
		"content/posts/pacific.en.md", `---
id: 5
title: "Written in California"
date: 2024-01-03 23:30:00 -0700
tags: [go]
---

Late on January 3rd in California, already January 4th in Seoul.

## Why the offset matters

Dates keep the author's offset.
`,
		"content/posts/older.en.md", `---
id: 6
title: "An older post"
date: 2023-05-01 09:00:00 +0900
---

An older English post.
`,
	)
}

// buildReader builds readerSite with extra config lines.
func buildReader(t *testing.T, config string) *builtSite {
	t.Helper()
	return buildFixture(t, readerSite(config))
}

// builtPage is a parsed HTML file of an output.
type builtPage struct {
	path string
	doc  *html.Node
}

// isRedirect reports whether a document is a redirect page: one with a
// meta refresh.
func isRedirect(doc *html.Node) bool {
	return first(doc, func(n *html.Node) bool {
		return n.Data == "meta" && strings.EqualFold(attrOr(n, "http-equiv"), "refresh")
	}) != nil
}

// isNoindex reports whether a document asks search engines not to index
// it, as the search pages do.
func isNoindex(doc *html.Node) bool {
	return first(doc, func(n *html.Node) bool {
		return n.Data == "meta" && attrOr(n, "name") == "robots" && strings.Contains(attrOr(n, "content"), "noindex")
	}) != nil
}

// isPostPage reports whether a document is a post's page.
func isPostPage(doc *html.Node) bool { return first(doc, tagClass("article", "post")) != nil }

// themePages parses every HTML file of the output but the redirect pages:
// the pages the theme rendered.
func themePages(t *testing.T, s *builtSite) []builtPage {
	t.Helper()
	var pages []builtPage
	for _, f := range htmlFiles(s.out) {
		doc := parseFile(t, f)
		if !isRedirect(doc) {
			pages = append(pages, builtPage{f.Path, doc})
		}
	}
	if len(pages) == 0 {
		t.Fatal("the output has no page")
	}
	return pages
}

// linkTarget resolves a link found on the page at from to the output file
// it names, failing the test when it leaves the site.
func (s *builtSite) linkTarget(t *testing.T, from, link string) string {
	t.Helper()
	tg, ok := resolve(t, s.base, from, link)
	if !ok {
		t.Errorf("%s: link %q leaves the site", from, link)
		return ""
	}
	return tg.File
}

// absTarget resolves an absolute URL of the site to its output file; it
// fails the test when the URL is not absolute or not on the site's host.
func (s *builtSite) absTarget(t *testing.T, where, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil || !u.IsAbs() || u.Host != s.base.Host {
		t.Errorf("%s: %q is not an absolute URL of %s", where, link, s.base)
		return ""
	}
	return s.linkTarget(t, where, link)
}

// meta returns the content of the <meta> whose key attribute ("property"
// or "name") is name, and whether there is one.
func meta(doc *html.Node, key, name string) (string, bool) {
	m := first(doc, func(n *html.Node) bool { return n.Data == "meta" && attrOr(n, key) == name })
	if m == nil {
		return "", false
	}
	return attrOr(m, "content"), true
}

// linksRel returns the <link> elements with a rel.
func linksRel(doc *html.Node, rel string) []*html.Node {
	return all(doc, func(n *html.Node) bool { return n.Data == "link" && attrOr(n, "rel") == rel })
}

// children returns the element children of n named name.
func children(n *html.Node, name string) []*html.Node {
	var out []*html.Node
	for c := range n.ChildNodes() {
		if c.Type == html.ElementNode && c.Data == name {
			out = append(out, c)
		}
	}
	return out
}

// postHeader returns the header of a post page's article.
func postHeader(t *testing.T, doc *html.Node, p string) *html.Node {
	t.Helper()
	h := first(doc, tagClass("header", "post-header"))
	if h == nil {
		t.Fatalf("%s: no post header (article header.post-header)", p)
	}
	return h
}

// postContent returns the body of a post page.
func postContent(t *testing.T, doc *html.Node, p string) *html.Node {
	t.Helper()
	c := first(doc, tagClass("div", "post-content"))
	if c == nil {
		t.Fatalf("%s: no post body (div.post-content)", p)
	}
	return c
}

// parseFragment parses an HTML fragment, as found in a feed, into the
// children of a <div>.
func parseFragment(t *testing.T, where, fragment string) *html.Node {
	t.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		t.Fatalf("%s: parsing HTML: %v", where, err)
	}
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		div.AppendChild(n)
	}
	return div
}

// headingSkips lists the places where a document's headings go down more
// than one level (h1 then h3), in document order.
func headingSkips(doc *html.Node) []string {
	var skips []string
	last := 0
	for _, h := range all(doc, func(n *html.Node) bool {
		return len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6'
	}) {
		level := int(h.Data[1] - '0')
		if level > last+1 {
			from := "the start"
			if last > 0 {
				from = fmt.Sprintf("h%d", last)
			}
			skips = append(skips, fmt.Sprintf("%s to <%s> %q", from, h.Data, text(h)))
		}
		last = level
	}
	return skips
}

// inLandmark reports whether n is inside an element that keeps a <header>
// or <footer> from being the page's banner or contentinfo.
func inLandmark(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.Data {
		case "article", "aside", "main", "nav", "section":
			return true
		}
	}
	return false
}

// --- Post pages ---

func TestPostPageShowsTitleReadingTimeAndTagLinks(t *testing.T) {
	s := buildReader(t, "")
	for _, tc := range []struct {
		page, file, readingTime string
		tags                    []string
	}{
		{coverKo, "content/posts/cover/index.ko.md", "%d분 분량", []string{"tags/go/index.html", "tags/쿠버네티스/index.html"}},
		{coverEn, "content/posts/cover/index.en.md", "%d min read", []string{"en/tags/go/index.html"}},
	} {
		p := s.postByFile(t, tc.file)
		doc := parsePage(t, s.out, tc.page)
		h1s := all(doc, tag("h1"))
		if len(h1s) != 1 || text(h1s[0]) != p.Title {
			var got []string
			for _, h := range h1s {
				got = append(got, text(h))
			}
			t.Errorf("%s: <h1> %q, want one <h1> with the title %q", tc.page, got, p.Title)
		}
		header := postHeader(t, doc, tc.page)
		rt := first(header, tagClass("span", "reading-time"))
		if p.ReadingTime < 1 {
			t.Errorf("%s: reading time %d minutes, want at least 1", tc.file, p.ReadingTime)
		}
		if want := fmt.Sprintf(tc.readingTime, p.ReadingTime); rt == nil || text(rt) != want {
			t.Errorf("%s: reading time shown as %q, want %q", tc.page, textOf(rt), want)
		}
		list := first(header, tagClass("ul", "tag-list"))
		if list == nil {
			t.Fatalf("%s: no tag list in the post header", tc.page)
		}
		var got []string
		for _, a := range all(list, tag("a")) {
			dest := s.linkTarget(t, tc.page, attrOr(a, "href"))
			got = append(got, dest)
			if dest == "" || s.out.Lookup(dest) == nil {
				t.Errorf("%s: tag link %q names %q, which is not in the output", tc.page, attrOr(a, "href"), dest)
				continue
			}
			if !slices.Contains(s.cardTargets(t, dest), tc.page) {
				t.Errorf("%s: tag %q links to %s, which does not list the post", tc.page, text(a), dest)
			}
		}
		if !slices.Equal(got, tc.tags) {
			t.Errorf("%s: tag links lead to %v, want %v", tc.page, got, tc.tags)
		}
	}
}

// textOf is the text of n, or "(none)" for a missing element.
func textOf(n *html.Node) string {
	if n == nil {
		return "(none)"
	}
	return text(n)
}

func TestPostDateKeepsTheAuthorsOffsetAndIsWrittenInThePageLanguage(t *testing.T) {
	s := buildReader(t, "")
	for _, tc := range []struct{ page, datetime, shown string }{
		{coverKo, "2024-01-03T09:00:00+09:00", "2024년 1월 3일"},
		{coverEn, "2024-01-03T09:00:00+09:00", "January 3, 2024"},
		// 23:30 in -07:00 is January 4th in UTC and in Seoul; the reader
		// sees the author's day.
		{pacificEn, "2024-01-03T23:30:00-07:00", "January 3, 2024"},
	} {
		doc := parsePage(t, s.out, tc.page)
		tm := first(postHeader(t, doc, tc.page), tag("time"))
		if tm == nil {
			t.Errorf("%s: no <time> in the post header", tc.page)
			continue
		}
		if got := attrOr(tm, "datetime"); got != tc.datetime {
			t.Errorf("%s: <time datetime=%q>, want %q", tc.page, got, tc.datetime)
		}
		if _, err := time.Parse(time.RFC3339, attrOr(tm, "datetime")); err != nil {
			t.Errorf("%s: datetime is not RFC 3339: %v", tc.page, err)
		}
		if got := text(tm); got != tc.shown {
			t.Errorf("%s: date shown as %q, want %q", tc.page, got, tc.shown)
		}
	}
}

func TestPostPageShowsItsAuthorWithLinkAndAvatar(t *testing.T) {
	s := buildReader(t, "")
	for _, p := range []string{coverKo, coverEn} {
		doc := parsePage(t, s.out, p)
		authors := all(postHeader(t, doc, p), tagClass("li", "author"))
		if len(authors) != 1 {
			t.Fatalf("%s: %d authors shown (li.author), want 1", p, len(authors))
		}
		li := authors[0]
		a := first(li, tag("a"))
		authorPage := s.langFile(s.postByFile(t, "content/posts/cover/index.ko.md").Lang, "authors/doyul/index.html")
		if p == coverEn {
			authorPage = "en/authors/doyul/index.html"
		}
		if a == nil || text(a) != "Doyul Kim" || s.linkTarget(t, p, attrOr(a, "href")) != authorPage {
			t.Errorf("%s: author link %q → %q, want \"Doyul Kim\" → the author's page %s", p, textOf(a), attrOrNil(a, "href"), authorPage)
		} else if !strings.Contains(string(fileData(t, mustFile(t, s.out, authorPage))), `href="https://github.com/doxxx93"`) {
			t.Errorf("%s does not link the author's own address", authorPage)
		}
		img := first(li, tag("img"))
		if img == nil || attrOr(img, "src") != "https://github.com/doxxx93.png" {
			t.Errorf("%s: avatar src %q, want https://github.com/doxxx93.png", p, attrOrNil(img, "src"))
		} else if _, ok := attr(img, "alt"); !ok {
			t.Errorf("%s: the avatar has no alt attribute", p)
		}
		if !strings.Contains(text(li), "Cloud Engineer") {
			t.Errorf("%s: author shown as %q, without the title Cloud Engineer", p, text(li))
		}
	}
	if first(parsePage(t, s.out, diagramKo), tagClass("li", "author")) != nil {
		t.Errorf("%s shows an author, but the post names none", diagramKo)
	}
}

// attrOrNil is an attribute of n, or "(none)" for a missing element.
func attrOrNil(n *html.Node, key string) string {
	if n == nil {
		return "(none)"
	}
	return attrOr(n, key)
}

func TestPostCoverImageIsTheCopiedBundleFile(t *testing.T) {
	s := buildReader(t, "")
	for _, p := range []string{coverKo, coverEn} {
		img := first(postHeader(t, parsePage(t, s.out, p), p), tagClass("img", "cover"))
		if img == nil {
			t.Errorf("%s: no cover image (img.cover) in the post header", p)
			continue
		}
		dest := s.linkTarget(t, p, attrOr(img, "src"))
		f := s.out.Lookup(dest)
		if f == nil {
			t.Errorf("%s: cover src %q names %q, which is not in the output", p, attrOr(img, "src"), dest)
			continue
		}
		if got := string(fileData(t, f)); got != coverBytes {
			t.Errorf("%s: cover %s holds %q, want the bundle's cover.png", p, dest, got)
		}
	}
	if first(parsePage(t, s.out, diagramKo), tagClass("img", "cover")) != nil {
		t.Errorf("%s shows a cover image, but the post has none", diagramKo)
	}
}

// tocEntry is one line of a table of contents as a page shows it.
type tocEntry struct {
	Text, Target string
	Children     []tocEntry
}

// readTOC reads the nested lists of a page's nav.toc.
func readTOC(t *testing.T, doc *html.Node, p string) []tocEntry {
	t.Helper()
	nav := first(doc, tagClass("nav", "toc"))
	if nav == nil {
		t.Fatalf("%s: no table of contents (nav.toc)", p)
	}
	var read func(ol *html.Node) []tocEntry
	read = func(ol *html.Node) []tocEntry {
		var out []tocEntry
		for _, li := range children(ol, "li") {
			var e tocEntry
			if as := children(li, "a"); len(as) == 1 {
				e.Text = text(as[0])
				href := attrOr(as[0], "href")
				if id, err := url.PathUnescape(strings.TrimPrefix(href, "#")); err == nil && strings.HasPrefix(href, "#") {
					e.Target = id
				} else {
					t.Errorf("%s: table of contents link %q is not a #fragment", p, href)
				}
			} else {
				t.Errorf("%s: a table of contents entry has %d links, want 1", p, len(as))
			}
			if ols := children(li, "ol"); len(ols) > 0 {
				t.Errorf("%s: a table of contents entry %q nests a numbered list: headings carry their own numbers", p, e.Text)
			}
			for _, sub := range children(li, "ul") {
				e.Children = append(e.Children, read(sub)...)
			}
			out = append(out, e)
		}
		return out
	}
	// The list is in a <details>, which phones can fold.
	details := children(nav, "details")
	if len(details) != 1 || len(children(details[0], "summary")) != 1 {
		t.Fatalf("%s: the table of contents has %d <details> with a <summary>, want 1", p, len(details))
	}
	if _, open := attr(details[0], "open"); !open {
		t.Errorf("%s: the table of contents starts folded; it should start open", p)
	}
	if ols := children(details[0], "ol"); len(ols) > 0 {
		t.Errorf("%s: the table of contents is a numbered list: headings carry their own numbers", p)
	}
	lists := children(details[0], "ul")
	if len(lists) != 1 {
		t.Fatalf("%s: the table of contents has %d top lists, want 1", p, len(lists))
	}
	return read(lists[0])
}

func TestTableOfContentsListsH2AndNestsH3(t *testing.T) {
	s := buildReader(t, "")
	doc := parsePage(t, s.out, coverKo)
	got := readTOC(t, doc, coverKo)
	want := []tocEntry{
		{Text: "첫째 절", Target: "첫째-절", Children: []tocEntry{{Text: "작은 절", Target: "작은-절"}}},
		{Text: "둘째 절", Target: "둘째-절"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: table of contents\n%v\nwant\n%v", coverKo, got, want)
	}
	// Each entry leads to its heading in the body.
	content := postContent(t, doc, coverKo)
	var walk func([]tocEntry, string)
	walk = func(es []tocEntry, level string) {
		for _, e := range es {
			h := first(content, func(n *html.Node) bool { return attrOr(n, "id") == e.Target })
			if h == nil || h.Data != level {
				t.Errorf("%s: table of contents entry %q points at #%s, want an <%s> with that id in the body", coverKo, e.Text, e.Target, level)
			}
			walk(e.Children, "h3")
		}
	}
	walk(got, "h2")
}

func TestEveryContentHeadingHasAnIDAndAnAnchorToItself(t *testing.T) {
	s := buildReader(t, "")
	headings := 0
	for _, pg := range themePages(t, s) {
		if !isPostPage(pg.doc) {
			continue
		}
		content := postContent(t, pg.doc, pg.path)
		for _, h := range all(content, func(n *html.Node) bool { return n.Data == "h2" || n.Data == "h3" }) {
			headings++
			id := attrOr(h, "id")
			if id == "" {
				t.Errorf("%s: <%s> %q has no id", pg.path, h.Data, text(h))
				continue
			}
			a := first(h, tagClass("a", "heading-anchor"))
			if a == nil {
				t.Errorf("%s: <%s id=%q> has no anchor link (a.heading-anchor)", pg.path, h.Data, id)
				continue
			}
			href := attrOr(a, "href")
			if got, err := url.PathUnescape(strings.TrimPrefix(href, "#")); err != nil || !strings.HasPrefix(href, "#") || got != id {
				t.Errorf("%s: <%s id=%q> anchors to %q, want #%s", pg.path, h.Data, id, href, url.PathEscape(id))
			}
		}
	}
	if headings < 5 {
		t.Errorf("found %d headings in post bodies, want the fixture's 5 or more", headings)
	}
}

func TestPreviousAndNextLinksStayInThePostsLanguage(t *testing.T) {
	// With showUntranslated, the English lists hold Korean posts too; the
	// neighbours of an English post must still be English posts.
	for _, config := range []string{"", "showUntranslated: true\n"} {
		t.Run(strings.TrimSpace("config "+config), func(t *testing.T) {
			s := buildReader(t, config)
			want := map[string][2]string{ // page → prev (older), next (newer)
				diagramKo:   {coverKo, ""},
				coverKo:     {describedKo, diagramKo},
				describedKo: {plainKo, coverKo},
				plainKo:     {"", describedKo},
				pacificEn:   {coverEn, ""},
				coverEn:     {olderEn, pacificEn},
				olderEn:     {"", coverEn},
			}
			for p, w := range want {
				doc := parsePage(t, s.out, p)
				lang := htmlLang(t, doc)
				var got [2]string
				for i, rel := range []string{"prev", "next"} {
					a := first(doc, func(n *html.Node) bool {
						return n.Data == "a" && attrOr(n, "rel") == rel && n.Parent != nil && hasClass(n.Parent, "post-nav")
					})
					if a == nil {
						continue
					}
					got[i] = s.linkTarget(t, p, attrOr(a, "href"))
					if dest := s.out.Lookup(got[i]); dest == nil {
						t.Errorf("%s: rel=%s link names %s, which is not in the output", p, rel, got[i])
					} else if l := htmlLang(t, parseFile(t, dest)); l != lang {
						t.Errorf("%s (%s): rel=%s link leads to %s, a page in %s", p, lang, rel, got[i], l)
					}
				}
				if got != w {
					t.Errorf("%s: previous, next = %q, want %q", p, got, w)
				}
			}
		})
	}
}

// --- Summaries ---

// cardSummaries maps the post each card of a list page links to, to the
// text of the card's summary.
func (s *builtSite) cardSummaries(t *testing.T, p string) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, card := range postCards(parsePage(t, s.out, p)) {
		got[s.cardTarget(t, p, card)] = textOf(first(card, tagClass("div", "summary")))
	}
	return got
}

func TestSummaryIsDescriptionElseTextAboveMarkerElseFirstParagraph(t *testing.T) {
	s := buildReader(t, "")
	want := map[string]string{
		describedKo: "설명이 요약입니다.",        // description:
		coverKo:     "요약에 들어가는 첫 문단입니다.", // above <!-- truncate -->
		diagramKo:   "그림 글의 요약입니다.",      // above {/* truncate */}
		plainKo:     "첫 문단만 요약입니다.",      // the first paragraph
	}
	if got := s.cardSummaries(t, "index.html"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("index.html: summaries\n%v\nwant\n%v", got, want)
	}
	// The meta description says the same.
	for p, summary := range want {
		if got, _ := meta(parsePage(t, s.out, p), "name", "description"); got != summary {
			t.Errorf("%s: <meta name=description> %q, want the summary %q", p, got, summary)
		}
	}
}

func TestMDXTruncateMarkerNeverReachesHTML(t *testing.T) {
	s := buildReader(t, "")
	check := func(where string, root *html.Node) {
		for n := range root.Descendants() {
			values := []string{n.Data}
			for _, a := range n.Attr {
				values = append(values, a.Val)
			}
			for _, v := range values {
				if strings.Contains(v, "{/*") || strings.Contains(v, "*/}") {
					t.Errorf("%s: the MDX summary marker shows: %q", where, v)
				}
			}
		}
	}
	for _, f := range htmlFiles(s.out) {
		check(f.Path, parseFile(t, f))
	}
	for _, feed := range []string{"rss.xml", "en/rss.xml"} {
		for _, it := range readRSS(t, s, feed).Channel.Items {
			check(feed+" "+it.Link+" content", parseFragment(t, feed, it.Content))
			check(feed+" "+it.Link+" description", parseFragment(t, feed, it.Description))
		}
	}
	// The text around the marker is all there.
	body := text(postContent(t, parsePage(t, s.out, diagramKo), diagramKo))
	for _, want := range []string{"그림 글의 요약입니다.", "요약 아래 문단입니다.", "그림 뒤의 문단입니다."} {
		if !strings.Contains(body, want) {
			t.Errorf("%s: body lacks %q: %s", diagramKo, want, body)
		}
	}
}

func TestListsShowTheSummaryAndAReadMoreLinkToThePost(t *testing.T) {
	s := buildReader(t, "")
	for _, tc := range []struct{ page, readMore string }{
		{"index.html", "더 읽기"},
		{"tags/go/index.html", "더 읽기"},
		{"tags/쿠버네티스/index.html", "더 읽기"},
		{"en/index.html", "Read more"},
		{"en/tags/go/index.html", "Read more"},
	} {
		cards := postCards(parsePage(t, s.out, tc.page))
		if len(cards) == 0 {
			t.Errorf("%s lists no post", tc.page)
		}
		for _, card := range cards {
			dest := s.cardTarget(t, tc.page, card)
			if sum := first(card, tagClass("div", "summary")); sum == nil || text(sum) == "" {
				t.Errorf("%s: the card of %s shows no summary", tc.page, dest)
			}
			more := first(card, tagClass("a", "read-more"))
			if more == nil {
				t.Errorf("%s: the card of %s has no read-more link", tc.page, dest)
				continue
			}
			if got := s.linkTarget(t, tc.page, attrOr(more, "href")); got != dest {
				t.Errorf("%s: the read-more link of %s leads to %s", tc.page, dest, got)
			}
			if !strings.Contains(text(more), tc.readMore) {
				t.Errorf("%s: the read-more link of %s says %q, want %q", tc.page, dest, text(more), tc.readMore)
			}
		}
	}
}

// --- Admonitions and Mermaid ---

func TestAdmonitionIsANoteWithItsTitle(t *testing.T) {
	s := buildReader(t, "")
	content := postContent(t, parsePage(t, s.out, coverKo), coverKo)
	notes := all(content, func(n *html.Node) bool { return attrOr(n, "role") == "note" })
	if len(notes) != 1 {
		t.Fatalf("%s: %d elements with role=note, want the one admonition", coverKo, len(notes))
	}
	note := notes[0]
	title := first(note, tagClass("p", "admonition-title"))
	if title == nil || text(title) != "알아 두기" {
		t.Errorf("%s: admonition title %q, want \"알아 두기\"", coverKo, textOf(title))
	}
	if got := attrOr(note, "aria-label"); got != "알아 두기" {
		t.Errorf("%s: admonition aria-label %q, want its title", coverKo, got)
	}
	if !hasClass(note, "admonition-tip") {
		t.Errorf("%s: admonition class %q, want admonition-tip", coverKo, attrOr(note, "class"))
	}
	if !strings.Contains(text(note), "팁의 내용입니다.") {
		t.Errorf("%s: admonition text %q lacks its body", coverKo, text(note))
	}
}

// isMermaidScript matches a script that loads or starts Mermaid.
func isMermaidScript(n *html.Node) bool {
	return n.Data == "script" && (strings.Contains(strings.ToLower(attrOr(n, "src")), "mermaid") ||
		strings.Contains(text(n), "mermaid."))
}

func TestMermaidScriptLoadsOnlyOnThePageWithADiagram(t *testing.T) {
	s := buildReader(t, "")
	doc := parsePage(t, s.out, diagramKo)
	pre := first(postContent(t, doc, diagramKo), tagClass("pre", "mermaid"))
	if pre == nil || !strings.Contains(text(pre), mermaidSource) {
		t.Errorf("%s: no <pre class=mermaid> showing %q; got %q", diagramKo, mermaidSource, textOf(pre))
	}
	loaded := false
	for _, sc := range all(doc, tag("script")) {
		if src := attrOr(sc, "src"); strings.Contains(src, "mermaid") {
			dest := s.linkTarget(t, diagramKo, src)
			if dest != site.MermaidScript || s.out.Lookup(dest) == nil {
				t.Errorf("%s: Mermaid script %q names %q, want %s in the output", diagramKo, src, dest, site.MermaidScript)
			}
			loaded = true
		}
	}
	// The built-in theme ships the script once "make vendor-mermaid" has
	// fetched it, which a fresh checkout has not.
	_, err := fs.Stat(s.b.Theme.Static, site.MermaidScript)
	switch ships := err == nil; {
	case ships && !loaded:
		t.Errorf("%s has a diagram but no script loads %s", diagramKo, site.MermaidScript)
	case !ships && loaded:
		t.Errorf("%s loads Mermaid, which the theme does not ship", diagramKo)
	case !ships:
		t.Logf("the built-in theme has no %s (make vendor-mermaid); checked only that no page loads it", site.MermaidScript)
	}
	for _, pg := range themePages(t, s) {
		if pg.path == diagramKo {
			continue
		}
		for _, sc := range all(pg.doc, isMermaidScript) {
			t.Errorf("%s has no diagram but loads Mermaid: <script src=%q>", pg.path, attrOr(sc, "src"))
		}
	}
}

func TestMermaidScriptIsLeftOutWhenTheThemeDoesNotShipIt(t *testing.T) {
	postLayout := `{{ define "main" }}<h1>{{ .Post.Title }}</h1>{{ .Post.Content }}` +
		`{{ with .MermaidURL }}<script src="{{ . }}"></script>{{ end }}{{ end }}`
	diagram := "---\ntitle: 그림\ndate: 2024-01-01 09:00:00 +0900\n---\n\n```mermaid\ngraph TD\n  " + mermaidSource + "\n```\n"
	for _, tc := range []struct {
		name   string
		ships  bool
		extras []string
	}{
		{"theme without js/mermaid.min.js", false, nil},
		{"theme with js/mermaid.min.js", true, []string{"themes/mine/static/js/mermaid.min.js", "window.mermaid = {};\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := mineTheme(append([]string{
				"themes/mine/layouts/post.html", postLayout,
				"content/posts/diagram.md", diagram,
			}, tc.extras...)...)
			s := buildFixture(t, newSite("theme: mine\n", files...))
			const p = "posts/diagram/index.html"
			doc := parsePage(t, s.out, p)
			if pre := first(doc, tagClass("pre", "mermaid")); pre == nil || !strings.Contains(text(pre), mermaidSource) {
				t.Errorf("%s: the diagram's source is not readable as text: %q", p, textOf(pre))
			}
			scripts := all(doc, isMermaidScript)
			switch {
			case tc.ships && len(scripts) != 1:
				t.Errorf("%s: %d Mermaid scripts, want 1 as the theme ships %s", p, len(scripts), site.MermaidScript)
			case !tc.ships && len(scripts) != 0:
				t.Errorf("%s: loads %q, which the theme does not ship", p, attrOr(scripts[0], "src"))
			}
			if got := s.out.Lookup(site.MermaidScript) != nil; got != tc.ships {
				t.Errorf("%s in the output: %v, want %v", site.MermaidScript, got, tc.ships)
			}
		})
	}
}

func TestPostPageWithoutADiagramShipsUnder10KBOfScript(t *testing.T) {
	s := buildReader(t, "")
	const limit = 10 * 1024
	for _, pg := range themePages(t, s) {
		if !isPostPage(pg.doc) || pg.path == diagramKo {
			continue
		}
		total := 0
		for _, sc := range all(pg.doc, tag("script")) {
			src, ok := attr(sc, "src")
			if !ok {
				for c := range sc.ChildNodes() {
					total += len(c.Data)
				}
				continue
			}
			tg, inside := resolve(t, s.base, pg.path, src)
			if !inside {
				t.Errorf("%s loads a script from elsewhere, %q, whose size the site does not control", pg.path, src)
				continue
			}
			f := s.out.Lookup(tg.File)
			if f == nil {
				t.Errorf("%s: <script src=%q> names %s, which is not in the output", pg.path, src, tg.File)
				continue
			}
			total += len(fileData(t, f))
		}
		if total >= limit {
			t.Errorf("%s ships %d bytes of script, want under %d", pg.path, total, limit)
		}
	}
}

// --- Lists ---

func TestHomeIsPaginatedInEachLanguage(t *testing.T) {
	s := buildReader(t, "paginate: 2\n")
	checkHomePages(t, s, []homePage{
		{"index.html", "", "/page/2/", []string{diagramKo, coverKo}},
		{"page/2/index.html", "/", "", []string{describedKo, plainKo}},
		{"en/index.html", "", "/en/page/2/", []string{pacificEn, coverEn}},
		{"en/page/2/index.html", "/en/", "", []string{olderEn}},
	})
	for _, p := range []string{"page/3/index.html", "en/page/3/index.html"} {
		if s.out.Lookup(p) != nil {
			t.Errorf("%s exists with 2 posts a page", p)
		}
	}
}

// archiveYear is one year of an archive page as shown.
type archiveYear struct {
	Year  string
	Posts []string
}

// readArchive reads the years of an archive page and the posts under each.
func (s *builtSite) readArchive(t *testing.T, p string) []archiveYear {
	t.Helper()
	var years []archiveYear
	for _, sec := range all(parsePage(t, s.out, p), tagClass("section", "archive-year")) {
		h := first(sec, tag("h2"))
		y := archiveYear{Year: textOf(h)}
		for _, li := range all(sec, tag("li")) {
			if a := first(li, tag("a")); a != nil {
				y.Posts = append(y.Posts, s.linkTarget(t, p, attrOr(a, "href")))
			}
		}
		years = append(years, y)
	}
	return years
}

func TestArchiveGroupsByYearNewestFirst(t *testing.T) {
	s := buildReader(t, "paginate: 2\n")
	for file, want := range map[string][]archiveYear{
		"archive/index.html":    {{"2024", []string{diagramKo, coverKo}}, {"2023", []string{describedKo, plainKo}}},
		"en/archive/index.html": {{"2024", []string{pacificEn, coverEn}}, {"2023", []string{olderEn}}},
	} {
		if got := s.readArchive(t, file); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s shows\n%v\nwant\n%v", file, got, want)
		}
	}
}

func TestArchiveYearsStayNewestFirstAcrossTimeZones(t *testing.T) {
	// 01:00 on New Year's Day in Seoul comes before 20:00 on New Year's Eve
	// in California. Each post is in its author's year, and each year is
	// shown once, newest first.
	s := buildFixture(t, newSite("",
		"content/posts/seoul.en.md", post("Seoul", "2024-01-01 01:00:00 +0900"),
		"content/posts/california.en.md", post("California", "2023-12-31 20:00:00 -0800"),
		"content/posts/summer.en.md", post("Summer", "2023-06-01 09:00:00 +0900"),
	))
	got := s.readArchive(t, "en/archive/index.html")
	want := []archiveYear{
		{"2024", []string{"en/posts/seoul/index.html"}},
		{"2023", []string{"en/posts/california/index.html", "en/posts/summer/index.html"}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("en/archive/index.html shows\n%v\nwant\n%v", got, want)
	}
}

// --- Feeds ---

// rssDoc is what the tests read of an RSS 2.0 feed.
type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Channel struct {
		// Links holds RSS's <link> and the <atom:link> beside it.
		Links []struct {
			XMLName xml.Name
			Value   string `xml:",chardata"`
		} `xml:"link"`
		Language      string    `xml:"language"`
		LastBuildDate string    `xml:"lastBuildDate"`
		Items         []rssItem `xml:"item"`
	} `xml:"channel"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate"`
	Description string `xml:"description"`
	Content     string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
}

// atomDoc is what the tests read of an Atom feed.
type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Updated string   `xml:"updated"`
	Entries []struct {
		ID   string `xml:"id"`
		Link struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Published string `xml:"published"`
		Updated   string `xml:"updated"`
		Content   struct {
			Type  string `xml:"type,attr"`
			Value string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

func readXML(t *testing.T, s *builtSite, p string, v any) {
	t.Helper()
	if err := xml.Unmarshal(fileData(t, mustFile(t, s.out, p)), v); err != nil {
		t.Fatalf("%s does not parse as XML: %v", p, err)
	}
}

func readRSS(t *testing.T, s *builtSite, p string) *rssDoc {
	t.Helper()
	var d rssDoc
	readXML(t, s, p, &d)
	return &d
}

func readAtom(t *testing.T, s *builtSite, p string) *atomDoc {
	t.Helper()
	var d atomDoc
	readXML(t, s, p, &d)
	return &d
}

// feedTargets resolves the links of a feed's RSS items and Atom entries to
// output files.
func (s *builtSite) feedTargets(t *testing.T, lang string) (rssPosts, atomPosts []string) {
	t.Helper()
	rssFile, atomFile := s.langFile(lang, "rss.xml"), s.langFile(lang, "atom.xml")
	for _, it := range readRSS(t, s, rssFile).Channel.Items {
		rssPosts = append(rssPosts, s.absTarget(t, rssFile, it.Link))
	}
	for _, e := range readAtom(t, s, atomFile).Entries {
		atomPosts = append(atomPosts, s.absTarget(t, atomFile, e.Link.Href))
	}
	return rssPosts, atomPosts
}

func TestFeedsListPostsNewestFirstWithAbsoluteLinks(t *testing.T) {
	s := buildReader(t, "")
	for lang, want := range map[string][]string{
		"ko": {diagramKo, coverKo, describedKo, plainKo},
		"en": {pacificEn, coverEn, olderEn},
	} {
		rssFile, atomFile := s.langFile(lang, "rss.xml"), s.langFile(lang, "atom.xml")
		rssPosts, atomPosts := s.feedTargets(t, lang)
		if !slices.Equal(rssPosts, want) {
			t.Errorf("%s lists %v, want %v", rssFile, rssPosts, want)
		}
		if !slices.Equal(atomPosts, want) {
			t.Errorf("%s lists %v, want %v", atomFile, atomPosts, want)
		}

		r := readRSS(t, s, rssFile)
		if r.Channel.Language != lang {
			t.Errorf("%s: <language> %q, want %q", rssFile, r.Channel.Language, lang)
		}
		links := 0
		for _, l := range r.Channel.Links {
			if l.XMLName.Space == "" {
				links++
				if got := s.absTarget(t, rssFile+" <channel><link>", l.Value); got != s.langFile(lang, "index.html") {
					t.Errorf("%s: <channel><link> %q, want the %s home", rssFile, l.Value, lang)
				}
			}
		}
		if links != 1 {
			t.Errorf("%s: %d <channel><link> elements, want 1", rssFile, links)
		}
		var dates []time.Time
		for _, it := range r.Channel.Items {
			if it.GUID != it.Link {
				t.Errorf("%s: item %q has guid %q, want its link %q", rssFile, it.Title, it.GUID, it.Link)
			}
			d, err := time.Parse(time.RFC1123Z, it.PubDate)
			if err != nil {
				t.Errorf("%s: item %q: pubDate %q: %v", rssFile, it.Title, it.PubDate, err)
			}
			dates = append(dates, d)
		}
		if !slices.IsSortedFunc(dates, func(a, b time.Time) int { return b.Compare(a) }) {
			t.Errorf("%s: items dated %v, want newest first", rssFile, dates)
		}
		if len(r.Channel.Items) > 0 && r.Channel.LastBuildDate != r.Channel.Items[0].PubDate {
			t.Errorf("%s: lastBuildDate %q, want the newest item's pubDate %q", rssFile, r.Channel.LastBuildDate, r.Channel.Items[0].PubDate)
		}

		a := readAtom(t, s, atomFile)
		for _, e := range a.Entries {
			if e.ID != e.Link.Href {
				t.Errorf("%s: entry id %q, want its link %q", atomFile, e.ID, e.Link.Href)
			}
			if _, err := time.Parse(time.RFC3339, e.Published); err != nil {
				t.Errorf("%s: published %q: %v", atomFile, e.Published, err)
			}
		}
		if len(a.Entries) > 0 && a.Updated != a.Entries[0].Updated {
			t.Errorf("%s: <updated> %q, want the newest entry's %q", atomFile, a.Updated, a.Entries[0].Updated)
		}
	}
}

// checkAbsoluteURLs reports every href and src of a feed's HTML that is not
// an absolute URL.
func checkAbsoluteURLs(t *testing.T, where string, root *html.Node) int {
	t.Helper()
	n := 0
	for _, el := range all(root, func(*html.Node) bool { return true }) {
		for _, key := range []string{"href", "src"} {
			v, ok := attr(el, key)
			if !ok {
				continue
			}
			n++
			if u, err := url.Parse(v); err != nil || !u.IsAbs() || u.Host == "" {
				t.Errorf("%s: <%s %s=%q> is not an absolute URL", where, el.Data, key, v)
			}
		}
	}
	return n
}

func TestFeedContentIsTheFullPostWithAbsoluteURLs(t *testing.T) {
	s := buildReader(t, "")
	for _, lang := range []string{"ko", "en"} {
		rssFile, atomFile := s.langFile(lang, "rss.xml"), s.langFile(lang, "atom.xml")
		type body struct{ where, link, html string }
		var bodies []body
		for _, it := range readRSS(t, s, rssFile).Channel.Items {
			bodies = append(bodies, body{rssFile + " content:encoded of " + it.Link, it.Link, it.Content})
		}
		for _, e := range readAtom(t, s, atomFile).Entries {
			if e.Content.Type != "html" {
				t.Errorf("%s: content of %s has type %q, want html", atomFile, e.Link.Href, e.Content.Type)
			}
			bodies = append(bodies, body{atomFile + " content of " + e.Link.Href, e.Link.Href, e.Content.Value})
		}
		for _, b := range bodies {
			frag := parseFragment(t, b.where, b.html)
			checkAbsoluteURLs(t, b.where, frag)
			p := s.absTarget(t, b.where, b.link)
			if p == "" || s.out.Lookup(p) == nil {
				continue
			}
			// The whole body, not the summary.
			want := text(postContent(t, parsePage(t, s.out, p), p))
			if got := text(frag); got != want {
				t.Errorf("%s: text\n%s\nwant the whole post\n%s", b.where, got, want)
			}
		}
	}

	// The cover post's relative links become absolute.
	for _, it := range readRSS(t, s, "rss.xml").Channel.Items {
		if it.Link != "https://fixture.example/posts/cover/" {
			continue
		}
		frag := parseFragment(t, "rss.xml", it.Content)
		img := first(frag, tag("img"))
		if got := attrOrNil(img, "src"); got != "https://fixture.example/posts/cover/cover.png" {
			t.Errorf("rss.xml: the cover post's image src %q, want https://fixture.example/posts/cover/cover.png", got)
		}
		a := first(frag, func(n *html.Node) bool { return n.Data == "a" && text(n) == "상대 링크" })
		if got := attrOrNil(a, "href"); got != "https://fixture.example/posts/diagram/" {
			t.Errorf("rss.xml: the cover post's link ../diagram/ became %q, want https://fixture.example/posts/diagram/", got)
		}
	}
}

func TestFeedShowsTheMermaidSourceAsText(t *testing.T) {
	s := buildReader(t, "")
	const link = "https://fixture.example/posts/diagram/"
	var bodies []string
	for _, it := range readRSS(t, s, "rss.xml").Channel.Items {
		if it.Link == link {
			bodies = append(bodies, it.Content)
		}
	}
	for _, e := range readAtom(t, s, "atom.xml").Entries {
		if e.Link.Href == link {
			bodies = append(bodies, e.Content.Value)
		}
	}
	if len(bodies) != 2 {
		t.Fatalf("found the diagram post %d times in rss.xml and atom.xml, want 2", len(bodies))
	}
	for _, b := range bodies {
		pre := first(parseFragment(t, "feed", b), tagClass("pre", "mermaid"))
		if pre == nil || !strings.Contains(text(pre), mermaidSource) {
			t.Errorf("the feed's diagram post shows %q, want the diagram source %q as text", textOf(pre), mermaidSource)
		}
	}
}

func TestFeedsWithFeaturedOnlyListOnlyFeaturedPosts(t *testing.T) {
	s := buildReader(t, "feeds: {featuredOnly: true}\n")
	for lang, want := range map[string][]string{"ko": {coverKo}, "en": {coverEn}} {
		rssPosts, atomPosts := s.feedTargets(t, lang)
		if !slices.Equal(rssPosts, want) || !slices.Equal(atomPosts, want) {
			t.Errorf("%s feeds list %v (RSS) and %v (Atom), want only the featured %v", lang, rssPosts, atomPosts, want)
		}
	}
}

func TestFeedsWithALimitListTheNewestPosts(t *testing.T) {
	s := buildReader(t, "feeds: {limit: 2}\n")
	for lang, want := range map[string][]string{"ko": {diagramKo, coverKo}, "en": {pacificEn, coverEn}} {
		rssPosts, atomPosts := s.feedTargets(t, lang)
		if !slices.Equal(rssPosts, want) || !slices.Equal(atomPosts, want) {
			t.Errorf("%s feeds list %v (RSS) and %v (Atom), want the 2 newest %v", lang, rssPosts, atomPosts, want)
		}
	}
}

// --- Sitemap and robots.txt ---

// sitemapDoc is what the tests read of sitemap.xml.
type sitemapDoc struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc   string `xml:"loc"`
		Links []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

// readSitemap maps each output page the sitemap lists to its alternates,
// hreflang → output file.
func (s *builtSite) readSitemap(t *testing.T) map[string]map[string]string {
	t.Helper()
	var d sitemapDoc
	readXML(t, s, "sitemap.xml", &d)
	got := map[string]map[string]string{}
	for _, u := range d.URLs {
		p := s.absTarget(t, "sitemap.xml <loc>", u.Loc)
		if _, dup := got[p]; dup {
			t.Errorf("sitemap.xml lists %s twice", u.Loc)
		}
		alts := map[string]string{}
		for _, l := range u.Links {
			if l.Rel != "alternate" {
				t.Errorf("sitemap.xml: %s has an xhtml:link rel=%q, want alternate", u.Loc, l.Rel)
			}
			alts[l.Hreflang] = s.absTarget(t, "sitemap.xml xhtml:link of "+u.Loc, l.Href)
		}
		got[p] = alts
	}
	return got
}

func TestSitemapListsEveryRealPageAndNoOther(t *testing.T) {
	s := buildReader(t, "paginate: 2\n")
	listed := s.readSitemap(t)
	for _, f := range htmlFiles(s.out) {
		_, in := listed[f.Path]
		doc := parseFile(t, f)
		real := !isRedirect(doc) && !isNoindex(doc) && path.Base(f.Path) != "404.html"
		switch {
		case real && !in:
			t.Errorf("sitemap.xml does not list %s", f.Path)
		case !real && in:
			t.Errorf("sitemap.xml lists %s, a 404, noindex or redirect page", f.Path)
		}
	}
	for p := range listed {
		if s.out.Lookup(p) == nil {
			t.Errorf("sitemap.xml lists %s, which is not in the output", p)
		}
	}
	// The fixture has every kind of page; make sure they were all seen.
	for _, p := range []string{"index.html", "page/2/index.html", "en/index.html", "en/page/2/index.html",
		coverKo, coverEn, pacificEn, "tags/index.html", "en/tags/index.html", "tags/쿠버네티스/index.html",
		"en/tags/go/index.html", "archive/index.html", "en/archive/index.html"} {
		if _, ok := listed[p]; !ok {
			t.Errorf("sitemap.xml does not list %s", p)
		}
	}
	for _, p := range []string{"404.html", "en/404.html", "old/url/index.html", "posts/1/index.html"} {
		mustFile(t, s.out, p)
	}
}

func TestSitemapHasHreflangAlternatesOnlyForTranslatedPages(t *testing.T) {
	s := buildReader(t, "")
	listed := s.readSitemap(t)
	translated := map[string]string{"ko": coverKo, "en": coverEn, "x-default": coverKo}
	for _, p := range []string{coverKo, coverEn} {
		if got := listed[p]; fmt.Sprint(got) != fmt.Sprint(translated) {
			t.Errorf("sitemap.xml: %s has alternates %v, want %v", p, got, translated)
		}
	}
	for _, p := range []string{diagramKo, pacificEn, "tags/쿠버네티스/index.html"} {
		if got, ok := listed[p]; !ok || len(got) != 0 {
			t.Errorf("sitemap.xml: %s (listed: %v) has alternates %v, want none: it exists in one language", p, ok, got)
		}
	}
}

func TestRobotsTxtNamesTheAbsoluteSitemapURL(t *testing.T) {
	s := buildReader(t, "")
	var sitemaps []string
	for line := range strings.Lines(string(fileData(t, mustFile(t, s.out, "robots.txt")))) {
		key, val, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(key), "sitemap") {
			sitemaps = append(sitemaps, strings.TrimSpace(val))
		}
	}
	if want := []string{"https://fixture.example/sitemap.xml"}; !slices.Equal(sitemaps, want) {
		t.Errorf("robots.txt names sitemaps %q, want %q", sitemaps, want)
	}
	mustFile(t, s.out, "sitemap.xml")
}

// --- The head ---

func TestCanonicalURLIsAbsoluteAndNamesThePageItself(t *testing.T) {
	s := buildReader(t, "paginate: 2\n")
	for _, pg := range themePages(t, s) {
		if path.Base(pg.path) == "404.html" {
			continue // served at any address: no address of its own
		}
		links := linksRel(pg.doc, "canonical")
		if len(links) != 1 {
			t.Errorf("%s has %d canonical links, want 1", pg.path, len(links))
			continue
		}
		if got := s.absTarget(t, pg.path+" canonical", attrOr(links[0], "href")); got != pg.path {
			t.Errorf("%s: canonical URL %q names %s", pg.path, attrOr(links[0], "href"), got)
		}
		if og, _ := meta(pg.doc, "property", "og:url"); og != attrOr(links[0], "href") {
			t.Errorf("%s: og:url %q differs from the canonical URL %q", pg.path, og, attrOr(links[0], "href"))
		}
	}
}

func TestHreflangAlternatesNameExistingPagesAndXDefaultWhenTranslated(t *testing.T) {
	s := buildReader(t, "")
	for _, pg := range themePages(t, s) {
		langs := map[string]string{}
		for _, l := range linksRel(pg.doc, "alternate") {
			hl, ok := attr(l, "hreflang")
			if !ok {
				continue // feeds
			}
			if _, dup := langs[hl]; dup {
				t.Errorf("%s: two alternates for hreflang=%s", pg.path, hl)
			}
			dest := s.absTarget(t, pg.path+" hreflang="+hl, attrOr(l, "href"))
			langs[hl] = dest
			f := s.out.Lookup(dest)
			if f == nil {
				t.Errorf("%s: hreflang=%s alternate names %s, which is not in the output", pg.path, hl, dest)
				continue
			}
			want := hl
			if hl == "x-default" {
				want = "ko"
			}
			if got := htmlLang(t, parseFile(t, f)); got != want {
				t.Errorf("%s: hreflang=%s alternate %s is in %q", pg.path, hl, dest, got)
			}
		}
		_, xdefault := langs["x-default"]
		if n := len(langs) - btoi(xdefault); xdefault != (n >= 2) {
			t.Errorf("%s: %d language alternates and x-default %v; want x-default exactly when there are two or more", pg.path, n, xdefault)
		}
	}
	for p, want := range map[string]map[string]string{
		coverKo:   {"ko": coverKo, "en": coverEn, "x-default": coverKo},
		coverEn:   {"ko": coverKo, "en": coverEn, "x-default": coverKo},
		diagramKo: {"ko": diagramKo},
		pacificEn: {"en": pacificEn},
	} {
		got := map[string]string{}
		for hl, href := range alternates(parsePage(t, s.out, p)) {
			got[hl] = s.absTarget(t, p, href)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: alternates %v, want %v", p, got, want)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestOpenGraphTypeAndLocaleFollowThePage(t *testing.T) {
	s := buildReader(t, "")
	for _, pg := range themePages(t, s) {
		wantType := "website"
		if isPostPage(pg.doc) {
			wantType = "article"
		}
		if got, _ := meta(pg.doc, "property", "og:type"); got != wantType {
			t.Errorf("%s: og:type %q, want %q", pg.path, got, wantType)
		}
		wantLocale := map[string]string{"ko": "ko_KR", "en": "en_US"}[htmlLang(t, pg.doc)]
		if got, _ := meta(pg.doc, "property", "og:locale"); got != wantLocale {
			t.Errorf("%s: og:locale %q, want %q", pg.path, got, wantLocale)
		}
	}
	if got, _ := meta(parsePage(t, s.out, coverKo), "property", "og:locale:alternate"); got != "en_US" {
		t.Errorf("%s: og:locale:alternate %q, want en_US for its translation", coverKo, got)
	}
	if got, ok := meta(parsePage(t, s.out, diagramKo), "property", "og:locale:alternate"); ok {
		t.Errorf("%s: og:locale:alternate %q, but the post has no translation", diagramKo, got)
	}
}

func TestSocialCardsShowTheCoverImage(t *testing.T) {
	s := buildReader(t, "")
	for _, pg := range themePages(t, s) {
		img, hasImg := meta(pg.doc, "property", "og:image")
		card, _ := meta(pg.doc, "name", "twitter:card")
		switch {
		case hasImg && card != "summary_large_image":
			t.Errorf("%s: og:image %q with twitter:card %q, want summary_large_image", pg.path, img, card)
		case !hasImg && card != "summary":
			t.Errorf("%s: no og:image and twitter:card %q, want summary", pg.path, card)
		}
	}
	for _, p := range []string{coverKo, coverEn} {
		doc := parsePage(t, s.out, p)
		img, _ := meta(doc, "property", "og:image")
		dest := s.absTarget(t, p+" og:image", img)
		if f := s.out.Lookup(dest); f == nil || string(fileData(t, f)) != coverBytes {
			t.Errorf("%s: og:image %q does not name the copied cover image", p, img)
		}
		if tw, _ := meta(doc, "name", "twitter:image"); tw != img {
			t.Errorf("%s: twitter:image %q, want the og:image %q", p, tw, img)
		}
	}
	if img, ok := meta(parsePage(t, s.out, diagramKo), "property", "og:image"); ok {
		t.Errorf("%s: og:image %q, but the post has no cover", diagramKo, img)
	}
}

func TestJSONLDDescribesThePostAsABlogPosting(t *testing.T) {
	s := buildReader(t, "")
	type ld struct {
		Type          string          `json:"@type"`
		Headline      string          `json:"headline"`
		DatePublished string          `json:"datePublished"`
		InLanguage    string          `json:"inLanguage"`
		Author        json.RawMessage `json:"author"` // a Person or a list of them
	}
	type person struct {
		Name string `json:"name"`
	}
	for _, tc := range []struct {
		page, headline, date, lang, author string
	}{
		{coverKo, "표지가 있는 글", "2024-01-03T09:00:00+09:00", "ko", "Doyul Kim"},
		{coverEn, "A post with a cover", "2024-01-03T09:00:00+09:00", "en", "Doyul Kim"},
		{pacificEn, "Written in California", "2024-01-03T23:30:00-07:00", "en", "Fixture"},
	} {
		doc := parsePage(t, s.out, tc.page)
		scripts := all(doc, func(n *html.Node) bool { return n.Data == "script" && attrOr(n, "type") == "application/ld+json" })
		if len(scripts) != 1 || scripts[0].FirstChild == nil {
			t.Errorf("%s: %d JSON-LD scripts, want 1", tc.page, len(scripts))
			continue
		}
		var got ld
		if err := json.Unmarshal([]byte(scripts[0].FirstChild.Data), &got); err != nil {
			t.Errorf("%s: JSON-LD does not parse: %v\n%s", tc.page, err, scripts[0].FirstChild.Data)
			continue
		}
		var authors []person
		if err := json.Unmarshal(got.Author, &authors); err != nil {
			var one person
			if err := json.Unmarshal(got.Author, &one); err == nil {
				authors = []person{one}
			}
		}
		if got.Type != "BlogPosting" || got.Headline != tc.headline || got.DatePublished != tc.date || got.InLanguage != tc.lang {
			t.Errorf("%s: JSON-LD is a %q %q of %s in %s, want a BlogPosting %q of %s in %s",
				tc.page, got.Type, got.Headline, got.DatePublished, got.InLanguage, tc.headline, tc.date, tc.lang)
		}
		if len(authors) != 1 || authors[0].Name != tc.author {
			t.Errorf("%s: JSON-LD author %s, want %s", tc.page, got.Author, tc.author)
		}
	}
}

// --- Redirects ---

// redirectTarget reads a redirect page: the output file its meta refresh
// and its canonical link send a reader and a crawler to.
func (s *builtSite) redirectTarget(t *testing.T, p string) (refresh, canonical string) {
	t.Helper()
	doc := parsePage(t, s.out, p)
	m := first(doc, func(n *html.Node) bool {
		return n.Data == "meta" && strings.EqualFold(attrOr(n, "http-equiv"), "refresh")
	})
	if m == nil {
		t.Errorf("%s is not a redirect page: no meta refresh", p)
	} else {
		delay, rest, _ := strings.Cut(attrOr(m, "content"), ";")
		rest = strings.TrimSpace(rest)
		if strings.TrimSpace(delay) != "0" || len(rest) < 4 || !strings.EqualFold(rest[:4], "url=") {
			t.Errorf("%s: meta refresh %q, want \"0; url=…\"", p, attrOr(m, "content"))
		} else {
			refresh = s.linkTarget(t, p, rest[4:])
		}
	}
	if links := linksRel(doc, "canonical"); len(links) == 1 {
		canonical = s.absTarget(t, p+" canonical", attrOr(links[0], "href"))
	} else {
		t.Errorf("%s has %d canonical links, want 1", p, len(links))
	}
	return refresh, canonical
}

func TestAliasesRedirectToThePost(t *testing.T) {
	s := buildReader(t, "")
	for _, p := range []string{"old/url/index.html", "2024/01/03/old-slug/index.html"} {
		if refresh, canonical := s.redirectTarget(t, p); refresh != coverKo || canonical != coverKo {
			t.Errorf("%s sends readers to %q and crawlers to %q, want %s", p, refresh, canonical, coverKo)
		}
	}
}

func TestPostIsReachableAtItsIDInItsLanguage(t *testing.T) {
	s := buildReader(t, "")
	for p, want := range map[string]string{
		"posts/1/index.html":    coverKo,
		"en/posts/1/index.html": coverEn,
		"posts/2/index.html":    diagramKo,
		"en/posts/5/index.html": pacificEn,
	} {
		if refresh, canonical := s.redirectTarget(t, p); refresh != want || canonical != want {
			t.Errorf("%s sends readers to %q and crawlers to %q, want %s", p, refresh, canonical, want)
		}
	}
	// The English-only post has no Korean address.
	if s.out.Lookup("posts/5/index.html") != nil {
		t.Error("posts/5/index.html exists; post 5 is only in English, at /en/posts/5/")
	}
}

func TestAliasNamingAnExistingPageFailsNamingThePost(t *testing.T) {
	for _, alias := range []string{"/tags/", "/archive", "/en/", "/posts/other/", "/404.html"} {
		t.Run(alias, func(t *testing.T) {
			msg := buildError(t, newSite("",
				"content/posts/a.ko.md", post("가", "2024-01-01 09:00:00 +0900", "aliases: ["+alias+"]"),
				"content/posts/other.ko.md", post("나", "2024-01-02 09:00:00 +0900"),
			))
			if !hasLineStartingWith(msg, "content/posts/a.ko.md:4:") || !strings.Contains(msg, alias) {
				t.Errorf("error does not name content/posts/a.ko.md:4 (the aliases line) and the alias %s:\n%s", alias, msg)
			}
		})
	}
}

// --- 404 ---

func TestNotFoundPagesExistInTheirLanguage(t *testing.T) {
	s := buildReader(t, "")
	for _, tc := range []struct{ file, lang, title, home string }{
		{"404.html", "ko", "페이지를 찾을 수 없습니다", "index.html"},
		{"en/404.html", "en", "Page not found", "en/index.html"},
	} {
		doc := parsePage(t, s.out, tc.file)
		if got := htmlLang(t, doc); got != tc.lang {
			t.Errorf("%s: <html lang=%q>, want %q", tc.file, got, tc.lang)
		}
		if h1 := first(doc, tag("h1")); h1 == nil || text(h1) != tc.title {
			t.Errorf("%s: <h1> %q, want %q", tc.file, textOf(h1), tc.title)
		}
		// A 404 page is served at any address: its links must not depend
		// on where it is.
		home := false
		for _, n := range all(doc, func(*html.Node) bool { return true }) {
			for _, key := range []string{"href", "src"} {
				v, ok := attr(n, key)
				if !ok {
					continue
				}
				if u, err := url.Parse(v); err != nil || !u.IsAbs() && !strings.HasPrefix(u.Path, "/") && u.Path != "" {
					t.Errorf("%s: <%s %s=%q> is relative to where the page is served", tc.file, n.Data, key, v)
				}
				if n.Data == "a" && s.linkTarget(t, tc.file, v) == tc.home {
					home = true
				}
			}
		}
		if !home {
			t.Errorf("%s has no link to %s", tc.file, tc.home)
		}
	}
}

// --- Comments ---

// isGiscus matches the giscus script.
func isGiscus(n *html.Node) bool {
	return n.Data == "script" && strings.Contains(attrOr(n, "src"), "giscus")
}

func TestCommentsAreOffByDefault(t *testing.T) {
	s := buildReader(t, "")
	for _, pg := range themePages(t, s) {
		if sc := first(pg.doc, isGiscus); sc != nil {
			t.Errorf("%s loads %q without comments in blog.yaml", pg.path, attrOr(sc, "src"))
		}
		if first(pg.doc, tagClass("section", "comments")) != nil {
			t.Errorf("%s has a comments section without comments in blog.yaml", pg.path)
		}
	}
}

func TestGiscusCommentsAreOnPostPagesInThePageLanguage(t *testing.T) {
	s := buildReader(t, "comments: {giscus: {repo: a/b, repoId: R, category: General, categoryId: C}}\n")
	posts := 0
	for _, pg := range themePages(t, s) {
		scripts := all(pg.doc, isGiscus)
		if !isPostPage(pg.doc) {
			if len(scripts) > 0 {
				t.Errorf("%s is not a post page but loads giscus", pg.path)
			}
			continue
		}
		posts++
		if len(scripts) != 1 {
			t.Errorf("%s: %d giscus scripts, want 1", pg.path, len(scripts))
			continue
		}
		sc := scripts[0]
		want := map[string]string{
			"src": "https://giscus.app/client.js", "data-repo": "a/b", "data-repo-id": "R", "data-category": "General",
			"data-category-id": "C", "data-mapping": "pathname", "data-lang": htmlLang(t, pg.doc),
		}
		for key, val := range want {
			if got := attrOr(sc, key); got != val {
				t.Errorf("%s: giscus %s=%q, want %q", pg.path, key, got, val)
			}
		}
	}
	if posts != 7 {
		t.Errorf("checked %d post pages, want the fixture's 7", posts)
	}
}

// --- Dark mode ---

func TestEveryPageHasAThemeToggleHiddenUntilItsScriptRuns(t *testing.T) {
	s := buildReader(t, "")
	themeJS := mustFile(t, s.out, "js/theme.js")
	for _, pg := range themePages(t, s) {
		buttons := all(pg.doc, func(n *html.Node) bool { return attrOr(n, "id") == "theme-toggle" })
		if len(buttons) != 1 || buttons[0].Data != "button" {
			t.Errorf("%s: want one <button id=theme-toggle>, found %d elements", pg.path, len(buttons))
		} else if _, hidden := attr(buttons[0], "hidden"); !hidden {
			t.Errorf("%s: the theme toggle is not hidden; without the script it would do nothing", pg.path)
		}
		loads := false
		for _, sc := range all(pg.doc, tag("script")) {
			if src, ok := attr(sc, "src"); ok && s.linkTarget(t, pg.path, src) == themeJS.Path {
				loads = true
			}
		}
		if !loads {
			t.Errorf("%s does not load js/theme.js", pg.path)
		}
	}
}

func TestStylesheetHasADarkSchemeAndKeepsKoreanWordsWhole(t *testing.T) {
	s := buildReader(t, "")
	css := strings.Join(strings.Fields(string(fileData(t, mustFile(t, s.out, "css/style.css")))), " ")
	for _, want := range []string{"prefers-color-scheme: dark", "word-break: keep-all"} {
		if !strings.Contains(css, want) {
			t.Errorf("css/style.css lacks %q", want)
		}
	}
	// Every page loads it.
	for _, pg := range themePages(t, s) {
		found := false
		for _, l := range linksRel(pg.doc, "stylesheet") {
			if s.linkTarget(t, pg.path, attrOr(l, "href")) == "css/style.css" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s does not link css/style.css", pg.path)
		}
	}
}

// --- Structure for assistive technology ---

func TestHeadingSkipCheckCatchesALevelLeftOut(t *testing.T) {
	for _, tc := range []struct {
		src   string
		skips int
	}{
		{"<h1>a</h1><h3>b</h3>", 1},
		{"<h2>a</h2>", 1},
		{"<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2><h3>e</h3><h4>f</h4><h2>g</h2>", 0},
		{"<h1>a</h1><nav><h2>toc</h2></nav><h3>b</h3>", 0},
		{"<h1>a</h1><h2>b</h2><h4>c</h4>", 1},
	} {
		doc, err := html.Parse(strings.NewReader(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := headingSkips(doc); len(got) != tc.skips {
			t.Errorf("%s: skips %q, want %d", tc.src, got, tc.skips)
		}
	}
}

func TestEveryPageHasAnAccessibleStructure(t *testing.T) {
	s := buildReader(t, "")
	checked := 0
	for _, pg := range themePages(t, s) {
		checked++
		p, doc := pg.path, pg.doc
		if htmlLang(t, doc) == "" {
			t.Errorf("%s: <html> has no lang", p)
		}
		if n := len(all(doc, tag("main"))); n != 1 {
			t.Errorf("%s: %d <main> elements, want 1", p, n)
		}
		if n := len(all(doc, tag("h1"))); n != 1 {
			t.Errorf("%s: %d <h1> elements, want 1", p, n)
		}
		banners := all(doc, func(n *html.Node) bool { return n.Data == "header" && !inLandmark(n) })
		if len(banners) != 1 {
			t.Errorf("%s: %d page <header> elements (banner), want 1", p, len(banners))
		}
		footers := all(doc, func(n *html.Node) bool { return n.Data == "footer" && !inLandmark(n) })
		if len(footers) != 1 {
			t.Errorf("%s: %d page <footer> elements (contentinfo), want 1", p, len(footers))
		}
		have := ids(doc)
		for _, nav := range all(doc, tag("nav")) {
			label := strings.TrimSpace(attrOr(nav, "aria-label"))
			by := attrOr(nav, "aria-labelledby")
			switch {
			case label != "":
			case by != "" && have[by]:
				if el := first(doc, func(n *html.Node) bool { return attrOr(n, "id") == by }); text(el) == "" {
					t.Errorf("%s: <nav class=%q> is labelled by #%s, which has no text", p, attrOr(nav, "class"), by)
				}
			default:
				t.Errorf("%s: <nav class=%q> has no aria-label and no aria-labelledby naming an element", p, attrOr(nav, "class"))
			}
		}
		for _, skip := range headingSkips(doc) {
			t.Errorf("%s: headings skip a level: %s", p, skip)
		}
		for _, img := range all(doc, tag("img")) {
			if _, ok := attr(img, "alt"); !ok {
				t.Errorf("%s: <img src=%q> has no alt attribute", p, attrOr(img, "src"))
			}
		}
	}
	if checked == 0 {
		t.Fatal("no page checked")
	}
	// On a post page the table of contents' own h2 sits between the title
	// and the body's h2 and h3, and counts in the heading order above.
	if first(parsePage(t, s.out, coverKo), tagClass("nav", "toc")) == nil {
		t.Errorf("%s has no table of contents to check", coverKo)
	}
}
