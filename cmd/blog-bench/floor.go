package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// The file-system floor is what writing a site's output costs with no
// site generator around it: the same folders, the same files with the same
// sizes, created by a minimal program and nothing else. A warm build can
// only approach it, so the bench times it in the same run, as one more
// series, and reports warm/floor.
//
// The floor is this very command run again with a hidden first argument:
//
//	blog-bench floor MANIFEST OUT
//
// MANIFEST lists the output of a cold blog run, one entry a line: "d
// path" for a folder, "f size path" for a file, folders before what they
// hold. The floor makes the folders one after another, then writes the
// files from as many goroutines as there are CPUs (as blog's writer does),
// each with one open, one write and one close.

// floorArg is the hidden first argument that runs the floor.
const floorArg = "floor"

// writeManifest records the folders and file sizes under dir into file.
func writeManifest(dir, file string) (entries int, err error) {
	f, err := os.Create(file)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriter(f)
	err = filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || name == dir {
			return err
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			fmt.Fprintf(w, "d %s\n", filepath.ToSlash(rel))
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "f %d %s\n", info.Size(), filepath.ToSlash(rel))
		default:
			return nil
		}
		entries++
		return nil
	})
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return entries, err
}

// floorFile is one file of the manifest.
type floorFile struct {
	name string
	size int
}

// readManifest reads a manifest into its folders and files.
func readManifest(file string) (dirs []string, files []floorFile, err error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		kind, rest, ok := strings.Cut(line, " ")
		switch {
		case ok && kind == "d":
			dirs = append(dirs, rest)
			continue
		case ok && kind == "f":
			size, name, ok := strings.Cut(rest, " ")
			n, err := strconv.Atoi(size)
			if ok && err == nil && n >= 0 {
				files = append(files, floorFile{name, n})
				continue
			}
		case line == "":
			continue
		}
		return nil, nil, fmt.Errorf("%s:%d: not a manifest entry: %q", file, i+1, line)
	}
	return dirs, files, nil
}

// runFloor creates out and, under it, the folders and files of the
// manifest.
func runFloor(manifest, out string) error {
	dirs, files, err := readManifest(manifest)
	if err != nil {
		return err
	}
	if err := os.Mkdir(out, 0o755); err != nil {
		return err
	}
	for _, d := range dirs {
		if err := os.Mkdir(filepath.Join(out, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	biggest := 0
	for _, f := range files {
		biggest = max(biggest, f.size)
	}
	content := make([]byte, biggest)
	for i := range content {
		content[i] = 'x'
	}
	var (
		wg    sync.WaitGroup
		next  = make(chan floorFile)
		errMu sync.Mutex
		first error
	)
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				if err := os.WriteFile(filepath.Join(out, filepath.FromSlash(f.name)), content[:f.size], 0o644); err != nil {
					errMu.Lock()
					if first == nil {
						first = err
					}
					errMu.Unlock()
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	return first
}
