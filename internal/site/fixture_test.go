package site_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"blog/internal/problem"
	"blog/internal/site"
)

// The tests in this file build small sites made in memory: a blog.yaml and
// a few posts, sometimes layouts or a theme of their own.

// fixtureNow is the build time of the fixture sites: posts dated later are
// in the future.
var fixtureNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// fixtureConfig is the blog.yaml of the fixture sites, before the keys a
// test adds.
const fixtureConfig = "title: Fixture\nbaseURL: https://fixture.example/\n"

// newSite returns a site with blog.yaml made of fixtureConfig and extra
// config lines, and the files given as path, content pairs.
func newSite(config string, files ...string) fstest.MapFS {
	fsys := fstest.MapFS{"blog.yaml": {Data: []byte(fixtureConfig + config)}}
	for i := 0; i+1 < len(files); i += 2 {
		fsys[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return fsys
}

// post returns a post file: YAML front matter with the title, the date and
// extra lines ("tags: [go]"), then a short body.
func post(title, date string, extra ...string) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "---\ntitle: %q\ndate: %s\n", title, date)
	for _, l := range extra {
		sb.WriteString(l + "\n")
	}
	fmt.Fprintf(&sb, "---\n\nThe text of %s.\n\n## A heading\n\nMore text.\n", title)
	return sb.String()
}

// buildFixture builds a fixture site at fixtureNow.
func buildFixture(t *testing.T, fsys fstest.MapFS) *builtSite {
	t.Helper()
	return buildSite(t, fsys, site.Options{Now: fixtureNow})
}

// buildError builds a site that must fail and returns the error message.
func buildError(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	b, err := site.NewBuilder(fsys, site.BuilderOptions{Options: site.Options{Now: fixtureNow}})
	if err != nil {
		return err.Error()
	}
	out, _, err := b.Build()
	if err == nil {
		t.Fatalf("the build succeeded with files:\n%s\nwant an error", strings.Join(paths(out), "\n"))
	}
	return err.Error()
}

