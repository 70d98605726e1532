package site_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"blog/internal/site"

	"golang.org/x/net/html"
)

// docsSite has pages (one translated, one nested), a doc section in both
// languages with positions, labels, a category file, a folder without a
// page of its own, a file beside the docs, and relative links between them
// as Docusaurus writes them; and posts by an author.
func docsSite() map[string]string {
	return map[string]string{
		"content/pages/about.md":                      "---\ntitle: 소개\n---\n\n이 블로그는 [가이드](/docs/guide/)를 둔다.\n",
		"content/pages/about.en.md":                   "---\ntitle: About\n---\n\nThis blog has a [guide](/en/docs/guide/).\n",
		"content/pages/uses/desk.md":                  "---\ntitle: 책상\n---\n\n책상 위.\n",
		"content/docs/guide/index.md":                 "---\ntitle: 가이드\n---\n\n시작은 [소개](./intro.md)부터.\n",
		"content/docs/guide/index.en.md":              "---\ntitle: Guide\n---\n\nStart with the [introduction](./intro.md).\n",
		"content/docs/guide/intro.md":                 "---\ntitle: 들어가며\nsidebar_position: 1\nsidebar_label: 소개\n---\n\n![그림](img/a.png)\n\n다음은 [설치](./install.md#설치-방법).\n",
		"content/docs/guide/intro.en.md":              "---\ntitle: Introduction\nsidebar_position: 1\n---\n\nNext: [install](./install.md).\n",
		"content/docs/guide/install.md":               "---\ntitle: 설치\nsidebar_position: 2\n---\n\n## 설치 방법\n\n[심화](./advanced/tuning.md)도 있다.\n",
		"content/docs/guide/advanced/_category_.json": `{"label": "심화", "position": 3}`,
		"content/docs/guide/advanced/tuning.md":       "---\ntitle: 튜닝\n---\n\n[처음으로](../index.md).\n",
		"content/docs/guide/img/a.png":                "png",
		"content/authors.yaml":                        "kim:\n  name: Kim\n  url: https://kim.example/\n",
		"content/posts/a.md":                          post("A", "2024-01-03", "authors: [kim]", "id: 1"),
		"content/posts/a.en.md":                       post("A en", "2024-01-03", "authors: [kim]", "id: 1"),
		"content/posts/b.md":                          post("B", "2024-01-02"),
	}
}

func TestPagesAndDocsHaveTheirAddressesInBothLanguages(t *testing.T) {
	s := buildFixture(t, newSite("", mapPairs(docsSite())...))
	for _, p := range []string{"about/index.html", "en/about/index.html", "uses/desk/index.html",
		"docs/guide/index.html", "docs/guide/intro/index.html", "docs/guide/install/index.html", "docs/guide/advanced/tuning/index.html",
		"en/docs/guide/index.html", "en/docs/guide/intro/index.html", "docs/guide/img/a.png",
		"authors/index.html", "authors/kim/index.html", "en/authors/kim/index.html"} {
		if s.out.Lookup(p) == nil {
			t.Errorf("no %s", p)
		}
	}
	checkLinks(t, s)
	// Translations are joined by their place: the switcher and hreflang.
	if got := attrOr(langSwitchLink(t, parsePage(t, s.out, "about/index.html"), "en"), "href"); got != "/en/about/" {
		t.Errorf("the about page's English link is %q", got)
	}
	if got := attrOr(langSwitchLink(t, parsePage(t, s.out, "docs/guide/intro/index.html"), "en"), "href"); got != "/en/docs/guide/intro/" {
		t.Errorf("a doc's English link is %q", got)
	}
	sitemap := string(fileData(t, mustFile(t, s.out, "sitemap.xml")))
	for _, want := range []string{"/about/", "/docs/guide/install/", "/en/docs/guide/intro/", "/authors/kim/"} {
		if !strings.Contains(sitemap, want) {
			t.Errorf("the sitemap lacks %s", want)
		}
	}
	index := indexText(t, s.out, "search/")
	if !strings.Contains(index, "/docs/guide/install/") || !strings.Contains(index, "/about/") {
		t.Error("the search index lacks the docs and pages")
	}
}

