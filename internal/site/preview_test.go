package site_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"blog/internal/corpus"
	"blog/internal/site"
)

// copySite copies this blog's own site (blog.yaml and content/, with its
// bundles, images, authors and diagrams) into a new folder.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../blog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "blog.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// servedBuilder builds the site in dir as blog serve does (no cache
// folder, deferred search indexes) and returns the Builder, closed when
// the test ends, and its first output.
func servedBuilder(t *testing.T, dir string) (*site.Builder, *site.Output) {
	t.Helper()
	b, err := site.NewBuilder(os.DirFS(dir), site.BuilderOptions{Options: site.Options{Defer: true}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	out, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return b, out
}

// TestPreviewIsWhatUpdateMakes edits posts the ways a writer does, in a
// generated site and in a copy of this blog, and checks that each page
// Preview gives is byte for byte the page the Update after it makes; and
// that an edit that moves a post (its date, its slug, its drafting) or
// breaks its file gives no preview, so that only the Update shows it.
func TestPreviewIsWhatUpdateMakes(t *testing.T) {
	gen := t.TempDir()
	if _, err := corpus.Generate(gen, 30, 3); err != nil {
		t.Fatal(err)
	}
	own := copySite(t)
	date := regexp.MustCompile(`(?m)^date: (\d{4})`)
	desc := regexp.MustCompile(`(?m)^description: .*$`)
	edits := []struct {
		name    string
		edit    func(s string, i int) string
		preview bool
	}{
		{"body", func(s string, _ int) string { return s + "\n끝에 덧붙인 문장입니다.\n" }, true},
		{"heading and code", func(s string, _ int) string {
			return s + "\n## 새 절 New section\n\n```go\nfunc main() { fmt.Println(\"안녕\") }\n```\n"
		}, true},
		{"summary", func(s string, _ int) string {
			return strings.Replace(s, "\n\n", "\n\n요약 앞에 넣은 문장. ", 1)
		}, true},
		{"tags", func(s string, _ int) string {
			return strings.Replace(s, "tags: [", "tags: [새태그, Preview Tag, ", 1)
		}, true},
		{"title", func(s string, _ int) string { return strings.Replace(s, "title: ", "title: 바뀐 ", 1) }, true},
		{"description", func(s string, _ int) string {
			if desc.MatchString(s) {
				return desc.ReplaceAllString(s, `description: "새 설명 <b>굵게</b>"`)
			}
			return strings.Replace(s, "\ntags: ", "\ndescription: \"새 설명 <b>굵게</b>\"\ntags: ", 1)
		}, true},
		{"date", func(s string, _ int) string { return date.ReplaceAllString(s, "date: 2019") }, false},
		{"slug", func(s string, i int) string {
			return strings.Replace(s, "\ntags: ", fmt.Sprintf("\nslug: moved-by-preview-test-%d\ntags: ", i), 1)
		}, false},
		{"draft", func(s string, _ int) string { return strings.Replace(s, "\ntags: ", "\ndraft: true\ntags: ", 1) }, false},
		{"broken header", func(s string, _ int) string { return strings.Replace(s, "\ntags: [", "\ntags: [[", 1) }, false},
	}
	for _, dir := range []string{gen, own} {
		files, _ := filepath.Glob(filepath.Join(dir, "content", "posts", "*.md"))
		bundles, _ := filepath.Glob(filepath.Join(dir, "content", "posts", "*", "index.*.md"))
		files = append(files, bundles...)
		if len(files) < 6 {
			t.Fatalf("%s: %d post files", dir, len(files))
		}
		b, _ := servedBuilder(t, dir)
		previews := 0
		for i, file := range files {
			e := edits[i%len(edits)]
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			edited := e.edit(string(data), i)
			if edited == string(data) {
				continue // the post has no such line
			}
			if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, file)
			rel = filepath.ToSlash(rel)
			got := b.Preview([]string{rel})
			if !e.preview {
				if len(got) > 0 {
					t.Errorf("%s: the %s edit gave a preview of %s; it moves the post or breaks it, so only Update may show it", rel, e.name, got[0].Path)
				}
			} else if len(got) != 1 {
				t.Errorf("%s: the %s edit gave %d previews, want 1", rel, e.name, len(got))
			}
			out, _, err := b.Update([]string{rel})
			if err != nil {
				if e.name == "broken header" {
					// Put it back, so later edits build.
					if err := os.WriteFile(file, data, 0o644); err != nil {
						t.Fatal(err)
					}
					if _, _, err := b.Update([]string{rel}); err != nil {
						t.Fatal(err)
					}
					continue
				}
				t.Fatalf("%s after the %s edit: %v", rel, e.name, err)
			}
			for _, f := range got {
				previews++
				want := out.Lookup(f.Path)
				if want == nil {
					t.Errorf("%s: the %s edit previewed %s, which Update does not make", rel, e.name, f.Path)
					continue
				}
				wantData, err := want.Bytes()
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(f.Data, wantData) {
					t.Errorf("%s: after the %s edit, the preview of %s differs from Update's page:\n%s", rel, e.name, f.Path, firstDiff(f.Data, wantData))
				}
			}
		}
		if previews < 3 {
			t.Errorf("%s: only %d previews compared", dir, previews)
		}
	}
}

// firstDiff shows where two pages first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	cut := func(s []byte) string {
		return string(s[max(0, i-80):min(len(s), i+120)])
	}
	return "preview: …" + cut(a) + "…\nupdate:  …" + cut(b) + "…"
}

