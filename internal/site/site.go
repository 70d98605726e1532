// Package site turns the set of posts into the pages and files of the
// built site, in memory.
//
// # Input and output
//
// Build takes the config, the posts (package content), the theme and the
// site folder, and returns an *Output: every page rendered and every file
// to copy, sorted by output path. Nothing is written to disk here; package
// publish writes an Output, and the dev server serves one.
//
// # Pages
//
// Per language, under the language's prefix ("" for the default, "/en"
// otherwise): the home list in pages of Config.Paginate ("/", "/page/2/"),
// one page per post at its permalink, "/tags/" with counts, "/tags/<slug>/"
// per tag, "/archive/", "/search/" with its index "/search/index.json"
// (package search), and "404.html". Each page records the posts it shows, so a
// changed post needs only the pages that show it rendered again.
//
// # Rules
//
// Lists are newest first. A language's lists hold its own posts, and, when
// ShowUntranslated is set, the other languages' posts that have no
// translation in it. Drafts and posts dated in the future are left out
// unless Options.Drafts. Tags are one tag when their slugs match ("ISTIO"
// and "istio"); the label shown is the most used spelling. Two files
// written to one output path are an error.
package site

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/markdown"
	"blog/internal/sitepath"
	"blog/internal/theme"
)

// StaticDir is the site's own folder of files copied to the site root.
const StaticDir = "static"

// Options changes what a build includes.
type Options struct {
	// Drafts includes drafts and posts dated in the future.
	Drafts bool
	// Now is the time posts are compared with to find future ones; zero
	// means the time of the build.
	Now time.Time
	// Emit, when set, receives every file as soon as it is made, from
	// many goroutines, so a build can be written out without holding it
	// in memory: pages in the Output then keep no bytes. A failed build
	// has emitted some of its files; the caller drops them.
	Emit func(*File) error
	// Defer leaves the files no page needs to show itself (the search
	// indexes) to be made when first read through File.Bytes, so that the
	// dev server's rebuild after a save does not wait for them. Without
	// Emit only.
	Defer bool
}

// File is one file of the output: generated Data, or a file copied from
// Source.
type File struct {
	// Path is the output path, slash-separated, raw UTF-8, no leading slash.
	Path string
	// Data is the content of a generated file.
	Data []byte
	// Source and SourcePath name the file to copy when Data is nil.
	Source     fs.FS
	SourcePath string
	// Page is the page the file was rendered from, if any.
	Page *Page
	// Reused reports a page taken unchanged from the previous build.
	Reused bool

	sig  uint64    // a hash of everything the file was made from
	lazy *deferred // makes Data on first read, with Options.Defer
}

// deferred is the making of a file's bytes, put off until they are read.
type deferred struct {
	once sync.Once
	make func() ([]byte, error)
	data []byte
	err  error
}

// Bytes returns a generated file's content, making it first if the build
// deferred it; it returns nil for a file copied from Source. It is safe
// to call from many goroutines.
func (f *File) Bytes() ([]byte, error) {
	if f.Data != nil || f.lazy == nil {
		return f.Data, nil
	}
	d := f.lazy
	d.once.Do(func() { d.data, d.err = d.make() })
	return d.data, d.err
}

// Generated reports a file made by the build (as opposed to copied).
func (f *File) Generated() bool { return f.Data != nil || f.lazy != nil || f.Source == nil }

// Output is a built site in memory.
type Output struct {
	// Files holds every file, sorted by Path.
	Files []*File
	// Pages is the number of HTML pages in the output.
	Pages int
	// Rendered is the number of pages whose layout was executed; the others
	// were taken unchanged from the previous build or, Cached of them, from
	// the page cache.
	Rendered int
	Cached   int
	// Warnings are problems that do not stop the build: two files whose
	// names differ only in case, which are one file on macOS and Windows.
	Warnings content.ErrorList
	index    map[string]*File
	docs     map[string]docEntry // what the search indexes show of each post, by file
	bld      *builder            // the build that made it
	cards    *cardCache
}

