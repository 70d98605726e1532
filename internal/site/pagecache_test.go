package site_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"blog/internal/cache"
	"blog/internal/content"
	"blog/internal/corpus"
	"blog/internal/site"
)

// openCache opens dir as a build's cache folder, closed when the test
// ends.
func openCache(t testing.TB, dir string) *os.Root {
	t.Helper()
	r, err := cache.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// buildCached builds the site in dir as a new blog build would, with the
// cache folder cacheDir.
func buildCached(t *testing.T, dir, cacheDir string) *site.Output {
	t.Helper()
	out, _ := buildOnce(t, dir, site.BuilderOptions{Cache: openCache(t, cacheDir)})
	return out
}

// TestPageCacheFollowsEveryInput builds a generated site again and again
// with one cache folder, each time as a new `blog build` would, changing
// one input at a time: a post, the base URL, a layout, the time against
// which posts are scheduled. Each build must be byte for byte what a build
// without a cache makes, and take from the page cache exactly the pages
// the change left alone.
func TestPageCacheFollowsEveryInput(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 24, 5); err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	build := func(opts site.BuilderOptions) (*site.Output, *content.Set) {
		t.Helper()
		return buildOnce(t, dir, opts)
	}
	// check builds with the cache and without, compares, and returns how
	// many pages were rendered.
	check := func(name string, opts site.BuilderOptions) int {
		t.Helper()
		want, _ := build(opts)
		opts.Cache = openCache(t, cacheDir)
		got, _ := build(opts)
		if diff := compareOutputs(got, want); diff != "" {
			t.Fatalf("%s: the build with a page cache differs from one without: %s", name, diff)
		}
		if got.Rendered+got.Cached != got.Pages {
			t.Errorf("%s: %d pages rendered and %d cached of %d", name, got.Rendered, got.Cached, got.Pages)
		}
		return got.Rendered
	}
	var opts site.BuilderOptions
	_, set := build(opts)
	pages := func() int { out, _ := build(opts); return out.Pages }()

	if n := check("cold", opts); n != pages {
		t.Errorf("cold: %d of %d pages rendered", n, pages)
	}
	if n := check("warm", opts); n != 0 {
		t.Errorf("warm: %d pages rendered, want 0", n)
	}

	// One post's body: its page and the pages that hold it (neighbours,
	// lists, tags) are rendered; the others come from the cache.
	var post *content.Post
	for _, p := range set.Posts {
		if !p.Draft && len(p.Translations) == 0 {
			post = p
			break
		}
	}
	if post == nil {
		t.Fatal("the corpus has no untranslated published post")
	}
	file := filepath.Join(dir, filepath.FromSlash(post.File))
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(src, "\n\nOne more paragraph at the end.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := check("body edit", opts); n == 0 || n > pages/4 {
		t.Errorf("body edit: %d of %d pages rendered, want the few that hold the post", n, pages)
	}

	// Another base URL changes every page; the entries of both are kept,
	// so going back renders nothing.
	dev := opts
	dev.BaseURL = "http://127.0.0.1:1313/"
	if n := check("base URL", dev); n != pages {
		t.Errorf("base URL: %d of %d pages rendered", n, pages)
	}
	if n := check("base URL back", opts); n != 0 {
		t.Errorf("back to the first base URL: %d pages rendered, want 0", n)
	}

	// A layout of the site's own replaces the theme's: every page may
	// use it, so every page is rendered.
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	tmpl, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "layouts", "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	tmpl = []byte(strings.Replace(string(tmpl), "{{", "<!-- own 404 -->{{", 1))
	if err := os.WriteFile(filepath.Join(dir, "layouts", "404.html"), tmpl, 0o644); err != nil {
		t.Fatal(err)
	}
	if n := check("own layout", opts); n != pages {
		t.Errorf("own layout: %d of %d pages rendered", n, pages)
	}

	// A post layout that shows a key of the header no field reads: a
	// change of its value alone renders the post's page again.
	tmpl, err = os.ReadFile(filepath.Join("..", "..", "themes", "default", "layouts", "post.html"))
	if err != nil {
		t.Fatal(err)
	}
	tmpl = []byte(strings.Replace(string(tmpl), `{{ define "main" }}`, `{{ define "main" }}{{ with .Post.Params.series }}<p class="series">{{ . }}</p>{{ end }}`, 1))
	if err := os.WriteFile(filepath.Join(dir, "layouts", "post.html"), tmpl, 0o644); err != nil {
		t.Fatal(err)
	}
	src, err = os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, series := range []string{"first series", "second series"} {
		edited := strings.Replace(string(src), "---\n", "---\nseries: "+series+"\n", 1)
		if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
		check("unknown key "+series, opts)
		shown := false
		for _, f := range buildCached(t, dir, cacheDir).Files {
			data, _ := f.Bytes()
			shown = shown || bytes.Contains(data, []byte(`<p class="series">`+series+`</p>`))
		}
		if !shown {
			t.Errorf("no page shows the post's series: %s", series)
		}
	}

	// With drafts, the newest post is scheduled an hour before its time
	// and due an hour after: its badge goes, and the pages that showed it
	// must not come from the cache. (Due, the site is the one built
	// above, whose pages the cache has.)
	newest := set.Posts[0]
	for _, p := range set.Posts {
		if p.Date.After(newest.Date) {
			newest = p
		}
	}
	drafts := opts
	drafts.Drafts = true
	drafts.Now = newest.Date.Add(-time.Hour)
	if n := check("scheduled", drafts); n == 0 || n == pages {
		t.Errorf("a post scheduled: %d of %d pages rendered, want some", n, pages)
	}
	drafts.Now = newest.Date.Add(time.Hour)
	check("due", drafts)

	// The newest post's body, which the feeds hold whole: the feeds are
	// made again (a stale feed differs from the build without a cache).
	file = filepath.Join(dir, filepath.FromSlash(newest.File))
	src, err = os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(src, "\n\nA last word for the feeds.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	check("newest body edit", opts)
	got := buildCached(t, dir, cacheDir)
	inFeed := false
	for _, f := range got.Files {
		if strings.HasSuffix(f.Path, "rss.xml") {
			data, _ := f.Bytes()
			inFeed = inFeed || bytes.Contains(data, []byte("A last word for the feeds."))
		}
	}
	if !inFeed {
		t.Errorf("no rss.xml has the edit of the newest post, %s", newest.File)
	}
}

// TestCachesDropWhatIsNoLongerUsed edits every post of a site between
// builds: the old bodies and pages are pruned when the builder closes, and
// the next build still finds everything it needs.
func TestCachesDropWhatIsNoLongerUsed(t *testing.T) {
	defer func(old int64) { *site.PruneSlack = old }(*site.PruneSlack)
	*site.PruneSlack = 0
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 20, 9); err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	build := func() *site.Output { return buildCached(t, dir, cacheDir) }
	size := func(store string) int64 {
		st, err := os.Stat(filepath.Join(cacheDir, store, "data"))
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	build()
	body, page := size("body"), size("page")
	files, _ := filepath.Glob(filepath.Join(dir, "content", "posts", "*.md"))
	// Old entries are dropped once they take more room than those in use,
	// so the caches never grow past about twice what one build uses;
	// without pruning, four rounds of edits would take them well past.
	for round := range 4 {
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, fmt.Appendf(src, "\n\nEdited in round %d.\n", round), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		build()
		if got := size("body"); got > body*22/10 {
			t.Errorf("round %d: body cache %d bytes, %d after the first build: old bodies pile up", round, got, body)
		}
		if got := size("page"); got > page*22/10 {
			t.Errorf("round %d: page cache %d bytes, %d after the first build: old pages pile up", round, got, page)
		}
	}
	out := build()
	if out.Rendered != 0 || out.Cached != out.Pages {
		t.Errorf("after the prune: %d pages rendered, %d of %d from the cache", out.Rendered, out.Cached, out.Pages)
	}
	want, _ := buildOnce(t, dir, site.BuilderOptions{})
	if diff := compareOutputs(out, want); diff != "" {
		t.Errorf("after the prune, the build differs from one without a cache: %s", diff)
	}
}

// TestLateIndexShowsItsOwnBuild reads the search index of a build only
// after a later save changed a post in place, as blog serve may when a
// reader opens the search page late: the index must be the first build's,
// and the page cache must not keep the mixture.
func TestLateIndexShowsItsOwnBuild(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 12, 2); err != nil {
		t.Fatal(err)
	}
	b, err := site.NewBuilder(os.DirFS(dir), site.BuilderOptions{Options: site.Options{Defer: true}, Cache: openCache(t, t.TempDir())})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	first, set, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	var post *content.Post
	for _, p := range set.Posts {
		if p.Lang == "ko" && !p.Draft {
			post = p
			break
		}
	}
	file := filepath.Join(dir, filepath.FromSlash(post.File))
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const word = "qqxyzzyword"
	if err := os.WriteFile(file, append(src, "\n\nA new "+word+" at the end.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	second, _, err := b.Update([]string{post.File})
	if err != nil {
		t.Fatal(err)
	}
	index := func(out *site.Output) string {
		t.Helper()
		return indexText(t, out, "search/")
	}
	if strings.Contains(index(first), word) {
		t.Error("the first build's index, read after the edit, has the edit's word")
	}
	if !strings.Contains(index(second), word) {
		t.Error("the index after the edit lacks its word")
	}
}
