package content

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"

	"blog/internal/config"
)

// TestPlainResourcesAgreeWithTheWalk: the shortcut for a bundle of plain
// files gives what walking the bundle gives, and declines every bundle it
// cannot stand for.
func TestPlainResourcesAgreeWithTheWalk(t *testing.T) {
	dir := t.TempDir()
	bundles := map[string][]string{
		"plain":   {"index.md", "index.en.md", "a.png", "b.txt", "data.json"},
		"hidden":  {"index.md", ".DS_Store", "_draft.png", "old.png~", "kept.png", ".well-known"},
		"nfd":     {"index.md", "\u1100\u1161.png"},
		"sub":     {"index.md", "img/a.png"},
		"badname": {"index.md", "tab\there.png", "a b?.png"},
		"onlyidx": {"index.ko.md"},
	}
	for b, files := range bundles {
		for _, f := range files {
			p := filepath.Join(dir, "content/posts", b, filepath.FromSlash(f))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("---\ntitle: x\ndate: 2024-01-01\n---\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	link := filepath.Join(dir, "content/posts/link")
	os.MkdirAll(link, 0o755)
	os.WriteFile(filepath.Join(link, "index.md"), []byte("x"), 0o644)
	if err := os.Symlink("../plain/a.png", filepath.Join(link, "a.png")); err != nil {
		t.Fatal(err)
	}
	bundles["link"] = nil
	fsys := os.DirFS(dir)
	l := NewLoader(config.Default(), nil)
	declined := 0
	for b := range bundles {
		p := path.Join(PostsDir, b)
		entries, err := fs.ReadDir(fsys, p)
		if err != nil {
			t.Fatal(err)
		}
		var index []source
		for _, e := range entries {
			if name, lang, ok := l.postName(e.Name()); ok && name == "index" && !e.IsDir() {
				index = append(index, source{file: path.Join(p, e.Name()), lang: lang})
			}
		}
		walked, _ := resources(fsys, p, index)
		got, simple := plainResources(p, entries, index)
		if !simple {
			t.Logf("declined %s", b)
			declined++
			continue
		}
		if !slices.Equal(got, walked) {
			t.Errorf("%s: shortcut gives %q, the walk %q", b, got, walked)
		}
	}
	if declined != 3 { // sub, badname, link
		t.Errorf("the shortcut declined %d bundles, want 3 (a subfolder, a refused name, a link)", declined)
	}
}
