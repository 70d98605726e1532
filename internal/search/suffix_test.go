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

func TestStemsMatchSharedCases(t *testing.T) {
	data, err := os.ReadFile("testdata/stems.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []stemCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
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
