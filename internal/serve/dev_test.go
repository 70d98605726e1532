package serve

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"blog/internal/site"
)

func TestClassifyTellsFullFromIncrementalBuilds(t *testing.T) {
	for _, c := range []struct {
		batch          []string
		full, relevant bool
	}{
		{[]string{"content/posts/a.md"}, false, true},
		{[]string{"static/css/x.css"}, false, true},
		{[]string{"content/posts/a.md", "blog.yaml"}, true, true},
		{[]string{"layouts/post.html"}, true, true},
		{[]string{"themes/mine/layouts/baseof.html"}, true, true},
		{[]string{"README.md", "notes/todo.txt"}, false, false},
	} {
		full, relevant := classify(c.batch)
		if full != c.full || relevant != c.relevant {
			t.Errorf("%v: full=%v relevant=%v, want %v %v", c.batch, full, relevant, c.full, c.relevant)
		}
	}
}

func output(files ...*site.File) *site.Output { return site.NewOutput(files) }

func TestChangesListChangedPagesAndAssets(t *testing.T) {
	src := os.DirFS(t.TempDir())
	prev := output(
		&site.File{Path: "index.html", Data: []byte("home")},
		&site.File{Path: "posts/a/index.html", Data: []byte("a")},
		&site.File{Path: "posts/a/x.png", Source: src, SourcePath: "content/posts/a/x.png"},
		&site.File{Path: "posts/gone/index.html", Data: []byte("gone")},
		&site.File{Path: "tags/컴퓨터/index.html", Data: []byte("t")},
	)
	next := output(
		&site.File{Path: "index.html", Data: []byte("home")},
		&site.File{Path: "posts/a/index.html", Data: []byte("a2")},
		&site.File{Path: "posts/a/x.png", Source: src, SourcePath: "content/posts/a/x.png"},
		&site.File{Path: "posts/new/index.html", Data: []byte("new")},
		&site.File{Path: "tags/컴퓨터/index.html", Data: []byte("t"), Reused: true},
	)
	ev := changes(prev, next, []string{"content/posts/a/x.png"}, "/blog/")
	if ev.Kind != "reload" || ev.All {
		t.Fatalf("event = %+v", ev)
	}
	if want := []string{"/blog/posts/a/", "/blog/posts/gone/", "/blog/posts/new/"}; !slices.Equal(ev.Pages, want) {
		t.Errorf("pages = %v, want %v", ev.Pages, want)
	}
	if want := []string{"/blog/posts/a/x.png"}; !slices.Equal(ev.Assets, want) {
		t.Errorf("assets = %v, want %v", ev.Assets, want)
	}
}

func TestStylesheetOnlyChangeIsACSSEvent(t *testing.T) {
	prev := output(&site.File{Path: "index.html", Data: []byte("home")}, &site.File{Path: "css/style.css", Data: []byte("a{}")})
	next := output(&site.File{Path: "index.html", Data: []byte("home")}, &site.File{Path: "css/style.css", Data: []byte("b{}")})
	if ev := changes(prev, next, nil, "/"); ev.Kind != "css" || !slices.Equal(ev.Assets, []string{"/css/style.css"}) {
		t.Errorf("event = %+v", ev)
	}
	if ev := changes(next, next, nil, "/"); ev.Kind != "ok" {
		t.Errorf("no change: event = %+v", ev)
	}
}

// devSite writes a small site and starts a Dev on it.
func devSite(t *testing.T) (string, *Dev, <-chan Event) {
	t.Helper()
	return devSiteWith(t, DevOptions{Drafts: true, Debounce: 10 * time.Millisecond})
}

// devSiteWith is devSite with options (SiteDir is set here).
func devSiteWith(t *testing.T, opts DevOptions) (string, *Dev, <-chan Event) {
	t.Helper()
	dir := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("blog.yaml", "title: Dev\n")
	write("content/posts/a.md", "---\ntitle: 가\ndate: 2024-01-01\ntags: [go]\n---\n첫 문장.\n")
	write("content/posts/b.md", "---\ntitle: 나\ndate: 2024-01-02\n---\n둘째 글.\n")
	opts.SiteDir = dir
	d, err := NewDev(opts)
	if err != nil {
		t.Fatal(err)
	}
	events, cancel := d.Subscribe()
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = d.Run(ctx); close(done) }()
	t.Cleanup(func() { stop(); cancel(); <-done })
	return dir, d, events
}

