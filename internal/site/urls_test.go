package site

import (
	"net/url"
	"strings"
	"testing"
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
