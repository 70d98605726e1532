package config

import (
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Search holds the settings of the site's search.
type Search struct {
	// Synonyms are groups of spellings a query treats as one word, added
	// to the built-in ones (Kubernetes and 쿠버네티스, React and 리액트):
	// [[쿠베, kubernetes], [사내위키, wiki]].
	Synonyms []SynonymGroup `yaml:"synonyms"`
}

// SynonymGroup is one group of search.synonyms, with its line in
// blog.yaml.
type SynonymGroup struct {
	Words []string
	Line  int
}

// UnmarshalYAML reads a list of spellings and keeps its line.
func (g *SynonymGroup) UnmarshalYAML(n *yaml.Node) error {
	g.Line = n.Line
	return n.Decode(&g.Words)
}

// maxSynonym is the longest spelling in bytes, the longest token the
// index keeps.
const maxSynonym = 48

// checkSearch validates search.synonyms: every group has two spellings
// or more, and every spelling is one word a query can hold.
func (c *Config) checkSearch() error {
	for i, g := range c.Search.Synonyms {
		line := g.Line
		if line == 0 {
			line = c.at("search")
		}
		if len(g.Words) < 2 {
			return errorAt(line, "search.synonyms: group %d has %d spellings; give two or more, like [쿠버네티스, kubernetes]", i+1, len(g.Words))
		}
		for _, w := range g.Words {
			w = strings.TrimSpace(w)
			switch {
			case w == "" || !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
				return errorAt(line, "search.synonyms: group %d: %q has no letter or digit", i+1, w)
			case strings.ContainsFunc(w, unicode.IsSpace):
				return errorAt(line, "search.synonyms: group %d: %q is more than one word; a query is rewritten word by word", i+1, w)
			case len(w) > maxSynonym:
				return errorAt(line, "search.synonyms: group %d: %q is longer than %d bytes", i+1, w, maxSynonym)
			}
		}
	}
	return nil
}
