// Package site turns the set of posts into the pages and files of the
// built site, in memory.
//
// # Input and output
//
// A Builder takes the site folder as an fs.FS; each Build reads the
// content (package content) and returns an *Output: every page rendered
// and every file to copy, sorted by output path. Nothing is written to
// disk here; package publish writes an Output, and the dev server serves
// one.
//
// # Pages
//
// Per language, under the language's prefix ("" for the default, "/en"
// otherwise): the home list in pages of Config.Paginate ("/", "/page/2/"),
// one page per post at its permalink, "/tags/" with counts, "/tags/<slug>/"
// per tag, "/archive/", "/search/" with its index "/search/index.json"
// and its shards (package search, fed here), and "404.html". Besides them: RSS and Atom
// per language, sitemap.xml, robots.txt, redirect pages for aliases,
// /posts/<id>/ and content/redirects.yaml, the theme's and the site's
// static files, every post's own files, and the resized copies of the
// images posts show (images.go), whose <img> elements get their sizes.
//
// # Reuse
//
// A page is keyed by its complete input (key.go): the value its layout
// receives, hashed whole by reflection, and the Site's key (config, theme,
// blog's build). A page whose key is the last build's, or in the page
// cache, is taken from there instead of being rendered; so the output
// never depends on what a Builder or a cache remembers, only on the
// site. Search indexes are keyed the same way. Nothing else is reused:
// feeds, sitemap and redirects are made each time.
//
// # Rules
//
// Lists are newest first. A language's lists hold its own posts, and, when
// ShowUntranslated is set, the other languages' posts that have no
// translation in it. Drafts and posts dated in the future are left out
// unless Options.Drafts. Tags are one tag when their slugs match ("ISTIO"
// and "istio"); the label shown is the most used spelling. Every output
// path is known before any page renders: two files at one path, or a file
// where another needs a folder, are errors found then.
package site

import (
	"cmp"
	"io/fs"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/images"
	"blog/internal/problem"
	"blog/internal/theme"
)

// Options changes what a build includes.
type Options struct {
	// Drafts includes drafts and posts dated in the future.
	Drafts bool
	// Now is the time posts are compared with to find future ones; zero
	// means the time of the build.
	Now time.Time
	// Emit, when set, receives every file as soon as it is made, from
	// many goroutines, so a build can be written out without holding it
	// in memory: files in the Output then keep no bytes. A failed build
	// has emitted some of its files; the caller drops them.
	Emit func(*File) error
	// Prepare, when set with Emit, receives the output path of every file
	// the build will emit, sorted, before the first is made, so that the
	// writer can make their folders in one go rather than as each file
	// comes: the pages' paths while the build goes on, then the others'.
	// Two calls never overlap, nor one and an Emit.
	Prepare func(paths []string) error
	// Defer leaves the files no page needs to show itself (the search
	// indexes) to be made when first read through File.Bytes, so that the
	// dev server's rebuild after a save does not wait for them. Without
	// Emit only.
	Defer bool
}

// build is one build of a site.
type build struct {
	cfg     *config.Config
	set     *content.Set
	th      *theme.Theme
	site    fs.FS
	opts    Options
	s       *Site
	prev    *Output      // the last build of the Builder, for reuse by key
	store   *cache.Store // the page cache, or nil
	terms   *cache.Store // search tokens by post, or nil
	resizer *images.Resizer
	// imageCount and copyCount are the images read and copies written.
	imageCount, copyCount int
	// imageMemo is the Builder's memo of images, read only; nextMemo the
	// one this build leaves (images.go).
	imageMemo, nextMemo map[string]*imageMemo
	chromaCSS           []byte // the highlighting stylesheet
	// retryMermaid: diagrams are drawn, so a page with one left undrawn
	// is not kept in the page cache.
	retryMermaid bool

	visible []*content.Post // posts
	pages0  []*content.Post // pages
	docs    []*content.Post
	views   map[*content.Post]*Post
	// sections are each language's doc sections; updated the time of
	// the last commit of each file, when the site is a git checkout.
	sections  map[string][]*Section
	updated   map[string]time.Time
	fallbacks map[fallbackKey]*Post // pages and docs shown in languages they lack
	lists     map[string][]*Post
	tags      map[string][]*Tag
	pages     []*Page
	memo      map[unsafe.Pointer]cache.Key

	rendered, cached int
	stop             *atomic.Bool // set by Builder.Interrupt
	recording        *recording   // the files written, for the build's record; nil for none
	// once: the build lets go of the parsed posts once the files besides
	// pages are made (BuilderOptions.Once, release).
	once bool
}

