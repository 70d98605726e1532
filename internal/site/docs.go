package site

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"blog/internal/content"
)

// Pages and doc sections (package content reads them): a page is served
// at /<path>/ in its language, a doc at /docs/<path>/. Every doc page gets
// its section's sidebar (Page.Section), breadcrumbs (Page.Crumbs), the docs
// before and after it in the sidebar's order (Page.Prev, Page.Next) and,
// from git, when it last changed (Page.Updated). Authors with posts get
// /authors/ and /authors/<key>/ in each language.

// Section is a doc section as its sidebar shows it.
type Section struct {
	Name  string // the folder under content/docs
	Label string
	Path  string // the section's first page
	Items []*SidebarItem
}

// SidebarItem is a doc, or a folder of docs, in a sidebar.
type SidebarItem struct {
	Label string
	// Path is the doc's address; a folder's is its own page's, or its
	// first doc's.
	Path     string
	Children []*SidebarItem
	doc      *Post // the doc, or a folder's own page; nil for a folder without one
}

// Crumb is one step of a doc's breadcrumbs.
type Crumb struct {
	Label, Path string
}

// Author is an author as layouts see one: authors.yaml's entry and the
// address of the author's page in the post's language ("" when the theme
// has no author pages).
type Author struct {
	Key, Name, Title, URL, ImageURL, Avatar string
	Path                                    string
}

// docPath is the address of a page or a doc.
func docPath(b *build, p *content.Post) string {
	rel := p.Rel
	if p.Kind == content.KindDoc {
		rel = path.Join("docs", rel)
	}
	return langPath(b.cfg, p.Lang, "/"+rel+"/")
}

// visibleDocs are the pages or docs a build shows: drafts only with
// Options.Drafts.
func (b *build) visibleDocs(all []*content.Post) []*content.Post {
	var out []*content.Post
	for _, p := range all {
		if b.opts.Drafts || !p.Draft {
			out = append(out, p)
		}
	}
	return out
}

// planDocs adds the pages of lang's pages and docs, and their sections.
// A page or doc of the default language without a translation in lang is
// shown at lang's address too, in its own language (as Docusaurus shows
// untranslated docs), so that lang's sections are whole and their links
// lead somewhere.
func (b *build) planDocs(lang string) {
	for _, v := range b.docViews(b.pages0, lang) {
		b.add(&Page{Kind: "page", Lang: lang, Path: v.Path, Title: v.Title, Post: v})
	}
	sections := map[string][]*Post{}
	for _, v := range b.docViews(b.docs, lang) {
		sections[v.Section] = append(sections[v.Section], v)
	}
	names := make([]string, 0, len(sections))
	for name := range sections {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		sec := b.section(name, sections[name])
		b.sections[lang] = append(b.sections[lang], sec)
		var order []*Post
		var walk func(items []*SidebarItem)
		walk = func(items []*SidebarItem) {
			for _, it := range items {
				if it.doc != nil {
					order = append(order, it.doc)
				}
				walk(it.Children)
			}
		}
		walk(sec.Items)
		for i, d := range order {
			pg := &Page{Kind: "doc", Lang: lang, Path: d.Path, Title: d.Title, Post: d, Section: sec,
				Crumbs: crumbs(sec, d.Path), Updated: b.updated[d.File]}
			if i > 0 {
				pg.Prev = order[i-1]
			}
			if i+1 < len(order) {
				pg.Next = order[i+1]
			}
			b.add(pg)
		}
	}
}

// docViews are the views of lang's pages or docs: its own, and the
// default language's that have no translation in it (fallbacks).
func (b *build) docViews(all []*content.Post, lang string) []*Post {
	var out []*Post
	for _, p := range all {
		if p.Lang == lang {
			out = append(out, b.views[p])
		} else if v := b.fallbacks[fallbackKey{p, lang}]; v != nil {
			out = append(out, v)
		}
	}
	return out
}

type fallbackKey struct {
	p    *content.Post
	lang string
}

// makeFallbacks makes the views of the default language's pages and docs
// at the addresses of the languages they are not translated into, and
// links them both ways as translations.
func (b *build) makeFallbacks() {
	b.fallbacks = map[fallbackKey]*Post{}
	def := b.cfg.DefaultLanguage
	for _, p := range slices.Concat(b.pages0, b.docs) {
		if p.Lang != def {
			continue
		}
		orig := b.views[p]
		for _, l := range b.cfg.Languages {
			if l.Code == def || slices.ContainsFunc(orig.Translations, func(t Translation) bool { return t.Lang == l.Code }) {
				continue
			}
			fv := *orig
			fv.Path = langPath(b.cfg, l.Code, strings.TrimPrefix(orig.Path, langPath(b.cfg, def, "")))
			fv.Translations = append([]Translation{{Lang: def, Title: orig.Title, Path: orig.Path}}, orig.Translations...)
			b.fallbacks[fallbackKey{p, l.Code}] = &fv
		}
		for _, l := range b.cfg.Languages {
			if fv := b.fallbacks[fallbackKey{p, l.Code}]; fv != nil {
				orig.Translations = append(orig.Translations, Translation{Lang: l.Code, Title: fv.Title, Path: fv.Path})
			}
		}
	}
}

