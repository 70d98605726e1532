package content

import (
	"cmp"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/sync/errgroup"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/markdown"
	"blog/internal/problem"
)

// Loader loads a site's content. It keeps the posts of its last load, so a
// load after an edit parses and renders only the files whose bytes (or
// bundle's file list) changed, and Update, told which files changed, reads
// only those. What it keeps is keyed by a file's complete input, so a
// reused post is the post a fresh Loader would read. A Loader is for one
// goroutine at a time.
type Loader struct {
	// KeepSource keeps each post's Markdown body (Post.Source), for tools
	// that read it again (blog check); builds do not need it.
	KeepSource bool
	// Text keeps each post's plain text (Body.Text) when there is no
	// Cache, for a search index; with a Cache it is always kept there.
	Text bool
	// Cache, when set, keeps what rendering a post's body gives, so an
	// unchanged body is not rendered again by a later build, and the
	// rendered HTML is read from it rather than held in memory.
	Cache *cache.Store
	// RetryMermaid says the renderer draws diagrams, so a body with a
	// diagram left for the reader's browser is one whose drawing failed:
	// it is neither kept in the Cache nor reused, and the next load tries
	// again.
	RetryMermaid bool

	cfg    *config.Config
	md     *markdown.Renderer
	prev   map[string]*parsed // by file
	srcs   []source           // the post, page and doc files of the last walk
	cats   map[string]Category
	assets []Asset
}

// parsed is a post as the last load left it, with its problems, so an
// unchanged file that had problems still reports them.
type parsed struct {
	post  *Post
	errs  problem.List
	warns problem.List // problems that do not stop a build
}

// NewLoader makes a Loader for one site configuration.
func NewLoader(cfg *config.Config, md *markdown.Renderer) *Loader {
	return &Loader{cfg: cfg, md: md}
}

// Forget drops what the Loader keeps of its last load (each post as it
// was parsed, the files it walked), so that it holds none of the posts
// it gave: for a program that loads once. The next Load or Update reads
// every file again.
func (l *Loader) Forget() { l.prev, l.srcs = nil, nil }

// Load reads the content of the site in fsys: every post file is found and
// read again, and posts whose bytes did not change since the last load are
// reused, not parsed again.
func (l *Loader) Load(fsys fs.FS) (*Set, error) {
	// Posts are parsed as the walk finds them, on every core.
	found, wait := l.parseAhead(fsys)
	srcs, werrs := l.walk(fsys, found)
	ahead := wait()
	pages, _, pageAssets, perrs := l.walkDocs(fsys, PagesDir, KindPage)
	docs, cats, docAssets, derrs := l.walkDocs(fsys, DocsDir, KindDoc)
	l.cats, l.assets = cats, append(pageAssets, docAssets...)
	werrs = append(append(werrs, perrs...), derrs...)
	return l.parseAll(fsys, append(append(srcs, pages...), docs...), nil, true, werrs, ahead)
}

// parseAhead parses sources as they are found, over all cores: found
// hands one over, and parsed waits for them all and returns what they
// gave, by file.
func (l *Loader) parseAhead(fsys fs.FS) (found func(source), wait func() map[string]*parsed) {
	jobs := make(chan source, 256)
	var mu sync.Mutex
	out := map[string]*parsed{}
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for s := range jobs {
				r := l.parse(fsys, s, true)
				mu.Lock()
				out[s.file] = r
				mu.Unlock()
			}
		})
	}
	return func(s source) { jobs <- s }, func() map[string]*parsed {
		close(jobs)
		wg.Wait()
		return out
	}
}

