package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
// change. A save of a post shows on its page first: the page is rendered
// again from the last build (site.Builder.Preview) and served at once,
// while the whole site is built after it on another goroutine; that build
// then reloads the pages it changed, the previewed ones only if it made
// them otherwise.
type Dev struct {
	*Server
	opts    DevOptions
	site    *os.Root
	cache   *os.Root // nil without a cache
	watcher *watch.Watcher

	// The build goroutine's own: the Builder of the next build and the
	// last build's Output.
	builder *site.Builder
	last    *site.Output

	// state guards what both goroutines touch; previewing is held by a
	// preview while it renders, and by the build goroutine to close the
	// Builder a preview may be using (always taken before state).
	state      sync.Mutex
	previewing sync.Mutex
	// served is the Builder whose Output is being served: it stays open
	// (its Output reads the caches through it, Preview renders with it)
	// until a build of a newer Builder is published.
	served *site.Builder
	// shown is what is served: the last build with the previews made
	// since over it.
	shown *site.Output
	// previews are the pages previewed after the batches the last build
	// took, one per path, the newest.
	previews []preview
	// queue holds the batches waiting for the build goroutine, and wake
	// tells it of them.
	queue []queued
	wake  chan struct{}
	seq   int // batches taken from the watcher
	// running is the Builder of the build under way, for Run to
	// interrupt when a newer batch makes it stale.
	running atomic.Pointer[site.Builder]
	// built is closed when a build is published or fails, and replaced;
	// dirty says batches wait for a build.
	built chan struct{}
	dirty bool
	// fresh is the last preview's pages and gen: the next build waits for
	// the browsers on them to reload first.
	fresh struct {
		pages []string
		gen   int64
	}
}

// preview is a page rendered ahead of its build, for the batch seq.
type preview struct {
	seq  int
	file *site.File
}

// queued is a batch of changed files waiting for a build.
type queued struct {
	seq   int
	batch []string
	full  bool
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
	d := &Dev{opts: opts, site: root, wake: make(chan struct{}, 1), built: make(chan struct{})}
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
	d.building = d.pending
	d.EnableLiveReload()
	w, err := watch.New(opts.SiteDir, watch.Options{Debounce: opts.Debounce, SkipDirs: opts.SkipDirs})
	if err != nil {
		root.Close()
		return nil, fmt.Errorf("watching %s: %w", opts.SiteDir, err)
	}
	d.watcher = w
	d.rebuild(nil, true, 0)
	// The first build leaves most of what it allocated behind: collected
	// now, and given back, it neither takes the CPU from the first saves
	// nor stays in the server's resident memory.
	debug.FreeOSMemory()
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
	var builds sync.WaitGroup
	buildCtx, stopBuilds := context.WithCancel(context.Background())
	builds.Go(func() { d.builds(buildCtx) })
	defer func() {
		stopBuilds()
		builds.Wait()
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
			if !relevant {
				continue
			}
			d.seq++
			// A build is due from now: a request for a page it may make
			// waits for it, even one made as soon as the preview shows.
			d.state.Lock()
			d.dirty = true
			d.state.Unlock()
			if !full {
				d.preview(batch, d.seq)
			}
			d.state.Lock()
			d.queue = append(d.queue, queued{d.seq, batch, full})
			d.dirty = true
			d.state.Unlock()
			if b := d.running.Load(); b != nil {
				b.Interrupt() // the next build takes its batch too
			}
			select {
			case d.wake <- struct{}{}:
			default: // the build goroutine is told already
			}
		}
	}
}

// builds runs the builds of the queued batches, all that wait in one
// build, until ctx ends.
func (d *Dev) builds(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-d.wake:
		}
		if !d.settle(ctx) {
			return
		}
		d.state.Lock()
		q := d.queue
		d.queue = nil
		d.state.Unlock()
		if len(q) == 0 {
			continue
		}
		var batch []string
		full := false
		seen := map[string]bool{}
		for _, b := range q {
			full = full || b.full
			for _, p := range b.batch {
				if !seen[p] {
					seen[p] = true
					batch = append(batch, p)
				}
			}
		}
		if !d.rebuild(batch, full, q[len(q)-1].seq) {
			// Interrupted: its batches go again, first, with the newer.
			d.state.Lock()
			d.queue = append(q, d.queue...)
			d.state.Unlock()
			select {
			case d.wake <- struct{}{}:
			default:
			}
		}
	}
}

