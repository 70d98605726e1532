package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// Besides generated sites, the tests and benchmarks of other packages
// write sites of their own and compare folders: these are the helpers
// they share, so that none keeps a copy.

// WriteFiles writes files (slash paths relative to dir, and their text)
// under dir, making folders as needed.
func WriteFiles(dir string, files map[string]string) error {
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Snapshot is every file, folder and link under dir, by slash path
// relative to it: a file's content, "/" for a folder, "-> target" for a
// link (not followed). skip names paths left out, with all below them.
func Snapshot(dir string, skip ...string) (map[string]string, error) {
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		for _, s := range skip {
			if rel == s {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[rel] = "-> " + target
			return err
		case d.IsDir():
			out[rel] = "/"
		default:
			data, err := os.ReadFile(p)
			out[rel] = string(data)
			return err
		}
		return nil
	})
	return out, err
}

// Diff describes how two snapshots differ, or returns "".
func Diff(before, after map[string]string) string {
	var s string
	for p, b := range before {
		if a, ok := after[p]; !ok {
			s += "  removed " + p + "\n"
		} else if a != b {
			s += "  changed " + p + "\n"
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			s += "  added " + p + "\n"
		}
	}
	return s
}

// BenchPosts is the size of the generated site benchmarks build:
// BLOG_BENCH_POSTS, else 2,000 (the speed targets name 2,000 and 10,000).
func BenchPosts() int {
	if n, err := strconv.Atoi(os.Getenv("BLOG_BENCH_POSTS")); err == nil && n > 0 {
		return n
	}
	return 2000
}
