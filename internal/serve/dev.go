package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/problem"
	"blog/internal/site"
	"blog/internal/watch"
)

// DevOptions configures a development server.
type DevOptions struct {
	// SiteDir is the site folder.
	SiteDir string
	// Drafts shows drafts and future posts.
	Drafts bool
	// Debounce is the quiet time that ends a batch of file changes.
	Debounce time.Duration
	// SkipDirs are folders of the site that are not watched (the build
	// output).
	SkipDirs []string
	// Log receives one line per rebuild and the problems of failed builds.
	Log io.Writer
	// CacheDir is the folder of the caches (highlighted code, rendered
	// posts and pages), shared with blog build, relative to SiteDir unless
	// absolute; empty for none.
	CacheDir string
}

// Dev is a development server: a Server whose site is rebuilt when files
// change.
type Dev struct {
	*Server
	opts    DevOptions
	site    *os.Root
	cache   *os.Root // nil without a cache
	builder *site.Builder
	// served is the Builder whose Output is being served: it stays open
	// (its Output reads the caches through it) until a build of a newer
	// Builder is published.
	served  *site.Builder
	last    *site.Output
	watcher *watch.Watcher
}

// NewDev builds the site and starts watching it. A site that does not build
// is still served: every page shows the problems until a save fixes them.
func NewDev(opts DevOptions) (*Dev, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root, err := os.OpenRoot(opts.SiteDir)
	if err != nil {
		return nil, err
	}
	d := &Dev{opts: opts, site: root}
	if opts.CacheDir != "" {
		if d.cache, err = cache.OpenIn(root, opts.CacheDir); err != nil {
			fmt.Fprintf(opts.Log, "warning: cache %s: %v; serving without it\n", opts.CacheDir, err)
		}
	}
	cfg, err := config.Load(root.FS())
	if err != nil {
		cfg = config.Default()
	}
	var langs []string
	for _, l := range cfg.Languages[1:] {
		langs = append(langs, l.Code)
	}
	d.Server = newServer(cfg.BasePath(), langs)
	d.EnableLiveReload()
	w, err := watch.New(opts.SiteDir, watch.Options{Debounce: opts.Debounce, SkipDirs: opts.SkipDirs})
	if err != nil {
		root.Close()
		return nil, fmt.Errorf("watching %s: %w", opts.SiteDir, err)
	}
	d.watcher = w
	d.rebuild(nil, true)
	return d, nil
}

// Built reports whether the last build succeeded, and the pages served.
func (d *Dev) Built() (ok bool, pages int) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.out == nil {
		return false, 0
	}
	return d.problem == "", d.out.Pages
}

// Run rebuilds on every batch of changes until ctx ends.
func (d *Dev) Run(ctx context.Context) error {
	defer d.site.Close()
	defer d.watcher.Close()
	if d.cache != nil {
		defer d.cache.Close()
	}
	defer func() {
		if d.served != nil && d.served != d.builder {
			d.closeBuilder(d.served, true)
		}
		if d.builder != nil {
			d.closeBuilder(d.builder, false)
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-d.watcher.Errors():
			fmt.Fprintf(d.opts.Log, "watch: %v\n", err)
		case batch, ok := <-d.watcher.Batches():
			if !ok {
				return errors.New("the file watcher stopped")
			}
			full, relevant := classify(batch)
			if relevant {
				d.rebuild(batch, full)
			}
		}
	}
}

// classify tells whether a batch needs a build at all, and whether the
// config or templates changed so the whole site must be built afresh.
func classify(batch []string) (full, relevant bool) {
	for _, p := range batch {
		switch {
		case p == config.FileName, strings.HasPrefix(p, "themes/"), strings.HasPrefix(p, "layouts/"):
			return true, true
		case strings.HasPrefix(p, content.Dir+"/"), strings.HasPrefix(p, site.StaticDir+"/"):
			relevant = true
		}
	}
	return false, relevant
}

