package diagram

// What a reader sees: drawn diagrams on a page with the theme's style
// sheet, in a second Chromium with JavaScript off, light and dark, at
// desktop and phone width. Skipped as the tests of e2e_test.go are.
//
// Screenshots go to $BLOG_TEST_ARTIFACTS, or to a folder under
// os.TempDir() that the test logs; they are kept for a person to look at.

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestReaderSeesDrawnDiagrams shows a post with drawn diagrams in Chromium
// with the theme's style sheet, light and dark, at desktop and phone
// width, with JavaScript off: the right drawing shows, its labels are
// readable, dark edge labels have contrast, and no script is fetched.
func TestReaderSeesDrawnDiagrams(t *testing.T) {
	browser := findBrowser(t)
	r := New(Options{Script: mermaidScript(t), Browser: browser})
	defer r.Close()
	var figures, every []Figure
	for _, src := range []string{koFlowchart, enSequence} {
		f, err := r.Draw([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		figures = append(figures, f)
	}
	for _, name := range slices.Sorted(maps.Keys(diagramTypes)) {
		f, err := r.Draw([]byte(diagramTypes[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		every = append(every, f)
		h := f.HTML()
		if feed := FeedHTML(h); len(feed) >= len(h) || !bytes.Contains(feed, f.Light.Markup) {
			t.Errorf("%s: the feed's figure is %d bytes of the page's %d, or lacks the light drawing", name, len(feed), len(h))
		}
		t.Logf("%-9s %6d bytes in a page (%5d gzipped), %6d in a feed", name, len(h), gzipped(t, h), len(FeedHTML(h)))
	}
	srv, requests := servePost(t, map[string][]Figure{"/": figures, "/every-kind": every})
	v := startViewer(t, browser)
	dir := screenshotDir(t)

	for _, theme := range []struct {
		name      string
		dataTheme string // the reader's choice on the page, "" to follow the system
		system    string // prefers-color-scheme
		dark      bool
	}{
		{"light", "", "light", false},
		{"dark-system", "", "dark", true},
		{"dark-chosen", "dark", "light", true},
		{"light-chosen", "light", "dark", false},
	} {
		for _, vp := range []struct {
			name  string
			width int64
		}{{"1280", 1280}, {"390", 390}} {
			for _, pg := range []struct {
				name, path string
				figures    []Figure
			}{{"diagram", "/", figures}, {"every-kind", "/every-kind", every}} {
				name := pg.name + "-" + theme.name + "-" + vp.name
				figures := pg.figures
				t.Run(name, func(t *testing.T) {
					v.show(t, srv.URL+pg.path+"?theme="+theme.dataTheme, vp.width, theme.system)
					shown := v.eval(t, `[...document.querySelectorAll(".diagram > div")].filter(d => d.getBoundingClientRect().height > 0).map(d => d.className).join(" ")`)
					want := strings.TrimSpace(strings.Repeat(map[bool]string{false: "diagram-light ", true: "diagram-dark "}[theme.dark], len(figures)))
					if shown != want {
						t.Fatalf("shown drawings = %q, want %q", shown, want)
					}
					// Every label as drawn and as shown, in CSS px.
					var labels []struct {
						Text         string
						Drawn, Scale float64
					}
					if err := json.Unmarshal([]byte(v.eval(t, `JSON.stringify([...document.querySelectorAll(".diagram > div")].filter(d => d.getBoundingClientRect().height > 0).flatMap(d => {
						const svg = d.querySelector("svg"), scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
						return [...svg.querySelectorAll("text")].filter(x => x.textContent.trim()).map(x => ({Text: x.textContent.trim(), Drawn: parseFloat(getComputedStyle(x).fontSize), Scale: scale}));
					}))`)), &labels); err != nil || len(labels) == 0 {
						t.Fatalf("reading the labels: %v (%d labels)", err, len(labels))
					}
					for _, l := range labels {
						// No label is drawn small, and no drawing is
						// shrunk past the floor: a label at the body's
						// size stays at 12 px on a phone.
						if l.Drawn < 13 {
							t.Errorf("label %q is drawn at %.1f px, want at least 13", l.Text, l.Drawn)
						}
						if l.Scale < minScale-0.005 {
							t.Errorf("label %q is shown at %.0f %% of its size, want at least %.0f %%", l.Text, l.Scale*100, minScale*100)
						}
					}
					if vp.width == 1280 {
						// The flowchart fits the column: labels at the body's size.
						flow := v.eval(t, `(() => { const svg = [...document.querySelector(".diagram").children].find(d => d.getBoundingClientRect().height > 0).querySelector("svg");
						return String(svg.getBoundingClientRect().width / svg.viewBox.baseVal.width); })()`)
						if s, _ := strconv.ParseFloat(flow, 64); math.Abs(s-1) > 0.01 {
							t.Errorf("the flowchart is shown at scale %s on a desktop, want its natural size", flow)
						}
					}
					if theme.dark {
						assertEdgeLabelContrast(t, v)
					}
					v.screenshot(t, filepath.Join(dir, name+".png"))
				})
			}
		}
	}
	for _, p := range requests() {
		if p != "/" && p != "/every-kind" && p != "/css/style.css" {
			t.Errorf("the page fetched %s; it needs nothing but itself and its style sheet", p)
		}
	}
}

// assertEdgeLabelContrast checks every edge and node label of the shown
// drawings against what is behind it.
func assertEdgeLabelContrast(t *testing.T, v *viewer) {
	t.Helper()
	out := v.eval(t, `[...document.querySelectorAll(".diagram-dark svg .edgeLabel")].filter(l => l.textContent.trim()).map(l => {
		const text = l.querySelector("text"), rect = l.querySelector("rect");
		const cs = rect ? getComputedStyle(rect) : null;
		return [l.textContent.trim(), getComputedStyle(text).fill, cs ? cs.fill : "none", cs ? cs.opacity : "0", getComputedStyle(document.body).backgroundColor].join("|");
	}).join("\n")`)
	if out == "" {
		t.Fatal("no edge labels in the dark drawings")
	}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(line, "|")
		fg, ok1 := parseRGB(f[1])
		page, ok2 := parseRGB(f[4])
		if !ok1 || !ok2 {
			t.Fatalf("cannot read the colours of %q", line)
		}
		behind := page
		if box, ok := parseRGB(f[2]); ok {
			op, _ := strconv.ParseFloat(f[3], 64)
			behind = blend(box, page, op)
		}
		if c := contrast(fg, behind); c < 4.5 {
			t.Errorf("edge label %q: %s on %v has contrast %.2f, want at least 4.5", f[0], f[1], behind, c)
		}
	}
}

type rgb [3]float64

var rgbPattern = regexp.MustCompile(`^rgba?\((\d+(?:\.\d+)?), (\d+(?:\.\d+)?), (\d+(?:\.\d+)?)`)

func parseRGB(s string) (rgb, bool) {
	m := rgbPattern.FindStringSubmatch(s)
	if m == nil {
		return rgb{}, false
	}
	var c rgb
	for i := range c {
		c[i], _ = strconv.ParseFloat(m[i+1], 64)
	}
	return c, true
}

func blend(top, bottom rgb, opacity float64) rgb {
	var c rgb
	for i := range c {
		c[i] = top[i]*opacity + bottom[i]*(1-opacity)
	}
	return c
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b rgb) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c rgb) float64 {
	var l [3]float64
	for i, v := range c {
		v /= 255
		if v <= 0.04045 {
			l[i] = v / 12.92
		} else {
			l[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

func TestContrastOfKnownColours(t *testing.T) {
	if c := contrast(rgb{0, 0, 0}, rgb{255, 255, 255}); math.Abs(c-21) > 0.01 {
		t.Errorf("black on white = %.2f, want 21", c)
	}
	if c := contrast(rgb{0x77, 0x77, 0x77}, rgb{255, 255, 255}); c > 4.5 || c < 4.4 {
		t.Errorf("#777 on white = %.2f, want just under 4.5", c)
	}
}

// servePost serves post pages holding figures, one page per path, with
// the theme's style sheet, on loopback. ?theme= sets the page's
// data-theme. It returns the paths every request asked for.
func servePost(t *testing.T, pages map[string][]Figure) (*httptest.Server, func() []string) {
	t.Helper()
	css, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "static", "css", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		paths = append(paths, req.URL.Path)
		mu.Unlock()
		if req.URL.Path == "/css/style.css" {
			w.Header().Set("Content-Type", "text/css")
			w.Write(css)
			return
		}
		figures, ok := pages[req.URL.Path]
		if !ok {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(postPage(req.URL.Query().Get("theme"), figures))
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), paths...)
	}
}

func postPage(theme string, figures []Figure) []byte {
	var b bytes.Buffer
	b.WriteString(`<!doctype html><html lang="ko"`)
	if theme != "" {
		b.WriteString(` data-theme="` + theme + `"`)
	}
	b.WriteString(`><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>빌드할 때 그린 다이어그램</title><link rel="stylesheet" href="/css/style.css"></head><body>
<header class="site-header"><div class="container header-inner"><a class="site-title" href="/">blog</a></div></header>
<main class="container"><article class="post"><header class="post-header"><h1>빌드할 때 그린 다이어그램</h1></header><div class="post-content">
<p>다이어그램은 빌드할 때 한 번 그려져 SVG로 페이지에 들어간다. 독자의 브라우저는 스크립트를 받지 않고, 글자는 본문과 같은 크기로 보인다.</p>
`)
	for i, f := range figures {
		if i == 1 {
			b.WriteString("\n<p>A diagram wider than a phone keeps its labels readable: it shrinks to 70 % and then scrolls sideways.</p>\n")
		} else if i > 1 {
			b.WriteString("\n<p>다음 그림.</p>\n")
		}
		b.Write(f.HTML())
	}
	b.WriteString("\n<p>끝.</p></div></article></main></body></html>\n")
	return b.Bytes()
}

// viewer is a Chromium that shows pages as a reader sees them, with
// JavaScript off.
type viewer struct {
	ctx context.Context
}

func startViewer(t *testing.T, browser string) *viewer {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", false),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelTab)
	stuck := time.AfterFunc(60*time.Second, cancelAlloc)
	err := chromedp.Do(tab)
	stuck.Stop()
	if err != nil {
		t.Fatalf("starting %s: %v", browser, err)
	}
	return &viewer{ctx: tab}
}

// show opens url at width CSS px (a phone below 500) with the system's
// colour scheme set to scheme, JavaScript off.
func (v *viewer) show(t *testing.T, url string, width int64, scheme string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(v.ctx, 30*time.Second)
	defer cancel()
	mobile := width < 500
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				return err
			}
			if _, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 900, DeviceScaleFactor: 1, Mobile: mobile}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
			return err
		}),
		chromedp.Navigate(url),
	)
	if err != nil {
		t.Fatalf("showing %s: %v", url, err)
	}
}

// eval evaluates a JavaScript expression that gives a string. Evaluation
// through the DevTools protocol works with the page's scripts off.
func (v *viewer) eval(t *testing.T, expr string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(v.ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return s
}

func (v *viewer) screenshot(t *testing.T, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(v.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(name, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

var screenshots struct {
	once sync.Once
	dir  string
	err  error
}

// screenshotDir is $BLOG_TEST_ARTIFACTS, or one new folder under
// os.TempDir() for the run.
func screenshotDir(t *testing.T) string {
	t.Helper()
	screenshots.once.Do(func() {
		if dir := os.Getenv("BLOG_TEST_ARTIFACTS"); dir != "" {
			screenshots.dir, screenshots.err = dir, os.MkdirAll(dir, 0o755)
			return
		}
		screenshots.dir, screenshots.err = os.MkdirTemp("", "blog-diagram-screenshots-")
	})
	if screenshots.err != nil {
		t.Fatal(screenshots.err)
	}
	t.Logf("screenshots are in %s", screenshots.dir)
	return screenshots.dir
}
