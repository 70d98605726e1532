// Package publish writes a built site to disk. It is the only package that
// writes files.
//
// # Rules
//
// The output is written into a fresh temporary folder beside the target and
// swapped in only when every file is written, so a failed or interrupted
// build never leaves a half-written site: the previous output stays as it
// was.
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
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"blog/internal/site"
)

// Marker is the file that marks a folder as written by blog build.
const Marker = ".blog-output"

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
// from many goroutines.
type Writer struct {
	dir, tmp string

	mu   sync.Mutex
	dirs map[string]bool
	res  Result
}

// Begin checks that dir may be replaced and starts its new version.
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
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return nil, err
	}
	return &Writer{dir: dir, tmp: tmp, dirs: map[string]bool{tmp: true}}, nil
}

// Write writes one file into the new version.
func (w *Writer) Write(f *site.File) error {
	dst := filepath.Join(w.tmp, filepath.FromSlash(f.Path))
	dir := filepath.Dir(dst)
	w.mu.Lock()
	made := w.dirs[dir]
	w.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		w.mu.Lock()
		w.dirs[dir] = true
		w.mu.Unlock()
	}
	n, err := writeFile(f, dst)
	w.mu.Lock()
	w.res.Files++
	w.res.Bytes += n
	w.mu.Unlock()
	return err
}

// Commit marks the new version as blog's and puts it in the target's place.
func (w *Writer) Commit() (Result, error) {
	err := os.WriteFile(filepath.Join(w.tmp, Marker), []byte(markerText), 0o644)
	if err == nil {
		err = os.Chmod(w.tmp, 0o755)
	}
	if err == nil {
		err = swap(w.tmp, w.dir)
	}
	if err != nil {
		w.Abort()
		return Result{}, err
	}
	return w.res, nil
}

// Abort drops the new version; the previous output stays as it was.
func (w *Writer) Abort() { os.RemoveAll(w.tmp) }

// checkTarget refuses output folders that would destroy sources.
func checkTarget(dir, siteDir string) error {
	site, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
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
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("output folder %s has files that blog build did not write (no %s marker); empty it or choose another folder", dir, Marker)
	}
	return nil
}

// within reports whether p is inside dir (not equal to it). A child named
// like "..public" is inside: only a ".." element leads out.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// swap puts tmp in dir's place and removes the old output.
func swap(tmp, dir string) error {
	_, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dir)
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(old, dir)
		return err
	}
	return os.RemoveAll(old)
}

// writeAll writes every file of out, over all cores.
func writeAll(out *site.Output, w *Writer) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	next := make(chan *site.File)
	for range max(4, runtime.GOMAXPROCS(0)*2) {
		wg.Go(func() {
			for f := range next {
				if err := w.Write(f); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		})
	}
	for _, f := range out.Files {
		next <- f
	}
	close(next)
	wg.Wait()
	return first
}

func writeFile(f *site.File, dst string) (int64, error) {
	if f.Generated() {
		data, err := f.Bytes()
		if err != nil {
			return 0, err
		}
		return int64(len(data)), os.WriteFile(dst, data, 0o644)
	}
	in, err := f.Source.Open(f.SourcePath)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	w, err := os.Create(dst)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(w, in)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return n, err
}
