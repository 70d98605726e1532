package content

import (
	"errors"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/unicode/norm"

	"blog/internal/config"
	"blog/internal/markdown"
	"blog/internal/problem"
)

func load(t *testing.T, files map[string]string) (*Set, problem.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	l := NewLoader(config.Default(), markdown.New(markdown.Options{RawHTML: true}))
	l.KeepSource, l.Text = true, true
	set, err := l.Load(fsys)
	if err == nil {
		return set, nil
	}
	var list problem.List
	if !errors.As(err, &list) {
		t.Fatalf("error is %T, not an problem.List: %v", err, err)
	}
	return set, list
}

func mustLoad(t *testing.T, files map[string]string) *Set {
	t.Helper()
	set, errs := load(t, files)
	if errs != nil {
		t.Fatalf("unexpected problems:\n%v", errs)
	}
	return set
}

func post(t *testing.T, set *Set, file string) *Post {
	t.Helper()
	for _, p := range set.Posts {
		if p.File == file {
			return p
		}
	}
	t.Fatalf("no post %s", file)
	return nil
}

// wantProblems checks that every wanted "file:line: fragment" appears.
func wantProblems(t *testing.T, errs problem.List, want ...string) {
	t.Helper()
	got := errs.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("problems lack %q; got:\n%s", w, got)
		}
	}
	if len(errs) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(errs), len(want), got)
	}
}

const seoul = "+0900"

func TestYAMLFrontMatterReadsEveryKey(t *testing.T) {
	set := mustLoad(t, map[string]string{
		"content/authors.yaml": "doyul:\n  name: Doyul Kim\n  title: Engineer\n  url: https://example.org\n  image_url: https://example.org/a.png\n",
		"content/posts/x/index.ko.md": `---
id: 48
title: "[Istio Contribution] weekly meeting 참여하기"
date: 2024-01-03 09:00:00 +0900
tags: [istio, open-source]
images: [a.png]
image: a.png
description: 설명
slug: weekly
authors: [doyul]
draft: true
featured: true
aliases: [/old/url]
series: istio
---
본문
`,
		"content/posts/x/a.png": "png",
	})
	p := post(t, set, "content/posts/x/index.ko.md")
	if p.ID != "48" || p.Title != "[Istio Contribution] weekly meeting 참여하기" || p.Slug != "weekly" || p.Lang != "ko" {
		t.Errorf("id/title/slug/lang = %q %q %q %q", p.ID, p.Title, p.Slug, p.Lang)
	}
	if got := p.Date.Format("2006-01-02 15:04 -0700"); got != "2024-01-03 09:00 "+seoul {
		t.Errorf("date = %s", got)
	}
	if len(p.Tags) != 2 || p.Tags[0] != (Tag{"istio", "istio"}) || p.Tags[1].Slug != "open-source" {
		t.Errorf("tags = %v", p.Tags)
	}
	if strings.Join(p.Images, ",") != "a.png" || p.Image != "a.png" || p.Description != "설명" {
		t.Errorf("images/image/description = %v %q %q", p.Images, p.Image, p.Description)
	}
	if len(p.Authors) != 1 || p.Authors[0].Name != "Doyul Kim" || p.Authors[0].Avatar != "https://example.org/a.png" {
		t.Errorf("authors = %+v", p.Authors)
	}
	if !p.Draft || !p.Featured || strings.Join(p.Aliases, ",") != "/old/url/" { // as a site address
		t.Errorf("draft/featured/aliases = %v %v %v", p.Draft, p.Featured, p.Aliases)
	}
	if p.Params.Map()["series"] != "istio" {
		t.Errorf("unknown key not kept: params = %v", p.Params.Map())
	}
	if string(p.Summary) != "설명" {
		t.Errorf("summary = %q, want the description", p.Summary)
	}
}

func TestWriteTimeIsAnAliasOfDate(t *testing.T) {
	set := mustLoad(t, map[string]string{"content/posts/a.md": "---\ntitle: A\nwriteTime: 2024-01-03\n---\n"})
	if got := post(t, set, "content/posts/a.md").Date.Format("2006-01-02 15:04 -0700"); got != "2024-01-03 00:00 "+seoul {
		t.Errorf("date = %s, want midnight in the site's zone", got)
	}
}

