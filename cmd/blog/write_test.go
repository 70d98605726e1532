package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestInitMakesASiteThatBuildsAndChecksClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-blog")
	if code, _, stderr := runCmd("init", dir, "--title", "내 \"블로그\""); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	for _, f := range []string{"blog.yaml", "content/posts/hello/index.ko.md", "content/posts/hello/index.en.md", "README.md", ".github/workflows/pages.yml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	var wf map[string]any
	data, _ := os.ReadFile(filepath.Join(dir, ".github/workflows/pages.yml"))
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Errorf("workflow is not YAML: %v", err)
	}
	if code, _, stderr := runCmd("build", "-s", dir); code != 0 {
		t.Fatalf("build of a new site: %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "en", "posts", "hello", "index.html")); err != nil {
		t.Error(err)
	}
	if code, stdout, _ := runCmd("check", "-s", dir); code != 0 || !strings.Contains(stdout, "0 errors, 0 warnings") {
		t.Errorf("check of a new site: %d\n%s", code, stdout)
	}
	if code, _, stderr := runCmd("init", dir); code != 1 || !strings.Contains(stderr, "not empty") {
		t.Errorf("init over a site: %d %s", code, stderr)
	}
}

func TestNewPostGetsTheNextIDAHangulSlugAndNeverOverwrites(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"blog.yaml":           "title: T\n",
		"content/posts/a.md":  "---\nid: 41\ntitle: A\ndate: 2024-01-01\n---\n",
		"content/posts/b.txt": "[ID: 7]\n[Title: B]\n[WriteTime: 2024-01-02]\n\nbody\n",
	})
	code, stdout, stderr := runCmd("new", "컴퓨터 구조 정리", "-s", dir)
	if code != 0 {
		t.Fatalf("new: %d %s", code, stderr)
	}
	file := filepath.Join(dir, "content", "posts", "컴퓨터-구조-정리.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (stdout %s)", err, stdout)
	}
	if !strings.Contains(string(data), "id: 42\n") || !strings.Contains(string(data), "title: 컴퓨터 구조 정리\n") {
		t.Errorf("new post:\n%s", data)
	}
	// Its translation takes the same id.
	if code, _, stderr := runCmd("new", "Computer architecture notes", "--lang", "en", "--slug", "컴퓨터-구조-정리", "-s", dir); code != 0 {
		t.Fatalf("new --lang en: %d %s", code, stderr)
	}
	en, _ := os.ReadFile(filepath.Join(dir, "content", "posts", "컴퓨터-구조-정리.en.md"))
	if !strings.Contains(string(en), "id: 42\n") {
		t.Errorf("translation:\n%s", en)
	}
	// The same again is refused, and the file is untouched.
	if code, _, stderr := runCmd("new", "컴퓨터 구조 정리", "-s", dir); code != 1 || !strings.Contains(stderr, "already has the slug") {
		t.Errorf("second new: %d %s", code, stderr)
	}
	if again, _ := os.ReadFile(file); string(again) != string(data) {
		t.Error("existing post changed")
	}
	if code, _, _ := runCmd("new", "Bundle", "--bundle", "-s", dir); code != 0 {
		t.Error("new --bundle failed")
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "posts", "bundle", "index.ko.md")); err != nil {
		t.Error(err)
	}
	if code, _, stderr := runCmd("build", "-s", dir, "--drafts"); code != 0 {
		t.Errorf("site with new posts does not build: %s", stderr)
	}
}

func TestCheckReportsJSONAndFailsOnErrors(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\n[x](/posts/nope/)\n",
	})
	code, stdout, _ := runCmd("check", "-s", dir, "--format", "json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var found []map[string]any
	if err := json.Unmarshal([]byte(stdout), &found); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	var errs int
	for _, f := range found {
		if f["severity"] == "error" {
			errs++
			if f["file"] != "content/posts/a.md" || f["line"] != float64(5) {
				t.Errorf("error finding = %v", f)
			}
		}
	}
	if errs != 1 {
		t.Errorf("findings = %v", found)
	}
}
