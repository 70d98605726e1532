package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// searchQuery is a query of testdata/search-queries.json: written before
// either search's results were looked at, with the post it should find.
type searchQuery struct {
	Kind  string `json:"kind"`
	Page  string `json:"page"`
	Query string `json:"query"`
	Want  string `json:"want"`
}

// engineAnswer is what one search engine made of one query in the page:
// its first three results and what it fetched for its first ten.
type engineAnswer struct {
	Top    []string `json:"top"`
	Count  int      `json:"count"`
	Wire   int      `json:"wire"`   // bytes of the index on the wire (gzip where the server sends it)
	Raw    int      `json:"raw"`    // bytes of the index, decoded
	Engine int      `json:"engine"` // bytes of scripts and WebAssembly on the wire
	Files  int      `json:"files"`
}

// blogQueryJS asks this blog's search.js, as the search box does: the
// manifest, the shards and the posts of the first ten results.
const blogQueryJS = `(async (q) => {
	const ix = await blogSearch.load(document.getElementById("search-page-form").dataset.index);
	const a = await ix.query(q, {first: 10});
	return {top: a.results.slice(0, 3).map(r => new URL(r.doc.u, location.href).pathname), count: a.results.length};
})(%s)`

// pagefindQueryJS asks Pagefind's own API in the same page: search, then
// the data of the first ten results, as its UI does.
const pagefindQueryJS = `(async (q) => {
	const pf = await import("/pagefind/pagefind.js");
	const r = await pf.search(q);
	const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
	return {top: data.slice(0, 3).map(d => new URL(d.url, location.href).pathname), count: r.results.length};
})(%s)`

// BenchmarkSearchVersusPagefind builds this repository's blog (or the site
// in BLOG_COMPARE_SITE), indexes the same built pages with Pagefind (the
// binary in BLOG_PAGEFIND, from npm's pagefind package), and runs every
// query of testdata/search-queries.json in both, in Chromium, each on a
// fresh page with the cache off, served with gzip as GitHub Pages serves
// (see fetchCounter).
// It logs a table of each query (answered: the expected post in the
// first three) and reports the totals.
func BenchmarkSearchVersusPagefind(b *testing.B) {
	pagefind := os.Getenv("BLOG_PAGEFIND")
	if pagefind == "" {
		b.Skip("set BLOG_PAGEFIND to the pagefind binary (npm install pagefind)")
	}
	chrome := findBrowser(b)
	site := repoRoot
	if s := os.Getenv("BLOG_COMPARE_SITE"); s != "" {
		site = s
	}
	out := filepath.Join(b.TempDir(), "public")
	if msg, err := exec.Command(buildBlog(b), "build", "-s", site, "-o", out, "--cacheDir", filepath.Join(b.TempDir(), "cache")).CombinedOutput(); err != nil {
		b.Fatalf("blog build: %v\n%s", err, msg)
	}
	// Posts only, as a site using Pagefind marks its posts' bodies.
	if msg, err := exec.Command(pagefind, "--site", out, "--glob", "{posts,en/posts}/**/*.html").CombinedOutput(); err != nil {
		b.Fatalf("pagefind: %v\n%s", err, msg)
	} else {
		b.Logf("pagefind: %s", lastLines(string(msg), 6))
	}
	counter := &fetchCounter{h: http.FileServer(http.Dir(out))}
	ts := httptest.NewServer(counter)
	b.Cleanup(ts.Close)
	srv := &blogServer{URL: ts.URL, done: make(chan struct{})}

	data, err := os.ReadFile(filepath.Join("testdata", "search-queries.json"))
	if err != nil {
		b.Fatal(err)
	}
	var queries []searchQuery
	if err := json.Unmarshal(data, &queries); err != nil {
		b.Fatal(err)
	}
	br := startBrowser(b, chrome)
	if err := chromedp.Do(br.ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	})); err != nil {
		b.Fatal(err)
	}
	ask := func(page, js, q string) engineAnswer {
		br.openSearch(b, srv, page)
		counter.reset()
		a, err := chromedp.Run(br.ctx, chromedp.Evaluate[engineAnswer](fmt.Sprintf(js, jsString(q)), chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatalf("%s %q: %v", page, q, err)
		}
		f := counter.reset()
		a.Wire, a.Raw, a.Engine, a.Files = f.Wire, f.Raw, f.Engine, f.Files
		return a
	}
	for b.Loop() {
		var table strings.Builder
		fmt.Fprintf(&table, "\n| kind | query | want | blog | blog KB (gzip/raw, files) | Pagefind | Pagefind KB (gzip/raw, files) |\n|---|---|---|---|---|---|---|\n")
		type tally struct{ answered, wire, raw, engine, n int }
		var blog, pf tally
		kinds := map[string]*[2]int{}
		var order []string
		for _, q := range queries {
			ba := ask(q.Page, blogQueryJS, q.Query)
			pa := ask(q.Page, pagefindQueryJS, q.Query)
			bok, pok := slices.Contains(ba.Top, q.Want), slices.Contains(pa.Top, q.Want)
			if kinds[q.Kind] == nil {
				kinds[q.Kind] = &[2]int{}
				order = append(order, q.Kind)
			}
			for i, e := range []struct {
				ok bool
				a  engineAnswer
				t  *tally
			}{{bok, ba, &blog}, {pok, pa, &pf}} {
				if e.ok {
					e.t.answered++
					kinds[q.Kind][i]++
				}
				e.t.wire += e.a.Wire
				e.t.raw += e.a.Raw
				e.t.engine = max(e.t.engine, e.a.Engine)
				e.t.n++
			}
			fmt.Fprintf(&table, "| %s | `%s` | %s | %s | %.1f / %.1f, %d | %s | %.1f / %.1f, %d |\n", q.Kind, q.Query, strings.TrimSuffix(strings.TrimPrefix(q.Want, "/"), "/"),
				mark(bok, ba), kib(ba.Wire), kib(ba.Raw), ba.Files, mark(pok, pa), kib(pa.Wire), kib(pa.Raw), pa.Files)
		}
		fmt.Fprintf(&table, "\nanswered (expected post in the first three) of %d: blog %d, Pagefind %d\n", len(queries), blog.answered, pf.answered)
		for _, k := range order {
			fmt.Fprintf(&table, "  %-9s blog %d, Pagefind %d\n", k, kinds[k][0], kinds[k][1])
		}
		fmt.Fprintf(&table, "index bytes per query, mean: blog %.1f KB gzip (%.1f raw), Pagefind %.1f KB (%.1f raw); engine code fetched for a query, at most: blog %.1f KB, Pagefind %.1f KB (gzip; search.js comes with the page)\n",
			kib(blog.wire)/float64(blog.n), kib(blog.raw)/float64(blog.n), kib(pf.wire)/float64(pf.n), kib(pf.raw)/float64(pf.n), kib(blog.engine), kib(pf.engine))
		b.Log(table.String())
		b.ReportMetric(float64(blog.answered), "answered-blog")
		b.ReportMetric(float64(pf.answered), "answered-pagefind")
		b.ReportMetric(kib(blog.wire)/float64(blog.n), "KB/query-blog")
		b.ReportMetric(kib(pf.wire)/float64(pf.n), "KB/query-pagefind")
	}
}

