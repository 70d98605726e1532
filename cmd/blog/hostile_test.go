package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"blog/internal/corpus"
)

// The hostile sites of testdata/hostile/*.txtar are sites as a careless or
// hostile author writes them: paths that lead out of the site, links to
// files elsewhere, names no file system holds, text no feed carries. Each
// archive's comment says what blog build and blog check must do, one
// directive a line:
//
//	build ok|fail       blog build's exit (0 or 1)
//	check ok|fail       blog check's exit (0 or 1)
//	says TEXT           build's stderr holds TEXT, and so does check's
//	                    output when check fails
//	checksays TEXT      check's output holds TEXT
//	symlink LINK TARGET a symbolic link in the site
//	cachefile           .blogcache is a file, not a folder
//	has FILE            the output holds FILE (relative to public/)
//	hasnot FILE         the output does not hold FILE
//	xml FILE            the output's FILE parses as strict XML
//	contains FILE TEXT  the output's FILE holds TEXT
//
// A file named "../x" in the archive is written beside the site. Whatever
// the directives, every case must leave every file outside public/ and
// .blogcache/ as it was (site, neighbours), leave no temporary folder,
// and publish nothing holding the word TOP-SECRET, which the files beside
// the site, the site's .env and /etc/passwd stand for.
func TestHostileSites(t *testing.T) {
	cases, err := filepath.Glob("testdata/hostile/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			runHostile(t, ar)
		})
	}
}

func runHostile(t *testing.T, ar *txtar.Archive) {
	top := t.TempDir()
	site := filepath.Join(top, "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	// Secrets beside the site and in it, which nothing may publish.
	writeFile(t, filepath.Join(top, "secret.txt"), "TOP-SECRET beside the site\n")
	writeFile(t, filepath.Join(site, ".env"), "TOKEN=TOP-SECRET\n")
	for _, f := range ar.Files {
		writeFile(t, filepath.Join(site, filepath.FromSlash(f.Name)), string(f.Data))
	}
	var wantBuild, wantCheck string
	var says, checkSays, has, hasNot, xmls []string
	contains := map[string][]string{}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		verb, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch verb {
		case "build":
			wantBuild = arg
		case "check":
			wantCheck = arg
		case "says":
			says = append(says, arg)
		case "checksays":
			checkSays = append(checkSays, arg)
		case "symlink":
			link, target, _ := strings.Cut(arg, " ")
			p := filepath.Join(site, filepath.FromSlash(link))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
		case "cachefile":
			writeFile(t, filepath.Join(site, ".blogcache"), "not a folder\n")
		case "has":
			has = append(has, arg)
		case "hasnot":
			hasNot = append(hasNot, arg)
		case "xml":
			xmls = append(xmls, arg)
		case "contains":
			f, text, _ := strings.Cut(arg, " ")
			contains[f] = append(contains[f], text)
		}
	}
	if wantBuild == "" || wantCheck == "" {
		t.Fatal("the case says neither build ok|fail nor check ok|fail")
	}
	before := snapshotOutside(t, top, "site/public", "site/.blogcache")
	out := filepath.Join(site, "public")
	var oldOutput map[string]string
	if _, err := os.Stat(out); err == nil {
		oldOutput = snapshotOutside(t, out)
	}

	code, stdout, stderr := runCmd("build", "-s", site, "-q")
	if want := map[string]int{"ok": 0, "fail": 1}[wantBuild]; code != want {
		t.Errorf("blog build exited %d, want %d (%s)\nstdout: %s\nstderr: %s", code, want, wantBuild, stdout, stderr)
	}
	ccode, cout, cerr := runCmd("check", "-s", site)
	if want := map[string]int{"ok": 0, "fail": 1}[wantCheck]; ccode != want {
		t.Errorf("blog check exited %d, want %d (%s)\n%s%s", ccode, want, wantCheck, cout, cerr)
	}
	for _, s := range says {
		if !strings.Contains(stderr, s) {
			t.Errorf("blog build does not say %q:\n%s", s, stderr)
		}
		if wantCheck == "fail" {
			checkSays = append(checkSays, s)
		}
	}
	for _, s := range checkSays {
		if !strings.Contains(cout+cerr, s) {
			t.Errorf("blog check does not say %q:\n%s%s", s, cout, cerr)
		}
	}
	if diff := corpus.Diff(before, snapshotOutside(t, top, "site/public", "site/.blogcache")); diff != "" {
		t.Errorf("files outside the output changed:\n%s", diff)
	}
	if wantBuild == "fail" {
		if oldOutput != nil {
			if diff := corpus.Diff(oldOutput, snapshotOutside(t, out)); diff != "" {
				t.Errorf("a failed build changed the previous public/:\n%s", diff)
			}
		} else if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a failed build left public/: %v", err)
		}
	}
	_ = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if data, err := os.ReadFile(p); err == nil && bytes.Contains(data, []byte("TOP-SECRET")) {
			t.Errorf("published a secret in %s", p)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("the output holds a link: %s", p)
		}
		return nil
	})
	for _, f := range has {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(f))); err != nil {
			t.Errorf("output lacks %s: %v", f, err)
		}
	}
	for _, f := range hasNot {
		if _, err := os.Lstat(filepath.Join(out, filepath.FromSlash(f))); err == nil {
			t.Errorf("output holds %s", f)
		}
	}
	for _, f := range xmls {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f)))
		if err != nil {
			t.Errorf("output lacks %s: %v", f, err)
			continue
		}
		if err := parseXML(data); err != nil {
			t.Errorf("%s is not well-formed XML: %v", f, err)
		}
	}
	for f, texts := range contains {
		data, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(f)))
		for _, text := range texts {
			if !strings.Contains(string(data), text) {
				t.Errorf("%s does not hold %q", f, text)
			}
		}
	}
}

// parseXML reads a whole document with a strict decoder.
func parseXML(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func writeFile(t *testing.T, p, text string) {
	t.Helper()
	if err := corpus.WriteFiles(filepath.Dir(p), map[string]string{filepath.Base(p): text}); err != nil {
		t.Fatal(err)
	}
}

// snapshotOutside is every file and folder under top, outside the site's
// output and cache, with its content or link target.
func snapshotOutside(t *testing.T, top string, skip ...string) map[string]string {
	t.Helper()
	snap, err := corpus.Snapshot(top, skip...)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}
