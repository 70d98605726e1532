package images

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"blog/internal/cache"
)

func openStore(t *testing.T, dir string) *cache.Store {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return cache.OpenStore(root, Version())
}

func TestResizerMakesACopyOnceEver(t *testing.T) {
	dir := t.TempDir()
	data := encodeJPEG(t, picture(1600, 900, false))
	want, err := Resize(data, 720)
	if err != nil {
		t.Fatal(err)
	}

	st := openStore(t, dir)
	r := NewResizer(st)
	first, err := r.Resize(data, 720)
	if err != nil || !bytes.Equal(first.Data, want.Data) || first.Width != 720 || first.Height != 405 || first.Format != JPEG {
		t.Fatalf("first copy = %s %d×%d (%v)", first.Format, first.Width, first.Height, err)
	}
	if err := st.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	// A later build takes it from the folder.
	st = openStore(t, dir)
	r = NewResizer(st)
	again, err := r.Resize(data, 720)
	if err != nil || !bytes.Equal(again.Data, want.Data) || again.Width != 720 || again.Height != 405 {
		t.Fatalf("cached copy = %d×%d (%v)", again.Width, again.Height, err)
	}
	if hits, misses := st.Stats(); hits != 1 || misses != 0 {
		t.Errorf("store stats = %d hits, %d misses; want the copy found", hits, misses)
	}
	// Another width, or other bytes, is another copy.
	if c, err := r.Resize(data, 480); err != nil || c.Width != 480 {
		t.Errorf("Resize(480) = %d (%v)", c.Width, err)
	}
	if hits, misses := st.Stats(); hits != 1 || misses != 1 {
		t.Errorf("store stats = %d hits, %d misses; want another width to be a miss", hits, misses)
	}
	if made, reused := r.Stats(); made != 1 || reused != 1 {
		t.Errorf("Resizer stats = %d made, %d reused; want 1 and 1", made, reused)
	}
}

func TestResizerMakesOnlyTheCopiesItLacks(t *testing.T) {
	st := cache.OpenStore(nil, Version())
	r := NewResizer(st)
	data := encodePNG(t, picture(1500, 1000, true))
	one, err := r.Resize(data, 720)
	if err != nil {
		t.Fatal(err)
	}
	all, err := r.ResizeEach(data, []int{480, 720, 1080})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(all[1].Data, one.Data) || all[0].Width != 480 || all[2].Width != 1080 {
		t.Errorf("ResizeEach = %d, %d, %d px", all[0].Width, all[1].Width, all[2].Width)
	}
	if hits, misses := st.Stats(); hits != 1 || misses != 3 {
		t.Errorf("store stats = %d hits, %d misses; want the 720 copy found, the others made", hits, misses)
	}
}

func TestResizerStoresNoCopyOfAnImageThatNeedsNone(t *testing.T) {
	st := cache.OpenStore(nil, Version())
	r := NewResizer(st)
	small := encodePNG(t, picture(400, 300, false))
	c, err := r.Social(small)
	if err != nil || !bytes.Equal(c.Data, small) {
		t.Fatalf("Social(400 px PNG) = %d bytes (%v)", len(c.Data), err)
	}
	if _, ok := st.GetBytes(cache.MakeKey([]byte(Version()), small, []byte("1200"))); ok {
		t.Error("the original was stored as its own copy")
	}
}

func TestCachedCopiesRoundTripAndDamagedOnesAreMisses(t *testing.T) {
	c := Copy{Data: []byte("jpeg bytes"), Format: JPEG, Width: 1440, Height: 810}
	got, ok := decodeCopy(encodeCopy(c))
	if !ok || got.Format != JPEG || got.Width != 1440 || got.Height != 810 || string(got.Data) != "jpeg bytes" {
		t.Errorf("decodeCopy(encodeCopy) = %+v, %v", got, ok)
	}
	for _, bad := range [][]byte{nil, []byte("j"), []byte("x\x01\x01abc"), {'p', 0, 1, 'a'}, {'p', 0x80, 0x80}} {
		if _, ok := decodeCopy(bad); ok {
			t.Errorf("decodeCopy(%q) ok", bad)
		}
	}
}

func TestVersionNamesTheImageModule(t *testing.T) {
	v := Version()
	if !strings.HasPrefix(v, "images/") || !strings.Contains(v, "catmullrom") || !strings.Contains(v, "q85") {
		t.Errorf("Version() = %q", v)
	}
}
