package search

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
	"unicode/utf8"
)

// stemCase is a case of testdata/stems.json, which the browser test runs
// through search.js too, so that both sides cut queries alike.
type stemCase struct {
	Word  string   `json:"word"`
	Stems []string `json:"stems"`
}

// stemCases are the cases of testdata/stems.json.
func stemCases(t *testing.T) []stemCase {
	t.Helper()
	data, err := os.ReadFile("testdata/stems.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []stemCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

func TestStemsMatchSharedCases(t *testing.T) {
	cases := stemCases(t)
	for _, c := range cases {
		if got := Stems(c.Word); !slices.Equal(got, c.Stems) && !(len(got) == 0 && len(c.Stems) == 0) {
			t.Errorf("Stems(%q) = %q, want %q", c.Word, got, c.Stems)
		}
	}
}

func TestSuffixesAreLongestFirst(t *testing.T) {
	for i := 1; i < len(Suffixes); i++ {
		if utf8.RuneCountInString(Suffixes[i]) > utf8.RuneCountInString(Suffixes[i-1]) {
			t.Fatalf("%q comes after the shorter %q", Suffixes[i], Suffixes[i-1])
		}
	}
}

func TestStemsNeverCutAWordToNothing(t *testing.T) {
	for _, s := range Suffixes {
		for _, stem := range Stems(s) {
			if stem == "" {
				t.Errorf("Stems(%q) gives an empty stem", s)
			}
		}
		if got := Stems(s + s); len(got) == 0 || got[0] != s {
			t.Errorf("Stems(%q) = %q, want %q first", s+s, got, s)
		}
	}
}

// TestCutSuffixIsTheListInOrder checks the indexed cutSuffix against the
// rule it stands for, the first of Suffixes that fits, on every word of
// up to three syllables made of the suffixes' syllables and a few others.
func TestCutSuffixIsTheListInOrder(t *testing.T) {
	plain := func(word string) (string, bool) {
		n := utf8.RuneCountInString(word)
		for _, s := range Suffixes {
			if len(s) < len(word) && word[len(word)-len(s):] == s && n > utf8.RuneCountInString(s) {
				stem := word[:len(word)-len(s)]
				if r, _ := utf8.DecodeLastRuneInString(stem); isHangul(r) {
					return stem, true
				}
			}
		}
		return word, false
	}
	syllables := map[rune]bool{'개': true, '발': true, 'a': true, '1': true}
	for _, s := range Suffixes {
		for _, r := range s {
			syllables[r] = true
		}
	}
	var rs []rune
	for r := range syllables {
		rs = append(rs, r)
	}
	checked := 0
	var try func(word []rune)
	try = func(word []rune) {
		if len(word) > 0 {
			w := string(word)
			gotStem, gotOK := cutSuffix(w)
			wantStem, wantOK := plain(w)
			if gotStem != wantStem || gotOK != wantOK {
				t.Fatalf("cutSuffix(%q) = %q, %v; the list says %q, %v", w, gotStem, gotOK, wantStem, wantOK)
			}
			checked++
		}
		if len(word) == 3 {
			return
		}
		for _, r := range rs {
			try(append(word, r))
		}
	}
	try(nil)
	if checked < 1000 {
		t.Fatalf("only %d words checked", checked)
	}
}

// lastStem is the last of Stems, or the word: over every eojeol of
// generated posts and the shared cases.
func TestLastStemIsTheLastOfStems(t *testing.T) {
	cases := stemCases(t)
	words := []string{"", "a", "가", "이", "이이", "에서에서", "했습니다했습니다"}
	for _, c := range cases {
		words = append(words, c.Word)
	}
	for _, text := range corpusTexts(t, 20) {
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			j := i + size
			for isHangul(r) && j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !isHangul(r2) {
					break
				}
				j += s2
			}
			if isHangul(r) {
				words = append(words, text[i:j])
			}
			i = j
		}
	}
	if len(words) < 1000 {
		t.Fatalf("%d words, want more", len(words))
	}
	for _, w := range words {
		want := w
		if st := Stems(w); len(st) > 0 {
			want = st[len(st)-1]
		}
		if got := lastStem(w); got != want {
			t.Errorf("lastStem(%q) = %q, want %q", w, got, want)
		}
	}
}
