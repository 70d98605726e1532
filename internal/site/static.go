package site

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"blog/internal/content"
	"blog/internal/problem"
	"blog/internal/sitepath"
)

// StaticDir is the site's own folder of files copied to the site root.
const StaticDir = "static"

// mermaidPrefix starts the theme files of the Mermaid script, copied only
// when a page has a diagram. MermaidScript is the script itself.
const (
	mermaidPrefix = "js/mermaid"
	MermaidScript = "js/mermaid.min.js"
)

// staticFiles lists the site's static/ folder, the theme's static files,
// the highlighting stylesheet and every visible post's own files. own
// holds the paths the site's static/ provides: a file there replaces the
// theme's, or a generated one, of the same path.
func (b *build) staticFiles() (files []*File, own map[string]bool, errs problem.List) {
	own = map[string]bool{}
	if _, err := fs.Stat(b.site, StaticDir); err == nil {
		sitepath.Walk(b.site, StaticDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, problem.At(p, 0, "%w", err))
				return nil
			}
			if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
				out := content.NFC(strings.TrimPrefix(p, StaticDir+"/"))
				own[out] = true
				files = append(files, &File{Path: out, Source: b.site, SourcePath: p})
			}
			return nil
		})
	} else if !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, problem.At(StaticDir, 0, "%w", sitepath.Explain(b.site, StaticDir, err)))
	}
	if b.th.Static != nil {
		// Theme files are few and small: held in memory.
		diagrams := b.hasMermaid()
		sitepath.Walk(b.th.Static, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, problem.At(path.Join(b.th.Name, "static", p), 0, "%v", err))
				return nil
			}
			if d.IsDir() || own[p] {
				return nil
			}
			if strings.HasPrefix(p, mermaidPrefix) && !diagrams {
				return nil // megabytes that no page of this site loads
			}
			data, err := fs.ReadFile(b.th.Static, p)
			if err != nil {
				errs = append(errs, problem.At(path.Join(b.th.Name, "static", p), 0, "%v", err))
				return nil
			}
			files = append(files, &File{Path: p, Data: data})
			return nil
		})
	}
	if !own["css/chroma.css"] {
		files = append(files, &File{Path: "css/chroma.css", Data: b.chromaCSS})
	}
	for _, a := range b.set.Assets {
		files = append(files, &File{Path: a.Out, Source: b.site, SourcePath: a.File})
	}
	for _, p := range b.visible {
		dir := path.Dir(outputFile(b.views[p].Path))
		for _, r := range p.Resources {
			files = append(files, &File{Path: path.Join(dir, r), Source: b.site, SourcePath: path.Join(p.Dir, r)})
		}
		if !p.Bundle {
			for _, img := range p.Images {
				files = append(files, &File{Path: path.Join(dir, img), Source: b.site, SourcePath: path.Join(p.Dir, img)})
			}
		}
	}
	return files, own, errs
}

// staticProblems are the problems of the site's static/ folder alone
// (links out of the site, names no file system holds), for a build that
// stops before it gets to it.
func staticProblems(site fs.FS) problem.List {
	var errs problem.List
	if _, err := fs.Stat(site, StaticDir); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, problem.At(StaticDir, 0, "%w", sitepath.Explain(site, StaticDir, err)))
		}
		return errs
	}
	sitepath.Walk(site, StaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, problem.At(p, 0, "%w", err))
		}
		return nil
	})
	return errs
}

// hasMermaid reports whether a visible post has a diagram.
func (b *build) hasMermaid() bool {
	for _, p := range b.visible {
		if p.HasMermaid {
			return true
		}
	}
	return false
}
