package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// searchBrowser starts a browser, and builds this repository's blog with
// blog build and serves the output folder as plain files, the way GitHub
// Pages does: no live-reload script, no server logic. It skips with
// -short.
func searchBrowser(t *testing.T) (*browser, *blogServer) {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	srv := staticBuild(t, repoRoot)
	return startReaderBrowser(t, chrome), srv
}

// staticBuild builds a site folder and serves its output as plain files.
func staticBuild(t testing.TB, site string) *blogServer {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(buildBlog(t), "build", "-s", site, "-o", out, "--cacheDir", filepath.Join(t.TempDir(), "cache"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("blog build: %v\n%s", err, msg)
	}
	ts := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(ts.Close)
	return &blogServer{URL: ts.URL, done: make(chan struct{})}
}

// typeInto focuses an input, clears it and types text key by key, as a
// person does, so every keystroke fires its input event.
func (b *browser) typeInto(t testing.TB, selector, text string) {
	t.Helper()
	b.run(t, `(() => { const el = document.querySelector(`+jsString(selector)+`); el.focus(); el.value = ""; el.dispatchEvent(new Event("input")); })()`)
	if err := chromedp.Do(b.ctx, chromedp.SendKeys(chromedp.CSS(selector), text)); err != nil {
		t.Fatalf("typing %q into %s: %v", text, selector, err)
	}
}

// press presses a key as a keyboard does: one keydown that carries its
// text, so a handler that cancels the keydown also cancels the typing or
// the form submission. (chromedp.KeyEvent sends the text in a separate
// char event, which no keydown handler can cancel.)
func (b *browser) press(t testing.TB, key, code, text string, keyCode int64) {
	t.Helper()
	down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: text, UnmodifiedText: text,
		WindowsVirtualKeyCode: keyCode, NativeVirtualKeyCode: keyCode}
	up := down
	up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
	if err := chromedp.Do(b.ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, up)
		return err
	})); err != nil {
		t.Fatal(err)
	}
}

// openSearch opens a search page and waits for search.js.
func (b *browser) openSearch(t testing.TB, srv *blogServer, path string) {
	t.Helper()
	b.open(t, srv, path)
	b.waitJS(t, "search.js to load", `typeof window.blogSearch === "object"`)
}

// searchResult is a result as the page shows it.
type searchResult struct {
	Href    string `json:"href"`
	Title   string `json:"title"`
	Passage string `json:"passage"`
	Marks   int    `json:"marks"`
}

const readResults = `Array.from(document.querySelectorAll(%s + " .search-result")).map(li => {
	const a = li.querySelector("a");
	return {href: new URL(a.href).pathname, title: li.querySelector(".search-title").textContent,
		passage: li.querySelector(".search-passage").textContent, marks: li.querySelectorAll("mark").length};
})`

