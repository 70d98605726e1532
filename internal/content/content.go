// Package content reads a site's content/ folder into the set of posts.
//
// # Input and output
//
// Load takes the site folder as an fs.FS, the site config and the Markdown
// renderer, and returns a *Set: every post parsed and rendered, joined with
// its translations. Problems come back together as an ErrorList, one entry
// per problem with file and line, so one run reports them all.
//
// # Where posts are
//
// Posts live under content/posts/. A folder holding index.md, index.<lang>.md,
// index.txt or index.<lang>.txt is a bundle: its name is the post's slug and
// every other file in it (images, data) belongs to the post. Elsewhere under
// posts/, each <name>.md, <name>.<lang>.md or <name>.txt is a post whose slug
// is <name>. A file without a language suffix is in the default language; a
// suffix that is not a language of the site is an error.
//
// # Headers
//
// A post starts with YAML front matter between --- lines, or with the legacy
// bracket header ("[ID: 48]", "[Tags: …]", "[Title: …]", "[WriteTime: …]",
// "[ImageNames: …]", one per line, maybe indented, any missing). Every key,
// known or not, is kept in Post.Params for templates. A legacy body's opening
// "## Content" heading is the old system's marker and is dropped.
//
// # Text rules
//
// Files must be UTF-8; a byte order mark and CRLF line endings are accepted.
// Names, tags, paths and text are normalized to NFC, so a file saved on macOS
// (NFD) gives the same URLs as one saved elsewhere.
//
// # Joining
//
// Posts with the same id (or, without an id, the same bundle or file name)
// in different languages are translations of each other. Two posts of one
// language must not share an id or a slug.
package content

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io/fs"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/unicode/norm"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/markdown"
	"blog/internal/search"
	"blog/internal/sitepath"
)

// Dir is the content folder of a site, and PostsDir the posts folder in it.
const (
	Dir      = "content"
	PostsDir = "content/posts"
)

// Post is one post in one language, parsed and rendered.
type Post struct {
	// File is the post's path in the site folder, "content/posts/x/index.ko.md".
	File string
	// Dir is the folder the post's files are relative to.
	Dir string
	// Bundle reports whether the post is a bundle folder.
	Bundle bool
	// Name is the bundle or file name without language and extension.
	Name string
	// Lang is the post's language code.
	Lang string
	// Legacy reports a post with the legacy bracket header.
	Legacy bool

	ID          string
	Slug        string
	Title       string
	Date        time.Time
	Tags        []Tag
	Images      []string
	Image       string
	Description string
	Authors     []*Author
	Draft       bool
	Featured    bool
	Aliases     []string
	Params      map[string]any

	// Resources are the bundle's other files, relative to Dir, sorted.
	Resources []string

	// Summary is the description, or the body above the summary marker, or
	// the first paragraph, as HTML.
	Summary template.HTML
	// Headings lists the body's headings.
	Headings []markdown.Heading
	// ReadingTime is the estimated reading time in minutes.
	ReadingTime int
	// Words is the number of words of the body.
	Words int
	// HasMermaid reports a mermaid diagram in the body.
	HasMermaid bool

	// Translations are the same post in the site's other languages, in the
	// order of the site's languages.
	Translations []*Post

	// Version changes whenever anything read from the post's files
	// changes: its bytes, its bundle's file list, its authors.
	Version uint64
	// ListVersion changes whenever what a list shows of the post changes:
	// title, date, tags, summary, reading time, flags, cover image.
	ListVersion uint64

	meta     *Meta
	content  template.HTML // the rendered body, when not in the cache
	cached   cache.Blob    // the body's cache entry, when hasCache
	hasCache bool
	htmlAt   int           // where the HTML starts in cached
	terms    *search.Terms // the search tokens, when not in the cache
	termsAt  int           // where they are in cached, when termsLen > 0
	termsLen int
	rawHash  uint64 // of the file's bytes
	rawLen   int
	notNFC   int    // NotNFCLine
	body     []byte // with Loader.KeepSource only
	bodyLine int
}

// Content is the rendered body. With a body cache (Loader.Cache) it is not
// kept in memory but read from the cache each time.
func (p *Post) Content() (template.HTML, error) {
	if !p.hasCache {
		return p.content, nil
	}
	b, err := p.cached.Read(p.htmlAt, p.cached.Len()-p.htmlAt)
	if err != nil {
		return "", fmt.Errorf("%s: %w", p.File, err)
	}
	return template.HTML(b), nil
}

