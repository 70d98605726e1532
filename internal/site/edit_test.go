package site_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"blog/internal/corpus"
	"blog/internal/site"
)

// TestUpdateMatchesAFreshBuild edits posts of a generated site the ways a
// writer does, rebuilds with Update after each edit, and checks that the
// result is byte for byte what a new Builder makes of the same files: the
// short way for body edits (content.Set.Edited) must agree with the long
// way, and the long way with itself.
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
		short bool // the body-only way applies
	}{
		{"body", posts[:1], func(s string) string { return s + "\n끝에 덧붙인 문장.\n" }, true},
		{"heading", posts[1:2], func(s string) string { return s + "\n## 새 제목 New heading\n\n본문.\n" }, true},
		{"code block", posts[:1], func(s string) string { return s + "\n```go\nfunc main() { fmt.Println(\"안녕\") }\n```\n" }, true},
		{"two posts", []string{posts[2], enPosts[0]}, lastStop, true},
		{"summary", posts[1:2], func(s string) string { return strings.Replace(s, "\n\n", "\n\n요약을 바꾼다. ", 1) }, false},
		{"tags", posts[:1], func(s string) string { return strings.Replace(s, "tags: [", "tags: [새태그, ", 1) }, false},
		{"title", enPosts[:1], func(s string) string { return strings.Replace(s, "title: ", "title: Renamed ", 1) }, false},
		{"body after title", enPosts[:1], lastStop, true},
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
		got, set, err := b.Update(rel)
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		if short := set.Edited != nil; short != e.short {
			t.Errorf("%s: took the body-only way: %t, want %t", e.name, short, e.short)
		}
		fresh, err := site.NewBuilder(os.DirFS(dir), opts)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := fresh.Build()
		if err != nil {
			t.Fatal(err)
		}
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
