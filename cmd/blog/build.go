package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"

	"blog/internal/cache"
	"blog/internal/problem"
	"blog/internal/publish"
	"blog/internal/site"
	"blog/internal/sitepath"
)

const buildSummary = `Usage: blog build [-s DIR] [-o public] [--baseURL URL] [--drafts]

Builds the site into a folder. The folder is written beside its old
version and swapped in only when complete; a folder that blog did not
write is never replaced. On bad input, every problem is listed as
path:line: message and the exit code is 1.
`

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", buildSummary, stderr)
	siteDir := fs.String("s", ".", "site `folder` (holds blog.yaml and content/)")
	outDir := fs.String("o", "public", "output `folder`, relative to the site folder unless absolute")
	baseURL := fs.String("baseURL", "", "absolute `URL` the site is published at (overrides blog.yaml)")
	drafts := fs.Bool("drafts", false, "include drafts and posts dated in the future")
	quiet := fs.Bool("q", false, "print only problems")
	cacheDir := fs.String("cacheDir", ".blogcache", "`folder` of the caches of highlighted code, rendered posts and rendered pages, relative to the site folder; empty for none (safe to delete)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (read it with go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile taken at the peak of live memory to `file`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *memProfile != "" {
		runtime.MemProfileRate = 64 << 10
		defer profileHeapPeak(*memProfile, stderr)()
	}
	// The heap's soft limit is sized by the site and kept above the live
	// heap, and the collector's pace widened for a large one (memory.go);
	// GOMEMLIMIT and GOGC set in the environment win.
	var loaded func(int)
	if os.Getenv("GOMEMLIMIT") == "" {
		pace := debug.SetGCPercent
		if os.Getenv("GOGC") != "" {
			pace = nil
		}
		limit := startHeapLimit(debug.SetMemoryLimit, pace)
		defer limit.stop()
		loaded = limit.sized
	}
	start := time.Now()
	dst := *outDir
	if !filepath.IsAbs(dst) {
		dst = filepath.Join(*siteDir, dst)
	}
	// Every read of the site goes through a root that nothing escapes.
	root, err := sitepath.OpenRoot(*siteDir)
	if err != nil {
		return err
	}
	defer root.Close()
	// Stopped by Ctrl+C or kill, the build removes its temporary folder
	// and leaves the previous output as it was. The handler is in place
	// before the folder is made, so no moment is left without it.
	// A signal while the folder is being made waits for it, then removes
	// it.
	var (
		starting sync.Mutex
		w        *publish.Writer
	)
	stop := onSignal(func(sig os.Signal) {
		starting.Lock()
		if w != nil {
			w.Abort()
		}
		fmt.Fprintf(stderr, "blog build: stopped by %v; %s is as it was\n", sig, dst)
		os.Exit(exitCode(sig))
	})
	defer stop()
	// Pages go to disk as they are rendered, into a new folder beside the
	// output that replaces it only when the whole build succeeded.
	starting.Lock()
	w, err = publish.Begin(dst, *siteDir)
	starting.Unlock()
	if err != nil {
		return err
	}
	warn := func(msg string) { fmt.Fprintf(stderr, "warning: %s\n", msg) }
	var cacheRoot *os.Root
	if *cacheDir != "" {
		// A cache that cannot be used (a read-only site, a file where the
		// folder should be, a link out of the site) costs work, not the
		// build.
		if cacheRoot, err = cache.OpenIn(root.OS(), *cacheDir); err != nil {
			warn(fmt.Sprintf("cache %s: %v; building without it", *cacheDir, err))
		} else {
			defer cacheRoot.Close()
		}
	}
	b, err := site.NewBuilder(root.FS(), site.BuilderOptions{Options: site.Options{Drafts: *drafts, Emit: w.Write, Prepare: w.Prepare},
		BaseURL: *baseURL, Cache: cacheRoot, Warn: warn, Dir: *siteDir, DrawDiagrams: true, Loaded: loaded, Replay: true, Once: true})
	if err != nil {
		w.Abort()
		return err
	}
	defer func() {
		// The site is written by then: a cache that could not be saved or
		// pruned only costs the next build work.
		if err := b.Close(); err != nil {
			fmt.Fprintf(stderr, "warning: %v\n", err)
		}
	}()
	out, _, err := b.Build()
	if err != nil {
		w.Abort()
		return reportProblems(err, stderr)
	}
	res, err := w.Commit()
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stdout, "Built %d posts in %d languages: %d pages, %d files (%s) in %s → %s\n",
			out.Posts, len(b.Config.Languages), out.Pages, res.Files, size(res.Bytes),
			time.Since(start).Round(time.Millisecond), dst)
		if out.Replayed {
			fmt.Fprintf(stdout, "Nothing the last build read has changed: its files were written again from %s\n", *cacheDir)
		}
		if reused, rendered := b.BodyStats(); reused+rendered > 0 {
			fmt.Fprintf(stdout, "Posts: %d rendered, %d unchanged and taken from %s\n", rendered, reused, *cacheDir)
		}
		if out.Cached > 0 {
			fmt.Fprintf(stdout, "Pages: %d rendered, %d unchanged and taken from %s\n", out.Rendered, out.Cached, *cacheDir)
		}
		if hits, misses := b.CacheStats(); hits+misses > 0 {
			fmt.Fprintf(stdout, "Code blocks: %d highlighted, %d reused (from %s or repeated in the site)\n", misses, hits, *cacheDir)
		}
		if images, copies, resized, reused := b.ImageStats(); images > 0 {
			fmt.Fprintf(stdout, "Images: %d read, %d copies written; %d resized, %d reused (from %s or repeated in the site)\n", images, copies, resized, reused, *cacheDir)
		}
		if st := b.DiagramStats(); st.Drawn+st.Cached+st.Failed > 0 {
			fmt.Fprintf(stdout, "Diagrams: %d drawn, %d taken from %s, %d left to the reader's browser\n", st.Drawn, st.Cached, *cacheDir, st.Failed)
		}
	}
	return nil
}

