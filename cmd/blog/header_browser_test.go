package main

// Browser tests of the header a reader sees: one row, of one height, on
// every page in both languages at desktop and phone widths, and on a phone
// a menu that opens and is walked with the keyboard alone.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// viewportShot saves what the screen shows, as dir/name.png.
func (b *browser) viewportShot(t testing.TB, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// headerPages are pages of every kind of this blog, in both languages.
var headerPages = []string{
	"/", "/en/",
	"/posts/kube-rs-contributions/", "/en/posts/kube-rs-contributions/",
	"/tags/", "/en/tags/", "/tags/kubernetes/", "/en/tags/kubernetes/",
	"/archive/", "/en/archive/", "/search/", "/en/search/", "/404.html", "/en/404.html",
}

// headerBox is how the header is laid out.
type headerBox struct {
	Height float64 `json:"height"`
	// Rows counts the distinct rows the header's visible items sit on.
	Rows  int      `json:"rows"`
	Items []string `json:"items"`
}

const readHeader = `(() => {
	const h = document.querySelector(".site-header");
	const inner = h.querySelector(".header-inner");
	const items = [];
	for (const el of inner.querySelectorAll(".site-title, .search-form input, .site-menu > summary, .site-nav a, .theme-toggle, .lang-switch > *")) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
		if (el.closest(".menu-panel") && getComputedStyle(el.closest(".menu-panel")).position === "absolute") continue;
		items.push({name: (el.textContent.trim() || el.tagName).slice(0, 12), mid: r.top + r.height / 2});
	}
	const rows = [];
	for (const it of items) if (!rows.some(m => Math.abs(m - it.mid) < 12)) rows.push(it.mid);
	return {height: h.getBoundingClientRect().height, rows: rows.length, items: items.map(i => i.name + "@" + Math.round(i.mid))};
})()`

// TestHeaderIsOneRowOfOneHeightOnEveryPage opens every kind of page in
// Korean and English on a desktop, a tablet and a phone, light and dark: the
// header's items sit on one row and the header has the same height on
// every page of a screen size.
func TestHeaderIsOneRowOfOneHeightOnEveryPage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	srv := staticBuild(t, repoRoot)
	dir := screenshotDir(t)
	// A tablet held upright is where a header runs out of room first.
	tablet := viewport{"tablet", 820, 1180, false}
	for _, vp := range []viewport{desktop, tablet, phone} {
		for _, scheme := range []string{"light", "dark"} {
			b := startReaderBrowser(t, chrome) // each gets the browser's time limit
			b.emulateViewport(t, vp)
			b.emulateScheme(t, scheme)
			heights := map[float64][]string{}
			for _, p := range headerPages {
				b.openPage(t, srv, p)
				got, err := evaluate[headerBox](b, readHeader)
				if err != nil {
					t.Fatalf("%s: reading the header: %v", p, err)
				}
				heights[got.Height] = append(heights[got.Height], p)
				if got.Rows != 1 {
					t.Errorf("%s on a %s (%s): the header's items sit on %d rows: %v", p, vp.name, scheme, got.Rows, got.Items)
				}
				if p == "/" || p == "/en/" || p == "/posts/kube-rs-contributions/" || p == "/en/posts/kube-rs-contributions/" {
					name := fmt.Sprintf("header-%s-%s-%s", strings.Trim(strings.ReplaceAll(p, "/", "-"), "-"), vp.name, scheme)
					if p == "/" {
						name = fmt.Sprintf("header-ko-home-%s-%s", vp.name, scheme)
					}
					b.viewportShot(t, dir, name)
				}
			}
			if len(heights) != 1 {
				t.Errorf("on a %s (%s) the header has %d heights: %v", vp.name, scheme, len(heights), heights)
			}
			for h := range heights {
				t.Logf("%s %s: the header is %.0f px high", vp.name, scheme, h)
			}
		}
	}
}

