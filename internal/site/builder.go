package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"time"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/markdown"
	"blog/internal/theme"
	"blog/themes"
)

// Builder builds one site folder, again and again: config, theme and the
// Markdown setup are made once, and each Build reuses the posts whose files
// did not change. A Builder is for one goroutine at a time; builds of
// different Builders run side by side.
type Builder struct {
	site   fs.FS
	opts   Options
	Config *config.Config
	Theme  *theme.Theme
	md     *markdown.Renderer
	loader *content.Loader
	last   *Output
	lastOK bool // the last Build or Update succeeded
	css    []byte
	hl     *cache.Highlight // nil without a cache
	bodies *cache.Store     // rendered bodies; nil without a cache
	pages  *pageCache       // rendered pages; nil without a cache
	whole  bool             // a whole build succeeded, so the caches know what is in use
	warn   func(string)
	warned map[string]bool // cache problems already said
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
}

// NewBuilder reads the site's config and theme.
func NewBuilder(site fs.FS, opts BuilderOptions) (*Builder, error) {
	cfg, err := config.Load(site)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, fmt.Errorf("--baseURL: %w", err)
		}
	}
	th, err := LoadTheme(site, cfg)
	if err != nil {
		return nil, err
	}
	warn := opts.Warn
	if warn == nil {
		warn = func(string) {}
	}
	// A cache folder that cannot be used costs work, not the build.
	sub := func(name string) *os.Root {
		r, err := cache.Sub(opts.Cache, name)
		if err != nil {
			warn(fmt.Sprintf("cache %s: %v; building without it", name, err))
			return nil
		}
		return r
	}
	highlight := markdown.NewChroma().Highlight
	var hl *cache.Highlight
	if opts.Cache != nil {
		hl = cache.Open(sub("highlight"), highlight)
		highlight = hl.Highlight
	}
	md := markdown.New(markdown.Options{RawHTML: cfg.Markdown.RawHTML(), Highlight: highlight})
	css, err := markdown.StyleSheet()
	if err != nil {
		return nil, err
	}
	loader := content.NewLoader(cfg, md)
	loader.Index = th.Has("search")
	loader.KeepSource = opts.KeepSource
	var bodies *cache.Store
	if opts.Cache != nil {
		// Rendered bodies depend on this program's code and the Markdown
		// options, so those salt the store.
		salt := fmt.Sprintf("body/v2 %s raw=%t %s", cache.Version, cfg.Markdown.RawHTML(), cache.BuildID())
		bodies = cache.OpenStore(sub("body"), salt)
		loader.Cache = bodies
	}
	var pages *pageCache
	if opts.Cache != nil {
		pages = openPageCache(sub("page"), cfg, th)
	}
	return &Builder{site: site, opts: opts.Options, Config: cfg, Theme: th, md: md, loader: loader, css: css, hl: hl, bodies: bodies, pages: pages, warn: warn}, nil
}

// LoadTheme loads the theme a config names: themes/<name>/ in the site
// when it exists, else the built-in theme of that name. The site's
// layouts/ folder overrides single templates.
func LoadTheme(site fs.FS, cfg *config.Config) (*theme.Theme, error) {
	var overrides fs.FS
	if st, err := fs.Stat(site, "layouts"); err == nil && st.IsDir() {
		overrides, _ = fs.Sub(site, "layouts")
	}
	dir := path.Join("themes", cfg.Theme)
	if st, err := fs.Stat(site, dir); err == nil && st.IsDir() {
		sub, _ := fs.Sub(site, dir)
		return theme.Load(sub, overrides, dir, nil)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if cfg.Theme != "default" {
		return nil, &config.Error{Msg: fmt.Sprintf("theme %q: no folder %s in the site, and no built-in theme of that name", cfg.Theme, dir)}
	}
	return theme.Load(themes.Default(), overrides, "themes/default", nil)
}

// Build loads the content and builds the site, rendering again only the
// pages that show something that changed since the last good build. On bad
// content it returns the content.ErrorList of every problem.
func (b *Builder) Build() (*Output, *content.Set, error) {
	set, err := b.loader.Load(b.site)
	return b.finish(set, err)
}

// Update builds the site after the files in changed (paths relative to the
// site folder) were written, reading only those when it can.
func (b *Builder) Update(changed []string) (*Output, *content.Set, error) {
	set, err := b.loader.Update(b.site, changed)
	return b.finish(set, err)
}

func (b *Builder) finish(set *content.Set, err error) (*Output, *content.Set, error) {
	if b.hl != nil {
		// Highlighted code and rendered bodies are kept even when the
		// build fails: the next attempt needs them as much. A cache that
		// cannot be written costs the next build work, not this one.
		b.warnOnce(b.hl.Flush())
		b.warnOnce(b.bodies.Flush())
	}
	if err != nil {
		b.lastOK = false
		return nil, set, err
	}
	var out *Output
	if set.Edited != nil && b.lastOK && b.last != nil && b.last.bld != nil && b.last.bld.set == set && b.opts.Emit == nil &&
		!becameDue(set, b.last.bld.opts.Now, b.opts.Now) {
		out, err = b.last.bld.editBodies(b.last, set.Edited)
	} else {
		out, err = build(b.Config, set, b.Theme, b.site, b.opts, b.last, b.css, b.pages)
		if b.pages != nil {
			b.warnOnce(b.pages.st.Flush())
		}
	}
	b.lastOK = err == nil
	if err == nil {
		b.last = out
		b.whole = true
		for _, w := range out.Warnings {
			b.warn(w.Error())
		}
	}
	return out, set, err
}

// CacheStats reports the highlight cache's hits and misses since the
// Builder was made; both are 0 without a cache.
func (b *Builder) CacheStats() (hits, misses int) {
	if b.hl == nil {
		return 0, 0
	}
	return b.hl.Stats()
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

// Close releases the caches. After a whole build, the body and page
// caches drop what the builds of this Builder did not use, once that
// takes more room than what they did use (cache.Store.Prune): old
// versions of posts and pages would otherwise pile up with every build.
func (b *Builder) Close() error {
	if b.hl == nil {
		return nil
	}
	var err error
	if b.whole {
		err = b.bodies.Prune(pruneSlack)
		if b.pages != nil {
			err = errors.Join(err, b.pages.st.Prune(pruneSlack))
		}
	}
	err = errors.Join(err, b.hl.Close(), b.bodies.Close())
	if b.pages != nil {
		err = errors.Join(err, b.pages.st.Close())
	}
	return err
}

// becameDue reports a post dated after since and not after now (the
// present when now is zero): it was scheduled at the last build and is
// due now, so the lists change.
func becameDue(set *content.Set, since, now time.Time) bool {
	if now.IsZero() {
		now = time.Now()
	}
	for _, p := range set.Posts {
		if p.Date.After(since) && !p.Date.After(now) {
			return true
		}
	}
	return false
}
