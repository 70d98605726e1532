package site_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"blog/internal/corpus"
	"blog/internal/site"
)

// files is an output as path → bytes.
type files map[string][]byte

// inMemory builds the site in dir without a cache, as the reference.
func inMemory(t *testing.T, dir string, opts site.BuilderOptions) files {
	t.Helper()
	out, _ := buildOnce(t, dir, opts)
	got := files{}
	for _, f := range out.Files {
		data, err := f.Bytes()
		if !f.Generated() {
			data, err = fs.ReadFile(f.Source, f.SourcePath)
		}
		if err != nil {
			t.Fatal(err)
		}
		got[f.Path] = bytes.Clone(data)
	}
	return got
}

// recorded builds the site in dir as blog build does: files emitted as
// they are made, with the cache folder cacheDir and its record.
func recorded(t *testing.T, dir, cacheDir string, opts site.BuilderOptions) (files, *site.Output) {
	t.Helper()
	var mu sync.Mutex
	got := files{}
	opts.Cache = openCache(t, cacheDir)
	opts.Replay = true
	opts.Emit = func(f *site.File) error {
		data, err := f.Bytes()
		if !f.Generated() {
			data, err = fs.ReadFile(f.Source, f.SourcePath)
		}
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		if _, twice := got[f.Path]; twice {
			t.Errorf("%s emitted twice", f.Path)
		}
		got[f.Path] = bytes.Clone(data)
		return nil
	}
	out, _ := buildOnce(t, dir, opts)
	return got, out
}

// differ says how two outputs differ, or "".
func differ(got, want files) string {
	var diffs []string
	for p, w := range want {
		if g, ok := got[p]; !ok {
			diffs = append(diffs, p+" missing")
		} else if !bytes.Equal(g, w) {
			diffs = append(diffs, p+" differs")
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, p+" extra")
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("and %d more", len(diffs)-5))
	}
	return strings.Join(diffs, ", ")
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// recordedSite is a generated site with a static file, a page, a link
// among the posts and a post's image, built once with a record.
func recordedSite(t *testing.T) (dir, cacheDir string) {
	dir, cacheDir = t.TempDir(), t.TempDir()
	if _, err := corpus.Generate(dir, 30, 7); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "static/files/notes.txt", "notes\n")
	write(t, dir, "content/pages/about.md", "---\ntitle: 소개\n---\n\n안녕하세요.\n")
	write(t, dir, "content/posts/linked-a.md", "---\ntitle: A\ndate: 2024-01-02T10:00:00+09:00\ntags: [a]\n---\n\nA body.\n")
	write(t, dir, "content/posts/linked-b.md", "---\ntitle: B\ndate: 2024-01-03T10:00:00+09:00\ntags: [b]\n---\n\nB body.\n")
	if err := os.Symlink("linked-a.md", filepath.Join(dir, "content/posts/link.md")); err != nil {
		t.Fatal(err)
	}
	return dir, cacheDir
}

// A build with a record whose reads all give what they gave writes what
// the last build wrote and renders nothing; the output is byte for byte
// a build's without a cache.
func TestReplayWritesWhatABuildWrites(t *testing.T) {
	dir, cacheDir := recordedSite(t)
	want := inMemory(t, dir, site.BuilderOptions{})
	for i, wantReplayed := range []bool{false, true, true} {
		got, out := recorded(t, dir, cacheDir, site.BuilderOptions{})
		if d := differ(got, want); d != "" {
			t.Fatalf("build %d: %s", i+1, d)
		}
		if out.Replayed != wantReplayed {
			t.Fatalf("build %d: replayed %t, want %t", i+1, out.Replayed, wantReplayed)
		}
		if out.Replayed && (out.Posts == 0 || out.Pages == 0 || out.Rendered != 0) {
			t.Errorf("build %d: replayed with %d posts, %d pages, %d rendered", i+1, out.Posts, out.Pages, out.Rendered)
		}
	}
}

