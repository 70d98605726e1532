package site_test

import (
	"bytes"
	"cmp"
	"io/fs"
	"net/url"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"blog/internal/content"
	"blog/internal/site"
)

// The tests in this file build the repository's own site (the folder two
// levels up: blog.yaml, content/ and the built-in theme) and check the
// pages a reader gets, by parsing them.

// repoSite is the repository's own site folder.
func repoSite() fs.FS { return os.DirFS("../..") }

// builtSite is a site built for a test, with what is needed to check it.
type builtSite struct {
	fsys fs.FS
	b    *site.Builder
	out  *site.Output
	set  *content.Set
	base *url.URL
	now  time.Time
}

// buildRepoSite builds the repository's site as `blog build` does.
func buildRepoSite(t *testing.T) *builtSite {
	t.Helper()
	return buildSite(t, repoSite(), site.Options{Now: time.Now()})
}

// buildSite builds a site folder and stops the test on error.
func buildSite(t *testing.T, fsys fs.FS, opts site.Options) *builtSite {
	t.Helper()
	b, err := site.NewBuilder(fsys, site.BuilderOptions{Options: opts})
	if err != nil {
		t.Fatalf("NewBuilder: %v", err)
	}
	out, set, err := b.Build()
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	base, err := url.Parse(b.Config.BaseURL)
	if err != nil {
		t.Fatalf("base URL %q: %v", b.Config.BaseURL, err)
	}
	return &builtSite{fsys: fsys, b: b, out: out, set: set, base: base, now: opts.Now}
}

// published reports whether a build without Options.Drafts shows p.
func (s *builtSite) published(p *content.Post) bool {
	return !p.Draft && !p.Date.After(s.now)
}

// postFile is the output file of a post's page under the default
// permalink pattern /posts/:slug/.
func (s *builtSite) postFile(p *content.Post) string {
	return strings.TrimPrefix(s.b.Config.LangPrefix(p.Lang)+"/posts/"+p.Slug+"/index.html", "/")
}

// langFile puts a language's prefix before an output path.
func (s *builtSite) langFile(lang, p string) string {
	return strings.TrimPrefix(s.b.Config.LangPrefix(lang)+"/"+p, "/")
}

// listed returns the published posts a language's lists show, newest first.
func (s *builtSite) listed(lang string) []*content.Post {
	var list []*content.Post
	for _, p := range s.set.Posts {
		if !s.published(p) {
			continue
		}
		if p.Lang == lang || s.b.Config.ShowUntranslated && !s.hasPublishedTranslation(p, lang) {
			list = append(list, p)
		}
	}
	return list
}

func (s *builtSite) hasPublishedTranslation(p *content.Post, lang string) bool {
	tr := p.Translation(lang)
	return tr != nil && s.published(tr)
}

// postByFile returns the post read from a content file.
func (s *builtSite) postByFile(t *testing.T, file string) *content.Post {
	t.Helper()
	for _, p := range s.set.Posts {
		if p.File == file {
			return p
		}
	}
	t.Fatalf("no post was read from %s", file)
	return nil
}

// postFilesIn walks a site's content/posts folder on its own, without
// package content, and returns every post file: index.* in a bundle
// folder, any .md or .txt file elsewhere.
func postFilesIn(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	isPost := func(name string) bool {
		ext := path.Ext(name)
		return (ext == ".md" || ext == ".txt") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_")
	}
	var files []string
	err := fs.WalkDir(fsys, content.PostsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			// Bundle folders are skipped below, so this file stands alone.
			if isPost(d.Name()) {
				files = append(files, p)
			}
			return nil
		}
		if p == content.PostsDir {
			return nil
		}
		entries, err := fs.ReadDir(fsys, p)
		if err != nil {
			return err
		}
		bundle := false
		for _, e := range entries {
			if !e.IsDir() && strings.HasPrefix(e.Name(), "index.") && isPost(e.Name()) {
				files = append(files, path.Join(p, e.Name()))
				bundle = true
			}
		}
		if bundle {
			return fs.SkipDir
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", content.PostsDir, err)
	}
	return files
}

