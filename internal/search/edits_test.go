package search

import (
	"encoding/json"
	"os"
	"testing"
)

// osa is the optimal string alignment distance (Damerau's, with each
// substring edited once): insertions, deletions, substitutions and
// transpositions of neighbours. search.js checks "at most one" without
// the table; this is the reference its shared cases are checked on.
func osa(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// TestEditCasesAreOneEditApartByDamerau checks testdata/edits.json,
// which the browser test runs search.js's oneEdit on.
func TestEditCasesAreOneEditApartByDamerau(t *testing.T) {
	data, err := os.ReadFile("testdata/edits.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		A, B string
		One  bool
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if got := osa(c.A, c.B) <= 1; got != c.One {
			t.Errorf("%q and %q: distance %d, the case says one edit: %v", c.A, c.B, osa(c.A, c.B), c.One)
		}
	}
}