// SearchTerms returns the post's search tokens (title, tags, headings,
// body) when the Loader was told to index (Loader.Index), else nil. With
// a cache they are read from it, so that a big site does not hold every
// post's tokens until its search index is made.
func (p *Post) SearchTerms() (*search.Terms, error) { return p.TermsRef().Load() }

// TermsRef is where a post's search tokens are, as they were when it was
// taken: a later edit of the post (Set.Edited changes posts in place) does
// not change it, so an index made late (site.Options.Defer) is made of
// the posts as its build saw them.
type TermsRef struct {
	file    string
	terms   *search.Terms
	blob    cache.Blob
	at, len int
}

// TermsRef takes the place of the post's search tokens now.
func (p *Post) TermsRef() TermsRef {
	return TermsRef{file: p.File, terms: p.terms, blob: p.cached, at: p.termsAt, len: p.termsLen}
}

// File is the post's file.
func (r TermsRef) File() string { return r.file }

// Load reads the tokens (Post.SearchTerms).
func (r TermsRef) Load() (*search.Terms, error) {
	if r.terms != nil || r.len == 0 {
		return r.terms, nil
	}
	b, err := r.blob.Read(r.at, r.len)
	if err == nil {
		var t *search.Terms
		if t, _, err = search.DecodeTerms(b); err == nil {
			return t, nil
		}
	}
	return nil, fmt.Errorf("%s: search tokens: %w", r.file, err)
}

// Source is the post's Markdown body, as the renderer read it (NFC, LF),
// when the Loader kept it (Loader.KeepSource); nil otherwise.
func (p *Post) Source() []byte { return p.body }

// NotNFCLine is the first line of the file whose text is not in Unicode
// NFC form (as macOS may write Hangul), or 0. Such text is read as NFC.
// Like Source, it is found only when the Loader keeps the source.
func (p *Post) NotNFCLine() int { return p.notNFC }

// notNFCLine finds NotNFCLine in a file's bytes.
func notNFCLine(data []byte) int {
	if isNFC(data) {
		return 0
	}
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !norm.NFC.IsNormal(line) {
			return i + 1
		}
	}
	return 0
}

// BodyLine is the line of the file the body starts on.
func (p *Post) BodyLine() int { return p.bodyLine }

// Key joins a post with its translations.
func (p *Post) Key() string {
	if p.ID != "" {
		return "id:" + p.ID
	}
	return "name:" + p.Name
}

// Line returns the line of a header key in the post's file, or 1.
func (p *Post) Line(key string) int {
	if p.meta != nil {
		if l, ok := p.meta.Lines[key]; ok {
			return l
		}
	}
	return 1
}

// Translation returns the post in lang, or nil.
func (p *Post) Translation(lang string) *Post {
	for _, t := range p.Translations {
		if t.Lang == lang {
			return t
		}
	}
	return nil
}

// Tag is a tag as written and its URL slug.
type Tag struct {
	Name string
	Slug string
}

// Author is one entry of content/authors.yaml.
type Author struct {
	Key      string
	Name     string `yaml:"name"`
	Title    string `yaml:"title"`
	URL      string `yaml:"url"`
	ImageURL string `yaml:"image_url"`
	Avatar   string `yaml:"avatar"`
}

// Set is every post of a site.
type Set struct {
	// Posts holds every post, newest first; ties by file name.
	Posts []*Post
	// Authors are the authors of content/authors.yaml by key.
	Authors map[string]*Author
	// Edited is set by Loader.Update when the only change since the last
	// load is in the bodies of posts it knew, with the same header and the
	// same list summary (Post.ListVersion): the Set is then the very Set
	// of the last load, those posts were updated in place, and Edited lists
	// them. It is nil after any other load.
	Edited []*Post
}

// Lang returns the posts of one language, newest first.
func (s *Set) Lang(code string) []*Post {
	var out []*Post
	for _, p := range s.Posts {
		if p.Lang == code {
			out = append(out, p)
		}
	}
	return out
}

// Loader loads a site's content. It keeps the posts of its last load, so a
// load after an edit parses and renders only the files whose bytes changed,
// and Update, told which files changed, reads only those. A Loader is for
// one goroutine at a time.
type Loader struct {
	// KeepSource keeps each post's Markdown body (Post.Source), for tools
	// that read it again (blog check); builds do not need it.
	KeepSource bool
	// Index makes each post's search tokens (Post.SearchTerms) as it is read.
	Index bool
	// Cache, when set, keeps what rendering a post's body gives, so an
	// unchanged body is not rendered again by a later build, and the
	// rendered HTML is read from it rather than held in memory.
	Cache *cache.Store

	cfg  *config.Config
	md   *markdown.Renderer
	prev map[string]*parsed // by file
	srcs []source           // the post files of the last walk
	set  *Set               // the Set of the last load, when it had no problems
	// parsed holds files editBodies read but could not use, for the long
	// way to take rather than read them again.
	parsed map[string]*parsed
}

