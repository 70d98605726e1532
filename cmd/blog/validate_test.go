package main

// Validators run on built sites: the Nu Html Checker (vnu.jar, run by
// Java) on every page of the fixture sites, and axe-core, injected into
// chromium, on every kind of page in light, dark and on a phone. Both come
// from npm: `npm ci` in testdata/validators installs them (.ci/run does so
// on CI). Without java, the node_modules or chromium the tests are skipped,
// except under CI=true, where a missing tool is a failure.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// validatorsDir holds package.json and package-lock.json of the checkers.
var validatorsDir = filepath.Join("testdata", "validators")

// needTool returns path if it exists; otherwise it skips the test, or
// fails it under CI=true.
func needTool(t testing.TB, what, path string) string {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return path
	}
	msg := fmt.Sprintf("%s is missing (%s); run `npm ci` in %s", what, path, validatorsDir)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + "; CI=true needs it")
	}
	t.Skip(msg)
	return ""
}

// findJava returns the java command, or skips (fails on CI) without one.
func findJava(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("java"); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no java on PATH (Debian: default-jre-headless); CI=true needs it for the Nu Html Checker")
	}
	t.Skip("no java on PATH (Debian: default-jre-headless)")
	return ""
}

// fixtureSite is a site folder the validators check.
type fixtureSite struct {
	name, dir string
}