func waitEvent(t *testing.T, events <-chan Event, kind string) Event {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Kind == kind {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %q event", kind)
		}
	}
}

func devGet(t *testing.T, d *Dev, path string) (int, string) {
	t.Helper()
	res, body := get(t, d, http.MethodGet, path)
	return res.StatusCode, body
}

func TestSaveRebuildsAndNamesTheChangedPages(t *testing.T) {
	dir, d, events := devSite(t)
	if err := os.WriteFile(filepath.Join(dir, "content/posts/a.md"), []byte("---\ntitle: 가\ndate: 2024-01-01\ntags: [go]\n---\n고친 문장.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ev := waitEvent(t, events, "reload")
	if !slices.Contains(ev.Pages, "/posts/a/") || slices.Contains(ev.Pages, "/tags/") {
		t.Errorf("pages = %v: want /posts/a/ and not the unchanged tag index", ev.Pages)
	}
	if _, body := devGet(t, d, "/posts/a/"); !strings.Contains(body, "고친 문장.") || !strings.Contains(body, "/__blog/live.js") {
		t.Errorf("page not updated or without the live-reload script:\n%s", body)
	}
}

func TestBrokenSaveKeepsTheLastGoodSiteAndRecovers(t *testing.T) {
	dir, d, events := devSite(t)
	a := filepath.Join(dir, "content/posts/a.md")
	if err := os.WriteFile(a, []byte("---\ntitle: [broken\ndate: 2024-01-01\n---\n깨진 글.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ev := waitEvent(t, events, "error")
	if !strings.Contains(ev.Message, "content/posts/a.md:2: front matter") {
		t.Errorf("message = %q", ev.Message)
	}
	if code, body := devGet(t, d, "/posts/a/"); code != 200 || !strings.Contains(body, "첫 문장.") {
		t.Errorf("last good page not served: %d", code)
	}
	if err := os.WriteFile(a, []byte("---\ntitle: 가\ndate: 2024-01-01\n---\n다시 고친 문장.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, "reload")
	if _, body := devGet(t, d, "/posts/a/"); !strings.Contains(body, "다시 고친 문장.") {
		t.Error("fixed page not served")
	}
}

func TestDeletedPostDisappearsWithItsTagPage(t *testing.T) {
	dir, d, events := devSite(t)
	if err := os.Remove(filepath.Join(dir, "content/posts/a.md")); err != nil {
		t.Fatal(err)
	}
	ev := waitEvent(t, events, "reload")
	if !slices.Contains(ev.Pages, "/posts/a/") || !slices.Contains(ev.Pages, "/tags/go/") {
		t.Errorf("pages = %v", ev.Pages)
	}
	if code, _ := devGet(t, d, "/posts/a/"); code != 404 {
		t.Errorf("deleted post answers %d", code)
	}
	if code, _ := devGet(t, d, "/tags/go/"); code != 404 {
		t.Errorf("tag page of the deleted post answers %d", code)
	}
}

func TestNewFolderPostIsPickedUp(t *testing.T) {
	dir, d, events := devSite(t)
	p := filepath.Join(dir, "content/posts/new-bundle")
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p, "index.md"), []byte("---\ntitle: 새 글\ndate: 2024-02-01\n---\n새 폴더.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for {
		ev := waitEvent(t, events, "reload")
		if slices.Contains(ev.Pages, "/posts/new-bundle/") {
			break
		}
	}
	if code, _ := devGet(t, d, "/posts/new-bundle/"); code != 200 {
		t.Errorf("new post answers %d", code)
	}
}

// TestBrokenLayoutKeepsTheLastGoodSearchIndex breaks a layout so that the
// new Builder made for it fails to render: the site still served, search
// index included (made when first asked for, from the caches), must keep
// working, and a fixed layout is picked up.
func TestBrokenLayoutKeepsTheLastGoodSearchIndex(t *testing.T) {
	dir, d, events := devSiteWith(t, DevOptions{Drafts: true, Debounce: 10 * time.Millisecond, CacheDir: filepath.Join(t.TempDir(), "cache")})
	layout := filepath.Join(dir, "layouts", "post.html")
	if err := os.MkdirAll(filepath.Dir(layout), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(layout, []byte(`{{ define "main" }}{{ .Nope }}{{ end }}`), 0o644); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, "error")
	if code, body := devGet(t, d, "/search/index.json"); code != 200 || !strings.Contains(body, `"가"`) {
		t.Errorf("search index of the last good site: %d %.200s", code, body)
	}
	if err := os.WriteFile(layout, []byte(`{{ define "main" }}<p>mine: {{ .Post.Title }}</p>{{ end }}`), 0o644); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, events, "reload")
	if _, body := devGet(t, d, "/posts/a/"); !strings.Contains(body, "mine: 가") {
		t.Errorf("the fixed layout is not used:\n%.300s", body)
	}
	if code, _ := devGet(t, d, "/search/index.json"); code != 200 {
		t.Errorf("search index after the fix: %d", code)
	}
}

// saveText writes a file of a test site, as an editor saves it.
func saveText(t *testing.T, file, text string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSaveShowsThePostBeforeTheBuild checks the order a writer sees: a
// body edit reloads the post's page alone, already serving the new text,
// and the build after it reloads the pages it changed besides, not the
// post's page again, which it made the same.
func TestSaveShowsThePostBeforeTheBuild(t *testing.T) {
	dir, d, events := devSite(t)
	saveText(t, filepath.Join(dir, "content/posts/a.md"), "---\ntitle: 가\ndate: 2024-01-01\ntags: [go]\n---\n미리 보이는 문장.\n")
	ev := waitEvent(t, events, "reload")
	if !slices.Equal(ev.Pages, []string{"/posts/a/"}) {
		t.Fatalf("first reload names %v; want the post's page alone, ahead of the build", ev.Pages)
	}
	if _, body := devGet(t, d, "/posts/a/"); !strings.Contains(body, "미리 보이는 문장.") {
		t.Error("the previewed page does not show the edit")
	}
	next := waitEvent(t, events, "reload")
	if slices.Contains(next.Pages, "/posts/a/") {
		t.Errorf("the build reloads the previewed page again: %v", next.Pages)
	}
	if !slices.Contains(next.Pages, "/") {
		t.Errorf("the build's reload %v lacks the home page, whose summary of the post changed", next.Pages)
	}
	if _, body := devGet(t, d, "/"); !strings.Contains(body, "미리 보이는 문장.") {
		t.Error("the home page does not show the new summary after the build")
	}
}

// TestPreviewWaitsForABrokenSiteToBeFixed: while the site does not build,
// a save of another post shows no preview over the problems; the build
// that fixes the site shows both.
func TestPreviewWaitsForABrokenSiteToBeFixed(t *testing.T) {
	dir, d, events := devSite(t)
	a, b := filepath.Join(dir, "content/posts/a.md"), filepath.Join(dir, "content/posts/b.md")
	saveText(t, a, "---\ntitle: [broken\ndate: 2024-01-01\n---\n깨진 글.\n")
	waitEvent(t, events, "error")
	saveText(t, b, "---\ntitle: 나\ndate: 2024-01-02\n---\n둘째 글을 고쳤다.\n")
	if ev := waitEvent(t, events, "error"); !strings.Contains(ev.Message, "content/posts/a.md:2") {
		t.Errorf("message = %q", ev.Message)
	}
	if _, body := devGet(t, d, "/posts/b/"); strings.Contains(body, "고쳤다") {
		t.Error("a preview was served over a site that does not build")
	}
	saveText(t, a, "---\ntitle: 가\ndate: 2024-01-01\n---\n고쳤다.\n")
	waitEvent(t, events, "reload")
	if _, body := devGet(t, d, "/posts/b/"); !strings.Contains(body, "둘째 글을 고쳤다.") {
		t.Error("the fixed site does not show the other post's edit")
	}
}

func TestUnseenDropsPagesTheBrowserShows(t *testing.T) {
	shown := output(&site.File{Path: "posts/a/index.html", Data: []byte("new")}, &site.File{Path: "index.html", Data: []byte("old home")})
	next := output(&site.File{Path: "posts/a/index.html", Data: []byte("new")}, &site.File{Path: "index.html", Data: []byte("new home")})
	previewed := []*site.File{shown.Lookup("posts/a/index.html")}
	ev := unseen(Event{Kind: "reload", Pages: []string{"/", "/posts/a/"}}, shown, next, previewed, "/")
	if ev.Kind != "reload" || !slices.Equal(ev.Pages, []string{"/"}) {
		t.Errorf("event = %+v; want the home page alone", ev)
	}
	ev = unseen(Event{Kind: "reload", Pages: []string{"/posts/a/"}}, shown, shown, previewed, "/")
	if ev.Kind != "ok" || len(ev.Pages) != 0 {
		t.Errorf("nothing new: event = %+v", ev)
	}
	other := output(&site.File{Path: "posts/a/index.html", Data: []byte("built otherwise")}, &site.File{Path: "index.html", Data: []byte("old home")})
	ev = unseen(Event{Kind: "ok"}, shown, other, previewed, "/")
	if ev.Kind != "reload" || !slices.Equal(ev.Pages, []string{"/posts/a/"}) {
		t.Errorf("a preview the build made otherwise: event = %+v", ev)
	}
}

// TestMissingPageWaitsForTheBuildUnderWay: a save adds a tag; the post's
// page shows it at once (the preview), and a request for the new tag's
// page, made then, before the rest of the site is built, waits for that
// build and gets the page rather than a 404.
func TestMissingPageWaitsForTheBuildUnderWay(t *testing.T) {
	dir, d, events := devSite(t)
	if code, _ := devGet(t, d, "/tags/새태그/"); code != http.StatusNotFound {
		t.Fatalf("before the save, /tags/새태그/ = %d", code)
	}
	saveText(t, filepath.Join(dir, "content/posts/a.md"), "---\ntitle: 가\ndate: 2024-01-01\ntags: [go, 새태그]\n---\n첫 문장.\n")
	if ev := waitEvent(t, events, "reload"); !slices.Equal(ev.Pages, []string{"/posts/a/"}) {
		t.Fatalf("first reload %v; want the preview of the post's page", ev.Pages)
	}
	if code, body := devGet(t, d, "/tags/새태그/"); code != http.StatusOK || !strings.Contains(body, "가") {
		t.Errorf("the new tag's page, asked for while the site builds: %d; want 200 with the post", code)
	}
	if code, _ := devGet(t, d, "/no-such-page/"); code != http.StatusNotFound {
		t.Errorf("a page no build makes: %d, want 404", code)
	}
}

// TestPreviewIsUndoneAfterAFailedBuild: a batch previews one post while
// another breaks the build; the preview is undone before the site builds
// again. When the build that fixes the site comes, the page the browser
// shows (the preview) is reloaded, though the last good build and the new
// one agree on it.
func TestPreviewIsUndoneAfterAFailedBuild(t *testing.T) {
	dir, d, events := devSiteWith(t, DevOptions{Drafts: true, Debounce: 150 * time.Millisecond})
	a, b := filepath.Join(dir, "content/posts/a.md"), filepath.Join(dir, "content/posts/b.md")
	original, _ := os.ReadFile(a)
	goodB, _ := os.ReadFile(b)
	saveText(t, a, "---\ntitle: 가\ndate: 2024-01-01\ntags: [go]\n---\n미리 본 문장.\n")
	saveText(t, b, "---\ntitle: [broken\ndate: 2024-01-02\n---\n깨진 글.\n")
	if ev := waitEvent(t, events, "reload"); !slices.Equal(ev.Pages, []string{"/posts/a/"}) {
		t.Fatalf("first reload %v; want the preview of /posts/a/", ev.Pages)
	}
	waitEvent(t, events, "error")
	saveText(t, a, string(original))
	waitEvent(t, events, "error")
	saveText(t, b, string(goodB))
	ev := waitEvent(t, events, "reload")
	if !slices.Contains(ev.Pages, "/posts/a/") {
		t.Errorf("the build that fixes the site reloads %v; the browser still shows the preview of /posts/a/", ev.Pages)
	}
	if _, body := devGet(t, d, "/posts/a/"); !strings.Contains(body, "첫 문장.") || strings.Contains(body, "미리 본") {
		t.Error("the fixed site does not serve the post as it is now")
	}
}