// sidebar reads a doc page's sidebar: each link's text (with > for each
// level it is nested) and whether it is the current page.
func sidebar(n *html.Node) (items []string, current string) {
	nav := first(n, tagClass("nav", "doc-sidebar"))
	if nav == nil {
		return nil, ""
	}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			d := depth
			if c.Type == html.ElementNode && c.Data == "ul" {
				d++
			}
			if c.Type == html.ElementNode && c.Data == "a" {
				items = append(items, strings.Repeat(">", d-1)+text(c))
				if attrOr(c, "aria-current") == "page" {
					current = text(c)
				}
			}
			walk(c, d)
		}
	}
	walk(nav, 0)
	return items, current
}

func TestDocsSidebarFollowsPositionsLabelsAndCategories(t *testing.T) {
	s := buildFixture(t, newSite("", mapPairs(docsSite())...))
	items, current := sidebar(parsePage(t, s.out, "docs/guide/install/index.html"))
	want := []string{"가이드", "소개", "설치", "심화", ">튜닝"}
	if !slices.Equal(items, want) {
		t.Errorf("sidebar %q, want %q", items, want)
	}
	if current != "설치" {
		t.Errorf("the current page marked in the sidebar is %q, want 설치", current)
	}
	// The English section shows the docs not translated yet in Korean,
	// at English addresses, marked as Korean.
	items, _ = sidebar(parsePage(t, s.out, "en/docs/guide/intro/index.html"))
	if !slices.Equal(items, []string{"Guide", "Introduction", "설치", "심화", ">튜닝"}) {
		t.Errorf("English sidebar %q", items)
	}
	if art := first(parsePage(t, s.out, "en/docs/guide/install/index.html"), tagClass("article", "doc")); attrOr(art, "lang") != "ko" {
		t.Errorf("the untranslated doc at its English address is not marked lang=ko")
	}
	// Previous and next follow the sidebar.
	doc := parsePage(t, s.out, "docs/guide/install/index.html")
	rel := func(r string) string {
		a := first(first(doc, tagClass("nav", "post-nav")), func(n *html.Node) bool { return n.Data == "a" && attrOr(n, "rel") == r })
		return attrOr(a, "href")
	}
	if got := rel("prev"); got != "/docs/guide/intro/" {
		t.Errorf("previous doc %q", got)
	}
	if got := rel("next"); got != "/docs/guide/advanced/tuning/" {
		t.Errorf("next doc %q", got)
	}
	var crumbs []string
	for _, li := range all(first(doc, tagClass("nav", "breadcrumbs")), tag("li")) {
		crumbs = append(crumbs, text(li))
	}
	if !slices.Equal(crumbs, []string{"가이드", "설치"}) {
		t.Errorf("breadcrumbs %q", crumbs)
	}
	tuning := parsePage(t, s.out, "docs/guide/advanced/tuning/index.html")
	crumbs = nil
	for _, li := range all(first(tuning, tagClass("nav", "breadcrumbs")), tag("li")) {
		crumbs = append(crumbs, text(li))
	}
	if !slices.Equal(crumbs, []string{"가이드", "심화", "튜닝"}) {
		t.Errorf("breadcrumbs of a nested doc %q", crumbs)
	}
}

