package markdown

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"blog/internal/cache"
)

// openStore opens a highlight store in dir.
func openStore(t *testing.T, dir string) *cache.Store {
	t.Helper()
	r, err := cache.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return cache.OpenStore(r, HighlightVersion())
}

// counting is a highlighter that counts its calls; "none" has no lexer.
type counting struct {
	mu    sync.Mutex
	calls int
}

func (c *counting) highlight(lang string, code []byte) ([]byte, bool) {
	c.mu.Lock()
	c.calls++
	c.mu.Unlock()
	if lang == "none" {
		return nil, false
	}
	return []byte("<pre>" + lang + ":" + string(code) + "</pre>"), true
}

func TestCodeIsHighlightedOnceAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	c := &counting{}
	for run := range 3 {
		st := openStore(t, dir)
		h := Cached(st, c.highlight)
		for range 2 {
			out, ok := h("go", []byte("x := 1"))
			if !ok || string(out) != "<pre>go:x := 1</pre>" {
				t.Fatalf("run %d: %q %v", run, out, ok)
			}
			if out, ok := h("none", []byte("?")); ok || out != nil {
				t.Fatalf("run %d: unknown language gave %q %v", run, out, ok)
			}
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if c.calls != 2 {
		t.Errorf("highlighter called %d times over 3 runs, want 2 (once per block)", c.calls)
	}
}

func TestLanguageIsPartOfTheKey(t *testing.T) {
	c := &counting{}
	st := openStore(t, t.TempDir())
	h := Cached(st, c.highlight)
	a, _ := h("go", []byte("x"))
	b, _ := h("yaml", []byte("x"))
	if string(a) == string(b) {
		t.Errorf("go and yaml share an entry: %q", a)
	}
}

func TestDamagedOrMissingCacheOnlyCostsWork(t *testing.T) {
	dir := t.TempDir()
	c := &counting{}
	st := openStore(t, dir)
	h := Cached(st, c.highlight)
	h("go", []byte("a"))
	h("go", []byte("b"))
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// Cut the data file short, as an interrupted write would.
	data := filepath.Join(dir, "data")
	info, _ := os.Stat(data)
	if err := os.Truncate(data, info.Size()-3); err != nil {
		t.Fatal(err)
	}
	st = openStore(t, dir)
	h = Cached(st, c.highlight)
	if out, ok := h("go", []byte("b")); !ok || string(out) != "<pre>go:b</pre>" {
		t.Errorf("after damage: %q %v", out, ok)
	}
	if out, _ := h("go", []byte("a")); string(out) != "<pre>go:a</pre>" {
		t.Errorf("intact entry: %q", out)
	}
	st.Close()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	st = openStore(t, dir)
	h = Cached(st, c.highlight)
	if out, _ := h("go", []byte("a")); string(out) != "<pre>go:a</pre>" {
		t.Errorf("after delete: %q", out)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentUse(t *testing.T) {
	c := &counting{}
	st := openStore(t, t.TempDir())
	h := Cached(st, c.highlight)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				h("go", []byte{byte('a' + (i+j)%5)})
				if j%10 == 0 {
					st.Flush()
				}
			}
		})
	}
	wg.Wait()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}