// parsed is a post as the last load left it, with its problems, so an
// unchanged file that had problems still reports them.
type parsed struct {
	post *Post
	errs ErrorList
}

// NewLoader makes a Loader for one site configuration.
func NewLoader(cfg *config.Config, md *markdown.Renderer) *Loader {
	return &Loader{cfg: cfg, md: md}
}

// Load reads the content of the site in fsys once, keeping every post's
// Source and search tokens.
func Load(fsys fs.FS, cfg *config.Config, md *markdown.Renderer) (*Set, error) {
	l := NewLoader(cfg, md)
	l.Index, l.KeepSource = true, true
	return l.Load(fsys)
}

// source is one post file found by the walk.
type source struct {
	file, dir, name, lang string
	bundle                bool
	resources             []string
}

// Load reads the content of the site in fsys: every post file is found and
// read again, and posts whose bytes did not change since the last load are
// reused, not parsed again.
func (l *Loader) Load(fsys fs.FS) (*Set, error) {
	return l.load(fsys, nil, true)
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
		if !strings.HasPrefix(c, Dir+"/") || c == AuthorsFile {
			continue // authors are read on every load
		}
		if _, known := l.prev[c]; known {
			if st, err := fs.Stat(fsys, c); err != nil || st.IsDir() {
				return l.Load(fsys) // a post went away
			}
			dirty[c] = true
			continue
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
	// The short way only when every changed path is a post it knew: a
	// static file or anything else in the same batch needs the long way.
	if len(bundles) == 0 && len(dirty) > 0 && !slices.ContainsFunc(changed, func(c string) bool { return !dirty[c] }) {
		if set := l.editBodies(fsys, dirty); set != nil {
			return set, nil
		}
	}
	srcs := slices.Clone(l.srcs)
	var errs ErrorList
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
	set, err := l.parseAll(fsys, srcs, dirty, false)
	if len(errs) > 0 {
		var list ErrorList
		if errors.As(err, &list) {
			errs = append(errs, list...)
		}
		return set, errs.Err()
	}
	return set, err
}

func (l *Loader) load(fsys fs.FS, dirty map[string]bool, full bool) (*Set, error) {
	srcs, werrs := l.walk(fsys)
	set, err := l.parseAll(fsys, srcs, dirty, full)
	if len(werrs) > 0 {
		var list ErrorList
		if errors.As(err, &list) {
			werrs = append(werrs, list...)
		}
		return set, werrs.Err()
	}
	return set, err
}

// parseAll parses the sources over all cores. With full, every file is read
// and compared with the last load; without, only the dirty ones are.
func (l *Loader) parseAll(fsys fs.FS, srcs []source, dirty map[string]bool, full bool) (*Set, error) {
	var errs ErrorList
	authors, aerrs := loadAuthors(fsys)
	errs = append(errs, aerrs...)

	results := make([]*parsed, len(srcs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i] = l.parse(fsys, srcs[i], full || dirty[srcs[i].file])
			}
		})
	}
	for i := range srcs {
		next <- i
	}
	close(next)
	wg.Wait()

	cur := make(map[string]*parsed, len(results))
	posts := make([]*Post, 0, len(results))
	for _, r := range results {
		errs = append(errs, r.errs...)
		if r.post != nil {
			posts = append(posts, r.post)
			cur[r.post.File] = r
		}
	}
	l.prev, l.srcs, l.set, l.parsed = cur, srcs, nil, nil
	set := &Set{Posts: posts, Authors: authors}
	errs = append(errs, set.join(fsys)...)
	if len(errs) > 0 {
		return set, errs.Err()
	}
	l.set = set
	return set, nil
}

