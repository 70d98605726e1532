package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"blog/internal/corpus"
)

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBuildListsEveryProblemAndWritesNothing(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/posts/a.md":       "---\ntitle: A\ndate: 2024-13-01\n---\n",
		"content/posts/b.md":       "---\ntitle: [broken\n---\n",
		"content/posts/c.md":       "---\ndate: 2024-01-01\n---\n",
		"content/posts/d.en.md":    "---\nid: 1\ntitle: D\ndate: 2024-01-01\n---\n",
		"content/posts/e.en.md":    "---\nid: 1\ntitle: E\ndate: 2024-01-01\n---\n",
		"content/posts/f/index.md": "---\ntitle: F\ndate: 2024-01-01\nimages: [gone.png]\n---\n",
	})
	code, stdout, stderr := runCmd("build", "-s", dir)
	if code != 1 {
		t.Fatalf("exit code %d, want 1\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	for _, want := range []string{
		"content/posts/a.md:3: date:",
		"content/posts/b.md:2: front matter:",
		"content/posts/c.md:1: title is missing",
		"content/posts/e.en.md:2: id 1 is already used by content/posts/d.en.md",
		"content/posts/f/index.md:4: image \"gone.png\" does not exist",
		"5 problems; nothing was written",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("public/ exists after a failed build: %v", err)
	}
}

func TestBuildOfThisBlogWritesPublic(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCmd("build", "-s", "../..", "-o", filepath.Join(out, "public"))
	if code != 0 {
		t.Fatalf("exit code %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "Built ") || !strings.Contains(stdout, "pages") {
		t.Errorf("build did not say what it did: %q", stdout)
	}
	for _, f := range []string{"index.html", "en/index.html", "tags/index.html", "posts/kube-rs-contributions/index.html", "css/chroma.css", ".blog-output"} {
		if _, err := os.Stat(filepath.Join(out, "public", f)); err != nil {
			t.Error(err)
		}
	}
}

func TestHelpExplainsEveryCommand(t *testing.T) {
	code, stdout, _ := runCmd("help")
	if code != 0 || !strings.Contains(stdout, "build") || !strings.Contains(stdout, "serve") {
		t.Errorf("help: code %d\n%s", code, stdout)
	}
	code, _, stderr := runCmd("build", "-h")
	if code != 0 || !strings.Contains(stderr, "-baseURL") || !strings.Contains(stderr, "path:line: message") {
		t.Errorf("build -h: code %d\n%s", code, stderr)
	}
}

func TestUnknownCommandAndFlagAreUsageErrors(t *testing.T) {
	if code, _, _ := runCmd("bild"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, _, _ := runCmd("build", "--nope"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
}

// A second blog build of a site nothing of which changed writes the
// first build's files from the cache and says so; after an edit it builds
// again, and its output is what a build without a cache writes.
func TestBuildReplaysAnUnchangedSite(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 12, 3); err != nil {
		t.Fatal(err)
	}
	build := func(out string, args ...string) string {
		t.Helper()
		code, stdout, stderr := runCmd(append([]string{"build", "-s", dir, "-o", filepath.Join(dir, out)}, args...)...)
		if code != 0 {
			t.Fatalf("exit code %d\n%s", code, stderr)
		}
		return stdout
	}
	tree := func(out string) map[string]string {
		t.Helper()
		snap, err := corpus.Snapshot(filepath.Join(dir, out))
		if err != nil {
			t.Fatal(err)
		}
		return snap
	}
	const replayed = "Nothing the last build read has changed"
	if out := build("one"); strings.Contains(out, replayed) {
		t.Fatalf("the first build replayed: %s", out)
	}
	if out := build("two"); !strings.Contains(out, replayed) {
		t.Fatalf("the second build did not replay: %s", out)
	}
	if diff := corpus.Diff(tree("one"), tree("two")); diff != "" {
		t.Fatalf("the replay wrote another site:\n%s", diff)
	}
	posts, _ := filepath.Glob(filepath.Join(dir, "content", "posts", "*.md"))
	if len(posts) == 0 {
		t.Fatal("no post to edit")
	}
	data, err := os.ReadFile(posts[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(posts[0], append(data, "\nAn edit.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := build("three"); strings.Contains(out, replayed) {
		t.Fatalf("the build after an edit replayed: %s", out)
	}
	build("four", "-cacheDir", "")
	if diff := corpus.Diff(tree("four"), tree("three")); diff != "" {
		t.Fatalf("the build after an edit differs from one without a cache:\n%s", diff)
	}
	// The replay makes the folders of the last build's files while it
	// reads the sources again; with a post gone, the build after it keeps
	// none of the post's.
	if out := build("five"); !strings.Contains(out, replayed) {
		t.Fatalf("the build after that did not replay: %s", out)
	}
	if err := os.Remove(posts[1]); err != nil {
		t.Fatal(err)
	}
	if out := build("six"); strings.Contains(out, replayed) {
		t.Fatalf("the build after a post was removed replayed: %s", out)
	}
	build("seven", "-cacheDir", "")
	if diff := corpus.Diff(tree("seven"), tree("six")); diff != "" {
		t.Fatalf("the build after a post was removed differs from one without a cache:\n%s", diff)
	}
	if len(tree("six")) >= len(tree("five")) {
		t.Fatalf("the output kept as many files and folders with a post gone: %d", len(tree("six")))
	}
}