// NewOutput returns an Output of files, sorted by Path and indexed for
// Lookup. The paths must be distinct: Build reports two files at one path
// as an error before it gets here.
func NewOutput(files []*File) *Output { return newOutput(files, nil) }

// newOutput is NewOutput after a build whose Output was prev: the files
// prev had are taken in its order, and only the new ones are sorted and
// merged in, which on a big site costs a fraction of sorting them all.
func newOutput(files []*File, prev *Output) *Output {
	out := &Output{index: make(map[string]*File, len(files))}
	for _, f := range files {
		out.index[f.Path] = f
	}
	byPath := func(a, b *File) int { return cmp.Compare(a.Path, b.Path) }
	if prev == nil {
		out.Files = slices.Clone(files)
		slices.SortFunc(out.Files, byPath)
		return out
	}
	kept := make([]*File, 0, len(files))
	for _, old := range prev.Files {
		if f := out.index[old.Path]; f != nil {
			kept = append(kept, f)
		}
	}
	var added []*File
	if len(kept) < len(files) {
		for _, f := range files {
			if prev.index[f.Path] == nil {
				added = append(added, f)
			}
		}
		slices.SortFunc(added, byPath)
	}
	out.Files = make([]*File, 0, len(files))
	for len(kept) > 0 && len(added) > 0 {
		if kept[0].Path < added[0].Path {
			out.Files, kept = append(out.Files, kept[0]), kept[1:]
		} else {
			out.Files, added = append(out.Files, added[0]), added[1:]
		}
	}
	out.Files = append(append(out.Files, kept...), added...)
	return out
}

// Lookup returns the file at an output path, or nil.
func (o *Output) Lookup(p string) *File { return o.index[p] }

// Page is one page of the site.
type Page struct {
	// Kind is the layout: "home", "post", "tags", "tag", "archive",
	// "search" or "404".
	Kind string
	// Lang is the page's language.
	Lang string
	// Path is the page's site path, unescaped: "/en/tags/go/".
	Path string
	// Title is the page title without the site title.
	Title string
	// Post is the post a post page shows.
	Post *content.Post
	// Posts are the posts a list shows, in order.
	Posts []*content.Post
	// Prev and Next are the older and newer posts of the same language.
	Prev, Next *content.Post
	// Tag is the tag of a tag page.
	Tag *Tag
	// Tags are the language's tags, on the tags page.
	Tags []*Tag
	// Pager is the position of a home page among its siblings.
	Pager *Pager
	// Languages lists the language switcher's entries, one per language.
	Languages []LangLink
	// Alternates lists the pages in other languages that exist, for
	// hreflang links.
	Alternates []LangLink

	b   *builder
	out string // the output file, made once by plan
}

// Tag is a tag of one language with its posts, newest first.
type Tag struct {
	Name  string
	Slug  string
	Lang  string
	Posts []*content.Post
}

// Pager places a page in a paginated list.
type Pager struct {
	Number, Total int
	PrevPath      string
	NextPath      string
}

// LangLink is a link to the same page in a language.
type LangLink struct {
	Lang    string
	Name    string
	Path    string
	Current bool
	// Exists is false when the link falls back to the language's home.
	Exists bool
}

// builder is the state of one build.
type builder struct {
	cfg     *config.Config
	set     *content.Set
	th      *theme.Theme
	site    fs.FS
	opts    Options
	visible map[*content.Post]bool
	paths   map[*content.Post]string
	lists   map[string][]*content.Post
	tags    map[string][]*Tag
	pages   []*Page

	prev      *Output
	rendered  int
	cached    atomic.Int64
	chromaCSS []byte
	// pc is the page cache, nil without one; pages are put in it only
	// when putPages (pc is set, and this is the first build of a process:
	// later ones change a few pages at a time, and the process keeps them
	// itself).
	pc       *pageCache
	putPages bool

	cards map[*content.Post]uint64 // card signatures, made by plan
	// langNames are the languages' names in their own language.
	langNames map[string]string
	cardHTML  *cardCache
}

// Build builds the site.
func Build(cfg *config.Config, set *content.Set, th *theme.Theme, site fs.FS, opts Options) (*Output, error) {
	return build(cfg, set, th, site, opts, nil, nil, nil)
}

