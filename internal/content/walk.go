package content

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"blog/internal/problem"
	"blog/internal/sitepath"
)

// Dir is the content folder of a site, and PostsDir the posts folder in it.
const (
	Dir      = "content"
	PostsDir = "content/posts"
)

// source is one post, page or doc file found by a walk.
type source struct {
	file, dir, name, lang string
	bundle                bool
	resources             []string
	kind                  string // "" is a post
	rel, section          string // pages and docs: docs.go
	index                 bool
}

// explain says why a file could not be read, naming a link that leads
// out of the site.
func explain(fsys fs.FS, name string, err error) error { return sitepath.Explain(fsys, name, err) }

// walk finds every post file under content/posts, handing each to found
// (when not nil) as soon as it is complete.
func (l *Loader) walk(fsys fs.FS, found func(source)) ([]source, problem.List) {
	var srcs []source
	var errs problem.List
	if _, err := fs.Stat(fsys, PostsDir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	err := sitepath.Walk(fsys, PostsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, problem.At(p, 0, "%w", err))
			return nil
		}
		if !d.IsDir() {
			// Bundles are skipped whole below, so this is a file of posts/
			// or of a plain folder in it.
			name, lang, ok := l.postName(d.Name())
			if !ok {
				return nil
			}
			if lang == "" {
				errs = append(errs, l.badLang(p, d.Name()))
				return nil
			}
			srcs = append(srcs, source{file: p, dir: path.Dir(p), name: NFC(name), lang: lang})
			if found != nil {
				found(srcs[len(srcs)-1])
			}
			return nil
		}
		if hidden(d.Name()) && p != PostsDir {
			return fs.SkipDir
		}
		entries, err := fs.ReadDir(fsys, p)
		if err != nil {
			errs = append(errs, problem.At(p, 0, "%w", err))
			return fs.SkipDir
		}
		var index []source
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			name, lang, ok := l.postName(e.Name())
			if !ok || name != "index" {
				continue
			}
			if lang == "" {
				errs = append(errs, l.badLang(path.Join(p, e.Name()), e.Name()))
				continue
			}
			index = append(index, source{file: path.Join(p, e.Name()), dir: p, name: NFC(path.Base(p)), lang: lang, bundle: true})
		}
		if len(index) == 0 || p == PostsDir {
			return nil
		}
		res, simple := plainResources(p, entries, index)
		if !simple {
			var rerr problem.List
			res, rerr = resources(fsys, p, index)
			errs = append(errs, rerr...)
		}
		for i := range index {
			index[i].resources = res
			if found != nil {
				found(index[i])
			}
		}
		srcs = append(srcs, index...)
		return fs.SkipDir
	})
	if err != nil {
		errs = append(errs, problem.At(PostsDir, 0, "%w", err))
	}
	return srcs, errs
}

// resources lists a bundle's files other than its post files.
func resources(fsys fs.FS, dir string, index []source) ([]string, problem.List) {
	var out []string
	var errs problem.List
	err := sitepath.Walk(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, problem.At(p, 0, "%w", err))
			return nil
		}
		if hidden(d.Name()) && p != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		for _, s := range index {
			if s.file == p {
				return nil
			}
		}
		out = append(out, NFC(strings.TrimPrefix(p, dir+"/")))
		return nil
	})
	if err != nil {
		errs = append(errs, problem.At(dir, 0, "%w", err))
	}
	slices.Sort(out)
	return out, errs
}

// plainResources is resources for a bundle whose folder entries (read
// already) are plain files with names the path rule allows, the common
// case: what walking it would give, without reading it again. It reports
// false for any other bundle (a subfolder, a link, a refused name), which
// resources walks.
func plainResources(dir string, entries []fs.DirEntry, index []source) ([]string, bool) {
	var out []string
	for _, e := range entries {
		name := e.Name()
		if sitepath.Hidden(name) {
			continue // the walk skips it unseen
		}
		if !e.Type().IsRegular() || sitepath.Segment(name) != nil {
			return nil, false
		}
		if hidden(name) || slices.ContainsFunc(index, func(s source) bool { return s.file == dir+"/"+name }) {
			continue
		}
		out = append(out, NFC(name))
	}
	slices.Sort(out)
	return out, true
}

func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasSuffix(name, "~")
}

// postName splits "x.en.md" into "x" and "en". ok is false for files that
// are not posts; lang is "" for an unknown language suffix.
func (l *Loader) postName(file string) (name, lang string, ok bool) {
	if hidden(file) {
		return "", "", false
	}
	ext := path.Ext(file)
	if ext != ".md" && ext != ".txt" {
		return "", "", false
	}
	base := strings.TrimSuffix(file, ext)
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		code := base[i+1:]
		if _, known := l.cfg.Language(code); known {
			return base[:i], code, true
		}
		if looksLikeLang(code) {
			return base[:i], "", true
		}
	}
	return base, l.cfg.DefaultLanguage, true
}

func looksLikeLang(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func (l *Loader) badLang(file, name string) *problem.Error {
	var codes []string
	for _, lg := range l.cfg.Languages {
		codes = append(codes, lg.Code)
	}
	return problem.At(file, 0, "%q names a language this site does not have (blog.yaml languages: %s)", name, strings.Join(codes, ", "))
}
