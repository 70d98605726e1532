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
	"time"

	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/problem"
	"blog/internal/sitepath"
)

// LegacyOptions are the settings of a legacy import.
type LegacyOptions struct {
	// Images is the folder holding the files the posts name in
	// ImageNames; nil means the folder of each post.
	Images fs.FS
	// Lang is the posts' language; empty means the site's default.
	Lang string
	// FileDate dates a post whose header has no date (an empty
	// [WriteTime: ]): the time and what it is ("its first commit"). nil
	// means the file's modification time.
	FileDate func(file string) (time.Time, string, error)
}

// numberPrefix is the "000_" that numbers legacy post files.
var numberPrefix = regexp.MustCompile(`^\d+[_-]`)

type legacyPost struct {
	file, name, id string
	meta           *content.Meta
	body           []byte
}

// Legacy plans the import of every post file (.txt or .md) with a
// bracket header in src. Nothing with a header is dropped: a post without
// a date takes the one FileDate gives, images that are not there are left
// out of images:, and of two posts with one id the older keeps it. Files
// with a YAML header or none (a README) are not legacy posts and are left
// alone, with a note.
func Legacy(src, site fs.FS, cfg *config.Config, opts LegacyOptions) (*Plan, error) {
	lang := opts.Lang
	if lang == "" {
		lang = cfg.DefaultLanguage
	}
	if !slices.ContainsFunc(cfg.Languages, func(l config.Language) bool { return l.Code == lang }) {
		return nil, fmt.Errorf("--lang %s: the site has no such language (blog.yaml)", lang)
	}
	if opts.FileDate == nil {
		opts.FileDate = func(file string) (time.Time, string, error) {
			st, err := fs.Stat(src, file)
			if err != nil {
				return time.Time{}, "", err
			}
			return st.ModTime().In(cfg.Location).Truncate(time.Second), "its modification time", nil
		}
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
	var posts []*legacyPost
	names := map[string]string{} // bundle name → the file that took it
	for _, file := range files {
		post, err := readLegacyPost(src, file, cfg, opts, plan)
		if err != nil {
			return nil, err
		}
		if post == nil {
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
		post.name = name
		posts = append(posts, post)
	}
	legacyIDs(posts, ix, lang, plan)
	for _, p := range posts {
		meta := p.meta
		var images []string
		for _, img := range meta.Images {
			// An image name is a file of the post's own folder: the
			// site's path rule, as when the post builds.
			if c, err := sitepath.Rel(img); err != nil || c != img || sitepath.Hidden(img) {
				plan.note(p.file, meta.Lines["images"], "image %q cannot be a file of the post (%v); left out of images:", img, cmp.Or(err, errors.New("not a plain file name")))
				continue
			}
			dir, from := opts.Images, img
			if dir == nil {
				dir, from = src, path.Join(path.Dir(p.file), img)
			}
			data, err := fs.ReadFile(dir, from)
			if errors.Is(err, fs.ErrNotExist) {
				plan.note(p.file, meta.Lines["images"], "image %s is not in the images folder; left out of images:, so the post has no cover (--images names the folder)", img)
				continue
			} else if err != nil {
				return nil, err
			}
			images = append(images, img)
			plan.add(&File{Path: path.Join(content.PostsDir, p.name, img), Data: data})
		}
		fm := &frontMatter{ID: idValue(p.id), Title: meta.Title, Date: formatDate(meta.Date), Tags: meta.Tags, Images: images}
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

// readLegacyPost reads one file of the old blog: nil for a file that is
// not a legacy post, with a note; a post whose header has no date is
// dated by opts.FileDate.
func readLegacyPost(src fs.FS, file string, cfg *config.Config, opts LegacyOptions, plan *Plan) (*legacyPost, error) {
	data, err := fs.ReadFile(src, file)
	if err != nil {
		return nil, err
	}
	meta, legacy, body, errs := content.ReadHeader(file, data, cfg.Location)
	if meta == nil {
		msg := "not imported"
		if len(errs) == 1 && strings.Contains(errs[0].Msg, "no front matter") {
			msg = "not a post (no legacy header); skipped"
			errs = nil
		}
		plan.note(file, 1, "%s%s", msg, problemsText(errs))
		return nil, nil
	}
	if !legacy {
		plan.note(file, 1, "not a legacy post (it has YAML front matter); not imported")
		return nil, nil
	}
	var rest problem.List
	for _, e := range errs {
		if errors.Is(e, content.ErrNoDate) && meta.Date.IsZero() {
			when, what, err := opts.FileDate(file)
			if err != nil {
				rest = append(rest, problem.At(e.File, e.Line, "%s, and the file has no date to take instead: %v", e.Msg, err))
				continue
			}
			meta.Date = when
			plan.note(file, e.Line, "the header has no date; dated %s, %s", formatDate(when), what)
			continue
		}
		rest = append(rest, e)
	}
	if len(rest) > 0 {
		for _, e := range rest {
			plan.note(e.File, e.Line, "%s; not imported", e.Msg)
		}
		return nil, nil
	}
	return &legacyPost{file: file, meta: meta, body: body}, nil
}

func problemsText(errs problem.List) string {
	if len(errs) == 0 {
		return ""
	}
	return ": " + errs.Error()
}

// legacyIDs gives each post its id, the same on every run: the id its
// bundle has in the site already; else the id it declares, taken by the
// oldest of the posts that declare it (by date, then file name) when no
// other post of the site has it; else the next free one, in the same
// order.
func legacyIDs(posts []*legacyPost, ix *ids, lang string, plan *Plan) {
	order := slices.Clone(posts)
	slices.SortStableFunc(order, func(a, b *legacyPost) int {
		return cmp.Or(a.meta.Date.Compare(b.meta.Date), strings.Compare(a.file, b.file))
	})
	for _, p := range order {
		if id := ix.existing(bundleFile(p.name, lang)); id != "" {
			p.id = id
			ix.used[id] = true
		}
	}
	holder := map[string]*legacyPost{}
	for _, p := range order {
		if p.id == "" && p.meta.ID != "" && ix.take(p.meta.ID, bundleFile(p.name, lang)) {
			p.id = p.meta.ID
			holder[p.id] = p
		}
	}
	for _, p := range order {
		switch {
		case p.id != "":
			if p.meta.ID != "" && p.id != p.meta.ID {
				plan.Info = append(plan.Info, fmt.Sprintf("%s keeps id %s, which it was given when first imported (its header says %s)", p.file, p.id, p.meta.ID))
			}
		case p.meta.ID != "":
			p.id = ix.fresh()
			other := "another post of the site"
			if h := holder[p.meta.ID]; h != nil {
				other = h.file + ", an older post"
			}
			plan.note(p.file, p.meta.Lines["id"], "id %s is also the id of %s; this post gets id %s, and its address /posts/%s/ is the older post's", p.meta.ID, other, p.id, p.meta.ID)
		default:
			p.id = ix.fresh()
			plan.Info = append(plan.Info, fmt.Sprintf("%s has no [ID: …]; it gets id %s", p.file, p.id))
		}
	}
}