// hasLineStartingWith reports whether a line of msg starts with prefix, as
// an editor or CI log wants "file:line: …".
func hasLineStartingWith(msg, prefix string) bool {
	for l := range strings.SplitSeq(msg, "\n") {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// langOf returns the language an element is in: the lang attribute of the
// element or its nearest ancestor that has one.
func langOf(n *html.Node) string {
	for ; n != nil; n = n.Parent {
		if v, ok := attr(n, "lang"); ok && n.Type == html.ElementNode {
			return v
		}
	}
	return ""
}

// pagerLink returns the href of a home page's rel=prev or rel=next link in
// its pagination, or "".
func pagerLink(t *testing.T, doc *html.Node, rel string) string {
	t.Helper()
	nav := first(doc, tagClass("nav", "pagination"))
	if nav == nil {
		t.Fatal("no pagination (nav.pagination)")
	}
	if a := first(nav, func(n *html.Node) bool { return n.Data == "a" && attrOr(n, "rel") == rel }); a != nil {
		return attrOr(a, "href")
	}
	return ""
}

func TestTagsDifferingOnlyInCaseShareOnePage(t *testing.T) {
	s := buildFixture(t, newSite("",
		"content/posts/legacy/index.txt", "[ID: 1]\n\t[Tags: ISTIO]\n\t[Title: 레거시 글]\n\t[WriteTime: 2024-01-03]\n\t[ImageNames: ]\n\n## Content\n\n본문.\n",
		"content/posts/modern.ko.md", post("새 글", "2024-02-01 09:00:00 +0900", "tags: [istio]"),
	))
	if got := s.cardTargets(t, "tags/istio/index.html"); !slices.Equal(got, []string{"posts/modern/index.html", "posts/legacy/index.html"}) {
		t.Errorf("tags/istio/index.html lists %v, want both posts, newest first", got)
	}
	index := s.tagIndex(t, "tags/index.html")
	if len(index) != 1 || index["tags/istio/index.html"] != 2 {
		t.Errorf("tags/index.html lists %v, want only tags/istio/index.html with count 2", index)
	}
	for _, f := range s.out.Files {
		if strings.HasPrefix(f.Path, "tags/") && f.Path != "tags/index.html" && f.Path != "tags/istio/index.html" {
			t.Errorf("%s exists; ISTIO and istio are one tag", f.Path)
		}
	}
	checkLinks(t, s)
}

func TestUntranslatedPostIsShownOnEnglishHomeMarkedKorean(t *testing.T) {
	s := buildFixture(t, newSite("showUntranslated: true\n",
		"content/posts/only-ko.ko.md", post("한국어로만 쓴 글", "2024-03-01 09:00:00 +0900", "tags: [go]"),
		"content/posts/both.ko.md", post("번역된 글", "2024-02-01 09:00:00 +0900", "id: 7"),
		"content/posts/both.en.md", post("A translated post", "2024-02-01 09:00:00 +0900", "id: 7"),
	))
	doc := parsePage(t, s.out, "en/index.html")
	if got := htmlLang(t, doc); got != "en" {
		t.Errorf("en/index.html: <html lang=%q>, want \"en\"", got)
	}
	langs := map[string]string{}
	for _, card := range postCards(doc) {
		langs[s.cardTarget(t, "en/index.html", card)] = langOf(card)
	}
	want := map[string]string{"posts/only-ko/index.html": "ko", "en/posts/both/index.html": "en"}
	if fmt.Sprint(langs) != fmt.Sprint(want) {
		t.Errorf("en/index.html lists post → language %v, want %v", langs, want)
	}

	// The Korean home lists the Korean edition of the translated post only.
	if got := s.cardTargets(t, "index.html"); !slices.Equal(got, []string{"posts/only-ko/index.html", "posts/both/index.html"}) {
		t.Errorf("index.html lists %v", got)
	}
	if s.out.Lookup("en/posts/only-ko/index.html") != nil {
		t.Error("en/posts/only-ko/index.html exists; an untranslated post has one page, in its own language")
	}
	checkLinks(t, s)
}

func TestUntranslatedPostIsNotOnEnglishHomeByDefault(t *testing.T) {
	s := buildFixture(t, newSite("",
		"content/posts/only-ko.ko.md", post("한국어로만 쓴 글", "2024-03-01 09:00:00 +0900"),
		"content/posts/both.ko.md", post("번역된 글", "2024-02-01 09:00:00 +0900", "id: 7"),
		"content/posts/both.en.md", post("A translated post", "2024-02-01 09:00:00 +0900", "id: 7"),
	))
	if got := s.cardTargets(t, "en/index.html"); !slices.Equal(got, []string{"en/posts/both/index.html"}) {
		t.Errorf("en/index.html lists %v, want only en/posts/both/index.html", got)
	}
}

// unpublishedSite has a published post, a draft and a post dated after
// fixtureNow, each with a tag of its own.
func unpublishedSite() fstest.MapFS {
	return newSite("",
		"content/posts/published.md", post("Published", "2025-01-01 09:00:00 +0900", "tags: [shared, old]"),
		"content/posts/draft.md", post("Draft", "2025-02-01 09:00:00 +0900", "draft: true", "tags: [shared, drafty]"),
		"content/posts/future/index.md", post("Future", "2025-12-01 09:00:00 +0900", "tags: [shared, later]", "images: [pic.png]"),
		"content/posts/future/pic.png", "not really a png",
	)
}

func TestDraftsAndFuturePostsAreLeftOut(t *testing.T) {
	s := buildFixture(t, unpublishedSite())
	for _, f := range s.out.Files {
		for _, hidden := range []string{"draft", "future", "drafty", "later"} {
			if strings.Contains(f.Path, "/"+hidden+"/") {
				t.Errorf("%s exists; drafts and future posts are left out", f.Path)
			}
		}
	}
	if got := s.cardTargets(t, "index.html"); !slices.Equal(got, []string{"posts/published/index.html"}) {
		t.Errorf("index.html lists %v, want only the published post", got)
	}
	if got := s.cardTargets(t, "tags/shared/index.html"); !slices.Equal(got, []string{"posts/published/index.html"}) {
		t.Errorf("tags/shared/index.html lists %v, want only the published post", got)
	}
	index := s.tagIndex(t, "tags/index.html")
	want := map[string]int{"tags/shared/index.html": 1, "tags/old/index.html": 1}
	if fmt.Sprint(index) != fmt.Sprint(want) {
		t.Errorf("tags/index.html lists %v, want %v", index, want)
	}
	checkLinks(t, s)
}

func TestDraftsAndFuturePostsAreBuiltWithDraftsOption(t *testing.T) {
	s := buildSite(t, unpublishedSite(), site.Options{Now: fixtureNow, Drafts: true})
	for _, p := range []string{"posts/draft/index.html", "posts/future/index.html", "tags/drafty/index.html", "tags/later/index.html"} {
		mustFile(t, s.out, p)
	}
	want := []string{"posts/future/index.html", "posts/draft/index.html", "posts/published/index.html"}
	if got := s.cardTargets(t, "index.html"); !slices.Equal(got, want) {
		t.Errorf("index.html lists %v, want %v", got, want)
	}
	if got := s.tagIndex(t, "tags/index.html")["tags/shared/index.html"]; got != 3 {
		t.Errorf("tags/index.html: shared has count %d, want 3", got)
	}
	checkLinks(t, s)
}

// homePage is what a page of the home list should link and list.
type homePage struct {
	file, prev, next string
	posts            []string
}

// checkHomePages checks the pager links and the posts of home pages.
func checkHomePages(t *testing.T, s *builtSite, pages []homePage) {
	t.Helper()
	for _, pg := range pages {
		doc := parsePage(t, s.out, pg.file)
		if got := pagerLink(t, doc, "prev"); got != pg.prev {
			t.Errorf("%s: rel=prev link %q, want %q", pg.file, got, pg.prev)
		}
		if got := pagerLink(t, doc, "next"); got != pg.next {
			t.Errorf("%s: rel=next link %q, want %q", pg.file, got, pg.next)
		}
		if got := s.cardTargets(t, pg.file); !slices.Equal(got, pg.posts) {
			t.Errorf("%s lists %v, want %v", pg.file, got, pg.posts)
		}
	}
}

func TestHomeIsPaginated(t *testing.T) {
	var files []string
	for i := 1; i <= 5; i++ {
		files = append(files, fmt.Sprintf("content/posts/p%d.md", i), post(fmt.Sprintf("Post %d", i), fmt.Sprintf("2024-01-0%d 09:00:00 +0900", i)))
	}
	s := buildFixture(t, newSite("paginate: 2\n", files...))

	checkHomePages(t, s, []homePage{
		{"index.html", "", "/page/2/", []string{"posts/p5/index.html", "posts/p4/index.html"}},
		{"page/2/index.html", "/", "/page/3/", []string{"posts/p3/index.html", "posts/p2/index.html"}},
		{"page/3/index.html", "/page/2/", "", []string{"posts/p1/index.html"}},
	})
	for _, p := range []string{"page/1/index.html", "page/4/index.html"} {
		if s.out.Lookup(p) != nil {
			t.Errorf("%s exists; the home pages are /, /page/2/ and /page/3/", p)
		}
	}
	checkLinks(t, s)
}

func TestHomeWithExactlyFullPagesHasNoEmptyPage(t *testing.T) {
	var files []string
	for i := 1; i <= 4; i++ {
		files = append(files, fmt.Sprintf("content/posts/p%d.md", i), post(fmt.Sprintf("Post %d", i), fmt.Sprintf("2024-01-0%d 09:00:00 +0900", i)))
	}
	s := buildFixture(t, newSite("paginate: 2\n", files...))
	mustFile(t, s.out, "page/2/index.html")
	if s.out.Lookup("page/3/index.html") != nil {
		t.Error("page/3/index.html exists with 4 posts at 2 a page")
	}
	if got := pagerLink(t, parsePage(t, s.out, "page/2/index.html"), "next"); got != "" {
		t.Errorf("page/2/index.html, the last page, links to a next page %q", got)
	}
}

func TestSiteWithoutPostsBuilds(t *testing.T) {
	s := buildFixture(t, newSite(""))
	for _, p := range []string{"index.html", "en/index.html", "tags/index.html", "en/tags/index.html", "404.html", "en/404.html"} {
		mustFile(t, s.out, p)
	}
	if cards := postCards(parsePage(t, s.out, "index.html")); len(cards) != 0 {
		t.Errorf("index.html lists %d posts in a site without posts", len(cards))
	}
	checkLinks(t, s)
}

func TestDraftTranslationIsNotLinked(t *testing.T) {
	s := buildFixture(t, newSite("",
		"content/posts/a.ko.md", post("가", "2024-01-01 09:00:00 +0900", "id: 1"),
		"content/posts/a.en.md", post("A", "2024-01-01 09:00:00 +0900", "id: 1", "draft: true"),
	))
	doc := parsePage(t, s.out, "posts/a/index.html")
	if got := attrOr(langSwitchLink(t, doc, "en"), "href"); got != "/en/#untranslated" {
		t.Errorf("posts/a/index.html: language switcher links to %q, want the English home's notice \"/en/#untranslated\" while the translation is a draft", got)
	}
	if href, ok := alternates(doc)["en"]; ok {
		t.Errorf("posts/a/index.html has an English alternate %q to a draft", href)
	}
	checkLinks(t, s)
}

func TestPermalinkPatternPlacesPostsByYearAndMonth(t *testing.T) {
	s := buildFixture(t, newSite("permalink: /:year/:month/:slug/\n",
		"content/posts/hello/index.ko.md", post("안녕", "2024-01-03 09:00:00 +0900", "id: 1", "images: [pic.png]"),
		"content/posts/hello/index.en.md", post("Hello", "2024-01-03 09:00:00 +0900", "id: 1"),
		"content/posts/hello/pic.png", "png bytes",
		// 01:00 on February 1st in Seoul is still January in UTC: the
		// author's own offset decides the month.
		"content/posts/midnight.md", post("자정 직후", "2024-02-01 01:00:00 +0900"),
	))
	for _, p := range []string{
		"2024/01/hello/index.html",
		"2024/01/hello/pic.png",
		"en/2024/01/hello/index.html",
		"2024/02/midnight/index.html",
	} {
		mustFile(t, s.out, p)
	}
	for _, f := range s.out.Files {
		if !strings.HasPrefix(f.Path, "posts/") && !strings.HasPrefix(f.Path, "en/posts/") {
			continue
		}
		// Only the /posts/<id>/ redirects of the post with an id live there.
		if f.Path != "posts/1/index.html" && f.Path != "en/posts/1/index.html" || !bytes.Contains(f.Data, []byte(`http-equiv="refresh"`)) {
			t.Errorf("%s exists; the permalink pattern puts posts under /:year/:month/", f.Path)
		}
	}
	want := []string{"2024/02/midnight/index.html", "2024/01/hello/index.html"}
	if got := s.cardTargets(t, "index.html"); !slices.Equal(got, want) {
		t.Errorf("index.html lists %v, want %v", got, want)
	}
	a := langSwitchLink(t, parsePage(t, s.out, "2024/01/hello/index.html"), "en")
	if got := attrOr(a, "href"); got != "/en/2024/01/hello/" {
		t.Errorf("2024/01/hello/index.html: language switcher links to %q, want \"/en/2024/01/hello/\"", got)
	}
	checkLinks(t, s)
}

func TestSiteLayoutOverridesThemeNotFoundPage(t *testing.T) {
	s := buildFixture(t, newSite("",
		"layouts/404.html", `{{ define "main" }}<p id="site-404">{{ .T "notFoundTitle" }} (site layout)</p>{{ end }}`,
		"content/posts/a.md", post("A", "2024-01-01 09:00:00 +0900"),
	))
	for file, lang := range map[string]string{"404.html": "ko", "en/404.html": "en"} {
		doc := parsePage(t, s.out, file)
		if first(doc, func(n *html.Node) bool { return attrOr(n, "id") == "site-404" }) == nil {
			t.Errorf("%s does not show the site's layouts/404.html", file)
		}
		if first(doc, tagClass("section", "not-found")) != nil {
			t.Errorf("%s still shows the theme's 404 layout", file)
		}
		if got := htmlLang(t, doc); got != lang {
			t.Errorf("%s: <html lang=%q>, want %q (the theme's baseof.html still applies)", file, got, lang)
		}
	}
	// Other pages keep the theme's layouts.
	if first(parsePage(t, s.out, "posts/a/index.html"), tagClass("article", "post")) == nil {
		t.Error("posts/a/index.html lost the theme's post layout")
	}
}

// mineTheme is a minimal theme of a site's own, in themes/mine/.
func mineTheme(files ...string) []string {
	theme := []string{
		"themes/mine/layouts/baseof.html", `<!doctype html>
<html lang="{{ .Lang }}" data-theme="mine">
<head><title>{{ .Title }}</title><link rel="stylesheet" href="{{ .Href "/mine.css" }}"></head>
<body>{{ block "main" . }}{{ end }}</body>
</html>
`,
		"themes/mine/layouts/home.html", `{{ define "main" }}<ul>{{ range .Posts }}<li><a class="mine-post" href="{{ $.PostURL . }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}`,
		"themes/mine/layouts/post.html", `{{ define "main" }}<h1 class="mine">{{ .Post.Title }}</h1>{{ .Post.Content }}{{ end }}`,
		"themes/mine/layouts/tags.html", `{{ define "main" }}<h1 class="mine">{{ .T "tags" }}</h1>{{ end }}`,
		"themes/mine/layouts/tag.html", `{{ define "main" }}<h1 class="mine">{{ .Tag.Name }}</h1>{{ end }}`,
		"themes/mine/layouts/404.html", `{{ define "main" }}<h1 class="mine">{{ .T "gone" }}</h1>{{ end }}`,
		"themes/mine/i18n/ko.yaml", "tags: 꼬리표\ngone: 없음\n",
		"themes/mine/i18n/en.yaml", "tags: Labels\ngone: Gone\n",
		"themes/mine/static/mine.css", "body { color: teal }\n",
	}
	return append(theme, files...)
}

func TestSiteThemeFolderReplacesBuiltInTheme(t *testing.T) {
	s := buildFixture(t, newSite("theme: mine\n", mineTheme(
		"content/posts/a.md", post("A", "2024-01-01 09:00:00 +0900", "tags: [go]"),
	)...))
	for _, f := range htmlFiles(s.out) {
		doc := parseFile(t, f)
		if root := first(doc, tag("html")); attrOr(root, "data-theme") != "mine" {
			t.Errorf("%s is not rendered with themes/mine/layouts/baseof.html", f.Path)
		}
		if first(doc, tagClass("header", "site-header")) != nil {
			t.Errorf("%s shows the built-in theme's header", f.Path)
		}
	}
	if h1 := first(parsePage(t, s.out, "en/tags/index.html"), tag("h1")); h1 == nil || text(h1) != "Labels" {
		t.Error("en/tags/index.html does not use themes/mine/i18n/en.yaml")
	}
	mustFile(t, s.out, "mine.css")
	if s.out.Lookup("css/style.css") != nil {
		t.Error("css/style.css of the built-in theme is copied although the site uses themes/mine")
	}
	checkLinks(t, s)
}

func TestUnknownThemeFailsNamingIt(t *testing.T) {
	msg := buildError(t, newSite("theme: nowhere\n"))
	if !strings.Contains(msg, "nowhere") || !strings.Contains(msg, "themes/nowhere") {
		t.Errorf("error %q does not name the theme and its folder", msg)
	}
}

func TestDuplicateSlugInOneLanguageFailsNamingBothFiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string
		a, b  string
	}{
		{
			name: "front matter slug",
			files: []string{
				"content/posts/first.ko.md", post("첫째", "2024-01-01 09:00:00 +0900", "slug: same"),
				"content/posts/second.ko.md", post("둘째", "2024-01-02 09:00:00 +0900", "slug: same"),
			},
			a: "content/posts/first.ko.md", b: "content/posts/second.ko.md",
		},
		{
			name: "file names in two folders",
			files: []string{
				"content/posts/2023/hello.md", post("2023", "2023-01-01 09:00:00 +0900"),
				"content/posts/2024/hello.md", post("2024", "2024-01-01 09:00:00 +0900"),
			},
			a: "content/posts/2023/hello.md", b: "content/posts/2024/hello.md",
		},
		{
			name: "bundle and file",
			files: []string{
				"content/posts/hello/index.en.md", post("Bundle", "2023-01-01 09:00:00 +0900"),
				"content/posts/hello.en.md", post("File", "2024-01-01 09:00:00 +0900"),
			},
			a: "content/posts/hello.en.md", b: "content/posts/hello/index.en.md",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := buildError(t, newSite("", tc.files...))
			if !strings.Contains(msg, tc.a) || !strings.Contains(msg, tc.b) {
				t.Errorf("error does not name both %s and %s:\n%s", tc.a, tc.b, msg)
			}
			if !strings.Contains(msg, "slug") {
				t.Errorf("error does not say the slug is the problem:\n%s", msg)
			}
		})
	}
}

