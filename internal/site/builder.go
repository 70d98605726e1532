package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/diagram"
	"blog/internal/gitlog"
	"blog/internal/images"
	"blog/internal/markdown"
	"blog/internal/problem"
	"blog/internal/sitepath"
	"blog/internal/theme"
	"blog/themes"
)

// Builder builds one site folder, again and again: config, theme and the
// Markdown setup are made once; each Build reads the posts whose files
// changed and renders the pages whose keys changed, taking the rest from
// its last build or the caches. A Builder is for one goroutine at a time;
// builds of different Builders run side by side.
type Builder struct {
	site   fs.FS
	opts   Options
	Config *config.Config
	Theme  *theme.Theme
	loader *content.Loader
	loaded func(files int) // BuilderOptions.Loaded
	once   bool            // BuilderOptions.Once
	// loadedSet, when set (by tests), is shown each load's posts.
	loadedSet func(*content.Set)
	css       []byte
	last      *Output
	siteKey   cache.Key
	// lastBuild is the last finished build, for Preview, which may read
	// it while an Update runs.
	lastBuild atomic.Pointer[previewable]
	// stop asks the running build to stop (Interrupt); started, when
	// set, is called as a build starts (tests interrupt builds with it).
	stop    atomic.Bool
	started func()

	cacheRoot *os.Root // the cache folder, nil for none
	dir       string   // the site folder on disk, for git; "" for none
	gitDates  map[string]time.Time

	// The caches, all nil without a cache folder.
	highlight *cache.Store // highlighted code
	bodies    *cache.Store // rendered bodies
	pages     *cache.Store // rendered pages and search indexes
	terms     *cache.Store // search tokens
	whole     bool         // a whole build succeeded, so the caches know what is in use
	diagrams  *diagram.Renderer
	drawings  *cache.Store // drawn diagrams
	imageDir  *cache.Store // resized copies of images
	resizer   *images.Resizer
	// images and copies count the last build's images and copies;
	// imageMemo is what it read of them (images.go).
	images, copies int
	imageMemo      map[string]*imageMemo
	warn           func(string)
	warned         map[string]bool // cache problems already said
	warnings       atomic.Int64    // warnings given, by the running build and before

	// The build's record (record.go), with BuilderOptions.Replay: rec is
	// the site folder as the builds read it; emit the Emit of the
	// options, which a Builder's own Emit calls after noting the file in
	// recording; replayed the files a replay wrote before it stopped.
	rec       *recorder
	recKey    *cache.Key // the record of the running Build, nil for an Update
	recording *recording
	emit      func(*File) error
	replayed  map[string]bool
}

// BuilderOptions are the settings of a Builder.
type BuilderOptions struct {
	Options
	// BaseURL replaces the config's base URL when set.
	BaseURL string
	// Cache is the folder of the persistent caches (highlighted code,
	// rendered posts and pages), cache.OpenIn; nil means no cache.
	Cache *os.Root
	// Warn receives problems that do not stop a build, such as a cache
	// that cannot be written (the build goes on without it); nil drops
	// them.
	Warn func(msg string)
	// KeepSource keeps each post's Markdown (content.Post.Source) for
	// tools that read it after the build.
	KeepSource bool
	// Dir is the site's folder on disk, where git tells when each page
	// and doc last changed; empty for none.
	Dir string
	// DrawDiagrams draws Mermaid diagrams at build time, as inline SVG
	// (package diagram), with the system's Chromium; without one, or
	// without this, they are left to the reader's browser.
	DrawDiagrams bool
	// Browser is the Chromium to draw with; empty looks on PATH.
	Browser string
	// Replay, with Cache and Emit, leaves a record of each whole build in
	// the page cache, and a Build that finds that every file the record
	// says the last build read gives what it gave then writes the files
	// that build wrote, taken from the cache, and does nothing else
	// (record.go). Build then returns a nil content.Set, and an Output
	// whose Replayed is set.
	Replay bool
	// Once says the Builder makes one build (blog build): what it read is
	// let go of as soon as the build no longer needs it, the parsed posts
	// once the pages are planned and the files besides pages made (the
	// search indexes are written after, from the posts' views), so that
	// they are not held while the indexes are written and every page
	// renders. Build then returns a nil content.Set.
	Once bool
	// Loaded, when set, is told how many posts, pages and docs a whole
	// build read, once they are read and before the pages are made (what
	// most of a build's memory holds): blog build sizes the heap's soft
	// limit by it.
	Loaded func(files int)
}