// results waits until the list shows the results of query and returns them.
func (b *browser) results(t testing.TB, list, query string) []searchResult {
	t.Helper()
	b.waitJS(t, "results for "+query, `document.querySelector(`+jsString(list)+`).dataset.query === `+jsString(query))
	rs, err := evaluate[[]searchResult](b, strings.Replace(readResults, "%s", jsString(list), 1))
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestSearchTokenizerInBrowserMatchesTheIndex runs search.js's tokenizer on
// the cases the Go tokenizer is tested on: a query must be cut as the
// index was.
func TestSearchTokenizerInBrowserMatchesTheIndex(t *testing.T) {
	b, srv := searchBrowser(t)
	b.openSearch(t, srv, "/search/")

	data, err := os.ReadFile(filepath.Join(repoRoot, "internal", "search", "testdata", "tokens.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Text   string   `json:"text"`
		Tokens []string `json:"tokens"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		got, err := evaluate[[]string](b, "blogSearch.tokenize("+jsString(c.Text)+")")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, c.Tokens) && !(len(got) == 0 && len(c.Tokens) == 0) {
			t.Errorf("search.js tokenize(%q)\n got %q\nwant %q (as Go)", c.Text, got, c.Tokens)
		}
	}
}

// TestSearchPageFindsKoreanWordsWithParticles types queries on the search
// pages of the built blog and checks the first result: Korean stems inside
// words with particles, title hits above body hits, case, code
// identifiers, the English index, the highlighted passage, ?q= in the
// address and the empty state.
func TestSearchPageFindsKoreanWordsWithParticles(t *testing.T) {
	b, srv := searchBrowser(t)
	b.emulateViewport(t, desktop)

	cases := []struct {
		page, query, first string
		min                int // at least this many results
	}{
		// The body says 컨테이너가 and 컨테이너를, never 컨테이너 alone.
		{"/search/", "컨테이너", "/posts/k8s-probes/", 1},
		{"/search/", "회의", "/posts/istio-weekly-meeting/", 1},
		// kube-rs has 기여 in its title; two other posts only in the body.
		{"/search/", "기여", "/posts/kube-rs-contributions/", 3},
		{"/search/", "에러", "/posts/go-error-wrapping/", 2},
		{"/search/", "ISTIO", "/posts/istio-weekly-meeting/", 1},
		{"/search/", "istio", "/posts/istio-weekly-meeting/", 1},
		{"/search/", "errors.Is", "/posts/go-error-wrapping/", 1},
		{"/search/", "kube-rs 기여", "/posts/kube-rs-contributions/", 1},
		{"/en/search/", "probes", "/en/posts/k8s-probes/", 1},
		{"/en/search/", "wrapping", "/en/posts/go-error-wrapping/", 1},
	}
	for _, c := range cases {
		b.openSearch(t, srv, c.page)
		b.typeInto(t, "#search-page-input", c.query)
		rs := b.results(t, "#search-page-results", c.query)
		if len(rs) < c.min {
			t.Errorf("%s %q: %d results, want at least %d: %+v", c.page, c.query, len(rs), c.min, rs)
			continue
		}
		if got := rs[0].Href; !strings.HasPrefix(got, c.first) {
			t.Errorf("%s %q: first result %s (%s), want %s; all: %+v", c.page, c.query, got, rs[0].Title, c.first, rs)
		}
		// The passage is filled from the post's page; wait for a mark in it.
		b.waitJS(t, "a highlighted passage for "+c.query,
			`(() => { const li = document.querySelector("#search-page-results .search-result"); return li !== null && li.querySelectorAll("mark").length > 0; })()`)
		q, err := evaluate[string](b, `new URL(location.href).searchParams.get("q")`)
		if err != nil || q != c.query {
			t.Errorf("%s %q: the address has q=%q (%v), want the query, so results can be linked", c.page, c.query, q, err)
		}
	}

	// A body-only hit shows the passage where the word is, marked.
	b.open(t, srv, "/search/?q="+"컨테이너")
	rs := b.results(t, "#search-page-results", "컨테이너")
	b.waitJS(t, "the passage of the body hit", `document.querySelector("#search-page-results .search-passage mark") !== null &&
		document.querySelector("#search-page-results .search-passage").textContent.includes("컨테이너")`)
	if len(rs) == 0 {
		t.Fatal("a link with ?q=컨테이너 shows no results")
	}
	dir := screenshotDir(t)
	b.screenshot(t, dir, "search-page-ko")

	// Nothing found says so.
	b.openSearch(t, srv, "/search/")
	b.typeInto(t, "#search-page-input", "존재하지않는단어")
	b.results(t, "#search-page-results", "존재하지않는단어")
	empty, err := evaluate[string](b, `(document.querySelector(".search-empty") || {}).textContent || ""`)
	if err != nil || !strings.Contains(empty, "존재하지않는단어") {
		t.Errorf("no results shows %q (%v), want a message naming the query", empty, err)
	}
}

// TestSearchBoxIsKeyboardAccessible uses the header's search box from a
// post page with the keyboard only: "/" focuses it, results appear as
// you type, arrows move through them, Enter opens the chosen one.
func TestSearchBoxIsKeyboardAccessible(t *testing.T) {
	b, srv := searchBrowser(t)
	b.emulateViewport(t, desktop)
	b.open(t, srv, "/posts/go-error-wrapping/")
	b.waitJS(t, "the page to load", `document.readyState === "complete"`)

	loaded, err := evaluate[bool](b, `performance.getEntriesByType("resource").some(e => e.name.includes("search"))`)
	if err != nil || loaded {
		t.Errorf("a post page fetched the search script or index before the box was used (%v)", err)
	}
	b.press(t, "/", "Slash", "/", 191)
	b.waitJS(t, `"/" to focus the search box`, `document.activeElement && document.activeElement.id === "search-input"`)
	if v, _ := evaluate[string](b, `document.getElementById("search-input").value`); v != "" {
		t.Errorf(`"/" typed %q into the search box, want it only to focus the box`, v)
	}
	if err := chromedp.Do(b.ctx, chromedp.KeyEvent("프로브")); err != nil {
		t.Fatal(err)
	}
	rs := b.results(t, "#search-results", "프로브")
	if len(rs) == 0 || rs[0].Href != "/posts/k8s-probes/" {
		t.Fatalf("the box shows %+v for 프로브, want the probes post first", rs)
	}
	expanded, _ := evaluate[string](b, `document.getElementById("search-input").getAttribute("aria-expanded")`)
	if expanded != "true" {
		t.Errorf("aria-expanded=%q with results shown, want true", expanded)
	}
	b.screenshot(t, screenshotDir(t), "search-box-ko")

	if err := chromedp.Do(b.ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	active, _ := evaluate[string](b, `(() => { const id = document.getElementById("search-input").getAttribute("aria-activedescendant");
		const el = id && document.getElementById(id); return el && el.getAttribute("role") === "option" && el.getAttribute("aria-selected") === "true" ? new URL(el.href).pathname : ""; })()`)
	if active != "/posts/k8s-probes/" {
		t.Fatalf("ArrowDown selects %q, want the first result", active)
	}
	b.press(t, "Enter", "Enter", "\r", 13)
	b.waitJS(t, "Enter to open the result", `location.pathname === "/posts/k8s-probes/" && document.readyState === "complete"`)

	// Escape closes the list.
	b.press(t, "/", "Slash", "/", 191)
	if err := chromedp.Do(b.ctx, chromedp.KeyEvent("probe")); err != nil {
		t.Fatal(err)
	}
	b.results(t, "#search-results", "probe")
	if err := chromedp.Do(b.ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	b.waitJS(t, "Escape to close the list", `document.getElementById("search-results").hidden`)
}
