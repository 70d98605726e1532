package main

import (
	"bytes"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"blog/internal/pages"
)

// docusaurusFixture is a small Docusaurus site: Korean and English, a post
// without translation, authors, tags, an admonition, a mermaid block, a
// details card, MDX imports and images in static/ and beside posts.
var docusaurusFixture = filepath.Join("..", "..", "internal", "importer", "testdata", "docusaurus")

// oldDocusaurusURLs are the addresses the fixture had as a Docusaurus site
// (routeBasePath blog, trailingSlash false: pages written as x.html, so a
// static host answers /x and /x.html; Korean at the root, English under
// /en; every static file in both), as Docusaurus built them.
var oldDocusaurusURLs = []string{
	"/blog/2026/02/20/k8s-probes", "/blog/2026/02/20/k8s-probes.html",
	"/en/blog/2026/02/20/k8s-probes", "/en/blog/2026/02/20/k8s-probes.html",
	"/blog/2026/03/05/go-errors", "/en/blog/2026/03/05/go-errors",
	"/blog/rust-first-year", "/blog/rust-first-year.html",
	"/en/blog/rust-first-year", // no translation: Docusaurus showed the Korean post there
	"/blog/tags/kubernetes", "/en/blog/tags/kubernetes", "/blog/tags/kubernetes.html",
	"/blog/tags/go", "/en/blog/tags/go", "/blog/tags/retrospective", "/blog/tags/devops",
	"/blog/tags", "/en/blog/tags", "/blog", "/en/blog", "/blog/archive", "/en/blog/archive",
	"/blog/authors", "/en/blog/authors",
	"/blog/rss.xml", "/blog/atom.xml", "/en/blog/rss.xml", "/en/blog/atom.xml",
	"/img/probe-flow.png", "/en/img/probe-flow.png", "/img/unused.png", "/en/img/unused.png",
	"/sitemap.xml", "/en/sitemap.xml", "/404.html", "/en/404.html",
}