func TestSameSlugInTwoLanguagesIsATranslation(t *testing.T) {
	s := buildFixture(t, newSite("",
		"content/posts/a.ko.md", post("가", "2024-01-01 09:00:00 +0900", "slug: same", "id: 1"),
		"content/posts/b.en.md", post("A", "2024-01-01 09:00:00 +0900", "slug: same", "id: 1"),
	))
	mustFile(t, s.out, "posts/same/index.html")
	mustFile(t, s.out, "en/posts/same/index.html")
}

func TestPostAtAnotherPagesAddressFailsTheBuild(t *testing.T) {
	msg := buildError(t, newSite("permalink: /:slug/\n",
		"content/posts/tags.md", post("Tags", "2024-01-01 09:00:00 +0900", "tags: [go]"),
	))
	if !strings.Contains(msg, "content/posts/tags.md") || !strings.Contains(msg, "tags/index.html") {
		t.Errorf("error does not name the post and the file it collides on:\n%s", msg)
	}
}

func TestTemplateErrorNamesLayoutFileAndLine(t *testing.T) {
	for _, tc := range []struct {
		name, file, src, want string
	}{
		{
			name: "parse error in a page layout",
			file: "layouts/post.html",
			src:  "{{ define \"main\" }}\n<h1>{{ .Title }}</h1>\n{{ if }}\n{{ end }}\n",
			want: "layouts/post.html:3",
		},
		{
			name: "execution error in a page layout",
			file: "layouts/tag.html",
			src:  "{{ define \"main\" }}\n<h1>{{ .Tag.Name }}</h1>\n<p>{{ .NoSuchField }}</p>\n{{ end }}\n",
			want: "layouts/tag.html:3",
		},
		{
			name: "execution error in a partial",
			file: "layouts/partials/footer.html",
			src:  "<footer>\n{{ .NoSuchField }}\n</footer>\n",
			want: "layouts/partials/footer.html:2",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := buildError(t, newSite("",
				tc.file, tc.src,
				"content/posts/a.md", post("A", "2024-01-01 09:00:00 +0900", "tags: [go]"),
			))
			if !hasLineStartingWith(msg, tc.want+":") {
				t.Errorf("error does not start a line with %s: (file:line):\n%s", tc.want, msg)
			}
			if strings.Count(msg, tc.want) != 1 {
				t.Errorf("the one broken line is reported %d times:\n%s", strings.Count(msg, tc.want), msg)
			}
		})
	}
}

