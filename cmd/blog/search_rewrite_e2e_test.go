package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// readCases reads a case file of internal/search/testdata, shared by the
// Go tests of the index side and these tests of search.js.
func readCases[T any](t *testing.T, name string) []T {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "internal", "search", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var cases []T
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return cases
}

// loadIndexJS makes the page's index the global ix, for the cases below.
const loadIndexJS = `blogSearch.load(document.getElementById("search-page-form").dataset.index).then(i => { window.ix = i; return i.m.n; })`

// TestSearchQueryRewritesInBrowserMatchSharedCases runs search.js's query
// rewrites on the shared cases: stems of Korean eojeol, as the index cuts
// them with the list it writes; the shard of a token, as the index puts
// it there; the initials of a word, as the index files it; the other
// keyboard layout; one edit away.
func TestSearchQueryRewritesInBrowserMatchSharedCases(t *testing.T) {
	b, srv := searchBrowser(t)
	b.openSearch(t, srv, "/search/")
	if _, err := evaluateAsync[int](b, loadIndexJS); err != nil {
		t.Fatal(err)
	}
	for _, c := range readCases[struct {
		Word  string   `json:"word"`
		Stems []string `json:"stems"`
	}](t, "stems.json") {
		got, err := evaluate[[]string](b, "blogSearch.stems("+jsString(c.Word)+", ix.ctx.suffixes)")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, c.Stems) && !(len(got) == 0 && len(c.Stems) == 0) {
			t.Errorf("search.js stems(%q) = %q, want %q (as Go)", c.Word, got, c.Stems)
		}
	}
	for _, c := range readCases[struct {
		Key    string `json:"key"`
		Shards int    `json:"shards"`
		Shard  int    `json:"shard"`
	}](t, "shards.json") {
		got, err := evaluate[int](b, fmt.Sprintf("blogSearch.shardOf(%s, %d)", jsString(c.Key), c.Shards))
		if err != nil || got != c.Shard {
			t.Errorf("search.js shardOf(%q, %d) = %d (%v), want %d (as Go)", c.Key, c.Shards, got, err, c.Shard)
		}
	}
	for _, c := range readCases[struct {
		Typed string  `json:"typed"`
		Other *string `json:"other"`
	}](t, "keyboard.json") {
		got, err := evaluate[*string](b, "blogSearch.otherLayout("+jsString(c.Typed)+")")
		if err != nil || (got == nil) != (c.Other == nil) || got != nil && *got != *c.Other {
			t.Errorf("search.js otherLayout(%q) = %v (%v), want %v", c.Typed, deref(got), err, deref(c.Other))
		}
	}
	for _, c := range readCases[struct{ Word, Initials string }](t, "initials.json") {
		got, err := evaluate[string](b, "blogSearch.initialsOf("+jsString(c.Word)+")")
		if err != nil || got != c.Initials {
			t.Errorf("search.js initialsOf(%q) = %q (%v), want %q (as Go)", c.Word, got, err, c.Initials)
		}
	}
	for _, c := range readCases[struct {
		A, B string
		One  bool
	}](t, "edits.json") {
		got, err := evaluate[bool](b, "blogSearch.oneEdit("+jsString(c.A)+", "+jsString(c.B)+")")
		if err != nil || got != c.One {
			t.Errorf("search.js oneEdit(%q, %q) = %v (%v), want %v", c.A, c.B, got, err, c.One)
		}
	}
}

