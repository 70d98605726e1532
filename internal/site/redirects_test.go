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
