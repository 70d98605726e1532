package main

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// hugoLayouts are the templates of the Hugo site: the pages blog's default
// theme makes, with the same work per page (title, date, reading time,
// tags, table of contents, content, previous and next; paginated home
// lists with summaries; tag pages with every post; feeds with full
// content), and none of the theme's extras (Open Graph beyond the basics,
// JSON-LD, authors, the language switcher's text).
//
//go:embed all:hugosite/layouts
var hugoLayouts embed.FS

// hugoCmd is an installed hugo.
type hugoCmd struct {
	path    string
	version string // the first line of hugo version
	// newPagination is whether it wants [pagination] pagerSize (0.128 and
	// later) rather than the older top-level paginate.
	newPagination bool
}

// findHugo looks up the hugo command and asks its version.
func findHugo(name string) (*hugoCmd, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return nil, fmt.Errorf("hugo not found: %w", err)
	}
	out, err := exec.Command(path, "version").Output()
	if err != nil {
		return nil, fmt.Errorf("%s version: %w", path, err)
	}
	version := strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
	major, minor, ok := hugoVersion(version)
	if !ok {
		return nil, fmt.Errorf("%s version: cannot read a version in %q", path, version)
	}
	return &hugoCmd{path: path, version: version, newPagination: major > 0 || minor >= 128}, nil
}

var versionRE = regexp.MustCompile(`\bv(\d+)\.(\d+)\.\d+`)

// hugoVersion reads the major and minor version in the output of hugo
// version, such as "hugo v0.111.3+extended linux/amd64 …".
func hugoVersion(s string) (major, minor int, ok bool) {
	m := versionRE.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	major, _ = strconv.Atoi(m[1])
	minor, _ = strconv.Atoi(m[2])
	return major, minor, true
}

// writeHugoSite writes hugo.toml and the layouts into dir, replacing the
// layouts a previous run wrote. contentDir is the corpus's content folder,
// relative to dir.
func writeHugoSite(dir, contentDir string, newPagination bool) error {
	if err := os.RemoveAll(filepath.Join(dir, "layouts")); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "hugo.toml"), []byte(hugoConfig(contentDir, newPagination)), 0o644); err != nil {
		return err
	}
	layouts, err := fs.Sub(hugoLayouts, "hugosite")
	if err != nil {
		return err
	}
	return fs.WalkDir(layouts, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(layouts, name)
		if err != nil {
			return err
		}
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		return os.WriteFile(file, data, 0o644)
	})
}

// hugoConfig is the hugo.toml of a corpus: the settings of the corpus's
// blog.yaml (see package blog/internal/corpus) in Hugo's words. Both
// languages read the same content folder; Hugo takes a post's language
// from its file name (x.ko.md, x.en.md, index.ko.md), as blog does, and
// joins translations by name. Post URLs are Hugo's default,
// /posts/<file or bundle name>/, which is blog's /posts/:slug/ for these
// posts.
func hugoConfig(contentDir string, newPagination bool) string {
	var b strings.Builder
	b.WriteString(`# Written by blog-bench: the corpus's blog.yaml for Hugo.
baseURL = "https://bench.example.org/"
title = "Benchmark corpus"
`)
	fmt.Fprintf(&b, "contentDir = %q\n", contentDir)
	b.WriteString(`defaultContentLanguage = "ko"
defaultContentLanguageInSubdir = false
timeZone = "Asia/Seoul"
enableRobotsTXT = true
`)
	if !newPagination {
		b.WriteString("paginate = 10\n")
	}
	b.WriteString(`
[languages.ko]
weight = 1
languageName = "한국어"
title = "벤치마크 블로그"
[languages.ko.params]
description = "blog-corpus가 만든 벤치마크용 사이트입니다."

[languages.en]
weight = 2
languageName = "English"
title = "Benchmark blog"
[languages.en.params]
description = "A benchmark site written by blog-corpus."

[taxonomies]
tag = "tags"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML", "RSS"]
taxonomy = ["HTML", "RSS"]
term = ["HTML", "RSS"]
page = ["HTML"]

[markup.highlight]
noClasses = false

[markup.goldmark.renderer]
unsafe = true
`)
	if newPagination {
		b.WriteString("\n[pagination]\npagerSize = 10\n")
	}
	return b.String()
}

// hugoModule is the module whose hugo command the bench installs.
const hugoModule = "github.com/gohugoio/hugo"

// installHugo returns the path of hugo at version, installed from the Go
// module proxy into a folder of the user's cache outside the repository
// (…/blog-bench/hugo-<version>/hugo), where later benches find it. It
// installs only when that file is missing.
func installHugo(goCmd, version string, progress io.Writer) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cache, "blog-bench", "hugo-"+version)
	bin := filepath.Join(dir, "hugo")
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	fmt.Fprintf(progress, "installing hugo %s into %s (go install %s@%s; minutes the first time)\n", version, dir, hugoModule, version)
	cmd := exec.Command(goCmd, "install", hugoModule+"@"+version)
	cmd.Env = append(os.Environ(), "GOBIN="+dir)
	cmd.Dir = os.TempDir() // outside this module, so its go.mod plays no part
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go install %s@%s: %v\n%s", hugoModule, version, err, out)
	}
	return bin, nil
}