// NewBuilder reads the site's config and theme.
func NewBuilder(site fs.FS, opts BuilderOptions) (*Builder, error) {
	var rec *recorder
	if opts.Replay && opts.Cache != nil && opts.Emit != nil {
		// Every read from here on is noted: the config and theme too.
		rec = newRecorder(site)
		site = rec
	}
	cfg, err := config.Load(site)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, fmt.Errorf("--baseURL: %w", err)
		}
	}
	th, builtin, err := loadTheme(site, cfg)
	if err != nil {
		return nil, err
	}
	b := &Builder{site: site, opts: opts.Options, Config: cfg, Theme: th, warn: opts.Warn, cacheRoot: opts.Cache, dir: opts.Dir, loaded: opts.Loaded, once: opts.Once}
	if b.warn == nil {
		b.warn = func(string) {}
	}
	warn := b.warn
	b.warn = func(msg string) {
		b.warnings.Add(1)
		warn(msg)
	}
	if rec != nil {
		b.rec, b.emit = rec, opts.Emit
		b.opts.Emit = b.emitNoted
	}
	// Diagrams first: what a body holds depends on whether they are drawn
	// and with which script, so that salts the stores below.
	diagrams := "none"
	var drawDiagram func([]byte) ([]byte, bool)
	if opts.DrawDiagrams {
		// The built-in theme's script is read only when a diagram is
		// drawn, and its hash is known: a build with every drawing cached
		// reads none of its 3 MB.
		dopts := diagram.Options{Browser: opts.Browser}
		var err error
		if builtin {
			sum, _ := hex.DecodeString(themes.MermaidSHA256)
			dopts.Version = diagram.VersionOfSum([sha256.Size]byte(sum))
			dopts.Load = func() ([]byte, error) { return fs.ReadFile(th.Static, MermaidScript) }
			_, err = fs.Stat(th.Static, MermaidScript)
		} else if dopts.Script, err = fs.ReadFile(th.Static, MermaidScript); err == nil {
			dopts.Version = diagram.Version(dopts.Script)
		}
		if err == nil {
			version := dopts.Version
			if opts.Cache != nil {
				b.drawings = b.store("diagram", version)
			}
			dopts.Store = b.drawings
			b.diagrams = diagram.New(dopts)
			if b.diagrams.Browser() != "" {
				drawDiagram = b.diagrams.Markdown(func(source []byte, err error) {
					b.warn(fmt.Sprintf("the Mermaid diagram %q is left to the reader's browser: %v", firstWords(source), err))
				})
				diagrams = version
			}
			if w := b.diagrams.Warning(); w != "" {
				b.warn(strings.TrimPrefix(w, "warning: "))
			}
		}
	}
	build := cache.BuildID()
	highlight := markdown.NewChroma().Highlight
	if opts.Cache != nil {
		// What rendering gives depends on this program's code and the
		// Markdown options, so those salt the stores; pages are keyed by
		// everything besides (key.go).
		markdownSalt := fmt.Sprintf("raw=%t %s %s diagrams=%s", cfg.Markdown.RawHTML(), markdown.HighlightVersion(), build, diagrams)
		b.highlight = b.store("highlight", markdown.HighlightVersion())
		highlight = markdown.Cached(b.highlight, highlight)
		b.bodies = b.store("body", "body/v2 "+markdownSalt)
		b.pages = b.store("page", "page/v2 "+build)
		b.terms = b.store("terms", "terms/v1 "+markdownSalt)
		b.imageDir = b.store("image", images.Version())
	}
	b.resizer = images.NewResizer(b.imageDir) // without a cache folder, copies are kept in memory
	mdOpts := markdown.Options{RawHTML: cfg.Markdown.RawHTML(), Highlight: highlight, Diagram: drawDiagram}
	md := markdown.New(mdOpts)
	if b.css, err = markdown.StyleSheet(); err != nil {
		return nil, err
	}
	b.loader = content.NewLoader(cfg, md)
	b.loader.Text = th.Has("search")
	b.loader.KeepSource = opts.KeepSource
	b.loader.Cache = b.bodies
	b.loader.RetryMermaid = mdOpts.Diagram != nil
	b.siteKey = cache.MakeKey([]byte(cfg.Digest()), []byte(th.Digest), []byte(build), []byte(markdownOptions(cfg)+" diagrams="+diagrams))
	return b, nil
}