// htmlLang returns the lang attribute of a document's <html> element.
func htmlLang(t *testing.T, doc *html.Node) string {
	t.Helper()
	root := first(doc, tag("html"))
	if root == nil {
		t.Fatal("document has no <html> element")
	}
	return attrOr(root, "lang")
}

// postCards returns the post cards of a list page.
func postCards(doc *html.Node) []*html.Node {
	return all(doc, tagClass("article", "post-card"))
}

// cardTarget returns the output file a post card's title links to.
func (s *builtSite) cardTarget(t *testing.T, from string, card *html.Node) string {
	t.Helper()
	h := first(card, tagClass("h2", "post-card-title"))
	if h == nil {
		t.Fatalf("%s: a post card has no title", from)
	}
	a := first(h, tag("a"))
	if a == nil {
		t.Fatalf("%s: the post card %q has no link", from, text(h))
	}
	tg, ok := resolve(t, s.base, from, attrOr(a, "href"))
	if !ok {
		t.Fatalf("%s: the post card %q links outside the site: %q", from, text(h), attrOr(a, "href"))
	}
	return tg.File
}

// cardTargets returns the output files the post cards of a list page link
// to, in order.
func (s *builtSite) cardTargets(t *testing.T, p string) []string {
	t.Helper()
	var targets []string
	for _, card := range postCards(parsePage(t, s.out, p)) {
		targets = append(targets, s.cardTarget(t, p, card))
	}
	return targets
}

// langSwitchLink returns the language switcher's link to lang on a page.
func langSwitchLink(t *testing.T, doc *html.Node, lang string) *html.Node {
	t.Helper()
	nav := first(doc, tagClass("nav", "lang-switch"))
	if nav == nil {
		t.Fatal("page has no language switcher (nav.lang-switch)")
	}
	a := first(nav, func(n *html.Node) bool { return n.Data == "a" && attrOr(n, "hreflang") == lang })
	if a == nil {
		t.Fatalf("language switcher has no link to %q", lang)
	}
	return a
}

// alternates returns a page's <link rel="alternate" hreflang> by language.
func alternates(doc *html.Node) map[string]string {
	m := map[string]string{}
	for _, l := range all(doc, func(n *html.Node) bool {
		_, ok := attr(n, "hreflang")
		return n.Data == "link" && attrOr(n, "rel") == "alternate" && ok
	}) {
		m[attrOr(l, "hreflang")] = attrOr(l, "href")
	}
	return m
}

func TestHomePagesDeclareTheirLanguage(t *testing.T) {
	s := buildRepoSite(t)
	for file, lang := range map[string]string{"index.html": "ko", "en/index.html": "en"} {
		if got := htmlLang(t, parsePage(t, s.out, file)); got != lang {
			t.Errorf("%s: <html lang=%q>, want %q", file, got, lang)
		}
	}
}

func TestEveryPostHasItsPage(t *testing.T) {
	s := buildRepoSite(t)
	files := postFilesIn(t, s.fsys)
	if len(files) == 0 {
		t.Fatal("found no post files in content/posts")
	}
	if len(s.set.Posts) != len(files) {
		t.Errorf("content/posts holds %d post files, the build read %d posts", len(files), len(s.set.Posts))
	}
	for _, file := range files {
		p := s.postByFile(t, file)
		if !s.published(p) {
			continue
		}
		page := s.postFile(p)
		doc := parsePage(t, s.out, page)
		if got := htmlLang(t, doc); got != p.Lang {
			t.Errorf("%s (from %s): <html lang=%q>, want %q", page, file, got, p.Lang)
		}
		h1 := first(doc, func(n *html.Node) bool { return n.Data == "h1" && first(n, tag("a")) == nil })
		if h1 == nil || text(h1) != p.Title {
			t.Errorf("%s (from %s): no <h1> with the post title %q", page, file, p.Title)
		}
	}
}