func TestDateFormsKeepTheAuthorsOffset(t *testing.T) {
	for src, want := range map[string]string{
		"2024-01-03 09:00:00 +0900": "2024-01-03T09:00:00+09:00",
		"2024-01-03T09:00:00-07:00": "2024-01-03T09:00:00-07:00",
		"2024-01-03T09:00:00Z":      "2024-01-03T09:00:00Z",
		"2024-01-03 09:00":          "2024-01-03T09:00:00+09:00",
		"2024-01-03":                "2024-01-03T00:00:00+09:00",
		"2023/11/07":                "2023-11-07T00:00:00+09:00",
	} {
		d, err := parseDate(src, config.Default().Location)
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		if got := d.Format(time.RFC3339); got != want {
			t.Errorf("%s → %s, want %s", src, got, want)
		}
	}
}

func TestLegacyHeaderIsReadAsIs(t *testing.T) {
	set := mustLoad(t, map[string]string{
		"content/posts/istio/index.txt": "[ID: 48]\n\t\t[Tags: ISTIO]\n\t\t[Title: [Istio Contribution] weekly meeting 참여하기]\n\t\t[WriteTime: 2024-01-03]\n\t\t[ImageNames: a.png b.png]\n\t\t\n\t\t\n##  Content\n\n\n## 1. Preamble\n\n본문\n",
		"content/posts/istio/a.png":     "a",
		"content/posts/istio/b.png":     "b",
	})
	p := post(t, set, "content/posts/istio/index.txt")
	if !p.Legacy || p.ID != "48" || p.Title != "[Istio Contribution] weekly meeting 참여하기" || p.Lang != "ko" || p.Slug != "istio" {
		t.Errorf("legacy/id/title/lang/slug = %v %q %q %q %q", p.Legacy, p.ID, p.Title, p.Lang, p.Slug)
	}
	if len(p.Tags) != 1 || p.Tags[0] != (Tag{"ISTIO", "istio"}) {
		t.Errorf("tags = %v", p.Tags)
	}
	if strings.Join(p.Images, " ") != "a.png b.png" {
		t.Errorf("images = %v", p.Images)
	}
	if html := htmlOf(t, p); strings.Contains(html, "Content") || !strings.Contains(html, `<h2 id="1-preamble">`) {
		t.Errorf("content = %s", html)
	}
}

func TestLegacyHeaderVariants(t *testing.T) {
	set := mustLoad(t, map[string]string{
		// tags by commas, slash date, empty ImageNames, no ID line, title with brackets
		"content/posts/a.txt": "[Tags: Go, 컴퓨터 구조, open source]\n[Title: [회고] 2023년 [상반기]]\n[WriteTime: 2023/11/07]\n[ImageNames: ]\n\n본문\n",
		// tags by spaces, no indentation, ImageNames with nothing after the colon
		"content/posts/b.txt": "[ID: 7]\n[Tags: rust wasm]\n[Title: B]\n[WriteTime: 2024-01-03]\n[ImageNames:]\n본문\n",
	})
	a := post(t, set, "content/posts/a.txt")
	if a.ID != "" || a.Title != "[회고] 2023년 [상반기]" || a.Date.Format("2006-01-02") != "2023-11-07" || len(a.Images) != 0 {
		t.Errorf("a: id=%q title=%q date=%s images=%v", a.ID, a.Title, a.Date, a.Images)
	}
	var slugs []string
	for _, tg := range a.Tags {
		slugs = append(slugs, tg.Slug)
	}
	if strings.Join(slugs, "|") != "go|컴퓨터-구조|open-source" {
		t.Errorf("a tags = %v", a.Tags)
	}
	if a.Key() != "name:a" {
		t.Errorf("a key = %q, want the file name without an id", a.Key())
	}
	b := post(t, set, "content/posts/b.txt")
	if b.ID != "7" || len(b.Tags) != 2 || b.Tags[1].Slug != "wasm" || len(b.Images) != 0 {
		t.Errorf("b: id=%q tags=%v images=%v", b.ID, b.Tags, b.Images)
	}
}