// section builds a section's sidebar from its docs (of one language):
// folders nest as the files do, each level in sidebar_position order (a
// folder by its _category_ position, else its own page's), then by name.
func (b *build) section(name string, docs []*Post) *Section {
	type node struct {
		item     *SidebarItem
		order    float64
		hasOrder bool
		key      string
		children map[string]*node
	}
	root := &node{item: &SidebarItem{}, children: map[string]*node{}}
	var sectionDoc *Post
	for _, v := range docs {
		parts := strings.Split(v.Rel, "/")[1:] // below the section
		if len(parts) == 0 {
			sectionDoc = v
			continue
		}
		n := root
		for i, part := range parts {
			c := n.children[part]
			if c == nil {
				c = &node{item: &SidebarItem{Label: part}, key: part, children: map[string]*node{}}
				dir := strings.Join(append([]string{name}, parts[:i+1]...), "/")
				if cat, ok := b.set.Categories[dir]; ok {
					if cat.Label != "" {
						c.item.Label = cat.Label
					}
					c.order, c.hasOrder = cat.Position, cat.HasPosition
				}
				n.children[part] = c
			}
			n = c
		}
		n.item.doc, n.item.Path = v, v.Path
		if b.set.Categories[v.Rel].Label == "" {
			n.item.Label = cmp.Or(v.Label, v.Title)
		}
		if !n.hasOrder && v.hasOrder {
			n.order, n.hasOrder = v.Order, true
		}
	}
	var build func(n *node) []*SidebarItem
	build = func(n *node) []*SidebarItem {
		kids := make([]*node, 0, len(n.children))
		for _, c := range n.children {
			kids = append(kids, c)
		}
		slices.SortFunc(kids, func(a, b *node) int {
			switch {
			case a.hasOrder && !b.hasOrder:
				return -1
			case !a.hasOrder && b.hasOrder:
				return 1
			case a.hasOrder && a.order != b.order:
				return cmp.Compare(a.order, b.order)
			}
			return cmp.Compare(a.key, b.key)
		})
		var items []*SidebarItem
		for _, c := range kids {
			c.item.Children = build(c)
			if c.item.Path == "" && len(c.item.Children) > 0 {
				c.item.Path = c.item.Children[0].Path
			}
			items = append(items, c.item)
		}
		return items
	}
	sec := &Section{Name: name, Label: name, Items: build(root)}
	if cat, ok := b.set.Categories[name]; ok && cat.Label != "" {
		sec.Label = cat.Label
	}
	if sectionDoc != nil {
		sec.Label = cmp.Or(b.set.Categories[name].Label, sectionDoc.Label, sectionDoc.Title)
		// The section's own page comes first.
		sec.Items = append([]*SidebarItem{{Label: cmp.Or(sectionDoc.Label, sectionDoc.Title), Path: sectionDoc.Path, doc: sectionDoc}}, sec.Items...)
	}
	if len(sec.Items) > 0 {
		sec.Path = sec.Items[0].Path
	}
	return sec
}

// crumbs are the folders above the doc at p in its section, and the doc.
func crumbs(sec *Section, p string) []Crumb {
	var out []Crumb
	var find func(items []*SidebarItem, trail []Crumb) bool
	find = func(items []*SidebarItem, trail []Crumb) bool {
		for _, it := range items {
			here := append(slices.Clone(trail), Crumb{Label: it.Label, Path: it.Path})
			if it.Path == p && (it.doc != nil && it.doc.Path == p) {
				out = here
				return true
			}
			if find(it.Children, here) {
				return true
			}
		}
		return false
	}
	find(sec.Items, []Crumb{{Label: sec.Label, Path: sec.Path}})
	if len(out) > 1 && out[0].Path == out[1].Path {
		out = out[1:] // the section's own page is its first crumb already
	}
	return out
}

// menu is blog.yaml's menu in lang: each page and section named that
// lang has, and each address.
func (b *build) menu(lang string) []MenuLink {
	var out []MenuLink
	def := b.cfg.DefaultLanguage
	for _, m := range b.cfg.Menu {
		link := MenuLink{Label: m.Label.In(lang, def)}
		switch {
		case m.URL != "":
			link.Path = langPath(b.cfg, lang, m.URL)
		case m.Page != "":
			for _, v := range b.docViews(b.pages0, lang) {
				if v.Rel == m.Page {
					link.Path = v.Path
				}
			}
		case m.Section != "":
			for _, sec := range b.sections[lang] {
				if sec.Name == m.Section {
					link.Path = sec.Path
				}
			}
		}
		if link.Path != "" {
			out = append(out, link)
		}
	}
	return out
}

// planAuthors adds lang's author pages: the index of authors with posts,
// and one page per author.
func (b *build) planAuthors(lang string) {
	byKey := map[string][]*Post{}
	for _, p := range b.lists[lang] {
		for _, a := range p.Authors {
			byKey[a.Key] = append(byKey[a.Key], p)
		}
	}
	if len(byKey) == 0 {
		return
	}
	var authors []*AuthorPage
	for key, posts := range byKey {
		a := b.set.Authors[key]
		authors = append(authors, &AuthorPage{Author: b.author(a, lang), Posts: posts})
	}
	slices.SortFunc(authors, func(x, y *AuthorPage) int { return cmp.Compare(x.Key, y.Key) })
	t := func(key string, args ...any) string { return b.th.T(lang, b.cfg.DefaultLanguage, key, args...) }
	b.add(&Page{Kind: "authors", Lang: lang, Path: langPath(b.cfg, lang, "/authors/"), Authors: authors, Title: t("authors")})
	for _, a := range authors {
		b.add(&Page{Kind: "author", Lang: lang, Path: a.Path, AuthorPage: a, Posts: a.Posts, Title: a.Name})
	}
}

// AuthorPage is an author with the posts they wrote in one language.
type AuthorPage struct {
	Author
	Posts []*Post
}

// author is the view of an authors.yaml entry in lang.
func (b *build) author(a *content.Author, lang string) Author {
	v := Author{Key: a.Key, Name: a.Name, Title: a.Title, URL: a.URL, ImageURL: a.ImageURL, Avatar: a.Avatar}
	if b.th.Has("author") {
		v.Path = langPath(b.cfg, lang, "/authors/"+a.Key+"/")
	}
	return v
}
