package search

import (
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fileList decodes a file of the index that is a list of strings.
func fileList(t *testing.T, files []File, name string) []string {
	t.Helper()
	for _, f := range files {
		if f.Name == name {
			var list []string
			if err := json.Unmarshal(f.Data, &list); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return list
		}
	}
	t.Fatalf("no %s", name)
	return nil
}

func TestHangulWordsAreListedByInitialWithoutTheirParticles(t *testing.T) {
	files := buildFiles(t,
		&Doc{URL: "/a/", Title: "쿠버네티스 운영", Text: "쿠버네티스를 운영했다. 코드가 길다."},
		&Doc{URL: "/b/", Title: "기타", Text: "쿠버네티스의 파드, 클러스터에서 돈다. 가"},
	)
	k := strings.IndexRune(initials, 'ㅋ') / len("ㅋ")
	got := fileList(t, files, "w/"+strconv.Itoa(k)+".json")
	// 쿠버네티스 is in both posts, so it comes first.
	if want := []string{"쿠버네티스", "코드", "클러스터"}; !slices.Equal(got, want) {
		t.Errorf("words of ㅋ = %q, want %q", got, want)
	}
	o := strings.IndexRune(initials, 'ㅇ') / len("ㅇ")
	if got := fileList(t, files, "w/"+strconv.Itoa(o)+".json"); !slices.Equal(got, []string{"운영"}) {
		t.Errorf("words of ㅇ = %q, want 운영 once, its ending cut", got)
	}
	if Initials("쿠버네티스 v2") != "ㅋㅂㄴㅌㅅ" {
		t.Errorf("Initials(쿠버네티스) = %q", Initials("쿠버네티스"))
	}
}

func TestEnglishWordsAreListedAsWrittenByLength(t *testing.T) {
	files := buildFiles(t,
		&Doc{URL: "/a/", Title: "Wrapping errors", Text: "React에서 wrapping fmt.Errorf café"},
		&Doc{URL: "/b/", Title: "Other", Text: "errors everywhere"},
	)
	if got := fileList(t, files, "v/8.json"); !slices.Equal(got, []string{"wrapping"}) {
		t.Errorf("words of 8 letters = %q, want wrapping as written", got)
	}
	if got := fileList(t, files, "v/6.json"); !slices.Equal(got, []string{"errors", "errorf"}) {
		t.Errorf("words of 6 letters = %q, want errors (two posts) before errorf", got)
	}
	if got := fileList(t, files, "v/5.json"); !slices.Equal(got, []string{"other", "react"}) {
		t.Errorf("words of 5 letters = %q, want other and react (glued to Hangul) but not caf", got)
	}
}

func TestWordsSharingTheirFirstLettersShareAShard(t *testing.T) {
	for _, n := range []int{1, 7, 600} {
		for _, g := range [][]string{{"kub", "kube", "kubernet", "kube-rs"}, {"fmt", "fmt.errorf"}} {
			for _, k := range g[1:] {
				if shardOf(k, n) != shardOf(g[0], n) {
					t.Errorf("with %d shards, %q is in %d and %q in %d", n, k, shardOf(k, n), g[0], shardOf(g[0], n))
				}
			}
		}
	}
}

// shardCase is a case of testdata/shards.json: search.js must put each
// key in the shard Go does.
type shardCase struct {
	Key    string `json:"key"`
	Shards int    `json:"shards"`
	Shard  int    `json:"shard"`
}

func TestShardsMatchSharedCases(t *testing.T) {
	data, err := os.ReadFile("testdata/shards.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []shardCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if got := shardOf(c.Key, c.Shards); got != c.Shard {
			t.Errorf("shardOf(%q, %d) = %d, want %d", c.Key, c.Shards, got, c.Shard)
		}
	}
	if len(cases) < 10 {
		t.Errorf("%d cases", len(cases))
	}
}

func TestWordListsKeepTheWordsOfMostPosts(t *testing.T) {
	var docs []*Doc
	for i := range maxListed + 10 {
		// Each post has a word of its own and 가방 (in all posts).
		docs = append(docs, &Doc{URL: "/" + strconv.Itoa(i) + "/", Text: "가방 가" + string(rune(0xAC00+i))})
	}
	files := buildFiles(t, docs...)
	got := fileList(t, files, "w/0.json")
	if len(got) != maxListed || got[0] != "가방" {
		t.Errorf("w/0.json lists %d words starting %q, want %d starting with 가방", len(got), got[:1], maxListed)
	}
}

// TestInitialsMatchSharedCases checks testdata/initials.json, which the
// browser test runs search.js's initialsOf on.
func TestInitialsMatchSharedCases(t *testing.T) {
	data, err := os.ReadFile("testdata/initials.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Word, Initials string }
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if got := Initials(c.Word); got != c.Initials {
			t.Errorf("Initials(%q) = %q, want %q", c.Word, got, c.Initials)
		}
	}
}