func TestTemplateEscapingErrorNamesLayoutFileAndLine(t *testing.T) {
	// html/template finds this mistake only when the layout first runs,
	// and words its message differently from other template errors.
	msg := buildError(t, newSite("",
		"layouts/tag.html", "{{ define \"main\" }}\n<a href=\"{{ if .Tag }}/x{{ else }}/y?{{ end }}{{ .Title }}\">x</a>\n{{ end }}\n",
		"content/posts/a.md", post("A", "2024-01-01 09:00:00 +0900", "tags: [go]"),
	))
	if !hasLineStartingWith(msg, "layouts/tag.html:2:") {
		t.Errorf("error does not start a line with layouts/tag.html:2: (file:line):\n%s", msg)
	}
}

func TestTemplateErrorIsAProblemAtTheLayoutsLine(t *testing.T) {
	b, err := site.NewBuilder(newSite("",
		"layouts/tag.html", "{{ define \"main\" }}\n{{ .NoSuchField }}\n{{ end }}\n",
		"content/posts/a.md", post("A", "2024-01-01 09:00:00 +0900", "tags: [go]"),
	), site.BuilderOptions{Options: site.Options{Now: fixtureNow}})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = b.Build()
	var list problem.List
	if !errors.As(err, &list) {
		t.Fatalf("Build error %v (%T) is not a problem.List", err, err)
	}
	for _, e := range list {
		if e.File != "layouts/tag.html" || e.Line != 2 {
			t.Errorf("error at %s:%d, want layouts/tag.html:2: %v", e.File, e.Line, e)
		}
	}
}

