package diagram

import (
	"slices"
	"strings"
	"testing"
)

// svgOf wraps body in a root <svg> with the id r and a viewBox.
func svgOf(body string) string {
	return `<svg id="r" xmlns="http://www.w3.org/2000/svg" width="100%" style="max-width: 120.5px;" viewBox="0 0 120.5 40.2">` + body + `</svg>`
}

func mustClean(t *testing.T, src string) *cleaned {
	t.Helper()
	c, err := clean(src, "r")
	if err != nil {
		t.Fatalf("clean: %v", err)
	}
	return c
}

func TestCleanDropsScriptsAndEverythingInThem(t *testing.T) {
	c := mustClean(t, svgOf(`<g><script>alert(1)</script><text>A</text></g><script><![CDATA[alert(2)]]></script><animate attributeName="href" to="javascript:alert(3)"/><set attributeName="onclick"/>`))
	got := string(c.svg)
	if strings.Contains(got, "script") || strings.Contains(got, "alert") || strings.Contains(got, "animate") || strings.Contains(got, "<set") {
		t.Errorf("cleaned = %s", got)
	}
	if !strings.Contains(got, "<text>A</text>") {
		t.Errorf("the label went with the script: %s", got)
	}
	for _, d := range []string{"element <script>", "element <animate>", "element <set>"} {
		if !slices.Contains(c.dropped, d) {
			t.Errorf("dropped = %q, want %q noted", c.dropped, d)
		}
	}
}

func TestCleanDropsEventHandlersAndScriptLinks(t *testing.T) {
	c := mustClean(t, svgOf(`<g onclick="alert(1)" ONMOUSEOVER="alert(2)" class="node"><a href="javascript:alert(3)"><text>A</text></a>`+
		`<a xlink:href=" java&#9;script:alert(4)"><text>B</text></a><a href="https://example.org/x"><text>C</text></a>`+
		`<use href="https://evil.example/x.svg#a"/><use href="#r-m"/><image href="https://tracker.example/p.png"/>`+
		`<rect style="fill: url(https://tracker.example/a)" data-x="javascript:1"/></g>`))
	got := string(c.svg)
	for _, bad := range []string{"onclick", "ONMOUSEOVER", "javascript", "script:", "evil.example", "tracker.example"} {
		if strings.Contains(got, bad) {
			t.Errorf("cleaned holds %q: %s", bad, got)
		}
	}
	for _, keep := range []string{`<a href="https://example.org/x">`, `<use href="#r-m"/>`, `<g class="node">`} {
		if !strings.Contains(got, keep) {
			t.Errorf("cleaned lacks %s: %s", keep, got)
		}
	}
}

func TestCleanDropsStyleThatLoadsOrRuns(t *testing.T) {
	for _, css := range []string{
		`@import "https://evil.example/x.css";`,
		`#r .a { background: url(https://evil.example/p.png) }`,
		`#r .a { background: url( 'https://evil.example/p.png') }`,
		`#r .a { background: u\72l(https://evil.example/p.png) }`,
		`#r .a { width: expression(alert(1)) }`,
		`#r .a { background-image: image-set("https://evil.example/p.png" 1x) }`,
		`#r .a { behavior: url(#x) }`,
	} {
		c := mustClean(t, svgOf(`<style>`+css+`</style><text>A</text>`))
		if strings.Contains(string(c.svg), "<style") {
			t.Errorf("style %q kept: %s", css, c.svg)
		}
	}
	c := mustClean(t, svgOf(`<style>#r .edge { marker-end: url(#r_arrow); } #r .a > b { fill: #fff; }</style>`))
	if !strings.Contains(string(c.svg), `<style>#r .edge { marker-end: url(#r_arrow); } #r .a &gt; b { fill: #fff; }</style>`) {
		t.Errorf("a safe style sheet was changed: %s", c.svg)
	}
}

func TestCleanKeepsHTMLLabelsButOnlyHTMLsTextElements(t *testing.T) {
	c := mustClean(t, svgOf(`<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><span class="nodeLabel"><p>가<br/>나</p></span><iframe src="https://evil.example"></iframe><span></span></div></foreignObject>`))
	got := string(c.svg)
	want := `<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><span class="nodeLabel"><p>가<br/>나</p></span><span></span></div></foreignObject>`
	if !strings.Contains(got, want) {
		t.Errorf("cleaned = %s\nwant it to hold %s (an empty <span> written with its end tag, as HTML needs)", got, want)
	}
}

