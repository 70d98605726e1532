package site_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"blog/internal/content"
	"blog/internal/corpus"
	"blog/internal/site"
)

// TestUpdateMatchesAFreshBuild edits posts of a generated site the ways a
// writer does, rebuilds with Update after each edit, and checks that the
// result is byte for byte what a new Builder makes of the same files. An
// edit of one post's body renders a few pages (its own, the lists that show
// it), not the site.
func TestUpdateMatchesAFreshBuild(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 40, 7); err != nil {
		t.Fatal(err)
	}
	posts, _ := filepath.Glob(filepath.Join(dir, "content", "posts", "*.ko.md"))
	enPosts, _ := filepath.Glob(filepath.Join(dir, "content", "posts", "*.en.md"))
	if len(posts) < 3 || len(enPosts) < 1 {
		t.Fatalf("corpus has %d Korean and %d English post files; want more", len(posts), len(enPosts))
	}
	opts := site.BuilderOptions{Options: site.Options{Defer: true}}
	b, err := site.NewBuilder(os.DirFS(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	edits := []struct {
		name  string
		files []string
		edit  func(string) string
		few   bool     // only a few pages show what changed
		also  []string // other files written in the same batch, relative to the site
	}{
		{"body", posts[:1], func(s string) string { return s + "\n끝에 덧붙인 문장.\n" }, true, nil},
		{"heading", posts[1:2], func(s string) string { return s + "\n## 새 제목 New heading\n\n본문.\n" }, true, nil},
		{"code block", posts[:1], func(s string) string { return s + "\n```go\nfunc main() { fmt.Println(\"안녕\") }\n```\n" }, true, nil},
		{"two posts", []string{posts[2], enPosts[0]}, lastStop, true, nil},
		{"summary", posts[1:2], func(s string) string { return strings.Replace(s, "\n\n", "\n\n요약을 바꾼다. ", 1) }, false, nil},
		{"tags", posts[:1], func(s string) string { return strings.Replace(s, "tags: [", "tags: [새태그, ", 1) }, false, nil},
		{"title", enPosts[:1], func(s string) string { return strings.Replace(s, "title: ", "title: Renamed ", 1) }, false, nil},
		{"body after title", enPosts[:1], lastStop, true, nil},
		{"body and a new static file", posts[:1], lastStop, false, []string{"static/img/new.png"}},
		// The same words, but now the post has a diagram: the site must ship
		// the diagram script.
		{"first diagram", posts[2:3], func(s string) string { return strings.Replace(s, "```yaml", "```mermaid", 1) }, false, nil},
	}
	for _, e := range edits {
		var rel []string
		for _, f := range e.files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			changed := e.edit(string(data))
			if changed == string(data) {
				t.Fatalf("%s: the edit changed nothing in %s", e.name, f)
			}
			if err := os.WriteFile(f, []byte(changed), 0o644); err != nil {
				t.Fatal(err)
			}
			r, _ := filepath.Rel(dir, f)
			rel = append(rel, filepath.ToSlash(r))
		}
		for _, a := range e.also {
			f := filepath.Join(dir, filepath.FromSlash(a))
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, []byte("png"), 0o644); err != nil {
				t.Fatal(err)
			}
			rel = append(rel, a)
		}
		got, _, err := b.Update(rel)
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		if e.few && got.Rendered > got.Pages/5 {
			t.Errorf("%s: %d of %d pages rendered again", e.name, got.Rendered, got.Pages)
		}
		want, _ := buildOnce(t, dir, opts)
		if diff := compareOutputs(got, want); diff != "" {
			t.Errorf("%s: Update differs from a fresh build: %s", e.name, diff)
		}
	}
}

// lastStop turns the last full stop of a post into an exclamation mark:
// a body edit that keeps the word count, and so the reading time that
// lists show.
func lastStop(s string) string {
	i := strings.LastIndex(s, ".")
	return s[:i] + "!" + s[i+1:]
}

