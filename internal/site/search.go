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
		if e, ok := prev[p.File]; ok && e.version == p.Version {
			terms[p.File] = e
			continue
		}
		todo = append(todo, p)
	}
	results := make([]*search.Terms, len(todo))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(1, len(todo))) {
		wg.Go(func() {
			for i := range next {
				results[i] = search.Analyze(b.searchDoc(todo[i], ""))
			}
		})
	}
	for i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, p := range todo {
		terms[p.File] = termsEntry{p.Version, results[i]}
	}

	var files []*File
	for _, lang := range b.cfg.Languages {
		list := b.lists[lang.Code]
		h := fnv.New64a()
		for _, p := range list {
			h.Write([]byte(p.File + "\x00" + b.paths[p] + "\x00"))
			writeUint(h, p.Version)
		}
		f, err := b.reuse(outputFile(b.langPath(lang.Code, searchIndexFile)), h.Sum64(), func() ([]byte, error) {
			docs := make([]*search.Doc, len(list))
			ts := make([]*search.Terms, len(list))
			for i, p := range list {
				docs[i] = b.searchDoc(p, lang.Code)
				docs[i].Text = "" // only the terms are needed from here
				ts[i] = terms[p.File].terms
			}
			return search.Build(docs, ts)
		})
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// searchDoc is what the index of lang holds of p.
func (b *builder) searchDoc(p *content.Post, lang string) *search.Doc {
	d := &search.Doc{
		URL:     strings.TrimSuffix(b.cfg.BasePath(), "/") + escapePath(b.paths[p]),
		Title:   p.Title,
		Date:    p.Date.Format("2006-01-02"),
		Summary: p.Description,
		Text:    p.Text,
	}
	if lang != "" && p.Lang != lang {
		d.Lang = p.Lang
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