// build builds the site, taking every page whose signature is unchanged
// from prev instead of rendering it again. prev must come from a build
// with the same config and theme. chromaCSS is the highlighting
// stylesheet, made once per Builder; nil makes it here. Pages neither
// reused nor in pc (when not nil) are rendered; a build without prev puts
// them in pc.
func build(cfg *config.Config, set *content.Set, th *theme.Theme, site fs.FS, opts Options, prev *Output, chromaCSS []byte, pc *pageCache) (*Output, error) {
	if chromaCSS == nil {
		css, err := markdown.StyleSheet()
		if err != nil {
			return nil, err
		}
		chromaCSS = css
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	b := &builder{cfg: cfg, set: set, th: th, site: site, opts: opts,
		visible: make(map[*content.Post]bool, len(set.Posts)), paths: make(map[*content.Post]string, len(set.Posts)),
		lists: map[string][]*content.Post{}, tags: map[string][]*Tag{}, cards: make(map[*content.Post]uint64, len(set.Posts))}
	b.plan()
	var (
		files []*File
		pages int
		errs  content.ErrorList
	)
	b.prev, b.chromaCSS = prev, chromaCSS
	b.pc, b.putPages = pc, pc != nil && prev == nil
	if prev != nil && prev.cards != nil {
		b.cardHTML = prev.cards
	} else {
		b.cardHTML = newCardCache()
	}
	b.cardHTML.next(len(b.visible) * len(cfg.Languages))
	seen := make(map[string]*File, 2*len(b.pages)+64)
	add := func(f *File) {
		if prev := seen[f.Path]; prev != nil {
			errs = append(errs, content.Errorf(describeFile(f), 0, "writes %s, which %s writes too", f.Path, describeFile(prev)))
			return
		}
		seen[f.Path] = f
		files = append(files, f)
	}

	// The files besides pages depend only on the plan: they are made
	// while the pages render.
	var (
		statics, feeds, sitemap, indexes, redirects []*File
		own                                         map[string]bool
		otherErr                                    error
		problems                                    content.ErrorList
		others                                      sync.WaitGroup
	)
	docs := map[string]docEntry{}
	others.Go(func() {
		// Each kind of file on its own: on a rebuild that renders a few
		// pages, the slowest of them is what the writer waits for. The
		// sitemap is often that; its file names are known before it is
		// made, so redirects need not wait for it.
		var kinds, slow sync.WaitGroup
		errs := make([]error, 4)
		slow.Go(func() { sitemap, errs[2] = b.sitemap() })
		kinds.Go(func() { statics, own, errs[0] = b.staticFiles() })
		kinds.Go(func() { feeds, errs[1] = b.feeds() })
		kinds.Go(func() { indexes, errs[3] = b.searchIndexes(docs) })
		kinds.Wait()
		defer func() {
			slow.Wait()
			for _, err := range errs {
				if err != nil && otherErr == nil {
					otherErr = err
				}
			}
		}()
		if errs[0] != nil || errs[1] != nil || errs[3] != nil {
			return
		}
		// Redirects go only where no other file is.
		taken := make(map[string]bool, len(b.pages)+len(statics)+8)
		for _, pg := range b.pages {
			taken[pg.out] = true
		}
		for _, f := range slices.Concat(statics, feeds, indexes) {
			taken[f.Path] = true
		}
		for _, p := range b.sitemapPaths() {
			taken[p] = true
		}
		var more []*File
		var problems2 content.ErrorList
		redirects, problems = b.redirects(taken)
		more, problems2 = b.fileRedirects(taken)
		redirects = append(redirects, more...)
		problems = append(problems, problems2...)
	})
	rendered, rerrs := b.render(b.pages)
	others.Wait()
	var list content.ErrorList
	if errors.As(otherErr, &list) {
		errs, otherErr = append(errs, list...), nil
	}
	if otherErr != nil {
		return nil, otherErr
	}
	errs = append(errs, rerrs...)
	for _, f := range rendered {
		if f != nil {
			add(f)
			pages++
		}
	}
	for _, f := range statics {
		add(f)
	}
	for _, f := range slices.Concat(feeds, sitemap, indexes) {
		if !own[f.Path] { // the site's own robots.txt or feed wins
			add(f)
		}
	}
	for _, f := range redirects {
		add(f)
	}
	errs = append(errs, problems...)
	folders, cases := checkPaths(files)
	errs = append(errs, folders...)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	if opts.Emit != nil {
		// Thousands of small files (redirects, bundle images) each cost a
		// folder and a file: written side by side, as the pages are.
		var rest []*File
		for _, f := range files {
			if f.Page == nil {
				rest = append(rest, f)
			}
		}
		errs := make([]error, len(rest))
		parallelIO(len(rest), func(i int) { errs[i] = opts.Emit(rest[i]) })
		for _, err := range errs {
			if err != nil {
				return nil, err
			}
		}
	}
	out := newOutput(files, prev)
	out.Warnings = cases
	out.Pages = pages
	out.Rendered = b.rendered
	out.Cached = int(b.cached.Load())
	out.docs = docs
	out.bld = b
	out.cards = b.cardHTML
	b.prev = nil // so that a long blog serve session does not keep every Output
	return out, nil
}

// editBodies makes the Output of a rebuild after only the bodies of posts
// changed (content.Set.Edited) from last, the Output this builder made
// for the very same Set. Nothing that lists, links, tags, the sitemap or
// redirects show has changed, so the plan of last stands: the posts' own
// pages, the feeds and the search indexes are made again where their
// signatures changed, and every other file is last's. It costs what the
// edited posts cost, not what the site does.
func (b *builder) editBodies(last *Output, edited []*content.Post) (*Output, error) {
	b.prev, b.rendered, b.putPages = last, 0, false
	b.cached.Store(0)
	var pages []*Page
	for _, p := range edited {
		if !b.visible[p] {
			continue
		}
		if f := last.index[outputFile(b.paths[p])]; f != nil && f.Page != nil && f.Page.Post == p {
			pages = append(pages, f.Page)
		}
	}
	rendered, errs := b.render(pages)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	feeds, err := b.feeds()
	if err != nil {
		return nil, err
	}
	docs := make(map[string]docEntry, len(last.docs))
	indexes, err := b.searchIndexes(docs)
	if err != nil {
		return nil, err
	}
	out := &Output{Files: slices.Clone(last.Files), index: maps.Clone(last.index), Pages: last.Pages, Rendered: b.rendered, docs: docs, bld: b, cards: b.cardHTML}
	for _, f := range slices.Concat(rendered, feeds, indexes) {
		old := out.index[f.Path]
		if old == nil || !old.Generated() {
			continue // the site's own file of that name wins
		}
		i, found := slices.BinarySearchFunc(out.Files, f.Path, func(g *File, p string) int { return cmp.Compare(g.Path, p) })
		if !found {
			return nil, fmt.Errorf("internal error: %s is not in the last build", f.Path)
		}
		out.Files[i], out.index[f.Path] = f, f
	}
	b.prev = nil
	return out, nil
}

// checkPaths finds what no file system can hold: a file where another
// file needs a folder ("rss.xml" and "rss.xml/index.html"); and, as
// warnings, names that differ only in case, which a clone on macOS or
// Windows makes one file. Each such pair of names is reported once, at
// the shortest path where they differ.
func checkPaths(files []*File) (errs, warnings content.ErrorList) {
	byPath := make(map[string]*File, len(files))
	for _, f := range files {
		byPath[f.Path] = f
	}
	type seen struct {
		path string
		f    *File
	}
	folded := make(map[string]seen, 2*len(files))
	reported := map[string]bool{}
	for _, f := range files {
		p := f.Path
		for i := 0; i < len(p); i++ {
			if p[i] != '/' && i != len(p)-1 {
				continue
			}
			prefix := p
			if p[i] == '/' {
				prefix = p[:i]
				if g := byPath[prefix]; g != nil {
					errs = append(errs, content.Errorf(describeFile(f), 0, "writes %s, inside a folder %s, where %s writes a file", p, prefix, describeFile(g)))
					break
				}
			}
			key := strings.ToLower(prefix)
			if prev, ok := folded[key]; !ok {
				folded[key] = seen{prefix, f}
			} else if prev.path != prefix {
				if pair := prev.path + "\x00" + prefix; !reported[pair] {
					reported[pair] = true
					warnings = append(warnings, content.Errorf(describeFile(f), 0, "writes %s, and %s writes %s: names that differ only in case are one file on macOS and Windows, so a clone there loses one", prefix, describeFile(prev.f), prev.path))
				}
				break
			}
		}
	}
	return errs, warnings
}

func describeFile(f *File) string {
	switch {
	case f.Page != nil && f.Page.Post != nil:
		return f.Page.Post.File
	case f.Page != nil:
		return fmt.Sprintf("the %s page %s", f.Page.Kind, f.Page.Path)
	case f.SourcePath != "":
		return f.SourcePath
	}
	return f.Path
}

// plan decides every page and what it shows.
func (b *builder) plan() {
	for _, p := range b.set.Posts {
		if b.opts.Drafts || !p.Draft && !p.Date.After(b.opts.Now) {
			b.visible[p] = true
			b.paths[p] = b.permalink(p)
		}
	}
	var shown []*content.Post
	for _, p := range b.set.Posts {
		if b.visible[p] {
			shown = append(shown, p)
		}
	}
	sigs := make([]uint64, len(shown))
	parallel(len(shown), func(i int) { sigs[i] = b.cardSig(shown[i]) })
	for i, p := range shown {
		b.cards[p] = sigs[i]
	}
	// Each language's list and tags, side by side.
	lists := make([][]*content.Post, len(b.cfg.Languages))
	tags := make([][]*Tag, len(b.cfg.Languages))
	var wg sync.WaitGroup
	for i, lang := range b.cfg.Languages {
		wg.Go(func() {
			var list []*content.Post
			for _, p := range shown {
				if p.Lang == lang.Code || b.cfg.ShowUntranslated && b.translation(p, lang.Code) == nil {
					list = append(list, p)
				}
			}
			lists[i], tags[i] = list, collectTags(lang.Code, list)
		})
	}
	wg.Wait()
	for i, lang := range b.cfg.Languages {
		b.lists[lang.Code], b.tags[lang.Code] = lists[i], tags[i]
	}
	for _, lang := range b.cfg.Languages {
		b.planLang(lang.Code)
	}
	kept := b.pages[:0]
	for _, pg := range b.pages {
		if b.th.Has(pg.Kind) {
			kept = append(kept, pg)
		}
	}
	b.pages = kept
	b.langNames = make(map[string]string, len(b.cfg.Languages))
	for _, l := range b.cfg.Languages {
		b.langNames[l.Code] = b.th.T(l.Code, b.cfg.DefaultLanguage, "languageName")
	}
	parallel(len(b.pages), func(i int) {
		pg := b.pages[i]
		pg.b, pg.out = b, outputFile(pg.Path)
		b.links(pg)
	})
}

// translation returns p's visible translation in lang, or nil.
func (b *builder) translation(p *content.Post, lang string) *content.Post {
	if t := p.Translation(lang); t != nil && b.visible[t] {
		return t
	}
	return nil
}

func collectTags(lang string, list []*content.Post) []*Tag {
	bySlug := map[string]*Tag{}
	spellings := map[string]map[string]int{}
	for _, p := range list {
		for _, t := range p.Tags {
			tg := bySlug[t.Slug]
			if tg == nil {
				tg = &Tag{Slug: t.Slug, Lang: lang}
				bySlug[t.Slug] = tg
				spellings[t.Slug] = map[string]int{}
			}
			tg.Posts = append(tg.Posts, p)
			spellings[t.Slug][t.Name]++
		}
	}
	var tags []*Tag
	for slug, tg := range bySlug {
		tg.Name = label(slug, spellings[slug])
		tags = append(tags, tg)
	}
	slices.SortFunc(tags, func(a, b *Tag) int { return cmp.Compare(a.Slug, b.Slug) })
	return tags
}

// label picks the most used spelling of a tag; on a tie, the one that reads
// like its slug, then the first in byte order.
func label(slug string, counts map[string]int) string {
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	slices.Sort(names)
	likeSlug := func(name string) bool { return strings.ReplaceAll(strings.ToLower(name), " ", "-") == slug }
	best := names[0]
	for _, name := range names[1:] {
		if counts[name] > counts[best] || counts[name] == counts[best] && likeSlug(name) && !likeSlug(best) {
			best = name
		}
	}
	return best
}

func (b *builder) planLang(lang string) {
	list := b.lists[lang]
	per := b.cfg.Paginate
	total := max(1, (len(list)+per-1)/per)
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*per, min(n*per, len(list))
		pg := &Page{Kind: "home", Lang: lang, Path: homePath(lang, n, b), Posts: list[lo:hi],
			Pager: &Pager{Number: n, Total: total}}
		if n > 1 {
			pg.Pager.PrevPath = homePath(lang, n-1, b)
			pg.Title = b.th.T(lang, b.cfg.DefaultLanguage, "page", n)
		}
		if n < total {
			pg.Pager.NextPath = homePath(lang, n+1, b)
		}
		b.pages = append(b.pages, pg)
	}
	own := make([]*content.Post, 0, len(list))
	for _, p := range list {
		if p.Lang == lang {
			own = append(own, p)
		}
	}
	for i, p := range own {
		pg := &Page{Kind: "post", Lang: lang, Path: b.paths[p], Title: p.Title, Post: p}
		if i+1 < len(own) {
			pg.Prev = own[i+1]
		}
		if i > 0 {
			pg.Next = own[i-1]
		}
		b.pages = append(b.pages, pg)
	}
	tags := b.tags[lang]
	b.pages = append(b.pages, &Page{Kind: "tags", Lang: lang, Path: tagsPath(lang, b), Tags: tags,
		Title: b.th.T(lang, b.cfg.DefaultLanguage, "tags")})
	for _, t := range tags {
		b.pages = append(b.pages, &Page{Kind: "tag", Lang: lang, Path: tagPath(lang, t.Slug, b), Tag: t, Posts: t.Posts,
			Title: b.th.T(lang, b.cfg.DefaultLanguage, "tagPostsTitle", t.Name)})
	}
	b.pages = append(b.pages, &Page{Kind: "archive", Lang: lang, Path: b.langPath(lang, "/archive/"), Posts: list,
		Title: b.th.T(lang, b.cfg.DefaultLanguage, "archive")})
	b.pages = append(b.pages, &Page{Kind: "search", Lang: lang, Path: b.langPath(lang, "/search/"),
		Title: b.th.T(lang, b.cfg.DefaultLanguage, "search")})
	b.pages = append(b.pages, &Page{Kind: "404", Lang: lang, Path: b.langPath(lang, "/404.html"),
		Title: b.th.T(lang, b.cfg.DefaultLanguage, "notFoundTitle")})
}