// editBodies is Update's short way for the common save: only the bodies of
// known posts changed, and nothing that lists, links or checks show. It
// parses the dirty files and, when each has the same header (every key
// and line) and the same ListVersion as before and no problem, copies the
// new body into the post of the last Set, which it returns with Edited
// set. Otherwise it changes nothing and returns nil, and Update goes the
// long way. The last load must have had no problems, so none is left
// unreported.
func (l *Loader) editBodies(fsys fs.FS, dirty map[string]bool) *Set {
	if l.set == nil {
		return nil
	}
	type edit struct{ old, cur *Post }
	var edits []edit
	for file := range dirty {
		old := l.prev[file]
		if old == nil || old.post == nil || len(old.errs) > 0 {
			return nil
		}
		i := slices.IndexFunc(l.srcs, func(s source) bool { return s.file == file })
		if i < 0 {
			return nil
		}
		r := l.parse(fsys, l.srcs[i], true)
		if l.parsed == nil {
			l.parsed = map[string]*parsed{}
		}
		l.parsed[file] = r
		if r.post == nil || len(r.errs) > 0 {
			return nil
		}
		p, q := old.post, r.post
		// A first (or last) diagram changes which scripts the site ships.
		if q.ListVersion != p.ListVersion || q.bodyLine != p.bodyLine || q.Legacy != p.Legacy || q.HasMermaid != p.HasMermaid ||
			!reflect.DeepEqual(q.meta, p.meta) {
			return nil
		}
		edits = append(edits, edit{p, q})
	}
	l.parsed = nil
	l.set.Edited = l.set.Edited[:0]
	for _, e := range edits {
		q := *e.cur
		q.Translations, q.Authors = e.old.Translations, e.old.Authors
		q.Version = q.version()
		*e.old = q
		l.set.Edited = append(l.set.Edited, e.old)
	}
	return l.set
}

// walk finds every post file under content/posts.
func (l *Loader) walk(fsys fs.FS) ([]source, ErrorList) {
	var srcs []source
	var errs ErrorList
	if _, err := fs.Stat(fsys, PostsDir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	err := sitepath.Walk(fsys, PostsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, Errorf(p, 0, "%v", err))
			return nil
		}
		if !d.IsDir() {
			// Bundles are skipped whole below, so this is a file of posts/
			// or of a plain folder in it.
			name, lang, ok := l.postName(d.Name())
			if !ok {
				return nil
			}
			if lang == "" {
				errs = append(errs, l.badLang(p, d.Name()))
				return nil
			}
			srcs = append(srcs, source{file: p, dir: path.Dir(p), name: NFC(name), lang: lang})
			return nil
		}
		if hidden(d.Name()) && p != PostsDir {
			return fs.SkipDir
		}
		entries, err := fs.ReadDir(fsys, p)
		if err != nil {
			errs = append(errs, Errorf(p, 0, "%v", err))
			return fs.SkipDir
		}
		var index []source
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			name, lang, ok := l.postName(e.Name())
			if !ok || name != "index" {
				continue
			}
			if lang == "" {
				errs = append(errs, l.badLang(path.Join(p, e.Name()), e.Name()))
				continue
			}
			index = append(index, source{file: path.Join(p, e.Name()), dir: p, name: NFC(path.Base(p)), lang: lang, bundle: true})
		}
		if len(index) == 0 || p == PostsDir {
			return nil
		}
		res, rerr := resources(fsys, p, index)
		errs = append(errs, rerr...)
		for i := range index {
			index[i].resources = res
		}
		srcs = append(srcs, index...)
		return fs.SkipDir
	})
	if err != nil {
		errs = append(errs, Errorf(PostsDir, 0, "%v", err))
	}
	return srcs, errs
}

// resources lists a bundle's files other than its post files.
func resources(fsys fs.FS, dir string, index []source) ([]string, ErrorList) {
	var out []string
	var errs ErrorList
	err := sitepath.Walk(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, Errorf(p, 0, "%v", err))
			return nil
		}
		if hidden(d.Name()) && p != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		for _, s := range index {
			if s.file == p {
				return nil
			}
		}
		out = append(out, NFC(strings.TrimPrefix(p, dir+"/")))
		return nil
	})
	if err != nil {
		errs = append(errs, Errorf(dir, 0, "%v", err))
	}
	slices.Sort(out)
	return out, errs
}

func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasSuffix(name, "~")
}

// postName splits "x.en.md" into "x" and "en". ok is false for files that
// are not posts; lang is "" for an unknown language suffix.
func (l *Loader) postName(file string) (name, lang string, ok bool) {
	if hidden(file) {
		return "", "", false
	}
	ext := path.Ext(file)
	if ext != ".md" && ext != ".txt" {
		return "", "", false
	}
	base := strings.TrimSuffix(file, ext)
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		code := base[i+1:]
		if _, known := l.cfg.Language(code); known {
			return base[:i], code, true
		}
		if looksLikeLang(code) {
			return base[:i], "", true
		}
	}
	return base, l.cfg.DefaultLanguage, true
}

