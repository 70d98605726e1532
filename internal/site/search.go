package site

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"blog/internal/cache"
	"blog/internal/search"
)

// Each language with a search page gets its own index under
// <lang>/search/ (index.json, the manifest, and its shards; see package
// search), listing the posts its lists show. Package
// search makes it; this file feeds it. A post's tokens depend on its body
// (by the body's key), title and tags, and are kept in the terms cache by
// those; the index is keyed by everything it shows and every post's
// tokens' key, and taken from the page cache when that key is there.

// searchIndexFile is the index's path under a language's prefix.
const searchIndexFile = "/search/index.json"

// searchIndexes makes one index per language, or, with Options.Defer and
// no Emit, files that make theirs when first read.
func (b *build) searchIndexes() ([]*File, error) {
	if !b.s.search {
		return nil, nil
	}
	var site [][]string
	for _, g := range b.cfg.Search.Synonyms {
		site = append(site, g.Words)
	}
	opts := search.Options{Synonyms: search.Synonyms(site)}
	// Each language's index is found side by side with the others; those
	// that must be made are made one after another, as each holds a
	// language's every term at once.
	perLang := make([][]*File, len(b.cfg.Languages))
	makers := make([]func() ([]*File, error), len(b.cfg.Languages))
	err := parallel(len(b.cfg.Languages), func(li int, _ *hasher) error {
		var err error
		perLang[li], makers[li], err = b.searchIndex(b.cfg.Languages[li].Code, opts)
		return err
	})
	if err != nil {
		return nil, err
	}
	for li, mk := range makers {
		if mk != nil {
			if perLang[li], err = mk(); err != nil {
				return nil, err
			}
		}
	}
	return slices.Concat(perLang...), nil
}

// searchIndex finds the files of one language's index, or returns what
// makes them.
func (b *build) searchIndex(code string, opts search.Options) (found []*File, maker func() ([]*File, error), err error) {
	var files []*File
	// The language's posts, then its pages and docs.
	list := slices.Concat(b.lists[code], b.docViews(b.pages0, code), b.docViews(b.docs, code))
	// The docs are made for the key, and again only if the index must
	// be made: not held from here until the index is written.
	docsOf := func() []*search.Doc {
		docs := make([]*search.Doc, len(list))
		for i, p := range list {
			docs[i] = b.searchDoc(p, code)
		}
		return docs
	}
	termKeys := make([]cache.Key, len(list))
	for i, p := range list {
		termKeys[i] = termsKey(p)
	}
	var h hasher
	k, err := h.key(struct {
		Version int
		Site    *Site
		Docs    []*search.Doc
		Terms   []cache.Key
		Options search.Options
	}{search.Version, b.s, docsOf(), termKeys, opts})
	if err != nil {
		return nil, nil, err
	}
	names := search.LayoutFor(len(list)).Names()
	dir := strings.TrimSuffix(searchIndexFile, "index.json")
	paths := make([]string, len(names))
	keys := make([]cache.Key, len(names))
	reusable := b.prev != nil
	for i, name := range names {
		paths[i] = outputFile(langPath(b.cfg, code, dir+name))
		keys[i] = cache.MakeKey(k[:], []byte(name))
		if b.prevFile(paths[i], keys[i]) == nil {
			reusable = false
		}
	}
	if reusable {
		for i := range names {
			old := b.prevFile(paths[i], keys[i])
			files = append(files, &File{Path: paths[i], Data: old.Data, key: keys[i], lazy: old.lazy, Reused: true})
		}
		return files, nil, nil
	}
	store, terms := b.store, b.terms
	cached := func() ([][]byte, bool) {
		if store == nil {
			return nil, false
		}
		data, ok := store.GetBytes(k)
		if !ok {
			return nil, false
		}
		return search.SplitBundle(data, len(names))
	}
	if b.opts.Emit == nil {
		if parts, ok := cached(); ok {
			for i := range names {
				files = append(files, &File{Path: paths[i], Data: parts[i], key: keys[i], Reused: true})
			}
			return files, nil, nil
		}
	}
	build := func() ([][]byte, error) {
		// Build asks for the terms one post after another; they are made
		// ahead, on every core, each worker with an Analyzer and a
		// buffer for the posts' text of its own.
		docs := docsOf()
		workers := runtime.GOMAXPROCS(0)
		ans := make([]search.Analyzer, workers)
		texts := make([][]byte, workers)
		made, bundle, err := search.Build(docs, inOrder(len(docs), 2, workers, func(w, i int) (*search.Terms, error) {
			return postTerms(terms, list[i], docs[i], termKeys[i], &ans[w], &texts[w])
		}), opts)
		if err != nil {
			return nil, err
		}
		// The files are parts of the bundle the page cache keeps: the
		// index is held once.
		if store != nil {
			store.Put(k, bundle)
		}
		parts := make([][]byte, len(made))
		for i, f := range made {
			parts[i] = f.Data
		}
		return parts, nil
	}
	parts := &partSet{left: len(names), make: build}
	if b.opts.Emit != nil {
		// Written out as they are made, the files are read from the
		// page cache (or the index made) when the first is written, and
		// let go of once the last is: one language's index is held at a
		// time, not every language's from the start of the build.
		parts.make = func() ([][]byte, error) {
			if parts, ok := cached(); ok {
				return parts, nil
			}
			return build()
		}
	}
	if b.opts.Emit != nil || b.opts.Defer {
		for i := range names {
			f := &File{Path: paths[i], key: keys[i], lazy: &deferred{make: parts.take(i)}}
			if b.opts.Emit != nil && store != nil {
				f.bundle = &bundleRef{key: k, i: i, n: len(names)}
			}
			files = append(files, f)
		}
		return files, nil, nil
	}
	return nil, func() ([]*File, error) {
		for i := range names {
			data, err := parts.take(i)()
			if err != nil {
				return nil, err
			}
			files = append(files, &File{Path: paths[i], Data: data, key: keys[i]})
		}
		return files, nil
	}, nil
}

