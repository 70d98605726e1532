package diagram

import (
	"strconv"
	"testing"
	"time"
)

// BenchmarkDraw draws a diagram the cache does not hold, in a browser
// already started: the cost of one new diagram in a build.
func BenchmarkDraw(b *testing.B) {
	r := New(Options{Script: mermaidScript(b), Browser: findBrowser(b)})
	defer r.Close()
	if _, err := r.Draw([]byte(koFlowchart)); err != nil { // starts the browser
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := r.Draw([]byte(koFlowchart + "  %% " + strconv.Itoa(i) + "\n")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDrawCached takes a drawn diagram from the cache.
func BenchmarkDrawCached(b *testing.B) {
	r := New(Options{Script: mermaidScript(b), Browser: findBrowser(b)})
	defer r.Close()
	if _, err := r.Draw([]byte(koFlowchart)); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := r.Draw([]byte(koFlowchart)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStart starts a browser and loads Mermaid into it: what the
// first diagram of a build that the cache lacks costs beyond drawing it.
func BenchmarkStart(b *testing.B) {
	script, browser := mermaidScript(b), findBrowser(b)
	var total time.Duration
	for range b.N {
		start := time.Now()
		s, err := startSession(browser, script)
		if err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		s.close()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/start")
}