// mark is ✓ for an answered query, else what came first.
func mark(ok bool, a engineAnswer) string {
	if ok {
		return fmt.Sprintf("✓ (%d)", a.Count)
	}
	if len(a.Top) == 0 {
		return "✗ none"
	}
	return fmt.Sprintf("✗ (%d)", a.Count)
}

func kib(n int) float64 { return float64(n) / 1024 }

// lastLines is the last n lines of s.
func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(l[max(0, len(l)-n):], "\n")
}

// fetchCounter serves files as GitHub Pages does (text gzip-compressed
// for a client that takes it; Pagefind's files, compressed already, as
// they are) and counts what it sent since the last reset: the index apart
// from the engine's code. It counts on the server because Pagefind
// fetches from a worker, whose requests the page's timings do not list.
type fetchCounter struct {
	h  http.Handler
	mu sync.Mutex
	n  engineAnswer
}

func (c *fetchCounter) reset() engineAnswer {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.n
	c.n = engineAnswer{}
	return n
}

func (c *fetchCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ext := filepath.Ext(r.URL.Path)
	text := ext == "" || ext == ".html" || ext == ".json" || ext == ".js" || ext == ".css" || ext == ".xml" || ext == ".svg"
	// No reuse between queries: Pagefind's worker fetches past the page's
	// switched-off cache.
	w.Header().Set("Cache-Control", "no-store")
	cw := &countingWriter{ResponseWriter: w}
	if text && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		zw := gzip.NewWriter(cw)
		gw := gzipWriter{ResponseWriter: w, zw: zw, raw: new(int)}
		c.h.ServeHTTP(gw, r)
		zw.Close()
		cw.raw = gw.n()
	} else {
		c.h.ServeHTTP(cw, r)
		cw.raw = cw.wire
	}
	engine := ext == ".js" || ext == ".wasm" || strings.HasPrefix(filepath.Base(r.URL.Path), "wasm.")
	c.mu.Lock()
	defer c.mu.Unlock()
	if engine {
		c.n.Engine += cw.wire
	} else {
		c.n.Wire += cw.wire
		c.n.Raw += cw.raw
		c.n.Files++
	}
}

// countingWriter counts the bytes of a response body on the wire.
type countingWriter struct {
	http.ResponseWriter
	wire, raw int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.wire += n
	return n, err
}

// gzipWriter writes a response through gzip, counting the bytes before.
type gzipWriter struct {
	http.ResponseWriter
	zw  *gzip.Writer
	raw *int
}

func (g gzipWriter) Write(p []byte) (int, error) {
	if g.raw == nil {
		return g.zw.Write(p)
	}
	*g.raw += len(p)
	return g.zw.Write(p)
}

func (g gzipWriter) n() int {
	if g.raw == nil {
		return 0
	}
	return *g.raw
}

// WriteHeader drops the length of the uncompressed body.
func (g gzipWriter) WriteHeader(code int) {
	g.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}
