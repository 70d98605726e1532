package diagram

// End-to-end tests: real diagrams drawn by Chromium with the theme's
// vendored Mermaid, then shown in a second Chromium, as a reader sees them,
// on a page with the theme's own style sheet. They are skipped when no
// Chromium is installed, unless CI=true, and under -short.
//
// Screenshots go to $BLOG_TEST_ARTIFACTS, or to a folder under
// os.TempDir() that the test logs; they are kept for a person to look at.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
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

	"blog/internal/cache"
)

// findBrowser returns the path of chromium or Chrome. Without one the test
// is skipped, except on CI (CI=true), where a missing browser is a failure.
func findBrowser(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped under -short")
	}
	if p := FindBrowser(); p != "" {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium, chromium-browser or google-chrome on PATH; CI=true needs one")
	}
	t.Skip("no chromium, chromium-browser or google-chrome on PATH")
	return ""
}

// mermaidScript is the theme's vendored Mermaid.
func mermaidScript(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "static", "js", "mermaid.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The diagrams of the test page: a Korean flowchart with edge labels, a
// sequence diagram wider than a phone, and one that tries to carry script.
const (
	koFlowchart = "graph TD\n  A[글 쓰기] -->|저장| B{빌드 성공?}\n  B -->|예| C[배포]\n  B -->|아니오| D[오류 고치기]\n  D --> A\n"
	enSequence  = "sequenceDiagram\n  participant W as Writer\n  participant B as blog build\n  participant C as Chromium\n  participant P as GitHub Pages\n" +
		"  W->>B: save a post with a diagram\n  B->>C: draw it once (Mermaid)\n  C-->>B: SVG, light and dark\n  B->>P: publish inline SVG\n  Note over W,P: 독자는 스크립트 없이 그림을 본다\n"
	hostile = "graph LR\n  A[\"<img src=x onerror=alert(1)>\"] --> B[\"<script>alert(2)</script>끝\"]\n  click A href \"javascript:alert(3)\"\n"
)

func TestDrawsDiagramsInChromium(t *testing.T) {
	browser := findBrowser(t)
	script := mermaidScript(t)
	root, err := cache.OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	store := cache.OpenStore(root, Version(script))
	r := New(Options{Script: script, Store: store, Browser: browser})
	defer r.Close()

	f, err := r.Draw([]byte(koFlowchart))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		name string
		svg  SVG
		id   string
	}{{"light", f.Light, rootID([]byte(koFlowchart)) + "-l"}, {"dark", f.Dark, rootID([]byte(koFlowchart)) + "-d"}} {
		m := string(v.svg.Markup)
		if !strings.HasPrefix(m, `<svg id="`+v.id+`"`) {
			t.Errorf("%s drawing starts %.80q, want an <svg> with id %q", v.name, m, v.id)
		}
		labels := texts(t, m)
		for _, label := range []string{"글 쓰기", "빌드 성공?", "저장", "아니오", "오류 고치기"} {
			if !slices.Contains(labels, label) {
				t.Errorf("%s drawing has no label %q; its labels are %q", v.name, label, labels)
			}
		}
		if v.svg.Width < 100 || v.svg.Height < 100 || !strings.Contains(m, ` width="`+strconv.Itoa(v.svg.Width)+`"`) {
			t.Errorf("%s drawing is %dx%d, want its natural size on its root", v.name, v.svg.Width, v.svg.Height)
		}
		assertSafe(t, v.name, m)
		assertOwnIDs(t, v.name, m, v.id)
	}
	if bytes.Equal(f.Light.Markup, f.Dark.Markup) {
		t.Error("light and dark drawings are the same")
	}
	t.Logf("the flowchart's figure is %d bytes (light %d, dark %d), %d gzipped", len(f.HTML()), len(f.Light.Markup), len(f.Dark.Markup), gzipped(t, f.HTML()))

	// Drawn again by another Renderer, in another browser, with nothing
	// cached: the same bytes.
	other := New(Options{Script: script, Browser: browser})
	defer other.Close()
	again, err := other.Draw([]byte(koFlowchart))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.HTML(), f.HTML()) {
		t.Errorf("a second drawing differs from the first:\n%s", firstDifference(f.HTML(), again.HTML()))
	}
	if st := other.Stats(); st.Drawn != 1 || st.Cached != 0 {
		t.Errorf("second renderer's stats = %+v, want one drawn", st)
	}

	// Asked again, the first Renderer takes it from its store.
	cached, err := r.Draw([]byte(koFlowchart))
	if err != nil || !bytes.Equal(cached.HTML(), f.HTML()) {
		t.Errorf("the cached figure differs (err %v)", err)
	}
	if st := r.Stats(); st.Drawn != 1 || st.Cached != 1 {
		t.Errorf("stats = %+v, want one drawn and one taken from the cache", st)
	}

	// A source that tries to carry script is drawn without it.
	h, err := r.Draw([]byte(hostile))
	if err != nil {
		t.Fatal(err)
	}
	assertSafe(t, "hostile", string(h.HTML()))

	// A source Mermaid cannot read is a SyntaxError, cached as one.
	bad := []byte("graph TD\n  A --> [\n")
	_, err = r.Draw(bad)
	var se *SyntaxError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("Draw(bad) = %v, want a SyntaxError naming line 2", err)
	}
	before := r.Stats()
	if _, err2 := r.Draw(bad); err2 == nil || err2.Error() != err.Error() {
		t.Errorf("the error drawn again is %v, want %v", err2, err)
	}
	if st := r.Stats(); st.Cached != before.Cached+1 {
		t.Errorf("the error was not taken from the cache: %+v then %+v", before, st)
	}
	if err := store.Flush(); err != nil {
		t.Fatal(err)
	}
}

