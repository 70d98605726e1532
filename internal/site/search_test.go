package site_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"blog/internal/site"
)

// searchIndex is the part of a search index these tests read.
type searchIndex struct {
	Docs []indexDoc
	Keys []string
}

// indexDoc is a post as the index lists it.
type indexDoc struct {
	URL   string   `json:"u"`
	Title string   `json:"t"`
	Tags  []string `json:"g"`
	Lang  string   `json:"l"`
}

// readIndex reads a language's index at path (its manifest) with the
// shards beside it, put together as one.
func readIndex(t *testing.T, out *site.Output, path string) *searchIndex {
	t.Helper()
	var m struct {
		N      int `json:"n"`
		Chunk  int `json:"dc"`
		Shards int `json:"ts"`
	}
	read := func(p string, v any) {
		t.Helper()
		f := out.Lookup(p)
		if f == nil {
			t.Fatalf("no %s in the output", p)
		}
		data, err := f.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	read(path, &m)
	dir := strings.TrimSuffix(path, "index.json")
	var ix searchIndex
	for i := 0; i*m.Chunk < m.N; i++ {
		var chunk []indexDoc
		read(fmt.Sprintf("%sd/%d.json", dir, i), &chunk)
		ix.Docs = append(ix.Docs, chunk...)
	}
	for i := 0; i < m.Shards; i++ {
		var sh struct {
			Keys []string `json:"k"`
		}
		read(fmt.Sprintf("%st/%d.json", dir, i), &sh)
		if !slices.IsSorted(sh.Keys) {
			t.Errorf("%st/%d.json: keys are not sorted", dir, i)
		}
		ix.Keys = append(ix.Keys, sh.Keys...)
	}
	slices.Sort(ix.Keys)
	return &ix
}

// indexText is every file of the index in dir ("search/"), joined: a
// word in it is somewhere in the index.
func indexText(t *testing.T, out *site.Output, dir string) string {
	t.Helper()
	var b strings.Builder
	for _, f := range out.Files {
		if strings.HasPrefix(f.Path, dir) && strings.HasSuffix(f.Path, ".json") {
			data, err := f.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			b.Write(data)
		}
	}
	return b.String()
}

func (ix *searchIndex) urls() []string {
	var out []string
	for _, d := range ix.Docs {
		out = append(out, d.URL)
	}
	return out
}

func TestEachLanguageHasASearchPageAndAnIndexOfItsPosts(t *testing.T) {
	s := buildRepoSite(t)
	for _, lang := range []string{"ko", "en"} {
		if s.out.Lookup(s.langFile(lang, "search/index.html")) == nil {
			t.Errorf("no search page for %s", lang)
		}
		ix := readIndex(t, s.out, s.langFile(lang, "search/index.json"))
		var want []string
		for _, p := range s.listed(lang) {
			want = append(want, "/"+s.postFile(p)[:len(s.postFile(p))-len("index.html")])
		}
		if got := ix.urls(); !slices.Equal(got, want) {
			t.Errorf("%s index lists %v, want the language's posts newest first %v", lang, got, want)
		}
		if !slices.IsSorted(ix.Keys) {
			t.Errorf("%s index keys are not sorted", lang)
		}
	}
	ko := readIndex(t, s.out, "search/index.json")
	if !slices.Contains(ko.Keys, "kube-rs") || !slices.Contains(ko.Keys, "기여") {
		t.Errorf("the Korean index has no kube-rs or 기여 among %d keys", len(ko.Keys))
	}
}

func TestSearchIndexIsRemadeOnlyWhenAPostInItChanges(t *testing.T) {
	fsys := incrementalSite()
	b, err := site.NewBuilder(fsys, site.BuilderOptions{Options: site.Options{Now: fixtureNow, Defer: true}})
	if err != nil {
		t.Fatal(err)
	}
	first, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	// Nothing changed: both indexes are the same files.
	again, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"search/index.json", "en/search/index.json"} {
		if f := again.Lookup(p); f == nil || !f.Reused {
			t.Errorf("%s was made again after a build that changed nothing", p)
		}
	}
	// A Korean post's body changes: the Korean index only, and it finds
	// the new word.
	fsys["content/posts/c.md"].Data = []byte(post("C", "2024-01-03", "tags: [go, 회고]") + "\n새로운 단어는 무지개입니다.\n")
	third, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if f := third.Lookup("en/search/index.json"); !f.Reused {
		t.Error("the English index was made again after a Korean post changed")
	}
	if f := third.Lookup("search/index.json"); f.Reused {
		t.Error("the Korean index was reused after a Korean post changed")
	}
	if ix := readIndex(t, third, "search/index.json"); !slices.Contains(ix.Keys, "무지") {
		t.Error("the Korean index does not have the edited post's new word")
	}
	if ix := readIndex(t, first, "search/index.json"); slices.Contains(ix.Keys, "무지") {
		t.Error("the first build's deferred index changed after a later build")
	}
}
