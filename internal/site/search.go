package site

import (
	"hash/fnv"
	"runtime"
	"strings"
	"sync"

	"blog/internal/content"
	"blog/internal/search"
)

// Each language with a search page gets its own index at
// <lang>/search/index.json, listing the posts its lists show. Tokenizing a
// post is most of the cost, so the tokens of each post are kept in the
// Output, by file and version, and a rebuild tokenizes only the posts that
// changed; the file itself is written again only when a post in it or its
// address changed.

// searchIndexFile is the index's path under a language's prefix.
const searchIndexFile = "/search/index.json"

// termsEntry is a post's tokens as of one version of its files.
type termsEntry struct {
	version uint64
	path    string
	doc     *search.Doc // without its Text
	terms   *search.Terms
}

// searchIndexes makes one index per language, and records the tokens of
// every post in terms for the next build.
func (b *builder) searchIndexes(terms map[string]termsEntry) ([]*File, error) {
	if !b.th.Has("search") {
		return nil, nil
	}
	var prev map[string]termsEntry
	if b.prev != nil {
		prev = b.prev.terms
	}
	// Tokenize what changed, over all cores.
	var todo []*content.Post
	for _, p := range b.set.Posts {
		if !b.visible[p] {
			continue
		}
		if e, ok := prev[p.File]; ok && e.version == p.Version && e.path == b.paths[p] {
			terms[p.File] = e
			continue
		}
		todo = append(todo, p)
	}
	results := make([]termsEntry, len(todo))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(1, len(todo))) {
		wg.Go(func() {
			for i := range next {
				p := todo[i]
				d := b.searchDoc(p)
				results[i] = termsEntry{p.Version, b.paths[p], d, search.Analyze(d)}
				d.Text = "" // only the terms are needed from here
			}
		})
	}
	for i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, p := range todo {
		terms[p.File] = results[i]
	}

	var files []*File
	for _, lang := range b.cfg.Languages {
		list := b.lists[lang.Code]
		h := fnv.New64a()
		for _, p := range list {
			h.Write([]byte(p.File + "\x00" + b.paths[p] + "\x00"))
			writeUint(h, p.Version)
		}
		out, sig := outputFile(b.langPath(lang.Code, searchIndexFile)), h.Sum64()
		f, err := b.reuse(out, sig, nil)
		if err != nil {
			return nil, err
		}
		if f != nil {
			files = append(files, f)
			continue
		}
		// The docs are made now, so that a deferred index holds on to them
		// and not to this build (which holds the previous Output, and so
		// on back).
		docs := make([]*search.Doc, len(list))
		ts := make([]*search.Terms, len(list))
		for i, p := range list {
			e := terms[p.File]
			docs[i], ts[i] = e.doc, e.terms
			if p.Lang != lang.Code {
				d := *e.doc
				d.Lang = p.Lang
				docs[i] = &d
			}
		}
		makeIndex := func() ([]byte, error) { return search.Build(docs, ts) }
		if b.opts.Defer && b.opts.Emit == nil {
			files = append(files, &File{Path: out, sig: sig, lazy: &deferred{make: makeIndex}})
			continue
		}
		data, err := makeIndex()
		if err != nil {
			return nil, err
		}
		files = append(files, &File{Path: out, Data: data, sig: sig})
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
		Text:    p.Text,
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
