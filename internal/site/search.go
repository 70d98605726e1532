package site

import (
	"fmt"
	"strings"

	"blog/internal/cache"
	"blog/internal/content"
	"blog/internal/search"
)

// Each language with a search page gets its own index at
// <lang>/search/index.json, listing the posts its lists show. The loader
// tokenizes each post as it reads it (content.Post.SearchTerms); what the index
// shows of a post (search.Doc) is kept in the Output by file, version and
// address, and the file itself is made again only when a post in it or
// its address changed.

// searchIndexFile is the index's path under a language's prefix.
const searchIndexFile = "/search/index.json"

// docEntry is what an index shows of a post, as of one version of its
// files and one address.
type docEntry struct {
	version uint64
	path    string
	doc     *search.Doc
}

// searchIndexes makes one index per language, and records the docs of
// every post in docs for the next build.
func (b *builder) searchIndexes(docs map[string]docEntry) ([]*File, error) {
	if !b.th.Has("search") {
		return nil, nil
	}
	var prev map[string]docEntry
	if b.prev != nil {
		prev = b.prev.docs
	}
	for _, p := range b.set.Posts {
		if !b.visible[p] {
			continue
		}
		if e, ok := prev[p.File]; ok && e.version == p.Version && e.path == b.paths[p] {
			docs[p.File] = e
			continue
		}
		docs[p.File] = docEntry{p.Version, b.paths[p], b.searchDoc(p)}
	}

	var files []*File
	for _, lang := range b.cfg.Languages {
		list := b.lists[lang.Code]
		var h sig
		for _, p := range list {
			h.str(p.File)
			h.str(b.paths[p])
			h.num(p.Version)
		}
		out, sum := outputFile(b.langPath(lang.Code, searchIndexFile)), h.sum()
		f, err := b.reuse(out, sum, nil)
		if err != nil {
			return nil, err
		}
		if f != nil {
			files = append(files, f)
			continue
		}
		// The lists are made now, so that a deferred index holds on to them
		// and not to this build (which holds the previous Output, and so
		// on back).
		listed := make([]*search.Doc, len(list))
		refs := make([]content.TermsRef, len(list))
		for i, p := range list {
			e := docs[p.File]
			listed[i], refs[i] = e.doc, p.TermsRef()
			if p.Lang != lang.Code {
				d := *e.doc
				d.Lang = p.Lang
				listed[i] = &d
			}
		}
		// The index is a page of its own for the page cache: its signature
		// covers every post it lists.
		pc, put := b.pc, b.putPages
		makeIndex := func() ([]byte, error) {
			var key cache.Key
			if pc != nil {
				key = pc.key(out, sum)
				if data, ok := pc.get(key); ok {
					return data, nil
				}
			}
			data, err := search.BuildFrom(listed, func(i int) (*search.Terms, error) {
				t, err := refs[i].Load()
				if err == nil && t == nil {
					err = fmt.Errorf("internal error: %s was read without its search terms", refs[i].File())
				}
				return t, err
			})
			if err == nil && put {
				pc.st.Put(key, data)
			}
			return data, err
		}
		if b.opts.Defer && b.opts.Emit == nil {
			files = append(files, &File{Path: out, sig: sum, lazy: &deferred{make: makeIndex}})
			continue
		}
		data, err := makeIndex()
		if err != nil {
			return nil, err
		}
		files = append(files, &File{Path: out, Data: data, sig: sum})
	}
	return files, nil
}

// searchDoc is what an index holds of p.
func (b *builder) searchDoc(p *content.Post) *search.Doc {
	d := &search.Doc{
		URL:     strings.TrimSuffix(b.cfg.BasePath(), "/") + escapePath(b.paths[p]),
		Title:   p.Title,
		Date:    p.Date.Format("2006-01-02"),
		Summary: p.Description,
	}
	if d.Summary == "" {
		d.Summary = clip(plainText(string(p.Summary)), 160)
	}
	for _, t := range p.Tags {
		d.Tags = append(d.Tags, t.Name)
	}
	for _, h := range p.Headings {
		d.Headings = append(d.Headings, search.Heading{ID: h.ID, Text: h.Text})
	}
	return d
}