// termsBatch is how many posts' terms inOrder makes at a time.
const termsBatch = 64

// inOrder is a terms function for search.Build, which asks for i = 0, 1,
// 2 and on, in passes passes: termsOf(w, i) gives the terms of post i on
// worker w < workers. While Build reads one batch of posts, the next is
// made over all the workers (the first of the next pass after the last
// of one); one batch is made at a time, so a worker's own state serves
// one post at a time.
func inOrder(n, passes, workers int, termsOf func(w, i int) (*search.Terms, error)) func(i int) (*search.Terms, error) {
	type batch struct {
		from  int
		terms []*search.Terms
		err   error
		done  chan struct{}
	}
	start := func(from int) *batch {
		if from >= n {
			return nil
		}
		b := &batch{from: from, terms: make([]*search.Terms, min(termsBatch, n-from)), done: make(chan struct{})}
		go func() {
			defer close(b.done)
			var next atomic.Int64
			var wg sync.WaitGroup
			var mu sync.Mutex
			for w := range workers {
				wg.Go(func() {
					for {
						j := int(next.Add(1)) - 1
						if j >= len(b.terms) {
							return
						}
						t, err := termsOf(w, b.from+j)
						if err != nil {
							mu.Lock()
							b.err = cmp.Or(b.err, err)
							mu.Unlock()
							return
						}
						b.terms[j] = t
					}
				})
			}
			wg.Wait()
		}()
		return b
	}
	cur, ahead := start(0), (*batch)(nil)
	pass := 1   // cur's pass
	served := 0 // terms given so far, over every pass
	return func(i int) (*search.Terms, error) {
		if n == 0 || served >= passes*n || i != served%n {
			return nil, fmt.Errorf("internal error: the terms of post %d asked out of order", i)
		}
		if served > 0 && i%termsBatch == 0 { // the next batch
			if ahead == nil {
				return nil, fmt.Errorf("internal error: the terms of post %d were not made", i)
			}
			if i == 0 {
				pass++
			}
			cur, ahead = ahead, nil
		}
		<-cur.done
		if cur.err != nil {
			return nil, cur.err
		}
		if ahead == nil {
			// Made while this batch is read.
			if next := cur.from + len(cur.terms); next < n {
				ahead = start(next)
			} else if pass < passes {
				ahead = start(0)
			}
		}
		served++
		return cur.terms[i-cur.from], nil
	}
}

