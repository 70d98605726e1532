package importer

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/sitepath"
)

// LegacyOptions are the settings of a legacy import.
type LegacyOptions struct {
	// Images is the folder holding the files the posts name in
	// ImageNames; nil means the folder of each post.
	Images fs.FS
	// Lang is the posts' language; empty means the site's default.
	Lang string
}

// numberPrefix is the "000_" that numbers legacy post files.
var numberPrefix = regexp.MustCompile(`^\d+[_-]`)

// Legacy plans the import of every post file (.txt or .md) with a
// bracket header in src. Posts with a YAML header are not legacy posts
// and are left alone, with a note.
func Legacy(src, site fs.FS, cfg *config.Config, opts LegacyOptions) (*Plan, error) {
	lang := opts.Lang
	if lang == "" {
		lang = cfg.DefaultLanguage
	}
	if !slices.ContainsFunc(cfg.Languages, func(l config.Language) bool { return l.Code == lang }) {
		return nil, fmt.Errorf("--lang %s: the site has no such language (blog.yaml)", lang)
	}
	ix, err := newIDs(site, cfg)
	if err != nil {
		return nil, err
	}
	var files []string
	err = fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if ext := path.Ext(p); !d.IsDir() && (ext == ".txt" || ext == ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	plan := &Plan{}
	type legacyPost struct {
		file, name, id string
		meta           *content.Meta
		body           []byte
	}
	var posts []*legacyPost
	names := map[string]string{} // bundle name → the file that took it
	for _, file := range files {
		data, err := fs.ReadFile(src, file)
		if err != nil {
			return nil, err
		}
		meta, legacy, body, errs := content.ReadHeader(file, data, cfg.Location)
		if len(errs) > 0 {
			for _, e := range errs {
				plan.note(e.File, e.Line, "%s; not imported", e.Msg)
			}
			continue
		}
		if !legacy {
			plan.note(file, 1, "not a legacy post (it has YAML front matter); not imported")
			continue
		}
		stem := strings.TrimSuffix(path.Base(file), path.Ext(file))
		name := bundleName(numberPrefix.ReplaceAllString(stem, ""))
		if other, taken := names[name]; taken {
			name = bundleName(stem)
			if _, again := names[name]; again {
				return nil, fmt.Errorf("%s and %s would both become content/posts/%s", other, file, name)
			}
		}
		names[name] = file
		posts = append(posts, &legacyPost{file: file, name: name, meta: meta, body: body})
	}
	// The ids the posts have come first; then the ones they had in the
	// site; then new ones, so that no post takes an id another one has.
	for _, p := range posts {
		if id := p.meta.ID; id != "" {
			if ix.take(id, bundleFile(p.name, lang)) {
				p.id = id
			}
		}
	}
	for _, p := range posts {
		if p.id == "" && p.meta.ID == "" {
			p.id = ix.existing(bundleFile(p.name, lang))
		}
	}
	for _, p := range posts {
		switch {
		case p.id != "":
		case p.meta.ID != "":
			p.id = ix.fresh()
			plan.note(p.file, p.meta.Lines["id"], "id %s is taken by another post of the site; this post gets id %s", p.meta.ID, p.id)
		default:
			p.id = ix.fresh()
			plan.Info = append(plan.Info, fmt.Sprintf("%s has no [ID: …]; it gets id %s", p.file, p.id))
		}
	}
	for _, p := range posts {
		meta := p.meta
		var images []string
		for _, img := range meta.Images {
			// An image name is a file of the post's own folder: the
			// site's path rule, as when the post builds.
			if c, err := sitepath.Rel(img); err != nil || c != img || sitepath.Hidden(img) {
				plan.note(p.file, meta.Lines["images"], "image %q cannot be a file of the post (%v); left out", img, cmp.Or(err, errors.New("not a plain file name")))
				continue
			}
			images = append(images, img)
		}
		fm := &frontMatter{ID: idValue(p.id), Title: meta.Title, Date: formatDate(meta.Date), Tags: meta.Tags, Images: images}
		for _, img := range images {
			dir, from := opts.Images, img
			if dir == nil {
				dir, from = src, path.Join(path.Dir(p.file), img)
			}
			data, err := fs.ReadFile(dir, from)
			if errors.Is(err, fs.ErrNotExist) {
				plan.note(p.file, meta.Lines["images"], "image %s is not in the images folder; the post names it, so check it", img)
				continue
			} else if err != nil {
				return nil, err
			}
			plan.add(&File{Path: path.Join(content.PostsDir, p.name, img), Data: data})
		}
		post, err := postFile(fm, p.body)
		if err != nil {
			return nil, err
		}
		plan.add(&File{Path: bundleFile(p.name, lang), Data: post, Post: true})
		plan.Posts++
	}
	plan.sortFiles()
	return plan, nil
}
