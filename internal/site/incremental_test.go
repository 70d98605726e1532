package site_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"blog/internal/site"
)

// rendered lists the pages a build rendered rather than reused.
func rendered(out *site.Output) []string {
	var paths []string
	for _, f := range out.Files {
		if f.Page != nil && !f.Reused {
			paths = append(paths, f.Path)
		}
	}
	return paths
}

func incrementalSite() fstest.MapFS {
	return newSite("paginate: 2\n",
		"content/posts/a.md", post("A", "2024-01-01", "id: 1", "tags: [go]"),
		"content/posts/a.en.md", post("A en", "2024-01-01", "id: 1", "tags: [go]"),
		"content/posts/b.md", post("B", "2024-01-02", "tags: [rust]"),
		"content/posts/c.md", post("C", "2024-01-03", "tags: [go, 회고]"),
		"content/posts/d.md", post("D", "2024-01-04", "tags: [rust]"),
		"content/posts/e.md", post("E", "2024-01-05", "tags: [rust]"),
	)
}

func rebuild(t *testing.T, fsys fstest.MapFS, edit func()) *site.Output {
	t.Helper()
	b, err := site.NewBuilder(fsys, site.BuilderOptions{Options: site.Options{Now: fixtureNow}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	edit()
	out, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEditingAPostBodyBelowItsSummaryRendersOnlyItsPage(t *testing.T) {
	fsys := incrementalSite()
	out := rebuild(t, fsys, func() {
		fsys["content/posts/c.md"].Data = []byte(post("C", "2024-01-03", "tags: [go, 회고]") + "\nNew paragraph.\n")
	})
	if got := rendered(out); !slices.Equal(got, []string{"posts/c/index.html"}) {
		t.Errorf("rendered %v, want only posts/c/index.html: lists show the summary, which did not change", got)
	}
	if out.Rendered != 1 {
		t.Errorf("Rendered = %d, want 1", out.Rendered)
	}
}

func TestEditingAPostTitleRendersEveryPageThatShowsIt(t *testing.T) {
	fsys := incrementalSite()
	out := rebuild(t, fsys, func() {
		fsys["content/posts/c.md"].Data = []byte(post("C renamed", "2024-01-03", "tags: [go, 회고]"))
	})
	// C itself, its neighbours B and D (they link to it by title), the
	// home page that lists it (page 2 of 3: E D | C B | A), the archive and
	// its two tag pages.
	want := []string{"archive/index.html", "page/2/index.html", "posts/b/index.html", "posts/c/index.html", "posts/d/index.html",
		"tags/go/index.html", "tags/회고/index.html"}
	if got := rendered(out); !slices.Equal(got, want) {
		t.Errorf("rendered %v\nwant     %v", got, want)
	}
}

func TestAddingATagRendersTheTagIndexAndTheNewTagPage(t *testing.T) {
	fsys := incrementalSite()
	out := rebuild(t, fsys, func() {
		fsys["content/posts/e.md"].Data = []byte(post("E", "2024-01-05", "tags: [rust, 새태그]"))
	})
	got := rendered(out)
	for _, p := range []string{"tags/index.html", "tags/새태그/index.html", "tags/rust/index.html", "posts/e/index.html", "index.html"} {
		if !slices.Contains(got, p) {
			t.Errorf("%s not rendered; rendered %v", p, got)
		}
	}
	for _, p := range []string{"posts/a/index.html", "en/index.html", "tags/go/index.html", "page/3/index.html"} {
		if slices.Contains(got, p) {
			t.Errorf("%s rendered though nothing it shows changed", p)
		}
	}
}

func TestDeletingAPostRemovesItsPageAndUpdatesItsTags(t *testing.T) {
	fsys := incrementalSite()
	out := rebuild(t, fsys, func() { delete(fsys, "content/posts/b.md") })
	if out.Lookup("posts/b/index.html") != nil {
		t.Error("deleted post still has a page")
	}
	if tag := out.Lookup("tags/rust/index.html"); tag == nil || tag.Reused {
		t.Error("tag page of the deleted post not rendered again")
	}
}

func TestUnchangedSiteRendersNothing(t *testing.T) {
	fsys := incrementalSite()
	out := rebuild(t, fsys, func() {})
	if got := rendered(out); len(got) != 0 {
		t.Errorf("rendered %v with no change", got)
	}
}

func TestFeedsAndSitemapAreMadeAgainOnlyWhenTheirInputsChange(t *testing.T) {
	fsys := incrementalSite()
	same := rebuild(t, fsys, func() {})
	for _, p := range []string{"rss.xml", "atom.xml", "en/rss.xml", "sitemap.xml"} {
		if f := same.Lookup(p); f == nil || !f.Reused {
			t.Errorf("%s made again though nothing changed", p)
		}
	}
	renamed := rebuild(t, fsys, func() {
		fsys["content/posts/c.md"].Data = []byte(post("C renamed", "2024-01-03", "tags: [go, 회고]"))
	})
	for _, p := range []string{"rss.xml", "atom.xml"} {
		if f := renamed.Lookup(p); f == nil || f.Reused || !strings.Contains(string(f.Data), "C renamed") {
			t.Errorf("%s not made again with the new title", p)
		}
	}
	if f := renamed.Lookup("en/rss.xml"); f == nil || !f.Reused {
		t.Error("en/rss.xml made again though no English post changed")
	}
}