// Update reads the content after the files in changed (paths relative to
// the site folder) were written. When every changed file is a post or a
// bundle file the last load knew, only those are read again; anything else
// (a new or deleted post, a new folder) makes it a full Load.
func (l *Loader) Update(fsys fs.FS, changed []string) (*Set, error) {
	if l.srcs == nil {
		return l.Load(fsys)
	}
	dirty := map[string]bool{}
	bundles := map[string]bool{}
	for _, c := range changed {
		if !strings.HasPrefix(c, Dir+"/") || c == AuthorsFile || c == RedirectsFile {
			continue // read on every load
		}
		if _, known := l.prev[c]; known {
			if st, err := fs.Stat(fsys, c); err != nil || st.IsDir() {
				return l.Load(fsys) // a post went away
			}
			dirty[c] = true
			continue
		}
		if strings.HasPrefix(c, PagesDir+"/") || strings.HasPrefix(c, DocsDir+"/") {
			return l.Load(fsys) // a new page or doc, an asset, a category
		}
		bundle := ""
		for _, s := range l.srcs {
			if s.bundle && strings.HasPrefix(c, s.dir+"/") {
				bundle = s.dir
				break
			}
		}
		if bundle == "" {
			if _, _, isPost := l.postName(path.Base(c)); isPost && strings.HasPrefix(c, PostsDir+"/") {
				return l.Load(fsys) // a post file the last walk did not see
			}
			if _, err := fs.Stat(fsys, c); err == nil {
				continue // a file beside posts that is not part of the site
			}
			return l.Load(fsys)
		}
		if _, _, isPost := l.postName(path.Base(c)); isPost && path.Dir(c) == bundle {
			return l.Load(fsys) // a new language of a bundle
		}
		bundles[bundle] = true
	}
	srcs := slices.Clone(l.srcs)
	var errs problem.List
	for dir := range bundles {
		var index []source
		for _, s := range srcs {
			if s.dir == dir && s.bundle {
				index = append(index, s)
			}
		}
		res, rerr := resources(fsys, dir, index)
		errs = append(errs, rerr...)
		for i := range srcs {
			if srcs[i].dir == dir && srcs[i].bundle {
				srcs[i].resources = res
			}
		}
	}
	return l.parseAll(fsys, srcs, dirty, false, errs, nil)
}

// parseAll parses the sources over all cores. With full, every file is read
// and compared with the last load; without, only the dirty ones are.
// Sources parsed already (ahead, by file) are not parsed again.
func (l *Loader) parseAll(fsys fs.FS, srcs []source, dirty map[string]bool, full bool, errs problem.List, ahead map[string]*parsed) (*Set, error) {
	authors, aerrs := loadAuthors(fsys)
	errs = append(errs, aerrs...)
	redirects, rerrs := loadRedirects(fsys)
	errs = append(errs, rerrs...)

	results := make([]*parsed, len(srcs))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range srcs {
		if r, ok := ahead[srcs[i].file]; ok {
			results[i] = r
			continue
		}
		g.Go(func() error {
			results[i] = l.parse(fsys, srcs[i], full || dirty[srcs[i].file])
			return nil
		})
	}
	g.Wait()

	cur := make(map[string]*parsed, len(results))
	posts := make([]*Post, 0, len(results))
	var warns problem.List
	for _, r := range results {
		errs = append(errs, r.errs...)
		warns = append(warns, r.warns...)
		if r.post != nil {
			posts = append(posts, r.post)
			cur[r.post.File] = r
		}
	}
	l.prev, l.srcs = cur, srcs
	set := &Set{Authors: authors, Redirects: redirects, Categories: l.cats, Assets: l.assets, Warnings: warns}
	for _, p := range posts {
		switch p.Kind {
		case KindPage:
			set.Pages = append(set.Pages, p)
		case KindDoc:
			set.Docs = append(set.Docs, p)
		default:
			set.Posts = append(set.Posts, p)
		}
	}
	jerrs, jwarns := set.join(fsys)
	errs = append(errs, jerrs...)
	set.Warnings = append(set.Warnings, jwarns...)
	set.Warnings.Sort()
	return set, errs.Err()
}