func TestTranslationsAreJoinedByIDOrName(t *testing.T) {
	set := mustLoad(t, map[string]string{
		"content/posts/a/index.ko.md": "---\nid: 1\ntitle: 가\ndate: 2024-01-01\n---\n",
		"content/posts/a/index.en.md": "---\nid: 1\ntitle: A\ndate: 2024-01-01\n---\n",
		"content/posts/b.md":          "---\ntitle: 나\ndate: 2024-01-01\n---\n",
		"content/posts/b.en.md":       "---\ntitle: B\ndate: 2024-01-01\n---\n",
		"content/posts/c.md":          "---\ntitle: 다\ndate: 2024-01-01\n---\n",
	})
	a := post(t, set, "content/posts/a/index.ko.md")
	if en := a.Translation("en"); en == nil || en.Title != "A" {
		t.Errorf("a/index.ko.md not joined with a/index.en.md by id")
	}
	ko := post(t, set, "content/posts/b.md")
	if en := ko.Translation("en"); en == nil || en.Title != "B" {
		t.Errorf("b.md not joined with b.en.md by name")
	}
	if post(t, set, "content/posts/c.md").Translation("en") != nil {
		t.Error("c.md has a translation it should not")
	}
}

func TestDuplicateIDInOneLanguageIsAnError(t *testing.T) {
	_, errs := load(t, map[string]string{
		"content/posts/a.en.md": "---\nid: 1\ntitle: A\ndate: 2024-01-01\n---\n",
		"content/posts/b.en.md": "---\ntitle: B\nid: 1\ndate: 2024-01-01\n---\n",
		"content/posts/c.md":    "---\nid: 1\ntitle: 다\ndate: 2024-01-01\n---\n",
	})
	wantProblems(t, errs, "content/posts/b.en.md:3: id 1 is already used by content/posts/a.en.md in language en")
}

func TestDuplicateSlugInOneLanguageIsAnError(t *testing.T) {
	_, errs := load(t, map[string]string{
		"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\nslug: same\n---\n",
		"content/posts/b.md": "---\ntitle: B\ndate: 2024-01-01\nslug: same\n---\n",
	})
	wantProblems(t, errs, `content/posts/b.md:4: slug "same" is already used by content/posts/a.md in language ko`)
}

func TestEveryBadInputIsReportedWithFileAndLine(t *testing.T) {
	_, errs := load(t, map[string]string{
		"content/posts/broken.md":   "---\ntitle: A\ntags: [a, b\ndate: 2024-01-01\n---\n",
		"content/posts/baddate.md":  "---\ntitle: A\ndate: 2024-13-45\n---\n",
		"content/posts/notitle.md":  "---\ndate: 2024-01-01\n---\n본문\n",
		"content/posts/noimage.md":  "---\ntitle: A\ndate: 2024-01-01\nimages: [missing.png]\n---\n",
		"content/posts/badutf8.md":  "---\ntitle: A\ndate: 2024-01-01\n---\nok\nbad \xff byte\n",
		"content/posts/unclosed.md": "---\ntitle: A\n",
		"content/posts/noheader.md": "just text\n",
		"content/posts/legacy.txt":  "[Title: L]\n[WriteTime: yesterday]\n\nbody\n",
		"content/posts/badid.md":    "---\nid: abc\ntitle: A\ndate: 2024-01-01\n---\n",
		"content/posts/author.md":   "---\ntitle: A\ndate: 2024-01-01\nauthors: [nobody]\n---\n",
		"content/posts/x.fr.md":     "---\ntitle: A\ndate: 2024-01-01\n---\n",
	})
	wantProblems(t, errs,
		"content/posts/author.md:4: author \"nobody\" is not in content/authors.yaml",
		"content/posts/badutf8.md:6: invalid UTF-8",
		"content/posts/baddate.md:3: date: \"2024-13-45\" is not a date",
		"content/posts/badid.md:2: id: \"abc\" is not a number",
		"content/posts/broken.md:3: front matter: did not find expected ',' or ']'",
		"content/posts/legacy.txt:2: WriteTime: \"yesterday\" is not a date",
		"content/posts/noimage.md:4: image \"missing.png\" does not exist",
		"content/posts/notitle.md:1: title is missing",
		"content/posts/unclosed.md:1: front matter opened with --- is never closed",
		"content/posts/x.fr.md: \"x.fr.md\" names a language this site does not have",
	)
}