func looksLikeLang(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func (l *Loader) badLang(file, name string) *Error {
	var codes []string
	for _, lg := range l.cfg.Languages {
		codes = append(codes, lg.Code)
	}
	return Errorf(file, 0, "%q names a language this site does not have (blog.yaml languages: %s)", name, strings.Join(codes, ", "))
}

// parse reads and renders one post, or reuses the post of the last load:
// without reading the file when it is not dirty, or when its bytes are the
// same.
func (l *Loader) parse(fsys fs.FS, s source, dirty bool) *parsed {
	if r := l.parsed[s.file]; r != nil && r.post != nil && slices.Equal(r.post.Resources, s.resources) {
		return r // read a moment ago by editBodies
	}
	old := l.prev[s.file]
	reuse := func() *parsed {
		p := *old.post
		p.Translations = nil
		return &parsed{post: &p, errs: old.errs}
	}
	if old != nil && !dirty && slices.Equal(old.post.Resources, s.resources) {
		return reuse()
	}
	data, err := fs.ReadFile(fsys, s.file)
	if err != nil {
		return &parsed{errs: ErrorList{Errorf(s.file, 0, "%v", err)}}
	}
	if old != nil && old.post.rawLen == len(data) && old.post.rawHash == hashBytes(data) && slices.Equal(old.post.Resources, s.resources) {
		return reuse()
	}
	p, errs := parseFile(s.file, s.lang, data, l.cfg, l.md, parseOptions{index: l.Index, keepSource: l.KeepSource, store: l.Cache})
	if p == nil {
		return &parsed{errs: errs}
	}
	p.Dir, p.Name, p.Bundle, p.Resources = s.dir, s.name, s.bundle, s.resources
	if p.Slug == "" {
		p.Slug = p.Name
	}
	if err := slugRule(p.Slug); err != nil {
		what := "slug"
		if _, set := p.meta.Lines["slug"]; !set {
			what = "the slug taken from the file name"
		}
		errs = append(errs, Errorf(s.file, p.Line("slug"), "%s %q %v", what, p.Slug, err))
	}
	return &parsed{post: p, errs: errs}
}

// ParseFile parses and renders one post file. It returns the post even when
// some of its header is wrong, so a run can report every problem; it
// returns nil when nothing useful could be read.
func ParseFile(file, lang string, data []byte, cfg *config.Config, md *markdown.Renderer) (*Post, ErrorList) {
	return parseFile(file, lang, data, cfg, md, parseOptions{index: true, keepSource: true})
}

// parseOptions are what a Loader asks of parseFile besides the post.
type parseOptions struct {
	index      bool         // make the search tokens (Post.SearchTerms)
	keepSource bool         // keep Post.Source and find Post.NotNFCLine
	store      *cache.Store // the body cache, or nil
}

func parseFile(file, lang string, data []byte, cfg *config.Config, md *markdown.Renderer, opts parseOptions) (*Post, ErrorList) {
	index, store := opts.index, opts.store
	meta, legacy, body, bodyLine, errs := readHeader(file, data, cfg.Location)
	if meta == nil {
		return nil, errs
	}
	p := &Post{
		File:        NFC(file),
		Lang:        lang,
		Legacy:      legacy,
		ID:          meta.ID,
		Slug:        meta.Slug,
		Title:       meta.Title,
		Date:        meta.Date,
		Images:      meta.Images,
		Image:       meta.Image,
		Description: meta.Description,
		Draft:       meta.Draft,
		Featured:    meta.Featured,
		Aliases:     meta.Aliases,
		Params:      meta.Params,
		meta:        meta,
		rawHash:     hashBytes(data),
		rawLen:      len(data),
		bodyLine:    bodyLine,
	}
	if opts.keepSource {
		p.body, p.notNFC = body, notNFCLine(data)
	}
	errs = append(errs, p.cleanPaths()...)
	seen := map[string]bool{}
	for _, t := range meta.Tags {
		slug := TagSlug(t)
		if slug == "" {
			errs = append(errs, Errorf(file, p.Line("tags"), "tag %q has no letters or digits", t))
			continue
		}
		if err := sitepath.Segment(slug); err != nil {
			errs = append(errs, Errorf(file, p.Line("tags"), "tag %q: its address %q %v", t, slug, err))
			continue
		}
		if !seen[slug] {
			seen[slug] = true
			p.Tags = append(p.Tags, Tag{Name: t, Slug: slug})
		}
	}

	var r *rendered
	var key cache.Key
	if store != nil {
		// The tokens hold the title and tags as well as the body.
		parts := [][]byte{[]byte(lang), body}
		if index {
			parts = append(parts, []byte(p.Title))
			for _, t := range p.Tags {
				parts = append(parts, []byte(t.Name))
			}
		}
		key = cache.MakeKey(parts...)
		if blob, ok := store.Get(key); ok {
			if r = readRendered(blob, index); r != nil {
				p.cached, p.hasCache = blob, true
			}
		}
	}
	if r == nil {
		res, err := md.Render(body, lang)
		if err != nil {
			errs = append(errs, Errorf(file, bodyLine, "markdown: %v", err))
			return p, errs
		}
		r = &rendered{summary: res.Summary, headings: res.Headings, mermaid: res.HasMermaid}
		r.minutes, r.words = readingStats(res.Text)
		if index {
			d := &search.Doc{Title: p.Title, Text: res.Text}
			for _, t := range p.Tags {
				d.Tags = append(d.Tags, t.Name)
			}
			for _, h := range res.Headings {
				d.Headings = append(d.Headings, search.Heading{ID: h.ID, Text: h.Text})
			}
			r.terms = search.Analyze(d)
		}
		if store != nil {
			// A failed write is the cache's problem, not the post's:
			// Builder reports it when it flushes.
			p.cached, p.hasCache = store.Put(key, r.encode(res.HTML)), true
			r.terms = nil // read back when the index is made
		} else {
			p.content = template.HTML(res.HTML)
		}
	}
	p.Headings = r.headings
	p.HasMermaid = r.mermaid
	p.ReadingTime, p.Words = r.minutes, r.words
	if p.Description != "" {
		p.Summary = template.HTML(template.HTMLEscapeString(p.Description))
	} else {
		p.Summary = template.HTML(r.summary)
	}
	p.ListVersion = p.listVersion()
	p.htmlAt, p.terms, p.termsAt, p.termsLen = r.htmlAt, r.terms, r.termsAt, r.termsLen
	return p, errs
}

// rendered is what a post's body gives besides its HTML, as the body
// cache keeps it.
type rendered struct {
	summary        []byte
	headings       []markdown.Heading
	mermaid        bool
	minutes, words int
	terms          *search.Terms
	// Where the HTML and the search tokens are in the cache entry.
	htmlAt, termsAt, termsLen int
}

// encode lays out a cache entry: the length of what follows up to the
// HTML, the fields, then the HTML. It notes in r where the HTML and the
// search tokens are.
func (r *rendered) encode(html []byte) []byte {
	var m []byte
	m = appendBytes(m, r.summary)
	flags := byte(0)
	if r.mermaid {
		flags |= 1
	}
	if r.terms != nil {
		flags |= 2
	}
	m = append(m, flags)
	m = binary.AppendUvarint(m, uint64(r.minutes))
	m = binary.AppendUvarint(m, uint64(r.words))
	m = binary.AppendUvarint(m, uint64(len(r.headings)))
	for _, h := range r.headings {
		m = binary.AppendUvarint(m, uint64(h.Level))
		m = appendBytes(m, []byte(h.ID))
		m = appendBytes(m, []byte(h.Text))
	}
	termsAt := len(m)
	if r.terms != nil {
		m = r.terms.AppendBinary(m)
	}
	out := binary.AppendUvarint(make([]byte, 0, len(m)+len(html)+binary.MaxVarintLen64), uint64(len(m)))
	w := len(out)
	out = append(out, m...)
	r.htmlAt = len(out)
	if r.terms != nil {
		r.termsAt, r.termsLen = w+termsAt, len(m)-termsAt
	}
	return append(out, html...)
}

func appendBytes(b, s []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// readRendered reads the fields of a cache entry; it returns nil for an
// entry it cannot read, which is then made again.
func readRendered(blob cache.Blob, index bool) *rendered {
	head, err := blob.Read(0, min(blob.Len(), 16<<10))
	if err != nil {
		return nil
	}
	n, w := binary.Uvarint(head)
	if w <= 0 || n > uint64(blob.Len()-w) {
		return nil
	}
	if int(n) > len(head)-w {
		if head, err = blob.Read(0, w+int(n)); err != nil {
			return nil
		}
	}
	m := head[w : w+int(n)]
	r := &rendered{htmlAt: w + int(n)}
	bad := false
	uv := func() int {
		v, k := binary.Uvarint(m)
		if k <= 0 || v > 1<<31 {
			bad = true
			return 0
		}
		m = m[k:]
		return int(v)
	}
	bs := func() []byte {
		l := uv()
		if bad || l > len(m) {
			bad = true
			return nil
		}
		b := bytes.Clone(m[:l])
		m = m[l:]
		return b
	}
	r.summary = bs()
	if bad || len(m) == 0 {
		return nil
	}
	flags := m[0]
	m = m[1:]
	r.mermaid = flags&1 != 0
	r.minutes, r.words = uv(), uv()
	for range uv() {
		if bad {
			return nil
		}
		h := markdown.Heading{Level: uv()}
		h.ID, h.Text = string(bs()), string(bs())
		r.headings = append(r.headings, h)
	}
	if bad || (flags&2 != 0) != index {
		return nil
	}
	if index {
		// The tokens are read when the index is made (Post.SearchTerms);
		// here they must only be whole.
		if _, n, err := search.DecodeTerms(m); err != nil || n != len(m) {
			return nil
		}
		r.termsAt, r.termsLen = r.htmlAt-len(m), len(m)
	}
	return r
}

// readHeader checks the bytes of a post file, reads its header in either
// format and cuts off the body. meta is nil when the header could not be
// read at all.
// ReadHeader reads a post file's header, YAML or legacy, without
// rendering the body: the header's fields, whether it was a legacy header,
// and the Markdown body (NFC, LF; a legacy body without its "## Content"
// marker). Tools that convert posts (blog import) use it; errors carry the
// file and line.
func ReadHeader(file string, data []byte, loc *time.Location) (meta *Meta, legacy bool, body []byte, errs ErrorList) {
	meta, legacy, body, _, errs = readHeader(file, data, loc)
	return meta, legacy, body, errs
}

func readHeader(file string, data []byte, loc *time.Location) (meta *Meta, legacy bool, body []byte, bodyLine int, errs ErrorList) {
	data, cerr := clean(file, data)
	if cerr != nil {
		return nil, false, nil, 0, ErrorList{cerr}
	}
	format, header, body, bodyLine, serr := split(file, data)
	if serr != nil {
		return nil, false, nil, 0, ErrorList{serr}
	}
	switch format {
	case "yaml":
		meta, errs = parseYAML(file, header, 2, loc)
	case "legacy":
		meta, errs = parseLegacy(file, header, loc)
		body = dropLegacyContentHeading(body)
	default:
		return nil, false, nil, 0, ErrorList{Errorf(file, 1, "no front matter: start the file with --- and a title: line, or with a legacy [Title: …] header")}
	}
	if meta == nil {
		return nil, false, nil, 0, errs
	}
	line := func(key string) int {
		if l, ok := meta.Lines[key]; ok {
			return l
		}
		return 1
	}
	if meta.Title == "" {
		errs = append(errs, Errorf(file, line("title"), "title is missing"))
	}
	if _, set := meta.Lines["date"]; !set {
		errs = append(errs, Errorf(file, 1, "date is missing; add date: 2024-01-03 09:00:00 +0900"))
	}
	return meta, format == "legacy", body, bodyLine, errs
}

// join checks what spans posts (ids, slugs, images, authors) and links
// translations.
func (s *Set) join(fsys fs.FS) ErrorList {
	var errs ErrorList
	slices.SortFunc(s.Posts, func(a, b *Post) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.File, b.File))
	})
	type langKey struct{ lang, key string }
	byID := make(map[langKey]*Post, len(s.Posts))
	bySlug := make(map[langKey]*Post, len(s.Posts))
	byKey := make(map[string][]*Post, len(s.Posts))
	for _, p := range s.Posts {
		if p.ID != "" {
			if q := byID[langKey{p.Lang, p.ID}]; q != nil {
				a, b := order(p, q)
				errs = append(errs, Errorf(b.File, b.Line("id"), "id %s is already used by %s in language %s", p.ID, a.File, p.Lang))
			} else {
				byID[langKey{p.Lang, p.ID}] = p
			}
		}
		if q := bySlug[langKey{p.Lang, p.Slug}]; q != nil {
			a, b := order(p, q)
			errs = append(errs, Errorf(b.File, b.Line("slug"), "slug %q is already used by %s in language %s", p.Slug, a.File, p.Lang))
		} else {
			bySlug[langKey{p.Lang, p.Slug}] = p
		}
		byKey[p.Key()] = append(byKey[p.Key()], p)
		errs = append(errs, s.checkFiles(fsys, p)...)
		p.Version = p.version()
	}
	for _, group := range byKey {
		for _, p := range group {
			for _, q := range group {
				if q != p && q.Lang != p.Lang {
					p.Translations = append(p.Translations, q)
				}
			}
			slices.SortFunc(p.Translations, func(a, b *Post) int { return cmp.Compare(a.File, b.File) })
		}
	}
	return errs
}

