package importer

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"blog/internal/content"
)

// writePosts writes every version of every post: front matter from the
// old one (date with its time and offset, image: as the social image,
// the old addresses as aliases) and the body converted.
func (d *dimport) writePosts(groups []*dgroup) error {
	for _, g := range groups {
		for _, v := range g.versions {
			fm := &frontMatter{ID: idValue(g.id), Extra: map[string]any{}}
			fm.Title, _ = v.fm["title"].(string)
			if fm.Title == "" {
				fm.Title = g.name
				d.plan.note(v.file, 1, "no title; the file name %q is used", g.name)
			}
			fm.Date = formatDate(d.postDate(g, v))
			if s, ok := v.fm["description"].(string); ok {
				fm.Description = s
			}
			if b, ok := v.fm["draft"].(bool); ok {
				fm.Draft = b
			}
			if g.bundle != content.NameSlug(g.bundle) {
				fm.Slug = content.NameSlug(g.bundle)
			}
			for _, t := range postTags(v, d.tags, d.plan) {
				fm.Tags = append(fm.Tags, t.label)
			}
			for _, a := range postAuthors(v, d.plan) {
				if a.inline == nil {
					if _, ok := d.authors[a.key]; !ok {
						d.plan.note(v.file, v.lines["authors"], "author %s is not in %s/authors.yml", a.key, d.ds.blogDir)
					}
				}
				fm.Authors = append(fm.Authors, a.key)
			}
			fm.Aliases = d.aliases[v.out]
			assets := &assetCopier{src: d.src, plan: d.plan, post: v, bundle: strings.TrimSuffix(v.out, "/index."+v.lang+".md"), baseURL: d.ds.baseURL, static: d.ds.staticDirs}
			if img, ok := v.fm["image"].(string); ok && img != "" {
				fm.Image = assets.copy(img, v.lines["image"])
			}
			for k, val := range v.fm {
				switch k {
				case "title", "date", "description", "draft", "tags", "authors", "author", "author_title",
					"author_url", "author_image_url", "author_imageURL", "authorURL", "authorTitle", "authorImageURL", "image", "slug":
				case "unlisted":
					d.plan.note(v.file, v.lines[k], "unlisted has no equivalent here: the post is listed; make it a draft to hide it")
					fm.Extra[k] = val
				case "hide_table_of_contents", "toc_min_heading_level", "toc_max_heading_level", "keywords", "last_update", "sidebar_label", "sidebar_position", "pagination_prev", "pagination_next":
					fm.Extra[k] = val // kept for templates; blog does not read them
				default:
					fm.Extra[k] = val
				}
			}
			if v.folder {
				if err := assets.copyFolder(); err != nil {
					return err
				}
			}
			conv := &converter{file: v.file, line0: v.line0, plan: d.plan, asset: assets.copy, seenJSX: map[string]bool{}}
			body := conv.convert(v.body)
			data, err := postFile(fm, []byte(body))
			if err != nil {
				return err
			}
			d.plan.add(&File{Path: v.out, Data: data, Post: true})
			d.plan.Posts++
		}
	}
	return nil
}

// writeAuthors adds the authors the posts name to the site's authors.yaml.
func (d *dimport) writeAuthors(groups []*dgroup) error {
	var used []string
	inline := map[string]dauthor{}
	for _, g := range groups {
		for _, v := range g.versions {
			for _, a := range postAuthors(v, d.plan) {
				if a.inline != nil {
					inline[a.key] = *a.inline
				}
				if !slices.Contains(used, a.key) {
					used = append(used, a.key)
				}
			}
		}
	}
	if len(used) == 0 {
		return nil
	}
	data, added, err := mergeYAMLMap(d.site, content.AuthorsFile, "# Authors, by the key posts name in authors:.\n", used, func(key string) string {
		a, ok := inline[key]
		if !ok {
			a, ok = d.authors[key]
		}
		if !ok {
			a = dauthor{Name: key}
		}
		var sb strings.Builder
		fmt.Fprintf(&sb, "%s:\n  name: %s\n", yamlScalar(key), yamlScalar(a.Name))
		for _, kv := range [][2]string{{"title", a.Title}, {"url", a.URL}, {"image_url", a.ImageURL}} {
			if kv[1] != "" {
				fmt.Fprintf(&sb, "  %s: %s\n", kv[0], yamlScalar(kv[1]))
			}
		}
		return sb.String()
	})
	if err != nil {
		return err
	}
	if added {
		d.plan.add(&File{Path: content.AuthorsFile, Data: data, Merge: true})
	}
	return nil
}

// writeRedirects adds every old address that answers elsewhere, and is not
// a post's alias, to content/redirects.yaml.
func (d *dimport) writeRedirects() error {
	keys, to := d.redirectLines()
	if len(keys) == 0 {
		return nil
	}
	data, added, err := mergeYAMLMap(d.site, content.RedirectsFile,
		"# Old addresses of pages that moved, and where they are now. An address\n# of a file (a feed, an image) gets a copy of the file.\n", keys, func(key string) string {
			return yamlScalar(key) + ": " + yamlScalar(to[key]) + "\n"
		})
	if err != nil {
		return err
	}
	if added {
		d.plan.add(&File{Path: content.RedirectsFile, Data: data, Merge: true})
	}
	return nil
}

// menuNode is the menu: of blog.yaml as the import writes it.
type menuNode struct{ items []*yaml.Node }

func (m *menuNode) add(kind, target, label string) {
	for _, it := range m.items {
		if it.Content[1].Value == target && it.Content[0].Value == kind {
			return
		}
	}
	m.items = append(m.items, mapNode(kind, target, "label", label))
}

// node is the menu as YAML.
func (m *menuNode) node() *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Content: m.items}
}
