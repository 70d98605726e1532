// Package publish writes a built site to disk. It is the only package that
// writes files.
//
// # Rules
//
// The output is written into a fresh temporary folder beside the target,
// ".<name>.tmp-<n>", and swapped in only when every file is written, so a
// failed or interrupted build never leaves a half-written site: the
// previous output stays as it was. On Linux the swap is one atomic exchange
// of the two folders (renameat2 with RENAME_EXCHANGE), so at every instant
// the target holds the whole old site or the whole new one; elsewhere it
// is two renames, with a moment between them when the target is missing.
// Every file is written through an os.Root of the temporary folder, and
// its path must be clean (package sitepath): nothing is written outside
// it. A temporary folder left by a build that was killed (its lock file,
// ".<name>.tmp-<n>.lock", no longer held) is removed by the next build.
//
// The output folder carries a marker file (Marker). An existing target is
// replaced only when it has the marker or is empty: a folder of the user's
// own files is never deleted. The target must not be the site folder, a
// folder above it, or any folder holding the site's sources (content/,
// blog.yaml, static/, themes/, layouts/).
package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sync/errgroup"

	"blog/internal/site"
	"blog/internal/sitepath"
)

// marker is the file that marks a folder as written by blog build.
const marker = sitepath.OutputMarker

const markerText = "This folder is written by `blog build` and replaced on every build.\nDelete this file to keep blog from ever replacing the folder.\n"

// Result says what Write did.
type Result struct {
	Files int
	Bytes int64
}

// Write writes out to dir, replacing dir's previous output. siteDir is the
// site's source folder, which dir must not overlap.
func Write(out *site.Output, dir, siteDir string) (Result, error) {
	w, err := Begin(dir, siteDir)
	if err != nil {
		return Result{}, err
	}
	if err := writeAll(out, w); err != nil {
		w.Abort()
		return Result{}, err
	}
	return w.Commit()
}

// Writer writes one build's files into a temporary folder beside the
// target, and swaps it in on Commit. Files can be written as they are
// made, so a build need not hold its whole output in memory. Write is safe
// from many goroutines, and so is Abort, which a signal handler may call
// while files are being written.
type Writer struct {
	dir, tmp string
	root     tree
	lock     *os.File // held while tmp is in use

	mu     sync.Mutex       // guards what follows; never held while waiting
	state  int              // writing, committing, done or aborted
	active sync.WaitGroup   // Writes in progress
	ended  chan struct{}    // closed when Commit or Abort has finished
	dirs   map[string]uint8 // what is known of each folder: dirMade, dirFilled
	res    Result
}

// What a Writer knows of a folder.
const (
	dirMade   = 1 << iota // made, by Prepare or Write
	dirFilled             // a file was written in it
	dirUsed               // it or a folder below it is filled (tidy)
)

const (
	writing = iota
	committing
	done
	aborted
)

// errAborted is what Write returns once the Writer was aborted.
var errAborted = errors.New("the build was stopped")

// Begin checks that dir may be replaced and starts its new version. It
// first removes the temporary folders of builds of dir that were killed.
func Begin(dir, siteDir string) (*Writer, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := checkTarget(dir, siteDir); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(dir)
	// The lock file comes first and is held until the folder is gone, so
	// another build never takes a live folder for a stale one.
	lock, err := os.CreateTemp(parent, tmpPrefix(dir)+"*"+lockSuffix)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lock.Close()
		os.Remove(lock.Name())
		return nil, err
	}
	tmp := strings.TrimSuffix(lock.Name(), lockSuffix)
	if err := os.Mkdir(tmp, 0o755); err != nil {
		unlock(lock)
		return nil, err
	}
	root, err := openTree(tmp)
	if err != nil {
		os.Remove(tmp)
		unlock(lock)
		return nil, err
	}
	// The marker goes in first: it tells a later build that this folder
	// is blog's, should this one be killed.
	if err := writeData(root, marker, []byte(markerText)); err != nil {
		root.close()
		os.RemoveAll(tmp)
		unlock(lock)
		return nil, err
	}
	return &Writer{dir: dir, tmp: tmp, root: root, lock: lock, dirs: map[string]uint8{".": dirMade | dirFilled}, ended: make(chan struct{})}, nil
}

const lockSuffix = ".lock"

// tmpPrefix starts the names of dir's temporary folders.
func tmpPrefix(dir string) string {
	return "." + filepath.Base(dir) + ".tmp-"
}

func unlock(lock *os.File) {
	os.Remove(lock.Name())
	lock.Close() // releases the flock
}

// removeStale removes the temporary folders that builds of dir left when
// they were killed: those beside dir whose lock file no process holds. It
// touches nothing else.
func removeStale(dir string) {
	parent, prefix := filepath.Dir(dir), tmpPrefix(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, lockSuffix) || e.IsDir() {
			continue
		}
		lockPath := filepath.Join(parent, name)
		f, err := os.OpenFile(lockPath, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
			f.Close() // a build is using it
			continue
		}
		tmp := strings.TrimSuffix(lockPath, lockSuffix)
		_, err = os.Lstat(tmp)
		switch {
		case blogs(tmp):
			removeTree(tmp)
			unlock(f)
		case errors.Is(err, fs.ErrNotExist):
			unlock(f) // a lock whose folder is gone
		default:
			f.Close() // not blog's: left as it is
		}
	}
}