// run builds the site.
func (b *build) run() (*Output, error) {
	if err := b.plan(); err != nil {
		return nil, err
	}
	if b.interrupted() {
		return nil, ErrInterrupted
	}
	// The pages' folders are made while the rest of the work is done: it
	// is the one part of writing that must come before the files, and
	// waits on the file system, not on the cores.
	var prepared func() error // waits for it, once or more
	if b.opts.Emit != nil && b.opts.Prepare != nil {
		paths := make([]string, len(b.pages))
		for i, pg := range b.pages {
			paths[i] = outputFile(pg.Path)
		}
		slices.Sort(paths)
		done := make(chan error, 1)
		go func() { done <- b.opts.Prepare(paths) }()
		prepared = sync.OnceValue(func() error { return <-done })
		// A build that stops early waits for it too: no Prepare may
		// outlive the build, nor overlap the next.
		defer prepared()
	}
	// Static files come first: the images posts show are among them, and
	// what a post shows of its images is part of its key.
	statics, own, errs := b.staticFiles()
	copies, imageWarnings := b.images(statics)
	if err := b.keyViews(); err != nil {
		return nil, err
	}
	b.s.cards = newCardCache()
	others, oerrs := b.otherFiles(slices.Concat(statics, copies), own)
	errs = append(errs, oerrs...)
	// What is left to make (the files besides pages, the pages) is made
	// from views.
	loadWarnings := b.set.Warnings
	if b.once {
		b.release()
	}
	if b.interrupted() {
		return nil, ErrInterrupted
	}
	planned := make([]string, 0, len(b.pages)+len(others))
	who := make([]string, 0, cap(planned))
	for _, pg := range b.pages {
		planned = append(planned, outputFile(pg.Path))
		if pg.Post != nil {
			who = append(who, pg.Post.File)
		} else {
			who = append(who, "the "+pg.Kind+" page "+pg.Path)
		}
	}
	for _, f := range others {
		planned = append(planned, f.Path)
		who = append(who, cmp.Or(f.SourcePath, f.made, "the generated "+f.Path))
	}
	if b.recording != nil {
		b.recording.reserve(len(planned))
	}
	conflicts, warnings := checkPaths(planned, who)
	errs = append(errs, conflicts...)
	if prepared != nil {
		// The other files' folders, once the pages' are made; Prepare
		// skips those made already.
		err := prepared()
		if err == nil && len(errs) == 0 {
			sorted := slices.Clone(planned[len(b.pages):])
			slices.Sort(sorted)
			err = b.opts.Prepare(sorted)
		}
		if err != nil && len(errs) == 0 {
			return nil, err
		}
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	// The files besides pages are made by now: written out before the
	// pages render, their bytes (the search indexes, the sitemap, the
	// feeds: tens of megabytes in a large site) are not held while every
	// page is. A page that then fails drops them with the rest.
	if b.opts.Emit != nil {
		// The files made as they are written (the search indexes) go
		// last, once the others' bytes are let go of.
		order := make([]*File, 0, len(others))
		for _, lazy := range []bool{false, true} {
			for _, f := range others {
				if (f.lazy != nil) == lazy {
					order = append(order, f)
				}
			}
		}
		if err := parallelIO(len(order), func(i int) error {
			if err := b.opts.Emit(order[i]); err != nil {
				return err
			}
			// Written: the Output keeps no bytes, nor what makes them.
			order[i].Data, order[i].lazy = nil, nil
			return nil
		}); err != nil {
			return nil, err
		}
	}
	pages, err := b.render()
	if err != nil {
		return nil, err
	}
	out := NewOutput(slices.Concat(pages, others))
	out.Pages, out.Rendered, out.Cached = len(pages), b.rendered, b.cached
	out.Warnings = slices.Concat(loadWarnings, imageWarnings, warnings)
	return out, nil
}

// release lets go of the parsed posts and what leads to them, which only
// planning and making the files besides pages read: the search indexes
// written after it and the pages render from the posts' views (Post),
// which hold what layouts see and nothing of the parse (the header's
// lines, the post's translations as posts). At 100,000 posts that is
// about a fifth of the live heap, which the collector then does not mark
// again for every page.
func (b *build) release() {
	b.set, b.visible, b.pages0, b.docs, b.views, b.fallbacks = nil, nil, nil, nil, nil, nil
}

// otherFiles makes every file besides pages and statics (the static
// files and image copies): feeds, the sitemap and its neighbours, search
// indexes and redirects, and returns them with statics. A file of the
// site's own static/ (own) replaces a generated one of the same path
// (robots.txt).
func (b *build) otherFiles(statics []*File, own map[string]bool) ([]*File, problem.List) {
	var errs problem.List
	feeds, err := b.feeds()
	errs.Add(b.th.Name, err)
	if b.interrupted() {
		return nil, nil // run sees it too
	}
	indexes, err := b.searchIndexes()
	errs.Add(b.th.Name, err)
	generated := slices.Concat(feeds, b.sitemap(), indexes)
	files := statics
	for _, f := range generated {
		// A part of a split sitemap is not replaced: the index lists it,
		// so another file there would drop its addresses unseen. The
		// two are reported as two files at one path.
		if !own[f.Path] || f.made == sitemapPart {
			files = append(files, f)
		}
	}
	taken := make(map[string]bool, len(b.pages)+len(files))
	for _, pg := range b.pages {
		taken[outputFile(pg.Path)] = true
	}
	byPath := make(map[string]*File, len(files))
	for _, f := range files {
		taken[f.Path] = true
		byPath[f.Path] = f
	}
	redirects, rerrs := b.redirects(taken, byPath)
	errs = append(errs, rerrs...)
	return slices.Concat(files, redirects), errs
}