// partSet gives the files of one index, made once for all of them when
// the first is asked for, each once, and lets go of them when the last is
// taken (a lazy File keeps its own).
type partSet struct {
	mu    sync.Mutex
	make  func() ([][]byte, error)
	parts [][]byte
	taken []bool
	err   error
	left  int // files not taken yet
}

// take returns the maker of file i.
func (p *partSet) take(i int) func() ([]byte, error) {
	return func() ([]byte, error) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.make != nil {
			p.parts, p.err = p.make()
			p.make, p.taken = nil, make([]bool, len(p.parts))
		}
		if p.err != nil {
			return nil, p.err
		}
		if i >= len(p.taken) || p.taken[i] {
			return nil, fmt.Errorf("internal error: search index file %d asked for twice or not made", i)
		}
		data := p.parts[i]
		p.parts[i], p.taken[i] = nil, true
		if p.left--; p.left == 0 {
			p.parts = nil
		}
		return data, nil
	}
}

// termsKey names a post's tokens by what they are made of.
func termsKey(p *Post) cache.Key {
	bk := p.body.Key()
	parts := [][]byte{[]byte("terms/v2"), bk[:], []byte(p.Title)}
	for _, t := range p.Tags {
		parts = append(parts, []byte(t.Name))
	}
	return cache.MakeKey(parts...)
}

// postTerms are a post's tokens: from the terms cache, or made from its
// text, read into scratch, by an, and kept there.
func postTerms(store *cache.Store, p *Post, d *search.Doc, k cache.Key, an *search.Analyzer, scratch *[]byte) (*search.Terms, error) {
	if store != nil {
		if data, ok := store.GetBytes(k); ok {
			if t, n, err := search.DecodeTerms(data); err == nil && n == len(data) {
				return t, nil
			}
		}
	}
	text, err := p.body.TextInto(scratch)
	if err != nil {
		return nil, err
	}
	full := *d
	// The text is only read while Analyze runs, which keeps none of it.
	full.Text = unsafe.String(unsafe.SliceData(text), len(text))
	t := an.Analyze(&full)
	if store != nil {
		// The text is read: its buffer takes the entry, which the store
		// copies.
		*scratch = t.AppendBinary((*scratch)[:0])
		store.PutCopy(k, *scratch)
	}
	return t, nil
}

// searchDoc is what the index of lang shows of p.
func (b *build) searchDoc(p *Post, lang string) *search.Doc {
	d := &search.Doc{
		URL:     strings.TrimSuffix(b.cfg.BasePath(), "/") + escapePath(p.Path),
		Title:   p.Title,
		Date:    dateOf(p),
		Summary: p.Description,
	}
	if p.Lang != lang {
		d.Lang = p.Lang
	}
	if d.Summary == "" {
		d.Summary = clip(p.plain, 160)
	}
	for _, t := range p.Tags {
		d.Tags = append(d.Tags, t.Name)
	}
	for _, h := range p.Headings {
		d.Headings = append(d.Headings, search.Heading{ID: h.ID, Text: h.Text})
	}
	return d
}

// dateOf is a post's date for the index; "" for a page or doc without one.
func dateOf(p *Post) string {
	if p.Date.IsZero() {
		return ""
	}
	return p.Date.Format("2006-01-02")
}