func TestTranslatedPostsHaveAnEnglishPage(t *testing.T) {
	s := buildRepoSite(t)
	translated := 0
	for _, p := range s.set.Lang("ko") {
		en := p.Translation("en")
		if !s.published(p) || en == nil || !s.published(en) {
			continue
		}
		translated++
		page := s.postFile(en)
		if got := htmlLang(t, parsePage(t, s.out, page)); got != "en" {
			t.Errorf("%s: <html lang=%q>, want \"en\"", page, got)
		}
	}
	if translated == 0 {
		t.Fatal("no Korean post with an English translation in content/posts")
	}
}

func TestPostWithoutTranslationExistsOnlyInKorean(t *testing.T) {
	s := buildRepoSite(t)
	if s.out.Lookup("posts/shell-one-liners/index.html") == nil {
		t.Error("posts/shell-one-liners/index.html is missing")
	}
	for _, f := range s.out.Files {
		if strings.HasPrefix(f.Path, "en/") && strings.Contains(f.Path, "shell-one-liners") {
			t.Errorf("%s exists, but shell-one-liners has no English translation", f.Path)
		}
	}
	for _, p := range []string{"en/index.html", "en/tags/index.html"} {
		for _, target := range s.cardTargets(t, p) {
			if strings.Contains(target, "shell-one-liners") {
				t.Errorf("%s lists %s, a post without English translation", p, target)
			}
		}
	}
}

// tagIndex reads a tag index page: the output file of each tag's page and
// the count shown beside it.
func (s *builtSite) tagIndex(t *testing.T, p string) map[string]int {
	t.Helper()
	doc := parsePage(t, s.out, p)
	cloud := first(doc, tagClass("ul", "tag-cloud"))
	if cloud == nil {
		t.Fatalf("%s: no tag list (ul.tag-cloud)", p)
	}
	got := map[string]int{}
	for _, a := range all(cloud, tagClass("a", "tag")) {
		tg, ok := resolve(t, s.base, p, attrOr(a, "href"))
		if !ok {
			t.Errorf("%s: tag %q links outside the site", p, text(a))
			continue
		}
		span := first(a, tagClass("span", "count"))
		if span == nil {
			t.Errorf("%s: tag %q shows no count", p, text(a))
			continue
		}
		n, err := strconv.Atoi(text(span))
		if err != nil {
			t.Errorf("%s: tag %q: count %q is not a number", p, text(a), text(span))
		}
		if _, dup := got[tg.File]; dup {
			t.Errorf("%s: %s is listed twice", p, tg.File)
		}
		got[tg.File] = n
	}
	return got
}

func TestTagIndexListsEveryTagWithItsCount(t *testing.T) {
	s := buildRepoSite(t)
	for _, lang := range []string{"ko", "en"} {
		want := map[string]int{}
		for _, p := range s.listed(lang) {
			for _, tg := range p.Tags {
				want[s.langFile(lang, "tags/"+tg.Slug+"/index.html")]++
			}
		}
		index := s.langFile(lang, "tags/index.html")
		got := s.tagIndex(t, index)
		for page, n := range want {
			if got[page] != n {
				t.Errorf("%s: tag page %s shown with count %d, want %d", index, page, got[page], n)
			}
		}
		for page := range got {
			if _, ok := want[page]; !ok {
				t.Errorf("%s: lists %s, a tag no %s post has", index, page, lang)
			}
		}
		for page, n := range want {
			if s.out.Lookup(page) == nil {
				t.Errorf("tag page %s is missing", page)
				continue
			}
			if cards := len(s.cardTargets(t, page)); cards != n {
				t.Errorf("%s lists %d posts, want %d", page, cards, n)
			}
		}
	}
}

