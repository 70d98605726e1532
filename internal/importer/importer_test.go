package importer

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"blog/internal/config"
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
	plan, err := Docusaurus(os.DirFS("testdata/docusaurus"), site, testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range plan.Files {
		paths = append(paths, f.Path)
	}
	want := []string{
		"content/authors.yaml",
		"content/posts/go-errors/index.en.md", "content/posts/go-errors/index.ko.md", "content/posts/go-errors/wrap.png",
		"content/posts/k8s-probes/index.en.md", "content/posts/k8s-probes/index.ko.md", "content/posts/k8s-probes/probe-flow.png",
		"content/posts/rust-first-year/index.ko.md",
		"content/redirects.yaml",
	}
	if !slices.Equal(paths, want) {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}
	en := string(plan.has("content/posts/k8s-probes/index.en.md").Data)
	for _, s := range []string{"id: 1\n", "tags: [Kubernetes, devops]", "  - /en/blog/2026/02/20/k8s-probes/\n", "![diagram](probe-flow.png)", "<!-- truncate -->"} {
		if !strings.Contains(en, s) {
			t.Errorf("the English k8s post has no %q:\n%s", s, en)
		}
	}
	if ko := string(plan.has("content/posts/k8s-probes/index.ko.md").Data); !strings.Contains(ko, "id: 1\n") {
		t.Errorf("the Korean k8s post does not share the English one's id:\n%s", ko)
	}
	redirects := string(plan.has("content/redirects.yaml").Data)
	for _, s := range []string{"/blog/tags/retrospective: /tags/회고/\n", "/en/blog/tags/go: /en/tags/go/\n", "/blog: /\n"} {
		if !strings.Contains(redirects, s) {
			t.Errorf("redirects.yaml has no %q:\n%s", s, redirects)
		}
	}

	// Importing into the site as the plan left it plans the same files.
	after := fstest.MapFS{"blog.yaml": site["blog.yaml"]}
	for _, f := range plan.Files {
		after[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	again, err := Docusaurus(os.DirFS("testdata/docusaurus"), after, testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range again.Files {
		if string(after[f.Path].Data) != string(f.Data) {
			t.Errorf("a second import plans %s differently:\n%s\nwas:\n%s", f.Path, f.Data, after[f.Path].Data)
		}
	}
}
