package main

import (
	"fmt"
	"io"
	"slices"
)

// result is what one size gave; it is also the JSON of results-N.json.
type result struct {
	Posts   int     `json:"posts"`
	Korean  int     `json:"korean"`
	English int     `json:"english"`
	Seed    int64   `json:"seed"`
	Runs    int     `json:"runs"`
	Machine machine `json:"machine"`
	// Hugo is the first line of hugo version, empty when hugo was missing.
	Hugo string `json:"hugo,omitempty"`
	// Cache is the name of blog's cache folder when its cold runs wrote
	// one, else "no cache".
	Cache  string       `json:"cache"`
	Tools  []toolResult `json:"tools"`
	Ratios []ratio      `json:"ratios,omitempty"`
}

// toolResult summarizes one series.
type toolResult struct {
	Tool         string    `json:"tool"`
	WallMs       []float64 `json:"wall_ms"`
	RSSMiB       []float64 `json:"rss_mib"`
	MedianMs     float64   `json:"median_ms"`
	MinMs        float64   `json:"min_ms"`
	MaxMs        float64   `json:"max_ms"`
	MsPerPage    float64   `json:"ms_per_html_page"`
	MsPerPost    float64   `json:"ms_per_post"`
	MedianRSSMiB float64   `json:"median_rss_mib"`
	HTMLPages    int       `json:"html_pages"`
	XMLFiles     int       `json:"xml_files"`
}

// ratio compares a blog series with Hugo's: below 1 means blog is faster
// or smaller.
type ratio struct {
	Of   string  `json:"of"`
	Time float64 `json:"time"`
	RSS  float64 `json:"rss"`
}

func (s *series) summary(posts int) toolResult {
	t := toolResult{Tool: s.Tool, HTMLPages: s.HTML, XMLFiles: s.XML}
	for _, smp := range s.Samples {
		t.WallMs = append(t.WallMs, float64(smp.Wall.Microseconds())/1000)
		t.RSSMiB = append(t.RSSMiB, mib(smp.RSSKiB))
	}
	t.MedianMs = median(t.WallMs)
	t.MinMs = slices.Min(t.WallMs)
	t.MaxMs = slices.Max(t.WallMs)
	t.MedianRSSMiB = median(t.RSSMiB)
	if s.HTML > 0 {
		t.MsPerPage = t.MedianMs / float64(s.HTML)
	}
	t.MsPerPost = t.MedianMs / float64(posts)
	return t
}

// median returns the middle value of xs, or the mean of the two middle
// values when there is an even number; 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// printResult prints the table of one size.
func printResult(w io.Writer, r *result) {
	runs := fmt.Sprintf("%d runs", r.Runs)
	if r.Runs == 1 {
		runs = "1 run"
	}
	fmt.Fprintf(w, "\n%d post files (%d ko, %d en), seed %d, %s each; blog cache: %s\n", r.Posts, r.Korean, r.English, r.Seed, runs, r.Cache)
	fmt.Fprintf(w, "%-10s %9s %8s %8s %8s %8s %8s %10s %9s\n", "tool", "median ms", "min ms", "max ms", "ms/page", "ms/post", "RSS MiB", "html pages", "xml files")
	for _, t := range r.Tools {
		fmt.Fprintf(w, "%-10s %9.0f %8.0f %8.0f %8.3f %8.3f %8.1f %10d %9d\n",
			t.Tool, t.MedianMs, t.MinMs, t.MaxMs, t.MsPerPage, t.MsPerPost, t.MedianRSSMiB, t.HTMLPages, t.XMLFiles)
	}
	for _, q := range r.Ratios {
		fmt.Fprintf(w, "%s: time %.2f×, peak RSS %.2f×\n", q.Of, q.Time, q.RSS)
	}
	if r.Hugo == "" {
		fmt.Fprintln(w, "hugo: not installed, no comparison")
	}
}

// tool returns the summary of the named series, or nil.
func (r *result) tool(name string) *toolResult {
	for i := range r.Tools {
		if r.Tools[i].Tool == name {
			return &r.Tools[i]
		}
	}
	return nil
}

// printSummary prints one Markdown table of every size: the medians of
// each series, the ratios to Hugo and to the floor, time per post, and peak
// RSS of blog (its cold build, the larger) against Hugo's.
func printSummary(w io.Writer, all []*result) {
	if len(all) == 0 {
		return
	}
	secs := func(t *toolResult) string {
		if t == nil {
			return "–"
		}
		return fmt.Sprintf("%.2f s (%.3f ms/post)", t.MedianMs/1000, t.MsPerPost)
	}
	div := func(a, b *toolResult) string {
		if a == nil || b == nil || b.MedianMs == 0 {
			return "–"
		}
		return fmt.Sprintf("%.3f", a.MedianMs/b.MedianMs)
	}
	fmt.Fprintln(w, "\n| posts | blog cold | blog warm | Hugo | fs floor | cold ratio | warm ratio | warm/floor | peak RSS blog / Hugo |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	for _, r := range all {
		cold, warm, hugo, floor := r.tool("blog"), r.tool("blog warm"), r.tool("hugo"), r.tool("fs floor")
		rss := "–"
		if cold != nil {
			peak := cold.MedianRSSMiB
			if warm != nil {
				peak = max(peak, warm.MedianRSSMiB)
			}
			rss = fmt.Sprintf("%.0f MiB", peak)
			if hugo != nil && hugo.MedianRSSMiB > 0 {
				rss = fmt.Sprintf("%.0f / %.0f MiB (%.3f)", peak, hugo.MedianRSSMiB, peak/hugo.MedianRSSMiB)
			}
		}
		fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Posts,
			secs(cold), secs(warm), secs(hugo), secs(floor), div(cold, hugo), div(warm, hugo), div(warm, floor), rss)
	}
}