// version hashes what the post was built from.
func (p *Post) version() uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], p.rawHash)
	h.Write(b[:])
	for _, r := range p.Resources {
		h.Write([]byte{0})
		h.Write([]byte(r))
	}
	for _, a := range p.Authors {
		fmt.Fprintf(h, "\x00%s\x00%s\x00%s\x00%s\x00%s", a.Key, a.Name, a.Title, a.URL, a.Avatar)
	}
	return h.Sum64()
}

// listVersion hashes what lists show of the post, so editing a post's body
// below its summary leaves the lists that show it alone.
func (p *Post) listVersion() uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%d\x00%t\x00%t\x00%s\x00%s", p.Title, p.Date.Format(time.RFC3339),
		p.Slug, p.Lang, p.Summary, p.ReadingTime, p.Draft, p.Featured, p.Image, p.ID)
	for _, t := range p.Tags {
		fmt.Fprintf(h, "\x00%s\x00%s", t.Name, t.Slug)
	}
	return h.Sum64()
}

func hashBytes(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}

func order(p, q *Post) (first, second *Post) {
	if p.File < q.File {
		return p, q
	}
	return q, p
}

// checkFiles checks that images named in the header exist and resolves
// author keys.
func (s *Set) checkFiles(fsys fs.FS, p *Post) ErrorList {
	var errs ErrorList
	for _, img := range p.Images {
		if !fileExists(fsys, p, img) {
			errs = append(errs, Errorf(p.File, p.Line("images"), "image %q does not exist in %s", img, p.Dir))
		}
	}
	if p.Image != "" && !isWebURL(p.Image) && !fileExists(fsys, p, p.Image) {
		errs = append(errs, Errorf(p.File, p.Line("image"), "image %q does not exist in %s", p.Image, p.Dir))
	}
	p.Authors = nil
	for _, key := range p.meta.Authors {
		a := s.Authors[key]
		if a == nil {
			errs = append(errs, Errorf(p.File, p.Line("authors"), "author %q is not in %s/authors.yaml", key, Dir))
			continue
		}
		p.Authors = append(p.Authors, a)
	}
	return errs
}

