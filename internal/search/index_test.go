package search

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"
)

// index is the file Build writes, decoded as search.js decodes it.
type index struct {
	V        int `json:"v"`
	N        int `json:"n"`
	Docs     []indexDoc
	Keys     []string
	Postings [][]int
}

// indexDoc is a post as a d/ chunk lists it.
type indexDoc struct {
	URL   string      `json:"u"`
	Title string      `json:"t"`
	Tags  []string    `json:"g"`
	Heads [][2]string `json:"h"`
}

func buildIndex(t *testing.T, docs ...*Doc) *index {
	t.Helper()
	files := buildFiles(t, docs...)
	// Put the shards together again, as one index.
	var ix index
	type entry struct {
		key  string
		list []int
	}
	var all []entry
	for _, f := range files {
		switch {
		case f.Name == "index.json":
			if err := json.Unmarshal(f.Data, &ix); err != nil {
				t.Fatalf("index.json: %v\n%s", err, f.Data)
			}
		case strings.HasPrefix(f.Name, "t/"):
			var sh struct {
				Keys     []string `json:"k"`
				Postings [][]int  `json:"p"`
			}
			if err := json.Unmarshal(f.Data, &sh); err != nil || len(sh.Keys) != len(sh.Postings) {
				t.Fatalf("%s: %v, %d keys and %d lists\n%s", f.Name, err, len(sh.Keys), len(sh.Postings), f.Data)
			}
			for i, k := range sh.Keys {
				all = append(all, entry{k, sh.Postings[i]})
			}
		case strings.HasPrefix(f.Name, "d/"):
			var chunk []indexDoc
			if err := json.Unmarshal(f.Data, &chunk); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			ix.Docs = append(ix.Docs, chunk...)
		}
	}
	slices.SortFunc(all, func(a, b entry) int { return compareUTF16(a.key, b.key) })
	for _, e := range all {
		ix.Keys = append(ix.Keys, e.key)
		ix.Postings = append(ix.Postings, e.list)
	}
	if ix.V != Version || len(ix.Docs) != len(docs) || ix.N != len(docs) {
		t.Fatalf("index has version %d, %d docs of %d", ix.V, len(ix.Docs), ix.N)
	}
	return &ix
}

// buildFiles builds the index of docs and checks it has the files its
// layout names.
func buildFiles(t *testing.T, docs ...*Doc) []File {
	t.Helper()
	terms := make([]*Terms, len(docs))
	for i, d := range docs {
		terms[i] = Analyze(d)
	}
	files, _, err := Build(docs, func(i int) (*Terms, error) { return terms[i], nil }, Options{})
	if err != nil {
		t.Fatal(err)
	}
	names := LayoutFor(len(docs)).Names()
	if len(files) != len(names) {
		t.Fatalf("%d files, want the layout's %d", len(files), len(names))
	}
	for i, f := range files {
		if f.Name != names[i] || !json.Valid(f.Data) {
			t.Fatalf("file %d is %s (valid JSON: %v), want %s", i, f.Name, json.Valid(f.Data), names[i])
		}
	}
	return files
}

// postings decodes the list of one token: doc → fields and body count.
func (ix *index) postings(tok string) map[int]int {
	k := sort.SearchStrings(ix.Keys, tok)
	if k == len(ix.Keys) || ix.Keys[k] != tok {
		return nil
	}
	out := map[int]int{}
	doc := 0
	for _, v := range ix.Postings[k] {
		doc += v >> 6
		out[doc] = v & 63
	}
	return out
}

// find returns the URLs of the docs having every token of the query, as
// search.js matches whole terms (without its prefix matching).
func (ix *index) find(query string) []string {
	var hits map[int]bool
	Tokenize(query, func(tok string) {
		p := ix.postings(tok)
		next := map[int]bool{}
		for d := range p {
			if hits == nil || hits[d] {
				next[d] = true
			}
		}
		hits = next
	})
	var urls []string
	for d := range hits {
		urls = append(urls, ix.Docs[d].URL)
	}
	slices.Sort(urls)
	return urls
}

func TestKoreanStemsAreFoundBeforeParticles(t *testing.T) {
	ix := buildIndex(t,
		&Doc{URL: "/a/", Title: "여행", Text: "서울은 크다."},
		&Doc{URL: "/b/", Title: "출장", Text: "서울에서 부산까지 갔다."},
		&Doc{URL: "/c/", Title: "운영", Text: "쿠버네티스의 파드를 재시작했다."},
		&Doc{URL: "/d/", Title: "기타", Text: "부산은 바다가 있다. 울산도."},
	)
	cases := map[string][]string{
		"서울":     {"/a/", "/b/"},
		"서울에서":   {"/b/"},
		"쿠버네티스":  {"/c/"},
		"쿠버네티스의": {"/c/"},
		"파드":     {"/c/"},
		"부산":     {"/b/", "/d/"},
		"바다":     {"/d/"},
		"인천":     nil,
	}
	for q, want := range cases {
		if got := ix.find(q); !slices.Equal(got, want) {
			t.Errorf("%s finds %v, want %v", q, got, want)
		}
	}
}

