package gitlog

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestLastChangedIsTheNewestCommitOfEachFile(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	site := filepath.Join(repo, "site")
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date,
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(rel, text string) {
		p := filepath.Join(site, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("2024-01-01T00:00:00Z", "init", "-q")
	write("content/docs/a/한글.md", "1")
	write("content/docs/a/b.md", "1")
	write("content/posts/p.md", "1")
	git("2024-01-01T00:00:00Z", "add", ".")
	git("2024-01-01T00:00:00Z", "commit", "-qm", "first")
	write("content/docs/a/b.md", "2")
	git("2024-03-01T12:00:00Z", "commit", "-qam", "second")
	got, err := LastChanged(site, "content/docs")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"content/docs/a/한글.md": time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		"content/docs/a/b.md":  time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC),
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for f, w := range want {
		if !got[f].Equal(w) {
			t.Errorf("%s: %v, want %v", f, got[f], w)
		}
	}
	if _, err := LastChanged(t.TempDir(), "content"); err == nil {
		t.Error("a folder that is not a checkout gave dates")
	}
}