// pending returns a channel closed when the build of the batches waiting
// is published (or fails), or nil when none waits.
func (d *Dev) pending() <-chan struct{} {
	d.state.Lock()
	defer d.state.Unlock()
	if !d.dirty {
		return nil
	}
	return d.built
}

// ended tells the requests waiting for a build that it ended; d.state is
// held.
func (d *Dev) ended() {
	d.dirty = len(d.queue) > 0
	close(d.built)
	d.built = make(chan struct{})
}

// freshWait bounds how long a build waits for the browsers on a
// previewed page to show it; after that, the build waits for saves to
// pause for settleTime. A writer sees the page they save at once; the
// rest of the site (lists, tags, search) follows once they stop typing
// for a moment, and does not take the CPU from the browser meanwhile.
const (
	freshWait  = 250 * time.Millisecond
	settleTime = 100 * time.Millisecond
)

// settle waits, after a preview, for the browsers on its page to show it
// and then for settleTime without a newer batch; it returns false when
// ctx ends.
func (d *Dev) settle(ctx context.Context) bool {
	for {
		d.state.Lock()
		fresh := d.fresh
		d.fresh.pages = nil
		d.state.Unlock()
		if fresh.pages == nil {
			return true
		}
		if d.live != nil {
			d.live.waitFresh(fresh.pages, fresh.gen, freshWait)
		}
		quiet := time.NewTimer(settleTime)
		select {
		case <-ctx.Done():
			quiet.Stop()
			return false
		case <-d.wake: // a newer batch: wait for it too
			quiet.Stop()
		case <-quiet.C:
		}
	}
}