// reportProblems prints every problem of a failed build, one per line.
func reportProblems(err error, stderr io.Writer) error {
	if list := problem.Of(err); list != nil {
		for _, e := range list {
			fmt.Fprintln(stderr, e)
		}
		if len(list) == 1 {
			return errors.New("1 problem; nothing was written")
		}
		return fmt.Errorf("%d problems; nothing was written", len(list))
	}
	return err
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// startCPUProfile profiles the process into file until stop is called.
func startCPUProfile(file string) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// profileHeapPeak samples the live heap every few milliseconds and keeps a
// heap profile of its largest size, which it writes to file when the
// returned func is called: the peak, not the end, is what costs memory.
// A failure is reported, not fatal, as the build itself is done.
func profileHeapPeak(file string, stderr io.Writer) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	var best bytes.Buffer
	// The live heap as the last collection marked it, which is what the
	// profile shows; objects not yet collected are not live.
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var peak uint64
	take := func() {
		metrics.Read(sample)
		if v := sample[0].Value.Uint64(); v > peak+peak/20 {
			peak = v
			best.Reset()
			_ = pprof.Lookup("heap").WriteTo(&best, 0)
		}
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				take()
				return
			case <-t.C:
				take()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		if err := os.WriteFile(file, best.Bytes(), 0o644); err != nil {
			fmt.Fprintf(stderr, "memprofile: %v\n", err)
			return
		}
		fmt.Fprintf(stderr, "memprofile: heap profile at the peak of %s of live objects in %s\n", size(int64(peak)), file)
	}
}

// onSignal calls f, once, on SIGINT or SIGTERM, until stop is called.
func onSignal(f func(os.Signal)) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			f(sig)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// exitCode is a shell's code for a process ended by sig: 128 + its number.
func exitCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}