// richSite is a site with enough of everything (languages, tags spelled
// several ways, bundles with images, static files, drafts) for map order
// or goroutine scheduling to show in the output if it leaked there.
func richSite() fstest.MapFS {
	var files []string
	tags := []string{"Go", "go", "Rust", "쿠버네티스", "컴퓨터 구조", "DevOps", "devops", "k8s", "ISTIO", "istio"}
	for i := range 24 {
		date := fmt.Sprintf("2024-%02d-%02d 09:00:00 +0900", i%12+1, i%28+1)
		postTags := fmt.Sprintf("tags: [%q, %q, %q]", tags[i%len(tags)], tags[(i+3)%len(tags)], tags[(i+7)%len(tags)])
		id := fmt.Sprintf("id: %d", i+1)
		dir := fmt.Sprintf("content/posts/post-%02d", i)
		files = append(files,
			dir+"/index.ko.md", post(fmt.Sprintf("글 %d", i), date, id, postTags, "images: [pic.png]"),
			dir+"/pic.png", fmt.Sprintf("image %d", i))
		if i%3 != 0 {
			files = append(files, dir+"/index.en.md", post(fmt.Sprintf("Post %d", i), date, id, postTags))
		}
	}
	files = append(files,
		"content/posts/draft.md", post("초안", "2024-06-06 09:00:00 +0900", "draft: true", "tags: [go]"),
		"static/robots.txt", "User-agent: *\n",
		"static/img/logo.svg", "<svg/>",
	)
	return newSite("paginate: 5\nshowUntranslated: true\n", files...)
}

