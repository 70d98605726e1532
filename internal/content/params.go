package content

import (
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"blog/internal/cache"
)

// Params are every key of a post's header, known or not, with its value
// as yaml.v3 decodes it into any (in a legacy header, its text), for
// templates (.Post.Params). They are read from the header's text the
// first time they are asked for: a site whose layouts never ask holds the
// header's text, a few hundred bytes a post, not a map of every value
// twice over (the typed fields hold them too).
type Params struct {
	src    string // the header, cleaned: YAML, or the legacy lines
	legacy bool
	once   sync.Once
	m      map[string]any
}

// newParams keeps a copy of header, so that the file's bytes are not
// held.
func newParams(header []byte, legacy bool) *Params {
	return &Params{src: string(header), legacy: legacy}
}

// Map returns the keys and their values; nil for a post without a header.
// The map is shared: it must not be changed.
func (p *Params) Map() map[string]any {
	if p == nil {
		return nil
	}
	p.once.Do(func() {
		if p.legacy {
			p.m = legacyParams(p.src)
		} else {
			p.m = yamlParams(p.src)
		}
	})
	return p.m
}

// Key names the params by the text they are read from, for the page
// keys (package site).
func (p *Params) Key() cache.Key {
	kind := []byte{'y'}
	if p.legacy {
		kind[0] = 'l'
	}
	return cache.MakeKey([]byte("params"), kind, []byte(p.src))
}

// yamlParams reads the values of YAML front matter that parseYAML read
// without problems: each key's first value.
func yamlParams(src string) map[string]any {
	m := map[string]any{}
	var doc yaml.Node
	if yaml.Unmarshal([]byte(src), &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return m
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		key := root.Content[i].Value
		if _, dup := m[key]; dup {
			continue
		}
		var val any
		if root.Content[i+1].Decode(&val) == nil {
			m[key] = val
		}
	}
	return m
}

// legacyParams reads the values of a bracket header: each key's first.
func legacyParams(src string) map[string]any {
	m := map[string]any{}
	eachLegacyLine(src, func(_ int, s, name, val string) {
		if !strings.HasSuffix(s, "]") {
			return
		}
		key := strings.ToLower(name)
		if _, dup := m[key]; !dup {
			m[key] = val
		}
	})
	return m
}

// eachLegacyLine calls f with every "[Key: value" line of a bracket
// header: its line number, the trimmed line, the key as written and the
// value, trimmed and in NFC.
func eachLegacyLine(header string, f func(line int, s, name, val string)) {
	for i, raw := range strings.Split(header, "\n") {
		s := strings.TrimSpace(raw)
		if s == "" {
			continue
		}
		sub := legacyLine.FindStringSubmatch(s)
		if sub == nil {
			continue
		}
		f(i+1, s, sub[1], NFC(strings.TrimSpace(strings.TrimSuffix(sub[2], "]"))))
	}
}
