package site_test

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"blog/internal/site"
)

// TestImageEditsMatchAFreshBuild replaces, adds and names images of a
// site built once, rebuilding with Update after each change, as blog
// serve does: each result is byte for byte a new Builder's, so a copy of
// an image that changed is never served, and one that is gone is not
// written.
func TestImageEditsMatchAFreshBuild(t *testing.T) {
	dir := imagesSite(t)
	opts := site.BuilderOptions{Options: site.Options{Now: fixtureNow}}
	b, err := site.NewBuilder(os.DirFS(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	edits := []struct {
		name  string
		file  string
		data  func() []byte
		check func(*site.Output) string
	}{
		{"a narrower static image", "static/images/wide.png", func() []byte { return pngOf(t, scene(700, 300)) }, func(o *site.Output) string {
			if o.Lookup("images/wide.480w.png") != nil {
				return "images/wide.480w.png is still written"
			}
			return ""
		}},
		{"a bundle image made wide", "content/posts/images/small.png", func() []byte { return pngOf(t, scene(1000, 400)) }, func(o *site.Output) string {
			if o.Lookup("posts/images/small.480w.png") == nil {
				return "no posts/images/small.480w.png"
			}
			return ""
		}},
		{"a post that names a new image", "content/posts/plain/index.md", func() []byte {
			return []byte("---\ntitle: 글\ndate: 2024-02-01 09:00:00 +0900\n---\n\n![새 그림](new.png)\n")
		}, nil},
		{"the new image", "content/posts/plain/new.png", func() []byte { return pngOf(t, scene(900, 300)) }, func(o *site.Output) string {
			page := string(o.Lookup("posts/plain/index.html").Data)
			if !strings.Contains(page, `width="900" height="300"`) || !strings.Contains(page, "new.480w.png 480w") {
				return "posts/plain/index.html does not show new.png's size and copies"
			}
			return ""
		}},
	}
	for _, e := range edits {
		p := filepath.Join(dir, filepath.FromSlash(e.file))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, e.data(), 0o644); err != nil {
			t.Fatal(err)
		}
		got, _, err := b.Update([]string{e.file})
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		want, _ := buildOnce(t, dir, opts)
		if diff := compareOutputs(got, want); diff != "" {
			t.Errorf("%s: Update differs from a fresh build: %s", e.name, diff)
		}
		if e.check != nil {
			if msg := e.check(got); msg != "" {
				t.Errorf("%s: %s", e.name, msg)
			}
		}
	}
}

// TestDamagedImageCacheNeverChangesTheSite warms a cache folder with the
// images site, then writes random bytes at random places of the image
// cache's files and builds over it: every build is byte for byte the one
// made without a cache, copies included.
func TestDamagedImageCacheNeverChangesTheSite(t *testing.T) {
	dir := imagesSite(t)
	opts := site.BuilderOptions{Options: site.Options{Now: fixtureNow}}
	want, _ := buildOnce(t, dir, opts)
	warm := t.TempDir()
	opts.Cache = openCache(t, warm)
	buildOnce(t, dir, opts)
	files, _ := filepath.Glob(filepath.Join(warm, "image", "*"))
	if len(files) < 2 {
		t.Fatalf("the image cache holds only %v", files)
	}
	rounds := 8
	if testing.Short() {
		rounds = 3
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range rounds {
		cacheDir := t.TempDir()
		if err := os.CopyFS(cacheDir, os.DirFS(warm)); err != nil {
			t.Fatal(err)
		}
		var damaged []string
		for range 1 + rng.IntN(4) {
			rel, _ := filepath.Rel(warm, files[rng.IntN(len(files))])
			p := filepath.Join(cacheDir, rel)
			data, err := os.ReadFile(p)
			if err != nil || len(data) == 0 {
				continue
			}
			at := rng.IntN(len(data))
			n := min(len(data)-at, 1+rng.IntN(64))
			for i := range n {
				data[at+i] = byte(rng.UintN(256))
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			damaged = append(damaged, fmt.Sprintf("%s@%d+%d", rel, at, n))
		}
		opts.Cache = openCache(t, cacheDir)
		got, _ := buildOnce(t, dir, opts)
		if diff := compareOutputs(got, want); diff != "" {
			t.Fatalf("round %d, damage %v: the site differs from a build without a cache: %s", round, damaged, diff)
		}
	}
}

// countingFS counts the files opened whose names end in .png or .jpg.
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened []string
}

func (c *countingFS) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".png") || strings.HasSuffix(name, ".jpg") {
		c.mu.Lock()
		c.opened = append(c.opened, name)
		c.mu.Unlock()
	}
	return c.FS.Open(name)
}

func (c *countingFS) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.opened
	c.opened = nil
	return out
}

// TestSaveReadsOnlyTheImagesItNames: after a save, as blog serve rebuilds,
// the images of the site are not read again, only one the save names; a
// whole build reads them all.
func TestSaveReadsOnlyTheImagesItNames(t *testing.T) {
	dir := imagesSite(t)
	fsys := &countingFS{FS: os.DirFS(dir)}
	b, err := site.NewBuilder(fsys, site.BuilderOptions{Options: site.Options{Now: fixtureNow}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	if n := len(fsys.take()); n < 7 {
		t.Fatalf("the first build opened %d image files, want the 7 of the site", n)
	}
	post := filepath.Join(dir, "content", "posts", "plain", "index.md")
	if err := os.WriteFile(post, []byte("---\ntitle: 글\ndate: 2024-02-01 09:00:00 +0900\n---\n\n고친 글.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Update([]string{"content/posts/plain/index.md"}); err != nil {
		t.Fatal(err)
	}
	if opened := fsys.take(); len(opened) > 0 {
		t.Errorf("a save of a post without images read %v", opened)
	}
	small := filepath.Join(dir, "content", "posts", "images", "small.png")
	if err := os.WriteFile(small, pngOf(t, scene(900, 300)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := b.Update([]string{"content/posts/images/small.png"})
	if err != nil {
		t.Fatal(err)
	}
	if opened := fsys.take(); !slices.Equal(opened, []string{"content/posts/images/small.png"}) {
		t.Errorf("a save of small.png read %v, want it alone", opened)
	}
	if page := string(out.Lookup("posts/images/index.html").Data); !strings.Contains(page, `width="900" height="300"`) {
		t.Error("the page does not show small.png's new size")
	}
	if _, _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	if n := len(fsys.take()); n < 7 {
		t.Errorf("a whole build opened %d image files, want every one", n)
	}
}
