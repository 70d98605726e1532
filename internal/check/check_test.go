package check

import (
	"strings"
	"testing"
	"testing/fstest"
)

func newSite(files ...string) fstest.MapFS {
	fsys := fstest.MapFS{"blog.yaml": {Data: []byte("title: T\n")}}
	for i := 0; i+1 < len(files); i += 2 {
		fsys[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return fsys
}

func run(t *testing.T, fsys fstest.MapFS) Findings {
	t.Helper()
	found, err := Run(fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func has(t *testing.T, found Findings, want string) {
	t.Helper()
	for _, f := range found {
		if strings.Contains(f.String(), want) {
			return
		}
	}
	t.Errorf("no finding with %q in:\n%v", want, found)
}

const good = "---\nid: 1\ntitle: 좋은 글\ndate: 2024-01-01\ntags: [go]\n---\n## 첫 절\n\n본문.\n"

func TestBrokenLinksImagesAndAnchorsAreErrorsWithTheirLine(t *testing.T) {
	found := run(t, newSite(
		"content/posts/good.md", good,
		"content/posts/good.en.md", "---\nid: 1\ntitle: Good\ndate: 2024-01-01\ntags: [go]\n---\ntext\n",
		"content/posts/b/index.md", "---\nid: 2\ntitle: 링크\ndate: 2024-01-02\n---\n"+
			"[좋은 글](/posts/good/)과 [절](/posts/good/#첫-절)은 맞다.\n"+ // line 6: fine
			"[없는 글](/posts/nope/)\n"+ // 7
			"![그림](missing.png)\n"+ // 8
			"[없는 절](/posts/good/#없음)\n"+ // 9
			"[이 글의 절](#nowhere)\n"+ // 10
			"```\n[코드 안](/posts/ignored/)\n```\n"+ // 11-13: inside code
			"`[인라인](/posts/ignored/)`\n"+ // 14
			"<a href=\"../good/\">상대 경로</a> <img src=\"pic.png\">\n"+ // 15
			"[바깥](https://example.org/x) [메일](mailto:a@b.c)\n", // 16
		"content/posts/b/pic.png", "png",
	))
	has(t, found, `content/posts/b/index.md:7: link "/posts/nope/" points at /posts/nope/`)
	has(t, found, `content/posts/b/index.md:8: link "missing.png"`)
	has(t, found, `content/posts/b/index.md:9: link "/posts/good/#없음": no element with id "없음"`)
	has(t, found, `content/posts/b/index.md:10: link "#nowhere"`)
	if n := found.Errors(); n != 4 {
		t.Errorf("%d errors, want 4:\n%v", n, found)
	}
}

func TestMissingTranslationAndTagSpellingsAreWarnings(t *testing.T) {
	found := run(t, newSite(
		"content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [ISTIO]\n---\n",
		"content/posts/b.md", "---\ntitle: B\ndate: 2024-01-02\ntags: [istio]\n---\n",
	))
	has(t, found, "content/posts/a.md: warning: no en translation")
	has(t, found, `both are the tag "istio"`)
	if found.Errors() != 0 {
		t.Errorf("warnings counted as errors: %v", found)
	}
}

func TestBuildProblemsAreCheckErrors(t *testing.T) {
	found := run(t, newSite("content/posts/a.md", "---\ntitle: [broken\n---\n"))
	has(t, found, "content/posts/a.md:2: front matter")
	if found.Errors() != 1 {
		t.Errorf("found %v", found)
	}
}

func TestTextInNFDIsAWarning(t *testing.T) {
	nfd := "\u1112\u1161\u11ab\u1100\u1173\u11af" // 한글, decomposed
	found := run(t, newSite("content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [\""+nfd+"\"]\n---\n"))
	has(t, found, "content/posts/a.md:4: warning: text not in Unicode NFC form")
}

// Docs link each other by file, as Docusaurus writes them: such links are
// checked as their pages have them, and a broken one is an error with its
// line.
func TestDocLinksAreCheckedAsTheirPagesHaveThem(t *testing.T) {
	found := run(t, newSite(
		"content/docs/guide/index.md", "---\ntitle: 가이드\n---\n\n[설치](./install.md#설치-방법)\n",
		"content/docs/guide/install.md", "---\ntitle: 설치\n---\n\n## 설치 방법\n\n[처음](./index.md) [그림](img/a.png)\n\n[없는 문서](./missing.md)\n",
		"content/docs/guide/img/a.png", "png",
	))
	for _, f := range found {
		if f.Severity == Error && !strings.Contains(f.Message, "missing") {
			t.Errorf("unexpected error: %v", f)
		}
	}
	has(t, found, "content/docs/guide/install.md:9: link \"../missing/\"")
}