// A folder of legacy posts dropped into content/posts as it is builds:
// titles as file names give clean slugs, thumbnails the backup lacks and
// files that are not posts are warnings, and only a second post with the
// same id or a post without a date are errors.
func TestLegacyPostsDroppedInAsTheyAre(t *testing.T) {
	header := func(id, title, when, images string) string {
		return "[ID: " + id + "]\n[Tags: ISTIO, GOLANG]\n[Title: " + title + "]\n[WriteTime: " + when + "]\n[ImageNames: " + images + "]\n\n## Contents\n\n본문\n"
	}
	files := map[string]string{
		"content/posts/#1 Gorilla Websocket 번역.md":           header("3", "#1 Gorilla Websocket 번역", "2023/07/04", "68e4ba88.png"),
		"content/posts/Golang Package Oriented Design이란?.md": header("4", "Golang Package Oriented Design이란?", "2023/07/05", ""),
		"content/posts/Golang CPU 사용량 100% 이슈.md":            header("5", "Golang CPU 사용량 100% 이슈", "2023-07-06", "a.png b.png"),
		"content/posts/CNI에 대해 (Flannel & Calico).md":        header("6", "CNI에 대해 (Flannel & Calico)", "2024-01-12", "here.png"),
		"content/posts/here.png":                             "png",
		"content/posts/[#2] Istiod Architecture 이해하기.md":     header("7", "[ #2 ] Istiod Architecture 이해하기", "2024-01-13", ""),
		"content/posts/도커 오류 : ERR_NAME_NOT_RESOLVED.md":     header("8", "도커 오류", "2024-01-14", ""),
		"content/posts/DinD, DOoD, S2I.md":                   header("9", "DinD, DOoD, S2I", "2024-01-15", ""),
		"content/posts/커플 채팅 docker-compose.yml 작성하기.md":     header("10", "커플 채팅", "2024-01-16", ""),
		"content/posts/기본적인 Elastic Search에 대해.md":           "[ID: 11]\n\t\t[Tags: OPS]\n\t\t[Title: 기본적인 Elastic Search에 대해]\n\t\t[WriteTime: 2024-01-17]\n\t\t[ImageNames: ]\n\t\t\n\t\t엘라스틱서치에서 다루는 데이터\n\n    code stays code\n",
		"content/posts/README.md":                            "기술 블로그에서 작성한 글들을 백업하는 레포지토리입니다.\n",
		"content/posts/notes.md":                             "just text\n",
	}
	set, errs := load(t, files)
	if errs != nil {
		t.Fatalf("the posts do not build:\n%v", errs)
	}
	slugs := map[string]string{}
	for _, p := range set.Posts {
		slugs[path.Base(p.File)] = p.Slug
		if err := slugRule(p.Slug); err != nil {
			t.Errorf("%s: slug %q %v", p.File, p.Slug, err)
		}
	}
	for file, want := range map[string]string{
		"#1 Gorilla Websocket 번역.md":           "1-Gorilla-Websocket-번역",
		"Golang Package Oriented Design이란?.md": "Golang-Package-Oriented-Design이란",
		"Golang CPU 사용량 100% 이슈.md":            "Golang-CPU-사용량-100-이슈",
		"CNI에 대해 (Flannel & Calico).md":        "CNI에-대해-Flannel-Calico",
		"[#2] Istiod Architecture 이해하기.md":     "2-Istiod-Architecture-이해하기",
		"도커 오류 : ERR_NAME_NOT_RESOLVED.md":     "도커-오류-ERR_NAME_NOT_RESOLVED",
		"DinD, DOoD, S2I.md":                   "DinD-DOoD-S2I",
		"커플 채팅 docker-compose.yml 작성하기.md":     "커플-채팅-docker-compose.yml-작성하기",
	} {
		if slugs[file] != want {
			t.Errorf("%s: slug %q, want %q", file, slugs[file], want)
		}
	}
	if n := len(set.Posts); n != 9 {
		t.Errorf("%d posts, want 9 (README.md and notes.md are not posts)", n)
	}
	wantProblems(t, set.Warnings,
		`content/posts/#1 Gorilla Websocket 번역.md:5: ImageNames names "68e4ba88.png", not in content/posts`,
		`content/posts/Golang CPU 사용량 100% 이슈.md:5: ImageNames names "a.png" and "b.png", not in content/posts`,
		"content/posts/README.md: a README beside the posts is not a post; skipped",
		"content/posts/notes.md:1: not a post (no front matter and no legacy [Title: …] header); skipped",
	)
	if n := len(set.Warnings); n != 4 {
		t.Errorf("%d warnings, want 4:\n%v", n, set.Warnings)
	}
	if p := post(t, set, "content/posts/CNI에 대해 (Flannel & Calico).md"); !slices.Equal(p.Images, []string{"here.png"}) {
		t.Errorf("images %v, want the one that is there", p.Images)
	}
	if p := post(t, set, "content/posts/Golang CPU 사용량 100% 이슈.md"); len(p.Images) != 0 {
		t.Errorf("images %v, want none", p.Images)
	}
	es := htmlOf(t, post(t, set, "content/posts/기본적인 Elastic Search에 대해.md"))
	if !strings.Contains(es, "<p>엘라스틱서치에서 다루는 데이터</p>") || !strings.Contains(es, "<code>code stays code") {
		t.Errorf("an indented header's first paragraph is not a paragraph, or code lost its indent:\n%s", es)
	}

	// The genuine conflicts stay errors.
	files["content/posts/Istio-cni란? & 코드베이스 분석.md"] = header("6", "Istio-cni란? & 코드베이스 분석", "2024-01-17", "")
	files["content/posts/empty.md"] = header("12", "빈 날짜", "", "")
	_, errs = load(t, files)
	wantProblems(t, errs,
		"content/posts/Istio-cni란? & 코드베이스 분석.md:1: id 6 is already used by content/posts/CNI에 대해 (Flannel & Calico).md",
		"content/posts/empty.md:4: WriteTime is empty",
	)
	if len(errs) != 2 {
		t.Errorf("%d errors, want 2:\n%v", len(errs), errs)
	}
}

