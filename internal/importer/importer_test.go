package importer

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/markdown"
)

func testConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := config.Load(fstest.MapFS{"blog.yaml": {Data: []byte("title: T\nlanguages:\n  ko: {title: T}\n  en: {title: T}\n")}})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func convertBody(body string) (string, *Plan) {
	plan := &Plan{}
	c := &converter{file: "blog/x.mdx", line0: 5, plan: plan, seenJSX: map[string]bool{},
		asset: func(ref string, line int) string { return "copied-" + ref }}
	return c.convert(body), plan
}

func TestBodyConversion(t *testing.T) {
	cases := []struct{ in, want string }{
		{":::tip 알아두기", ":::tip[알아두기]"},
		{":::info[러스트 1년]", ":::info[러스트 1년]"},
		{":::caution", ":::warning"},
		{"{/* truncate */}", "<!-- truncate -->"},
		{"<!-- truncate -->", "<!-- truncate -->"},
		{`<details className="card">`, `<details class="card">`},
		{"import Tabs from '@theme/Tabs';", "<!-- mdx: import Tabs from '@theme/Tabs'; -->"},
		{"![a](./x.png)", "![a](copied-./x.png)"},
		{`<img src="/img/y.png" alt="">`, `<img src="copied-/img/y.png" alt="">`},
		{"```go\n:::tip not an admonition\nimport x from 'y'\n```", "```go\n:::tip not an admonition\nimport x from 'y'\n```"},
	}
	for _, c := range cases {
		if got, _ := convertBody(c.in); got != c.want {
			t.Errorf("convert(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBodyConversionNotesWhatNeedsAHumanWithItsLine(t *testing.T) {
	_, plan := convertBody("text\nimport Tabs from '@theme/Tabs';\n\n<Tabs>\n<Tabs>\n:::caution\n")
	var got []string
	for _, n := range plan.Notes {
		got = append(got, n.String())
	}
	want := []string{
		"blog/x.mdx:6: MDX import kept as an HTML comment (import Tabs from '@theme/Tabs'); what it brings in needs a human look",
		"blog/x.mdx:8: JSX component <Tabs> kept as is; the site renders it as an unknown HTML element, so check how it reads",
		"blog/x.mdx:10: :::caution written as :::warning, the nearest kind the site has",
	}
	if !slices.Equal(got, want) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestKebabMatchesDocusaurusTagAddresses(t *testing.T) {
	for in, want := range map[string]string{
		"Kubernetes": "kubernetes", "GitHub Actions": "git-hub-actions", "kube-rs": "kube-rs",
		"컴퓨터 구조": "컴퓨터-구조", "CI/CD": "ci-cd", "ES2015": "es-2015",
	} {
		if got := kebab(in); got != want {
			t.Errorf("kebab(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLegacyNewIDsNeverTakeAnIDAPostDeclares(t *testing.T) {
	src := fstest.MapFS{
		"000_a.txt": {Data: []byte("[Tags: x]\n[Title: A]\n[WriteTime: 2024-01-01]\n\nbody\n")},
		"001_b.txt": {Data: []byte("[ID: 2]\n[Tags: x]\n[Title: B]\n[WriteTime: 2024-01-02]\n\nbody\n")},
	}
	site := fstest.MapFS{"blog.yaml": {Data: []byte("title: T\n")},
		"content/posts/one.md": {Data: []byte("---\nid: 1\ntitle: One\ndate: 2024-01-01\n---\n")}}
	plan, err := Legacy(src, site, testConfig(t), LegacyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, f := range plan.Files {
		for _, l := range strings.Split(string(f.Data), "\n") {
			if id, ok := strings.CutPrefix(l, "id: "); ok {
				ids[f.Path] = id
			}
		}
	}
	if ids["content/posts/a/index.ko.md"] != "3" || ids["content/posts/b/index.ko.md"] != "2" {
		t.Errorf("ids = %v, want a: 3 (the next free), b: 2 (its own)", ids)
	}
	if len(plan.Info) != 1 || !strings.Contains(plan.Info[0], "000_a.txt has no [ID: …]; it gets id 3") {
		t.Errorf("info = %q", plan.Info)
	}
}

func TestDocusaurusFixturePlan(t *testing.T) {
	site := fstest.MapFS{"blog.yaml": {Data: []byte("title: T\n")}}
	plan, err := Docusaurus(os.DirFS("testdata/docusaurus"), site, testConfig(t), DocusaurusOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range plan.Files {
		paths = append(paths, f.Path)
	}
	want := []string{
		"blog.yaml",
		"content/authors.yaml",
		"content/posts/go-errors/index.en.md", "content/posts/go-errors/index.ko.md", "content/posts/go-errors/wrap.png",
		"content/posts/k8s-probes/index.en.md", "content/posts/k8s-probes/index.ko.md", "content/posts/k8s-probes/probe-flow.png",
		"content/posts/rust-first-year/index.ko.md",
		"content/redirects.yaml",
		"static/img/probe-flow.png", "static/img/unused.png",
	}
	if !slices.Equal(paths, want) {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}
	// The post address pattern keeps the dated posts where they were.
	settings := string(plan.has("blog.yaml").Data)
	for _, s := range []string{"permalink: /blog/:year/:month/:day/:slug/\n", "showUntranslated: true\n", "baseURL: https://old.example.com/\n", "title: 민지와 도율의 기술 블로그\n"} {
		if !strings.Contains(settings, s) {
			t.Errorf("blog.yaml has no %q:\n%s", s, settings)
		}
	}
	en := string(plan.has("content/posts/k8s-probes/index.en.md").Data)
	for _, s := range []string{"id: 1\n", "tags: [Kubernetes, devops]", "![diagram](probe-flow.png)", "<!-- truncate -->"} {
		if !strings.Contains(en, s) {
			t.Errorf("the English k8s post has no %q:\n%s", s, en)
		}
	}
	if strings.Contains(en, "aliases:") {
		t.Errorf("a post that keeps its address has aliases:\n%s", en)
	}
	if ko := string(plan.has("content/posts/k8s-probes/index.ko.md").Data); !strings.Contains(ko, "id: 1\n") {
		t.Errorf("the Korean k8s post does not share the English one's id:\n%s", ko)
	}
	rust := string(plan.has("content/posts/rust-first-year/index.ko.md").Data)
	for _, s := range []string{"  - /blog/rust-first-year/\n", "  - /en/blog/rust-first-year/\n"} {
		if !strings.Contains(rust, s) {
			t.Errorf("the post with a slug: and no translation has no alias %q:\n%s", s, rust)
		}
	}
	redirects := string(plan.has("content/redirects.yaml").Data)
	for _, s := range []string{"/blog/tags/retrospective/: /tags/회고/\n", "/en/blog/tags/go/: /en/tags/go/\n", "/blog/: /\n", "/en/blog/rss.xml: /en/rss.xml\n", "/en/img/probe-flow.png: /img/probe-flow.png\n"} {
		if !strings.Contains(redirects, s) {
			t.Errorf("redirects.yaml has no %q:\n%s", s, redirects)
		}
	}
	for _, l := range strings.Split(redirects, "\n") {
		if from, to, ok := strings.Cut(l, ": "); ok && !strings.HasPrefix(l, "#") && strings.TrimSuffix(from, "/") == strings.TrimSuffix(to, "/") {
			t.Errorf("redirects.yaml sends %s to itself", from)
		}
	}

	// Importing into the site as the plan left it plans the same files.
	after := fstest.MapFS{}
	for _, f := range plan.Files {
		after[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	again, err := Docusaurus(os.DirFS("testdata/docusaurus"), after, testConfig(t), DocusaurusOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range again.Files {
		if string(after[f.Path].Data) != string(f.Data) {
			t.Errorf("a second import plans %s differently:\n%s\nwas:\n%s", f.Path, f.Data, after[f.Path].Data)
		}
	}
}

// legacyShapes is a legacy blog with what real ones have: titles as file
// names with # ? % & ( ) [ ], two posts with one id, a post with an empty
// WriteTime and an indented header, thumbnails the backup lacks, and a
// README beside the posts.
func legacyShapes() fstest.MapFS {
	post := func(id, title, when, images string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("[ID: " + id + "]\n[Tags: ISTIO GOLANG]\n[Title: " + title + "]\n[WriteTime: " + when + "]\n[ImageNames: " + images + "]\n\n## Contents\n\n본문\n")}
	}
	return fstest.MapFS{
		"Istio-cni란? & 코드베이스 분석.md":        post("55", "Istio-cni란? & 코드베이스 분석", "2024-01-17", ""),
		"CNI에 대해 (Flannel & Calico).md":    post("55", "CNI에 대해 (Flannel & Calico)", "2024-01-12", "cover.png gone.png"),
		"cover.png":                        {Data: []byte("png")},
		"[#2] Istiod Architecture 이해하기.md": post("53", "[ #2 ] Istiod Architecture 이해하기", "2024/01/10", "missing.png"),
		"Golang CPU 사용량 100% 이슈.md":        post("20", "Golang CPU 사용량 100% 이슈", "2023/09/01", ""),
		"기본적인 Elastic Search에 대해.md": {Data: []byte("[ID: 45]\n\t\t[Tags: OPS PROJECTS]\n\t\t[Title: 기본적인 Elastic Search에 대해]\n\t\t[WriteTime: ]\n\t\t[ImageNames: ]\n\t\t\n\t\t엘라스틱서치에서 다루는 데이터를 도큐먼트라고 한다.\n"),
			ModTime: time.Date(2023, 12, 27, 12, 45, 24, 0, time.UTC)},
		"README.md": {Data: []byte("기술 블로그에서 작성한 글들을 백업하는 레포지토리입니다.\n")},
	}
}

func planLegacy(t *testing.T, src, site fstest.MapFS) *Plan {
	t.Helper()
	plan, err := Legacy(src, site, testConfig(t), LegacyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func TestLegacyImportDropsNoPostAndIsTheSameOnEveryRun(t *testing.T) {
	src := legacyShapes()
	site := fstest.MapFS{"blog.yaml": {Data: []byte("title: T\nlanguages:\n  ko: {title: T}\n  en: {title: T}\n")}}
	plan := planLegacy(t, src, site)
	if plan.Posts != 5 {
		t.Errorf("%d posts imported, want all 5", plan.Posts)
	}
	file := func(p string) string {
		t.Helper()
		f := plan.has(p)
		if f == nil {
			t.Fatalf("no %s in the plan; it has %v", p, plan.Files)
		}
		return string(f.Data)
	}
	for p, want := range map[string][]string{
		"content/posts/CNI에-대해-Flannel-Calico/index.ko.md":     {"id: 55\n", "images: [cover.png]\n", "date: \"2024-01-12\"\n"},
		"content/posts/Istio-cni란-코드베이스-분석/index.ko.md":        {"id: 56\n"},
		"content/posts/2-Istiod-Architecture-이해하기/index.ko.md": {"title: '[ #2 ] Istiod Architecture 이해하기'\n", "id: 53\n"},
		"content/posts/Golang-CPU-사용량-100-이슈/index.ko.md":      {"date: \"2023-09-01\"\n"},
		"content/posts/기본적인-Elastic-Search에-대해/index.ko.md":    {"date: 2023-12-27 21:45:24 +0900\n", "\n엘라스틱서치에서 다루는"},
	} {
		got := file(p)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s has no %q:\n%s", p, w, got)
			}
		}
	}
	if strings.Contains(file("content/posts/2-Istiod-Architecture-이해하기/index.ko.md"), "images:") {
		t.Error("a missing image is still in images:")
	}
	if plan.has("content/posts/CNI에-대해-Flannel-Calico/cover.png") == nil {
		t.Error("the image that is there was not copied")
	}
	var notes []string
	for _, n := range plan.Notes {
		notes = append(notes, n.String())
	}
	for _, want := range []string{
		"README.md:1: not a post (no legacy header); skipped",
		"CNI에 대해 (Flannel & Calico).md:5: image gone.png is not in the images folder; left out of images:",
		"Istio-cni란? & 코드베이스 분석.md:1: id 55 is also the id of CNI에 대해 (Flannel & Calico).md, an older post; this post gets id 56",
		"기본적인 Elastic Search에 대해.md:4: the header has no date; dated 2023-12-27 21:45:24 +0900, its modification time",
	} {
		if !slices.ContainsFunc(notes, func(n string) bool { return strings.HasPrefix(n, want) }) {
			t.Errorf("no note %q in:\n%s", want, strings.Join(notes, "\n"))
		}
	}

	// The site as the import leaves it loads without a problem, and a
	// second import writes nothing.
	for _, f := range plan.Files {
		site[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	loader := content.NewLoader(testConfig(t), markdown.New(markdown.Options{RawHTML: true}))
	set, err := loader.Load(site)
	if err != nil {
		t.Fatalf("the imported site does not load:\n%v", err)
	}
	if len(set.Posts) != 5 || len(set.Warnings) != 0 {
		t.Errorf("%d posts and warnings %v, want 5 and none", len(set.Posts), set.Warnings)
	}
	again := planLegacy(t, src, site)
	for _, f := range again.Files {
		if string(site[f.Path].Data) != string(f.Data) {
			t.Errorf("a second import changes %s:\n%s\nwas:\n%s", f.Path, f.Data, site[f.Path].Data)
		}
	}
	if len(again.Files) != len(plan.Files) {
		t.Errorf("a second import plans %d files, the first %d", len(again.Files), len(plan.Files))
	}
}