func fileExists(fsys fs.FS, p *Post, name string) bool {
	if strings.HasPrefix(name, "/") {
		return false
	}
	if p.Bundle {
		_, found := slices.BinarySearch(p.Resources, name)
		return found
	}
	st, err := fs.Stat(fsys, path.Join(p.Dir, name))
	return err == nil && !st.IsDir()
}

// Header is what a post file's header says, read without rendering the
// body.
type Header struct {
	File, Lang, Name, ID, Title, Slug string
}

// Headers reads the header of every post file, for tools that need ids or
// slugs quickly (blog new). Files whose header cannot be read are skipped.
func Headers(fsys fs.FS, cfg *config.Config) ([]Header, error) {
	l := NewLoader(cfg, nil)
	srcs, errs := l.walk(fsys)
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

// slugRule is the rule for a post's slug: one element of an address
// (sitepath.Segment) with nothing a link would read as more than a name.
func slugRule(slug string) error {
	if strings.ContainsAny(slug, "?#%") {
		return fmt.Errorf("has ? # or %%, which a link would not read as part of the name")
	}
	return sitepath.Segment(slug)
}

// cleanPaths applies the site's path rule (package sitepath) to the paths
// the header names: images stay inside the post's folder, aliases are
// addresses of this site. A path that breaks the rule is reported and
// dropped, so nothing later reads or writes it.
func (p *Post) cleanPaths() ErrorList {
	var errs ErrorList
	var imgs []string
	for _, img := range p.Images {
		c, err := sitepath.Rel(img)
		if err != nil {
			errs = append(errs, Errorf(p.File, p.Line("images"), "image %q %v", img, err))
			continue
		}
		imgs = append(imgs, c)
	}
	p.Images = imgs
	if p.Image != "" && !isWebURL(p.Image) {
		c, err := sitepath.Rel(p.Image)
		if err != nil {
			errs = append(errs, Errorf(p.File, p.Line("image"), "image %q %v", p.Image, err))
			c = ""
		}
		p.Image = c
	}
	var aliases []string
	for _, a := range p.Aliases {
		c, err := sitepath.Addr(a)
		if err != nil {
			errs = append(errs, Errorf(p.File, p.Line("aliases"), "alias %q %v", a, err))
			continue
		}
		aliases = append(aliases, c)
	}
	p.Aliases = aliases
	return errs
}

// isWebURL reports an http or https URL, which an image: may be.
func isWebURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}