func TestHangulTagPageExists(t *testing.T) {
	s := buildRepoSite(t)
	const page = "tags/컴퓨터-구조/index.html"
	doc := parsePage(t, s.out, page)
	if h1 := first(doc, tag("h1")); h1 == nil || !strings.Contains(text(h1), "컴퓨터 구조") {
		t.Errorf("%s: want an <h1> naming the tag \"컴퓨터 구조\"", page)
	}
	if got := s.cardTargets(t, page); !slices.Contains(got, "posts/shell-one-liners/index.html") {
		t.Errorf("%s lists %v, want posts/shell-one-liners/index.html among them", page, got)
	}

	// The post links to the tag with each segment percent-encoded once.
	post := parsePage(t, s.out, "posts/shell-one-liners/index.html")
	want := "/tags/" + url.PathEscape("컴퓨터-구조") + "/"
	found := first(post, func(n *html.Node) bool { return n.Data == "a" && attrOr(n, "href") == want })
	if found == nil {
		t.Errorf("posts/shell-one-liners/index.html has no link with href=%q", want)
	}
}

func TestLegacyPostIsListedOnLowerCaseTagPage(t *testing.T) {
	s := buildRepoSite(t)
	legacy := s.postByFile(t, "content/posts/istio-weekly-meeting/index.txt")
	if !legacy.Legacy || !slices.Contains(legacy.Tags, content.Tag{Name: "ISTIO", Slug: "istio"}) {
		t.Fatalf("content/posts/istio-weekly-meeting/index.txt: read as legacy=%v with tags %v, want the legacy tag ISTIO", legacy.Legacy, legacy.Tags)
	}
	if got := s.cardTargets(t, "tags/istio/index.html"); !slices.Contains(got, "posts/istio-weekly-meeting/index.html") {
		t.Errorf("tags/istio/index.html lists %v, want posts/istio-weekly-meeting/index.html among them", got)
	}
	if s.out.Lookup("tags/ISTIO/index.html") != nil {
		t.Error("tags/ISTIO/index.html exists; tag pages are named by the lower-case slug")
	}
}

func TestEveryInternalLinkResolvesToAnOutputFile(t *testing.T) {
	s := buildRepoSite(t)
	checkLinks(t, s)
}

// checkLinks checks every href and src of every HTML page that stays
// inside the site: it names an output file and, with a #fragment, an id
// on the page it names.
func checkLinks(t *testing.T, s *builtSite) {
	t.Helper()
	docs := map[string]*html.Node{}
	parse := func(f *site.File) *html.Node {
		if docs[f.Path] == nil {
			docs[f.Path] = parseFile(t, f)
		}
		return docs[f.Path]
	}
	pageIDs := map[string]map[string]bool{}
	checked := 0
	for _, f := range htmlFiles(s.out) {
		doc := parse(f)
		for _, n := range all(doc, func(*html.Node) bool { return true }) {
			for _, key := range []string{"href", "src"} {
				link, ok := attr(n, key)
				if !ok {
					continue
				}
				tg, inside := resolve(t, s.base, f.Path, link)
				if !inside {
					continue
				}
				checked++
				dest := s.out.Lookup(tg.File)
				if dest == nil {
					t.Errorf("%s: <%s %s=%q> names %s, which is not in the output", f.Path, n.Data, key, link, tg.File)
					continue
				}
				if tg.Fragment == "" {
					continue
				}
				if path.Ext(dest.Path) != ".html" {
					t.Errorf("%s: <%s %s=%q> has a fragment, but %s is not a page", f.Path, n.Data, key, link, dest.Path)
					continue
				}
				if pageIDs[dest.Path] == nil {
					pageIDs[dest.Path] = ids(parse(dest))
				}
				if !pageIDs[dest.Path][tg.Fragment] {
					t.Errorf("%s: <%s %s=%q> points at #%s, but %s has no element with that id", f.Path, n.Data, key, link, tg.Fragment, dest.Path)
				}
			}
		}
	}
	if checked == 0 {
		t.Error("found no link inside the site to check")
	}
}

func TestEveryFragmentLinkPointsAtAnIDOnItsPage(t *testing.T) {
	s := buildRepoSite(t)
	fragments := 0
	for _, f := range htmlFiles(s.out) {
		doc := parseFile(t, f)
		have := ids(doc)
		for _, a := range all(doc, func(n *html.Node) bool { return strings.HasPrefix(attrOr(n, "href"), "#") }) {
			href := attrOr(a, "href")
			id, err := url.PathUnescape(href[1:])
			if err != nil {
				t.Errorf("%s: href %q is not a valid escaped fragment: %v", f.Path, href, err)
				continue
			}
			fragments++
			if !have[id] {
				t.Errorf("%s: <%s href=%q> points at id %q, which the page does not have", f.Path, a.Data, href, id)
			}
		}
	}
	if fragments == 0 {
		t.Error("found no #fragment link; the skip link and tables of contents should have some")
	}
}

