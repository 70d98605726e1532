package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errOut strings.Builder
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestWritesACorpusAndPrintsItsStats(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	code, out, errOut := runArgs("-n", "10", "-seed", "3", "-o", dir)
	if code != 0 || !strings.Contains(out, "Wrote 10 posts (6 ko, 4 en; 2 bundles)") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "blog.yaml")); err != nil {
		t.Error(err)
	}
}

func TestRefusesAFolderThatIsNotEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runArgs("-n", "5", "-o", dir); code != 1 || !strings.Contains(errOut, "not empty") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestUsage(t *testing.T) {
	if code, _, errOut := runArgs("-h"); code != 0 || !strings.Contains(errOut, "usage: blog-corpus -o DIR") {
		t.Errorf("-h: exit %d, stderr %q", code, errOut)
	}
	for _, args := range [][]string{{}, {"-n", "0", "-o", "x"}, {"-o", "x", "extra"}, {"-bogus"}} {
		if code, _, _ := runArgs(args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}