func TestTwoBuildsOfTheSameInputAreByteIdentical(t *testing.T) {
	a := buildFixture(t, richSite())
	b := buildFixture(t, richSite())
	assertSameOutput(t, a.out, b.out)

	// A Builder that builds again reuses what it read; the output must not
	// change either.
	again, _, err := a.b.Build()
	if err != nil {
		t.Fatal(err)
	}
	assertSameOutput(t, a.out, again)
	checkLinks(t, a)
}

func TestLinksResolveUnderABaseURLWithAPath(t *testing.T) {
	fsys := richSite()
	fsys["blog.yaml"] = &fstest.MapFile{Data: []byte("title: Fixture\nbaseURL: https://fixture.example/blog/\npaginate: 5\n")}
	s := buildFixture(t, fsys)
	if s.base.Path != "/blog/" {
		t.Fatalf("base path %q, want /blog/", s.base.Path)
	}
	checkLinks(t, s)
	a := langSwitchLink(t, parsePage(t, s.out, "index.html"), "en")
	if got := attrOr(a, "href"); got != "/blog/en/" {
		t.Errorf("index.html: language switcher links to %q, want \"/blog/en/\"", got)
	}
}

// TestOutputGrowsLinearlyWithTags builds a site whose one post has n tags,
// beside posts that share a few of them, at two sizes: four times the
// tags must give about four times the output, not sixteen (every tag page
// once listed every tag of the post).
func TestOutputGrowsLinearlyWithTags(t *testing.T) {
	size := func(n int) int {
		tags := make([]string, n)
		for i := range tags {
			tags[i] = fmt.Sprintf("t%d", i)
		}
		files := []string{"content/posts/many.md", post("Many", "2024-01-03", "tags: ["+strings.Join(tags, ", ")+"]")}
		for i := range 10 {
			files = append(files, fmt.Sprintf("content/posts/p%d.md", i), post(fmt.Sprintf("P%d", i), "2024-01-02", fmt.Sprintf("tags: [t%d, t%d]", i, i+1)))
		}
		s := buildFixture(t, newSite("", files...))
		total := 0
		for _, f := range s.out.Files {
			b, err := f.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			total += len(b)
		}
		return total
	}
	small, large := size(500), size(2000)
	if ratio := float64(large) / float64(small); ratio > 5 {
		t.Errorf("500 tags give %d bytes of output, 2,000 give %d: %.1f times, want about 4", small, large, ratio)
	}
}