// Every change to what a build reads makes the next build a build, whose
// output is what a build without a cache makes; the build after that
// replays it. A change to a file a build only copies is replayed with the
// file's new bytes.
func TestReplayFollowsEveryInput(t *testing.T) {
	dir, cacheDir := recordedSite(t)
	recorded(t, dir, cacheDir, site.BuilderOptions{})
	var post, image string
	filepath.WalkDir(filepath.Join(dir, "content/posts"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && post == "" && strings.HasSuffix(p, ".md") && !strings.Contains(p, "linked") && d.Type().IsRegular() {
			post = p
		}
		if err == nil && image == "" && strings.HasSuffix(p, ".png") {
			image = p
		}
		return nil
	})
	if post == "" || image == "" {
		t.Fatal("the generated site has no post or no image")
	}
	png, err := os.ReadFile(image)
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	steps := []struct {
		name     string
		change   func()
		opts     site.BuilderOptions
		replayed bool // the first build after the change
	}{
		{name: "a post's body", change: func() {
			data, _ := os.ReadFile(post)
			os.WriteFile(post, append(data, "\n\nOne more line.\n"...), 0o644)
		}},
		{name: "a new post", change: func() {
			write(t, dir, "content/posts/new-one.md", "---\ntitle: New\ndate: 2024-02-01T10:00:00+09:00\n---\n\nNew.\n")
		}},
		{name: "a post removed", change: func() { os.Remove(filepath.Join(dir, "content/posts/new-one.md")) }},
		{name: "a new static file", change: func() { write(t, dir, "static/files/more.txt", "more\n") }},
		{name: "a copied file's bytes", replayed: true, change: func() { write(t, dir, "static/files/notes.txt", "other notes\n") }},
		{name: "an image", change: func() {
			// Its sizes and copies are read from its bytes.
			os.WriteFile(image, append(bytes.Clone(png), 0), 0o644)
		}},
		{name: "a link that leads elsewhere", change: func() {
			p := filepath.Join(dir, "content/posts/link.md")
			os.Remove(p)
			os.Symlink("linked-b.md", p)
		}},
		{name: "a page", change: func() {
			write(t, dir, "content/pages/about.md", "---\ntitle: 소개\n---\n\n반갑습니다.\n")
		}},
		{name: "the config", change: func() {
			data, _ := os.ReadFile(filepath.Join(dir, "blog.yaml"))
			os.WriteFile(filepath.Join(dir, "blog.yaml"), bytes.Replace(data, []byte("paginate: 10"), []byte("paginate: 7"), 1), 0o644)
		}},
		{name: "a layout of the site", change: func() {
			write(t, dir, "layouts/404.html", "{{define \"404\"}}<!doctype html><title>gone</title><p>gone{{end}}")
		}},
		{name: "drafts shown", opts: site.BuilderOptions{Options: site.Options{Drafts: true}}},
		{name: "a post dated in the future", change: func() {
			write(t, dir, "content/posts/soon.md", fmt.Sprintf("---\ntitle: Soon\ndate: %s\n---\n\nSoon.\n", later.Format(time.RFC3339)))
		}},
		{name: "its time come", change: func() {
			restore := site.SetClock(func() time.Time { return later.Add(time.Minute) })
			t.Cleanup(restore)
		}},
	}
	for _, s := range steps {
		if s.change != nil {
			s.change()
		}
		want := inMemory(t, dir, s.opts)
		for i, replayed := range []bool{s.replayed, true} {
			got, out := recorded(t, dir, cacheDir, s.opts)
			if d := differ(got, want); d != "" {
				t.Fatalf("%s, build %d: %s", s.name, i+1, d)
			}
			if out.Replayed != replayed {
				t.Fatalf("%s, build %d: replayed %t, want %t", s.name, i+1, out.Replayed, replayed)
			}
		}
	}
}

// A damaged cache costs the replay, never a byte: with the page cache's
// data cut, and with one byte of an entry changed (found only as the
// replay reads it, after some files are written), the build writes every
// file once, as a build without a cache does.
func TestReplayOverADamagedCache(t *testing.T) {
	dir, cacheDir := recordedSite(t)
	want := inMemory(t, dir, site.BuilderOptions{})
	data := filepath.Join(cacheDir, "page", "data")
	for _, damage := range []func([]byte) []byte{
		func(b []byte) []byte { b[len(b)/4] ^= 0x20; return b },
		func(b []byte) []byte { b[len(b)/2] ^= 0x20; return b },
		func(b []byte) []byte { return b[:len(b)/3] },
		func(b []byte) []byte { return b[:len(b)-1] },
	} {
		recorded(t, dir, cacheDir, site.BuilderOptions{})
		recorded(t, dir, cacheDir, site.BuilderOptions{}) // puts back what the last damage took
		if _, out := recorded(t, dir, cacheDir, site.BuilderOptions{}); !out.Replayed {
			t.Fatal("no replay before the damage")
		}
		b, err := os.ReadFile(data)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(data, damage(b), 0o644); err != nil {
			t.Fatal(err)
		}
		got, out := recorded(t, dir, cacheDir, site.BuilderOptions{})
		if d := differ(got, want); d != "" {
			t.Fatalf("after damage: replayed %t, %d files, %d rendered %d cached: %s", out.Replayed, len(got), out.Rendered, out.Cached, d)
		}
		if out.Replayed {
			t.Error("replayed over a damaged cache")
		}
	}
}

// A build that warns keeps its warnings in its record, and its replay
// gives them again.
func TestReplayGivesTheWarningsAgain(t *testing.T) {
	dir, cacheDir := recordedSite(t)
	// Two files one path apart in case only: a warning, not an error.
	write(t, dir, "static/Files/Upper.txt", "upper\n")
	write(t, dir, "static/files/upper.txt", "lower\n")
	var warnings []string
	opts := site.BuilderOptions{Warn: func(msg string) { warnings = append(warnings, msg) }}
	_, out := recorded(t, dir, cacheDir, opts)
	first := warnings
	if out.Replayed || len(first) == 0 {
		t.Fatalf("replayed %t, warnings %q", out.Replayed, first)
	}
	warnings = nil
	if _, out := recorded(t, dir, cacheDir, opts); !out.Replayed {
		t.Fatal("not replayed")
	}
	if strings.Join(warnings, "\n") != strings.Join(first, "\n") {
		t.Errorf("replay warned %q, the build %q", warnings, first)
	}
}