// rebuild builds the site after the changes in batch and publishes the
// result, or the problems.
func (d *Dev) rebuild(batch []string, full bool) {
	start := time.Now()
	if full || d.builder == nil {
		b, err := site.NewBuilder(d.site.FS(), site.BuilderOptions{Options: site.Options{Drafts: d.opts.Drafts, Defer: true}, Cache: d.cache, Dir: d.opts.SiteDir, DrawDiagrams: true,
			Warn: func(msg string) { fmt.Fprintf(d.opts.Log, "warning: %s\n", msg) }})
		if err != nil {
			d.fail(err, batch)
			return
		}
		if d.builder != nil && d.builder != d.served {
			d.closeBuilder(d.builder, true) // its builds failed: it serves nothing
		}
		d.builder = b
	}
	var out *site.Output
	var err error
	if full || batch == nil {
		out, _, err = d.builder.Build()
	} else {
		out, _, err = d.builder.Update(batch)
	}
	if err != nil {
		d.fail(err, batch)
		return
	}
	ev := changes(d.last, out, batch, d.Config().BasePath())
	d.last = out
	d.Publish(out, ev)
	if d.served != nil && d.served != d.builder {
		d.closeBuilder(d.served, true)
	}
	d.served = d.builder
	took := time.Since(start).Round(100 * time.Microsecond)
	switch {
	case batch == nil:
		fmt.Fprintf(d.opts.Log, "Built %d pages in %s\n", out.Pages, took)
	default:
		fmt.Fprintf(d.opts.Log, "%s: rebuilt in %s, %d pages rendered, %d changed\n",
			describeBatch(batch), took, out.Rendered, len(ev.Pages)+len(ev.Assets))
	}
}

// closeBuilder releases a Builder's caches; one replaced by a newer one
// is retired (site.Builder.Retire), so that it prunes nothing.
func (d *Dev) closeBuilder(b *site.Builder, replaced bool) {
	var err error
	if replaced {
		err = b.Retire()
	} else {
		err = b.Close()
	}
	if err != nil {
		fmt.Fprintf(d.opts.Log, "cache: %v\n", err)
	}
}

// Config is the configuration of the last good build.
func (d *Dev) Config() *config.Config {
	if d.builder == nil {
		return config.Default()
	}
	return d.builder.Config
}

func (d *Dev) fail(err error, batch []string) {
	msg := err.Error()
	if list := problem.Of(err); list != nil {
		msg = list.Error()
	}
	if batch != nil {
		fmt.Fprintf(d.opts.Log, "%s: build failed; still serving the last good site:\n", describeBatch(batch))
	}
	for _, l := range strings.Split(msg, "\n") {
		fmt.Fprintf(d.opts.Log, "  %s\n", l)
	}
	d.Fail(msg)
}

func describeBatch(batch []string) string {
	if len(batch) == 1 {
		return batch[0]
	}
	return fmt.Sprintf("%s and %d more", batch[0], len(batch)-1)
}

// maxListed bounds the paths one event lists; past it, every page reloads.
const maxListed = 1000

// changes compares two builds: pages whose bytes differ or that appeared
// or vanished, and other files likewise (copied files count as changed
// when their source is in the batch). A stylesheet-only change is a "css"
// event.
func changes(prev, next *site.Output, batch []string, basePath string) Event {
	if prev == nil {
		return Event{Kind: "reload", All: true}
	}
	inBatch := map[string]bool{}
	for _, p := range batch {
		inBatch[p] = true
	}
	var pages, assets []string
	mark := func(f *site.File) {
		url := strings.TrimSuffix(basePath, "/") + "/" + f.Path
		if strings.HasSuffix(f.Path, ".html") {
			pages = append(pages, strings.TrimSuffix(url, "index.html"))
		} else {
			assets = append(assets, url)
		}
	}
	for _, f := range next.Files {
		old := prev.Lookup(f.Path)
		switch {
		case old == nil:
			mark(f)
		case f.Reused:
		case f.Data != nil:
			if !bytes.Equal(old.Data, f.Data) {
				mark(f)
			}
		case inBatch[f.SourcePath] || old.SourcePath != f.SourcePath:
			mark(f)
		}
	}
	for _, f := range prev.Files {
		if next.Lookup(f.Path) == nil {
			mark(f)
		}
	}
	slices.Sort(pages)
	slices.Sort(assets)
	if len(pages) == 0 && len(assets) > 0 && !slices.ContainsFunc(assets, func(a string) bool { return path.Ext(a) != ".css" }) {
		return Event{Kind: "css", Assets: assets}
	}
	if len(pages) == 0 && len(assets) == 0 {
		return Event{Kind: "ok"}
	}
	if len(pages)+len(assets) > maxListed {
		return Event{Kind: "reload", All: true}
	}
	return Event{Kind: "reload", Pages: pages, Assets: assets}
}