// blogs reports a folder that a build of blog made: it holds the marker,
// or nothing at all (a build killed before it wrote the marker).
func blogs(dir string) bool {
	st, err := os.Lstat(dir)
	if err != nil || !st.IsDir() {
		return false
	}
	if _, err := os.Lstat(filepath.Join(dir, marker)); err == nil {
		return true
	}
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}

// Write writes one file into the new version. Its path must be a clean
// relative path (sitepath.Rel): anything else is refused, never written.
func (w *Writer) Write(f *site.File) error {
	if clean, err := sitepath.Rel(f.Path); err != nil || clean != f.Path || clean == marker {
		if err == nil {
			err = fmt.Errorf("is not written as it should be (%s)", clean)
		}
		if clean == marker {
			err = errors.New("is the output's own marker")
		}
		return fmt.Errorf("output file %q %w; nothing is written outside the output folder", f.Path, err)
	}
	w.mu.Lock()
	if w.state != writing {
		w.mu.Unlock()
		return errAborted
	}
	w.active.Add(1)
	dir := path.Dir(f.Path)
	made := w.dirs[dir]&dirMade != 0
	w.dirs[dir] |= dirFilled // before the write: a failed one fails the build
	w.mu.Unlock()
	defer w.active.Done()
	if !made {
		has := func(d string) bool {
			w.mu.Lock()
			defer w.mu.Unlock()
			return w.dirs[d]&dirMade != 0
		}
		note := func(d string) {
			w.mu.Lock()
			w.dirs[d] |= dirMade
			w.mu.Unlock()
		}
		if err := mkdirAll(w.root, dir, has, note); err != nil {
			return err
		}
	}
	n, err := writeFile(f, w.root)
	w.mu.Lock()
	w.res.Files++
	w.res.Bytes += n
	w.mu.Unlock()
	return err
}

// Prepare makes the folders of every file in paths, clean relative paths
// (sitepath.Rel), before any is written, one after another and each
// once: folders made side by side in one parent wait for each other in
// the kernel, and a file's Write then only creates the file. A path that
// is not clean is left to Write, which refuses it.
func (w *Writer) Prepare(paths []string) error {
	dirs := make([]string, 0, len(paths))
	for _, p := range paths {
		if clean, err := sitepath.Rel(p); err != nil || clean != p {
			continue
		}
		if d := path.Dir(p); d != "." && (len(dirs) == 0 || dirs[len(dirs)-1] != d) {
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs)
	dirs = slices.Compact(dirs)
	w.mu.Lock()
	if w.state != writing {
		w.mu.Unlock()
		return errAborted
	}
	w.active.Add(1)
	w.mu.Unlock()
	defer w.active.Done()
	w.mu.Lock()
	f := folders(dirs, func(d string) bool { return w.dirs[d]&dirMade != 0 })
	w.mu.Unlock()
	if f == nil {
		return nil
	}
	// Noted as they are made, so that a Write meanwhile makes none again.
	return w.root.mkdirs(f, func(d string) {
		w.mu.Lock()
		w.dirs[d] |= dirMade
		w.mu.Unlock()
	})
}

// Commit marks the new version as blog's and puts it in the target's place.
func (w *Writer) Commit() (Result, error) {
	w.mu.Lock()
	if w.state != writing {
		w.mu.Unlock()
		<-w.ended // an Abort is removing the folder: let it finish
		return Result{}, errAborted
	}
	w.state = committing
	w.mu.Unlock()
	defer close(w.ended)
	w.active.Wait()
	err := w.tidy()
	w.root.close()
	if err == nil {
		err = os.Chmod(w.tmp, 0o755)
	}
	if err == nil {
		err = swap(w.tmp, w.dir)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		w.state = aborted
		removeTree(w.tmp)
		unlock(w.lock)
		return Result{}, err
	}
	w.state = done
	unlock(w.lock)
	return w.res, nil
}

// tidy removes the folders made that hold no file, deepest first: a
// folder is in the output for the files in it. Prepare can make folders
// that no file is written in, when a build plans files and then makes
// others (a replay of the last build's record that finds a source
// changed, then the build in its place).
func (w *Writer) tidy() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	for d, st := range w.dirs {
		if st&dirFilled == 0 {
			continue
		}
		for ; w.dirs[d]&dirUsed == 0; d = path.Dir(d) {
			w.dirs[d] |= dirUsed
			if d == "." {
				break
			}
		}
	}
	var empty []string
	for d, st := range w.dirs {
		if st&dirMade != 0 && st&dirUsed == 0 {
			empty = append(empty, d)
		}
	}
	// A folder's path is longer than its parent's.
	slices.SortFunc(empty, func(a, b string) int { return len(b) - len(a) })
	for _, d := range empty {
		if err := w.root.rmdir(d); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		delete(w.dirs, d)
	}
	return nil
}