// links fills the language switcher and the hreflang alternates of a page.
func (b *builder) links(pg *Page) {
	for _, l := range b.cfg.Languages {
		link := LangLink{Lang: l.Code, Name: b.langNames[l.Code], Current: l.Code == pg.Lang}
		if link.Current {
			link.Path, link.Exists = pg.Path, true
		} else {
			link.Path, link.Exists = b.equivalent(pg, l.Code)
			if !link.Exists {
				link.Path = homePath(l.Code, 1, b)
			}
		}
		pg.Languages = append(pg.Languages, link)
		if link.Exists {
			pg.Alternates = append(pg.Alternates, link)
		}
	}
}

// equivalent finds the page in lang that shows what pg shows.
func (b *builder) equivalent(pg *Page, lang string) (string, bool) {
	switch pg.Kind {
	case "post":
		if t := b.translation(pg.Post, lang); t != nil {
			return b.paths[t], true
		}
	case "home":
		total := max(1, (len(b.lists[lang])+b.cfg.Paginate-1)/b.cfg.Paginate)
		if pg.Pager.Number <= total {
			return homePath(lang, pg.Pager.Number, b), true
		}
	case "tags":
		return tagsPath(lang, b), true
	case "archive":
		return b.langPath(lang, "/archive/"), true
	case "tag":
		for _, t := range b.tags[lang] {
			if t.Slug == pg.Tag.Slug {
				return tagPath(lang, t.Slug, b), true
			}
		}
	case "404":
		return b.langPath(lang, "/404.html"), true
	case "search":
		return b.langPath(lang, "/search/"), true
	}
	return "", false
}

