package site_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestRedirectsFileSendsOldAddressesToPages(t *testing.T) {
	fsys := incrementalSite()
	fsys["content/redirects.yaml"] = &fstest.MapFile{Data: []byte("# old: new\n/blog/tags/go: /tags/go/\n/en/blog/tags/go/: /en/tags/go/\n/blog: /\n")}
	s := buildFixture(t, fsys)
	for p, want := range map[string]string{
		"blog/tags/go/index.html":    "tags/go/index.html",
		"en/blog/tags/go/index.html": "en/tags/go/index.html",
		"blog/index.html":            "index.html",
	} {
		if refresh, canonical := s.redirectTarget(t, p); refresh != want || canonical != want {
			t.Errorf("%s sends readers to %q and crawlers to %q, want %s", p, refresh, canonical, want)
		}
	}
}

func TestRedirectsFileMustLeadToAPageAndNotReplaceOne(t *testing.T) {
	fsys := incrementalSite()
	fsys["content/redirects.yaml"] = &fstest.MapFile{Data: []byte("/blog/tags/go: /tags/nothing/\n/tags/rust/: /tags/go/\n")}
	msg := buildError(t, fsys)
	for _, want := range []string{
		"content/redirects.yaml:1: /blog/tags/go leads to /tags/nothing/, which is not a page of the site",
		"content/redirects.yaml:2: /tags/rust/ is already the address of a page",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
}

// A redirect to a redirect is written to where the chain ends, so a
// reader makes one hop; a chain that comes back to where it started, an
// alias at the post's own address and a chain that ends nowhere are
// errors that name the chain.
func TestRedirectChainsEndOnAPageAndLoopsAreErrors(t *testing.T) {
	fsys := incrementalSite()
	fsys["content/redirects.yaml"] = &fstest.MapFile{Data: []byte("/old/a: /old/b\n/old/b: /old/c/\n/old/c: /tags/go/\n")}
	fsys["content/posts/b.md"].Data = []byte(post("B", "2024-01-02", "tags: [rust]", "aliases: [/older/b/]"))
	fsys["content/redirects.yaml"].Data = append(fsys["content/redirects.yaml"].Data, "/oldest/b: /older/b/\n"...)
	s := buildFixture(t, fsys)
	for p, want := range map[string]string{
		"old/a/index.html":    "tags/go/index.html",
		"old/b/index.html":    "tags/go/index.html",
		"oldest/b/index.html": "posts/b/index.html",
	} {
		if refresh, canonical := s.redirectTarget(t, p); refresh != want || canonical != want {
			t.Errorf("%s sends readers to %q and crawlers to %q, want %s", p, refresh, canonical, want)
		}
	}

	fsys = incrementalSite()
	fsys["content/redirects.yaml"] = &fstest.MapFile{Data: []byte("/loop/a: /loop/b/\n/loop/b: /loop/a/\n/gone/a: /gone/b/\n/gone/b: /gone/c/\n")}
	fsys["content/posts/b.md"].Data = []byte(post("B", "2024-01-02", "tags: [rust]", "aliases: [/posts/b/]"))
	msg := buildError(t, fsys)
	for _, want := range []string{
		"content/redirects.yaml:1: /loop/a goes round in a loop: /loop/a → /loop/b/ → /loop/a/ → …",
		"content/redirects.yaml:2: /loop/b goes round in a loop: /loop/b → /loop/a/ → /loop/b/ → …",
		"content/redirects.yaml:3: /gone/a leads to /gone/b/ → /gone/c/, which is not a page of the site",
		"content/posts/b.md:5: alias /posts/b/ is the address of this page itself; remove it",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not say %q:\n%s", want, msg)
		}
	}
}

// An old address of a feed or an image cannot hold a redirect page: it
// gets a copy of the file, and one that leads to a page is an error.
func TestOldAddressesOfFilesAreCopies(t *testing.T) {
	fsys := incrementalSite()
	fsys["static/img/logo.png"] = &fstest.MapFile{Data: []byte("PNG")}
	fsys["content/redirects.yaml"] = &fstest.MapFile{Data: []byte("/en/img/logo.png: /img/logo.png\n/blog/rss.xml: /rss.xml\n/blog/old.html: /tags/go/\n")}
	s := buildFixture(t, fsys)
	file := func(p string) string {
		t.Helper()
		f := s.out.Lookup(p)
		if f == nil {
			t.Fatalf("no %s in the output", p)
		}
		if f.Source != nil {
			data, err := fs.ReadFile(f.Source, f.SourcePath)
			if err != nil {
				t.Fatal(err)
			}
			return string(data)
		}
		data, err := f.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if got := file("en/img/logo.png"); got != "PNG" {
		t.Errorf("en/img/logo.png = %q, want a copy of the image", got)
	}
	if got, want := file("blog/rss.xml"), file("rss.xml"); got != want || !strings.Contains(got, "<rss") {
		t.Errorf("blog/rss.xml is not a copy of the feed:\n%s", got)
	}
	if refresh, _ := s.redirectTarget(t, "blog/old.html"); refresh != "tags/go/index.html" {
		t.Errorf("blog/old.html sends readers to %q", refresh)
	}
	fsys["content/redirects.yaml"] = &fstest.MapFile{Data: []byte("/feed.xml: /tags/go/\n")}
	if msg := buildError(t, fsys); !strings.Contains(msg, "content/redirects.yaml:1: /feed.xml is a file, not a page, so it cannot redirect") {
		t.Errorf("error: %s", msg)
	}
}
