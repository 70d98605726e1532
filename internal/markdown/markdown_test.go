package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden .html files from the current output")

// TestGolden renders every testdata/*.md (Korean and English versions of
// each case side by side) and compares with the .html beside it.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	r := New(Options{RawHTML: true})
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := r.Render(src, lang(f))
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, res.HTML, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/markdown -update to create it)", err)
			}
			if !bytes.Equal(res.HTML, want) {
				t.Errorf("output differs from %s\n--- got\n%s\n--- want\n%s", golden, res.HTML, want)
			}
		})
	}
}

// lang is the language of a golden case from its name: x.en.md is English.
func lang(file string) string {
	if strings.HasSuffix(file, ".en.md") {
		return "en"
	}
	return "ko"
}

func render(t *testing.T, opts Options, src string) *Result {
	t.Helper()
	res, err := New(opts).Render([]byte(src), "ko")
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSoftBreakBetweenHangulWordsIsKept(t *testing.T) {
	res := render(t, Options{}, "서울은\n좋다\n")
	if got := string(res.HTML); got != "<p>서울은\n좋다</p>\n" {
		t.Errorf("HTML = %q, want the line break kept between the words", got)
	}
	if res.Text != "서울은 좋다" {
		t.Errorf("Text = %q, want a space for the soft break", res.Text)
	}
}

func TestHeadingIDsKeepHangulAndAreUnique(t *testing.T) {
	res := render(t, Options{}, "## 3. 새로운 기능\n\n## 예시\n\n## 예시\n\n## Hello, World!\n\n## 예시-1\n")
	var ids []string
	for _, h := range res.Headings {
		ids = append(ids, h.ID)
	}
	want := []string{"3-새로운-기능", "예시", "예시-1", "hello-world", "예시-1-1"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("ids = %q, want %q", ids, want)
	}
	if !strings.Contains(string(res.HTML), `<h2 id="3-새로운-기능">3. 새로운 기능<a class="heading-anchor" href="#3-%EC%83%88%EB%A1%9C%EC%9A%B4-%EA%B8%B0%EB%8A%A5"`) {
		t.Errorf("heading not rendered with its Hangul id:\n%s", res.HTML)
	}
}

func TestSlugifyNormalizesNFDToNFC(t *testing.T) {
	nfd := "\u1109\u1173\u11af" // 슬 as conjoining jamo, as macOS may write it
	if got := slugify([]byte(nfd)); got != "슬" {
		t.Errorf("slugify(NFD) = %q, want NFC %q", got, "슬")
	}
}

func TestUnknownCodeLanguageIsPlainEscapedCode(t *testing.T) {
	res := render(t, Options{}, "```nolang-xyz\n<a> & b\n```\n")
	want := `<pre class="plain"><code class="language-nolang-xyz">&lt;a&gt; &amp; b` + "\n</code></pre>"
	if !strings.Contains(string(res.HTML), want) {
		t.Errorf("HTML = %q, want it to hold %q", res.HTML, want)
	}
}

func TestKnownCodeLanguageIsHighlightedWithClasses(t *testing.T) {
	res := render(t, Options{}, "```go\nfunc main() {}\n```\n")
	html := string(res.HTML)
	if !strings.Contains(html, `<pre class="chroma">`) || !strings.Contains(html, `<span class="kd">func</span>`) {
		t.Errorf("Go code not highlighted with classes:\n%s", html)
	}
	if strings.Contains(html, "style=") {
		t.Errorf("highlighting wrote inline styles:\n%s", html)
	}
}

func TestHighlightFuncIsTheOnlyWayCodeIsHighlighted(t *testing.T) {
	var mu sync.Mutex
	var calls []string
	hl := func(lang string, code []byte) ([]byte, bool) {
		mu.Lock()
		calls = append(calls, lang+":"+string(code))
		mu.Unlock()
		return []byte("<pre>HL</pre>"), true
	}
	res := render(t, Options{Highlight: hl}, "```go\nx := 1\n```\n\n```yaml\na: b\n```\n")
	if strings.Join(calls, "|") != "go:x := 1\n|yaml:a: b\n" {
		t.Errorf("calls = %q", calls)
	}
	if strings.Count(string(res.HTML), "<pre>HL</pre>") != 2 {
		t.Errorf("HTML does not use the highlighter's output:\n%s", res.HTML)
	}
}

func TestRawHTMLIsASwitch(t *testing.T) {
	src := "<details><summary>더 보기</summary>\n\n본문\n\n</details>\n"
	on := render(t, Options{RawHTML: true}, src)
	if !strings.Contains(string(on.HTML), "<details><summary>더 보기</summary>") {
		t.Errorf("raw HTML dropped with RawHTML on:\n%s", on.HTML)
	}
	off := render(t, Options{RawHTML: false}, src)
	if strings.Contains(string(off.HTML), "<details>") {
		t.Errorf("raw HTML passed with RawHTML off:\n%s", off.HTML)
	}
}

func TestMermaidBlockIsKeptAsSourceAndReported(t *testing.T) {
	res := render(t, Options{}, "```mermaid\ngraph TD; A-->B\n```\n")
	if !res.HasMermaid {
		t.Error("HasMermaid = false")
	}
	if string(res.HTML) != "<pre class=\"mermaid\">graph TD; A--&gt;B\n</pre>\n" {
		t.Errorf("HTML = %q", res.HTML)
	}
}

func TestMermaidBlockDrawnByDiagramNeedsNoScript(t *testing.T) {
	var got []string
	draw := func(source []byte) ([]byte, bool) {
		got = append(got, string(source))
		if strings.Contains(string(source), "broken") {
			return nil, false
		}
		return []byte(`<figure class="diagram">` + strings.TrimSpace(string(source)) + `</figure>`), true
	}
	res := render(t, Options{Diagram: draw}, "```mermaid\ngraph TD; 가-->나\n```\n\n문단\n")
	if want := "<figure class=\"diagram\">graph TD; 가-->나</figure>\n<p>문단</p>\n"; string(res.HTML) != want {
		t.Errorf("HTML = %q, want %q", res.HTML, want)
	}
	if res.HasMermaid {
		t.Error("HasMermaid = true for a drawn diagram; the page would load the script for nothing")
	}
	if len(got) != 1 || got[0] != "graph TD; 가-->나\n" {
		t.Errorf("Diagram was given %q, want the block's source", got)
	}

	// A diagram Diagram declines stays for the reader's browser.
	res = render(t, Options{Diagram: draw}, "```mermaid\ngraph TD; A-->B\n```\n\n```mermaid\nbroken\n```\n")
	if !strings.Contains(string(res.HTML), "<pre class=\"mermaid\">broken\n</pre>") || !strings.Contains(string(res.HTML), "<figure") {
		t.Errorf("HTML = %q, want one figure and one <pre class=\"mermaid\">", res.HTML)
	}
	if !res.HasMermaid {
		t.Error("HasMermaid = false with a diagram left for the browser")
	}
}

func TestSummaryEndsAtEachMarkerForm(t *testing.T) {
	for _, marker := range []string{"<!-- truncate -->", "<!--more-->", "{/* truncate */}"} {
		res := render(t, Options{RawHTML: true}, "첫 문단.\n\n둘째 문단.\n\n"+marker+"\n\n본문.\n")
		if !res.HasMarker {
			t.Errorf("%s: marker not found", marker)
		}
		if string(res.Summary) != "<p>첫 문단.</p>\n<p>둘째 문단.</p>" {
			t.Errorf("%s: Summary = %q", marker, res.Summary)
		}
		if strings.Contains(string(res.HTML), "{/*") {
			t.Errorf("%s: MDX marker shown in HTML:\n%s", marker, res.HTML)
		}
	}
}

func TestSummaryWithoutMarkerIsFirstParagraph(t *testing.T) {
	res := render(t, Options{}, "## 제목\n\n첫 문단이다.\n\n둘째.\n")
	if res.HasMarker || string(res.Summary) != "<p>첫 문단이다.</p>" {
		t.Errorf("HasMarker=%v Summary=%q", res.HasMarker, res.Summary)
	}
}

func TestTextHasProseHeadingsAndCode(t *testing.T) {
	res := render(t, Options{}, "## 제목\n\n서울은 **좋다**.\n\n```go\nerrors.Is(err)\n```\n")
	want := "제목\n서울은 좋다.\nerrors.Is(err)"
	if res.Text != want {
		t.Errorf("Text = %q, want %q", res.Text, want)
	}
}

func TestStyleSheetHasLightAndDarkRules(t *testing.T) {
	css, err := StyleSheet()
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	for _, want := range []string{".chroma .kd", "@media (prefers-color-scheme: dark)", `:root:not([data-theme="light"]) .chroma .kd`, `:root[data-theme="dark"] .chroma .kd`,
		`:root[data-theme="dark"] .chroma span { color: inherit`} {
		if !strings.Contains(s, want) {
			t.Errorf("stylesheet lacks %q", want)
		}
	}
}

func BenchmarkRenderKoreanPost(b *testing.B) {
	src, err := os.ReadFile("../../content/posts/kube-rs-contributions/index.ko.md")
	if err != nil {
		b.Skip(err)
	}
	r := New(Options{RawHTML: true})
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := r.Render(src, "ko"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAdmonitionsNestWithTheSameNumberOfColons(t *testing.T) {
	res := render(t, Options{}, ":::tip\n바깥\n\n:::note[안]\n안쪽\n:::\n\n바깥 끝\n:::\n\n밖의 문단\n")
	want := "<div class=\"admonition admonition-tip\" role=\"note\" aria-label=\"팁\">\n<p class=\"admonition-title\">팁</p>\n<p>바깥</p>\n" +
		"<div class=\"admonition admonition-note\" role=\"note\" aria-label=\"안\">\n<p class=\"admonition-title\">안</p>\n<p>안쪽</p>\n</div>\n" +
		"<p>바깥 끝</p>\n</div>\n<p>밖의 문단</p>\n"
	if string(res.HTML) != want {
		t.Errorf("HTML =\n%s\nwant\n%s", res.HTML, want)
	}
}

func TestAdmonitionDefaultTitleFollowsTheLanguage(t *testing.T) {
	res, err := New(Options{}).Render([]byte(":::warning\nx\n:::\n"), "en")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.HTML), `<p class="admonition-title">Warning</p>`) {
		t.Errorf("HTML = %s", res.HTML)
	}
}

func TestCodeMetaIsRead(t *testing.T) {
	for info, want := range map[string]codeMeta{
		`title="cmd/main.go" {2,4-5} showLineNumbers`: {title: "cmd/main.go", marked: map[int]bool{2: true, 4: true, 5: true}, numbered: true, firstLine: 1},
		`{1} title='a {b}.go'`:                        {title: "a {b}.go", marked: map[int]bool{1: true}, firstLine: 1},
		`showLineNumbers=7`:                           {marked: map[int]bool{}, numbered: true, firstLine: 7},
		`title=x.go {3-1} {bad}`:                      {title: "x.go", marked: map[int]bool{}, firstLine: 1},
		``:                                            {marked: map[int]bool{}, firstLine: 1},
	} {
		got := parseMeta(info)
		if got.title != want.title || got.numbered != want.numbered || got.firstLine != want.firstLine ||
			!slices.Equal(markedLines(got.marked), markedLines(want.marked)) {
			t.Errorf("parseMeta(%q) = %+v, want %+v", info, got, want)
		}
	}
}

func TestMagicCommentsMarkLinesAndVanish(t *testing.T) {
	src := "a\n// highlight-next-line\nb\n#highlight-start\nc\nd\n  <!-- highlight-end -->\ne\n/* highlight-next-line */\nf\n"
	marked := map[int]bool{}
	got := takeMagicComments([]byte(src), marked)
	if string(got) != "a\nb\nc\nd\ne\nf\n" {
		t.Errorf("code = %q", got)
	}
	if want := []int{2, 3, 4, 6}; !slices.Equal(markedLines(marked), want) {
		t.Errorf("marked %v, want %v", markedLines(marked), want)
	}
	// A comment that only mentions a directive is code.
	marked = map[int]bool{}
	kept := "// see highlight-next-line in the docs\n"
	if got := takeMagicComments([]byte(kept), marked); string(got) != kept || len(marked) != 0 {
		t.Errorf("a comment about the directive was taken: %q %v", got, marked)
	}
}

// Every tab's text is in the page, and in the plain text search reads.
func TestTabsKeepEveryPanelsText(t *testing.T) {
	src := "<Tabs>\n  <TabItem value=\"a\" label=\"가\" default>\n    첫째 탭의 글\n  </TabItem>\n  <TabItem value=\"b\" label=\"나\">\n    둘째 탭의 글\n  </TabItem>\n</Tabs>\n\n뒤.\n"
	res := render(t, Options{}, src)
	for _, want := range []string{"첫째 탭의 글", "둘째 탭의 글"} {
		if !strings.Contains(string(res.HTML), "<p>"+want+"</p>") || !strings.Contains(res.Text, want) {
			t.Errorf("%q is not a paragraph of the page and of its text:\n%s\n%s", want, res.HTML, res.Text)
		}
	}
	if strings.Contains(string(res.HTML), "&lt;Tabs") || strings.Contains(string(res.HTML), "<Tabs") || strings.Contains(string(res.HTML), "<pre") {
		t.Errorf("the tags or the indentation leaked:\n%s", res.HTML)
	}
	if !strings.HasSuffix(strings.TrimSpace(string(res.HTML)), "</div>\n<p>뒤.</p>") {
		t.Errorf("the text after the tabs is inside them:\n%s", res.HTML)
	}
}

func TestDocLinksFollowThePagesAddress(t *testing.T) {
	for _, c := range []struct {
		dest string
		mode LinkMode
		want string
	}{
		{"./setup.md#설치", LinksOfIndex, "./setup/#%EC%84%A4%EC%B9%98"},
		{"./setup.md", LinksOfNested, "../setup/"},
		{"../y/z.md", LinksOfNested, "../../y/z/"},
		{"patterns/index.md", LinksOfIndex, "patterns/"},
		{"index.md", LinksOfNested, "../"},
		{"img/a.png", LinksOfNested, "../img/a.png"},
		{"img/a.png", LinksOfIndex, "img/a.png"},
		{"https://x.example/a.md", LinksOfNested, "https://x.example/a.md"},
		{"/docs/a/", LinksOfNested, "/docs/a/"},
		{"#here", LinksOfNested, "#here"},
		{"mailto:me@example.org", LinksOfNested, "mailto:me@example.org"},
		{"./x.md", LinksAsWritten, "./x.md"},
	} {
		if got := rewriteLink(c.dest, c.mode); got != c.want {
			t.Errorf("rewriteLink(%q, %d) = %q, want %q", c.dest, c.mode, got, c.want)
		}
	}
	r := New(Options{})
	res, err := r.RenderDoc([]byte("[설치](./setup.md) ![그림](img/a.png)\n"), "ko", LinksOfNested)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.HTML), `href="../setup/"`) || !strings.Contains(string(res.HTML), `src="../img/a.png"`) {
		t.Errorf("links not rewritten: %s", res.HTML)
	}
	res, _ = r.Render([]byte("[x](./x.md)\n"), "ko")
	if !strings.Contains(string(res.HTML), `href="./x.md"`) {
		t.Errorf("a post's link was rewritten: %s", res.HTML)
	}
}