// parse reads and renders one post, or reuses the post of the last load:
// without reading the file when it is not dirty, or when its bytes are the
// same. A reused post is a copy, joined afresh.
func (l *Loader) parse(fsys fs.FS, s source, dirty bool) *parsed {
	old := l.prev[s.file]
	reuse := func() *parsed {
		p := *old.post
		p.Translations, p.Authors = nil, nil
		return &parsed{post: &p, errs: old.errs, warns: old.warns}
	}
	if old != nil && l.RetryMermaid && old.post.HasMermaid {
		old = nil
	}
	if old != nil && !dirty && slices.Equal(old.post.Resources, s.resources) {
		return reuse()
	}
	data, err := fs.ReadFile(fsys, s.file)
	if err != nil {
		return &parsed{errs: problem.List{problem.At(s.file, 0, "%w", explain(fsys, s.file, err))}}
	}
	if old != nil && old.post.rawLen == len(data) && old.post.rawHash == hashBytes(data) && slices.Equal(old.post.Resources, s.resources) {
		return reuse()
	}
	return l.parseData(fsys, s, data)
}

// parseData parses and renders the bytes of one source, read from fsys.
func (l *Loader) parseData(fsys fs.FS, s source, data []byte) *parsed {
	opts := parseOptions{keepSource: l.KeepSource, keepText: l.Text, store: l.Cache, kind: cmp.Or(s.kind, KindPost), retryMermaid: l.RetryMermaid,
		reread: func() ([]byte, error) { return fs.ReadFile(fsys, s.file) }}
	switch {
	case s.kind == "":
	case s.index:
		opts.links = markdown.LinksOfIndex
	default:
		opts.links = markdown.LinksOfNested
	}
	if s.kind == "" && isReadme(s.file) {
		return &parsed{warns: problem.List{problem.At(s.file, 0, "a README beside the posts is not a post; skipped")}}
	}
	p, errs := parseFile(s.file, s.lang, data, l.cfg, l.md, opts)
	if p == nil {
		if s.kind == "" && len(errs) == 1 && errors.Is(errs[0], errNoHeader) {
			return &parsed{warns: problem.List{problem.At(s.file, 1, "not a post (no front matter and no legacy [Title: …] header); skipped")}}
		}
		return &parsed{errs: errs}
	}
	p.Dir, p.Name, p.Bundle, p.Resources = s.dir, s.name, s.bundle, s.resources
	p.Rel, p.Index, p.Section = s.rel, s.index, s.section
	if p.Kind != KindPost {
		return &parsed{post: p, errs: errs}
	}
	if p.Slug == "" {
		p.Slug = NameSlug(p.Name)
		if p.Slug == "" {
			p.Slug = p.Name // refused below, with the name
		}
	}
	if err := slugRule(p.Slug); err != nil {
		what := "slug"
		if _, set := p.meta.Lines["slug"]; !set {
			what = "the slug taken from the file name"
		}
		errs = append(errs, problem.At(s.file, p.Line("slug"), "%s %q %v", what, p.Slug, err))
	}
	return &parsed{post: p, errs: errs}
}

// isReadme reports a README file, which explains a folder of posts and is
// none of them.
func isReadme(file string) bool {
	base := strings.ToLower(path.Base(file))
	return base == "readme.md" || base == "readme.txt"
}

func hashBytes(b []byte) uint64 { return xxhash.Sum64(b) }

// Header is what a post file's header says, read without rendering the
// body.
type Header struct {
	File, Lang, Name, ID, Title, Slug string
}

// Headers reads the header of every post file, for tools that need ids or
// slugs quickly (blog new). Files whose header cannot be read are skipped.
func Headers(fsys fs.FS, cfg *config.Config) ([]Header, error) {
	l := NewLoader(cfg, nil)
	srcs, errs := l.walk(fsys, nil)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	var out []Header
	for _, s := range srcs {
		data, err := fs.ReadFile(fsys, s.file)
		if err != nil {
			return nil, err
		}
		meta, _, _, _, _ := readHeader(s.file, data, cfg.Location)
		if meta == nil {
			continue
		}
		slug := meta.Slug
		if slug == "" {
			slug = s.name
		}
		out = append(out, Header{File: s.file, Lang: s.lang, Name: s.name, ID: meta.ID, Title: meta.Title, Slug: slug})
	}
	return out, nil
}