// Abort drops the new version; the previous output stays as it was. It
// waits for the writes in progress to end, and, when Commit has begun, for
// Commit, so that no temporary folder is left either way.
func (w *Writer) Abort() {
	w.mu.Lock()
	switch w.state {
	case committing, aborted:
		w.mu.Unlock()
		<-w.ended // the other one's Commit or Abort
		return
	case done:
		w.mu.Unlock()
		return
	}
	w.state = aborted
	w.mu.Unlock()
	defer close(w.ended)
	w.active.Wait()
	w.root.close()
	removeTree(w.tmp)
	unlock(w.lock)
}

// removeTree removes a folder of blog's with its marker last, so that a
// removal cut short leaves a folder the next build still knows as blog's.
// The folders one level down (a site's thousands of post folders) are
// removed from a few goroutines: removing waits on the file system, and a
// folder's files are removed while another's are.
func removeTree(dir string) {
	entries, _ := os.ReadDir(dir)
	var parts []string // what is removed side by side
	var tops []string  // the top folders, emptied by then
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.Name() == marker:
		case e.IsDir():
			tops = append(tops, p)
			sub, _ := os.ReadDir(p)
			for _, s := range sub {
				parts = append(parts, filepath.Join(p, s.Name()))
			}
		default:
			parts = append(parts, p)
		}
	}
	var g errgroup.Group
	g.SetLimit(2*runtime.GOMAXPROCS(0) + 2)
	for _, p := range parts {
		g.Go(func() error { os.RemoveAll(p); return nil })
	}
	g.Wait()
	for _, p := range tops {
		os.RemoveAll(p)
	}
	os.RemoveAll(dir)
}

// checkTarget refuses output folders that would destroy sources.
func checkTarget(dir, siteDir string) error {
	if st, err := os.Lstat(dir); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("output %s is a symbolic link; give the folder it points to instead (blog replaces the output folder whole)", dir)
	}
	// Where the folders really are: a link to the site inside the output
	// must not hide that the output holds the site.
	site, err := realFolder(siteDir)
	if err != nil {
		return err
	}
	real, err := realFolder(dir)
	if err != nil {
		return err
	}
	if err := checkPlaces(real, site); err != nil {
		return err
	}
	return checkPlaces(dir, site)
}

// realFolder is a folder's absolute path with every link resolved; for a
// folder not made yet, its nearest parent that is there, resolved, joined
// with the rest.
func realFolder(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest), nil
		}
		if filepath.Dir(p) == p {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// checkPlaces refuses output folders that would destroy sources, for a
// site at site; dir and site are both absolute.
func checkPlaces(dir, site string) error {
	if dir == site || within(site, dir) {
		return fmt.Errorf("output folder %s is the site folder or holds it; choose a folder inside the site such as public", dir)
	}
	for _, src := range []string{"content", "blog.yaml", "static", "themes", "layouts", ".git", "go.mod"} {
		p := filepath.Join(site, src)
		if dir == p || within(dir, p) {
			return fmt.Errorf("output folder %s is the site's %s or inside it; choose a folder such as public", dir, src)
		}
	}
	for _, src := range []string{"content", "blog.yaml", "go.mod", ".git"} {
		if _, err := os.Stat(filepath.Join(dir, src)); err == nil {
			return fmt.Errorf("output folder %s holds %s: it looks like a site or project folder, not build output", dir, src)
		}
	}
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("output %s is a file, not a folder", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("output folder %s has files that blog build did not write (no %s marker); empty it or choose another folder", dir, marker)
	}
	return nil
}

// within reports whether p is inside dir (not equal to it). A child named
// like "..public" is inside: only a ".." element leads out.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// swap puts tmp in dir's place and removes the old output, which the
// exchange leaves at tmp.
func swap(tmp, dir string) error {
	_, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dir)
	}
	if err := exchange(tmp, dir); err == nil {
		removeTree(tmp) // the old output, now at tmp; the new one is in place
		return nil
	} else if !errors.Is(err, errNoExchange) {
		return err
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(old, dir)
		return err
	}
	removeTree(old)
	return nil
}

// errNoExchange says the system cannot exchange two folders atomically.
var errNoExchange = errors.New("no atomic exchange")

// writeAll writes every file of out, from a few more goroutines than
// there are cores, as writing waits on the file system.
func writeAll(out *site.Output, w *Writer) error {
	var g errgroup.Group
	g.SetLimit(2*runtime.GOMAXPROCS(0) + 2)
	for _, f := range out.Files {
		g.Go(func() error { return w.Write(f) })
	}
	return g.Wait()
}

func writeFile(f *site.File, root tree) (int64, error) {
	if f.Generated() {
		data, err := f.Bytes()
		if err != nil {
			return 0, err
		}
		return int64(len(data)), writeData(root, f.Path, data)
	}
	in, err := f.Source.Open(f.SourcePath)
	if err != nil {
		return 0, sitepath.Explain(f.Source, f.SourcePath, err)
	}
	defer in.Close()
	w, err := root.create(f.Path)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(w, in)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// writeData writes a new file of root.
func writeData(root tree, name string, data []byte) error { return root.writeNew(name, data) }
