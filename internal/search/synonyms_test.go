package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBuiltinSynonymsHaveBothScriptsAndNoSharedSpelling(t *testing.T) {
	groups := Synonyms(nil)
	if len(groups) < 300 {
		t.Errorf("%d built-in groups, want a few hundred", len(groups))
	}
	seen := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(builtinSynonyms), "\n") {
		g := strings.Fields(l)
		hangul, latin := false, false
		for _, w := range g {
			if seen[w] {
				t.Errorf("%q is in two groups, which would join them", w)
			}
			seen[w] = true
			r, _ := utf8.DecodeRuneInString(w)
			if isHangul(r) {
				hangul = true
			} else {
				latin = true
			}
			if toks := tokens(w); len(toks) == 0 || w != strings.ToLower(w) {
				t.Errorf("%q is not a word the index keeps, in lower case", w)
			}
		}
		if !hangul || !latin {
			t.Errorf("group %q does not have a Hangul and a Latin spelling", g)
		}
	}
}

func TestSiteSynonymsJoinTheGroupTheyShare(t *testing.T) {
	groups := Synonyms([][]string{{"쿠베", "Kubernetes"}, {"사내위키", "Wiki"}, {"docker", "rust"}})
	find := func(w string) []string {
		for _, g := range groups {
			if slices.Contains(g, w) {
				return g
			}
		}
		return nil
	}
	if g := find("쿠베"); !slices.Contains(g, "쿠버네티스") || !slices.Contains(g, "kubernetes") {
		t.Errorf("쿠베 is in %q, want it with kubernetes and 쿠버네티스", g)
	}
	if g := find("사내위키"); !slices.Equal(g, []string{"사내위키", "wiki"}) {
		t.Errorf("a new group is %q", g)
	}
	// A site's group that names two built-in groups joins them.
	if g := find("도커"); !slices.Contains(g, "러스트") {
		t.Errorf("도커 is in %q, want the groups of docker and rust joined", g)
	}
	for _, g := range groups {
		for _, w := range g {
			if n := len(slices.DeleteFunc(slices.Clone(groups), func(h []string) bool { return !slices.Contains(h, w) })); n != 1 {
				t.Fatalf("%q is in %d groups", w, n)
			}
		}
	}
}