func TestCleanRenamesIDsUnderTheRootAndFollowsReferences(t *testing.T) {
	c := mustClean(t, svgOf(`<defs><marker id="r-arrowhead"/><marker id="r_kept"/></defs>`+
		`<path id="L_A_B_0" marker-end="url(#r-arrowhead)" style="marker-start: url(#r_kept)"/><g id="L_A_B_0"/><g id="L_A_B_0"/>`+
		`<use href="#r-arrowhead"/><g aria-labelledby="title-1 r" aria-describedby="nothing-here"/><title id="title-1">T</title><line id="actor11"/>`+
		`<style>#r .x { marker-end: url(#r-arrowhead) } #r #actor11, #r [id$="-arrowhead"] path { fill: #fff } #r .fff { color: #333 }</style>`))
	got := string(c.svg)
	for _, want := range []string{
		`<marker id="r-0-arrowhead"/>`, `<marker id="r-1-kept"/>`,
		`<path id="r-2-L_A_B_" marker-end="url(#r-0-arrowhead)" style="marker-start: url(#r-1-kept)"/>`,
		`<g id="r-2-L_A_B_-2"/><g id="r-2-L_A_B_-3"/>`,
		`<use href="#r-0-arrowhead"/>`, `aria-labelledby="r-3-title- r"`, `aria-describedby="nothing-here"`,
		`<title id="r-3-title-">T</title>`, `<line id="r-4-actor"/>`,
		`<style>#r .x { marker-end: url(#r-0-arrowhead) } #r #r-4-actor, #r [id$="-arrowhead"] path { fill: #fff } #r .fff { color: #333 }</style>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("cleaned lacks %s:\n%s", want, got)
		}
	}
}

func TestCleanGivesIDsThatDoNotDependOnMermaidsCounters(t *testing.T) {
	a := mustClean(t, svgOf(`<line id="actor3"/><line id="actor4"/><g id="classId-글-0"/>`))
	b := mustClean(t, svgOf(`<line id="actor11"/><line id="actor12"/><g id="classId-글-4"/>`))
	if string(a.svg) != string(b.svg) {
		t.Errorf("two drawings that differ only in Mermaid's counters:\n%s\n%s", a.svg, b.svg)
	}
}

func TestCleanDropsAttributesSVGDoesNotHave(t *testing.T) {
	c := mustClean(t, svgOf(`<rect name="A" x="1"/><circle r="2" width="4" height="4" overflow="visible"/><path d="M0 0" viewBox="0 0 1 1"/><tspan font-weight="" class="">x</tspan><marker viewBox="0 0 10 10"/>`))
	want := `<rect x="1"/><circle r="2"/><path d="M0 0"/><tspan class="">x</tspan><marker viewBox="0 0 10 10"/>`
	if !strings.Contains(string(c.svg), want) {
		t.Errorf("cleaned = %s\nwant it to hold %s", c.svg, want)
	}
	if len(c.dropped) != 0 {
		t.Errorf("dropped = %q; invalid attributes are not unsafe ones", c.dropped)
	}
}

func TestCleanGivesTheRootItsNaturalSize(t *testing.T) {
	c := mustClean(t, svgOf(`<text>A</text>`))
	if c.width != 121 || c.height != 41 {
		t.Errorf("size = %dx%d, want 121x41 (the viewBox rounded up)", c.width, c.height)
	}
	want := `<svg id="r" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120.5 40.2" width="121" height="41"><text>A</text></svg>`
	if string(c.svg) != want {
		t.Errorf("cleaned = %s\nwant %s", c.svg, want)
	}
}

func TestCleanRefusesWhatIsNotTheDrawing(t *testing.T) {
	for name, src := range map[string]string{
		"not svg":      `<div id="r"></div>`,
		"another id":   `<svg id="other" viewBox="0 0 1 1"></svg>`,
		"no viewBox":   `<svg id="r"></svg>`,
		"empty size":   `<svg id="r" viewBox="0 0 0 10"></svg>`,
		"cut short":    `<svg id="r" viewBox="0 0 1 1"><g>`,
		"not XML":      `<svg id="r" viewBox="0 0 1 1"><g></svg>`,
		"prefixed svg": `<x:svg xmlns:x="http://www.w3.org/2000/svg" id="r" viewBox="0 0 1 1"></x:svg>`,
	} {
		if _, err := clean(src, "r"); err == nil {
			t.Errorf("%s: clean(%q) gave no error", name, src)
		}
	}
}

func TestCleanEscapesTextAndAttributes(t *testing.T) {
	c := mustClean(t, svgOf(`<text class="a&amp;b" data-q="&quot;x&quot;">1 &lt; 2 &amp; 3 &gt; 2 — "따옴표"</text>`))
	want := `<text class="a&amp;b" data-q="&quot;x&quot;">1 &lt; 2 &amp; 3 &gt; 2 — "따옴표"</text>`
	if !strings.Contains(string(c.svg), want) {
		t.Errorf("cleaned = %s\nwant it to hold %s", c.svg, want)
	}
}

func TestUnsafeCSSAllowsFragmentsOnly(t *testing.T) {
	for css, unsafe := range map[string]bool{
		`fill: url(#r-g)`:              false,
		`fill: url("#r-g")`:            false,
		`fill: URL(#a) ; stroke: #fff`: false,
		`fill: url(data:image/png,x)`:  true,
		`fill: url(#a); x: url(/b)`:    true,
		`x: u/**/rl(https://e.x)`:      true,
		`@IMPORT 'x.css'`:              true,
	} {
		if got := unsafeCSS(css); got != unsafe {
			t.Errorf("unsafeCSS(%q) = %v, want %v", css, got, unsafe)
		}
	}
}
