package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"blog/internal/corpus"
)

// BenchmarkServeSaveToBrowser measures what a writer sees at scale: blog
// serve on a generated site of BLOG_BENCH_POSTS posts (default 2,000), a
// post open in Chromium, and the time from a save of its file to the
// frame that shows the change (see save below). Twenty body edits (a
// sentence added), then twenty tag edits (a tag added, which changes the
// tag pages and lists too; for these it also times the whole site, until
// the new tag's page is served); then saves go on, each waited for in
// the browser, up to BLOG_BENCH_SAVES in all (default 1,000), every tenth
// a tag edit waited for sitewide, and the server's resident memory is
// read after the first save, half way and after the last. It reports the
// medians and the RSS figures.
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
	// took to show text: from the save to the frame that shows it. When
	// live reload puts the new content in place, that is the animation
	// frame after the text arrived (a mutation observer set before the
	// save); when the page reloads, the new page's first contentful
	// paint. The poll that finds the text only ends the wait. toReload
	// is how much of that passed before the browser had the news (its
	// fetch of the page began): the server saw the save, rendered the
	// page and told the browser.
	var toReload []time.Duration
	saved := 0
	save := func(data []byte, text string) time.Duration {
		saved++
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(function () {
			var token = %d, text = %s;
			window.__save = token;
			performance.clearResourceTimings();
			window.__shown = 0;
			var seen = new MutationObserver(function () {
				if (window.__save !== token) return seen.disconnect();
				if (window.__shown || !document.body.textContent.includes(text)) return;
				seen.disconnect();
				window.__shown = -1;
				requestAnimationFrame(function () {
					if (window.__save === token) window.__shown = performance.timeOrigin + performance.now();
				});
			});
			seen.observe(document, {subtree: true, childList: true, characterData: true});
			return true;
		})()`, saved, jsString(text)))); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		for !shows(text) {
			if time.Since(start) > 30*time.Second {
				b.Fatalf("the browser did not show %q within 30s of the save; server output:\n%s", text, tail(srv.output.String(), 10))
			}
			time.Sleep(5 * time.Millisecond)
		}
		type times struct{ Origin, Paint, Shown, Fetch float64 }
		t := times{Shown: -1}
		ms := func(at time.Time) float64 { return float64(at.UnixMicro()) / 1000 }
		// Shown, or a page loaded after the save with its first paint.
		for t.Shown <= 0 && (t.Shown < 0 || t.Origin < ms(start) || t.Paint == 0) {
			var err error
			t, err = chromedp.Run(ctx, chromedp.Evaluate[times](`(function () {
				var fetches = performance.getEntriesByType("resource").filter(function (e) { return e.initiatorType === "fetch"; });
				return {
					Origin: performance.timeOrigin,
					Paint: (performance.getEntriesByName("first-contentful-paint")[0] || {startTime: 0}).startTime,
					Shown: window.__shown || 0,
					Fetch: fetches.length ? performance.timeOrigin + fetches[fetches.length - 1].startTime : 0,
				};
			})()`))
			if err != nil {
				b.Fatal(err)
			}
			if time.Since(start) > 30*time.Second {
				b.Fatalf("no frame shows %q: %+v, the save at %.1f", text, t, ms(start))
			}
		}
		at := func(ms float64) time.Time { return time.UnixMicro(int64(ms * 1000)) }
		if os.Getenv("ZZDEBUG") != "" {
			fmt.Fprintf(os.Stderr, "%q: start %.1f origin %+.1f paint %.1f shown %+.1f fetch %+.1f\n", text, float64(start.UnixMicro())/1000, t.Origin-float64(start.UnixMicro())/1000, t.Paint, t.Shown-float64(start.UnixMicro())/1000, t.Fetch-float64(start.UnixMicro())/1000)
		}
		if t.Shown > 0 { // put in place
			toReload = append(toReload, at(t.Fetch).Sub(start))
			return at(t.Shown).Sub(start)
		}
		toReload = append(toReload, at(t.Origin).Sub(start))
		return at(t.Origin + t.Paint).Sub(start)
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
	// The first build wrote its caches (hundreds of megabytes at 10,000
	// posts) into the site folder: let them reach the disk now, as
	// blog-bench does between runs, so that the saves do not wait on
	// that writeback.
	syscall.Sync()

	// sitewide waits, after a tag edit, for the new tag's page: the whole
	// site built after the save, and returns how long that took.
	sitewide := func(start time.Time, tag string) time.Duration {
		for {
			res, err := http.Get(srv.URL + "tags/" + tag + "/")
			if err != nil {
				b.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return time.Since(start)
			}
			if time.Since(start) > 60*time.Second {
				b.Fatalf("no page for the tag %s within 60s; server output:\n%s", tag, tail(srv.output.String(), 10))
			}
			time.Sleep(5 * time.Millisecond)
		}
	}

	for b.Loop() {
		var bodyWaits, tagWaits, siteWaits []time.Duration
		var rss1, rssHalf, rssLast int64
		for i := 1; i <= saves; i++ {
			// Saves 21 to 40 edit the tags, and so does every tenth save
			// after them, which waits for the whole site too, so that the
			// memory read covers whole builds as well as previews.
			tagEdit := i > 20 && i <= 40 || i > 40 && i%10 == 0
			var data []byte
			var text string
			if tagEdit {
				data, text = tag(i)
			} else {
				data, text = body(i)
			}
			start := time.Now()
			d := save(data, text)
			switch {
			case i <= 20:
				bodyWaits = append(bodyWaits, d)
			case i <= 40:
				tagWaits = append(tagWaits, d)
			}
			if tagEdit {
				siteWaits = append(siteWaits, sitewide(start, text))
			}
			if i == 1 {
				rss1 = residentKiB(b, srv.pid)
			}
			if i == saves/2 {
				rssHalf = residentKiB(b, srv.pid)
			}
		}
		rssLast = residentKiB(b, srv.pid)
		b.ReportMetric(medianMs(bodyWaits), "body-ms-median")
		b.ReportMetric(medianMs(tagWaits), "tag-ms-median")
		b.ReportMetric(medianMs(siteWaits), "tag-site-ms-median")
		b.ReportMetric(medianMs(toReload), "to-reload-ms-median")
		b.ReportMetric(float64(rss1)/1024, "rss-MiB-save-1")
		b.ReportMetric(float64(rssHalf)/1024, fmt.Sprintf("rss-MiB-save-%d", saves/2))
		b.ReportMetric(float64(rssLast)/1024, fmt.Sprintf("rss-MiB-save-%d", saves))
		b.Logf("%d posts; body edits %v; tag edits %v; whole site after tag edits %v", n, bodyWaits, tagWaits, siteWaits)
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
