package sitepath

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestFastReadsAreTheRootsReads: the site's FS reads a file through the
// kernel's one-call path where it can; what it gives, file or refusal,
// is what the os.Root gives for every kind of path and link.
func TestFastReadsAreTheRootsReads(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	write := func(name, data string) {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/posts/a/index.md", "글 하나")
	write("content/big.md", string(bytes.Repeat([]byte("가"), 100000)))
	write("content/empty.md", "")
	if err := os.WriteFile(filepath.Join(dir, "secret"), []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"content/in.md":       "posts/a/index.md",
		"content/up.md":       "../content/posts/a/index.md",
		"content/out.md":      "../../secret",
		"content/abs-in.md":   filepath.Join(site, "content/empty.md"),
		"content/abs-out.md":  filepath.Join(dir, "secret"),
		"content/dangling.md": "nowhere.md",
		"content/loop.md":     "loop.md",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	r, err := OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.fs.fast == nil {
		t.Skip("no openat2 here")
	}
	plain := r.OS().FS()
	names := []string{"content/posts/a/index.md", "content/big.md", "content/empty.md", "content", "missing.md",
		"../secret", "/etc/passwd", "content/../content/big.md", "./content/big.md", ""}
	for name := range links {
		names = append(names, name)
	}
	fast := 0
	for _, name := range names {
		want, werr := fs.ReadFile(plain, name)
		got, gerr := fs.ReadFile(r.FS(), name)
		if (werr == nil) != (gerr == nil) || !bytes.Equal(got, want) {
			t.Errorf("%s: got %d bytes, %v; the root gives %d bytes, %v", name, len(got), gerr, len(want), werr)
		}
		if werr != nil && gerr != nil && werr.Error() != gerr.Error() {
			t.Errorf("%s: error %q, the root's %q", name, gerr, werr)
		}
		if _, ok := r.fs.fast.readFile(name); ok && fs.ValidPath(name) {
			fast++
		}
	}
	if fast < 5 {
		t.Errorf("only %d reads took the fast path", fast)
	}
}