// TestFeedsAreWellFormedForEveryCharacter puts every character XML does
// not allow (and "]]>", which ends CDATA) in a post's title, description,
// tags, author and body, as Markdown text and as raw HTML: RSS and Atom
// parse, the text around each survives, and "]]>" comes back once.
func TestFeedsAreWellFormedForEveryCharacter(t *testing.T) {
	var bad []rune
	for r := rune(0); r < 0x20; r++ {
		if r != '\t' && r != '\n' && r != '\r' {
			bad = append(bad, r)
		}
	}
	for r := rune(0x7f); r <= 0x9f; r++ {
		bad = append(bad, r)
	}
	bad = append(bad, 0xFFFE, 0xFFFF)
	var body, yamlEsc strings.Builder
	for _, r := range bad {
		fmt.Fprintf(&body, "a%cb ", r)
		fmt.Fprintf(&yamlEsc, `\u%04X`, r)
	}
	src := "---\ntitle: \"T" + yamlEsc.String() + "\"\ndate: 2024-01-03\ndescription: \"D" + yamlEsc.String() +
		"\"\ntags: [\"g" + yamlEsc.String() + "\"]\nauthors: [me]\n---\n\n" + body.String() +
		"\n\n<p>raw " + body.String() + " before]]>after</p>\n"
	authors := "me:\n  name: \"M" + yamlEsc.String() + "\"\n"
	s := buildFixture(t, newSite("", "content/posts/a.md", src, "content/authors.yaml", authors))
	for _, feed := range []string{"rss.xml", "atom.xml"} {
		data := fileData(t, mustFile(t, s.out, feed))
		d := xml.NewDecoder(bytes.NewReader(data))
		d.Strict = true
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed: %v", feed, err)
			}
		}
	}
	it := readRSS(t, s, "rss.xml").Channel.Items[0]
	if n := strings.Count(it.Content, "before]]>after"); n != 1 {
		t.Errorf("the RSS content holds \"before]]>after\" %d times, want once:\n%s", n, it.Content)
	}
	for _, want := range []string{"a\uFFFDb", "raw a\uFFFDb"} {
		if !strings.Contains(it.Content, want) {
			t.Errorf("the RSS content lacks %q", want)
		}
	}
	if !strings.HasPrefix(it.Title, "T\uFFFD") {
		t.Errorf("title %q", it.Title)
	}
}