// TestSearchPassagesEndOnWordsAndDatesAreTheReaders checks the passages
// search.js cuts from a post's text: never a footnote mark, never half a
// word; and the dates of results as the site's pages write them.
func TestSearchPassagesEndOnWordsAndDatesAreTheReaders(t *testing.T) {
	b, srv := searchBrowser(t)
	b.openSearch(t, srv, "/search/")
	text := strings.Repeat("컨테이너를 띄우고 프로브를 설정한다. ", 8) + "마지막으로 startupProbe를 쓴다 ↩︎"
	for _, word := range []string{"띄우고", "startupProbe", "마지막으로"} {
		got, err := evaluate[string](b, fmt.Sprintf("blogSearch.passageAround(%s, new RegExp(%s, 'giu'), 60)", jsString(text), jsString(word)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(got, "↩") || !strings.Contains(got, word) {
			t.Errorf("passage for %q is %q: want the word, without ↩", word, got)
		}
		inner := strings.Trim(got, "…")
		if !strings.Contains(text, inner) {
			t.Fatalf("passage %q is not from the text", got)
		}
		i := strings.Index(text, inner)
		if i > 0 && text[i-1] != ' ' || i+len(inner) < len(text) && !strings.ContainsRune(" .", rune(text[i+len(inner)])) && !strings.HasPrefix(text[i+len(inner):], " ↩") {
			t.Errorf("passage for %q is %q: it cuts a word", word, got)
		}
	}
	for lang, want := range map[string]string{"ko": "2024년 1월 3일", "en": "January 3, 2024"} {
		if got, err := evaluate[string](b, `blogSearch.formatDate("2024-01-03", "`+lang+`")`); err != nil || got != want {
			t.Errorf("formatDate in %s = %q (%v), want %q", lang, got, err, want)
		}
	}
	b.typeInto(t, "#search-page-input", "기여")
	b.results(t, "#search-page-results", "기여")
	meta, _ := evaluate[string](b, `document.querySelector("#search-page-results .search-meta").textContent`)
	if !strings.Contains(meta, "년 ") || !strings.Contains(meta, "월 ") {
		t.Errorf("a Korean result's date reads %q, want it as the pages write it", meta)
	}
}

// deref is *s, or "null".
func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// rewriteCase is a query typed into the search page and the post a
// reader wants among the first three results.
type rewriteCase struct {
	page, query, want string
	showing           string // the query the results say they are for, if not the one typed
}

// TestSearchPageForgivesHowKoreansType types each kind of query a Korean
// reader types into the search page of a small built site and checks
// that the post they mean is among the first three results.
func TestSearchPageForgivesHowKoreansType(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := findBrowser(t)
	srv := staticBuild(t, filepath.Join("testdata", "search-site"))
	b := startReaderBrowser(t, chrome)
	b.emulateViewport(t, desktop)
	for _, c := range rewriteCases {
		b.openSearch(t, srv, c.page)
		b.typeInto(t, "#search-page-input", c.query)
		rs := b.results(t, "#search-page-results", c.query)
		found := false
		for i, r := range rs {
			if i < 3 && r.Href == c.want {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %q: %s is not in the first three results: %+v", c.page, c.query, c.want, rs)
		}
		got, _ := evaluate[string](b, `(document.querySelector("#search-page-results .search-rewrite strong") || {}).textContent || ""`)
		if got != c.showing {
			t.Errorf("%s %q: results say they are for %q, want %q", c.page, c.query, got, c.showing)
		}
	}

	// The query as typed is one click away from its rewrite.
	b.openSearch(t, srv, "/search/")
	b.typeInto(t, "#search-page-input", "dkssud")
	b.results(t, "#search-page-results", "dkssud")
	b.run(t, `document.querySelector("#search-page-results .search-rewrite a").click()`)
	b.waitJS(t, "the results of the query as typed", `!document.querySelector("#search-page-results .search-rewrite") &&
		document.querySelector("#search-page-results .search-empty") !== null`)
	if v, _ := evaluate[string](b, `document.getElementById("search-page-input").value`); v != "dkssud" {
		t.Errorf("after the click the box holds %q, want the query as typed", v)
	}
	note, _ := evaluate[string](b, `document.querySelector("#search-page-results .search-empty").textContent`)
	if !strings.Contains(note, "dkssud") {
		t.Errorf("the query as typed shows %q, want no results for dkssud", note)
	}
}

// rewriteCases are queries of every kind the search forgives, on
// testdata/search-site.
var rewriteCases = []rewriteCase{
	// Particles and endings the text does not have: it says 컨테이너,
	// 배포한, 운영했다, 만들면서.
	{page: "/search/", query: "컨테이너를", want: "/posts/rust-cli/"},
	{page: "/search/", query: "배포했다", want: "/posts/react-hooks/"},
	{page: "/search/", query: "운영하는", want: "/posts/k8s-cluster/"},
	{page: "/search/", query: "도구로", want: "/posts/rust-cli/"},
	// Korean spellings of English terms and back; a site's own group.
	{page: "/search/", query: "쿠버네티스", want: "/posts/k8s-cluster/"},
	{page: "/search/", query: "쿠버네티스를", want: "/posts/k8s-cluster/"},
	{page: "/search/", query: "리액트", want: "/posts/react-hooks/"},
	{page: "/search/", query: "Rust", want: "/posts/rust-cli/"},
	{page: "/search/", query: "사내위키", want: "/posts/greeting/"},
	{page: "/en/search/", query: "쿠버네티스", want: "/en/posts/kube-probes/"},
	// A syllable still being typed after a word does not empty the list.
	{page: "/search/", query: "Kubernetes 운", want: "/posts/k8s-cluster/"},
	// Initial consonants: 쿠버네티스, 클러스터, 안녕하세요.
	{page: "/search/", query: "ㅋㅂㄴㅌㅅ", want: "/posts/greeting/"},
	{page: "/search/", query: "ㅋㄹㅅㅌ", want: "/posts/k8s-cluster/"},
	{page: "/search/", query: "ㅇㄴㅎㅅㅇ", want: "/posts/greeting/"},
	// The other keyboard layout: 안녕 typed in English, kube in Korean.
	{page: "/search/", query: "dkssud", want: "/posts/greeting/", showing: "안녕"},
	{page: "/en/search/", query: "ㅏㅕㅠㄷ", want: "/en/posts/kube-probes/", showing: "kube"},
	{page: "/en/search/", query: "ㄱㄷㅁ야ㅜㄷㄴㄴ", want: "/en/posts/kube-probes/", showing: "readiness"},
	// English typos of five letters or more, one edit away.
	{page: "/en/search/", query: "kubernetse", want: "/en/posts/kube-probes/"},
	{page: "/en/search/", query: "wrappign", want: "/en/posts/go-errors/"},
	{page: "/en/search/", query: "readniess", want: "/en/posts/kube-probes/"},
	{page: "/en/search/", query: "probse", want: "/en/posts/kube-probes/"},
}

// evaluateAsync returns the value a JavaScript promise resolves to; one
// evaluation gets at most 10 seconds.
func evaluateAsync[T any](b *browser, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}
