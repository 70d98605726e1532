package publish

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
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

// A folder Prepare made that no file is written in is not in the output:
// a build may plan files and then write others (a replay that finds a
// source changed, then the build in its place). Folders that hold only
// folders with files stay.
func TestCommitDropsPreparedFoldersThatHoldNoFile(t *testing.T) {
	root := t.TempDir()
	siteDir := testSite(t, root)
	dir := filepath.Join(siteDir, "public")
	w, err := Begin(dir, siteDir)
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"a/b/c/index.html", "a/b/d/index.html", "gone/deep/er/index.html", "kept/x/index.html", "posts/one/index.html", "posts/two/index.html"}
	if err := w.Prepare(paths); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a/b/c/index.html", "kept/x/index.html", "posts/two/index.html", "new/index.html"} {
		if err := w.Write(&site.File{Path: p, Data: []byte(p)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		".": "/", marker: markerText,
		"a": "/", "a/b": "/", "a/b/c": "/", "a/b/c/index.html": "a/b/c/index.html",
		"kept": "/", "kept/x": "/", "kept/x/index.html": "kept/x/index.html",
		"posts": "/", "posts/two": "/", "posts/two/index.html": "posts/two/index.html",
		"new": "/", "new/index.html": "new/index.html",
	}
	if got := snapshot(t, dir); !maps.Equal(got, want) {
		t.Errorf("output:\n got %q\nwant %q", got, want)
	}
}

// Prepare makes deep trees of many folders a parent, side by side, each
// once, and leaves a link where a folder should be as it is: the file
// under it is refused, never written through it.
func TestPrepareMakesManyFoldersAndFollowsNoLink(t *testing.T) {
	root := t.TempDir()
	siteDir := testSite(t, root)
	dir := filepath.Join(siteDir, "public")
	w, err := Begin(dir, siteDir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, top := range []string{"posts", "en/posts", "tags", "en/tags/x"} {
		for i := range 300 {
			paths = append(paths, fmt.Sprintf("%s/p%03d/index.html", top, i), fmt.Sprintf("%s/p%03d/page/2/index.html", top, i))
		}
	}
	slices.Sort(paths)
	if err := w.Prepare(paths[:len(paths)/2]); err != nil {
		t.Fatal(err)
	}
	// A second Prepare makes only what the first did not.
	if err := w.Prepare(paths); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		if err := w.Write(&site.File{Path: p, Data: []byte("x")}); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(root, "outside")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(w.tmp, "link")); err != nil {
		t.Fatal(err)
	}
	if err := w.Prepare([]string{"link/inner/index.html"}); err == nil {
		t.Error("Prepare made a folder through a link")
	}
	if err := w.Write(&site.File{Path: "link/inner/index.html", Data: []byte("no")}); err == nil {
		t.Error("a file was written through a link")
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("the folder the link leads to holds %v", entries)
	}
	os.Remove(filepath.Join(w.tmp, "link"))
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, dir)
	for _, p := range paths {
		if got[p] != "x" {
			t.Fatalf("%s: %q", p, got[p])
		}
	}
	if len(got) != 2+len(paths)+4*300*3+len([]string{"posts", "en", "en/posts", "tags", "en/tags", "en/tags/x"}) {
		t.Errorf("%d entries in the output for %d files", len(got), len(paths))
	}
}