// render executes the theme for every page, over all cores, except for
// pages whose signature matches the previous build's.
func (b *builder) render(pages []*Page) ([]*File, content.ErrorList) {
	files := make([]*File, len(pages))
	errs := make([]error, len(pages))
	// Signatures first, over all cores: on a big site, hashing what every
	// page shows costs more than rendering the few that changed.
	// A page not in the last build may be in the page cache: it is taken
	// from there, and written out at once when the build emits.
	fresh := make([]bool, len(pages))
	var keys []cache.Key
	if b.pc != nil {
		keys = make([]cache.Key, len(pages))
	}
	parallel(len(pages), func(i int) {
		pg := pages[i]
		sig := pg.signature()
		path := pg.out
		if b.prev != nil {
			if old := b.prev.index[path]; old != nil && old.Page != nil && old.sig == sig {
				files[i] = &File{Path: path, Data: old.Data, Page: pg, sig: sig, Reused: true}
				return
			}
		}
		files[i] = &File{Path: path, Page: pg, sig: sig}
		if b.pc != nil {
			keys[i] = b.pc.key(path, sig)
			if data, ok := b.pc.get(keys[i]); ok {
				b.cached.Add(1)
				files[i].Data = data
				if b.opts.Emit != nil {
					if err := b.opts.Emit(files[i]); err != nil {
						errs[i] = err
					}
					files[i].Data = nil
				}
				return
			}
		}
		fresh[i] = true
	})
	var todo []int
	for i, f := range fresh {
		if f {
			todo = append(todo, i)
		}
	}
	b.rendered = len(todo)
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(1, len(todo))) {
		wg.Go(func() {
			var buf bytes.Buffer
			for i := range next {
				buf.Reset()
				if err := b.th.Execute(&buf, pages[i].Kind, pages[i]); err != nil {
					errs[i] = err
					files[i] = nil
					continue
				}
				files[i].Data = bytes.Clone(buf.Bytes())
				if b.putPages {
					// A failed write is reported by the store's Flush.
					b.pc.st.Put(keys[i], files[i].Data)
				}
				if b.opts.Emit != nil {
					if err := b.opts.Emit(files[i]); err != nil {
						errs[i] = err
					}
					files[i].Data = nil
				}
			}
		})
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	var list content.ErrorList
	seen := map[string]bool{}
	for i, err := range errs {
		if err == nil || seen[err.Error()] {
			continue
		}
		seen[err.Error()] = true
		list = append(list, layoutError(b.th.Name, pages[i].Path, err))
	}
	return files, list
}

