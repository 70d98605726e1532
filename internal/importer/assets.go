package importer

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"
)

// assetCopier copies the files a post refers to into its bundle.
type assetCopier struct {
	src     fs.FS
	plan    *Plan
	post    *dpost
	bundle  string // content/posts/<name>
	baseURL string
	static  []string // the old site's static folders
}

// copy copies the file a reference names into the bundle and returns the
// reference to write; a reference it cannot resolve is kept, with a note.
func (a *assetCopier) copy(ref string, line int) string {
	if ref == "" || strings.Contains(ref, "://") || strings.HasPrefix(ref, "//") || strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
		return ref
	}
	clean, _, _ := strings.Cut(ref, "?")
	if u, err := url.PathUnescape(clean); err == nil {
		clean = u
	}
	var from, to string
	if strings.HasPrefix(clean, "/") {
		rel := clean
		if a.baseURL != "/" {
			rel = "/" + strings.TrimPrefix(strings.TrimPrefix(rel, a.baseURL), "/")
		}
		to = path.Base(rel)
		dirs := a.static
		if len(dirs) == 0 {
			dirs = []string{"static"}
		}
		from = path.Join(dirs[0], rel)
		for _, d := range dirs {
			if _, err := fs.Stat(a.src, path.Join(d, rel)); err == nil {
				from = path.Join(d, rel)
				break
			}
		}
	} else {
		from = path.Join(a.post.dir, clean)
		to = path.Clean(clean)
		if strings.HasPrefix(to, "../") {
			to = path.Base(to)
		}
	}
	data, err := fs.ReadFile(a.src, from)
	if err != nil {
		a.plan.note(a.post.file, line, "%s: no such file (looked for %s); the reference is kept", ref, from)
		return ref
	}
	return a.place(to, data)
}

// place puts data in the bundle at rel, or beside it under another name
// when another file is there, and returns where it went.
func (a *assetCopier) place(rel string, data []byte) string {
	ext := path.Ext(rel)
	stem := strings.TrimSuffix(rel, ext)
	for i := 0; ; i++ {
		name := rel
		switch {
		case i == 1:
			name = stem + "." + a.post.lang + ext
		case i > 1:
			name = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		dst := path.Join(a.bundle, name)
		if f := a.plan.has(dst); f != nil && !bytes.Equal(f.Data, data) {
			continue
		}
		a.plan.add(&File{Path: dst, Data: data})
		return name
	}
}

// copyFolder copies every file of a folder post that is not a post file.
func (a *assetCopier) copyFolder() error {
	return fs.WalkDir(a.src, a.post.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := path.Ext(p); ext == ".md" || ext == ".mdx" {
			return nil
		}
		rel := strings.TrimPrefix(p, a.post.dir+"/")
		if f := a.plan.has(path.Join(a.bundle, rel)); f != nil {
			return nil // already copied for a reference
		}
		data, err := fs.ReadFile(a.src, p)
		if err != nil {
			return err
		}
		a.place(rel, data)
		return nil
	})
}