// firstWords is the start of a diagram's source, to find it by.
func firstWords(source []byte) string {
	var lines []string
	for _, l := range strings.Split(string(source), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
		if len(lines) == 2 {
			break
		}
	}
	s := strings.Join(lines, " ")
	if r := []rune(s); len(r) > 50 {
		s = string(r[:50]) + "…"
	}
	return s
}

// DiagramStats counts the diagrams drawn, taken from the cache and left
// to the reader's browser so far.
func (b *Builder) DiagramStats() diagram.Stats {
	if b.diagrams == nil {
		return diagram.Stats{}
	}
	return b.diagrams.Stats()
}

// ImageStats counts, for the last build, the images of posts read and
// the copies written, and, since the Builder was made, the copies resized
// and those taken from the image cache.
func (b *Builder) ImageStats() (images, copies, resized, reused int) {
	resized, reused = b.resizer.Stats()
	return b.images, b.copies, resized, reused
}

// markdownOptions names the Markdown setup, part of every page's key.
func markdownOptions(cfg *config.Config) string {
	return fmt.Sprintf("raw=%t highlight=%s", cfg.Markdown.RawHTML(), markdown.HighlightVersion())
}

// store opens one cache store in the cache folder, or, when it cannot be
// used, one in memory, saying so.
func (b *Builder) store(name, salt string) *cache.Store {
	return cache.OpenStore(b.sub(name), salt)
}

// loadTheme loads the theme a config names: themes/<name>/ in the site
// when it exists, else the built-in theme of that name. The site's
// layouts/ folder overrides single templates.
// builtin reports the built-in theme.
func loadTheme(site fs.FS, cfg *config.Config) (th *theme.Theme, builtin bool, err error) {
	var overrides fs.FS
	if st, err := fs.Stat(site, "layouts"); err == nil && st.IsDir() {
		overrides, _ = fs.Sub(site, "layouts")
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, false, problem.At("layouts", 0, "%w", sitepath.Explain(site, "layouts", err))
	}
	dir := path.Join("themes", cfg.Theme)
	if st, err := fs.Stat(site, dir); err == nil && st.IsDir() {
		sub, _ := fs.Sub(site, dir)
		th, err := theme.Load(sub, overrides, dir, nil)
		return th, false, err
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, false, problem.At(dir, 0, "%w", sitepath.Explain(site, dir, err))
	}
	if cfg.Theme != "default" {
		return nil, false, problem.At(config.FileName, 0, "theme %q: no folder %s in the site, and no built-in theme of that name", cfg.Theme, dir)
	}
	th, err = theme.Load(themes.Default(), overrides, "themes/default", nil)
	return th, true, err
}

// Build loads the content and builds the site. On bad content it returns
// the problem.List of every problem.
func (b *Builder) Build() (*Output, *content.Set, error) {
	b.start()
	if b.rec != nil && b.opts.Now.IsZero() {
		key := b.recordKey()
		b.recKey, b.replayed = &key, map[string]bool{}
		out, ok, err := b.replay(key)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			return out, nil, nil
		}
		b.recording = &recording{}
		b.warnings.Store(0)
	}
	b.imageMemo = nil // a whole build reads every image
	set, err := b.loader.Load(b.site)
	if b.once {
		b.loader.Forget()
	}
	if b.loadedSet != nil && set != nil {
		b.loadedSet(set)
	}
	if set != nil && b.loaded != nil {
		b.loaded(len(set.Posts) + len(set.Pages) + len(set.Docs))
	}
	return b.finish(set, err)
}

