package content

import (
	"encoding/json"
	"io/fs"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"blog/internal/problem"
	"blog/internal/sitepath"
)

// Besides posts, a site has pages and doc sections, read by the same
// rules (headers, translations, bodies) from their own folders:
//
//	content/pages/about.md              /about/ (and about.en.md: /en/about/)
//	content/pages/uses/desk.md          /uses/desk/
//	content/pages/uses/index.md         /uses/ (a bundle-like folder's page)
//	content/docs/kube/index.md          /docs/kube/, the section's first page
//	content/docs/kube/patterns/a.md     /docs/kube/patterns/a/
//	content/docs/kube/_category_.json   {"label": "…", "position": 2} of a folder
//
// A folder's own page is its index.md (or README.md); every other .md or
// .txt file is a page of its own. Other files (images) are copied to the
// same place under the site's address (content/docs/kube/img/a.png is
// /docs/kube/img/a.png), so relative links from a page keep working. Pages
// and docs need no date; a doc's place in its section's sidebar is
// sidebar_position (then the name) and its label sidebar_label (then its
// title), a folder's those of its _category_ file (then its own page).

// Kinds of document a Post is.
const (
	KindPost = "post"
	KindPage = "page"
	KindDoc  = "doc"
)

// The folders of pages and docs.
const (
	PagesDir = Dir + "/pages"
	DocsDir  = Dir + "/docs"
)

// Category is what a folder's _category_ file says.
type Category struct {
	Label    string  `json:"label" yaml:"label"`
	Position float64 `json:"position" yaml:"position"`
	// HasPosition says Position was set.
	HasPosition bool `json:"-" yaml:"-"`
}

// Asset is a file beside pages or docs, copied to the site as it is.
type Asset struct {
	// File is its path in the site folder; Out its path in the output.
	File, Out string
}

// walkDocs finds every page or doc file under root (PagesDir or DocsDir),
// its folders' categories and its other files.
func (l *Loader) walkDocs(fsys fs.FS, root, kind string) (srcs []source, cats map[string]Category, assets []Asset, errs problem.List) {
	if _, err := fs.Stat(fsys, root); err != nil {
		return nil, nil, nil, nil
	}
	cats = map[string]Category{}
	outBase := ""
	if kind == KindDoc {
		outBase = "docs"
	}
	err := sitepath.Walk(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, problem.At(p, 0, "%w", err))
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && hidden(name) {
				return fs.SkipDir
			}
			return nil
		}
		dir := strings.TrimPrefix(strings.TrimPrefix(path.Dir(p), root), "/")
		if isCategoryFile(name) {
			c, cerr := readCategory(fsys, p)
			if cerr != nil {
				errs = append(errs, cerr)
			}
			cats[dir] = c
			return nil
		}
		if hidden(name) {
			return nil
		}
		stem, lang, isDoc := l.postName(name)
		if !isDoc {
			assets = append(assets, Asset{File: p, Out: NFC(path.Join(outBase, dir, name))})
			return nil
		}
		if lang == "" {
			errs = append(errs, l.badLang(p, name))
			return nil
		}
		s := source{file: p, dir: path.Dir(p), lang: lang, kind: kind}
		if stem == "index" || kind == KindDoc && strings.EqualFold(stem, "README") {
			s.rel, s.index = NFC(dir), true
		} else {
			s.rel = NFC(path.Join(dir, stem))
		}
		s.name = path.Base(s.rel)
		if s.rel == "" {
			if kind == KindPage {
				errs = append(errs, problem.At(p, 0, "a page at the site's root would take the home page's address; name it (about.md) or put it in a folder"))
				return nil
			}
			errs = append(errs, problem.At(p, 0, "a doc at the root of %s has no section; put it in %s/<section>/", DocsDir, DocsDir))
			return nil
		}
		if kind == KindDoc {
			s.section, _, _ = strings.Cut(s.rel, "/")
		}
		srcs = append(srcs, s)
		return nil
	})
	if err != nil {
		errs = append(errs, problem.At(root, 0, "%w", err))
	}
	return srcs, cats, assets, errs
}

func isCategoryFile(name string) bool {
	return name == "_category_.json" || name == "_category_.yml" || name == "_category_.yaml"
}

// readCategory reads a _category_ file, JSON or YAML.
func readCategory(fsys fs.FS, file string) (Category, *problem.Error) {
	var c Category
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return c, problem.At(file, 0, "%w", explain(fsys, file, err))
	}
	var raw map[string]any
	if strings.HasSuffix(file, ".json") {
		err = json.Unmarshal(data, &raw)
	} else {
		err = yaml.Unmarshal(data, &raw)
	}
	if err != nil {
		return c, problem.At(file, 0, "%v", err)
	}
	if v, ok := raw["label"].(string); ok {
		c.Label = cleanText(strings.TrimSpace(v))
	}
	switch v := raw["position"].(type) {
	case float64:
		c.Position, c.HasPosition = v, true
	case int:
		c.Position, c.HasPosition = float64(v), true
	}
	return c, nil
}
