package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"blog/internal/corpus"
)

// typeQuery types a query into the search page one character at a time,
// each an input event, and returns how long each keystroke took in the
// page, from the input event to the results shown (search.js measures it:
// ranking plus drawing the list).
const typeQuery = `(async (q) => {
	const input = document.getElementById("search-page-input");
	const list = document.getElementById("search-page-results");
	const times = [];
	const chars = Array.from(q);
	for (let i = 1; i <= chars.length; i++) {
		const typed = chars.slice(0, i).join("");
		input.value = typed;
		input.dispatchEvent(new Event("input"));
		while (list.dataset.query !== typed) await new Promise(r => setTimeout(r, 0));
		times.push(parseFloat(list.dataset.ms));
	}
	input.value = "";
	input.dispatchEvent(new Event("input"));
	return times;
})(%s)`

// BenchmarkSearchKeystroke measures search as you type in headless
// Chromium, on the Korean search page of a generated site whose Korean
// index holds about 2,000 posts (BLOG_BENCH_POSTS sets the site's size,
// both languages; 60% are Korean). It reports the median and the 90th
// percentile milliseconds per keystroke, and the size of the index per
// 1,000 posts, raw and gzip.
func BenchmarkSearchKeystroke(b *testing.B) {
	chrome := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chrome = p
			break
		}
	}
	if chrome == "" {
		b.Skip("no chromium on PATH")
	}
	n := 3400
	if s := os.Getenv("BLOG_BENCH_POSTS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("BLOG_BENCH_POSTS=%q: %v", s, err)
		}
		n = v
	}
	site := filepath.Join(b.TempDir(), "site")
	if _, err := corpus.Generate(site, n, 1); err != nil {
		b.Fatal(err)
	}
	srv := staticBuild(b, site)
	br := startBrowser(b, chrome)
	br.openSearch(b, srv, "/search/")
	docs, err := chromedp.Run(br.ctx, chromedp.Evaluate[int](
		`blogSearch.load(document.getElementById("search-page-form").dataset.index).then(ix => ix.m.n)`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatal(err)
	}
	queries := []string{"쿠버네티스", "에러 처리", "goroutine", "배포 전략", "서버에서", "fmt.Errorf", "컨테이너 이미지", "kubernetes probe"}
	var times []float64
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := queries[i%len(queries)]
		ms, err := chromedp.Run(br.ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(typeQuery, jsString(q)), chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, ms...)
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(times[len(times)/2], "ms/keystroke")
	b.ReportMetric(times[len(times)*9/10], "p90-ms/keystroke")
	b.ReportMetric(float64(docs), "posts-in-index")

	// The index's size per 1,000 posts, raw and gzip (as a server or
	// GitHub Pages sends it).
	resp, err := http.Get(srv.URL + "/search/index.json")
	if err != nil {
		b.Fatal(err)
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		b.Fatal(err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	b.ReportMetric(float64(len(raw))/float64(docs)*1000/1024, "KB-raw/1000posts")
	b.ReportMetric(float64(gz.Len())/float64(docs)*1000/1024, "KB-gzip/1000posts")
}
