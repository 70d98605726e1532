package watch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestEditorNoiseIsIgnored(t *testing.T) {
	for _, name := range []string{"4913", ".index.ko.md.swp", ".x.swo", "index.ko.md~", "#index.md#", ".#index.md",
		".DS_Store", "index.md___jb_tmp___", "index.md___jb_old___"} {
		if !ignored(name) {
			t.Errorf("%q not ignored", name)
		}
	}
	for _, name := range []string{"index.ko.md", "blog.yaml", "a.png", "style.css", "4914", "swp.md"} {
		if ignored(name) {
			t.Errorf("%q ignored", name)
		}
	}
}

func TestQuickEventsMakeOneSortedBatch(t *testing.T) {
	in, out := make(chan string), make(chan []string, 4)
	go batch(in, out, 40*time.Millisecond, time.Second)
	for _, p := range []string{"b.md", "a.md", "b.md", "c.md"} {
		in <- p
	}
	got := <-out
	if !slices.Equal(got, []string{"a.md", "b.md", "c.md"}) {
		t.Errorf("batch = %v", got)
	}
	close(in)
	if extra, ok := <-out; ok {
		t.Errorf("unexpected second batch %v", extra)
	}
}

func TestEventsAfterAQuietSpellMakeASecondBatch(t *testing.T) {
	in, out := make(chan string), make(chan []string, 4)
	go batch(in, out, 20*time.Millisecond, time.Second)
	in <- "a.md"
	first := <-out // sent only after the quiet interval
	in <- "b.md"
	second := <-out
	close(in)
	if !slices.Equal(first, []string{"a.md"}) || !slices.Equal(second, []string{"b.md"}) {
		t.Errorf("batches = %v, %v", first, second)
	}
}

func TestAStreamOfEventsIsCutAtMaxWait(t *testing.T) {
	in, out := make(chan string), make(chan []string, 8)
	go batch(in, out, 50*time.Millisecond, 100*time.Millisecond)
	stop := time.After(2 * time.Second)
	sent := 0
loop:
	for {
		select {
		case in <- "a.md": // faster than the debounce, forever
			sent++
			time.Sleep(5 * time.Millisecond)
		case b := <-out:
			if !slices.Equal(b, []string{"a.md"}) {
				t.Errorf("batch = %v", b)
			}
			break loop
		case <-stop:
			t.Fatal("no batch while events kept coming: max wait not applied")
		}
	}
	close(in)
}

// next waits for a batch that contains want, failing after a generous
// deadline (the wait is for the file system, not a timing assertion).
func next(t *testing.T, w *Watcher, want string) []string {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case b := <-w.Batches():
			if slices.Contains(b, want) {
				return b
			}
		case <-deadline:
			t.Fatalf("no batch with %s", want)
		}
	}
}

func TestWatchesWritesNewFoldersAndDeletes(t *testing.T) {
	root := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(root, "content", "posts"), 0o755))
	must(t, os.MkdirAll(filepath.Join(root, "public"), 0o755))
	w, err := New(root, Options{Debounce: 20 * time.Millisecond, SkipDirs: []string{"public"}})
	must(t, err)
	defer w.Close()

	write(t, root, "content/posts/a.md", "하나")
	next(t, w, "content/posts/a.md")

	// A folder created after start, with a file written at once.
	must(t, os.MkdirAll(filepath.Join(root, "content", "posts", "new", "img"), 0o755))
	write(t, root, "content/posts/new/index.md", "새 글")
	next(t, w, "content/posts/new/index.md")
	write(t, root, "content/posts/new/img/x.png", "png")
	next(t, w, "content/posts/new/img/x.png")

	// Noise and the output folder never show up.
	write(t, root, "content/posts/.a.md.swp", "swap")
	write(t, root, "public/index.html", "out")
	must(t, os.Chmod(filepath.Join(root, "content", "posts", "a.md"), 0o600))
	write(t, root, "content/posts/b.md", "marker")
	b := next(t, w, "content/posts/b.md")
	for _, p := range b {
		if strings.Contains(p, ".swp") || strings.HasPrefix(p, "public/") || p == "content/posts/a.md" {
			t.Errorf("batch has %s: %v", p, b)
		}
	}

	must(t, os.Remove(filepath.Join(root, "content", "posts", "b.md")))
	next(t, w, "content/posts/b.md")
	must(t, os.Rename(filepath.Join(root, "content", "posts", "a.md"), filepath.Join(root, "content", "posts", "c.md")))
	next(t, w, "content/posts/c.md")
}

func write(t *testing.T, root, rel, data string) {
	t.Helper()
	must(t, os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), []byte(data), 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
