package site_test

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"blog/internal/corpus"
	"blog/internal/site"
)

var sitemapURL = regexp.MustCompile(`(?s)\n  <url>.*?</url>`)

// A sitemap past the protocol's limits (50,000 addresses, 50 MiB) becomes
// a sitemap index of parts within them, which list together, in order,
// exactly what the one sitemap would. The limits are made small here.
func TestLargeSitemapsAreSplitWithinTheLimits(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 40, 5); err != nil {
		t.Fatal(err)
	}
	build := func() map[string][]byte {
		out, _ := buildOnce(t, dir, site.BuilderOptions{})
		files := map[string][]byte{}
		for _, f := range out.Files {
			if strings.HasPrefix(f.Path, "sitemap") || f.Path == "robots.txt" {
				data, _ := f.Bytes()
				files[f.Path] = data
			}
		}
		return files
	}
	whole := build()
	if len(whole) != 2 {
		t.Fatalf("a small site has %d sitemap files and robots.txt, want sitemap.xml alone", len(whole)-1)
	}
	want := sitemapURL.FindAll(whole["sitemap.xml"], -1)
	if len(want) < 30 {
		t.Fatalf("the sitemap lists %d pages", len(want))
	}
	saved := *site.SitemapLimits
	defer func() { *site.SitemapLimits = saved }()
	for _, limits := range [][2]int{{7, saved[1]}, {saved[0], 4000}, {1, saved[1]}} {
		*site.SitemapLimits = limits
		files := build()
		if string(files["robots.txt"]) != string(whole["robots.txt"]) {
			t.Errorf("%v: robots.txt changed", limits)
		}
		var index struct {
			XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
			Sitemaps []struct {
				Loc string `xml:"loc"`
			} `xml:"sitemap"`
		}
		if err := xml.Unmarshal(files["sitemap.xml"], &index); err != nil {
			t.Fatalf("%v: sitemap.xml is not a sitemap index: %v\n%s", limits, err, files["sitemap.xml"])
		}
		if len(index.Sitemaps) != len(files)-2 || len(index.Sitemaps) < 2 {
			t.Fatalf("%v: the index lists %d sitemaps, and %d were made", limits, len(index.Sitemaps), len(files)-2)
		}
		var got [][]byte
		for i, s := range index.Sitemaps {
			name := fmt.Sprintf("sitemap-%d.xml", i+1)
			if !strings.HasSuffix(s.Loc, "/"+name) || !strings.HasPrefix(s.Loc, "http") {
				t.Errorf("%v: sitemap %d is at %s, want the absolute address of %s", limits, i+1, s.Loc, name)
			}
			part := files[name]
			var d sitemapDoc
			if err := xml.Unmarshal(part, &d); err != nil {
				t.Fatalf("%v: %s: %v", limits, name, err)
			}
			urls := sitemapURL.FindAll(part, -1)
			if len(urls) == 0 || len(urls) > limits[0] || len(part) > limits[1] || len(d.URLs) != len(urls) {
				t.Errorf("%v: %s has %d addresses in %d bytes", limits, name, len(urls), len(part))
			}
			got = append(got, urls...)
		}
		if !slices.EqualFunc(got, want, func(a, b []byte) bool { return string(a) == string(b) }) {
			t.Errorf("%v: the parts list %d pages, the one sitemap %d, or not the same", limits, len(got), len(want))
		}
	}

	// The site's own file where a part goes is two files at one path,
	// not a part replaced unseen (the index would list it).
	*site.SitemapLimits = [2]int{7, saved[1]}
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static", "sitemap-2.xml"), []byte("<urlset/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := site.NewBuilder(os.DirFS(dir), site.BuilderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, _, err := b.Build(); err == nil || !strings.Contains(err.Error(), "sitemap-2.xml") {
		t.Errorf("a static sitemap-2.xml beside a split sitemap: error %v, want one naming it", err)
	} else {
		t.Log(err)
	}
}
