package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"testing"
	"time"

	"blog/internal/cache"
	"blog/internal/corpus"
)

// BenchmarkPostPageTemplate executes the post layout for one page of this
// blog (the Korean kube-rs post).
func BenchmarkPostPageTemplate(b *testing.B) {
	bl, err := NewBuilder(os.DirFS("../.."), BuilderOptions{})
	if err != nil {
		b.Fatal(err)
	}
	out, _, err := bl.Build()
	if err != nil {
		b.Fatal(err)
	}
	f := out.Lookup("posts/kube-rs-contributions/index.html")
	if f == nil || f.Page == nil {
		b.Fatal("no page")
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := bl.Theme.Execute(&buf, "post", f.Page); err != nil {
			b.Fatal(err)
		}
	}
}

// benchSite generates a corpus of BLOG_BENCH_POSTS posts (default 2,000;
// the speed targets name 10,000) and builds it once.
func benchSite(b *testing.B) (string, *Builder) {
	n := corpus.BenchPosts()
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	// As blog serve does: deferred search indexes, and the caches in the site.
	cacheRoot, err := cache.OpenDir(filepath.Join(dir, ".blogcache"))
	if err != nil {
		b.Fatal(err)
	}
	defer cacheRoot.Close()
	bl, err := NewBuilder(os.DirFS(dir), BuilderOptions{Options: Options{Defer: true}, Cache: cacheRoot})
	if err != nil {
		b.Fatal(err)
	}
	if _, _, err := bl.Build(); err != nil {
		b.Fatal(err)
	}
	return dir, bl
}

// BenchmarkUpdate measures a rebuild in blog serve after one post is
// saved: its body below the summary, with the same number of words (so
// its reading time, which lists show, stays), or its tags. Besides the
// mean (ns/op) it reports the median, as a few saves of a long run wait for
// the garbage collector.
func BenchmarkUpdate(b *testing.B) {
	dir, bl := benchSite(b)
	posts, _ := filepath.Glob(filepath.Join(dir, "content", "posts", "*.ko.md"))
	// Each edit is of a post not edited before (the count goes on across
	// runs of a benchmark), so that every tags edit changes the tags.
	edits := 0
	edit := func(b *testing.B, change func(i int, src string) string) {
		var times []time.Duration
		for b.Loop() {
			i := edits
			edits++
			file := posts[i%len(posts)]
			data, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(change(i, string(data))), 0o644); err != nil {
				b.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, file)
			start := time.Now()
			var out *Output
			// Labelled, so a CPU profile can show the rebuilds alone
			// (go tool pprof -tagfocus=work=update).
			pprof.Do(context.Background(), pprof.Labels("work", "update"), func(context.Context) {
				out, _, err = bl.Update([]string{filepath.ToSlash(rel)})
			})
			if err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(start))
			b.ReportMetric(float64(out.Rendered), "pages/op")
		}
		slices.Sort(times)
		b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median/op")
	}
	b.Run("body", func(b *testing.B) {
		edit(b, func(i int, src string) string {
			// The last sentence ends in turn with "!" and ".".
			j := strings.LastIndexAny(src, ".!")
			return src[:j] + map[bool]string{true: "!", false: "."}[src[j] == '.'] + src[j+1:]
		})
	})
	b.Run("tags", func(b *testing.B) {
		edit(b, func(i int, src string) string {
			return strings.Replace(src, "tags: [", fmt.Sprintf("tags: [bench-%d, ", i%7), 1)
		})
	})
}
