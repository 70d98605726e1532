package publish

import (
	"maps"
	"path/filepath"
	"testing"

	"blog/internal/site"
)

func TestPreparedFoldersHoldTheFilesWrittenAfter(t *testing.T) {
	root := t.TempDir()
	siteDir := testSite(t, root)
	dir := filepath.Join(siteDir, "public")
	w, err := Begin(dir, siteDir)
	if err != nil {
		t.Fatal(err)
	}
	files := []*site.File{
		{Path: "a/b/c/index.html", Data: []byte("c")},
		{Path: "a/index.html", Data: []byte("a")},
		{Path: "index.html", Data: []byte("home")},
		{Path: "x/y/feed.xml", Data: []byte("feed")},
	}
	paths := []string{"a/b/c/index.html", "a/index.html", "index.html", "x/y/feed.xml", "../out.html", "x//z.html"}
	if err := w.Prepare(paths); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := w.Write(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Write(&site.File{Path: "../out.html", Data: []byte("no")}); err == nil {
		t.Error("a path out of the output was written after Prepare listed it")
	}
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		".": "/", marker: markerText, "index.html": "home",
		"a": "/", "a/index.html": "a", "a/b": "/", "a/b/c": "/", "a/b/c/index.html": "c",
		"x": "/", "x/y": "/", "x/y/feed.xml": "feed",
	}
	if got := snapshot(t, dir); !maps.Equal(got, want) {
		t.Errorf("output:\n got %q\nwant %q", got, want)
	}
	assertOnly(t, root, "site")
}

func TestPrepareAfterAbortWritesNothing(t *testing.T) {
	root := t.TempDir()
	siteDir := testSite(t, root)
	w, err := Begin(filepath.Join(siteDir, "public"), siteDir)
	if err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if err := w.Prepare([]string{"a/index.html"}); err == nil {
		t.Error("Prepare made folders after Abort")
	}
	assertOnly(t, siteDir, "blog.yaml", "content")
}
