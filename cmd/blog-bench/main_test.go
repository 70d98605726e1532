package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMedianOfOddAndEvenCounts(t *testing.T) {
	for _, c := range []struct {
		xs   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{7}, 7},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{10, 10, 1}, 10},
	} {
		if got := median(c.xs); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.xs, got, c.want)
		}
	}
}

func TestMedianLeavesItsInputUnsorted(t *testing.T) {
	xs := []float64{3, 1, 2}
	median(xs)
	if xs[0] != 3 || xs[1] != 1 || xs[2] != 2 {
		t.Errorf("median sorted its input: %v", xs)
	}
}

func TestHugoConfigReadsTheCorpusInBothLanguages(t *testing.T) {
	conf := hugoConfig("../corpus-1000/content", false)
	for _, line := range []string{
		`contentDir = "../corpus-1000/content"`,
		`defaultContentLanguage = "ko"`,
		`defaultContentLanguageInSubdir = false`,
		`paginate = 10`,
		`[languages.ko]`,
		`[languages.en]`,
		`tag = "tags"`,
		`home = ["HTML", "RSS"]`,
		`term = ["HTML", "RSS"]`,
		`[markup.highlight]`,
		`noClasses = false`,
		`unsafe = true`,
	} {
		if !hasLine(conf, line) {
			t.Errorf("hugo.toml has no line %q:\n%s", line, conf)
		}
	}
	if strings.Contains(conf, "pagerSize") {
		t.Errorf("an old Hugo's hugo.toml has pagerSize:\n%s", conf)
	}
	if i, j := strings.Index(conf, "[languages.ko]"), strings.Index(conf, "weight = 1"); j < i {
		t.Errorf("ko is not weight 1:\n%s", conf)
	}
}

func TestHugoConfigUsesPagerSizeForNewHugo(t *testing.T) {
	conf := hugoConfig("c", true)
	if !hasLine(conf, "pagerSize = 10") || !hasLine(conf, "[pagination]") {
		t.Errorf("no [pagination] pagerSize = 10:\n%s", conf)
	}
	if hasLine(conf, "paginate = 10") {
		t.Errorf("a new Hugo's hugo.toml has paginate:\n%s", conf)
	}
	// A top-level key after a table would belong to that table.
	if strings.Index(conf, "[pagination]") < strings.Index(conf, "[markup.goldmark.renderer]") {
		t.Errorf("[pagination] is not the last table:\n%s", conf)
	}
}

func hasLine(text, line string) bool {
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == line {
			return true
		}
	}
	return false
}

func TestHugoVersionFromVersionOutput(t *testing.T) {
	for _, c := range []struct {
		in           string
		major, minor int
		ok           bool
	}{
		{"hugo v0.111.3+extended linux/amd64 BuildDate=2023-03-16T08:41:31Z VendorInfo=debian:0.111.3-1", 0, 111, true},
		{"hugo v0.147.2-abc+extended linux/amd64", 0, 147, true},
		{"Hugo Static Site Generator v0.54.0/extended linux/amd64", 0, 54, true},
		{"command not found", 0, 0, false},
	} {
		major, minor, ok := hugoVersion(c.in)
		if major != c.major || minor != c.minor || ok != c.ok {
			t.Errorf("hugoVersion(%q) = %d, %d, %v; want %d, %d, %v", c.in, major, minor, ok, c.major, c.minor, c.ok)
		}
	}
}

func TestCountPagesCountsHTMLAndXMLFilesAtAnyDepth(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"index.html", "404.html", "posts/a/index.html", "en/posts/a/index.html",
		"rss.xml", "en/tags/go/index.xml", "css/style.css", "posts/a/diagram.png", "page/2/index.htm",
	} {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "empty.html"), 0o755); err != nil {
		t.Fatal(err)
	}
	html, xml, err := countPages(dir)
	if err != nil {
		t.Fatal(err)
	}
	if html != 4 || xml != 2 {
		t.Errorf("countPages = %d html, %d xml; want 4 and 2", html, xml)
	}
}

func TestCountPagesOfAMissingFolderFails(t *testing.T) {
	if _, _, err := countPages(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("no error for a missing folder")
	}
}

func TestCorpusIsReusedOnlyWithTheSameSizeAndSeed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus-5")
	st, reused, err := prepareCorpus(dir, 5, 1)
	if err != nil || reused {
		t.Fatalf("first prepareCorpus: reused %v, %v", reused, err)
	}
	if st.Posts() != 5 {
		t.Errorf("first prepareCorpus wrote %d posts, want 5", st.Posts())
	}
	st2, reused, err := prepareCorpus(dir, 5, 1)
	if err != nil || !reused || st2 != st {
		t.Errorf("same n and seed: reused %v, stats %+v (want %+v), %v", reused, st2, st, err)
	}
	if _, reused, err = prepareCorpus(dir, 5, 2); err != nil || reused {
		t.Errorf("another seed: reused %v, %v", reused, err)
	}
	if _, reused, err = prepareCorpus(dir, 6, 2); err != nil || reused {
		t.Errorf("another size: reused %v, %v", reused, err)
	}
}

func TestCorpusNeverReplacesAFolderThatIsNotACorpus(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := prepareCorpus(dir, 5, 1); err == nil {
		t.Error("no error for a folder that is not a corpus")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("the folder's file is gone: %v", err)
	}
}

func TestWriteHugoSiteWritesEveryLayout(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "layouts", "old.html")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeHugoSite(dir, "../corpus-5/content", false); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"hugo.toml", "layouts/_default/baseof.html", "layouts/_default/single.html", "layouts/_default/home.html",
		"layouts/_default/list.html", "layouts/_default/terms.html", "layouts/_default/term.html",
		"layouts/_default/rss.xml", "layouts/404.html",
	} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Errorf("missing %s: %v", name, err)
		}
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a layout of an earlier run is still there")
	}
}

func TestChildEnvDropsGoRuntimeSettings(t *testing.T) {
	got := childEnv([]string{"PATH=/bin", "GOMAXPROCS=1", "GOGC=off", "GOMEMLIMIT=1GiB", "GOMAXPROCSX=2", "HOME=/root"})
	want := []string{"PATH=/bin", "GOMAXPROCSX=2", "HOME=/root"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("childEnv = %v, want %v", got, want)
	}
}

func TestCPUModelIsTheFirstModelName(t *testing.T) {
	info := "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel\t\t: 85\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n\nprocessor\t: 1\nmodel name\t: Other\n"
	if got := cpuModel(info); got != "Intel(R) Xeon(R) CPU @ 2.20GHz" {
		t.Errorf("cpuModel = %q", got)
	}
	if got := cpuModel("processor : 0\n"); got != "unknown CPU" {
		t.Errorf("cpuModel without a model name = %q", got)
	}
}

func TestParseFlagsReadsSizes(t *testing.T) {
	o, err := parseFlags([]string{"-sizes", "1000, 2000", "-runs", "2", "-warm"}, &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	if len(o.sizes) != 2 || o.sizes[0] != 1000 || o.sizes[1] != 2000 || o.runs != 2 || !o.warm {
		t.Errorf("parseFlags = %+v", o)
	}
	for _, args := range [][]string{{"-sizes", "10,x"}, {"-sizes", "0"}, {"-runs", "0"}, {"extra"}} {
		if _, err := parseFlags(args, &strings.Builder{}); err == nil {
			t.Errorf("parseFlags(%q): no error", args)
		}
	}
}
