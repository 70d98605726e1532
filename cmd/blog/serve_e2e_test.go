package main

// End-to-end tests of blog serve: the real binary serves a site folder that
// the test edits, and a real browser (chromium through chromedp) shows what
// a person sees. The browser test is skipped when no chromium is installed,
// unless CI=true, and under -short.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if blogBinary.dir != "" {
		os.RemoveAll(blogBinary.dir)
	}
	os.Exit(code)
}

// blogBinary is the blog command built once for every test that runs it.
var blogBinary struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// buildBlog builds the blog command from this package and returns its path.
func buildBlog(t testing.TB) string {
	t.Helper()
	blogBinary.once.Do(func() {
		dir, err := os.MkdirTemp("", "blog-e2e-bin-")
		if err != nil {
			blogBinary.err = err
			return
		}
		blogBinary.dir = dir
		blogBinary.path = filepath.Join(dir, "blog")
		// go test puts $GOROOT/bin first on the PATH of the test, so this is
		// the go command that runs the test.
		gobin, err := exec.LookPath("go")
		if err != nil {
			blogBinary.err = fmt.Errorf("no go command to build blog: %w", err)
			return
		}
		cmd := exec.Command(gobin, "build", "-o", blogBinary.path, ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			blogBinary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if blogBinary.err != nil {
		t.Fatal(blogBinary.err)
	}
	return blogBinary.path
}

// findBrowser returns the path of chromium or Chrome. Without one the test
// is skipped, except on CI (CI=true), where a missing browser is a failure.
func findBrowser(t testing.TB) string {
	t.Helper()
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

// e2ePost is a Korean post of the test site with one sentence of its own.
func e2ePost(title, date, sentence string) string {
	return "---\ntitle: \"" + title + "\"\ndate: " + date + "\ntags: [e2e]\n---\n\n" +
		sentence + "\n\n## 제목\n\n본문의 나머지입니다.\n"
}

// e2eStylesheet replaces the theme's css/style.css; its first rule sets
// the page background the test reads back.
func e2eStylesheet(background string) string {
	return "body { background: " + background + "; }\n" +
		"main { max-width: 40rem; margin: 0 auto; padding: 1rem; }\n" +
		"h1, h2 { line-height: 1.3; }\n" +
		"a { color: rgb(11, 98, 214); }\n"
}

// writeE2ESite makes a site of three posts and returns its folder.
func writeE2ESite(t *testing.T) string {
	t.Helper()
	return writeSite(t, map[string]string{
		"blog.yaml":            "title: E2E\n",
		"content/posts/a.md":   e2ePost("첫 글", "2024-03-01", "원래 문장입니다."),
		"content/posts/b.md":   e2ePost("둘째 글", "2024-03-02", "둘째 글의 문장입니다."),
		"content/posts/c.md":   e2ePost("셋째 글", "2024-03-03", "셋째 글의 문장입니다."),
		"static/css/style.css": e2eStylesheet("rgb(255, 255, 255)"),
	})
}

// saveFile writes a file of the site the way an editor saves it.
func saveFile(t testing.TB, site, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lockedBuffer collects the output of a process while tests read it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// blogServer is a running blog serve.
type blogServer struct {
	URL    string        // "http://127.0.0.1:PORT/"
	pid    int           // the process's id
	output *lockedBuffer // stdout and stderr
	done   chan struct{} // closed when the process has ended
	err    error         // how it ended, once done is closed
}

// exited reports whether the process has ended, and how.
func (srv *blogServer) exited() (bool, error) {
	select {
	case <-srv.done:
		return true, srv.err
	default:
		return false, nil
	}
}

var servingLine = regexp.MustCompile(`^Serving at (http://127\.0\.0\.1:\d+/) \(Ctrl\+C to stop\)$`)

// startServe runs blog serve on a free port until the test ends: Ctrl+C
// (SIGINT) first, a kill if it does not stop within 5 seconds.
func startServe(t testing.TB, bin, site string) *blogServer {
	t.Helper()
	srv := &blogServer{output: &lockedBuffer{}, done: make(chan struct{})}
	cmd := exec.Command(bin, "serve", "-s", site, "--port", "0")
	cmd.Stderr = srv.output
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	srv.pid = cmd.Process.Pid
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(srv.output, line)
			if m := servingLine.FindStringSubmatch(line); m != nil {
				select {
				case url <- m[1]:
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
		srv.err = cmd.Wait()
		close(srv.done)
	}()
	t.Cleanup(func() {
		if ended, err := srv.exited(); ended {
			t.Errorf("blog serve ended before the test did (%v); did something else signal it?", err)
		}
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-srv.done:
			if srv.err != nil {
				t.Errorf("blog serve did not stop cleanly on Ctrl+C: %v", srv.err)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("blog serve still runs 5s after Ctrl+C; killing it")
			_ = cmd.Process.Kill()
			<-srv.done
		}
		if t.Failed() {
			t.Logf("blog serve output:\n%s", srv.output)
		}
	})
	select {
	case srv.URL = <-url:
	case <-srv.done:
		t.Fatalf("blog serve exited before serving: %v\n%s", srv.err, srv.output)
	case <-time.After(30 * time.Second):
		t.Fatalf("blog serve did not say where it serves within 30s; output:\n%s", srv.output)
	}
	return srv
}

// get fetches a page of the server without the browser.
func (srv *blogServer) get(t testing.TB, path string) (status int, body string) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// liveEvent is one message of /__blog/events as the page received it.
type liveEvent struct {
	conn  network.RequestID // one per EventSource connection
	Kind  string            `json:"kind"`
	Pages []string          `json:"pages"`
	raw   string
}

// browser is one chromium tab, with what it saw of the live-reload events,
// the console and uncaught exceptions.
type browser struct {
	tab context.Context // lives until the test ends
	ctx context.Context // tab with the deadline of the whole test

	mu     sync.Mutex
	events []liveEvent
	conns  []network.RequestID
	log    []string
}

// startBrowser starts a headless chromium with a fresh profile. The whole
// browser test gets 90 seconds.
func startBrowser(t testing.TB, execPath string) *browser {
	t.Helper()
	profile := filepath.Join(t.TempDir(), "profile") // removed after the browser exits
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1200, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc) // stops chromium and waits for it
	tab, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelTab)
	b := &browser{tab: tab}

	// The first run starts chromium and must not carry a timeout, as the
	// browser lives as long as its context; a timer bounds it instead.
	stuck := time.AfterFunc(30*time.Second, cancelAlloc)
	err := chromedp.Listen(tab, b.record)
	stuck.Stop()
	if err != nil {
		t.Fatalf("starting %s: %v", execPath, err)
	}
	ctx, cancel := context.WithTimeout(tab, 90*time.Second)
	t.Cleanup(cancel)
	b.ctx = ctx
	return b
}

// record keeps the events of the tab the test looks at. It runs in the
// loop that reads the browser's messages, so it only appends.
func (b *browser) record(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventEventSourceMessageReceived:
		if !slices.Contains(b.conns, ev.RequestID) {
			b.conns = append(b.conns, ev.RequestID)
		}
		e := liveEvent{conn: ev.RequestID, raw: ev.Data}
		if err := json.Unmarshal([]byte(ev.Data), &e); err != nil {
			e.Kind = "undecodable"
		}
		b.events = append(b.events, e)
		b.log = append(b.log, "event: "+ev.Data)
	case *page.EventFrameNavigated:
		if ev.Frame.ParentID == "" {
			b.log = append(b.log, "navigated: "+ev.Frame.URL)
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg = d.Exception.Description
		}
		b.log = append(b.log, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *runtime.EventConsoleAPICalled:
		var args []string
		for _, a := range ev.Args {
			args = append(args, string(a.Value))
		}
		b.log = append(b.log, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
	}
}

// connections is how many live-reload connections the tab has opened.
func (b *browser) connections() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.conns)
}

// received is how many live-reload events the tab has received.
func (b *browser) received() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.events)
}

// until polls cond every 50ms until it holds or timeout passes.
func (b *browser) until(t testing.TB, what string, timeout time.Duration, cond func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var lastErr error
	for {
		ok, err := cond()
		if ok {
			return
		}
		if err != nil {
			lastErr = err
		}
		if time.Now().After(deadline) || b.ctx.Err() != nil {
			body, _ := evaluate[string](b, "document.body ? document.body.innerText : '(no body)'")
			t.Fatalf("waited %s for %s (last error: %v); the page says:\n%s", timeout, what, lastErr, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitJS waits until the expression is true in the page. The page may
// reload meanwhile: errors of a page that goes away only make it try again.
func (b *browser) waitJS(t testing.TB, what, expr string) {
	t.Helper()
	b.until(t, what, 15*time.Second, func() (bool, error) {
		return evaluate[bool](b, expr)
	})
}

// waitText waits until the page's visible text contains s.
func (b *browser) waitText(t testing.TB, s string) {
	t.Helper()
	b.waitJS(t, fmt.Sprintf("the page to show %q", s),
		fmt.Sprintf("document.body !== null && document.body.innerText.includes(%s)", jsString(s)))
}

// waitListening waits until the page has opened a live-reload connection
// past the first n, so that the next save reaches it. The server sends the
// current state as soon as a browser subscribes, so a first event means the
// page is subscribed.
func (b *browser) waitListening(t testing.TB, n int) {
	t.Helper()
	b.until(t, "the page to connect to /__blog/events", 15*time.Second, func() (bool, error) {
		return b.connections() > n, nil
	})
}

// waitEvent waits for an event past the first n that match accepts.
func (b *browser) waitEvent(t testing.TB, n int, what string, match func(liveEvent) bool) liveEvent {
	t.Helper()
	var found liveEvent
	b.until(t, what, 15*time.Second, func() (bool, error) {
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, e := range b.events[min(n, len(b.events)):] {
			if match(e) {
				found = e
				return true, nil
			}
		}
		return false, nil
	})
	return found
}

// open shows a page of the server. The scenarios call it only to open a
// page, never to see an edit: the page must update by itself.
func (b *browser) open(t testing.TB, srv *blogServer, path string) {
	t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+path)); err != nil {
		server := "blog serve still runs"
		if ended, exitErr := srv.exited(); ended {
			server = fmt.Sprintf("blog serve has ended (%v)", exitErr)
		}
		t.Fatalf("opening %s: %v; %s", srv.URL+path, err, server)
	}
}

// run evaluates a statement in the page and fails the test on an error.
func (b *browser) run(t testing.TB, js string) {
	t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
}

// evaluate returns the value of a JavaScript expression in the page; one
// evaluation gets at most 5 seconds.
func evaluate[T any](b *browser, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// saveArtifacts keeps a screenshot of the failed page and logs what the
// page saw. The folder is $BLOG_TEST_ARTIFACTS, or a new temporary folder
// that outlives the test.
func (b *browser) saveArtifacts(t testing.TB) {
	b.mu.Lock()
	t.Logf("browser log:\n%s", strings.Join(b.log, "\n"))
	b.mu.Unlock()
	ctx, cancel := context.WithTimeout(b.tab, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	dir := os.Getenv("BLOG_TEST_ARTIFACTS")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "blog-e2e-artifacts-"); err != nil {
			t.Logf("no screenshot: %v", err)
			return
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	name := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())+".png")
	if err := os.WriteFile(name, png, 0o644); err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	t.Logf("screenshot of the failed page: %s", name)
}

// TestServeUpdatesOpenPagesInBrowser edits a site while chromium shows it
// and checks what a person would see: the page follows each save by itself,
// a broken save shows the problem over the page while the last good site
// is still served, a stylesheet is swapped in place, and a page the save
// does not touch stays as it is.
func TestServeUpdatesOpenPagesInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	bin := buildBlog(t)
	site := writeE2ESite(t)
	srv := startServe(t, bin, site)
	b := startBrowser(t, chrome)
	t.Cleanup(func() {
		if t.Failed() {
			b.saveArtifacts(t)
		}
	})

	withCode := func(title, sentence string) string {
		return strings.Replace(e2ePost(title, "2024-03-01", sentence), "## 제목", "```go\nfunc main() {}\n```\n\n## 제목", 1)
	}
	ok := t.Run("a saved post that needs a new stylesheet reloads its open page", func(t *testing.T) {
		n := b.connections()
		b.open(t, srv, "posts/a/")
		b.waitText(t, "원래 문장입니다.")
		b.waitListening(t, n)
		// The site's static/css/style.css replaces the theme's.
		b.waitJS(t, "the site's stylesheet to apply",
			`getComputedStyle(document.body).backgroundColor === "rgb(255, 255, 255)"`)
		// The session survives a reload; the record shows who reloaded.
		b.run(t, `sessionStorage.removeItem("e2e:navigation");
			navigation.addEventListener("navigate", e => sessionStorage.setItem("e2e:navigation", e.navigationType))`)

		// The first code block brings the highlighting stylesheet.
		saveFile(t, site, "content/posts/a.md", withCode("첫 글", "새로 고친 문장입니다."))
		b.waitText(t, "새로 고친 문장입니다.")
		how, err := evaluate[string](b, `String(sessionStorage.getItem("e2e:navigation"))`)
		if err != nil || how != "reload" {
			t.Errorf("the page's last navigation was %q (%v), want the page's own reload", how, err)
		}
	})

	ok = ok && t.Run("a saved post's new content is put in place", func(t *testing.T) {
		b.waitListening(t, 0)
		// Only the page's content changes, so it is put in place: no
		// navigation, the page's own state (a marker, the scroll) stays,
		// and the theme enhances the new content (copy buttons).
		b.run(t, `window.__blogMarker = 42; window.__blogNavigated = false;
			navigation.addEventListener("navigate", () => { window.__blogNavigated = true; })`)

		saveFile(t, site, "content/posts/a.md", withCode("첫 글 고침", "제자리에서 바뀐 문장입니다."))
		b.waitText(t, "제자리에서 바뀐 문장입니다.")
		type pageState struct {
			Marker    int    `json:"marker"`
			Navigated bool   `json:"navigated"`
			Title     string `json:"title"`
			Copy      int    `json:"copy"`
		}
		state, err := evaluate[pageState](b, `({marker: window.__blogMarker ?? 0, navigated: window.__blogNavigated ?? false,
			title: document.title, copy: document.querySelectorAll("main .code-block .code-copy").length})`)
		if err != nil || state.Marker != 42 || state.Navigated {
			t.Errorf("after a body edit the page has marker %d, navigated %v (%v); want 42 and no navigation", state.Marker, state.Navigated, err)
		}
		if !strings.HasPrefix(state.Title, "첫 글 고침") {
			t.Errorf("document.title = %q after the title edit", state.Title)
		}
		if state.Copy != 1 {
			t.Errorf("%d copy buttons on the new code block, want 1: the theme did not enhance the new content", state.Copy)
		}
	})

	ok = ok && t.Run("a save that changes more than the page's content reloads it", func(t *testing.T) {
		b.waitListening(t, 0)
		b.run(t, `sessionStorage.removeItem("e2e:navigation");
			navigation.addEventListener("navigate", e => sessionStorage.setItem("e2e:navigation", e.navigationType))`)
		// The site's title is in every page's header, outside <main>.
		saveFile(t, site, "blog.yaml", "title: E2E 바뀐 제목\n")
		b.waitJS(t, "the header to show the new site title",
			`document.querySelector("header") !== null && document.querySelector("header").innerText.includes("E2E 바뀐 제목")`)
		how, err := evaluate[string](b, `String(sessionStorage.getItem("e2e:navigation"))`)
		if err != nil || how != "reload" {
			t.Errorf("the page's last navigation was %q (%v), want the page's own reload", how, err)
		}
	})

	ok = ok && t.Run("a broken save shows its file and line over the last good page", func(t *testing.T) {
		b.waitListening(t, 0)
		saveFile(t, site, "content/posts/a.md", "---\ntitle: [broken\ndate: 2024-03-01\n---\n\n고장 난 글입니다.\n")
		b.waitJS(t, "the error overlay to name content/posts/a.md:2",
			`(() => {
				const o = document.getElementById("blog-error-overlay");
				return o !== null && o.innerText.includes("content/posts/a.md:2");
			})()`)

		status, body := srv.get(t, "posts/a/")
		if status != http.StatusOK || !strings.Contains(body, "제자리에서 바뀐 문장입니다.") {
			t.Errorf("while the build is broken, GET /posts/a/ = %d, want 200 with the last good text:\n%s", status, body)
		}

		saveFile(t, site, "content/posts/a.md", e2ePost("첫 글", "2024-03-01", "다시 고친 문장입니다."))
		b.waitJS(t, "the overlay to go and the fixed text to show",
			`document.getElementById("blog-error-overlay") === null &&
				document.body.innerText.includes("다시 고친 문장입니다.")`)
	})

	ok = ok && t.Run("a saved stylesheet applies without a reload", func(t *testing.T) {
		b.waitListening(t, 0)
		b.run(t, `window.__blogMarker = 42`)
		saveFile(t, site, "static/css/style.css", e2eStylesheet("rgb(1, 2, 3)"))
		b.waitJS(t, "the new background",
			`getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`)
		if marker, err := evaluate[int](b, `window.__blogMarker`); err != nil || marker != 42 {
			t.Errorf("window.__blogMarker = %d (%v) after the stylesheet swap, want 42: the page reloaded", marker, err)
		}
	})

	_ = ok && t.Run("a page the save does not change stays as it is", func(t *testing.T) {
		n := b.connections()
		b.open(t, srv, "tags/")
		b.waitText(t, "#e2e")
		b.waitListening(t, n)
		b.run(t, `window.__blogMarker = 42; window.__blogNavigated = false;
			navigation.addEventListener("navigate", () => { window.__blogNavigated = true; })`)

		seen := b.received()
		saveFile(t, site, "content/posts/a.md", e2ePost("첫 글", "2024-03-01", "네 번째 문장입니다."))
		ev := b.waitEvent(t, seen, "the tags page to hear that /posts/a/ changed", func(e liveEvent) bool {
			return e.Kind == "reload" && slices.Contains(e.Pages, "/posts/a/")
		})
		if slices.Contains(ev.Pages, "/tags/") {
			t.Fatalf("the event names /tags/ as changed, so this page cannot show a page left alone: %s", ev.raw)
		}
		// The page handles the event before it answers the next evaluation,
		// and a reload would fire "navigate" at once.
		type pageState struct {
			Marker    int  `json:"marker"`
			Navigated bool `json:"navigated"`
		}
		state, err := evaluate[pageState](b,
			`({marker: window.__blogMarker ?? 0, navigated: window.__blogNavigated ?? false})`)
		if err != nil || state.Marker != 42 || state.Navigated {
			t.Errorf("after an event for other pages the tags page has marker %d, navigated %v (%v); want 42 and no navigation",
				state.Marker, state.Navigated, err)
		}
		if _, body := srv.get(t, "posts/a/"); !strings.Contains(body, "네 번째 문장입니다.") {
			t.Errorf("GET /posts/a/ lacks the saved text:\n%s", body)
		}
	})
}

// TestServeNeverAnswersNotModifiedForARebuiltPage asks for a page again
// the way a reloading browser does, with If-Modified-Since of a moment
// after the page was fetched. Saves come faster than once a second, so a
// date says nothing about whether the page changed; the answer must be
// the rebuilt page, never 304 Not Modified.
func TestServeNeverAnswersNotModifiedForARebuiltPage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs blog serve")
	}
	site := writeE2ESite(t)
	srv := startServe(t, buildBlog(t), site)
	// Fetch at the start of a second, so that the save and the rebuild
	// most likely fall in the same second: a date cannot tell them apart.
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second)))
	if _, body := srv.get(t, "posts/a/"); !strings.Contains(body, "원래 문장입니다.") {
		t.Fatalf("GET /posts/a/ lacks the post's text:\n%s", body)
	}
	fetched := time.Now()

	saveFile(t, site, "content/posts/a.md", e2ePost("첫 글", "2024-03-01", "새로 고친 문장입니다."))
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(srv.output.String(), "content/posts/a.md: rebuilt") {
		if time.Now().After(deadline) {
			t.Fatalf("no rebuild within 15s of the save:\n%s", srv.output)
		}
		time.Sleep(20 * time.Millisecond)
	}

	req, err := http.NewRequest(http.MethodGet, srv.URL+"posts/a/", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("If-Modified-Since", fetched.UTC().Format(http.TimeFormat))
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "새로 고친 문장입니다.") {
		t.Errorf("revalidating the rebuilt /posts/a/ gave %s, want 200 with the new text:\n%s", resp.Status, body)
	}
}

// TestServeRefusesTakenPort checks that blog serve on a port in use stops
// with a message that says so and names another port to try.
func TestServeRefusesTakenPort(t *testing.T) {
	bin := buildBlog(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve", "-s", writeE2ESite(t), "--port", strconv.Itoa(port))
	var stdout, stderr lockedBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 || ctx.Err() != nil {
		t.Fatalf("blog serve on a taken port: %v, want a non-zero exit\nstdout: %s\nstderr: %s", err, &stdout, &stderr)
	}
	msg := stderr.String()
	if !strings.Contains(msg, "is taken") {
		t.Errorf("stderr does not say the port is taken:\n%s", msg)
	}
	m := regexp.MustCompile(`--port (\d+)`).FindStringSubmatch(msg)
	if m == nil || m[1] == strconv.Itoa(port) {
		t.Errorf("stderr does not suggest another port than %d:\n%s", port, msg)
	}
}
