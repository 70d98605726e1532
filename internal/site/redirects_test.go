package site_test

import (
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