// Update builds the site after the files in changed (paths relative to the
// site folder) were written, reading only those when it can.
func (b *Builder) Update(changed []string) (*Output, *content.Set, error) {
	b.start()
	b.recKey, b.recording = nil, nil
	forgetImages(b.imageMemo, changed)
	set, err := b.loader.Update(b.site, changed)
	return b.finish(set, err)
}

func (b *Builder) finish(set *content.Set, err error) (*Output, *content.Set, error) {
	// Highlighted code and rendered bodies are kept even when the build
	// fails: the next attempt needs them as much. A cache that cannot be
	// written costs the next build work, not this one.
	b.flush(b.highlight, b.bodies, b.drawings)
	if err != nil {
		// The site's static files have problems of their own, found now
		// too, so that one run lists every problem.
		if list := problem.Of(err); list != nil {
			list = append(list, staticProblems(b.site)...)
			err = list.Err()
		}
		return nil, set, err
	}
	if b.stop.Load() {
		return nil, set, ErrInterrupted
	}
	opts := b.opts
	if opts.Now.IsZero() {
		opts.Now = timeNow()
	}
	bld := &build{cfg: b.Config, set: set, th: b.Theme, site: b.site, opts: opts, prev: b.last,
		store: b.pages, terms: b.terms, resizer: b.resizer, imageMemo: b.imageMemo, chromaCSS: b.css, retryMermaid: b.loader.RetryMermaid,
		lists: map[string][]*Post{}, tags: map[string][]*Tag{}, sections: map[string][]*Section{}, updated: b.updated()}
	bld.s = b.newSite()
	bld.stop = &b.stop
	if b.recKey != nil {
		bld.recording = b.recording
	}
	posts, until := len(set.Posts), int64(0)
	if b.recKey != nil && b.recording != nil {
		until = firstFuture(set.Posts, opts.Now) // for the record alone
	}
	if b.once {
		// The build lets go of the posts part way (build.release); so
		// does this.
		bld.once, set = true, nil
	}
	out, err := bld.run()
	if err == nil {
		out.Posts = posts
		if b.recKey != nil && b.recording != nil {
			b.keepRecord(*b.recKey, posts, until, out)
		}
	}
	b.flush(b.pages, b.terms, b.imageDir)
	if err != nil {
		return nil, set, err
	}
	b.images, b.copies, b.imageMemo = bld.imageCount, bld.copyCount, bld.nextMemo
	if opts.Emit == nil {
		b.last = out // with Emit, files keep no bytes to reuse
		b.lastBuild.Store(keepForPreview(bld))
	}
	b.whole = true
	for _, w := range out.Warnings {
		b.warn(w.Error())
	}
	return out, set, nil
}

// emitNoted is the Emit of a Builder that keeps records: it notes each
// file in the build's record as it passes it on, a copy of a site file
// to be read from the folder itself, not through the recorder. A file a
// replay that stopped part way wrote is not written again, but noted:
// the record is of every file.
func (b *Builder) emitNoted(f *File) error {
	if !b.replayed[f.Path] {
		g := f
		if f.Source == fs.FS(b.rec) {
			c := *f
			c.Source = b.rec.fsys
			g = &c
		}
		if err := b.emit(g); err != nil {
			return err
		}
	}
	if b.recording != nil {
		b.recording.wrote(f, b.rec, b.pages)
	}
	return nil
}

func (b *Builder) start() {
	b.stop.Store(false)
	if b.started != nil {
		b.started()
	}
}

// Interrupt asks the Build or Update running on another goroutine to
// stop soon; it then returns ErrInterrupted and leaves the Builder as if
// it had not run, but for what the caches and the content loader took
// in: an Update of the same files and any newer ones builds the site.
// blog serve interrupts a build when a newer save makes it stale.
func (b *Builder) Interrupt() { b.stop.Store(true) }