func TestTableOfContentsKeepsHangulHeadingIDs(t *testing.T) {
	s := buildRepoSite(t)
	const page = "posts/hello-blog/index.html"
	doc := parsePage(t, s.out, page)
	toc := first(doc, tagClass("nav", "toc"))
	if toc == nil {
		t.Fatalf("%s: no table of contents (nav.toc)", page)
	}
	const id = "1-왜-블로그인가"
	want := "#" + url.PathEscape(id)
	if first(toc, func(n *html.Node) bool { return n.Data == "a" && attrOr(n, "href") == want }) == nil {
		t.Errorf("%s: the table of contents has no link %q", page, want)
	}
	if !ids(doc)[id] {
		t.Errorf("%s: no element with id %q", page, id)
	}
}

func TestPostImagesAreCopiedNextToThePost(t *testing.T) {
	s := buildRepoSite(t)
	images := 0
	for _, p := range s.set.Posts {
		if !s.published(p) {
			continue
		}
		dir := path.Dir(s.postFile(p))
		for _, img := range p.Images {
			images++
			f := s.out.Lookup(path.Join(dir, img))
			if f == nil {
				t.Errorf("%s names image %s, but %s is not in the output", p.File, img, path.Join(dir, img))
				continue
			}
			src, err := fs.ReadFile(s.fsys, path.Join(p.Dir, img))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(fileData(t, f), src) {
				t.Errorf("%s differs from %s", f.Path, path.Join(p.Dir, img))
			}
		}
	}
	if images == 0 {
		t.Fatal("no post names an image")
	}

	// The Korean kube-rs post shows its images from its own folder.
	const page = "posts/kube-rs-contributions/index.html"
	var shown []string
	for _, img := range all(parsePage(t, s.out, page), tag("img")) {
		if tg, ok := resolve(t, s.base, page, attrOr(img, "src")); ok {
			shown = append(shown, tg.File)
		}
	}
	if !slices.Contains(shown, "posts/kube-rs-contributions/28s-to-2s.png") {
		t.Errorf("%s shows images %v, want posts/kube-rs-contributions/28s-to-2s.png among them", page, shown)
	}
}

func TestLanguageSwitcherKeepsItsPlaceInTheOtherLanguage(t *testing.T) {
	s := buildRepoSite(t)
	for _, tc := range []struct{ page, lang, want string }{
		{"posts/kube-rs-contributions/index.html", "en", "/en/posts/kube-rs-contributions/"},
		{"en/posts/kube-rs-contributions/index.html", "ko", "/posts/kube-rs-contributions/"},
		// An untranslated post goes to the other home, at its notice.
		{"posts/shell-one-liners/index.html", "en", "/en/#untranslated"},
		{"index.html", "en", "/en/"},
		{"en/tags/index.html", "ko", "/tags/"},
		{"tags/index.html", "en", "/en/tags/"},
		{"archive/index.html", "en", "/en/archive/"},
		{"en/archive/index.html", "ko", "/archive/"},
		// A tag both languages have, and one only Korean has.
		{"tags/kubernetes/index.html", "en", "/en/tags/kubernetes/"},
		{"tags/shell/index.html", "en", "/en/tags/"},
	} {
		a := langSwitchLink(t, parsePage(t, s.out, tc.page), tc.lang)
		if got := attrOr(a, "href"); got != tc.want {
			t.Errorf("%s: the language switcher links to %s at %q, want %q", tc.page, tc.lang, got, tc.want)
		}
	}
}

