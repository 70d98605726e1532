package config

import (
	"strings"
	"testing"
)

func TestSearchSynonymsAreRead(t *testing.T) {
	c, err := parse([]byte("search:\n  synonyms:\n    - [쿠베, kubernetes]\n    - [사내위키, wiki, 위키]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g := c.Search.Synonyms; len(g) != 2 || g[1].Words[2] != "위키" || g[1].Line != 4 {
		t.Errorf("synonyms = %+v", g)
	}
}

func TestBadSearchSynonymsNameTheirLine(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"search:\n  synonyms:\n    - [쿠베]\n", "blog.yaml:3: search.synonyms: group 1 has 1 spellings"},
		{"search:\n  synonyms:\n    - [a, b]\n    - [스프링 부트, spring-boot]\n", "blog.yaml:4: search.synonyms: group 2: \"스프링 부트\" is more than one word"},
		{"search:\n  synonyms:\n    - [\"--\", x]\n", "blog.yaml:3: search.synonyms: group 1: \"--\" has no letter or digit"},
		{"search:\n  synonym: []\n", "synonym"},
	} {
		_, err := parse([]byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.yaml, err, c.want)
		}
	}
}