// compareOutputs describes the first difference between two outputs, or
// returns "".
// buildOnce builds the site in dir with a new Builder and closes it, as
// one run of blog build does.
func buildOnce(t *testing.T, dir string, opts site.BuilderOptions) (*site.Output, *content.Set) {
	t.Helper()
	b, err := site.NewBuilder(os.DirFS(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	out, set, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	return out, set
}

func compareOutputs(got, want *site.Output) string {
	if len(got.Files) != len(want.Files) {
		return fmt.Sprintf("%d files, want %d", len(got.Files), len(want.Files))
	}
	if got.Pages != want.Pages {
		return fmt.Sprintf("%d pages, want %d", got.Pages, want.Pages)
	}
	for i, w := range want.Files {
		g := got.Files[i]
		if g.Path != w.Path {
			return fmt.Sprintf("file %d is %s, want %s", i, g.Path, w.Path)
		}
		gb, err1 := g.Bytes()
		wb, err2 := w.Bytes()
		if err1 != nil || err2 != nil {
			return fmt.Sprintf("%s: %v %v", g.Path, err1, err2)
		}
		if !bytes.Equal(gb, wb) || g.SourcePath != w.SourcePath {
			return fmt.Sprintf("%s differs", g.Path)
		}
	}
	return ""
}

// TestBodyCacheGivesTheSameSite builds a generated site with a cache
// folder, then again with a new Builder, as a second `blog build` would:
// the second build renders no post body and writes the very same files.
// A damaged cache only means the work is done again.
func TestBodyCacheGivesTheSameSite(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 30, 3); err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	build := func() (*site.Output, int, int) {
		t.Helper()
		b, err := site.NewBuilder(os.DirFS(dir), site.BuilderOptions{Cache: openCache(t, cacheDir)})
		if err != nil {
			t.Fatal(err)
		}
		out, set, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		reused, rendered := b.BodyStats()
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		if reused+rendered != len(set.Posts) {
			t.Errorf("%d bodies reused and %d rendered for %d posts", reused, rendered, len(set.Posts))
		}
		return out, reused, rendered
	}
	want, _ := buildOnce(t, dir, site.BuilderOptions{})
	cold, reused, _ := build()
	if reused != 0 {
		t.Errorf("cold build reused %d bodies from an empty cache", reused)
	}
	if diff := compareOutputs(cold, want); diff != "" {
		t.Errorf("cold build with a cache differs from one without: %s", diff)
	}
	warm, _, rendered := build()
	if rendered != 0 {
		t.Errorf("warm build rendered %d bodies, want 0", rendered)
	}
	if diff := compareOutputs(warm, want); diff != "" {
		t.Errorf("warm build differs from one without a cache: %s", diff)
	}

	// Cut the data file short, as an interrupted write would: the entries
	// past the end are made again, the rest are used.
	data := filepath.Join(cacheDir, "body", "data")
	st, err := os.Stat(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(data, st.Size()/2); err != nil {
		t.Fatal(err)
	}
	damaged, reused, rendered := build()
	if reused == 0 || rendered == 0 {
		t.Errorf("after damage: %d reused, %d rendered; want some of each", reused, rendered)
	}
	if diff := compareOutputs(damaged, want); diff != "" {
		t.Errorf("build over a damaged cache differs: %s", diff)
	}
	// The entries made again were appended where the lost ones had been:
	// the old index records must not find them.
	again, _, rendered := build()
	if rendered != 0 {
		t.Errorf("after repair: %d bodies rendered, want 0", rendered)
	}
	if diff := compareOutputs(again, want); diff != "" {
		t.Errorf("build after the repair differs: %s", diff)
	}
}

// TestDamagedCacheNeverChangesTheSite warms a cache folder with a
// generated site, then, many times, writes random bytes at random places
// of random files of a copy of it (data files, indexes, salts, locks) and
// builds over the copy: every build is byte for byte the build made
// without a cache.
func TestDamagedCacheNeverChangesTheSite(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 24, 7); err != nil {
		t.Fatal(err)
	}
	want, _ := buildOnce(t, dir, site.BuilderOptions{})
	warm := t.TempDir()
	buildOnce(t, dir, site.BuilderOptions{Cache: openCache(t, warm)})
	var files []string
	filepath.WalkDir(warm, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(warm, p)
			files = append(files, rel)
		}
		return nil
	})
	if len(files) < 6 {
		t.Fatalf("the warm cache holds only %v", files)
	}
	rounds := 60
	if testing.Short() {
		rounds = 10
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range rounds {
		cacheDir := t.TempDir()
		if err := os.CopyFS(cacheDir, os.DirFS(warm)); err != nil {
			t.Fatal(err)
		}
		var damaged []string
		for range 1 + rng.IntN(6) {
			name := files[rng.IntN(len(files))]
			p := filepath.Join(cacheDir, name)
			data, err := os.ReadFile(p)
			if err != nil || len(data) == 0 {
				continue
			}
			at := rng.IntN(len(data))
			n := min(len(data)-at, 1+rng.IntN(64))
			for i := range n {
				data[at+i] = byte(rng.UintN(256))
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			damaged = append(damaged, fmt.Sprintf("%s@%d+%d", name, at, n))
		}
		got, _ := buildOnce(t, dir, site.BuilderOptions{Cache: openCache(t, cacheDir)})
		if diff := compareOutputs(got, want); diff != "" {
			t.Fatalf("round %d, damage %v: the site differs from a build without a cache: %s", round, damaged, diff)
		}
	}
}

// TestDamagedBodiesFoundByTheirMemosGiveTheSameSite: a warm build finds a
// post's body through its memo without reading it. With the page cache
// gone (so every page is made again and needs its body) and bytes of the
// body cache damaged throughout, the site is still byte for byte the one
// a build without any cache makes: a damaged body is rendered again from
// its file, never published as it was, never an error.
func TestDamagedBodiesFoundByTheirMemosGiveTheSameSite(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 30, 5); err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	build := func() *site.Output { return buildCached(t, dir, cacheDir) }
	want, _ := buildOnce(t, dir, site.BuilderOptions{})
	build()
	data := filepath.Join(cacheDir, "body", "data")
	b, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := 100; i < len(b); i += 4093 {
		b[i] ^= 0x20
	}
	if err := os.WriteFile(data, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(cacheDir, "page")); err != nil {
		t.Fatal(err)
	}
	if diff := compareOutputs(build(), want); diff != "" {
		t.Errorf("build over damaged bodies differs from one without a cache: %s", diff)
	}
	if diff := compareOutputs(build(), want); diff != "" {
		t.Errorf("the build after it differs: %s", diff)
	}
}
