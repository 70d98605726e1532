package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"blog/internal/corpus"
)

// BenchmarkServeSaveToBrowser measures what a writer sees at scale: blog
// serve on a generated site of BLOG_BENCH_POSTS posts (default 2,000), a
// post open in Chromium, and the time from a save of its file to the
// browser showing the change, polled in the page through the DevTools
// protocol. Twenty body edits (a sentence added), then twenty tag edits (a
// tag added, which changes the tag pages and lists too); then saves go on,
// each waited for in the browser, up to BLOG_BENCH_SAVES in all (default
// 1,000), and the server's resident memory is read after the first save
// and the last. It reports the medians and the two RSS figures.
func BenchmarkServeSaveToBrowser(b *testing.B) {
	if testing.Short() {
		b.Skip("starts a browser and a server over a generated site")
	}
	execPath := findBrowser(b)
	bin := buildBlog(b)
	n := corpus.BenchPosts()
	saves := 1000
	if v, err := strconv.Atoi(os.Getenv("BLOG_BENCH_SAVES")); err == nil && v >= 40 {
		saves = v
	}
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	posts, err := filepath.Glob(filepath.Join(dir, "content", "posts", "*.ko.md"))
	if err != nil || len(posts) == 0 {
		b.Fatalf("no posts: %v", err)
	}
	file := posts[len(posts)/2]
	original, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	tagsLine := regexp.MustCompile(`(?m)^tags: \[(.*)\]$`)
	if !tagsLine.Match(original) {
		b.Fatalf("%s has no tags line", file)
	}
	slug := strings.TrimSuffix(filepath.Base(file), ".ko.md")

	srv := startServe(b, bin, dir)
	bw := startBrowser(b, execPath)
	// The whole run is longer than a browser test's deadline.
	ctx := bw.tab
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"posts/"+slug+"/")); err != nil {
		b.Fatal(err)
	}
	shows := func(text string) bool {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(
			"document.body !== null && document.body.innerText.includes(%s)", jsString(text))))
		return err == nil && ok
	}
	// save writes the post with an edit and returns how long the browser
	// took to show text.
	save := func(data []byte, text string) time.Duration {
		start := time.Now()
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		for !shows(text) {
			if time.Since(start) > 30*time.Second {
				b.Fatalf("the browser did not show %q within 30s of the save; server output:\n%s", text, tail(srv.output.String(), 10))
			}
			time.Sleep(time.Millisecond)
		}
		return time.Since(start)
	}
	body := func(i int) ([]byte, string) {
		text := fmt.Sprintf("편집한 문장 %d번입니다", i)
		return fmt.Appendf(slices.Clone(original), "\n%s.\n", text), text
	}
	tag := func(i int) ([]byte, string) {
		name := fmt.Sprintf("scaletag%d", i)
		return tagsLine.ReplaceAll(slices.Clone(original), []byte("tags: [$1, "+name+"]")), name
	}
	if !shows("") {
		b.Fatal("the post page did not load")
	}

	for b.Loop() {
		var bodyWaits, tagWaits []time.Duration
		var rss1, rssLast int64
		for i := 1; i <= saves; i++ {
			var data []byte
			var text string
			if i > 20 && i <= 40 {
				data, text = tag(i)
			} else {
				data, text = body(i)
			}
			d := save(data, text)
			switch {
			case i <= 20:
				bodyWaits = append(bodyWaits, d)
			case i <= 40:
				tagWaits = append(tagWaits, d)
			}
			if i == 1 {
				rss1 = residentKiB(b, srv.pid)
			}
		}
		rssLast = residentKiB(b, srv.pid)
		b.ReportMetric(medianMs(bodyWaits), "body-ms-median")
		b.ReportMetric(medianMs(tagWaits), "tag-ms-median")
		b.ReportMetric(float64(rss1)/1024, "rss-MiB-save-1")
		b.ReportMetric(float64(rssLast)/1024, fmt.Sprintf("rss-MiB-save-%d", saves))
		b.Logf("%d posts; body edits %v; tag edits %v", n, bodyWaits, tagWaits)
	}
	if err := os.WriteFile(file, original, 0o644); err != nil {
		b.Fatal(err)
	}
}

// medianMs is the median of ds in milliseconds.
func medianMs(ds []time.Duration) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + m) / 2
	}
	return float64(m.Microseconds()) / 1000
}

// residentKiB is the resident set of the process pid, from /proc.
func residentKiB(b *testing.B, pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kib, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return kib
		}
	}
	b.Fatalf("no VmRSS in /proc/%d/status", pid)
	return 0
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
