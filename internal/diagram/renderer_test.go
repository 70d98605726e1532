package diagram

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"blog/internal/cache"
)

// noBrowser makes PATH hold no browser for the test.
func noBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if p := FindBrowser(); p != "" {
		t.Fatalf("FindBrowser() = %q with an empty PATH", p)
	}
}

func TestWithoutABrowserEveryDiagramIsLeftToTheReader(t *testing.T) {
	noBrowser(t)
	script := []byte("/* mermaid */")
	store := cache.OpenStore(nil, Version(script))
	r := New(Options{Script: script, Store: store})
	defer r.Close()

	// Even a diagram the cache holds is not used: the output must not
	// depend on what the cache holds.
	source := []byte("graph TD\n  A --> B\n")
	for _, v := range variants {
		store.Put(r.keys(source)[v], encodeSVG(SVG{Markup: []byte("<svg/>"), Width: 1, Height: 1}))
	}
	if _, err := r.Draw(source); !errors.Is(err, ErrNoBrowser) {
		t.Errorf("Draw = %v, want ErrNoBrowser", err)
	}
	if w := r.Warning(); !strings.HasPrefix(w, "warning: ") || strings.Contains(w, "\n") || !strings.Contains(w, "mermaid.min.js") {
		t.Errorf("Warning() = %q, want one line that says the script draws them", w)
	}

	reported := 0
	hook := r.Markdown(func([]byte, error) { reported++ })
	if out, ok := hook(source); ok || out != nil {
		t.Errorf("hook = %q, %v; want ok=false", out, ok)
	}
	if reported != 0 {
		t.Error("the missing browser was reported per diagram; Warning says it once")
	}
	if st := r.Stats(); st.Failed != 2 || st.Drawn != 0 || st.Cached != 0 {
		t.Errorf("Stats = %+v", st)
	}
}

func TestABrowserThatCannotStartIsNoBrowser(t *testing.T) {
	r := New(Options{Script: []byte("x"), Browser: filepath.Join(t.TempDir(), "no-such-chromium")})
	defer r.Close()
	_, err := r.Draw([]byte("graph TD\n  A --> B\n"))
	if !errors.Is(err, ErrNoBrowser) {
		t.Fatalf("Draw = %v, want an error that is ErrNoBrowser", err)
	}
	if w := r.Warning(); !strings.Contains(w, "no-such-chromium") {
		t.Errorf("Warning() = %q, want it to name the browser that failed", w)
	}
}

func TestCacheKeysNameEverythingADrawingIsMadeOf(t *testing.T) {
	a := New(Options{Script: []byte("mermaid 1"), Browser: "/none"})
	b := New(Options{Script: []byte("mermaid 2"), Browser: "/none"})
	src := []byte("graph TD\n  A --> B\n")
	ka, kb := a.keys(src), b.keys(src)
	if ka[Light] == ka[Dark] {
		t.Error("light and dark share a key")
	}
	if ka[Light] == kb[Light] {
		t.Error("two Mermaid scripts share a key")
	}
	if ka[Light] == a.keys([]byte("graph TD\n  A --> C\n"))[Light] {
		t.Error("two sources share a key")
	}
	if ka[Light] != New(Options{Script: []byte("mermaid 1"), Browser: "/none"}).keys(src)[Light] {
		t.Error("the same input gives two keys")
	}
	if Version([]byte("mermaid 1")) == Version([]byte("mermaid 2")) {
		t.Error("Version does not change with the script")
	}
}

func TestCacheEntriesRoundTripAndDamagedOnesAreMisses(t *testing.T) {
	s := SVG{Markup: []byte(`<svg id="x"/>`), Width: 640, Height: 480}
	got, err, ok := decodeEntry(encodeSVG(s))
	if !ok || err != nil || got.Width != 640 || got.Height != 480 || !bytes.Equal(got.Markup, s.Markup) {
		t.Errorf("decodeEntry(encodeSVG) = %+v, %v, %v", got, err, ok)
	}
	_, err, ok = decodeEntry(encodeError(&SyntaxError{Message: "Parse error on line 2:\n...\nExpecting 'X'"}))
	var se *SyntaxError
	if !ok || !errors.As(err, &se) || err.Error() != "mermaid: Parse error on line 2: Expecting 'X'" {
		t.Errorf("decodeEntry(encodeError) = %v, %v", err, ok)
	}
	for _, bad := range [][]byte{nil, {'s'}, {'s', 0, 0}, {'x', 1, 1}, {'s', 0x80}} {
		if _, _, ok := decodeEntry(bad); ok {
			t.Errorf("decodeEntry(%q) ok", bad)
		}
	}
}

func TestRootIDDependsOnTheSourceOnly(t *testing.T) {
	a, b := rootID([]byte("graph TD; A-->B")), rootID([]byte("graph TD; A-->C"))
	if a == b || a != rootID([]byte("graph TD; A-->B")) || !strings.HasPrefix(a, "dg-") {
		t.Errorf("rootID = %q, %q", a, b)
	}
}