func TestHreflangAlternatesNameOnlyExistingPages(t *testing.T) {
	s := buildRepoSite(t)
	for _, f := range htmlFiles(s.out) {
		for lang, href := range alternates(parseFile(t, f)) {
			tg, ok := resolve(t, s.base, f.Path, href)
			if !ok {
				t.Errorf("%s: hreflang=%s alternate %q is not a page of the site", f.Path, lang, href)
				continue
			}
			dest := s.out.Lookup(tg.File)
			if dest == nil {
				t.Errorf("%s: hreflang=%s alternate %q names %s, which is not in the output", f.Path, lang, href, tg.File)
				continue
			}
			want := lang
			if lang == "x-default" {
				want = "ko" // x-default names the default language's version
			}
			if got := htmlLang(t, parseFile(t, dest)); got != want {
				t.Errorf("%s: hreflang=%s alternate %s is a page in %q", f.Path, lang, tg.File, got)
			}
		}
	}

	shell := alternates(parsePage(t, s.out, "posts/shell-one-liners/index.html"))
	if href, ok := shell["en"]; ok {
		t.Errorf("posts/shell-one-liners/index.html has an English alternate %q, but the post has no translation", href)
	}
	kube := alternates(parsePage(t, s.out, "posts/kube-rs-contributions/index.html"))
	if tg, ok := resolve(t, s.base, "posts/kube-rs-contributions/index.html", kube["en"]); !ok || tg.File != "en/posts/kube-rs-contributions/index.html" {
		t.Errorf("posts/kube-rs-contributions/index.html: English alternate %q, want the English translation", kube["en"])
	}
}