// layoutError files a theme error under the layout it names
// ("layouts/tag.html:3:6: executing …"), so the problem is listed as
// file:line like every other; an error without a position stays with the
// theme.
func layoutError(themeName, pagePath string, err error) *content.Error {
	file, afterFile, ok := strings.Cut(err.Error(), ":")
	line, msg, ok2 := strings.Cut(afterFile, ":")
	n, lerr := strconv.Atoi(line)
	if !ok || !ok2 || lerr != nil || n <= 0 || file == "" || strings.ContainsAny(file, " \t") {
		return &content.Error{File: themeName, Msg: fmt.Sprintf("rendering %s: %v", pagePath, err)}
	}
	if col, afterCol, ok := strings.Cut(msg, ":"); ok {
		if _, cerr := strconv.Atoi(col); cerr == nil {
			msg = afterCol
		}
	}
	return &content.Error{File: file, Line: n, Msg: fmt.Sprintf("rendering %s: %s", pagePath, strings.TrimSpace(msg))}
}

// staticFiles lists the theme's static files, the highlighting stylesheet,
// the site's static/ folder and every visible post's bundle files.
func (b *builder) staticFiles() (files []*File, own map[string]bool, err error) {
	own = map[string]bool{} // paths the site's static/ provides
	var problems content.ErrorList
	defer func() {
		if err == nil && len(problems) > 0 {
			files, own, err = nil, nil, problems
		}
	}()
	if _, err := fs.Stat(b.site, StaticDir); err == nil {
		err := sitepath.Walk(b.site, StaticDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, content.Errorf(p, 0, "%v", err))
				return nil
			}
			if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				out := content.NFC(strings.TrimPrefix(p, StaticDir+"/"))
				own[out] = true
				files = append(files, &File{Path: out, Source: b.site, SourcePath: p})
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	if b.th.Static != nil {
		// A file of the site's static/ replaces the theme's file of the same
		// path. Theme files are few and small: held in memory, so a rebuild
		// can tell by their bytes whether a stylesheet changed.
		diagrams := b.hasMermaid()
		err := sitepath.Walk(b.th.Static, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, content.Errorf(path.Join(b.th.Name, "static", p), 0, "%v", err))
				return nil
			}
			if d.IsDir() || own[p] {
				return nil
			}
			if strings.HasPrefix(p, mermaidPrefix) && !diagrams {
				return nil // megabytes that no page of this site loads
			}
			data, err := fs.ReadFile(b.th.Static, p)
			if err != nil {
				return err
			}
			files = append(files, &File{Path: p, Data: data})
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	if !own["css/chroma.css"] {
		files = append(files, &File{Path: "css/chroma.css", Data: b.chromaCSS})
	}
	for _, p := range b.set.Posts {
		if !b.visible[p] {
			continue
		}
		dir := strings.TrimPrefix(outputFile(b.paths[p]), "/")
		dir = path.Dir(dir)
		for _, r := range p.Resources {
			files = append(files, &File{Path: path.Join(dir, r), Source: b.site, SourcePath: path.Join(p.Dir, r)})
		}
		if !p.Bundle {
			for _, img := range p.Images {
				files = append(files, &File{Path: path.Join(dir, img), Source: b.site, SourcePath: path.Join(p.Dir, img)})
			}
		}
	}
	return files, own, nil
}