func TestMixedKoreanAndEnglishAndCase(t *testing.T) {
	ix := buildIndex(t,
		&Doc{URL: "/istio/", Title: "ISTIO 주간 회의", Tags: []string{"Istio"}, Text: "Envoy 프록시와 istio-proxy 설정"},
		&Doc{URL: "/go/", Title: "Go언어로 HTTP 서버 만들기", Text: "net/http 패키지의 http.Handler를 구현한다. Errors are wrapped with fmt.Errorf."},
		&Doc{URL: "/rs/", Title: "kube-rs에 기여하기", Text: "Rust의 std::io::Result"},
	)
	cases := map[string][]string{
		"istio":        {"/istio/"},
		"ISTIO":        {"/istio/"},
		"Istio 회의":     {"/istio/"},
		"istio-proxy":  {"/istio/"},
		"proxy":        {"/istio/"},
		"go":           {"/go/"},
		"언어":           {"/go/"},
		"Go언어":         {"/go/"},
		"http.Handler": {"/go/"},
		"handler":      {"/go/"},
		"fmt.Errorf":   {"/go/"},
		"errorf":       {"/go/"},
		"error wrap":   {"/go/"},
		"wrapping":     {"/go/"},
		"kube-rs":      {"/rs/"},
		"std::io":      nil, // a compound is whole or in parts, not cut in the middle
		"std io":       {"/rs/"},
		"기여":           {"/rs/"},
	}
	for q, want := range cases {
		if got := ix.find(q); !slices.Equal(got, want) {
			t.Errorf("%q finds %v, want %v", q, got, want)
		}
	}
}

func TestPostingsRecordFieldsAndCounts(t *testing.T) {
	ix := buildIndex(t,
		&Doc{URL: "/0/", Title: "Other", Text: "nothing"},
		&Doc{URL: "/1/", Title: "Probes", Tags: []string{"k8s"}, Headings: []Heading{{ID: "liveness", Text: "Liveness probe"}},
			Text: "probe probe probe probe"},
		&Doc{URL: "/2/", Title: "Other", Text: "a probe"},
	)
	got := ix.postings(Stem("probe"))
	want := map[int]int{
		1: FieldTitle | FieldHeading | FieldBody | 3<<4, // four in the body, counted up to 3
		2: FieldBody | 1<<4,
	}
	if len(got) != len(want) || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("postings of probe = %v, want %v", got, want)
	}
	if got := ix.postings("k8s"); got[1] != FieldTag {
		t.Errorf("postings of k8s = %v, want the tag field in doc 1", got)
	}
	if ix.Docs[1].Heads[0] != [2]string{"liveness", "Liveness probe"} {
		t.Errorf("headings = %v", ix.Docs[1].Heads)
	}
}

func TestKeysAreInJavaScriptOrder(t *testing.T) {
	// 𝐀 (U+1D400) is written in UTF-16 with surrogates (U+D835 …), so
	// JavaScript sorts it after 가 (U+AC00) but before ｶ (U+FF76).
	ix := buildIndex(t, &Doc{URL: "/", Title: "ｶ 𝐀 z 가"})
	want := []string{"z", "가", "𝐀", "ｶ"}
	if !slices.Equal(ix.Keys, want) {
		t.Errorf("keys = %q, want %q", ix.Keys, want)
	}
	if compareUTF16("a", "ab") >= 0 || compareUTF16("ab", "a") <= 0 || compareUTF16("가", "가") != 0 {
		t.Error("compareUTF16 gets prefixes wrong")
	}
}

// Build reads each post's terms twice, to count and then to place; terms
// that differ between the passes fail the build rather than make a wrong
// index.
func TestTermsThatChangeBetweenPassesFailTheIndex(t *testing.T) {
	docs := []*Doc{
		{URL: "/a/", Title: "쿠버네티스 운영", Text: "파드와 노드를 다룬다"},
		{URL: "/b/", Title: "Go scheduler", Text: "goroutines and threads"},
	}
	for name, other := range map[string]*Doc{
		"a new token":  {URL: "/b/", Title: "Go scheduler", Text: "goroutines and fibers"},
		"a token more": {URL: "/b/", Title: "Go scheduler", Text: "goroutines and threads and 파드"},
		"a token less": {URL: "/b/", Title: "Go scheduler", Text: "goroutines"},
		// Its list keeps its length: only the count in the body changes.
		"a count changed": {URL: "/b/", Title: "Go scheduler", Text: "goroutines and threads threads"},
	} {
		asked := make([]int, len(docs))
		_, _, err := Build(docs, func(i int) (*Terms, error) {
			asked[i]++
			if i == 1 && asked[i] == 2 {
				return Analyze(other), nil
			}
			return Analyze(docs[i]), nil
		}, Options{})
		if err == nil || !strings.Contains(err.Error(), "internal error") {
			t.Errorf("%s: error %v, want an internal error", name, err)
		}
	}
	// A code changed where the list keeps its length: post 1's postings
	// are 64 + code, two digits for codes below 36.
	asked := make([]int, len(docs))
	_, _, err := Build(docs, func(i int) (*Terms, error) {
		asked[i]++
		t := Analyze(docs[i])
		if i == 1 && asked[i] == 2 {
			for j, c := range t.codes {
				if c < 34 {
					t.codes[j] = c ^ 1
					break
				}
			}
		}
		return t, nil
	}, Options{})
	if err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Errorf("a changed code: error %v, want an internal error", err)
	}
	asked = make([]int, len(docs))
	if _, _, err := Build(docs, func(i int) (*Terms, error) { asked[i]++; return Analyze(docs[i]), nil }, Options{}); err != nil {
		t.Fatal(err)
	}
	if asked[0] != 2 || asked[1] != 2 {
		t.Errorf("terms asked %v times, want twice each", asked)
	}
}
