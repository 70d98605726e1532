package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// docsSite is a doc section whose page has two tab groups of one groupId
// and a numbered code block with a marked line.
var docsBrowserSite = map[string]string{
	"blog.yaml": "title: 문서\n",
	"content/docs/guide/index.md": "---\ntitle: 가이드\n---\n\n" +
		"<Tabs groupId=\"os\">\n  <TabItem value=\"mac\" label=\"macOS\" default>\n\n    맥에서는 brew.\n\n  </TabItem>\n  <TabItem value=\"linux\" label=\"리눅스\">\n\n    리눅스에서는 apt.\n\n  </TabItem>\n</Tabs>\n\n" +
		"```go title=\"main.go\" showLineNumbers {2}\npackage main\n// highlight-next-line\nfunc main() {}\n```\n\n" +
		"<Tabs groupId=\"os\">\n  <TabItem value=\"mac\" label=\"macOS\">\n\n    맥 둘째.\n\n  </TabItem>\n  <TabItem value=\"linux\" label=\"리눅스\">\n\n    리눅스 둘째.\n\n  </TabItem>\n</Tabs>\n",
}

// visible lists the texts of the tab panels a reader sees.
const visiblePanels = `[...document.querySelectorAll(".tab-panel")].filter(p => p.offsetParent !== null).map(p => p.textContent.trim())`

// TestTabsWorkByKeyboardAndStayInStep moves between tabs with the arrow
// keys as in any radio group: the panel shown follows, the other group of
// the same groupId follows too, and the choice is there on the next visit.
func TestTabsWorkByKeyboardAndStayInStep(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	site := writeSite(t, docsBrowserSite)
	srv := startServe(t, buildBlog(t), site)
	b := startReaderBrowser(t, chrome)
	b.emulateViewport(t, desktop)
	b.openPage(t, srv, "docs/guide/")
	shown, err := evaluate[[]string](b, visiblePanels)
	if err != nil || len(shown) != 2 || shown[0] != "맥에서는 brew." {
		t.Fatalf("before: panels shown %q (%v), want the default tab of each group", shown, err)
	}
	if err := chromedp.Do(b.ctx, chromedp.Focus(chromedp.CSS(".tabs input"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b.ctx, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatal(err)
	}
	b.waitJS(t, "the second tab to show", visiblePanels+`.join("|") === "리눅스에서는 apt.|리눅스 둘째."`)
	b.openPage(t, srv, "docs/guide/")
	b.waitJS(t, "the choice to be remembered", visiblePanels+`.join("|") === "리눅스에서는 apt.|리눅스 둘째."`)
}

// TestCopyButtonCopiesTheCodeWithoutNumbers clicks a code block's copy
// button: what goes to the clipboard is the code, without its line numbers
// or the magic comment.
func TestCopyButtonCopiesTheCodeWithoutNumbers(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	site := writeSite(t, docsBrowserSite)
	srv := startServe(t, buildBlog(t), site)
	b := startReaderBrowser(t, chrome)
	b.emulateViewport(t, desktop)
	b.openPage(t, srv, "docs/guide/")
	// The headless browser has no clipboard of its own to read back.
	b.run(t, `window.__copied = null; navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); }`)
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(".code-block .code-copy"))); err != nil {
		t.Fatal(err)
	}
	b.waitJS(t, "the code to be copied", `window.__copied !== null`)
	copied, err := evaluate[string](b, `window.__copied`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "package main\nfunc main() {}\n"; strings.TrimRight(copied, "\n")+"\n" != want {
		t.Errorf("copied %q, want %q", copied, want)
	}
	label, _ := evaluate[string](b, `document.querySelector(".code-copy").textContent`)
	if label != "복사됨" {
		t.Errorf("the button says %q after copying, want 복사됨", label)
	}
}
