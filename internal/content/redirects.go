package content

import (
	"errors"
	"io/fs"

	"gopkg.in/yaml.v3"

	"blog/internal/problem"
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
// in their own aliases instead. Both sides are addresses of the site
// (sitepath.Addr); that each leads to a page is for the build to check.
const RedirectsFile = Dir + "/redirects.yaml"

// Redirect is one line of RedirectsFile.
type Redirect struct {
	From, To string // clean site addresses
	Old, New string // as written, for messages
	Line     int
}

// loadRedirects reads RedirectsFile; a site without one has none.
func loadRedirects(fsys fs.FS) ([]Redirect, problem.List) {
	data, err := fs.ReadFile(fsys, RedirectsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, problem.List{problem.At(RedirectsFile, 0, "%w", explain(fsys, RedirectsFile, err))}
	}
	data, cerr := clean(RedirectsFile, data)
	if cerr != nil {
		return nil, problem.List{cerr}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlErrors(RedirectsFile, 1, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, problem.List{problem.At(RedirectsFile, m.Line, "want a map of old address: new address")}
	}
	var out []Redirect
	var errs problem.List
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || k.Value == "" || v.Value == "" {
			errs = append(errs, problem.At(RedirectsFile, k.Line, "want old address: new address"))
			continue
		}
		from, err := sitepath.Addr(k.Value)
		if err != nil {
			errs = append(errs, problem.At(RedirectsFile, k.Line, "old address %q %w", k.Value, err))
			continue
		}
		to, err := sitepath.Addr(v.Value)
		if err != nil {
			errs = append(errs, problem.At(RedirectsFile, v.Line, "new address %q %w", v.Value, err))
			continue
		}
		if from == to {
			errs = append(errs, problem.At(RedirectsFile, k.Line, "%s leads to itself", k.Value))
			continue
		}
		out = append(out, Redirect{From: from, To: to, Old: k.Value, New: v.Value, Line: k.Line})
	}
	return out, errs
}