func TestNameSlug(t *testing.T) {
	for in, want := range map[string]string{
		"my-post":             "my-post",
		"the-Impact-of-macOS": "the-Impact-of-macOS",
		"go 1.22 released.":   "go-1.22-released",
		"...hidden":           "hidden",
		"a&b":                 "a-b",
		"?#%":                 "",
		"C++ 입문":              "C++-입문",
	} {
		if got := NameSlug(in); got != want {
			t.Errorf("NameSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBOMAndCRLFAreAccepted(t *testing.T) {
	set := mustLoad(t, map[string]string{
		"content/posts/a.md": "\uFEFF---\r\ntitle: 윈도우\r\ndate: 2024-01-03\r\n---\r\n첫 줄\r\n둘째 줄\r\n",
	})
	p := post(t, set, "content/posts/a.md")
	if p.Title != "윈도우" || !strings.Contains(htmlOf(t, p), "첫 줄\n둘째 줄") || p.Words != 4 {
		t.Errorf("title=%q content=%q words=%d", p.Title, htmlOf(t, p), p.Words)
	}
}

func TestNFDNamesAndTagsGiveNFCSlugs(t *testing.T) {
	nfdName := "\u1112\u1161\u11ab\u1100\u1173\u11af" // 한글 in NFD, as macOS writes file names
	set := mustLoad(t, map[string]string{
		"content/posts/" + nfdName + "/index.md": "---\ntitle: \u1112\u1161\u11ab\ndate: 2024-01-03\ntags: [\"\u1112\u1161\u11ab\u1100\u1173\u11af \u1100\u1175\u1105\u1169\u11a8\"]\n---\n",
	})
	p := set.Posts[0]
	if p.Slug != "한글" || p.Title != "한" || p.Tags[0].Slug != "한글-기록" {
		t.Errorf("slug=%q title=%q tag=%q, want NFC", p.Slug, p.Title, p.Tags[0].Slug)
	}
}

func TestTagSlugs(t *testing.T) {
	for in, want := range map[string]string{
		"컴퓨터 구조":          "컴퓨터-구조",
		"ISTIO":           "istio",
		"  Open  Source ": "open-source",
		"C++":             "c++",
		"a/b?c#d":         "a-bcd",
		"Node.js":         "node.js",
	} {
		if got := TagSlug(in); got != want {
			t.Errorf("TagSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadingTimeCountsEachScriptAtItsOwnSpeed(t *testing.T) {
	ko := strings.Repeat("한국어 ", 400)  // 400 eojeol at 200/min: 2 min
	en := strings.Repeat("word ", 460) // 460 words at 230/min: 2 min
	if got := ReadingTime(ko); got != 2 {
		t.Errorf("Korean: %d min, want 2", got)
	}
	if got := ReadingTime(en); got != 2 {
		t.Errorf("English: %d min, want 2", got)
	}
	if got := ReadingTime(ko + en); got != 4 {
		t.Errorf("mixed: %d min, want 4 (each run at its own speed)", got)
	}
	if got := ReadingTime(""); got != 1 {
		t.Errorf("empty: %d, want at least 1", got)
	}
}

func TestBundleResourcesAndPlainFolders(t *testing.T) {
	set := mustLoad(t, map[string]string{
		"content/posts/b/index.md":        "---\ntitle: B\ndate: 2024-01-01\nimages: [img/x.png]\n---\n",
		"content/posts/b/img/x.png":       "x",
		"content/posts/b/data.csv":        "1,2",
		"content/posts/b/.DS_Store":       "junk",
		"content/posts/2024/first.md":     "---\ntitle: F\ndate: 2024-01-01\n---\n",
		"content/posts/2024/second.en.md": "---\ntitle: S\ndate: 2024-01-02\n---\n",
	})
	b := post(t, set, "content/posts/b/index.md")
	if !b.Bundle || strings.Join(b.Resources, ",") != "data.csv,img/x.png" {
		t.Errorf("bundle=%v resources=%v", b.Bundle, b.Resources)
	}
	if f := post(t, set, "content/posts/2024/first.md"); f.Bundle || f.Slug != "first" {
		t.Errorf("first: bundle=%v slug=%q", f.Bundle, f.Slug)
	}
	if s := post(t, set, "content/posts/2024/second.en.md"); s.Lang != "en" {
		t.Errorf("second lang = %q", s.Lang)
	}
}

func TestLoaderRendersOnlyChangedPostsAgain(t *testing.T) {
	fsys := fstest.MapFS{
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-01-01\n---\n```go\nx := 1\n```\n")},
		"content/posts/b.md": {Data: []byte("---\ntitle: B\ndate: 2024-01-02\n---\n둘\n")},
	}
	var rendered []string // code blocks highlighted, one per render of a.md
	md := markdown.New(markdown.Options{Highlight: func(_ string, code []byte) ([]byte, bool) {
		rendered = append(rendered, string(code))
		return nil, false
	}})
	l := NewLoader(config.Default(), md)
	if _, err := l.Load(fsys); err != nil {
		t.Fatal(err)
	}
	fsys["content/posts/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B2\ndate: 2024-01-02\n---\n둘\n")}
	second, err := l.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(rendered) != 1 {
		t.Errorf("a.md rendered %d times, want once (it did not change)", len(rendered))
	}
	if post(t, second, "content/posts/b.md").Title != "B2" {
		t.Error("changed post not parsed again")
	}
	if !strings.Contains(htmlOf(t, post(t, second, "content/posts/a.md")), "x := 1") {
		t.Error("reused post lost its content")
	}
	delete(fsys, "content/posts/a.md")
	third, err := l.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(third.Posts) != 1 {
		t.Errorf("deleted post still loaded: %d posts", len(third.Posts))
	}
}

func TestUnchangedPostKeepsReportingItsProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"content/posts/a.md": {Data: []byte("---\ndate: 2024-01-01\n---\n제목 없음\n")},
		"content/posts/b.md": {Data: []byte("---\ntitle: B\ndate: 2024-01-02\n---\n")},
	}
	l := NewLoader(config.Default(), markdown.New(markdown.Options{}))
	for i, load := range []func() (*Set, error){
		func() (*Set, error) { return l.Load(fsys) },
		func() (*Set, error) { return l.Load(fsys) },
		func() (*Set, error) { return l.Update(fsys, []string{"content/posts/b.md"}) },
	} {
		if _, err := load(); err == nil || !strings.Contains(err.Error(), "content/posts/a.md:1: title is missing") {
			t.Errorf("load %d: error = %v", i, err)
		}
	}
}

func TestUpdateReadsOnlyTheChangedFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"content/posts/a.md":        {Data: []byte("---\ntitle: A\ndate: 2024-01-01\n---\n하나\n")},
		"content/posts/b/index.md":  {Data: []byte("---\ntitle: B\ndate: 2024-01-02\nimages: [x.png]\n---\n둘\n")},
		"content/posts/b/x.png":     {Data: []byte("png")},
		"content/posts/c.en.md":     {Data: []byte("---\ntitle: C\ndate: 2024-01-03\n---\nthree\n")},
		"content/posts/notes.draft": {Data: []byte("not a post")},
	}
	l := NewLoader(config.Default(), markdown.New(markdown.Options{}))
	if _, err := l.Load(fsys); err != nil {
		t.Fatal(err)
	}
	// a.md changes on disk, but only c.en.md is named: a.md is not read.
	fsys["content/posts/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A2\ndate: 2024-01-01\n---\n")}
	fsys["content/posts/c.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: C2\ndate: 2024-01-03\n---\n")}
	set, err := l.Update(fsys, []string{"content/posts/c.en.md"})
	if err != nil {
		t.Fatal(err)
	}
	if post(t, set, "content/posts/a.md").Title != "A" || post(t, set, "content/posts/c.en.md").Title != "C2" {
		t.Errorf("titles %q %q", post(t, set, "content/posts/a.md").Title, post(t, set, "content/posts/c.en.md").Title)
	}
	// A new file in a bundle is picked up as a resource.
	fsys["content/posts/b/y.png"] = &fstest.MapFile{Data: []byte("png")}
	set, err = l.Update(fsys, []string{"content/posts/b/y.png"})
	if err != nil {
		t.Fatal(err)
	}
	if got := post(t, set, "content/posts/b/index.md").Resources; strings.Join(got, ",") != "x.png,y.png" {
		t.Errorf("resources = %v", got)
	}
	// A new post and a deleted one make a full load.
	fsys["content/posts/d.md"] = &fstest.MapFile{Data: []byte("---\ntitle: D\ndate: 2024-01-04\n---\n")}
	delete(fsys, "content/posts/c.en.md")
	set, err = l.Update(fsys, []string{"content/posts/d.md", "content/posts/c.en.md"})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, p := range set.Posts {
		files = append(files, p.File)
	}
	slices.Sort(files)
	if strings.Join(files, " ") != "content/posts/a.md content/posts/b/index.md content/posts/d.md" {
		t.Errorf("posts = %v", files)
	}
	if post(t, set, "content/posts/a.md").Title != "A2" {
		t.Error("a full load did not read a.md again")
	}
}

