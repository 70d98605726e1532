package site_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"blog/internal/corpus"
	"blog/internal/site"
)

// A build that emits its files as they are made (blog build) writes what
// a build held in memory makes, cold, warm and over a damaged cache; the
// search indexes, made or read from the page cache only as they are
// written, included. The Output then keeps none of the bytes.
func TestEmittedBuildsWriteWhatABuildInMemoryMakes(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 40, 11); err != nil {
		t.Fatal(err)
	}
	want, _ := buildOnce(t, dir, site.BuilderOptions{})
	cacheDir := t.TempDir()
	emit := func(name string) {
		t.Helper()
		var mu sync.Mutex
		written := map[string][]byte{}
		opts := site.BuilderOptions{Cache: openCache(t, cacheDir), Options: site.Options{Emit: func(f *site.File) error {
			data, err := f.Bytes()
			if err != nil {
				return err
			}
			if !f.Generated() {
				if data, err = fs.ReadFile(f.Source, f.SourcePath); err != nil {
					return err
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if _, twice := written[f.Path]; twice {
				t.Errorf("%s: %s emitted twice", name, f.Path)
			}
			written[f.Path] = bytes.Clone(data)
			return nil
		}}}
		out, _ := buildOnce(t, dir, opts)
		if len(written) != len(want.Files) {
			t.Errorf("%s: %d files emitted, want %d", name, len(written), len(want.Files))
		}
		search := 0
		for _, w := range want.Files {
			wb, _ := w.Bytes()
			if !w.Generated() {
				wb, _ = fs.ReadFile(w.Source, w.SourcePath)
			}
			if got, ok := written[w.Path]; !ok || !bytes.Equal(got, wb) {
				t.Errorf("%s: %s emitted %v, differs from the build in memory", name, w.Path, ok)
			}
			if strings.Contains(w.Path, "search/") {
				search++
			}
		}
		if search == 0 {
			t.Fatalf("%s: the site has no search index", name)
		}
		for _, f := range out.Files {
			if data, _ := f.Bytes(); f.Generated() && data != nil {
				t.Errorf("%s: the Output keeps the bytes of %s", name, f.Path)
				break
			}
		}
	}
	emit("cold")
	emit("warm")
	// Every data file of the cache cut short: what is lost is made again.
	err := filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && d.Name() == "data" {
			st, _ := os.Stat(p)
			err = os.Truncate(p, st.Size()/3)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	emit("damaged")
	emit("repaired")
}
