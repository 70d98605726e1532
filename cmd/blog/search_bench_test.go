package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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
// percentile milliseconds per keystroke (from the input event to the
// results drawn, fetching included), the most a query fetched before its
// first results were shown (each query on a fresh page, gzip as GitHub
// Pages sends it, and raw), and the size of the whole index per 1,000
// posts, raw and gzip.
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
	out := filepath.Join(b.TempDir(), "public")
	if msg, err := exec.Command(buildBlog(b), "build", "-s", site, "-o", out, "--cacheDir", filepath.Join(b.TempDir(), "cache")).CombinedOutput(); err != nil {
		b.Fatalf("blog build: %v\n%s", err, msg)
	}
	counter := &fetchCounter{h: http.FileServer(http.Dir(out))}
	ts := httptest.NewServer(counter)
	b.Cleanup(ts.Close)
	srv := &blogServer{URL: ts.URL, done: make(chan struct{})}
	br := startBrowser(b, chrome)
	br.openSearch(b, srv, "/search/")
	docs, err := chromedp.Run(br.ctx, chromedp.Evaluate[int](
		`blogSearch.load(document.getElementById("search-page-form").dataset.index).then(ix => ix.m.n)`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatal(err)
	}
	queries := []string{"쿠버네티스", "에러 처리", "goroutine", "배포 전략", "서버에서", "fmt.Errorf", "컨테이너 이미지", "kubernetes probe",
		"ㅋㅂㄴㅌㅅ", "dkssud", "배포했다", "kubernetse"}

	// What a query fetches until its first results are drawn, on a fresh
	// page: the manifest, its shards, the posts of the first ten.
	var firstWire, firstRaw int
	for _, q := range queries {
		br.openSearch(b, srv, "/search/")
		counter.reset()
		if _, err := chromedp.Run(br.ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(firstResults, jsString(q)), chromedp.EvalAwaitPromise)); err != nil {
			b.Fatal(err)
		}
		f := counter.reset()
		b.Logf("%q: %.1f KB gzip, %.1f KB raw, %d files before the first results", q, kib(f.Wire), kib(f.Raw), f.Files)
		firstWire, firstRaw = max(firstWire, f.Wire), max(firstRaw, f.Raw)
	}

	br.openSearch(b, srv, "/search/")
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
	b.ReportMetric(kib(firstWire), "max-KB-gzip-to-first-results")
	b.ReportMetric(kib(firstRaw), "max-KB-raw-to-first-results")

	// The whole Korean index per 1,000 posts, raw and gzip (each file as a
	// server or GitHub Pages sends it).
	var raw, gz, files int
	err = filepath.WalkDir(filepath.Join(out, "search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		zw.Write(data)
		zw.Close()
		raw, gz, files = raw+len(data), gz+buf.Len(), files+1
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(raw)/float64(docs)*1000/1024, "KB-raw/1000posts")
	b.ReportMetric(float64(gz)/float64(docs)*1000/1024, "KB-gzip/1000posts")
	b.ReportMetric(float64(files), "index-files")
}

// firstResults types a whole query into the search page at once and
// waits for its results to be drawn.
const firstResults = `(async (q) => {
	const input = document.getElementById("search-page-input");
	const list = document.getElementById("search-page-results");
	input.value = q;
	input.dispatchEvent(new Event("input"));
	while (list.dataset.query !== q) await new Promise(r => setTimeout(r, 5));
})(%s)`
