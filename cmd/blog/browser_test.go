package main

// Browser tests of this repository's own blog as a reader sees it: blog
// serve on the repository root, pages shown in chromium at desktop and
// phone widths, light and dark, with and without JavaScript. They reuse
// the binary, server and browser helpers of serve_e2e_test.go and follow
// its rule: skipped when no chromium is installed, unless CI=true, and
// under -short.
//
// Screenshots go to $BLOG_TEST_ARTIFACTS, or to a folder under
// os.TempDir() that the tests log; they are kept after the run, for a
// person to look at.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// repoRoot is this repository's own site folder, from the package folder
// the test runs in.
var repoRoot = filepath.Join("..", "..")

// viewport is a screen size a reader uses.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var (
	desktop = viewport{"desktop", 1280, 900, false}
	phone   = viewport{"phone", 390, 844, true}
)

// readerPage is a page of the repository's blog the tests look at.
type readerPage struct {
	name, path string
}

var readerPages = []readerPage{
	{"ko-post", "posts/kube-rs-contributions/"},
	{"en-post", "en/posts/kube-rs-contributions/"},
	{"home", ""},
}

// koPostSentence is the first sentence of the Korean kube-rs post.
const koPostSentence = "2025년 10월, GitHub에서 이슈 하나를 읽었다."

// screenshotFolder is where one run's screenshots go.
var screenshotFolder struct {
	once sync.Once
	dir  string
	err  error
}

// screenshotDir returns the folder for screenshots: $BLOG_TEST_ARTIFACTS,
// or one new folder under os.TempDir() for the whole run.
func screenshotDir(t testing.TB) string {
	t.Helper()
	screenshotFolder.once.Do(func() {
		if dir := os.Getenv("BLOG_TEST_ARTIFACTS"); dir != "" {
			screenshotFolder.dir, screenshotFolder.err = dir, os.MkdirAll(dir, 0o755)
			return
		}
		screenshotFolder.dir, screenshotFolder.err = os.MkdirTemp("", "blog-reader-screenshots-")
	})
	if screenshotFolder.err != nil {
		t.Fatalf("screenshot folder: %v", screenshotFolder.err)
	}
	t.Logf("screenshots are in %s", screenshotFolder.dir)
	return screenshotFolder.dir
}

// screenshot saves a full-page PNG of the tab as dir/name.png.
func (b *browser) screenshot(t testing.TB, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// emulateViewport gives the tab a screen size; a phone also gets mobile
// layout and touch.
func (b *browser) emulateViewport(t testing.TB, vp viewport) {
	t.Helper()
	var opts []chromedp.EmulateViewportOption
	if vp.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(vp.width, vp.height, opts...)); err != nil {
		t.Fatalf("emulating a %s screen: %v", vp.name, err)
	}
}

// emulateScheme makes the tab's CSS see prefers-color-scheme: scheme.
func (b *browser) emulateScheme(t testing.TB, scheme string) {
	t.Helper()
	_, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		t.Fatalf("emulating prefers-color-scheme: %s: %v", scheme, err)
	}
	if ok, err := evaluate[bool](b, fmt.Sprintf("matchMedia(%s).matches", jsString("(prefers-color-scheme: "+scheme+")"))); err != nil || !ok {
		t.Fatalf("prefers-color-scheme: %s does not match after emulating it (%v)", scheme, err)
	}
}

// layout is what a test reads of how a page is laid out and coloured.
type layout struct {
	ScrollWidth int     `json:"scrollWidth"`
	InnerWidth  int     `json:"innerWidth"`
	Scale       float64 `json:"scale"`
	Background  string  `json:"background"`
	Theme       string  `json:"theme"`
	Stored      string  `json:"stored"`
}

const readLayout = `(() => ({
	scrollWidth: document.documentElement.scrollWidth,
	innerWidth: window.innerWidth,
	scale: window.visualViewport ? window.visualViewport.scale : 1,
	background: getComputedStyle(document.body).backgroundColor,
	theme: document.documentElement.dataset.theme || "",
	stored: (() => { try { return localStorage.getItem("theme") || ""; } catch (e) { return ""; } })(),
}))()`

// openPage shows a page of the server and waits for its fonts, so that a
// screenshot shows the real glyphs.
func (b *browser) openPage(t testing.TB, srv *blogServer, path string) layout {
	t.Helper()
	b.open(t, srv, path)
	b.waitJS(t, "the page's fonts to load", `document.readyState === "complete" && document.fonts.status === "loaded"`)
	l, err := evaluate[layout](b, readLayout)
	if err != nil {
		t.Fatalf("%s: reading the layout: %v", path, err)
	}
	return l
}