// TestPhoneMenuOpensAndIsWalkedByKeyboard uses the header on a phone with
// the keyboard only: Tab reaches the menu button, Enter opens the menu,
// Tab goes through every link of the navigation, the theme toggle and the
// other language, each shown on the screen; Enter closes it and Space
// opens it again.
func TestPhoneMenuOpensAndIsWalkedByKeyboard(t *testing.T) {
	b, srv := searchBrowser(t)
	b.emulateViewport(t, phone)
	b.openPage(t, srv, "/en/posts/kube-rs-contributions/")

	closed, err := evaluate[bool](b, `!document.querySelector("details.site-menu").open && !document.querySelector(".site-nav a").checkVisibility()`)
	if err != nil || !closed {
		t.Fatalf("on a phone the menu is not closed with its links hidden at first (%v)", err)
	}
	focused := func() (string, error) {
		return evaluate[string](b, `(() => { const a = document.activeElement; if (!a || a === document.body) return "";
			const r = a.getBoundingClientRect();
			const shown = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.left >= 0 && r.right <= innerWidth;
			return (a.matches("summary") ? "summary" : a.id || a.textContent.trim()) + (shown ? "" : " (off screen)"); })()`)
	}
	tab := func() string {
		t.Helper()
		if err := chromedp.Do(b.ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		f, err := focused()
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	var walked []string
	for range 10 {
		f := tab()
		walked = append(walked, f)
		if f == "summary" {
			break
		}
	}
	if walked[len(walked)-1] != "summary" {
		t.Fatalf("Tab walks %q and never reaches the menu button", walked)
	}
	b.press(t, "Enter", "Enter", "\r", 13)
	b.waitJS(t, "Enter to open the menu", `document.querySelector("details.site-menu").open`)

	want := []string{"Home", "Tags", "Archive", "theme-toggle", "한국어"}
	var got []string
	for range want {
		got = append(got, tab())
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Tab through the open menu focuses %q, want %q, each on screen", got, want)
	}
	b.viewportShot(t, screenshotDir(t), "phone-menu-open-by-keyboard")

	// Back to the button, Enter closes, Space opens.
	for range want {
		if err := chromedp.Do(b.ctx, chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))); err != nil {
			t.Fatal(err)
		}
	}
	if f, _ := focused(); f != "summary" {
		t.Fatalf("Shift+Tab back from the menu's last link focuses %q, want the menu button", f)
	}
	b.press(t, "Enter", "Enter", "\r", 13)
	b.waitJS(t, "Enter to close the menu", `!document.querySelector("details.site-menu").open`)
	b.press(t, " ", "Space", " ", 32)
	b.waitJS(t, "Space to open the menu", `document.querySelector("details.site-menu").open`)
}

// TestSwitcherFromAnUntranslatedPostShowsANotice follows the language
// switcher from a Korean post that has no English version: the English
// home opens with a notice that says so, which the home does not show
// when opened directly.
func TestSwitcherFromAnUntranslatedPostShowsANotice(t *testing.T) {
	b, srv := searchBrowser(t)
	b.emulateViewport(t, desktop)
	b.openPage(t, srv, "/en/")
	if shown, err := evaluate[bool](b, `document.getElementById("untranslated").checkVisibility()`); err != nil || shown {
		t.Errorf("the English home shows the untranslated notice when opened directly (%v)", err)
	}
	b.openPage(t, srv, "/posts/shell-one-liners/")
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang="en"]`))); err != nil {
		t.Fatal(err)
	}
	b.waitJS(t, "the English home", `location.pathname === "/en/" && document.readyState === "complete"`)
	got, err := evaluate[string](b, `(() => { const n = document.getElementById("untranslated"); return n.checkVisibility() ? n.textContent : ""; })()`)
	if err != nil || !strings.Contains(got, "English") {
		t.Errorf("after the switcher the English home shows the notice %q (%v), want the English notice", got, err)
	}
	b.viewportShot(t, screenshotDir(t), "switcher-untranslated-notice")
}

// TestHeaderLinksAreReachableWithoutJavaScript turns scripts off: on a
// desktop the navigation and the language switcher are on the screen; on
// a phone the menu button opens them.
func TestHeaderLinksAreReachableWithoutJavaScript(t *testing.T) {
	b, srv := searchBrowser(t)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disabling scripts: %v", err)
	}
	const shown = `[...document.querySelectorAll(".site-nav a, .lang-switch a")].map(a => a.checkVisibility() ? a.textContent.trim() : "").join(",")`
	const want = "Home,Tags,Archive,한국어"
	b.emulateViewport(t, desktop)
	b.open(t, srv, "/en/posts/k8s-probes/")
	if open, err := evaluate[bool](b, `document.getElementById("theme-toggle").hidden && !document.querySelector("details.site-menu").open`); err != nil || !open {
		t.Fatalf("theme.js ran (the toggle is shown or the menu opened): scripts are not off and the test proves nothing (%v)", err)
	}
	if got, err := evaluate[string](b, shown); err != nil || got != want {
		t.Errorf("on a desktop without JavaScript the header shows %q (%v), want %q", got, err, want)
	}
	b.emulateViewport(t, phone)
	b.open(t, srv, "/en/posts/k8s-probes/")
	if got, _ := evaluate[string](b, shown); got != ",,," {
		t.Errorf("on a phone the closed menu shows %q, want nothing", got)
	}
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(".site-menu > summary"))); err != nil {
		t.Fatal(err)
	}
	if got, err := evaluate[string](b, shown); err != nil || got != want {
		t.Errorf("on a phone without JavaScript the opened menu shows %q (%v), want %q", got, err, want)
	}
}
