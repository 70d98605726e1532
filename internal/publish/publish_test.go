package publish

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"blog/internal/corpus"
	"blog/internal/site"
)

// testSite makes a site folder with the sources Write must never touch and
// returns its path.
func testSite(t *testing.T, root string) string {
	t.Helper()
	dir := filepath.Join(root, "site")
	writeFiles(t, dir, map[string]string{
		"blog.yaml":                 "title: 테스트\n",
		"content/posts/hello.ko.md": "# 안녕\n",
	})
	return dir
}

// testOutput is a small built site: generated pages and one file copied
// from a source folder.
func testOutput() *site.Output {
	static := fstest.MapFS{"static/img/logo.png": {Data: []byte("PNG bytes")}}
	return site.NewOutput([]*site.File{
		{Path: "index.html", Data: []byte("<h1>홈</h1>")},
		{Path: "posts/x/index.html", Data: []byte("<h1>x</h1>")},
		{Path: "tags/컴퓨터-구조/index.html", Data: []byte("<h1>컴퓨터 구조</h1>")},
		{Path: "img/logo.png", Source: static, SourcePath: "static/img/logo.png"},
	})
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := corpus.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
}

// snapshot returns every file and folder under dir with its content
// ("/" for a folder), keyed by slash path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := corpus.Snapshot(dir)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// assertOnly fails unless dir holds exactly the names want.
func assertOnly(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s holds %q, want %q", dir, got, want)
	}
}

func TestWriteWritesEveryFileAndTheMarker(t *testing.T) {
	root := t.TempDir()
	siteDir := testSite(t, root)
	dir := filepath.Join(siteDir, "public")

	res, err := Write(testOutput(), dir, siteDir)
	if err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, dir)
	want := map[string]string{
		".":                      "/",
		marker:                   markerText,
		"index.html":             "<h1>홈</h1>",
		"posts":                  "/",
		"posts/x":                "/",
		"posts/x/index.html":     "<h1>x</h1>",
		"tags":                   "/",
		"tags/컴퓨터-구조":            "/",
		"tags/컴퓨터-구조/index.html": "<h1>컴퓨터 구조</h1>",
		"img":                    "/",
		"img/logo.png":           "PNG bytes",
	}
	if !maps.Equal(got, want) {
		t.Errorf("output:\n got %q\nwant %q", got, want)
	}
	if res.Files != 4 {
		t.Errorf("Result.Files = %d, want 4", res.Files)
	}
	var size int64
	for _, text := range want {
		if text != "/" && text != markerText {
			size += int64(len(text))
		}
	}
	if res.Bytes != size {
		t.Errorf("Result.Bytes = %d, want %d", res.Bytes, size)
	}
	assertOnly(t, siteDir, "blog.yaml", "content", "public")
}

func TestWriteReplacesThePreviousOutput(t *testing.T) {
	root := t.TempDir()
	siteDir := testSite(t, root)
	dir := filepath.Join(siteDir, "public")

	first := site.NewOutput([]*site.File{
		{Path: "index.html", Data: []byte("first")},
		{Path: "posts/old/index.html", Data: []byte("a post renamed since")},
	})
	if _, err := Write(first, dir, siteDir); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(testOutput(), dir, siteDir); err != nil {
		t.Fatal(err)
	}

	got := snapshot(t, dir)
	if _, ok := got["posts/old/index.html"]; ok {
		t.Error("a file of the first build is still there after the second")
	}
	if got["index.html"] != "<h1>홈</h1>" {
		t.Errorf("index.html = %q, want the second build's", got["index.html"])
	}
	if got[marker] != markerText {
		t.Errorf("the marker is missing after the second build")
	}
	assertOnly(t, siteDir, "blog.yaml", "content", "public")
}

