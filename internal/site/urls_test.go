package site

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/theme"
	"blog/themes"
)

// TestEscapePathMatchesSegmentEscaping checks the shortcut for plain
// addresses against escaping every segment.
func TestEscapePathMatchesSegmentEscaping(t *testing.T) {
	for _, p := range []string{
		"/", "", "/posts/hello-world/", "/en/tags/go/", "/posts/a_b.c~d/index.html",
		"/tags/쿠버네티스/", "/posts/100% sure/", "/posts/a?b#c/", "/posts/x+y/", "/posts/é/",
		"/posts/a b/", "/posts/a:b/", "/posts/a%2Fb/",
	} {
		segs := strings.Split(p, "/")
		for i, s := range segs {
			segs[i] = url.PathEscape(s)
		}
		if got, want := escapePath(p), strings.Join(segs, "/"); got != want {
			t.Errorf("escapePath(%q) = %q, want %q", p, got, want)
		}
	}
}

// TestSitemapPathsAreTheSitemapsFiles keeps the names redirects steer
// clear of in step with the files sitemap makes.
func TestSitemapPathsAreTheSitemapsFiles(t *testing.T) {
	for _, cname := range []string{"", "blog.example.org"} {
		cfg := config.Default()
		cfg.CNAME = cname
		th, err := theme.Load(themes.Default(), nil, "themes/default", nil)
		if err != nil {
			t.Fatal(err)
		}
		out, err := Build(cfg, &content.Set{}, th, fstest.MapFS{}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		b := out.bld
		files, err := b.sitemap()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files {
			got = append(got, f.Path)
		}
		if want := b.sitemapPaths(); !slices.Equal(got, want) {
			t.Errorf("CNAME %q: sitemap makes %v, sitemapPaths says %v", cname, got, want)
		}
	}
}
