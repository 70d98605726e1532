package search

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// tokenCase is a case of testdata/tokens.json, which the browser test runs
// through search.js too, so that both tokenizers agree.
type tokenCase struct {
	Text   string   `json:"text"`
	Tokens []string `json:"tokens"`
}

func readTokenCases(t *testing.T) []tokenCase {
	t.Helper()
	data, err := os.ReadFile("testdata/tokens.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []tokenCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

func tokens(s string) []string {
	var out []string
	Tokenize(s, func(tok string) { out = append(out, tok) })
	return out
}

func TestTokenizeMatchesSharedCases(t *testing.T) {
	for _, c := range readTokenCases(t) {
		if got := tokens(c.Text); !slices.Equal(got, c.Tokens) {
			t.Errorf("Tokenize(%q)\n got %q\nwant %q", c.Text, got, c.Tokens)
		}
	}
}

func TestStemJoinsInflections(t *testing.T) {
	groups := [][]string{
		{"wrap", "wraps", "wrapped", "wrapping"},
		{"error", "errors"},
		{"handle", "handles", "handled", "handling"},
		{"build", "builds", "building"},
		{"dependency", "dependencies"},
		{"kubernetes"},
	}
	for _, g := range groups {
		want := Stem(g[0])
		for _, w := range g[1:] {
			if got := Stem(w); got != want {
				t.Errorf("Stem(%q) = %q, want %q like %q", w, got, want, g[0])
			}
		}
	}
	for _, w := range []string{"go", "is", "css", "status", "class", "fmt.errorf", "서울", "v2"} {
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want it unchanged", w, got)
		}
	}
}
