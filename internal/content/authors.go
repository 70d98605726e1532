package content

import (
	"errors"
	"io/fs"
	"net/url"
	"strings"

	"gopkg.in/yaml.v3"

	"blog/internal/problem"
)

// Author is one entry of content/authors.yaml.
type Author struct {
	Key      string
	Name     string `yaml:"name"`
	Title    string `yaml:"title"`
	URL      string `yaml:"url"`
	ImageURL string `yaml:"image_url"`
	Avatar   string `yaml:"avatar"`
}

// AuthorsFile holds the site's authors, keyed by the names posts use in
// their authors: list.
const AuthorsFile = Dir + "/authors.yaml"

// loadAuthors reads content/authors.yaml; a site without one has no
// authors. "image_url" (as Docusaurus writes it) and "avatar" both name
// the picture.
func loadAuthors(fsys fs.FS) (map[string]*Author, problem.List) {
	data, err := fs.ReadFile(fsys, AuthorsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]*Author{}, nil
	}
	if err != nil {
		return nil, problem.List{problem.At(AuthorsFile, 0, "%w", err)}
	}
	data, cerr := clean(AuthorsFile, data)
	if cerr != nil {
		return nil, problem.List{cerr}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlErrors(AuthorsFile, 1, data, err)
	}
	out := map[string]*Author{}
	if len(doc.Content) == 0 {
		return out, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, problem.List{problem.At(AuthorsFile, root.Line, "want a mapping of author key to name, title, url, image_url")}
	}
	var errs problem.List
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		a := &Author{}
		if err := v.Decode(a); err != nil {
			errs = append(errs, yamlErrors(AuthorsFile, 1, nil, err)...)
			continue
		}
		a.Key = NFC(k.Value)
		a.Name, a.Title = cleanText(a.Name), cleanText(a.Title)
		if a.Name == "" {
			a.Name = a.Key
		}
		// Links end up in pages, feeds and JSON-LD, where no template
		// escaping stops a javascript: URL.
		for _, f := range []struct {
			key string
			val *string
		}{{"url", &a.URL}, {"image_url", &a.ImageURL}, {"avatar", &a.Avatar}} {
			if *f.val != "" && !safeLink(*f.val) {
				errs = append(errs, problem.At(AuthorsFile, keyLine(v, f.key), "%s: %s of %q is not a link a page can carry: write an https:// address or a path on the site", a.Key, f.key, *f.val))
				*f.val = ""
			}
		}
		if a.Avatar == "" {
			a.Avatar = a.ImageURL
		}
		out[a.Key] = a
	}
	return out, errs
}

// safeLink reports a link that is an http, https or mailto URL, or a path
// on the site ("/about/").
func safeLink(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return true
	case "":
		return !strings.HasPrefix(s, "//") && u.Host == ""
	}
	return false
}

// keyLine is the line of key in a YAML mapping, or the mapping's own.
func keyLine(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return m.Line
}
