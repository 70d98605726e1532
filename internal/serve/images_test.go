package serve

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// widePNG is a w×h PNG with a little grain, so its copies are smaller
// than it.
func widePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	seed := uint32(7)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			g := uint8(seed >> 30)
			m.SetNRGBA(x, y, color.NRGBA{uint8(x*200/w) + g, uint8(y*200/h) + g, 120 + g, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSavedImageIsServedWithItsCopies: a post and a wide image saved
// into a new bundle are served as a build writes them: the page gives
// the image its size and a srcset, and every copy it names is served.
func TestSavedImageIsServedWithItsCopies(t *testing.T) {
	dir, d, _ := devSite(t)
	bundle := filepath.Join(dir, "content", "posts", "shots")
	if err := os.MkdirAll(bundle, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bundle, "wide.png"), widePNG(t, 1500, 600), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bundle, "index.md"), []byte("---\ntitle: 캡처\ndate: 2024-01-03\n---\n\n![넓은 캡처](wide.png)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The two saves may come as one batch or two: wait for the page.
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if code, _ := devGet(t, d, "/posts/shots/"); code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("/posts/shots/ is not served 60 s after its files were saved")
		}
	}
	_, page := devGet(t, d, "/posts/shots/")
	if !strings.Contains(page, `width="1500" height="600"`) {
		t.Fatalf("the page does not give the image its size:\n%s", page)
	}
	set := page[strings.Index(page, `srcset="`)+len(`srcset="`):]
	set = set[:strings.IndexByte(set, '"')]
	cands := strings.Split(set, ", ")
	if len(cands) < 3 {
		t.Errorf("srcset %q: want copies at 480, 720 and 1080 px at least", set)
	}
	for _, c := range cands {
		name, width, _ := strings.Cut(c, " ")
		res, body := get(t, d, http.MethodGet, "/posts/shots/"+name)
		if res.StatusCode != http.StatusOK || mediaType(t, res) != "image/png" {
			t.Errorf("%s: %d %s", name, res.StatusCode, res.Header.Get("Content-Type"))
			continue
		}
		if cfg, err := png.DecodeConfig(strings.NewReader(body)); err != nil || strconv.Itoa(cfg.Width)+"w" != width {
			t.Errorf("%s is %d px wide (%v), srcset says %s", name, cfg.Width, err, width)
		}
	}
}
