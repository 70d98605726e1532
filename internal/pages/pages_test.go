package pages

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
)

func site() fstest.MapFS {
	page := func(s string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("<!doctype html><title>" + s + "</title>")}
	}
	redirect := func(to string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(`<!doctype html><html><head><meta http-equiv="refresh" content="0; url=` + to + `"></head></html>`)}
	}
	return fstest.MapFS{
		"index.html":           page("home"),
		"404.html":             page("not found"),
		"about.html":           page("about (trailingSlash: false)"),
		"docs/kube/index.html": page("kube"),
		"rss.xml":              {Data: []byte("<rss/>")},
		"blog/index.html":      redirect("/"),
		"blog/a/index.html":    redirect("/docs/kube"),
		"loop/a/index.html":    redirect("/loop/b/"),
		"loop/b/index.html":    redirect("/loop/a/"),
		"out/index.html":       redirect("https://example.com/"),
		"태그/컴퓨터-구조/index.html": redirect("/tags/%EC%BB%B4%ED%93%A8%ED%84%B0/"),
		"tags/컴퓨터/index.html":  page("tag"),
	}
}

func TestLookupAnswersAsGitHubPages(t *testing.T) {
	fsys := site()
	for p, want := range map[string]Answer{
		"/":           {Status: 200, File: "index.html"},
		"/about":      {Status: 200, File: "about.html"},
		"/about.html": {Status: 200, File: "about.html"},
		"/about/":     {Status: 404, File: "404.html"},
		"/docs/kube":  {Status: 301, Location: "/docs/kube/"},
		"/docs/kube/": {Status: 200, File: "docs/kube/index.html"},
		"/rss.xml":    {Status: 200, File: "rss.xml"},
		"/rss.xml/":   {Status: 404, File: "404.html"},
		"/nothing":    {Status: 404, File: "404.html"},
	} {
		if got := Lookup(fsys, p); got != want {
			t.Errorf("Lookup(%s) = %+v, want %+v", p, got, want)
		}
	}
}

func TestFollowEndsOnThePageAReaderSees(t *testing.T) {
	fsys := site()
	last := func(p string) Hop {
		t.Helper()
		hops, err := Follow(fsys, "/", p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		return hops[len(hops)-1]
	}
	for p, want := range map[string]string{
		"/blog":             "index.html",
		"/blog/a":           "docs/kube/index.html",
		"/태그/컴퓨터-구조/":       "tags/컴퓨터/index.html",
		"/docs/kube":        "docs/kube/index.html",
		"/about":            "about.html",
		"/nothing-at-all/x": "404.html",
	} {
		if got := last(p); got.File != want {
			t.Errorf("%s ends on %+v, want %s", p, got, want)
		}
	}
	if got := last("/nothing"); got.Status != 404 {
		t.Errorf("a missing page ends with %d", got.Status)
	}
	if got := last("/out/"); got.Status != 0 || got.Path != "https://example.com/" {
		t.Errorf("a redirect off the site ends with %+v", got)
	}
	if _, err := Follow(fsys, "/", "/loop/a/"); err == nil {
		t.Error("a loop is not an error")
	}
	// Under a sub-path, addresses outside it are not the site's.
	sub := fstest.MapFS{"index.html": fsys["index.html"], "a/index.html": {Data: []byte(`<meta http-equiv="refresh" content="0; url=/repo/">`)}}
	hops, err := Follow(sub, "/repo/", "/repo/a")
	if err != nil || hops[len(hops)-1].File != "index.html" || len(hops) != 3 {
		t.Errorf("under /repo/: %+v, %v", hops, err)
	}
	if hops, _ := Follow(sub, "/repo/", "/a/"); hops[len(hops)-1].Status != 404 {
		t.Errorf("an address outside the sub-path answers: %+v", hops)
	}
}

func TestHandlerServesWhatLookupSays(t *testing.T) {
	srv := httptest.NewServer(Handler(site()))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for p, want := range map[string]int{"/about": 200, "/docs/kube": 301, "/nope": 404, "/%ED%83%9C%EA%B7%B8/%EC%BB%B4%ED%93%A8%ED%84%B0-%EA%B5%AC%EC%A1%B0/": 200} {
		resp, err := client.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", p, resp.StatusCode, want)
		}
	}
}
