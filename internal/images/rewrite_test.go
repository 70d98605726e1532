package images

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden .html files from the current output")

// testImages are the images of the golden cases, as Probe reads them.
var testImages = map[string]Info{
	"cover.jpg":    {Width: 4032, Height: 3024, Format: JPEG, CopyFormat: JPEG, Orientation: 1},
	"그림/설정 화면.png": {Width: 1000, Height: 640, Format: PNG, CopyFormat: PNG, Orientation: 1},
	// The same file as goldmark writes a Markdown image's path.
	"%EA%B7%B8%EB%A6%BC/%EC%84%A4%EC%A0%95%20%ED%99%94%EB%A9%B4.png": {Width: 1000, Height: 640, Format: PNG, CopyFormat: PNG, Orientation: 1},
	"icon.png":         {Width: 64, Height: 64, Format: PNG, CopyFormat: PNG, Orientation: 1},
	"diagram.webp":     {Width: 1440, Height: 900, Format: WebP, CopyFormat: PNG, Orientation: 1},
	"screenshot.png":   {Width: 720, Height: 450, Format: PNG, CopyFormat: PNG, Orientation: 1},
	"../shared/a.jpeg": {Width: 900, Height: 600, Format: JPEG, CopyFormat: JPEG, Orientation: 1},
}

// testLookup finds the images of testImages as a site would: their size,
// and copies named by CopyName for each of Widths.
func testLookup(src string) (Source, bool) {
	info, ok := testImages[src]
	if !ok {
		return Source{}, false
	}
	s := Source{Width: info.Width, Height: info.Height}
	for _, w := range Widths(info) {
		s.Copies = append(s.Copies, Candidate{URL: CopyName(src, w, info.CopyFormat), Width: w})
	}
	return s, true
}

// TestGolden rewrites every testdata/*.in.html (Korean and English
// versions of each case side by side) and compares with the .html beside
// it.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.in.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := Rewrite(in, testLookup)
			golden := strings.TrimSuffix(f, ".in.html") + ".html"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/images -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
		})
	}
}

func TestRewriteLeavesHTMLWithoutImagesAsItIs(t *testing.T) {
	page := []byte("<p>그림 없는 글 &amp; <b>굵게</b><br>\n<!-- <img src=x> --></p><imgx>")
	got := Rewrite(page, func(string) (Source, bool) { t.Fatal("lookup called"); return Source{}, false })
	if !bytes.Equal(got, page) {
		t.Errorf("Rewrite = %q, want the page unchanged", got)
	}
}

func TestRewriteChangesNothingButImages(t *testing.T) {
	page := "<p class=a>앞 &lt;태그&gt; &nbsp;<img src=\"icon.png\" alt='x \"y\"'>뒤<br/></p>\n<table><tr><td>1</table>"
	got := string(Rewrite([]byte(page), testLookup))
	want := "<p class=a>앞 &lt;태그&gt; &nbsp;<img src=\"icon.png\" alt=\"x &quot;y&quot;\" width=\"64\" height=\"64\">뒤<br/></p>\n<table><tr><td>1</table>"
	if got != want {
		t.Errorf("Rewrite =\n%s\nwant\n%s", got, want)
	}
}

func TestOnlyTheFirstImageLoadsEagerly(t *testing.T) {
	got := string(Rewrite([]byte(`<img src="a.png"><img src="b.png"><img src="c.png" loading="eager">`), func(string) (Source, bool) { return Source{}, false }))
	want := `<img src="a.png"><img src="b.png" loading="lazy" decoding="async"><img src="c.png" loading="eager" decoding="async">`
	if got != want {
		t.Errorf("Rewrite =\n%s\nwant\n%s", got, want)
	}
}

func TestSrcsetURLsAreNotSplitBySpacesOrCommas(t *testing.T) {
	got := string(Rewrite([]byte(`<img src="a b,c.png">`), func(string) (Source, bool) {
		return Source{Width: 1000, Height: 500, Copies: []Candidate{{"a b,c.480w.png", 480}}}, true
	}))
	if !strings.Contains(got, `srcset="a%20b%2Cc.480w.png 480w, a%20b%2Cc.png 1000w"`) {
		t.Errorf("Rewrite = %s", got)
	}
}

// TestSourcesAreWhatRewriteLooksUp lists the src of each <img> in order,
// entities decoded and percent-encoding kept, the way Rewrite hands them
// to its lookup; an <img> without a src gives none.
func TestSourcesAreWhatRewriteLooksUp(t *testing.T) {
	page := []byte(`<p><img src="a.png" alt=""><IMG SRC="b&amp;c.png"><img alt="no src"><img src=""><img src="d%20e.jpg"/></p>`)
	got := Sources(page)
	var looked []string
	Rewrite(page, func(src string) (Source, bool) { looked = append(looked, src); return Source{}, false })
	want := []string{"a.png", "b&c.png", "d%20e.jpg"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Sources = %q, want %q", got, want)
	}
	if strings.Join(looked, "|") != strings.Join(want, "|") {
		t.Errorf("Rewrite looked up %q, want %q", looked, want)
	}
	if Sources([]byte("<p>no images</p>")) != nil {
		t.Error("Sources of HTML without images is not nil")
	}
}

// TestRewriteBelowMakesEveryImageLazy: below a cover, the first image of
// the body is not the first on the screen, so it waits too.
func TestRewriteBelowMakesEveryImageLazy(t *testing.T) {
	page := []byte(`<p><img src="a.png"><img src="b.png"></p>`)
	got := string(RewriteBelow(page, func(string) (Source, bool) { return Source{}, false }))
	if n := strings.Count(got, `loading="lazy" decoding="async"`); n != 2 {
		t.Errorf("%d lazy images, want 2: %s", n, got)
	}
	if got := string(Rewrite(page, func(string) (Source, bool) { return Source{}, false })); strings.Count(got, `loading="lazy"`) != 1 {
		t.Errorf("Rewrite: the first image is lazy too: %s", got)
	}
}
