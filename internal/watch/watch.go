// Package watch turns file system events under a site folder into batches
// of changed paths.
//
// # Input and output
//
// New watches every folder under a root, including folders created later,
// and sends batches on Batches(): the slash-separated paths, relative to
// the root, that were created, written, removed or renamed, sorted and
// without repeats. A batch is sent once no event has arrived for the
// debounce interval (or MaxWait after its first event, so a stream of
// writes cannot starve the build).
//
// # What is ignored
//
// Editor noise: swap and backup files (.x.swp, x~, #x#, .#x, 4913 that vim
// writes to test a folder), JetBrains safe-write files (x___jb_tmp___,
// x___jb_old___), .DS_Store, and chmod-only events. Whole folders: hidden
// ones (.git, .blogcache), node_modules, and any the caller names (the
// output folder).
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options configures a Watcher.
type Options struct {
	// Debounce is the quiet time that ends a batch; 0 means 10ms: an
	// editor's save (write, or write and rename) is a few events within a
	// millisecond or two.
	Debounce time.Duration
	// MaxWait bounds how long a batch can grow; 0 means 20 × Debounce.
	MaxWait time.Duration
	// SkipDirs are folders, relative to the root, that are never watched.
	SkipDirs []string
}

// Watcher watches a folder tree.
type Watcher struct {
	root    string
	opts    Options
	fsw     *fsnotify.Watcher
	batches chan []string
	errs    chan error
	done    chan struct{}
	once    sync.Once
}

// New starts watching root.
func New(root string, opts Options) (*Watcher, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = 10 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = 20 * opts.Debounce
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: root, opts: opts, fsw: fsw,
		batches: make(chan []string, 16), errs: make(chan error, 16), done: make(chan struct{})}
	if _, err := w.addTree(root); err != nil {
		fsw.Close()
		return nil, err
	}
	in := make(chan string, 256)
	go w.translate(in)
	go batch(in, w.batches, opts.Debounce, opts.MaxWait)
	return w, nil
}

// Batches delivers the batches of changed paths.
func (w *Watcher) Batches() <-chan []string { return w.batches }

// Errors delivers problems of the watch itself (a folder that cannot be
// watched, an event queue overflow).
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching; Batches is closed once the last batch is sent.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		err = w.fsw.Close()
	})
	return err
}

// addTree watches dir and every folder below it, and returns the files it
// found, relative to the root: a folder created (or moved in) after start
// may already hold files by the time it is watched.
func (w *Watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // vanished while walking
		}
		rel := w.rel(p)
		if d.IsDir() {
			if p != dir && w.skipDir(rel) {
				return filepath.SkipDir
			}
			if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			return nil
		}
		if !ignored(d.Name()) {
			files = append(files, rel)
		}
		return nil
	})
	return files, err
}

func (w *Watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

func (w *Watcher) skipDir(rel string) bool {
	base := filepath.Base(rel)
	if strings.HasPrefix(base, ".") || base == "node_modules" {
		return true
	}
	for _, s := range w.opts.SkipDirs {
		s = strings.Trim(filepath.ToSlash(s), "/")
		if rel == s || strings.HasPrefix(rel, s+"/") {
			return true
		}
	}
	return false
}

// translate turns fsnotify events into relative paths, watching new
// folders as they appear.
func (w *Watcher) translate(out chan<- string) {
	defer close(out)
	for {
		select {
		case <-w.done:
			return
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			select {
			case w.errs <- err:
			default:
			}
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod || ignored(filepath.Base(ev.Name)) {
				continue
			}
			rel := w.rel(ev.Name)
			if rel == "." || strings.HasPrefix(rel, "../") || w.inSkipped(rel) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					if w.skipDir(rel) {
						continue
					}
					files, err := w.addTree(ev.Name)
					if err != nil {
						select {
						case w.errs <- err:
						default:
						}
					}
					for _, f := range files {
						out <- f
					}
				}
			}
			out <- rel
		}
	}
}

// inSkipped reports whether a path lies in a folder that is not watched.
func (w *Watcher) inSkipped(rel string) bool {
	dir := rel
	for {
		i := strings.LastIndexByte(dir, '/')
		if i < 0 {
			return false
		}
		dir = dir[:i]
		if w.skipDir(dir) {
			return true
		}
	}
}

// batch collects paths from in and sends them on out as sorted, unique
// batches once in has been quiet for debounce, or maxWait after the first
// path of a batch.
func batch(in <-chan string, out chan<- []string, debounce, maxWait time.Duration) {
	defer close(out)
	var (
		pending  = map[string]bool{}
		quiet    *time.Timer
		deadline *time.Timer
		fire     <-chan time.Time
		force    <-chan time.Time
	)
	flush := func() {
		if len(pending) == 0 {
			return
		}
		paths := make([]string, 0, len(pending))
		for p := range pending {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		out <- paths
		pending = map[string]bool{}
		fire, force = nil, nil
	}
	for {
		select {
		case p, ok := <-in:
			if !ok {
				flush()
				return
			}
			if len(pending) == 0 {
				deadline = time.NewTimer(maxWait)
				force = deadline.C
			}
			pending[p] = true
			if quiet != nil {
				quiet.Stop()
			}
			quiet = time.NewTimer(debounce)
			fire = quiet.C
		case <-fire:
			deadline.Stop()
			flush()
		case <-force:
			quiet.Stop()
			flush()
		}
	}
}

// ignored reports whether a file name is editor noise rather than a change
// of the site.
func ignored(name string) bool {
	switch {
	case name == "4913", name == ".DS_Store", name == "Thumbs.db":
		return true
	case strings.HasSuffix(name, "~"):
		return true
	case strings.HasPrefix(name, ".#"), strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	case strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swo"), strings.HasSuffix(name, ".swx"):
		return true
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	case strings.HasSuffix(name, ".crdownload"), strings.HasSuffix(name, ".part"):
		return true
	}
	return false
}
