package site

import (
	"errors"
	"io/fs"

	"gopkg.in/yaml.v3"

	"blog/internal/content"
	"blog/internal/sitepath"
)

// RedirectsFile lists old addresses of pages that are not posts (a tag
// page of an imported blog, its old blog index), each with the page of
// this site it now lives at:
//
//	/blog/tags/kubernetes: /tags/kubernetes/
//	/en/blog/tags/go: /en/tags/go/
//
// Each old address gets a redirect page. Posts list their old addresses
// in their own aliases instead.
const RedirectsFile = content.Dir + "/redirects.yaml"

// fileRedirects makes the redirect pages RedirectsFile asks for. A
// redirect never replaces a page, and must lead to one.
func (b *builder) fileRedirects(taken map[string]bool) ([]*File, content.ErrorList) {
	data, err := fs.ReadFile(b.site, RedirectsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, content.ErrorList{content.Errorf(RedirectsFile, 0, "%v", err)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, content.ErrorList{content.Errorf(RedirectsFile, 0, "%v", err)}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, content.ErrorList{content.Errorf(RedirectsFile, m.Line, "want a map of old address: new address")}
	}
	var files []*File
	var problems content.ErrorList
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || k.Value == "" || v.Value == "" {
			problems = append(problems, content.Errorf(RedirectsFile, k.Line, "want old address: new address"))
			continue
		}
		from, err := sitepath.Addr(k.Value)
		if err != nil {
			problems = append(problems, content.Errorf(RedirectsFile, k.Line, "old address %q %v", k.Value, err))
			continue
		}
		to, err := sitepath.Addr(v.Value)
		if err != nil {
			problems = append(problems, content.Errorf(RedirectsFile, v.Line, "new address %q %v", v.Value, err))
			continue
		}
		out := outputFile(from)
		switch {
		case from == to:
			problems = append(problems, content.Errorf(RedirectsFile, k.Line, "%s leads to itself", k.Value))
		case !taken[outputFile(to)]:
			problems = append(problems, content.Errorf(RedirectsFile, v.Line, "%s leads to %s, which is not a page of the site", k.Value, v.Value))
		case taken[out]:
			problems = append(problems, content.Errorf(RedirectsFile, k.Line, "%s is already the address of a page or another redirect", k.Value))
		default:
			taken[out] = true
			files = append(files, b.redirect(out, to))
		}
	}
	return files, problems
}