func TestWriteRefusesFoldersItMustNotReplace(t *testing.T) {
	tests := []struct {
		name string
		// target returns the -o folder, given the temporary root and the
		// site folder inside it.
		target func(t *testing.T, root, siteDir string) string
		// files are written under root before Write runs.
		files map[string]string
	}{
		{
			name:   "site folder",
			target: func(t *testing.T, root, siteDir string) string { return siteDir },
		},
		{
			name: "site folder as dot",
			target: func(t *testing.T, root, siteDir string) string {
				t.Chdir(siteDir)
				return "."
			},
		},
		{
			name:   "content folder",
			target: func(t *testing.T, root, siteDir string) string { return filepath.Join(siteDir, "content") },
		},
		{
			name:   "folder inside content",
			target: func(t *testing.T, root, siteDir string) string { return filepath.Join(siteDir, "content", "posts") },
		},
		{
			name:   "new folder inside content",
			target: func(t *testing.T, root, siteDir string) string { return filepath.Join(siteDir, "content", "public") },
		},
		{
			name:   "folder inside content whose name starts with dots",
			target: func(t *testing.T, root, siteDir string) string { return filepath.Join(siteDir, "content", "..public") },
		},
		{
			name:   "parent of the site folder",
			target: func(t *testing.T, root, siteDir string) string { return root },
		},
		{
			name:   "folder of the user's files",
			target: func(t *testing.T, root, siteDir string) string { return filepath.Join(root, "mine") },
			files:  map[string]string{"mine/notes.txt": "내 메모\n", "mine/photos/a.jpg": "\xff\xd8\xff"},
		},
		{
			// The marker says blog wrote the folder once, but a blog.yaml
			// says it is a site now.
			name:   "folder holding blog.yaml",
			target: func(t *testing.T, root, siteDir string) string { return filepath.Join(root, "other-site") },
			files:  map[string]string{"other-site/blog.yaml": "title: other\n", "other-site/" + marker: markerText},
		},
		{
			name:   "folder holding go.mod",
			target: func(t *testing.T, root, siteDir string) string { return filepath.Join(root, "project") },
			files:  map[string]string{"project/go.mod": "module x\n", "project/" + marker: markerText},
		},
		{
			name:   "regular file",
			target: func(t *testing.T, root, siteDir string) string { return filepath.Join(root, "public") },
			files:  map[string]string{"public": "not a folder\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			siteDir := testSite(t, root)
			writeFiles(t, root, tt.files)
			target := tt.target(t, root, siteDir)
			before := snapshot(t, root)

			if _, err := Write(testOutput(), target, siteDir); err == nil {
				t.Fatalf("Write to %s succeeded, want an error", target)
			}
			if after := snapshot(t, root); !maps.Equal(before, after) {
				t.Errorf("Write changed files it refused:\nbefore %q\n after %q", before, after)
			}
		})
	}
}

func TestWriteAcceptsAnEmptyFolder(t *testing.T) {
	root := t.TempDir()
	siteDir := testSite(t, root)
	dir := filepath.Join(root, "public")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	if _, err := Write(testOutput(), dir, siteDir); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, dir); got[marker] != markerText || got["index.html"] != "<h1>홈</h1>" {
		t.Errorf("output = %q, want the site and its marker", got)
	}
	assertOnly(t, root, "public", "site")
}

func TestFailedWriteLeavesThePreviousOutput(t *testing.T) {
	root := t.TempDir()
	siteDir := testSite(t, root)
	dir := filepath.Join(siteDir, "public")
	if _, err := Write(testOutput(), dir, siteDir); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, root)

	broken := site.NewOutput([]*site.File{
		{Path: "index.html", Data: []byte("new home")},
		{Path: "img/gone.png", Source: fstest.MapFS{}, SourcePath: "static/img/gone.png"},
	})
	_, err := Write(broken, dir, siteDir)
	if err == nil {
		t.Fatal("Write with a missing source file succeeded, want an error")
	}
	if !strings.Contains(err.Error(), "gone.png") {
		t.Errorf("error %q does not name the missing file", err)
	}
	if after := snapshot(t, root); !maps.Equal(before, after) {
		t.Errorf("a failed Write changed the folder:\nbefore %q\n after %q", before, after)
	}
}

// A site given by a link that lies inside a marked output folder is
// still inside it: replacing that folder would delete the site. An output
// folder given as a link is refused too, as replacing it would replace
// the link and leave the folder it names alone.
func TestWriteSeesThroughLinksToTheSite(t *testing.T) {
	root := t.TempDir()
	www := filepath.Join(root, "www")
	writeFiles(t, www, map[string]string{marker: markerText, "site/blog.yaml": "title: 사이트\n", "site/content/posts/a.md": "# a\n"})
	link := filepath.Join(root, "s")
	if err := os.Symlink(filepath.Join("www", "site"), link); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, www)
	if _, err := Write(testOutput(), www, link); err == nil {
		t.Fatal("Write replaced an output folder that holds the site, given through a link")
	}
	if diff := snapshot(t, www); !maps.Equal(diff, before) {
		t.Errorf("the output folder changed: %v", diff)
	}
	out := filepath.Join(root, "real-out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(root, "public")
	if err := os.Symlink("real-out", public); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(testOutput(), public, filepath.Join(www, "site")); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("an output that is a link: %v; want it refused", err)
	}
}

