package main

import (
	"bytes"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docusaurusFixture is a small Docusaurus site: Korean and English, a post
// without translation, authors, tags, an admonition, a mermaid block, a
// details card, MDX imports and images in static/ and beside posts.
var docusaurusFixture = filepath.Join("..", "..", "internal", "importer", "testdata", "docusaurus")

// oldDocusaurusURLs are the addresses the fixture had as a Docusaurus site
// (routeBasePath blog, Korean at the root, English under /en).
var oldDocusaurusURLs = []string{
	"/blog/2026/02/20/k8s-probes",
	"/en/blog/2026/02/20/k8s-probes",
	"/blog/2026/03/05/go-errors",
	"/en/blog/2026/03/05/go-errors",
	"/blog/rust-first-year",
	"/blog/tags/kubernetes",
	"/en/blog/tags/kubernetes",
	"/blog/tags/go",
	"/en/blog/tags/go",
	"/blog/tags/retrospective",
	"/blog/tags/devops",
	"/blog/tags",
	"/en/blog/tags",
	"/blog",
	"/en/blog",
}

var metaRefresh = regexp.MustCompile(`http-equiv="refresh" content="0; url=([^"]+)"`)

// follow fetches an address of a static server the way a browser does:
// HTTP redirects, then a meta refresh. It returns the first status, the
// final path and its status.
func follow(t *testing.T, base, p string) (first int, final string, status int) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	cur := p
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
			return first, cur, resp.StatusCode
		}
	}
	t.Fatalf("%s: more than 5 redirects", p)
	return
}

func TestImportDocusaurusKeepsEveryOldAddressAlive(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if code, _, stderr := runCmd("init", site); code != 0 {
		t.Fatalf("blog init: %s", stderr)
	}
	code, stdout, stderr := runCmd("import", "docusaurus", docusaurusFixture, "-s", site)
	if code != 0 {
		t.Fatalf("blog import exited %d:\n%s\n%s", code, stdout, stderr)
	}
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

	out := filepath.Join(dir, "public")
	if code, stdout, stderr := runCmd("build", "-s", site, "-o", out); code != 0 {
		t.Fatalf("blog build after the import exited %d:\n%s\n%s", code, stdout, stderr)
	}
	if code, stdout, stderr := runCmd("check", "-s", site); code != 0 {
		t.Errorf("blog check finds problems after the import:\n%s\n%s", stdout, stderr)
	}

	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	for _, old := range oldDocusaurusURLs {
		for _, p := range []string{old, old + "/"} {
			first, final, status := follow(t, srv.URL, p)
			if first < 300 || first >= 400 {
				t.Errorf("%s answers %d, want a redirect", p, first)
			}
			if status != 200 || strings.Contains(final, "/blog/") {
				t.Errorf("%s leads to %s (%d), want a page of the new site", p, final, status)
			}
		}
	}
	// The posts are where the new site puts them, with their images.
	for _, f := range []string{
		"posts/k8s-probes/index.html", "en/posts/k8s-probes/index.html",
		"posts/go-errors/index.html", "posts/go-errors/wrap.png",
		"posts/rust-first-year/index.html", "posts/k8s-probes/probe-flow.png",
	} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("after the import the site has no %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "en/posts/rust-first-year/index.html")); err == nil {
		t.Error("the post without translation has an English page")
	}

	// A second import changes nothing.
	before := snapshot(t, site)
	code, stdout, stderr = runCmd("import", "docusaurus", docusaurusFixture, "-s", site)
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