// startReaderBrowser starts a browser that saves what it saw when the test
// fails.
func startReaderBrowser(t testing.TB, chrome string) *browser {
	t.Helper()
	b := startBrowser(t, chrome)
	t.Cleanup(func() {
		if t.Failed() {
			b.saveArtifacts(t)
		}
	})
	return b
}

// TestReaderPagesFitThePhoneAndHaveADarkScheme takes full-page screenshots
// of the Korean and English kube-rs post and of the home page, light and
// dark (prefers-color-scheme), on a desktop and a phone screen. No page
// scrolls sideways, and dark is not light.
func TestReaderPagesFitThePhoneAndHaveADarkScheme(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	srv := startServe(t, buildBlog(t), repoRoot)
	dir := screenshotDir(t)

	for _, vp := range []viewport{desktop, phone} {
		t.Run(vp.name, func(t *testing.T) {
			b := startReaderBrowser(t, chrome) // each screen size gets the browser's time limit
			b.emulateViewport(t, vp)
			for _, pg := range readerPages {
				background := map[string]string{}
				for _, scheme := range []string{"light", "dark"} {
					b.emulateScheme(t, scheme)
					l := b.openPage(t, srv, pg.path)
					name := fmt.Sprintf("%s-%s-%s", pg.name, vp.name, scheme)
					b.screenshot(t, dir, name)
					background[scheme] = l.Background
					if l.Theme != "" {
						t.Errorf("%s: data-theme=%q in a fresh browser, want none: the page follows the system", name, l.Theme)
					}
					if l.ScrollWidth > l.InnerWidth {
						t.Errorf("%s: the page is %dpx wide in a %dpx window: it scrolls sideways", name, l.ScrollWidth, l.InnerWidth)
					}
					// A phone browser zooms out a page that is too wide, which
					// would hide the overflow from the check above.
					if l.InnerWidth != int(vp.width) || l.Scale != 1 {
						t.Errorf("%s: window %dpx at scale %v, want %dpx at scale 1", name, l.InnerWidth, l.Scale, vp.width)
					}
				}
				if background["light"] == background["dark"] {
					t.Errorf("%s on %s: the body background is %s in light and dark", pg.name, vp.name, background["light"])
				}
			}
		})
	}
}

// TestThemeToggleSwitchesToDarkAndIsRemembered clicks the dark-mode button
// on a system in light mode: the page turns dark at once, and the next page
// opens dark, from localStorage. Clicking again goes back to light, also
// remembered.
func TestThemeToggleSwitchesToDarkAndIsRemembered(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	srv := startServe(t, buildBlog(t), repoRoot)
	dir := screenshotDir(t)
	b := startReaderBrowser(t, chrome)
	b.emulateViewport(t, desktop)
	b.emulateScheme(t, "light")

	light := b.openPage(t, srv, readerPages[0].path)
	if light.Theme != "" || light.Stored != "" {
		t.Fatalf("a fresh browser has data-theme=%q and stored theme %q, want neither", light.Theme, light.Stored)
	}
	toggle := func(want string) {
		t.Helper()
		if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.ID("theme-toggle"))); err != nil {
			t.Fatalf("clicking #theme-toggle: %v", err)
		}
		b.waitJS(t, "data-theme="+want, fmt.Sprintf("document.documentElement.dataset.theme === %s", jsString(want)))
		pressed, err := evaluate[string](b, `document.getElementById("theme-toggle").getAttribute("aria-pressed")`)
		if wantPressed := fmt.Sprint(want == "dark"); err != nil || pressed != wantPressed {
			t.Errorf("after switching to %s the button has aria-pressed=%q (%v), want %q", want, pressed, err, wantPressed)
		}
	}

	toggle("dark")
	dark, err := evaluate[layout](b, readLayout)
	if err != nil {
		t.Fatal(err)
	}
	if dark.Stored != "dark" {
		t.Errorf("localStorage theme = %q after choosing dark, want \"dark\"", dark.Stored)
	}
	if dark.Background == light.Background {
		t.Errorf("the body background stays %s after choosing dark", dark.Background)
	}

	// Another page opens dark while the system stays light.
	home := b.openPage(t, srv, "")
	b.screenshot(t, dir, "home-desktop-toggled-dark")
	if home.Theme != "dark" || home.Background != dark.Background {
		t.Errorf("the next page has data-theme=%q and background %s, want dark and %s: the choice was not remembered",
			home.Theme, home.Background, dark.Background)
	}

	toggle("light")
	en := b.openPage(t, srv, readerPages[1].path)
	if en.Theme != "light" || en.Stored != "light" || en.Background != light.Background {
		t.Errorf("after choosing light the next page has data-theme=%q, stored %q, background %s; want light and %s",
			en.Theme, en.Stored, en.Background, light.Background)
	}
}

