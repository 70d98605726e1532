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

// A page is rendered again when anything its layout can reach changed:
// a post's body is on its own page and, as a layout could print it, on
// every page that holds the post (its neighbours, the lists and tags
// that show it); the other pages are taken from the last build.
func TestEditingAPostBodyRendersThePagesThatHoldIt(t *testing.T) {
	fsys := incrementalSite()
	out := rebuild(t, fsys, func() {
		fsys["content/posts/c.md"].Data = []byte(post("C", "2024-01-03", "tags: [go, 회고]") + "\nNew paragraph.\n")
	})
	want := []string{"archive/index.html", "page/2/index.html", "posts/b/index.html", "posts/c/index.html", "posts/d/index.html",
		"tags/go/index.html", "tags/index.html", "tags/회고/index.html"}
	if got := rendered(out); !slices.Equal(got, want) {
		t.Errorf("rendered %v\nwant     %v", got, want)
	}
	if out.Rendered != len(want) {
		t.Errorf("Rendered = %d, want %d", out.Rendered, len(want))
	}
}

func TestEditingAPostTitleRendersEveryPageThatShowsIt(t *testing.T) {
	fsys := incrementalSite()
	out := rebuild(t, fsys, func() {
		fsys["content/posts/c.md"].Data = []byte(post("C renamed", "2024-01-03", "tags: [go, 회고]"))
	})
	// C itself, its neighbours B and D (they link to it by title), the
	// home page that lists it (page 2 of 3: E D | C B | A), the archive,
	// its two tag pages and the tag index, whose tags hold it.
	want := []string{"archive/index.html", "page/2/index.html", "posts/b/index.html", "posts/c/index.html", "posts/d/index.html",
		"tags/go/index.html", "tags/index.html", "tags/회고/index.html"}
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

func TestFeedsShowTheNewTitle(t *testing.T) {
	fsys := incrementalSite()
	renamed := rebuild(t, fsys, func() {
		fsys["content/posts/c.md"].Data = []byte(post("C renamed", "2024-01-03", "tags: [go, 회고]"))
	})
	for _, p := range []string{"rss.xml", "atom.xml"} {
		if f := renamed.Lookup(p); f == nil || !strings.Contains(string(f.Data), "C renamed") {
			t.Errorf("%s does not show the new title", p)
		}
	}
}
