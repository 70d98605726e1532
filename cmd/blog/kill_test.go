package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"blog/internal/corpus"
)

// treeDigest sums up every file under dir, names and bytes.
func treeDigest(t *testing.T, dir string) string {
	t.Helper()
	var names []string
	sums := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		names = append(names, rel)
		sums[rel] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		s := sums[n]
		fmt.Fprintf(h, "%s\x00%x\n", n, s)
	}
	return fmt.Sprintf("%d files %x", len(names), h.Sum(nil)[:8])
}

// temporaries lists what builds leave beside public/: temporary folders
// and their lock files.
func temporaries(t *testing.T, site string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(site, ".public.tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return matches
}

// TestKilledBuildsLeaveTheOldSiteOrTheNew kills blog build at random
// moments, with SIGINT, SIGTERM and SIGKILL, while another goroutine
// watches the output folder. At every instant public/ holds the whole old
// site or the whole new one; after SIGINT or SIGTERM no temporary folder
// is left, and after SIGKILL the next build removes it.
func TestKilledBuildsLeaveTheOldSiteOrTheNew(t *testing.T) {
	blog := buildBlog(t)
	site := t.TempDir()
	if _, err := corpus.Generate(site, 300, 5); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(site, "public")
	build := func() {
		t.Helper()
		if b, err := exec.Command(blog, "build", "-s", site, "-q", "--cacheDir", "").CombinedOutput(); err != nil {
			t.Fatalf("blog build: %v\n%s", err, b)
		}
	}
	// Two versions of the site: the old, and the new with one post's title
	// changed, which changes its page, the lists and the feeds.
	build()
	old := treeDigest(t, out)
	posts, _ := filepath.Glob(filepath.Join(site, "content", "posts", "*", "index.*.md"))
	if len(posts) == 0 {
		posts, _ = filepath.Glob(filepath.Join(site, "content", "posts", "*.md"))
	}
	if len(posts) == 0 {
		t.Fatal("the generated site has no posts")
	}
	oldText, err := os.ReadFile(posts[0])
	if err != nil {
		t.Fatal(err)
	}
	newText := strings.Replace(string(oldText), "title: ", "title: Changed ", 1)
	if err := os.WriteFile(posts[0], []byte(newText), 0o644); err != nil {
		t.Fatal(err)
	}
	build()
	cur := treeDigest(t, out)
	if cur == old {
		t.Fatal("the edit did not change the site")
	}
	// A full build takes this long; kills land anywhere inside it.
	start := time.Now()
	build()
	took := time.Since(start)

	rounds := 12
	if testing.Short() {
		rounds = 3
	}
	rng := rand.New(rand.NewPCG(5, 6))
	sigs := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGKILL}
	versions := map[string]string{old: "old", cur: "new"}
	landed := map[string]int{}
	for round := range rounds {
		// Flip between the two versions, so the build in flight always
		// replaces one with the other.
		text := newText
		if round%2 == 0 {
			text = string(oldText)
		}
		if err := os.WriteFile(posts[0], []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		sig := sigs[round%len(sigs)]
		cmd := exec.Command(blog, "build", "-s", site, "-q", "--cacheDir", "")
		var watching, missing atomic.Int64
		stop := make(chan struct{})
		watcher := make(chan struct{})
		go func() {
			defer close(watcher)
			for {
				select {
				case <-stop:
					return
				default:
				}
				watching.Add(1)
				if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
					missing.Add(1)
				}
			}
		}()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took + took/4))))
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		close(stop)
		<-watcher
		if missing.Load() > 0 {
			t.Errorf("round %d (%v): public/index.html was missing %d times of %d looks during the build", round, sig, missing.Load(), watching.Load())
		}
		got := treeDigest(t, out)
		v, ok := versions[got]
		if !ok {
			t.Fatalf("round %d (%v, exit %v): public/ is neither the old site nor the new (%s)", round, sig, err, got)
		}
		landed[v]++
		left := temporaries(t, site)
		if sig != syscall.SIGKILL && len(left) > 0 {
			t.Errorf("round %d: %v left %v", round, sig, left)
		}
		if sig == syscall.SIGKILL {
			build() // removes what the killed build left
			if left := temporaries(t, site); len(left) > 0 {
				t.Errorf("round %d: the build after SIGKILL left %v", round, left)
			}
		}
	}
	t.Logf("a full build takes %v; killed builds left the old site %d times, the new %d", took, landed["old"], landed["new"])
}
