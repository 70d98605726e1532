package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFloorRecreatesTheFoldersAndFileSizesOfAnOutput(t *testing.T) {
	src := t.TempDir()
	files := map[string]int{"index.html": 1200, "posts/a/index.html": 30, "posts/b/index.html": 0, "tags/x/y/feed.xml": 7}
	for name, size := range files {
		file := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	manifest := filepath.Join(t.TempDir(), "m.txt")
	n, err := writeManifest(src, manifest)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(files) + 6; n != want { // posts posts/a posts/b tags tags/x tags/x/y
		t.Errorf("manifest has %d entries, want %d", n, want)
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := runFloor(manifest, out); err != nil {
		t.Fatal(err)
	}
	for name, size := range files {
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Error(err)
			continue
		}
		if fi.Size() != int64(size) {
			t.Errorf("%s: %d bytes, want %d", name, fi.Size(), size)
		}
	}
}

func TestFloorRefusesAnExistingOutputFolder(t *testing.T) {
	manifest := filepath.Join(t.TempDir(), "m.txt")
	if err := os.WriteFile(manifest, []byte("f 3 a.html\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := runFloor(manifest, t.TempDir()); err == nil {
		t.Error("the floor wrote into a folder that was already there")
	}
}

func TestManifestLineThatIsNoEntryFailsWithItsLine(t *testing.T) {
	manifest := filepath.Join(t.TempDir(), "m.txt")
	if err := os.WriteFile(manifest, []byte("d a\nf x a/b.html\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := readManifest(manifest)
	if err == nil || !strings.Contains(err.Error(), "m.txt:2:") {
		t.Errorf("err = %v, want one at m.txt:2", err)
	}
}