// mermaidPrefix starts the theme files of the Mermaid script, copied only
// when a page has a diagram. MermaidScript is the script itself.
const (
	mermaidPrefix = "js/mermaid"
	MermaidScript = "js/mermaid.min.js"
)

// hasMermaid reports whether a visible post has a diagram.
func (b *builder) hasMermaid() bool {
	for _, p := range b.set.Posts {
		if b.visible[p] && p.HasMermaid {
			return true
		}
	}
	return false
}

// reuse returns the previous build's file at out when it was made from the
// same inputs (sig), else makes it afresh; with a nil make, it returns nil
// instead.
func (b *builder) reuse(out string, sig uint64, make func() ([]byte, error)) (*File, error) {
	if b.prev != nil {
		if old := b.prev.index[out]; old != nil && old.Page == nil && old.sig == sig && (old.Data != nil || old.lazy != nil) {
			return &File{Path: out, Data: old.Data, lazy: old.lazy, sig: sig, Reused: true}, nil
		}
	}
	if make == nil {
		return nil, nil
	}
	data, err := make()
	if err != nil {
		return nil, err
	}
	return &File{Path: out, Data: data, sig: sig}, nil
}

// parallelIO calls f(0) … f(n-1) from a few goroutines more than there
// are cores, for work that waits on the file system.
func parallelIO(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, 2*runtime.GOMAXPROCS(0)+2) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

// parallel calls f(0) … f(n-1) over all cores, in chunks.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/256))
	if workers == 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for start := 0; start < n; start += chunk {
		end := min(n, start+chunk)
		wg.Go(func() {
			for i := start; i < end; i++ {
				f(i)
			}
		})
	}
	wg.Wait()
}