func TestAuthorPagesListTheirPostsAndBylinesLinkThem(t *testing.T) {
	s := buildFixture(t, newSite("", mapPairs(docsSite())...))
	if got := s.cardTargets(t, "authors/kim/index.html"); !slices.Equal(got, []string{"posts/a/index.html"}) {
		t.Errorf("Kim's page lists %v", got)
	}
	if got := s.cardTargets(t, "en/authors/kim/index.html"); !slices.Equal(got, []string{"en/posts/a/index.html"}) {
		t.Errorf("Kim's English page lists %v", got)
	}
	byline := first(parsePage(t, s.out, "posts/a/index.html"), tagClass("li", "author"))
	if a := first(byline, tag("a")); a == nil || attrOr(a, "href") != "/authors/kim/" {
		t.Errorf("the byline does not link the author's page: %v", textOf(a))
	}
}

// mapPairs turns a map of files into newSite's path, content pairs.
func mapPairs(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k, v)
	}
	return out
}

func TestMenuLinksPagesSectionsAndAddressesInEachLanguage(t *testing.T) {
	cfg := "menu:\n  - {page: about, label: {ko: 소개, en: About}}\n  - {section: guide, label: {ko: 가이드, en: Guide}}\n  - {url: /tags/, label: 태그}\n  - {page: nothing, label: 없음}\n"
	s := buildFixture(t, newSite(cfg, mapPairs(docsSite())...))
	menu := func(p string) (links []string, current string) {
		nav := first(parsePage(t, s.out, p), tagClass("nav", "site-nav"))
		for _, a := range all(nav, tag("a"))[3:] {
			links = append(links, text(a)+" "+attrOr(a, "href"))
			if attrOr(a, "aria-current") == "page" {
				current = text(a)
			}
		}
		return links, current
	}
	links, current := menu("docs/guide/install/index.html")
	if want := []string{"소개 /about/", "가이드 /docs/guide/", "태그 /tags/"}; !slices.Equal(links, want) {
		t.Errorf("menu %q, want %q", links, want)
	}
	if current != "가이드" {
		t.Errorf("current menu item %q, want 가이드", current)
	}
	links, _ = menu("en/index.html")
	if want := []string{"About /en/about/", "Guide /en/docs/guide/", "태그 /en/tags/"}; !slices.Equal(links, want) {
		t.Errorf("English menu %q, want %q", links, want)
	}
}

// A build that lets go of its posts before the pages render (Once, as
// blog build makes) writes the same files as one that keeps them, on a
// site with what the posts' release could reach: pages and docs in both
// languages, a menu of them, a sidebar, authors, translations, aliases,
// a future post and search.
func TestOnceWritesWhatABuildKeepingThePostsWrites(t *testing.T) {
	cfg := "menu:\n  - {page: about, label: {ko: 소개, en: About}}\n  - {section: guide, label: {ko: 가이드, en: Guide}}\n"
	files := docsSite()
	files["content/posts/c.md"] = post("C", "2024-01-04", "aliases: [/old/c/]", "tags: [go, 검색]")
	files["content/posts/c.en.md"] = post("C en", "2024-01-04", "tags: [go]")
	files["content/posts/later.md"] = post("나중", "2099-01-01")
	fsys := newSite(cfg, mapPairs(files)...)
	written := func(once bool) map[string]string {
		var mu sync.Mutex
		got := map[string]string{}
		b, err := site.NewBuilder(fsys, site.BuilderOptions{Once: once, Options: site.Options{Now: fixtureNow, Emit: func(f *site.File) error {
			data, err := f.Bytes()
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			got[f.Path] = string(data)
			return nil
		}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := b.Build(); err != nil {
			t.Fatal(err)
		}
		return got
	}
	kept, once := written(false), written(true)
	if len(kept) < 40 || kept["docs/guide/install/index.html"] == "" || kept["old/c/index.html"] == "" {
		t.Fatalf("the site wrote %d files, without the pages looked for", len(kept))
	}
	for p, want := range kept {
		if got, ok := once[p]; !ok || got != want {
			t.Errorf("%s: written %v by the build with Once, and differs", p, ok)
		}
	}
	if len(once) != len(kept) {
		t.Errorf("Once wrote %d files, the other build %d", len(once), len(kept))
	}
}
