package sitepath

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRelKeepsFilesInsideTheirFolder(t *testing.T) {
	good := map[string]string{
		"a.png":            "a.png",
		"img/b.png":        "img/b.png",
		"img//b.png":       "img/b.png",
		"한글 이름.png":        "한글 이름.png",
		"\u1100\u1161.png": "\uac00.png", // NFD jamo become the syllable
		"a?b#c.png":        "a?b#c.png",  // odd, but a file name
	}
	for in, want := range good {
		got, err := Rel(in)
		if err != nil || got != want {
			t.Errorf("Rel(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := []string{
		"", "/etc/passwd", "../x", "a/../../x", "..", ".", "a/./b", "a/", "/", `a\b`, `..\x`,
		"C:/x", `c:\x`, "a\x00b", "a\x1fb", "a\x7fb", "a\u0085b", "a/\u200b ", " a", "a ",
		"http://evil.example/x.png", strings.Repeat("x", maxSegment+1), strings.Repeat("a/", maxPath),
		"\xff.png",
	}
	for _, in := range bad {
		if got, err := Rel(in); err == nil {
			t.Errorf("Rel(%q) = %q; want an error", in, got)
		}
	}
}

func TestAddrKeepsAddressesOnTheSite(t *testing.T) {
	good := map[string]string{
		"/old/url":                 "/old/url/",
		"old/url/":                 "/old/url/",
		"/":                        "/",
		"/a//b":                    "/a/b/",
		"/2024/01/03/x.html":       "/2024/01/03/x.html",
		"/feed.xml":                "/feed.xml",
		"/v1.2-notes":              "/v1.2-notes/",
		"/blog/%ED%95%9C%EA%B8%80": "/blog/한글/",
		"/blog/한글/":                "/blog/한글/",
		" /padded/ ":               "/padded/",
		"/a%2Fb":                   "/a/b/",
	}
	for in, want := range good {
		got, err := Addr(in)
		if err != nil || got != want {
			t.Errorf("Addr(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := []string{
		"", "//evil.example/", "//evil.example", `\\evil`, "https://evil.example/", "javascript:alert(1)",
		"/../../victim.html", "/a/../../../x.html", "/../../x", "/%2e%2e/x", "/a/%2E%2E/%2e%2e/x",
		"/a?b", "/a#b", "/a%3Fb", "/a%00b", "/a\x00b", "/%zz", `/a\b`, "/a/\x01/",
		"/" + strings.Repeat("x", maxSegment+1) + "/",
	}
	for _, in := range bad {
		if got, err := Addr(in); err == nil {
			t.Errorf("Addr(%q) = %q; want an error", in, got)
		}
	}
}

func TestSegmentRefusesWhatCannotBeOneFolder(t *testing.T) {
	for _, s := range []string{"hello", "한글-제목", "v1.2", "a_b+c"} {
		if err := Segment(s); err != nil {
			t.Errorf("Segment(%q) = %v", s, err)
		}
	}
	for _, s := range []string{"", ".", "..", "a/b", `a\b`, "a\x00", strings.Repeat("가", 100), " x"} {
		if Segment(s) == nil {
			t.Errorf("Segment(%q) passed", s)
		}
	}
}

func TestOutputNamesTheFileOfAnAddress(t *testing.T) {
	for in, want := range map[string]string{"/": "index.html", "/a/": "a/index.html", "/a.html": "a.html", "/en/tags/go/": "en/tags/go/index.html"} {
		if got := Output(in); got != want {
			t.Errorf("Output(%q) = %q, want %q", in, got, want)
		}
	}
}

// checkInside is what every accepted path must satisfy, whatever it was.
func checkInside(t *testing.T, in, got string, addr bool) {
	t.Helper()
	if !utf8.ValidString(got) {
		t.Fatalf("%q gave invalid UTF-8 %q", in, got)
	}
	rel := got
	if addr {
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") {
			t.Fatalf("Addr(%q) = %q: not one leading slash", in, got)
		}
		rel = Output(got)
		if strings.ContainsAny(got, "?#") {
			t.Fatalf("Addr(%q) = %q holds ? or #", in, got)
		}
	}
	for _, r := range got {
		if r < 0x20 || r >= 0x7f && r <= 0x9f || r == '\\' {
			t.Fatalf("%q gave %q, with %U", in, got, r)
		}
	}
	for _, s := range strings.Split(strings.Trim(rel, "/"), "/") {
		if s == "" || s == "." || s == ".." || len(s) > maxSegment {
			t.Fatalf("%q gave %q, with element %q", in, got, s)
		}
	}
	root := filepath.Join(string(filepath.Separator)+"site", "out")
	joined := filepath.Join(root, filepath.FromSlash(rel))
	if !strings.HasPrefix(joined, root+string(filepath.Separator)) {
		t.Fatalf("%q gave %q, which joins to %s outside %s", in, got, joined, root)
	}
}

func FuzzPathRule(f *testing.F) {
	for _, s := range []string{"a.png", "../x", "/a/../../x.html", "//evil/", "/%2e%2e/", "/blog/%ED%95%9C/", "a//b", "C:/x", "/a%2F..%2F..%2Fx", "\u1100\u1161"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, err := Rel(in); err == nil {
			checkInside(t, in, got, false)
			if again, err := Rel(got); err != nil || again != got {
				t.Fatalf("Rel is not stable: %q → %q → %q, %v", in, got, again, err)
			}
		}
		if got, err := Addr(in); err == nil {
			checkInside(t, in, got, true)
			if again, err := Addr(got); err != nil || again != got {
				t.Fatalf("Addr is not stable: %q → %q → %q, %v", in, got, again, err)
			}
		}
		if Segment(in) == nil {
			checkInside(t, in, in, false)
		}
	})
}

// linkSite makes a site with links inside and outside it, beside a
// secret file.
func linkSite(t *testing.T) (site string) {
	t.Helper()
	dir := t.TempDir()
	site = filepath.Join(dir, "site")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(site, "content", "posts", "x"), 0o755))
	must(os.MkdirAll(filepath.Join(site, "shared"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("secret"), 0o644))
	must(os.WriteFile(filepath.Join(site, "shared", "ok.png"), []byte("ok"), 0o644))
	must(os.Symlink("/etc/passwd", filepath.Join(site, "content", "posts", "x", "abs.png")))
	must(os.Symlink("../../../../secret.txt", filepath.Join(site, "content", "posts", "x", "rel.png")))
	must(os.Symlink("../../../shared/ok.png", filepath.Join(site, "content", "posts", "x", "ok.png")))
	must(os.Symlink("nothing.png", filepath.Join(site, "content", "posts", "x", "gone.png")))
	must(os.Symlink("../../shared", filepath.Join(site, "content", "posts", "linked")))
	must(os.Symlink(".", filepath.Join(site, "shared", "loop")))
	return site
}

func TestRootReadsNothingOutsideTheSite(t *testing.T) {
	site := linkSite(t)
	r, err := OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	fsys := r.FS()
	for _, p := range []string{"content/posts/x/abs.png", "content/posts/x/rel.png", "../secret.txt"} {
		if data, err := fs.ReadFile(fsys, p); err == nil {
			t.Errorf("read %s through the root: %q", p, data)
		}
	}
	if data, err := fs.ReadFile(fsys, "content/posts/x/ok.png"); err != nil || string(data) != "ok" {
		t.Errorf("a link inside the site: %q, %v", data, err)
	}
	_, err = fs.ReadFile(fsys, "content/posts/x/rel.png")
	var le *LinkError
	if !errors.As(Explain(fsys, "content/posts/x/rel.png", err), &le) || le.Path != "content/posts/x/rel.png" || le.Target != "../../../../secret.txt" {
		t.Errorf("Explain did not name the link: %v", Explain(fsys, "content/posts/x/rel.png", err))
	}
}

func TestWalkFollowsLinksInsideAndReportsTheOthers(t *testing.T) {
	site := linkSite(t)
	r, err := OpenRoot(site)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	files := map[string]bool{}
	problems := map[string]string{}
	err = Walk(r.FS(), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			problems[p] = err.Error()
			return nil
		}
		if !d.IsDir() {
			files[p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"content/posts/x/ok.png", "content/posts/linked/ok.png"} {
		if !files[p] {
			t.Errorf("%s (a link inside the site) was not walked; files: %v", p, files)
		}
	}
	for _, p := range []string{"content/posts/x/abs.png", "content/posts/x/rel.png", "content/posts/x/gone.png"} {
		if files[p] || problems[p] == "" {
			t.Errorf("%s: walked %t, problem %q", p, files[p], problems[p])
		}
	}
	if !strings.Contains(problems["content/posts/x/abs.png"], "/etc/passwd") || !strings.Contains(problems["content/posts/x/abs.png"], "outside the site") {
		t.Errorf("the message does not say where the link goes: %q", problems["content/posts/x/abs.png"])
	}
	loops := 0
	for p, msg := range problems {
		if strings.Contains(msg, "has already") {
			loops++
			if !strings.HasSuffix(p, "/loop") {
				t.Errorf("loop reported at %s", p)
			}
		}
	}
	if loops != 1 {
		t.Errorf("the link to its own folder was reported %d times: %v", loops, problems)
	}
}

// Links that stay inside the site can still name what a site never
// publishes: its dot files (.env, .git), blog's own output; and links to
// folders can repeat a folder without end. None of it is walked.
func TestWalkRefusesLinksToDotFilesOutputAndFoldersItHas(t *testing.T) {
	site := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, text string) {
		must(os.MkdirAll(filepath.Dir(filepath.Join(site, p)), 0o755))
		must(os.WriteFile(filepath.Join(site, p), []byte(text), 0o644))
	}
	write(".env", "TOKEN=secret")
	write(".git/config", "[core]")
	write("public/"+OutputMarker, "")
	write("public/index.html", "old output")
	write("s4/blob.bin", "blob")
	write("static/.hidden", "dot file")
	write("static/.private/key", "dot folder")
	write("static/.well-known/security.txt", "kept")
	must(os.Symlink("../.env", filepath.Join(site, "static", "env.txt")))
	must(os.Symlink("../.git/config", filepath.Join(site, "static", "config.txt")))
	must(os.Symlink("../public", filepath.Join(site, "static", "prev")))
	must(os.Symlink("env.txt", filepath.Join(site, "static", "chain.txt")))
	for _, lvl := range []string{"s1", "s2", "s3"} {
		must(os.MkdirAll(filepath.Join(site, lvl), 0o755))
	}
	for i := range 8 {
		must(os.Symlink("../s1", filepath.Join(site, "static", fmt.Sprintf("a%d", i))))
		must(os.Symlink("../s2", filepath.Join(site, "s1", fmt.Sprintf("b%d", i))))
		must(os.Symlink("../s3", filepath.Join(site, "s2", fmt.Sprintf("c%d", i))))
		must(os.Symlink("../s4", filepath.Join(site, "s3", fmt.Sprintf("d%d", i))))
	}
	r, err := OpenRoot(site)
	must(err)
	defer r.Close()
	var files, problems []string
	must(Walk(r.FS(), "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			problems = append(problems, p+": "+err.Error())
		} else if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	}))
	if len(files) != 2 || !slices.Contains(files, "static/a0/b0/c0/d0/blob.bin") || !slices.Contains(files, "static/.well-known/security.txt") {
		t.Errorf("walked %v; want the blob once and .well-known", files)
	}
	joined := strings.Join(problems, "\n")
	for _, want := range []string{"static/env.txt: is a symbolic link to ../.env, a dot file", "static/config.txt: is a symbolic link to ../.git/config, a dot file",
		"static/prev: is a symbolic link to ../public, blog's own build output", "static/chain.txt: is a symbolic link to env.txt, a dot file"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems lack %q:\n%s", want, joined)
		}
	}
	if len(problems) > 40 {
		t.Errorf("%d problems for 32 links: the walk went round and round", len(problems))
	}
}
