package diagram

// End-to-end tests: real diagrams drawn by Chromium with the theme's
// vendored Mermaid. They are skipped when no Chromium is installed, unless
// CI=true, and under -short. reader_test.go shows the drawings as a reader
// sees them.

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

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
