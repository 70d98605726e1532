package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"blog/internal/corpus"
)

// BenchmarkSaveToReload measures what a writer waits for: from a post file
// written to the reload event naming its page, on a generated site of
// BLOG_BENCH_POSTS posts (default 2,000), with the default debounce. It
// reports the median and the 90th percentile.
func BenchmarkSaveToReload(b *testing.B) {
	n := corpus.BenchPosts()
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	posts, err := filepath.Glob(filepath.Join(dir, "content", "posts", "*.ko.md"))
	if err != nil || len(posts) == 0 {
		b.Fatalf("no posts: %v", err)
	}
	var log strings.Builder
	d, err := NewDev(DevOptions{SiteDir: dir, Log: &log})
	defer func() { b.Log(lastLines(log.String(), 5)) }()
	if err != nil {
		b.Fatal(err)
	}
	if ok, pages := d.Built(); !ok {
		b.Fatal("corpus does not build")
	} else {
		b.Logf("%d posts, %d pages", n, pages)
	}
	events, cancel := d.Subscribe()
	defer cancel()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go func() { _ = d.Run(ctx) }()

	var waits []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		file := posts[i%len(posts)]
		page := "/posts/" + strings.TrimSuffix(filepath.Base(file), ".ko.md") + "/"
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		data = fmt.Appendf(data, "\n추가한 문장 %d.\n", i)
		start := time.Now()
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		deadline := time.After(30 * time.Second)
	wait:
		for {
			select {
			case ev := <-events:
				if ev.Kind == "error" {
					b.Fatalf("build failed: %s", ev.Message)
				}
				if ev.Kind == "reload" && (ev.All || slices.Contains(ev.Pages, page)) {
					waits = append(waits, time.Since(start))
					break wait
				}
			case <-deadline:
				b.Fatalf("no reload for %s", page)
			}
		}
	}
	b.StopTimer()
	slices.Sort(waits)
	b.ReportMetric(float64(waits[len(waits)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(waits[len(waits)*9/10].Microseconds())/1000, "ms-p90")
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
