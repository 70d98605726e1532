package site_test

// Golden pages: a post with every kind of image, and a post with a
// Mermaid diagram drawn at build time or left to the reader's browser,
// compared with testdata/*.golden.html. Run go test ./internal/site -run
// Golden -update to write them again after a deliberate change, and read
// the diff.

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"blog/internal/diagram"
	"blog/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden .html files from the current output")

// checkGolden compares got with testdata/name, or writes it there with
// -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/site -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

// scene is a w×h picture with a gradient, a disc and a little grain, as
// a photo or a screenshot has: a copy of it is smaller than it.
func scene(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			grain := uint8(seed >> 28)
			u, v := float64(x)/float64(w), float64(y)/float64(h)
			c := color.NRGBA{uint8(40+180*u) + grain, uint8(80+150*v) + grain, uint8(220-120*u*v) + grain, 255}
			if du, dv := u-0.5, v-0.5; du*du+dv*dv < 0.04 {
				c = color.NRGBA{30, 30, 40, 255}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	return m
}

func pngOf(t *testing.T, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rotatedJPEG is a JPEG stored w×h with EXIF orientation 6: shown turned
// a quarter clockwise, h×w.
func rotatedJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, scene(w, h), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	jpg := b.Bytes()
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00*")
	binary.Write(&tiff, binary.BigEndian, uint32(8))
	binary.Write(&tiff, binary.BigEndian, uint16(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3})
	binary.Write(&tiff, binary.BigEndian, uint32(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{6, 0})
	binary.Write(&tiff, binary.BigEndian, uint32(0))
	seg := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	app1 := append([]byte{0xff, 0xe1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}, seg...)
	return append(append(append([]byte(nil), jpg[:2]...), app1...), jpg[2:]...)
}

// writeSite writes files (path, content pairs) under a new folder.
func writeSite(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// imagesPost shows a wide PNG of static/ (Markdown), a small PNG of its
// bundle, a JPEG turned by EXIF, a raw HTML <img>, a remote image and a
// file that is no image.
const imagesPost = `---
title: 그림들
date: 2024-03-01 09:00:00 +0900
---

넓은 화면 캡처:

![넓은 캡처](/images/wide.png)

작은 그림:

![작은 그림](small.png)

세로로 찍은 사진 (EXIF 방향 6):

![사진](photo.jpg)

<p class="raw"><img src="small.png" alt="HTML로 쓴 그림"></p>

![원격 그림](https://images.example.org/remote.png)

![깨진 그림](broken.png)

[![링크 안의 넓은 그림](/images/wide.png)](https://example.org/)
`

func imagesSite(t *testing.T) string {
	return writeSite(t, map[string][]byte{
		"blog.yaml":                           []byte(fixtureConfig),
		"static/images/wide.png":              pngOf(t, scene(1600, 500)),
		"content/posts/images/index.md":       []byte(imagesPost),
		"content/posts/images/small.png":      pngOf(t, scene(320, 200)),
		"content/posts/images/photo.jpg":      rotatedJPEG(t, 1500, 1000),
		"content/posts/images/broken.png":     []byte("\x89PNG\r\n\x1a\nnot really"),
		"content/posts/plain/index.md":        []byte("---\ntitle: 글\ndate: 2024-02-01 09:00:00 +0900\n---\n\n그림 없는 글.\n"),
		"content/posts/covered/index.md":      []byte("---\ntitle: 표지\ndate: 2024-02-02 09:00:00 +0900\ncover: photo.jpg\n---\n\n![작은 그림](small.png)\n"),
		"content/posts/covered/photo.jpg":     rotatedJPEG(t, 1500, 1000),
		"content/posts/covered/small.png":     pngOf(t, scene(320, 200)),
		"content/posts/social/index.md":       []byte("---\ntitle: 소셜\ndate: 2024-02-03 09:00:00 +0900\nimage: preview.png\n---\n\n![넓은 캡처](/images/wide.png)\n"),
		"content/posts/social/preview.png":    pngOf(t, scene(1500, 800)),
		"content/posts/remote-cover/index.md": []byte("---\ntitle: 원격 표지\ndate: 2024-02-04 09:00:00 +0900\ncover: https://images.example.org/c.jpg\n---\n\n본문.\n"),
	})
}

// between is the part of page from the first line holding from to the
// end of the first line after it holding to.
func between(t *testing.T, page, from, to string) string {
	t.Helper()
	i := strings.Index(page, from)
	if i < 0 {
		t.Fatalf("no %q in the page", from)
	}
	i = strings.LastIndexByte(page[:i], '\n') + 1
	j := strings.Index(page[i:], to)
	if j < 0 {
		t.Fatalf("no %q after %q in the page", to, from)
	}
	j += i + len(to)
	if k := strings.IndexByte(page[j:], '\n'); k >= 0 {
		j += k + 1
	}
	return page[i:j]
}

// headImages is the page's og:image and twitter:image lines.
func headImages(page string) string {
	var sb strings.Builder
	for _, l := range strings.Split(page, "\n") {
		if strings.Contains(l, ":image") || strings.Contains(l, "twitter:card") {
			sb.WriteString(l + "\n")
		}
	}
	return sb.String()
}

// TestGoldenImages builds a post with every kind of image and compares
// its head's image lines, its content and the copies the build writes
// (with the size each decodes to) with testdata/images.golden.html. The
// build warns, naming the post's file and line, about the file that is
// no image, and does not fail.
func TestGoldenImages(t *testing.T) {
	dir := imagesSite(t)
	var warnings []string
	b, err := site.NewBuilder(os.DirFS(dir), site.BuilderOptions{Options: site.Options{Now: fixtureNow},
		Warn: func(m string) { warnings = append(warnings, m) }})
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := b.Build()
	if err != nil {
		t.Fatalf("the build failed: %v", err)
	}
	var got strings.Builder
	for _, p := range []string{"posts/images/index.html", "posts/covered/index.html", "posts/social/index.html", "posts/remote-cover/index.html"} {
		f := out.Lookup(p)
		if f == nil {
			t.Fatalf("no %s", p)
		}
		page := string(f.Data)
		fmt.Fprintf(&got, "<!-- %s: head -->\n%s", p, headImages(page))
		fmt.Fprintf(&got, "<!-- %s: body -->\n%s", p, between(t, page, `<div class="post-content">`, "</div>"))
		if strings.Contains(page, `class="cover"`) {
			fmt.Fprintf(&got, "<!-- %s: cover -->\n%s\n", p, strings.TrimSpace(between(t, page, `class="cover"`, ">")))
		}
	}
	got.WriteString("<!-- copies -->\n")
	copies := 0
	for _, f := range out.Files {
		if !regexp.MustCompile(`\.\d+w\.(png|jpg)$`).MatchString(f.Path) {
			continue
		}
		copies++
		cfg, format, err := image.DecodeConfig(bytes.NewReader(f.Data))
		if err != nil {
			t.Errorf("%s: %v", f.Path, err)
			continue
		}
		fmt.Fprintf(&got, "%s %s %d×%d\n", f.Path, format, cfg.Width, cfg.Height)
	}
	checkGolden(t, "images.golden.html", []byte(got.String()))
	// Seven files: wide.png, and the images, covered and social bundles'
	// own (broken.png among them). preview.png, named by image: alone,
	// gets its social copy and no others.
	// covered/photo.jpg is images/photo.jpg again: its copies are made once.
	if read, written, resized, reused := b.ImageStats(); read != 7 || written != copies || resized == 0 || resized+reused < copies {
		t.Errorf("ImageStats = %d read, %d written, %d resized, %d reused; want 7 read and %d written, each resized or reused", read, written, resized, reused, copies)
	}

	found := false
	for _, w := range warnings {
		if strings.HasPrefix(w, "content/posts/images/index.md:22: ") && strings.Contains(w, "broken.png") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning at content/posts/images/index.md:22 about broken.png; warnings: %q", warnings)
	}
	// Feed readers that read srcset find the copies from the feed's
	// address too.
	feed := string(out.Lookup("rss.xml").Data)
	for _, want := range []string{`srcset="https://fixture.example/images/wide.480w.png 480w, https://fixture.example/images/wide.720w.png 720w`, "https://fixture.example/posts/images/photo.480w.jpg 480w"} {
		if !strings.Contains(feed, want) {
			t.Errorf("rss.xml has no %s", want)
		}
	}
	for _, orig := range []string{"images/wide.png", "posts/images/small.png", "posts/images/photo.jpg", "posts/images/broken.png"} {
		if out.Lookup(orig) == nil {
			t.Errorf("the original %s is not in the output", orig)
		}
	}
}

// diagramPost is a post with one Mermaid diagram.
const diagramPost = "---\ntitle: 그림\ndate: 2024-01-01 09:00:00 +0900\n---\n\n흐름:\n\n```mermaid\ngraph LR\n  A[시작] --> B{끝?}\n  B -->|예| C[끝]\n```\n"

// normalizeSVG keeps what a drawing says of its place in the page (its
// id, class and role) and drops what the fonts of the machine decide:
// its size and the shapes inside.
func normalizeSVG(page string) string {
	page = regexp.MustCompile(`(?s)(<svg\b[^>]*>).*?</svg>`).ReplaceAllStringFunc(page, func(svg string) string {
		open := svg[:strings.IndexByte(svg, '>')+1]
		open = regexp.MustCompile(` (viewBox|width|height|style)="[^"]*"`).ReplaceAllString(open, "")
		return open + "…</svg>"
	})
	return regexp.MustCompile(`min-width:\d+px`).ReplaceAllString(page, "min-width:…px")
}

func diagramPage(t *testing.T, opts site.BuilderOptions) (string, *site.Output) {
	t.Helper()
	dir := writeSite(t, map[string][]byte{"blog.yaml": []byte(fixtureConfig), "content/posts/diagram.md": []byte(diagramPost)})
	opts.Options = site.Options{Now: fixtureNow}
	b, err := site.NewBuilder(os.DirFS(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	out, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	f := out.Lookup("posts/diagram/index.html")
	if f == nil {
		t.Fatal("no posts/diagram/index.html")
	}
	return string(f.Data), out
}

// TestGoldenDiagramLeftToTheReader: without drawing, the diagram is its
// source in <pre class="mermaid"> and the page loads the Mermaid script.
func TestGoldenDiagramLeftToTheReader(t *testing.T) {
	page, out := diagramPage(t, site.BuilderOptions{DrawDiagrams: false})
	got := between(t, page, `<div class="post-content">`, "</div>") + between(t, page, "mermaid.min.js", "</script>")
	if rest := page[strings.Index(page, "mermaid.min.js"):]; !strings.Contains(rest, "<script>") || !strings.Contains(rest, "mermaid.") {
		t.Error("no script starts Mermaid after loading it")
	}
	checkGolden(t, "diagram-script.golden.html", []byte(got))
	if out.Lookup(site.MermaidScript) == nil {
		t.Errorf("%s is not in the output", site.MermaidScript)
	}
}

// TestGoldenDiagramDrawnAtBuildTime: with a browser, the diagram is
// inline SVG, light and dark, and the page loads no diagram script.
// Skipped without Chromium, except on CI.
func TestGoldenDiagramDrawnAtBuildTime(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are skipped under -short")
	}
	browser := diagram.FindBrowser()
	if browser == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no chromium, chromium-browser or google-chrome on PATH; CI=true needs one")
		}
		t.Skip("no chromium, chromium-browser or google-chrome on PATH")
	}
	var warnings []string
	page, out := diagramPage(t, site.BuilderOptions{DrawDiagrams: true, Browser: browser, Warn: func(m string) { warnings = append(warnings, m) }})
	if len(warnings) > 0 {
		t.Errorf("warnings: %q", warnings)
	}
	checkGolden(t, "diagram-drawn.golden.html", []byte(normalizeSVG(between(t, page, `<div class="post-content">`, "</figure>"))))
	if strings.Contains(page, "mermaid.min.js") || out.Lookup(site.MermaidScript) != nil {
		t.Error("a page with its diagram drawn loads, or the site ships, the Mermaid script")
	}
	if strings.Count(page, "<svg") < 2 {
		t.Errorf("%d <svg> in the page, want a light and a dark drawing", strings.Count(page, "<svg"))
	}
}