// TestPostReadsWithoutJavaScript opens the Korean post with scripts
// disabled: the article and its table of contents are all there.
func TestPostReadsWithoutJavaScript(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	srv := startServe(t, buildBlog(t), repoRoot)
	dir := screenshotDir(t)
	b := startReaderBrowser(t, chrome)
	b.emulateViewport(t, phone)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disabling scripts: %v", err)
	}
	b.open(t, srv, readerPages[0].path)

	type noJS struct {
		Article  string   `json:"article"`
		TOC      []string `json:"toc"`
		Hidden   bool     `json:"hidden"`
		ImagesOK int      `json:"imagesOK"`
	}
	// Evaluating here is the test's own doing: the page's scripts stay off.
	got, err := evaluate[noJS](b, `(() => ({
		article: document.querySelector("article") ? document.querySelector("article").innerText : "",
		toc: Array.from(document.querySelectorAll("nav.toc a")).map(a => a.textContent.trim()),
		hidden: document.getElementById("theme-toggle") ? document.getElementById("theme-toggle").hidden : false,
		imagesOK: Array.from(document.querySelectorAll("article img")).filter(i => i.complete && i.naturalWidth > 0).length,
	}))()`)
	if err != nil {
		t.Fatalf("reading the page: %v", err)
	}
	b.screenshot(t, dir, "ko-post-phone-no-javascript")
	if !got.Hidden {
		t.Error("the theme toggle is shown, so theme.js ran: scripts were not disabled and the test proves nothing")
	}
	for _, want := range []string{koPostSentence, "kube-rs 4개월 기여 기록", "돌아보며"} {
		if !strings.Contains(got.Article, want) {
			t.Errorf("without JavaScript the article lacks %q", want)
		}
	}
	for _, want := range []string{"시작", "작업 기록", "1. 첫 기여", "돌아보며"} {
		found := false
		for _, e := range got.TOC {
			found = found || e == want
		}
		if !found {
			t.Errorf("without JavaScript the table of contents %q lacks %q", got.TOC, want)
		}
	}
	if got.ImagesOK == 0 {
		t.Error("without JavaScript no image of the article loaded")
	}
}

// TestKoreanPostIsAccessibleInBrowser checks what the browser makes of the
// Korean post: one main landmark, headings that never skip a level, and
// Korean paragraphs that break between words, not inside them.
func TestKoreanPostIsAccessibleInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	srv := startServe(t, buildBlog(t), repoRoot)
	b := startReaderBrowser(t, chrome)
	b.emulateViewport(t, desktop)
	b.openPage(t, srv, readerPages[0].path)

	type structure struct {
		Lang      string   `json:"lang"`
		Mains     int      `json:"mains"`
		Headings  []string `json:"headings"`
		WordBreak string   `json:"wordBreak"`
		Paragraph string   `json:"paragraph"`
	}
	got, err := evaluate[structure](b, `(() => {
		const p = document.querySelector("article .post-content p") || document.querySelector("article p");
		return {
			lang: document.documentElement.lang,
			mains: document.querySelectorAll("main, [role=main]").length,
			headings: Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6")).map(h => h.tagName.toLowerCase() + " " + h.textContent.trim()),
			wordBreak: p ? getComputedStyle(p).wordBreak : "",
			paragraph: p ? p.textContent.trim() : "",
		};
	})()`)
	if err != nil {
		t.Fatalf("reading the page: %v", err)
	}
	if got.Lang != "ko" {
		t.Errorf("<html lang=%q>, want ko", got.Lang)
	}
	if got.Mains != 1 {
		t.Errorf("%d main landmarks, want 1", got.Mains)
	}
	if len(got.Headings) < 3 {
		t.Fatalf("headings %q: want the title, the table of contents and the sections", got.Headings)
	}
	last := 0
	for _, h := range got.Headings {
		level := int(h[1] - '0')
		if level > last+1 {
			t.Errorf("headings skip from h%d to %q (all: %q)", last, h, got.Headings)
		}
		last = level
	}
	if !strings.HasPrefix(got.Headings[0], "h1 ") {
		t.Errorf("the first heading is %q, want the post's h1", got.Headings[0])
	}
	if got.WordBreak != "keep-all" {
		t.Errorf("the paragraph %q has word-break %q, want keep-all", got.Paragraph, got.WordBreak)
	}
	if !strings.Contains(got.Paragraph, koPostSentence) {
		t.Errorf("checked the paragraph %q, want the post's first paragraph", got.Paragraph)
	}
}
