package main

// Browser tests of the small things a reader sees in a post: inline code,
// footnotes, task lists, wide tables, admonitions and the archive, each
// checked in the page's computed layout and kept as a screenshot of the
// element, light and dark, on a desktop and a phone.

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// detail is one element of a page the test looks at.
type detail struct {
	name, page string
	// find is a JavaScript expression for the element.
	find string
	// check is a JavaScript function of the element that returns "" when
	// the element looks right, else what is wrong.
	check string
}

var details = []detail{
	{"inline-code-particle", "/posts/kube-rs-contributions/",
		`[...document.querySelectorAll(".post-content p")].find(p => [...p.querySelectorAll("code")].some(c => c.textContent === "HashMap"))`,
		`p => { const c = [...p.querySelectorAll("code")].find(c => c.textContent === "HashMap");
			const bg = getComputedStyle(c).backgroundColor, body = getComputedStyle(document.body).backgroundColor;
			return bg === body || bg === "rgba(0, 0, 0, 0)" ? "inline code has no background of its own: " + bg : ""; }`},
	{"inline-code-unbroken", "/posts/kube-rs-contributions/",
		`[...document.querySelectorAll(".post-content p")].find(p => [...p.querySelectorAll("code")].some(c => c.textContent.startsWith("#[allow")))`,
		`p => { const c = [...p.querySelectorAll("code")].find(c => c.textContent.startsWith("#[allow"));
			return c.getClientRects().length === 1 ? "" : c.textContent + " breaks over " + c.getClientRects().length + " lines"; }`},
	{"task-list", "/posts/shell-one-liners/",
		`document.querySelector(".post-content li > input[type=checkbox]").closest("ul")`,
		`ul => { const li = ul.querySelector("li"); const c = [...ul.querySelectorAll("code")].find(c => c.textContent === "set -euo pipefail");
			if (getComputedStyle(li).listStyleType !== "none") return "a task shows a bullet: " + getComputedStyle(li).listStyleType;
			if (c && c.getClientRects().length !== 1) return "set -euo pipefail breaks over " + c.getClientRects().length + " lines";
			return ""; }`},
	{"footnotes", "/posts/k8s-probes/",
		`document.querySelector(".post-content .footnotes")`,
		`f => { const hr = f.querySelector("hr"); const s = getComputedStyle(hr);
			const want = getComputedStyle(document.body).getPropertyValue("--border").trim();
			const probe = document.createElement("i"); probe.style.color = want; document.body.appendChild(probe);
			const border = getComputedStyle(probe).color; probe.remove();
			return s.borderTopColor === border && s.borderBottomStyle === "none" ? "" : "the footnote rule is " + s.borderTopColor + " " + s.borderTopStyle + "/" + s.borderBottomStyle + ", want " + border + " on top only"; }`},
	{"table", "/posts/kube-rs-contributions/",
		`document.querySelector(".post-content .table-scroll")`,
		`box => box.tabIndex === 0 && box.getAttribute("aria-label") && getComputedStyle(box).overflowX === "auto" &&
			document.documentElement.scrollWidth <= innerWidth ? "" : "the table's box does not scroll by itself, by keyboard, with a name"`},
	{"admonition", "/posts/k8s-probes/", `document.querySelector(".post-content .admonition")`, `a => ""`},
	{"archive", "/en/archive/", `document.querySelector(".archive-year")`,
		`s => { const y = s.querySelector("h2").textContent.trim();
			return [...s.querySelectorAll("time")].some(t => t.textContent.includes(y)) ? "a date repeats the year " + y : ""; }`},
	{"toc", "/en/posts/kube-rs-contributions/", `document.querySelector("nav.toc")`,
		`n => { const st = getComputedStyle(n); const wide = innerWidth >= 72 * 16;
			if (wide && st.position !== "sticky") return "the table of contents is not sticky beside the post: " + st.position;
			if (wide && n.getBoundingClientRect().left < document.querySelector(".post-content").getBoundingClientRect().right) return "the table of contents is not beside the post";
			if (getComputedStyle(n.querySelector("li")).listStyleType !== "none") return "the table of contents shows markers";
			return ""; }`},
}

// TestPostDetailsLookRight opens the pages with each detail, light and
// dark, on a desktop and a phone, checks it and keeps a screenshot of it.
func TestPostDetailsLookRight(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	srv := staticBuild(t, repoRoot)
	dir := screenshotDir(t)
	for _, vp := range []viewport{desktop, phone} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(vp.name+"-"+scheme, func(t *testing.T) {
				b := startReaderBrowser(t, chrome)
				b.emulateViewport(t, vp)
				b.emulateScheme(t, scheme)
				for _, d := range details {
					b.openPage(t, srv, d.page)
					found, err := evaluate[bool](b, `(() => { const el = `+d.find+`; if (!el) return false; el.dataset.detailShot = ""; return true; })()`)
					if err != nil || !found {
						t.Errorf("%s: no element on %s (%v)", d.name, d.page, err)
						continue
					}
					msg, err := evaluate[string](b, `(`+d.check+`)(document.querySelector("[data-detail-shot]"))`)
					if err != nil {
						t.Fatalf("%s: %v", d.name, err)
					}
					if msg != "" {
						t.Errorf("%s on %s (%s %s): %s", d.name, d.page, vp.name, scheme, msg)
					}
					png, err := chromedp.Run(b.ctx, chromedp.Screenshot(chromedp.CSS("[data-detail-shot]")))
					if err != nil {
						t.Fatalf("%s: screenshot: %v", d.name, err)
					}
					if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("detail-%s-%s-%s.png", d.name, vp.name, scheme)), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
}
