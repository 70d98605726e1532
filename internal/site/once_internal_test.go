package site

import (
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"blog/internal/content"
	"blog/internal/corpus"
)

// A Builder of one build (blog build) lets go of the parsed posts before
// the pages render: by the time the home page is written, every post the
// load gave can be collected. Without Once the Builder keeps them for
// the next build, which the same check sees.
func TestOnceLetsGoOfThePostsBeforeThePagesRender(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 30, 5); err != nil {
		t.Fatal(err)
	}
	for _, once := range []bool{true, false} {
		var loaded, collected atomic.Int64
		var check sync.Once
		var gone int64 = -1
		emit := func(f *File) error {
			if f.Path == "index.html" {
				check.Do(func() {
					// Cleanups run soon after the collection that finds
					// their posts gone; kept posts are waited for briefly.
					wait := 200 * time.Millisecond
					if once {
						wait = 3 * time.Second
					}
					for deadline := time.Now().Add(wait); ; time.Sleep(10 * time.Millisecond) {
						runtime.GC()
						if collected.Load() == loaded.Load() || time.Now().After(deadline) {
							break
						}
					}
					gone = collected.Load()
				})
			}
			return nil
		}
		b, err := NewBuilder(os.DirFS(dir), BuilderOptions{Once: once, Options: Options{Emit: emit}})
		if err != nil {
			t.Fatal(err)
		}
		b.loadedSet = func(set *content.Set) {
			for _, p := range set.Posts {
				loaded.Add(1)
				runtime.AddCleanup(p, func(struct{}) { collected.Add(1) }, struct{}{})
			}
		}
		out, set, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		if once != (set == nil) {
			t.Errorf("once %v: Build returned the set %v", once, set != nil)
		}
		if out.Posts != int(loaded.Load()) || loaded.Load() < 30 {
			t.Fatalf("once %v: %d posts built, %d loaded", once, out.Posts, loaded.Load())
		}
		switch {
		case gone == -1:
			t.Fatalf("once %v: no home page was written", once)
		case once && gone != loaded.Load():
			t.Errorf("once: %d of %d posts were let go of when the home page was written", gone, loaded.Load())
		case !once && gone != 0:
			t.Errorf("without once: %d of %d posts were let go of, which the next build needs", gone, loaded.Load())
		}
		runtime.KeepAlive(b)
	}
}