// TestInterruptedUpdateLeavesTheBuilderWhole: an Update interrupted
// (blog serve does it when a newer save comes) returns ErrInterrupted and
// no output; the Update of the same files after it builds what a fresh
// Builder does, and Preview still works from the last finished build.
func TestInterruptedUpdateLeavesTheBuilderWhole(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 30, 5); err != nil {
		t.Fatal(err)
	}
	b, first := servedBuilder(t, dir)
	files, _ := filepath.Glob(filepath.Join(dir, "content", "posts", "*.ko.md"))
	file := files[3]
	data, _ := os.ReadFile(file)
	edited := strings.Replace(string(data), "tags: [", "tags: [끊긴태그, ", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, file)
	rel = filepath.ToSlash(rel)
	b.InterruptNext()
	if out, _, err := b.Update([]string{rel}); !errors.Is(err, site.ErrInterrupted) || out != nil {
		t.Fatalf("interrupted Update: %v, %v; want ErrInterrupted and no output", out != nil, err)
	}
	if got := b.Preview([]string{rel}); len(got) != 1 || !bytes.Contains(got[0].Data, []byte("끊긴태그")) {
		t.Errorf("Preview after an interrupted Update: %d pages", len(got))
	}
	out, _, err := b.Update([]string{rel})
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := buildOnce(t, dir, site.BuilderOptions{Options: site.Options{Defer: true}})
	if diff := compareOutputs(out, fresh); diff != "" {
		t.Errorf("the Update after an interrupted one differs from a fresh build: %s", diff)
	}
	if out.Lookup("tags/끊긴태그/index.html") == nil || first.Lookup("tags/끊긴태그/index.html") != nil {
		t.Error("the new tag's page is not in the Update after the interrupted one")
	}
}

// TestPreviewRefusesWhatThePlanMustSee: batches that change more than
// where one post's page stands give no preview: authors.yaml or an image
// saved with the post, both versions of a post at once, a post's first
// diagram (the site must then ship the diagram script).
func TestPreviewRefusesWhatThePlanMustSee(t *testing.T) {
	dir := copySite(t)
	b, _ := servedBuilder(t, dir)
	ko, en := "content/posts/hello-blog.ko.md", "content/posts/hello-blog.en.md"
	appendTo := func(rel, text string) {
		t.Helper()
		f, err := os.OpenFile(filepath.Join(dir, rel), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(text); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	appendTo(ko, "\n덧붙인 문장.\n")
	if got := b.Preview([]string{ko}); len(got) != 1 {
		t.Fatalf("a body edit alone gave %d previews, want 1", len(got))
	}
	for _, batch := range [][]string{
		{ko, "content/authors.yaml"},
		{ko, "static/favicon.ico"},
		{ko, en},
	} {
		if got := b.Preview(batch); len(got) != 0 {
			t.Errorf("the batch %v gave a preview of %s", batch, got[0].Path)
		}
	}
	appendTo(ko, "\n```mermaid\ngraph TD; A-->B\n```\n")
	if got := b.Preview([]string{ko}); len(got) != 0 {
		t.Errorf("a post's first diagram gave a preview of %s", got[0].Path)
	}
}