// updated is when each page's and doc's file last changed in git, read
// once per Builder with one git command (package gitlog); empty when the
// site is not a git checkout, git is missing, or the site has no pages
// or docs (no git to run then).
func (b *Builder) updated() map[string]time.Time {
	if b.gitDates == nil && b.dir != "" && (exists(b.site, content.PagesDir) || exists(b.site, content.DocsDir)) {
		b.gitDates, _ = gitlog.LastChanged(b.dir, content.PagesDir, content.DocsDir)
		if b.gitDates == nil {
			b.gitDates = map[string]time.Time{}
		}
	}
	return b.gitDates
}

// exists reports whether name is in fsys: true for any answer but
// not-exist, so that a folder that cannot be read is still asked about.
func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return !errors.Is(err, fs.ErrNotExist)
}

// newSite makes the Site of one build.
func (b *Builder) newSite() *Site {
	cfg, th := b.Config, b.Theme
	s := &Site{cfg: cfg, th: th, search: th.Has("search"), langNames: map[string]string{}, cardPages: map[string]*Page{}}
	for _, l := range cfg.Languages {
		s.langNames[l.Code] = th.T(l.Code, cfg.DefaultLanguage, "languageName")
	}
	if th.Static != nil {
		if _, err := fs.Stat(th.Static, MermaidScript); err == nil {
			s.mermaid = "/" + MermaidScript
		}
	}
	s.key = b.siteKey
	for _, l := range cfg.Languages {
		s.cardPages[l.Code] = &Page{Kind: "card", Lang: l.Code, site: s}
	}
	return s
}

// flush writes what the stores made; a failure is a warning.
func (b *Builder) flush(stores ...*cache.Store) {
	for _, st := range stores {
		if st != nil {
			b.warnOnce(st.Flush())
		}
	}
}

// sub opens a folder of the cache for a store; nil (a store in memory)
// when it cannot, with a warning.
func (b *Builder) sub(name string) *os.Root {
	r, err := cache.Sub(b.cacheRoot, name)
	if err != nil {
		b.warn(fmt.Sprintf("cache %s: %v; building without it", name, err))
		return nil
	}
	return r
}

// warnOnce passes a cache problem to the Builder's Warn, once per message.
func (b *Builder) warnOnce(err error) {
	if err == nil {
		return
	}
	msg := fmt.Sprintf("%v; the site is built, without saving that cache", err)
	if b.warned[msg] {
		return
	}
	if b.warned == nil {
		b.warned = map[string]bool{}
	}
	b.warned[msg] = true
	b.warn(msg)
}

// CacheStats reports the highlight cache's hits and misses since the
// Builder was made; both are 0 without a cache.
func (b *Builder) CacheStats() (hits, misses int) {
	if b.highlight == nil {
		return 0, 0
	}
	return b.highlight.Stats()
}

// BodyStats reports how many post bodies were taken from the cache and
// how many were rendered, since the Builder was made; both are 0 without a
// cache.
func (b *Builder) BodyStats() (reused, rendered int) {
	if b.bodies == nil {
		return 0, 0
	}
	return b.bodies.Stats()
}

// Retire releases the caches of a Builder that a new Builder of the same
// site replaced (blog serve after a config or theme edit). Unlike Close it
// prunes nothing: the entries the new Builder made are not among those
// this one used.
func (b *Builder) Retire() error {
	b.whole = false
	return b.Close()
}

// pruneSlack is how much room entries no longer in use may take in the
// body and page caches before Close rewrites them without.
var pruneSlack int64 = 32 << 20

// Close releases the caches. After a whole build, the body, page and
// terms caches drop what the builds of this Builder did not use, once
// that takes more room than what they did use (cache.Store.Prune): old
// versions of posts and pages would otherwise pile up with every build.
func (b *Builder) Close() error {
	var err error
	for _, st := range []*cache.Store{b.bodies, b.pages, b.terms, b.imageDir} {
		if st != nil && b.whole {
			err = errors.Join(err, st.Prune(pruneSlack))
		}
	}
	for _, st := range []*cache.Store{b.highlight, b.bodies, b.pages, b.terms, b.drawings, b.imageDir} {
		if st != nil {
			err = errors.Join(err, st.Close())
		}
	}
	if b.diagrams != nil {
		err = errors.Join(err, b.diagrams.Close())
	}
	return err
}