// A folder named like a temporary output folder, with an unlocked lock
// file beside it, is not blog's unless it holds the marker (or nothing):
// it stays, and so does its lock file.
func TestStaleCleanupRemovesOnlyBlogsFolders(t *testing.T) {
	root := t.TempDir()
	siteDir := testSite(t, root)
	dir := filepath.Join(siteDir, "public")
	writeFiles(t, siteDir, map[string]string{
		".public.tmp-notes/work.txt": "mine", ".public.tmp-notes.lock": "",
		".public.tmp-1/" + marker: markerText, ".public.tmp-1/index.html": "killed build", ".public.tmp-1.lock": "",
		".public.tmp-2.lock": "",
	})
	if err := os.Mkdir(filepath.Join(siteDir, ".public.tmp-3"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, siteDir, map[string]string{".public.tmp-3.lock": ""})
	if _, err := Write(testOutput(), dir, siteDir); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{".public.tmp-1", ".public.tmp-1.lock", ".public.tmp-2.lock", ".public.tmp-3", ".public.tmp-3.lock"} {
		if _, err := os.Lstat(filepath.Join(siteDir, gone)); err == nil {
			t.Errorf("%s (a killed build's) is still there", gone)
		}
	}
	for _, kept := range []string{".public.tmp-notes/work.txt", ".public.tmp-notes.lock"} {
		if _, err := os.Lstat(filepath.Join(siteDir, kept)); err != nil {
			t.Errorf("%s (the user's) was removed", kept)
		}
	}
}

// Whatever puts a link into the folder being written (another process
// racing a build), no write follows it out: both ways of writing refuse
// links on the way.
func TestTreesWriteNothingThroughALink(t *testing.T) {
	for _, kind := range []string{"beneath", "root"} {
		t.Run(kind, func(t *testing.T) {
			dir, outside := t.TempDir(), t.TempDir()
			var tr tree
			var err error
			if kind == "beneath" {
				if tr, err = openBeneath(dir); err != nil {
					t.Skipf("no openat2 here: %v", err)
				}
			} else {
				r, err := os.OpenRoot(dir)
				if err != nil {
					t.Fatal(err)
				}
				tr = rootTree{r}
			}
			defer tr.close()
			if err := os.Symlink(outside, filepath.Join(dir, "evil")); err != nil {
				t.Fatal(err)
			}
			if err := writeData(tr, "evil/index.html", []byte("x")); err == nil {
				t.Error("a file was written through the link")
			}
			if err := tr.mkdir("evil/sub"); err == nil {
				t.Error("a folder was made through the link")
			}
			if entries, _ := os.ReadDir(outside); len(entries) > 0 {
				t.Errorf("the folder the link names holds %v", entries)
			}
			if err := mkdirAll(tr, "a/b", func(string) bool { return false }, func(string) {}); err != nil {
				t.Fatal(err)
			}
			if err := writeData(tr, "a/b/c.html", []byte("ok")); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// removeTree empties a folder of blog's from several goroutines, down to
// the folder itself, and follows no link out of it: a link to a folder
// elsewhere goes, the folder it points to stays.
func TestRemoveTreeRemovesAllAndFollowsNoLink(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	keep := filepath.Join(outside, "keep.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "public")
	for i := range 200 {
		p := filepath.Join(dir, "posts", "p"+strconv.Itoa(i), "index.html")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{marker, "index.html", "tags/a/index.html"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range []string{"elsewhere", "posts/elsewhere"} {
		if err := os.Symlink(outside, filepath.Join(dir, l)); err != nil {
			t.Fatal(err)
		}
	}
	removeTree(dir)
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder is still there: %v", err)
	}
	if data, err := os.ReadFile(keep); err != nil || string(data) != "mine" {
		t.Errorf("a file behind a link was touched: %q, %v", data, err)
	}
}