// fixtureSites returns the sites whose every page is checked: this
// repository's blog, the Docusaurus and legacy fixtures of the importer
// brought in with blog import (docs, pages, old posts), and a new site of
// blog init.
func fixtureSites(t *testing.T) []fixtureSite {
	t.Helper()
	bin := buildBlog(t)
	runBlog := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("blog %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	importer := filepath.Join(repoRoot, "internal", "importer", "testdata")
	docusaurus := t.TempDir()
	runBlog("import", "docusaurus", filepath.Join(importer, "docusaurus-root"), "-s", docusaurus)
	legacy := t.TempDir()
	runBlog("import", "legacy", filepath.Join(importer, "legacy", "posts"), "--images", filepath.Join(importer, "legacy", "images"), "-s", legacy)
	initDir := filepath.Join(t.TempDir(), "new")
	runBlog("init", initDir)
	return []fixtureSite{{"blog", repoRoot}, {"docusaurus", docusaurus}, {"legacy", legacy}, {"init", initDir}}
}

// buildTo builds a site into a new folder and returns the folder.
func buildTo(t testing.TB, site string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(buildBlog(t), "build", "-s", site, "-o", out, "--cacheDir", filepath.Join(t.TempDir(), "cache"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("blog build -s %s: %v\n%s", site, err, msg)
	}
	return out
}

// vnuMessage is one message of vnu.jar --format json.
type vnuMessage struct {
	Type     string `json:"type"`
	URL      string `json:"url"`
	Line     int    `json:"lastLine"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
	SubType  string `json:"subType"`
	FirstCol int    `json:"firstColumn"`
}

// TestEveryPageOfTheFixtureSitesIsValidHTML builds each fixture site and
// runs the Nu Html Checker on all its HTML files at once: no errors.
func TestEveryPageOfTheFixtureSitesIsValidHTML(t *testing.T) {
	if testing.Short() {
		t.Skip("runs java")
	}
	java := findJava(t)
	jar := needTool(t, "the Nu Html Checker", filepath.Join(validatorsDir, "node_modules", "vnu-jar", "build", "dist", "vnu.jar"))
	var files []string
	for _, s := range fixtureSites(t) {
		out := buildTo(t, s.dir)
		n := 0
		err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
				files = append(files, p)
				n++
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if n < 3 {
			t.Fatalf("site %s built only %d HTML files", s.name, n)
		}
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"}, files...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("vnu.jar: %v\n%s", err, stderr.String())
	}
	// vnu writes its JSON report to stderr.
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(stderr.Bytes()), &report); err != nil {
		t.Fatalf("reading the report of vnu.jar: %v\n%s", err, stderr.String())
	}
	errs := 0
	for _, m := range report.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		errs++
		file := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			file = u.Path
		}
		t.Errorf("%s:%d: %s\n\t%s", file, m.Line, m.Message, strings.TrimSpace(m.Extract))
	}
	t.Logf("the Nu Html Checker read %d pages: %d errors", len(files), errs)
}

// axeViolation is one rule axe-core found broken on a page.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
		HTML    string `json:"html"`
	} `json:"nodes"`
}

// axeRun injects axe-core into the page once and returns the violations of
// the WCAG 2.x A and AA rules and axe's best practices.
func (b *browser) axeRun(t testing.TB, page, script string) []axeViolation {
	t.Helper()
	loaded, err := evaluate[bool](b, `(() => { if (!window.axe) { const s = document.createElement("script"); s.textContent = `+jsString(script)+`;
		(document.head || document.documentElement).appendChild(s); } return typeof window.axe === "object"; })()`)
	if err != nil || !loaded {
		t.Fatalf("%s: injecting axe-core at %s: %v", page, b.location(), err)
	}
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ["violations"],
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", page, err)
	}
	return got
}

// location is the address the tab shows.
func (b *browser) location() string {
	href, err := evaluate[string](b, "location.href")
	if err != nil {
		return err.Error()
	}
	return href
}

// axePage is a page the accessibility test opens, and what it does there
// before axe runs.
type axePage struct {
	name, site, path string
	before           func(t testing.TB, b *browser)
}

// TestEveryPageKindHasNoAccessibilityViolations runs axe-core on each kind
// of page — home, post, tag index, tag, archive, search with results, the
// header's search drop-down and the phone menu open, 404, a page, a doc —
// in light and dark on a desktop and on a 390 px phone.
func TestEveryPageKindHasNoAccessibilityViolations(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	axePath := needTool(t, "axe-core", filepath.Join(validatorsDir, "node_modules", "axe-core", "axe.min.js"))
	script, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	bin := buildBlog(t)
	docusaurus := t.TempDir()
	if out, err := exec.Command(bin, "import", "docusaurus", filepath.Join(repoRoot, "internal", "importer", "testdata", "docusaurus-root"), "-s", docusaurus).CombinedOutput(); err != nil {
		t.Fatalf("blog import: %v\n%s", err, out)
	}
	servers := map[string]*blogServer{"blog": staticBuild(t, repoRoot), "docusaurus": staticBuild(t, docusaurus)}

	openDropDown := func(t testing.TB, b *browser) {
		b.typeInto(t, "#search-input", "프로브")
		b.results(t, "#search-results", "프로브")
	}
	openMenu := func(t testing.TB, b *browser) {
		b.run(t, `document.querySelectorAll("details.site-menu").forEach(d => d.open = true)`)
	}
	pages := []axePage{
		{"home", "blog", "/", nil},
		{"home-en", "blog", "/en/", nil},
		{"post", "blog", "/posts/k8s-probes/", nil},
		{"post-en", "blog", "/en/posts/k8s-probes/", nil},
		{"post-tables", "blog", "/posts/kube-rs-contributions/", nil},
		{"tags", "blog", "/tags/", nil},
		{"tag", "blog", "/tags/kubernetes/", nil},
		{"archive", "blog", "/archive/", nil},
		{"search", "blog", "/search/?q=%ED%94%84%EB%A1%9C%EB%B8%8C", func(t testing.TB, b *browser) {
			b.waitJS(t, "search results with their passages", `document.querySelectorAll("#search-page-results .search-result mark").length > 1`)
		}},
		{"search-drop-down", "blog", "/posts/hello-blog/", openDropDown},
		{"menu-open", "blog", "/en/posts/hello-blog/", openMenu},
		{"404", "blog", "/404.html", nil},
		{"page", "docusaurus", "/uses/", nil},
		{"doc", "docusaurus", "/docs/kube/patterns/reconciler/", nil},
	}
	for _, vp := range []viewport{desktop, phone} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(vp.name+"-"+scheme, func(t *testing.T) {
				b := startReaderBrowser(t, chrome)
				b.emulateViewport(t, vp)
				b.emulateScheme(t, scheme)
				for _, pg := range pages {
					b.openPage(t, servers[pg.site], pg.path)
					if pg.before != nil {
						pg.before(t, b)
					}
					vs := b.axeRun(t, pg.name, string(script))
					sort.Slice(vs, func(i, j int) bool { return vs[i].ID < vs[j].ID })
					for _, v := range vs {
						var where []string
						for _, n := range v.Nodes {
							where = append(where, fmt.Sprintf("%v %s\n\t\t%s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", " ")))
						}
						t.Errorf("%s %s (%s): %s [%s]: %d nodes\n\t%s", pg.name, pg.path, pg.site, v.ID, v.Impact, len(v.Nodes), strings.Join(where, "\n\t"))
					}
				}
			})
		}
	}
}