func TestQuickNFCCheckAgreesWithTheFullOne(t *testing.T) {
	for _, s := range []string{
		"", "plain ascii", "한글 문장입니다. → · “따옴표” ＡＢＣ 漢字 🙂",
		"\u1112\u1161\u11ab", // 한 in conjoining jamo (NFD)
		"e\u0301",            // e + combining acute
		"\u00e9",             // é precomposed
		"カ\u3099",            // カ + combining voiced mark
		"Å", "\u212b", "ﬁ",   // Angstrom sign is not NFC; the ligature is
		"한\u0301", "\u3131\u314f", // compatibility jamo stay as they are
	} {
		if got, want := isNFC([]byte(s)), norm.NFC.IsNormalString(s); got != want {
			t.Errorf("isNFC(%q) = %v, norm says %v", s, got, want)
		}
	}
	// Every character the quick scan accepts is NFC on its own.
	for r := rune(0x80); r <= 0x10FFFF; r++ {
		if quickNFC(r) && !norm.NFC.IsNormalString(string(r)) {
			t.Errorf("quickNFC accepts %U, which is not NFC", r)
		}
	}
}

func TestWordsCountHangulAndOtherWordsButNotPunctuation(t *testing.T) {
	if _, words := readingStats("서울은 좋다 · Go 1.26 →\n\t끝"); words != 5 {
		t.Errorf("words = %d, want 5", words)
	}
}

// htmlOf is a post's rendered body.
func htmlOf(t *testing.T, p *Post) string {
	t.Helper()
	html, err := p.Content()
	if err != nil {
		t.Fatal(err)
	}
	return string(html)
}

// The byte scan that skips clean files agrees with the rune rule on every
// code point.
func TestControlScanAgreesWithTheRuneRule(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		b := []byte("a" + string(r) + "b")
		want := r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f || r == 0xFFFE || r == 0xFFFF
		if hasControls(b) != want {
			t.Fatalf("U+%04X: the scan says %t", r, hasControls(b))
		}
	}
}
