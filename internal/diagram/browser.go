package diagram

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/chromedp"
)

// drawScript defines blogDraw in the page, after Mermaid.
//
//go:embed draw.js
var drawScript string

// Limits of a browser session. A diagram that takes longer than drawLimit
// is a failure of the browser, not of the diagram, and is not cached.
const (
	startLimit = 60 * time.Second
	drawLimit  = 30 * time.Second
)

// browsers are the names a browser is looked up by on PATH, in order.
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// FindBrowser returns the path of a Chromium or Chrome on PATH, or "" when
// there is none.
func FindBrowser() string {
	for _, name := range browsers {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// session is one headless browser with Mermaid loaded into a blank page.
// Its draw is called by one goroutine at a time.
type session struct {
	cancelAlloc context.CancelFunc
	cancelTab   context.CancelFunc
	tab         context.Context
}

// drawn is what blogDraw gives for one look: an SVG or an error.
type drawn struct {
	SVG   string `json:"svg"`
	Error string `json:"error"`
}

// look is one way of drawing a diagram: the id of its root element, the
// page's font (CSS font shorthand) and width in CSS px, and Mermaid's
// configuration.
type look struct {
	ID     string         `json:"id"`
	Font   string         `json:"font"`
	Width  int            `json:"width"`
	Config map[string]any `json:"config"`
}

// startSession starts the browser at execPath and loads script, Mermaid,
// into a blank page. The browser keeps a profile in a temporary folder of
// its own that it removes when it stops.
func startSession(execPath string, script []byte) (*session, error) {
	if _, err := os.Stat(execPath); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoBrowser, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	s := &session{cancelAlloc: cancelAlloc, cancelTab: cancelTab, tab: tab}

	// The first action starts the browser and binds its life to the context
	// it runs on, so it must not carry a deadline; a timer bounds it.
	stuck := time.AfterFunc(startLimit, cancelAlloc)
	err := chromedp.Do(tab, chromedp.Navigate("about:blank"))
	stuck.Stop()
	if err != nil {
		s.close()
		return nil, fmt.Errorf("starting %s: %w", execPath, err)
	}
	ctx, cancel := context.WithTimeout(tab, startLimit)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(script))); err != nil {
		s.close()
		return nil, fmt.Errorf("loading mermaid.min.js: %w", err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](drawScript)); err != nil {
		s.close()
		return nil, fmt.Errorf("loading draw.js: %w", err)
	}
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof mermaid === "object" && typeof blogDraw === "function"`)); err != nil || !ok {
		s.close()
		return nil, fmt.Errorf("mermaid.min.js did not define mermaid (%v)", err)
	}
	return s, nil
}

// draw draws source in each look, in one call into the page.
func (s *session) draw(source []byte, looks []look) ([]drawn, error) {
	src, err := json.Marshal(string(source))
	if err != nil {
		return nil, err
	}
	lk, err := json.Marshal(looks)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(s.tab, drawLimit)
	defer cancel()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]drawn]("blogDraw("+string(src)+", "+string(lk)+")", chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	if len(out) != len(looks) {
		return nil, fmt.Errorf("blogDraw gave %d drawings for %d looks", len(out), len(looks))
	}
	return out, nil
}

// close stops the browser and waits for it.
func (s *session) close() {
	s.cancelTab()
	s.cancelAlloc()
}