// preview serves at once the pages of the posts a batch changed, as the
// build after it will make them (site.Builder.Preview), and reloads them
// in the browser. It does nothing while the site does not build, so the
// problems stay shown until a build fixes them.
func (d *Dev) preview(batch []string, seq int) {
	start := time.Now()
	// Rendering happens outside d.state (it may draw a diagram), under
	// d.previewing, which keeps the Builder open meanwhile.
	d.previewing.Lock()
	defer d.previewing.Unlock()
	d.state.Lock()
	b := d.served
	ok := b != nil && d.shown != nil && !d.failing()
	d.state.Unlock()
	if !ok {
		return
	}
	files := b.Preview(batch)
	if len(files) == 0 {
		return
	}
	d.state.Lock()
	defer d.state.Unlock()
	if d.served != b || d.failing() {
		return // a build of another Builder, or a failed one, came first
	}
	var pages []string
	for _, f := range files {
		d.previews = slices.DeleteFunc(d.previews, func(p preview) bool { return p.file.Path == f.Path })
		d.previews = append(d.previews, preview{seq, f})
		pages = append(pages, pageURL(b.Config.BasePath(), f.Path))
	}
	d.shown = d.shown.With(files)
	d.fresh.pages, d.fresh.gen = pages, d.Publish(d.shown, Event{Kind: "reload", Pages: pages})
	fmt.Fprintf(d.opts.Log, "%s: shown in %s, the rest builds\n", strings.Join(pages, ", "), time.Since(start).Round(100*time.Microsecond))
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

// rebuild builds the site after the changes in batch, the batches up to
// seq, and publishes the result, or the problems. It returns false when a
// newer batch interrupted the build.
func (d *Dev) rebuild(batch []string, full bool, seq int) bool {
	start := time.Now()
	if full || d.builder == nil {
		b, err := site.NewBuilder(d.site.FS(), site.BuilderOptions{Options: site.Options{Drafts: d.opts.Drafts, Defer: true}, Cache: d.cache, Dir: d.opts.SiteDir, DrawDiagrams: true,
			Warn: func(msg string) { fmt.Fprintf(d.opts.Log, "warning: %s\n", msg) }})
		if err != nil {
			d.fail(err, batch)
			return true
		}
		if d.builder != nil && d.builder != d.served {
			d.closeBuilder(d.builder, true) // its builds failed: it serves nothing
		}
		d.builder = b
	}
	var out *site.Output
	var err error
	if batch != nil {
		d.running.Store(d.builder) // the first build is not interrupted
	}
	if full || batch == nil {
		out, _, err = d.builder.Build()
	} else {
		out, _, err = d.builder.Update(batch)
	}
	d.running.Store(nil)
	if errors.Is(err, site.ErrInterrupted) {
		fmt.Fprintf(d.opts.Log, "%s: build interrupted by a newer save after %s\n", describeBatch(batch), time.Since(start).Round(100*time.Microsecond))
		return false
	}
	if err != nil {
		d.fail(err, batch)
		return true
	}
	base := d.Config().BasePath()
	ev := changes(d.last, out, batch, base)
	d.last = out
	d.state.Lock()
	// Previews of later batches stay over this build until the build
	// that takes them; the browser already shows every preview, so a
	// previewed page reloads only where this build made it otherwise.
	var kept []*site.File
	var previewed []*site.File
	for _, p := range d.previews {
		previewed = append(previewed, p.file)
		if p.seq > seq {
			kept = append(kept, p.file)
		}
	}
	d.previews = slices.DeleteFunc(d.previews, func(p preview) bool { return p.seq <= seq })
	shown := out
	if len(kept) > 0 {
		shown = out.With(kept)
	}
	if d.shown != nil {
		// Against what is served, previews and all, even after a failed
		// build: the browser shows the previews.
		ev = unseen(ev, d.shown, shown, previewed, base)
	}
	d.shown = shown
	d.Publish(shown, ev)
	d.ended()
	replaced := d.served
	d.served = d.builder
	d.state.Unlock()
	if replaced != nil && replaced != d.builder {
		// After a preview that may still render with it.
		d.previewing.Lock()
		d.closeBuilder(replaced, true)
		d.previewing.Unlock()
	}
	took := time.Since(start).Round(100 * time.Microsecond)
	switch {
	case batch == nil:
		fmt.Fprintf(d.opts.Log, "Built %d pages in %s\n", out.Pages, took)
	default:
		fmt.Fprintf(d.opts.Log, "%s: rebuilt in %s, %d pages rendered, %d changed\n",
			describeBatch(batch), took, out.Rendered, len(ev.Pages)+len(ev.Assets))
	}
	return true
}

// unseen takes from ev the previewed pages that the browser shows as
// they are now (their bytes in shown, served before, and next, about to
// be, are the same), and adds those that changed.
func unseen(ev Event, shown, next *site.Output, previewed []*site.File, basePath string) Event {
	if ev.All || len(previewed) == 0 {
		return ev
	}
	for _, f := range previewed {
		url := pageURL(basePath, f.Path)
		same := false
		if a, b := shown.Lookup(f.Path), next.Lookup(f.Path); a != nil && b != nil {
			x, errX := a.Bytes()
			y, errY := b.Bytes()
			same = errX == nil && errY == nil && bytes.Equal(x, y)
		}
		has := slices.Contains(ev.Pages, url)
		switch {
		case same && has:
			ev.Pages = slices.DeleteFunc(ev.Pages, func(p string) bool { return p == url })
		case !same && !has:
			ev.Pages = append(ev.Pages, url)
			slices.Sort(ev.Pages)
		}
	}
	switch {
	case len(ev.Pages) > 0:
		ev.Kind = "reload"
	case len(ev.Assets) == 0:
		ev.Kind = "ok"
	}
	return ev
}

// pageURL is the address of an output file: its folder for an
// index.html.
func pageURL(basePath, file string) string {
	return strings.TrimSuffix(strings.TrimSuffix(basePath, "/")+"/"+file, "index.html")
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
	d.state.Lock()
	d.ended()
	d.state.Unlock()
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
		if strings.HasSuffix(f.Path, ".html") {
			pages = append(pages, pageURL(basePath, f.Path))
		} else {
			assets = append(assets, strings.TrimSuffix(basePath, "/")+"/"+f.Path)
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