func TestHomeListIsNewestFirst(t *testing.T) {
	s := buildRepoSite(t)
	for _, lang := range []string{"ko", "en"} {
		home := s.langFile(lang, "index.html")
		cards := postCards(parsePage(t, s.out, home))
		if len(cards) < 2 {
			t.Fatalf("%s lists %d posts, want at least 2 to check the order", home, len(cards))
		}
		var dates []time.Time
		for _, card := range cards {
			tm := first(card, tag("time"))
			if tm == nil {
				t.Fatalf("%s: post card %q has no <time>", home, s.cardTarget(t, home, card))
			}
			d, err := time.Parse(time.RFC3339, attrOr(tm, "datetime"))
			if err != nil {
				t.Fatalf("%s: <time datetime=%q>: %v", home, attrOr(tm, "datetime"), err)
			}
			dates = append(dates, d)
		}
		if !slices.IsSortedFunc(dates, func(a, b time.Time) int { return b.Compare(a) }) {
			t.Errorf("%s lists posts dated %v, want newest first", home, dates)
		}

		var want []string
		for _, p := range s.listed(lang) {
			want = append(want, s.postFile(p))
		}
		want = want[:min(len(want), s.b.Config.Paginate)]
		if got := s.cardTargets(t, home); !slices.Equal(got, want) {
			t.Errorf("%s lists\n%s\nwant\n%s", home, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestRepositorySiteBuildsByteIdenticalTwice(t *testing.T) {
	now := time.Now()
	a := buildSite(t, repoSite(), site.Options{Now: now})
	b := buildSite(t, repoSite(), site.Options{Now: now})
	assertSameOutput(t, a.out, b.out)
}

// assertSameOutput checks that two outputs hold the same files with the
// same bytes.
func assertSameOutput(t *testing.T, a, b *site.Output) {
	t.Helper()
	if pa, pb := paths(a), paths(b); !slices.Equal(pa, pb) {
		t.Fatalf("the builds wrote different files:\n%s\n----\n%s", strings.Join(pa, "\n"), strings.Join(pb, "\n"))
	}
	for i, fa := range a.Files {
		fb := b.Files[i]
		if da, db := fileData(t, fa), fileData(t, fb); !bytes.Equal(da, db) {
			t.Errorf("%s differs between two builds of the same input", fa.Path)
		}
	}
	if !slices.IsSortedFunc(a.Files, func(x, y *site.File) int { return cmp.Compare(x.Path, y.Path) }) {
		t.Error("output files are not sorted by path")
	}
}

func TestEnglishCountsSayOnePostAndTwoPosts(t *testing.T) {
	s := buildRepoSite(t)
	for _, tc := range []struct{ page, want string }{
		{"en/tags/go/index.html", "1 post ·"},
		{"en/tags/kubernetes/index.html", "2 posts ·"},
		{"tags/go/index.html", "1개의 글 ·"},
	} {
		p := first(parsePage(t, s.out, tc.page), tagClass("p", "tag-count"))
		if p == nil {
			t.Fatalf("%s: no p.tag-count", tc.page)
		}
		if got := strings.TrimSpace(text(p)); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: the count says %q, want it to start with %q", tc.page, got, tc.want)
		}
	}
}

func TestArchiveDatesLeaveTheYearToTheirHeading(t *testing.T) {
	s := buildRepoSite(t)
	for _, page := range []string{"archive/index.html", "en/archive/index.html"} {
		doc := parsePage(t, s.out, page)
		years := all(doc, tagClass("section", "archive-year"))
		if len(years) == 0 {
			t.Fatalf("%s: no section.archive-year", page)
		}
		for _, y := range years {
			year := strings.TrimSpace(text(first(y, tag("h2"))))
			for _, tm := range all(y, tag("time")) {
				if got := text(tm); strings.Contains(got, year) {
					t.Errorf("%s: the date %q under the heading %s repeats the year", page, got, year)
				}
			}
		}
	}
}

// linkHrefs returns the hrefs of a page's <link rel=rel>.
func linkHrefs(doc *html.Node, rel string) []string {
	var out []string
	for _, l := range all(doc, tag("link")) {
		if attrOr(l, "rel") == rel {
			out = append(out, attrOr(l, "href"))
		}
	}
	return out
}

func TestOnlyPagesWithCodeLinkTheHighlightingStylesheet(t *testing.T) {
	s := buildRepoSite(t)
	with, without := 0, 0
	for _, f := range htmlFiles(s.out) {
		doc := parseFile(t, f)
		if first(doc, tag("title")) == nil || len(all(doc, tagClass("a", "skip-link"))) == 0 {
			continue // a redirect
		}
		code := first(doc, tagClass("pre", "chroma")) != nil
		linked := slices.Contains(linkHrefs(doc, "stylesheet"), "/css/chroma.css")
		if code != linked {
			t.Errorf("%s: highlighted code %v, links chroma.css %v", f.Path, code, linked)
		}
		if linked {
			with++
		} else {
			without++
		}
	}
	if with == 0 || without == 0 {
		t.Errorf("%d pages link chroma.css and %d do not; want both kinds in this blog", with, without)
	}
	if s.out.Lookup("css/chroma.css") == nil {
		t.Error("css/chroma.css is not in the output")
	}
}

func TestEveryPageLinksTheFaviconAndTheSiteCanReplaceIt(t *testing.T) {
	s := buildRepoSite(t)
	for _, f := range htmlFiles(s.out) {
		doc := parseFile(t, f)
		if len(all(doc, tagClass("a", "skip-link"))) == 0 {
			continue // a redirect
		}
		if got := linkHrefs(doc, "icon"); len(got) != 1 || got[0] != "/favicon.ico" {
			t.Errorf("%s: icon links %q, want [/favicon.ico]", f.Path, got)
		}
	}
	theme := s.out.Lookup("favicon.ico")
	if theme == nil {
		t.Fatal("the theme's favicon.ico is not in the output")
	}
	if data := fileData(t, theme); len(data) < 6 || !bytes.Equal(data[:4], []byte{0, 0, 1, 0}) {
		t.Errorf("favicon.ico does not start as an icon file: % x", data[:min(len(data), 4)])
	}

	own := buildFixture(t, newSite("",
		"content/posts/a.md", post("가", "2024-01-01 09:00:00 +0900"),
		"static/favicon.ico", "the site's own icon",
	))
	if f := own.out.Lookup("favicon.ico"); f == nil || string(fileData(t, f)) != "the site's own icon" {
		t.Error("the site's static/favicon.ico does not replace the theme's")
	}
}
