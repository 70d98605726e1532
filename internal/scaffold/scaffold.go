// Package scaffold writes new things for a writer: a whole new site
// (blog init) and a new post (blog new).
//
// # Rules
//
// Nothing is ever overwritten: Init wants an empty or missing folder, and
// NewPost refuses a file that exists. A new post gets the next free id (or,
// when it translates a post with the same slug, that post's id), today's
// date with the local offset, and a slug from its title that keeps Hangul
// ("컴퓨터 구조 정리" → "컴퓨터-구조-정리") unless a slug is given.
package scaffold

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"

	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/sitepath"
)

//go:embed all:template
var templates embed.FS

// InitOptions configures a new site.
type InitOptions struct {
	// Title is the site title.
	Title string
	// ToolRepo is the GitHub repository (owner/name) with the source of
	// blog, which the site's Pages workflow builds; empty leaves it to the
	// BLOG_TOOL_REPO repository variable.
	ToolRepo string
	// Now is the date of the first post.
	Now time.Time
}

// Init writes a new site into dir and returns the files written, relative
// to dir.
func Init(dir string, opts InitOptions) ([]string, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty; blog init writes only into a new or empty folder", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if opts.Title == "" {
		opts.Title = filepath.Base(dir)
	}
	placeholder := opts.ToolRepo
	if placeholder == "" {
		placeholder = "OWNER/blog"
	}
	data := map[string]any{"Title": opts.Title, "Date": opts.Now.Format("2006-01-02 15:04:05 -0700"),
		"ToolRepo": opts.ToolRepo, "ToolRepoOrPlaceholder": placeholder}
	funcs := template.FuncMap{"yaml": yamlString}
	var written []string
	err := fs.WalkDir(templates, "template", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(templates, p)
		if err != nil {
			return err
		}
		t, err := template.New(p).Delims("[[", "]]").Funcs(funcs).Parse(string(src))
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "template/")
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
			return err
		}
		written = append(written, rel)
		return nil
	})
	return written, err
}

// yamlString quotes s as a YAML string.
func yamlString(s string) (string, error) {
	out, err := yaml.Marshal(s)
	return strings.TrimSpace(string(out)), err
}

// PostOptions configures a new post.
type PostOptions struct {
	Title string
	// Lang is the post's language; empty means the site's default.
	Lang string
	// Slug replaces the slug made from the title.
	Slug string
	// Bundle makes a folder (content/posts/<slug>/index.<lang>.md) for a
	// post with images, instead of a single file.
	Bundle bool
	// Now is the post's date.
	Now time.Time
}

// NewPost writes a new post into the site in dir and returns its path,
// relative to dir.
func NewPost(dir string, opts PostOptions) (string, error) {
	if strings.TrimSpace(opts.Title) == "" {
		return "", errors.New("a post needs a title: blog new \"제목\"")
	}
	site := os.DirFS(dir)
	cfg, err := config.Load(site)
	if err != nil {
		return "", err
	}
	lang := opts.Lang
	if lang == "" {
		lang = cfg.DefaultLanguage
	}
	if _, ok := cfg.Language(lang); !ok {
		return "", fmt.Errorf("--lang %s: the site's languages are %s", lang, langCodes(cfg))
	}
	slug := opts.Slug
	if slug == "" {
		slug = content.TagSlug(opts.Title)
	}
	slug = content.NFC(slug)
	if slug == "" {
		return "", fmt.Errorf("cannot make a slug from %q; give one with --slug", opts.Title)
	}
	if err := sitepath.Segment(slug); err != nil || strings.ContainsAny(slug, "?#%") {
		return "", fmt.Errorf("slug %q cannot be a post's address (%v); give another with --slug", slug, cmp.Or(err, errors.New("has ? # or %")))
	}
	headers, err := content.Headers(site, cfg)
	if err != nil {
		return "", err
	}
	id, maxID := "", 0
	for _, h := range headers {
		if n, err := strconv.Atoi(h.ID); err == nil && n > maxID {
			maxID = n
		}
		if h.Slug == slug && h.Lang == lang {
			return "", fmt.Errorf("%s already has the slug %q in %s; choose another with --slug", h.File, slug, lang)
		}
		if h.Slug == slug && h.ID != "" {
			id = h.ID // a translation of this post
		}
	}
	if id == "" {
		id = strconv.Itoa(maxID + 1)
	}
	suffix := "." + lang
	if lang == cfg.DefaultLanguage && !opts.Bundle {
		suffix = ""
	}
	rel := path.Join(content.PostsDir, slug+suffix+".md")
	if opts.Bundle {
		rel = path.Join(content.PostsDir, slug, "index."+lang+".md")
	}
	dst := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Stat(dst); err == nil {
		return "", fmt.Errorf("%s exists; blog new never overwrites a post", rel)
	}
	title, err := yamlString(opts.Title)
	if err != nil {
		return "", err
	}
	body := fmt.Sprintf("---\nid: %s\ntitle: %s\ndate: %s\ntags: []\ndraft: true\n---\n\n", id, title, opts.Now.Format("2006-01-02 15:04:05 -0700"))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return "", err
	}
	return rel, f.Close()
}

func langCodes(cfg *config.Config) string {
	var codes []string
	for _, l := range cfg.Languages {
		codes = append(codes, l.Code)
	}
	return strings.Join(codes, ", ")
}
