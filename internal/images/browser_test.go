package images

// A browser test: a rewritten post with real copies, shown in Chromium
// with the theme's style sheet at desktop and phone widths and pixel
// densities. Skipped when no Chromium is installed, unless CI=true, and
// under -short.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// findBrowser returns the path of chromium or Chrome. Without one the test
// is skipped, except on CI (CI=true), where a missing browser is a failure.
func findBrowser(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped under -short")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium, chromium-browser or google-chrome on PATH; CI=true needs one")
	}
	t.Skip("no chromium, chromium-browser or google-chrome on PATH")
	return ""
}

// TestBrowsersPickTheCopyTheyShow serves a post whose photo has copies and
// checks, for each screen, which file the browser fetched and that every
// image's box has the photo's proportions before it loads.
func TestBrowsersPickTheCopyTheyShow(t *testing.T) {
	browser := findBrowser(t)
	// Two photos, 3:2: one at the top, one far below the fold.
	files := map[string][]byte{}
	sources := map[string]Source{}
	for name, size := range map[string][2]int{"사진.jpg": {1800, 1200}, "다른.jpg": {1500, 1000}} {
		photo := encodeJPEG(t, picture(size[0], size[1], false))
		info, err := Probe(photo)
		if err != nil {
			t.Fatal(err)
		}
		files["/"+name] = photo
		src := Source{Width: info.Width, Height: info.Height}
		widths := Widths(info)
		copies, err := ResizeEach(photo, widths)
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range widths {
			copyName := CopyName(name, w, info.CopyFormat)
			files["/"+copyName] = copies[i].Data
			src.Copies = append(src.Copies, Candidate{URL: copyName, Width: w})
		}
		sources[name] = src
	}
	body := Rewrite([]byte(`<p>첫 문단.</p><p><img src="사진.jpg" alt="서울의 밤"></p>`+strings.Repeat("<p>본문이 이어진다.</p>", 200)+`<p><img src="다른.jpg" alt="부산의 낮"></p>`),
		func(s string) (Source, bool) { src, ok := sources[s]; return src, ok })
	css, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "static", "css", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	page := `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>사진</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/style.css"></head>` +
		`<body><main class="container"><article class="post-content">` + string(body) + `</article></main></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch b, ok := files[r.URL.Path]; {
		case ok:
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(b)
		case r.URL.Path == "/style.css":
			w.Header().Set("Content-Type", "text/css")
			w.Write(css)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		}
	}))
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(allocCtx)
	defer cancelTab()
	stuck := time.AfterFunc(60*time.Second, cancelAlloc)
	err = chromedp.Do(tab)
	stuck.Stop()
	if err != nil {
		t.Fatalf("starting %s: %v", browser, err)
	}
	for i, tc := range []struct {
		width int64
		dpr   float64
		want  string // the copy a browser fetches for this screen
		shown int    // the photo's width on the page, in CSS px
	}{
		{1280, 1, "사진.720w.jpg", 696},
		{1280, 2, "사진.1440w.jpg", 696},
		{390, 1, "사진.480w.jpg", 350},
		{390, 3, "사진.1080w.jpg", 350},
	} {
		t.Run(fmt.Sprintf("%d@%gx", tc.width, tc.dpr), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(tab, 30*time.Second)
			defer cancel()
			err := chromedp.Do(ctx,
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: tc.width, Height: 800, DeviceScaleFactor: tc.dpr, Mobile: tc.width < 500})
					return err
				}),
				// A new address each time, so no copy comes from the
				// memory cache of an earlier screen.
				chromedp.Navigate(fmt.Sprintf("%s/?screen=%d", srv.URL, i)),
			)
			if err != nil {
				t.Fatal(err)
			}
			var first string
			for range 100 { // the first image loads at once; wait for it
				first, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.images[0].complete ? decodeURIComponent(document.images[0].currentSrc.split("/").pop()) : ""`))
				if err != nil {
					t.Fatal(err)
				}
				if first != "" {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if first != tc.want {
				t.Errorf("the browser fetched %q, want %q", first, tc.want)
			}
			boxes, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify([...document.images].map(i => [i.getBoundingClientRect().width, i.getBoundingClientRect().height, i.complete]))`))
			if err != nil {
				t.Fatal(err)
			}
			var got [][3]any
			if err := json.Unmarshal([]byte(boxes), &got); err != nil || len(got) != 2 {
				t.Fatalf("boxes = %s (%v)", boxes, err)
			}
			if got[1][2] == true {
				t.Error("the second image, far below the fold, was loaded at once; it should wait (loading=lazy)")
			}
			for n, b := range got {
				w, h := b[0].(float64), b[1].(float64)
				if int(w+0.5) != tc.shown || int(h+0.5) != tc.shown*2/3 {
					t.Errorf("image %d is %.0f×%.0f px (loaded: %v), want %d×%d: its box must have the photo's proportions before it loads", n+1, w, h, b[2], tc.shown, tc.shown*2/3)
				}
			}
		})
	}
}
