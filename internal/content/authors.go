package content

import (
	"errors"
	"io/fs"

	"gopkg.in/yaml.v3"
)

// AuthorsFile holds the site's authors, keyed by the names posts use in
// their authors: list.
const AuthorsFile = Dir + "/authors.yaml"

// loadAuthors reads content/authors.yaml; a site without one has no
// authors. "image_url" (as Docusaurus writes it) and "avatar" both name
// the picture.
func loadAuthors(fsys fs.FS) (map[string]*Author, ErrorList) {
	data, err := fs.ReadFile(fsys, AuthorsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]*Author{}, nil
	}
	if err != nil {
		return nil, ErrorList{Errorf(AuthorsFile, 0, "%v", err)}
	}
	data, cerr := clean(AuthorsFile, data)
	if cerr != nil {
		return nil, ErrorList{cerr}
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
		return nil, ErrorList{Errorf(AuthorsFile, root.Line, "want a mapping of author key to name, title, url, image_url")}
	}
	var errs ErrorList
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		a := &Author{}
		if err := v.Decode(a); err != nil {
			errs = append(errs, yamlErrors(AuthorsFile, 1, nil, err)...)
			continue
		}
		a.Key = NFC(k.Value)
		if a.Name == "" {
			a.Name = a.Key
		}
		if a.Avatar == "" {
			a.Avatar = a.ImageURL
		}
		out[a.Key] = a
	}
	return out, errs
}