// pagesServer serves a built site as GitHub Pages does (package pages),
// published under base ("/" or "/repo/").
func pagesServer(t *testing.T, dir, base string) *httptest.Server {
	t.Helper()
	h := pages.Handler(os.DirFS(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, strings.TrimSuffix(base, "/"))
		if !ok || !strings.HasPrefix(rest, "/") {
			http.NotFound(w, r)
			return
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = rest
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r2)
		for k, v := range rec.Header() {
			if k == "Location" {
				v = []string{strings.TrimSuffix(base, "/") + v[0]}
			}
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	return srv
}

var metaRefresh = regexp.MustCompile(`http-equiv="refresh" content="0; url=([^"]+)"`)

// follow fetches an address of a static server the way a browser does:
// HTTP redirects, then a meta refresh. It returns the first status, the
// final path and its status.
func follow(t *testing.T, base, p string) (first int, final string, status int) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	cur := (&url.URL{Path: p}).EscapedPath()
	for hop := 0; hop < 5; hop++ {
		resp, err := client.Get(base + cur)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		_, _ = body.ReadFrom(resp.Body)
		resp.Body.Close()
		if hop == 0 {
			first = resp.StatusCode
		}
		switch {
		case resp.StatusCode >= 300 && resp.StatusCode < 400:
			next, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
			if err != nil {
				t.Fatal(err)
			}
			cur = next.RequestURI()
		case resp.StatusCode == 200 && metaRefresh.Match(body.Bytes()):
			cur = html.UnescapeString(string(metaRefresh.FindSubmatch(body.Bytes())[1]))
			if hop == 0 {
				first = http.StatusPermanentRedirect // a redirect page counts as one
			}
		default:
			final, _ = url.PathUnescape(cur)
			return first, final, resp.StatusCode
		}
	}
	t.Fatalf("%s: more than 5 redirects", p)
	return
}

// answersAll follows every address through srv and reports those that
// do not end on a page.
func answersAll(t *testing.T, srv *httptest.Server, addrs []string) {
	t.Helper()
	for _, p := range addrs {
		if _, final, status := follow(t, srv.URL, p); status != 200 {
			t.Errorf("%s ends on %s with %d, want a page", p, final, status)
		}
	}
}

// importSite makes a site with blog init and imports into it; it returns
// the site folder and the import's output.
func importSite(t *testing.T, args ...string) (site, stdout, stderr string) {
	t.Helper()
	site = filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCmd("init", site); code != 0 {
		t.Fatalf("blog init: %s", stderr)
	}
	if err := os.RemoveAll(filepath.Join(site, "content", "posts", "hello")); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(append(append([]string{"import"}, args...), "-s", site)...)
	if code != 0 {
		t.Fatalf("blog import exited %d:\n%s\n%s", code, stdout, stderr)
	}
	return site, stdout, stderr
}

// buildAndCheck builds the site into a folder and runs blog check on it.
func buildAndCheck(t *testing.T, site string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := runCmd("build", "-s", site, "-o", out); code != 0 {
		t.Fatalf("blog build after the import exited %d:\n%s\n%s", code, stdout, stderr)
	}
	if code, stdout, stderr := runCmd("check", "-s", site); code != 0 {
		t.Errorf("blog check finds problems after the import:\n%s\n%s", stdout, stderr)
	}
	return out
}

// builtAddresses are the addresses a Docusaurus build folder served on a
// static host, read from its files alone: x.html at /x and /x.html, a
// folder's index.html at /x/ and /x, any other file at its path, and the
// addresses its sitemaps list; the bundler's assets/ left out.
func builtAddresses(t *testing.T, dir, base string) []string {
	t.Helper()
	var out []string
	locRe := regexp.MustCompile(`<loc>https?://[^/<]+([^<]*)</loc>`)
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		if d.IsDir() {
			if d.Name() == "assets" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		switch {
		case d.Name() == "index.html":
			out = append(out, base+strings.TrimSuffix(rel, "index.html"), base+strings.TrimSuffix(strings.TrimSuffix(rel, "index.html"), "/"))
		case strings.HasSuffix(rel, ".html"):
			out = append(out, base+strings.TrimSuffix(rel, ".html"), base+rel)
		default:
			out = append(out, base+rel)
		}
		if d.Name() == "sitemap.xml" {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range locRe.FindAllStringSubmatch(string(data), -1) {
				out = append(out, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImportDocusaurusKeepsEveryOldAddressAlive(t *testing.T) {
	site, stdout, stderr := importSite(t, "docusaurus", docusaurusFixture)
	// What needs a human look is listed with file and line.
	for _, want := range []string{
		"blog/2026-03-05-go-errors/index.mdx:",
		"MDX import kept as an HTML comment",
		"JSX component <Tabs>",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the import's report does not say %q:\n%s", want, stderr)
		}
	}
	if !regexp.MustCompile(`Old addresses that answer on the new site: (\d+) of (\d+)`).MatchString(stdout) {
		t.Errorf("the import does not say how many old addresses answer:\n%s", stdout)
	}
	out := buildAndCheck(t, site)
	srv := pagesServer(t, out, "/")
	answersAll(t, srv, oldDocusaurusURLs)
	// The dated posts keep their addresses; the one with a slug: and the
	// English address of the one without translation redirect to it.
	for p, want := range map[string]string{
		"/blog/2026/02/20/k8s-probes":    "/blog/2026/02/20/k8s-probes/",
		"/en/blog/2026/02/20/k8s-probes": "/en/blog/2026/02/20/k8s-probes/",
		"/blog/rust-first-year":          "/blog/2026/04/01/rust-first-year/",
		"/en/blog/rust-first-year":       "/blog/2026/04/01/rust-first-year/",
		"/blog/tags/retrospective":       "/tags/회고/",
	} {
		if _, final, _ := follow(t, srv.URL, p); final != want {
			t.Errorf("%s ends on %s, want %s", p, final, want)
		}
	}
	for _, f := range []string{"blog/2026/03/05/go-errors/wrap.png", "blog/2026/02/20/k8s-probes/probe-flow.png"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("after the import the site has no %s", f)
		}
	}

	// A second import changes nothing.
	before := snapshot(t, site)
	code, stdout, stderr := runCmd("import", "docusaurus", docusaurusFixture, "-s", site)
	if code != 0 || !strings.Contains(stdout, " 0 files written") {
		t.Errorf("a second import exited %d and said:\n%s\n%s", code, stdout, stderr)
	}
	if after := snapshot(t, site); !equalSnapshots(before, after) {
		t.Error("a second import changed files of the site")
	}

	// An edited post is kept unless --force.
	post := filepath.Join(site, "content", "posts", "k8s-probes", "index.ko.md")
	if err := os.WriteFile(post, []byte("---\ntitle: 내가 고친 글\ndate: 2026-02-20\n---\n\n고쳤다.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd("import", "docusaurus", docusaurusFixture, "-s", site, "--dry-run")
	if code != 1 || !strings.Contains(stderr, "exists and differs") {
		t.Errorf("--dry-run over an edited post exited %d: %s", code, stderr)
	}
	if code, _, _ := runCmd("import", "docusaurus", docusaurusFixture, "-s", site); code != 1 {
		t.Errorf("an import over an edited post exited %d, want 1", code)
	}
	if data, _ := os.ReadFile(post); !bytes.Contains(data, []byte("내가 고친 글")) {
		t.Error("an import without --force overwrote an edited post")
	}
	if code, _, stderr := runCmd("import", "docusaurus", docusaurusFixture, "-s", site, "--force"); code != 0 {
		t.Errorf("--force exited %d: %s", code, stderr)
	}
	if data, _ := os.ReadFile(post); bytes.Contains(data, []byte("내가 고친 글")) {
		t.Error("--force did not overwrite the edited post")
	}
}

// A blog at the root of its site (routeBasePath "/"), with docs, a React
// page, a Markdown page, posts without translation, giscus, computed
// settings and the old build: every address the build served answers on
// the new site, every static file comes along byte for byte, and what
// cannot be carried is listed.
func TestImportDocusaurusFromBuildAnswersEveryBuiltAddress(t *testing.T) {
	fixture := filepath.Join("..", "..", "internal", "importer", "testdata", "docusaurus-root")
	build := filepath.Join(fixture, "build")
	site, stdout, stderr := importSite(t, "docusaurus", fixture, "--from-build", build)
	m := regexp.MustCompile(`Old addresses that answer on the new site: (\d+) of (\d+)`).FindStringSubmatch(stdout)
	if m == nil || m[1] != m[2] {
		t.Errorf("the import does not say that every old address answers:\n%s", stdout)
	}
	for _, want := range []string{
		"docusaurus.config.ts:29: createRedirects is code",
		"docusaurus.config.ts:54: createFeedItems keeps only posts with featured: true",
		"docusaurus.config.ts:53: feedOptions.copyright is computed",
		"docusaurus.config.ts:63: part of the classic preset's options is computed",
		"src/pages/about.tsx:1: a React page (14 lines): carried as the HTML of its build",
		"src/theme/BlogPostItem/index.tsx:1: a swizzled theme component (BlogPostItem) is not carried",
		"src/css/custom.scss:1: styles (5 lines) are not carried",
		"src/components/Comments/index.tsx:7: giscus comments carried into blog.yaml",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the report does not say %q:\n%s", want, stderr)
		}
	}
	for _, never := range []string{"<IntOrString>", "<I>", "I Love Rust", "JSX component <I"} {
		if strings.Contains(stderr, never) {
			t.Errorf("the report takes code or escaped text for JSX (%q):\n%s", never, stderr)
		}
	}
	settings, err := os.ReadFile(filepath.Join(site, "blog.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: doyul.dev", "baseURL: https://doyul.example/", "permalink: /:year/:month/:day/:slug/",
		"paginate: 1", "showUntranslated: true", "featuredOnly: true", "repoId: R_kgDOAAAAAA", "mapping: pathname",
		"  en:\n    title: Doyul Dev\n    description: Kubernetes and Rust, in English", "section: kube", "page: about", "page: uses", "url: /archive/"} {
		if !strings.Contains(string(settings), want) {
			t.Errorf("blog.yaml has no %q:\n%s", want, settings)
		}
	}
	post, _ := os.ReadFile(filepath.Join(site, "content", "posts", "the-Impact-of-macOS", "index.ko.md"))
	for _, want := range []string{"date: 2024-10-29 00:27:57 +0900\n", "image: cover.png\n", "featured: true\n"} {
		if !strings.Contains(string(post), want) {
			t.Errorf("the imported post has no %q:\n%s", want, post)
		}
	}
	// static/ whole, byte for byte (blog writes its own .nojekyll).
	err = filepath.WalkDir(filepath.Join(fixture, "static"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".nojekyll" {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(fixture, "static"), p)
		want, _ := os.ReadFile(p)
		if got, err := os.ReadFile(filepath.Join(site, "static", rel)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("static/%s did not come along as it was (%v)", rel, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	out := buildAndCheck(t, site)
	srv := pagesServer(t, out, "/")
	addrs := builtAddresses(t, build, "/")
	if len(addrs) < 100 {
		t.Fatalf("only %d addresses in the old build", len(addrs))
	}
	answersAll(t, srv, addrs)
	for p, want := range map[string]string{
		"/2024/10/29/the-Impact-of-macOS":      "/2024/10/29/the-Impact-of-macOS/",
		"/2024/10/29/the-Impact-of-macOS.html": "/2024/10/29/the-Impact-of-macOS/",
		"/en/2026/03/07/k8s-watch":             "/2026/03/07/k8s-watch/", // no translation
		"/tags/mac-os":                         "/tags/macos/",
		"/tags/calico":                         "/tags/", // made by createRedirects, read from the build
		"/blog/2024/10/29/the-Impact-of-macOS": "/2024/10/29/the-Impact-of-macOS/",
		"/docs/intro":                          "/docs/kube/",
		"/docs/kube/patterns/reconciler":       "/docs/kube/patterns/reconciler/",
		"/en/docs/kube/patterns/reconciler":    "/en/docs/kube/patterns/reconciler/", // shown in Korean there
		"/about":                               "/about/",
		"/en/uses":                             "/en/uses/",
		"/page/2":                              "/page/2/",
		"/en/img/blog/cover.png":               "/en/img/blog/cover.png",
	} {
		if _, final, _ := follow(t, srv.URL, p); final != want {
			t.Errorf("%s ends on %s, want %s", p, final, want)
		}
	}
	about, _ := os.ReadFile(filepath.Join(out, "about", "index.html"))
	if !bytes.Contains(about, []byte("I write about Kubernetes.")) || bytes.Contains(about, []byte("track()")) {
		t.Errorf("the React page is not carried as its HTML without its scripts")
	}
	feed, _ := os.ReadFile(filepath.Join(out, "en", "rss.xml"))
	if n := bytes.Count(feed, []byte("<item>")); n != 1 {
		t.Errorf("the English feed has %d items, want the one featured post shown in English lists", n)
	}
}

// A site under a sub-path (baseUrl /notes/), trailingSlash true, the blog
// and docs at custom routes, a JSON feed: every old address answers under
// the same sub-path.
func TestImportDocusaurusUnderASubPath(t *testing.T) {
	fixture := filepath.Join("..", "..", "internal", "importer", "testdata", "docusaurus-subpath")
	site, stdout, _ := importSite(t, "docusaurus", fixture)
	if !strings.Contains(stdout, "Old addresses that answer on the new site: 18 of 18") {
		t.Errorf("the import does not say that all 18 old addresses answer:\n%s", stdout)
	}
	out := buildAndCheck(t, site)
	srv := pagesServer(t, out, "/notes/")
	answersAll(t, srv, []string{
		"/notes/", "/notes/writing/", "/notes/writing/page/2/",
		"/notes/writing/2024/01/05/hello/", "/notes/writing/2024/02/10/errors/", "/notes/writing/rust-first-steps/",
		"/notes/writing/tags/", "/notes/writing/tags/go/", "/notes/writing/tags/입문/", "/notes/writing/archive/",
		"/notes/writing/rss.xml", "/notes/writing/atom.xml", "/notes/writing/feed.json",
		"/notes/guide/guide/intro/", "/notes/guide/guide/setup/", "/notes/img/gopher.png", "/notes/sitemap.xml",
	})
	if _, final, _ := follow(t, srv.URL, "/notes/writing/2024/01/05/hello/"); final != "/notes/writing/2024/01/05/hello/" {
		t.Errorf("a dated post moved to %s", final)
	}
	if _, final, _ := follow(t, srv.URL, "/notes/guide/guide/setup/"); final != "/notes/docs/guide/install/" {
		t.Errorf("the doc with id: setup ends on %s", final)
	}
	page, _ := os.ReadFile(filepath.Join(out, "writing", "2024", "01", "05", "hello", "index.html"))
	if !bytes.Contains(page, []byte(`src="gopher.png"`)) && !bytes.Contains(page, []byte(`gopher.png"`)) {
		t.Errorf("the post's image is not beside it")
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCmd("init", site); code != 0 {
		t.Fatalf("blog init: %s", stderr)
	}
	before := snapshot(t, site)
	code, stdout, stderr := runCmd("import", "docusaurus", docusaurusFixture, "-s", site, "--dry-run")
	if code != 0 || !strings.Contains(stdout, "would write content/posts/k8s-probes/index.ko.md") {
		t.Errorf("--dry-run exited %d and said:\n%s\n%s", code, stdout, stderr)
	}
	if after := snapshot(t, site); !equalSnapshots(before, after) {
		t.Error("--dry-run wrote files")
	}
}

func TestImportLegacyKeepsIDsAndCopiesImages(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCmd("init", site); code != 0 {
		t.Fatalf("blog init: %s", stderr)
	}
	legacy := filepath.Join("..", "..", "internal", "importer", "testdata", "legacy")
	code, stdout, stderr := runCmd("import", "legacy", filepath.Join(legacy, "posts"), "--images", filepath.Join(legacy, "images"), "-s", site)
	if code != 0 {
		t.Fatalf("blog import legacy exited %d:\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "002_no_id.txt has no [ID: …]; it gets id") {
		t.Errorf("the import does not say which post got a new id:\n%s", stdout)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := runCmd("build", "-s", site, "-o", out); code != 0 {
		t.Fatalf("blog build after the import exited %d:\n%s\n%s", code, stdout, stderr)
	}
	for _, f := range []string{"posts/7/index.html", "posts/8/index.html", "posts/9/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("no %s: the post's old id is not kept", f)
		}
	}
	if code, stdout, stderr := runCmd("check", "-s", site); code != 0 {
		t.Errorf("blog check finds problems after the import:\n%s\n%s", stdout, stderr)
	}
	before := snapshot(t, site)
	if code, stdout, _ := runCmd("import", "legacy", filepath.Join(legacy, "posts"), "--images", filepath.Join(legacy, "images"), "-s", site); code != 0 || !strings.Contains(stdout, " 0 files written") {
		t.Errorf("a second legacy import exited %d and said:\n%s", code, stdout)
	}
	if after := snapshot(t, site); !equalSnapshots(before, after) {
		t.Error("a second legacy import changed files")
	}
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalSnapshots(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// An old blog's image names are paths of its own choosing: "../../.." in
// them must not make an import write the site's .git/config, blog.yaml or
// a workflow. Such names are left out with a note; the import writes only
// into content/ and static/.
func TestImportWritesOnlyIntoContentAndStatic(t *testing.T) {
	old := writeSite(t, map[string]string{
		"x/y/z/post.txt":          "[ID: 1]\n[Title: Hello]\n[WriteTime: 2024-01-03]\n[ImageNames: ../../../.git/config ../../../blog.yaml ../../../.github/workflows/x.yml ok.png]\nBody\n",
		"x/y/z/ok.png":            "png",
		".git/config":             "[core]\n\tfsmonitor = \"echo PWNED\"\n",
		"blog.yaml":               "title: PWNED\n",
		".github/workflows/x.yml": "on: push\n",
	})
	site := writeSite(t, map[string]string{"blog.yaml": "title: Mine\n", ".git/config": "[core]\n"})
	code, stdout, stderr := runCmd("import", "legacy", old, "-s", site)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for file, want := range map[string]string{"blog.yaml": "title: Mine\n", ".git/config": "[core]\n"} {
		if got, _ := os.ReadFile(filepath.Join(site, file)); string(got) != want {
			t.Errorf("%s is now %q", file, got)
		}
	}
	if _, err := os.Stat(filepath.Join(site, ".github")); err == nil {
		t.Error("the import made .github/")
	}
	if _, err := os.Stat(filepath.Join(site, "content", "posts", "post", "ok.png")); err != nil {
		t.Errorf("the post's own image was not imported: %v", err)
	}
	if !strings.Contains(stderr, `image "../../../.git/config" cannot be a file of the post`) {
		t.Errorf("no note for the image that leads out:\n%s", stderr)
	}
}

// A legacy blog in a git checkout, as backups of such blogs are: a post
// whose WriteTime is empty takes the date of its file's first commit, in
// the author's offset; titles as file names, a README and thumbnails
// that are not there do not stop the import, and the site builds and
// passes check at once.
func TestImportLegacyFromAGitCheckout(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	old := writeSite(t, map[string]string{
		"기본적인 Elastic Search에 대해.md":    "[ID: 45]\n\t\t[Tags: OPS PROJECTS]\n\t\t[Title: 기본적인 Elastic Search에 대해]\n\t\t[WriteTime: ]\n\t\t[ImageNames: ]\n\t\t\n\t\t엘라스틱서치에서 다루는 데이터를 도큐먼트라고 한다.\n",
		"Istio-cni란? & 코드베이스 분석.md":     "[ID: 55]\n[Tags: ISTIO]\n[Title: Istio-cni란? & 코드베이스 분석]\n[WriteTime: 2024-01-17]\n[ImageNames: e056ddbd.png]\n\n## Contents\n\n본문\n",
		"CNI에 대해 (Flannel & Calico).md": "[ID: 55]\n[Tags: NETWORK]\n[Title: CNI에 대해 (Flannel & Calico)]\n[WriteTime: 2024/01/12]\n[ImageNames: 81326447.png]\n\n본문\n",
		"Golang CPU 사용량 100% 이슈.md":     "[ID: 20]\n[Tags: GOLANG]\n[Title: Golang CPU 사용량 100% 이슈]\n[WriteTime: 2023/09/01]\n[ImageNames: ]\n\n본문\n",
		"README.md":                     "기술 블로그의 글을 백업하는 레포지토리입니다.\n",
	})
	git := func(env []string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = old
		cmd.Env = append(os.Environ(), append([]string{"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null",
			"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com"}, env...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git(nil, "init", "-q")
	git(nil, "add", ".")
	git([]string{"GIT_AUTHOR_DATE=2023-12-27T21:45:24+09:00", "GIT_COMMITTER_DATE=2023-12-27T21:45:24+09:00"}, "commit", "-q", "-m", "New(45)")
	if err := os.Chtimes(filepath.Join(old, "기본적인 Elastic Search에 대해.md"), time.Now(), time.Now()); err != nil {
		t.Fatal(err)
	}
	site, stdout, stderr := importSite(t, "legacy", old)
	if !strings.Contains(stdout, "Imported 4 post files") {
		t.Errorf("not every post was imported:\n%s\n%s", stdout, stderr)
	}
	for _, want := range []string{
		"기본적인 Elastic Search에 대해.md:4: the header has no date; dated 2023-12-27 21:45:24 +0900, the date of its first commit",
		"README.md:1: not a post (no legacy header); skipped",
		"Istio-cni란? & 코드베이스 분석.md:1: id 55 is also the id of CNI에 대해 (Flannel & Calico).md, an older post; this post gets id 56",
		"image e056ddbd.png is not in the images folder; left out of images:",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the report does not say %q:\n%s", want, stderr)
		}
	}
	out := buildAndCheck(t, site)
	for _, f := range []string{"posts/45/index.html", "posts/55/index.html", "posts/56/index.html",
		"posts/Istio-cni란-코드베이스-분석/index.html", "posts/CNI에-대해-Flannel-Calico/index.html", "posts/Golang-CPU-사용량-100-이슈/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("no %s after the import", f)
		}
	}
	before := snapshot(t, site)
	if code, stdout, _ := runCmd("import", "legacy", old, "-s", site); code != 0 || !strings.Contains(stdout, " 0 files written") {
		t.Errorf("a second import exited %d and said:\n%s", code, stdout)
	}
	if after := snapshot(t, site); !equalSnapshots(before, after) {
		t.Error("a second import changed files")
	}
}