func gzipped(t *testing.T, b []byte) int {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	w.Close()
	return buf.Len()
}

// assertSafe fails when markup holds a script, an event handler or a
// javascript: link.
func assertSafe(t *testing.T, name, markup string) {
	t.Helper()
	lower := strings.ToLower(markup)
	for _, bad := range []string{"<script", "javascript:", "<iframe", "<img"} {
		if strings.Contains(lower, bad) {
			t.Errorf("%s drawing holds %q", name, bad)
		}
	}
	if m := regexp.MustCompile(`(?i)\son[a-z]+\s*=`).FindString(markup); m != "" {
		t.Errorf("%s drawing holds an event handler %q", name, m)
	}
}

// assertOwnIDs fails when an id of the drawing does not start with its
// root's, or is given twice.
func assertOwnIDs(t *testing.T, name, markup, root string) {
	t.Helper()
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`\sid="([^"]*)"`).FindAllStringSubmatch(markup, -1) {
		id := m[1]
		if id != root && !strings.HasPrefix(id, root+"-") && !strings.HasPrefix(id, root+"_") {
			t.Errorf("%s drawing has id %q, not under %q", name, id, root)
		}
		if seen[id] {
			t.Errorf("%s drawing has id %q twice", name, id)
		}
		seen[id] = true
	}
	// Mermaid's style sheets name paint servers a drawing may not have;
	// its elements must not.
	outside := regexp.MustCompile(`(?s)<style>.*?</style>`).ReplaceAllString(markup, "")
	for _, m := range regexp.MustCompile(`url\(#([^)]*)\)`).FindAllStringSubmatch(outside, -1) {
		if !seen[m[1]] {
			t.Errorf("%s drawing refers to url(#%s), which it lacks", name, m[1])
		}
	}
}

// texts is the text of every <text> of an SVG, with its spaces normalized.
func texts(t *testing.T, svg string) []string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var out []string
	depth := 0
	var cur strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("reading the drawing: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "text" {
				depth++
			}
		case xml.EndElement:
			if tok.Name.Local == "text" {
				if depth--; depth == 0 {
					out = append(out, strings.Join(strings.Fields(cur.String()), " "))
					cur.Reset()
				}
			}
		case xml.CharData:
			if depth > 0 {
				cur.Write(tok)
			}
		}
	}
}

func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d:\n  %q\n  %q", i, a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
}

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

// diagramTypes are sources of each kind of diagram a post is likely to
// have, with Korean labels.
var diagramTypes = map[string]string{
	"flowchart": koFlowchart,
	"subgraph":  "flowchart LR\n  subgraph 빌드\n    a[읽기] --> b[그리기]\n  end\n  subgraph 배포\n    c[올리기]\n  end\n  b -.->|SVG| c\n  c ==> d((끝))\n",
	"sequence":  enSequence,
	"class":     "classDiagram\n  class 글 {\n    +String 제목\n    +render() HTML\n  }\n  글 <|-- 번역\n",
	"state":     "stateDiagram-v2\n  [*] --> 초안\n  초안 --> 발행: 저장\n  발행 --> [*]\n",
	"er":        "erDiagram\n  POST ||--o{ TAG : has\n  POST {\n    int id\n    string title\n  }\n",
	"gantt":     "gantt\n  title 일정\n  dateFormat YYYY-MM-DD\n  section 준비\n  설계 :a1, 2024-01-01, 7d\n  구현 :after a1, 10d\n",
	"pie":       "pie title 언어\n  \"한국어\" : 60\n  \"English\" : 40\n",
	"mindmap":   "mindmap\n  root((블로그))\n    글\n      한국어\n      English\n    빌드\n",
	"journey":   "journey\n  title 글 쓰기\n  section 쓰기\n    초안: 5: 나\n    고치기: 3: 나\n",
	"gitgraph":  "gitGraph\n  commit\n  branch diagrams\n  commit\n  checkout main\n  merge diagrams\n",
	"timeline":  "timeline\n  title 역사\n  2023 : 첫 글\n  2024 : 이전\n",
}

// TestAllowListKeepsWhatMermaidDraws draws every kind of diagram and checks
// that the allow-list dropped nothing of it, that its ids are its own, and
// that two drawings give the same bytes.
func TestAllowListKeepsWhatMermaidDraws(t *testing.T) {
	browser := findBrowser(t)
	s, err := startSession(browser, mermaidScript(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	for name, src := range diagramTypes {
		t.Run(name, func(t *testing.T) {
			looks := looksFor(rootID([]byte(src)))
			first, err := s.draw([]byte(src), looks)
			if err != nil {
				t.Fatal(err)
			}
			again, err := s.draw([]byte(src), looks)
			if err != nil {
				t.Fatal(err)
			}
			for i, d := range first {
				if d.Error != "" {
					t.Fatalf("%s: mermaid: %s", looks[i].ID, d.Error)
				}
				c, err := clean(d.SVG, looks[i].ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(c.dropped) > 0 {
					t.Errorf("%s: the allow-list dropped %q", looks[i].ID, c.dropped)
				}
				if len(texts(t, string(c.svg))) == 0 {
					t.Errorf("%s: no text drawn", looks[i].ID)
				}
				assertSafe(t, looks[i].ID, string(c.svg))
				assertOwnIDs(t, looks[i].ID, string(c.svg), looks[i].ID)
				// Drawn again, after other diagrams advanced Mermaid's
				// counters: the same bytes.
				c2, err := clean(again[i].SVG, looks[i].ID)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(c.svg, c2.svg) {
					t.Errorf("%s: drawn twice, two drawings:\n%s", looks[i].ID, firstDifference(c.svg, c2.svg))
				}
			}
		})
	}
}
