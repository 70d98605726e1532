package site

import (
	"bytes"
	"cmp"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"blog/internal/content"
	"blog/internal/images"
	"blog/internal/problem"
)

// A post's images are the files its <img> elements, cover: and image:
// name that the build writes (its bundle's files, its images:, the site's
// and the theme's static files). Each is read once per build: its size
// goes on every <img> that shows it, and one wider than the column gets
// resized copies beside it (images.Widths, images.CopyName), kept only
// when smaller than the original. Copies come from the image cache, keyed
// by the image's bytes, or are made; either way they are the same bytes.
// What a page shows of its images (their sizes, the copies' URLs) is part
// of its post's view, so of the page's key. Remote images and images that
// cannot be read are left as they are, the latter with a warning.

// imageRef is what a post's page knows of the image at one src: what
// images.Rewrite adds to its <img>.
type imageRef struct {
	Src           string
	Width, Height int
	Copies        []images.Candidate
}

// SocialImage is a post's image for link previews (og:image): its cover,
// else its image:, else its first image, at most images.SocialWidth wide.
type SocialImage struct {
	// Path is the image's site path; URL its address instead when it is
	// on another site.
	Path, URL string
	// Width and Height are its size, 0 when it could not be read.
	Width, Height int
}

// picture is one image file of the build, read and resized.
type picture struct {
	file       *File
	data       []byte // nil when the memo had what was needed
	size       int    // of the file
	info       images.Info
	err        error
	copies     []*File // the copies listed in srcset, narrowest first
	widths     []int   // their widths
	social     *SocialImage
	wantSocial bool       // a post previews with it
	shown      bool       // a post shows it: in its body or as its cover
	memo       *imageMemo // what the last build knew of the file, or nil
}

// imageMemo is what a Builder keeps of an image of a site file between
// its builds, so that a save in blog serve reads and resizes again only
// the images it names: the file's size, what its header says, and the
// copies made of it at widths (a copy that is the original, unchanged,
// with no bytes).
type imageMemo struct {
	size     int
	info     images.Info
	err      error
	widths   []int
	copies   []images.Copy
	original []bool
	copyErr  error
}

// memoKey names a picture's file for the memo: "" for a theme file,
// which a Builder never sees change.
func memoKey(f *File) string {
	if f.Source == nil || f.SourcePath == "" {
		return ""
	}
	return content.NFC(f.SourcePath)
}

// forgetImages drops what the memo holds of the files in changed (paths
// in the site folder) and of those under them.
func forgetImages(memo map[string]*imageMemo, changed []string) {
	for _, c := range changed {
		c = content.NFC(strings.TrimSuffix(c, "/"))
		for k := range memo {
			if k == c || strings.HasPrefix(k, c+"/") {
				delete(memo, k)
			}
		}
	}
}

// imageSrc is one image a view names: where, and how it names it.
type imageSrc struct {
	src     string // as the HTML or the header holds it
	escaped bool   // src is percent-encoded (HTML), not a plain path (header)
}

// images reads the images every view names among the files the build
// writes (statics, by output path), makes their copies, and gives each
// view its imageRefs and social image. It returns the copies to write.
func (b *build) images(statics []*File) ([]*File, problem.List) {
	byPath := make(map[string]*File, len(statics))
	for _, f := range statics {
		byPath[f.Path] = f
	}
	type named struct {
		view *Post
		post *content.Post
		srcs []imageSrc
	}
	var views []named
	add := func(v *Post, p *content.Post) {
		var srcs []imageSrc
		for _, s := range []string{p.Cover, p.Image} {
			if s != "" && !isWebURL(s) {
				srcs = append(srcs, imageSrc{s, false})
			}
		}
		for _, s := range p.ImageSources {
			srcs = append(srcs, imageSrc{s, true})
		}
		views = append(views, named{v, p, srcs})
	}
	for _, p := range slices.Concat(b.visible, b.pages0, b.docs) {
		add(b.views[p], p)
	}
	for _, p := range slices.Concat(b.pages0, b.docs) {
		for _, l := range b.cfg.Languages {
			if v := b.fallbacks[fallbackKey{p, l.Code}]; v != nil {
				add(v, p)
			}
		}
	}
	base := b.basePath()
	pics := map[string]*picture{}
	var order []*picture
	for _, v := range views {
		for _, s := range v.srcs {
			out, ok := resolveImage(v.view.Path, s, base)
			if !ok {
				continue
			}
			if pics[out] == nil && byPath[out] != nil {
				pics[out] = &picture{file: byPath[out]}
				order = append(order, pics[out])
			}
			if pic := pics[out]; pic != nil {
				// A body's image or a cover is shown; image: only previews.
				pic.shown = pic.shown || s.escaped || s.src == v.post.Cover
			}
		}
	}
	// Read and probe every image once, unless the memo has it.
	for _, pic := range order {
		if m := b.imageMemo[memoKey(pic.file)]; m != nil {
			pic.memo, pic.size, pic.info, pic.err = m, m.size, m.info, m.err
		}
	}
	parallelIO(len(order), func(i int) error {
		if pic := order[i]; pic.memo == nil {
			pic.err = pic.read()
			if pic.err == nil {
				pic.info, pic.err = images.Probe(pic.data)
			}
		}
		return nil
	})
	// Each view's social image: the first of cover, image and its images
	// that is one of the build's.
	socials := make([]*picture, len(views))
	for i, v := range views {
		p := v.post
		if isWebURL(p.Cover) {
			v.view.Social = &SocialImage{URL: p.Cover}
			continue
		}
		if p.Cover == "" && isWebURL(p.Image) {
			v.view.Social = &SocialImage{URL: p.Image}
			continue
		}
		for _, s := range v.srcs {
			out, ok := resolveImage(v.view.Path, s, base)
			pic := pics[out]
			if !ok || pic == nil || pic.err != nil && s.escaped {
				continue // a body's image that cannot be read is passed over
			}
			socials[i] = pic
			pic.wantSocial = pic.wantSocial || pic.err == nil
			break
		}
	}
	// Make the copies, over all cores: resizing is the work here.
	var mu sync.Mutex
	var made []*File
	b.each(len(order), func(i int, _ *hasher) error {
		files := b.makeCopies(order[i], byPath)
		mu.Lock()
		made = append(made, files...)
		mu.Unlock()
		return nil
	})
	// Copies at one path (a social copy that is also a srcset copy) are
	// one file: the same bytes, made from the same image.
	slices.SortFunc(made, func(x, y *File) int { return cmp.Compare(x.Path, y.Path) })
	made = slices.CompactFunc(made, func(x, y *File) bool { return x.Path == y.Path })
	b.imageCount, b.copyCount = len(order), len(made)
	// The memo keeps the images of this build only.
	b.nextMemo = map[string]*imageMemo{}
	for _, pic := range order {
		if k := memoKey(pic.file); k != "" {
			m := pic.memo
			// Not resized (an image that needs no copies, or cannot be
			// read), or unreadable now: what the header said, or why not.
			if m == nil || pic.err != nil && m.err == nil && m.copyErr == nil {
				m = &imageMemo{size: pic.size, info: pic.info, err: pic.err}
			}
			b.nextMemo[k] = m
		}
	}

	var warnings problem.List
	warned := map[string]bool{}
	for i, v := range views {
		var refs []imageRef
		for _, s := range v.srcs {
			if !s.escaped {
				continue
			}
			out, ok := resolveImage(v.view.Path, s, base)
			pic := pics[out]
			if !ok || pic == nil {
				continue
			}
			if pic.err != nil {
				if key := v.post.File + "\x00" + s.src; !warned[key] {
					warned[key] = true
					warnings = append(warnings, problem.At(v.post.File, b.lineOf(v.post.File, s.src),
						"image %q cannot be read (%v); it is shown without its size", s.src, pic.err))
				}
				continue
			}
			ref := imageRef{Src: s.src, Width: pic.info.Width, Height: pic.info.Height,
				Copies: pic.candidates(s.src, func(f *File) string { return copyURL(s.src, path.Base(f.Path)) })}
			refs = append(refs, ref)
		}
		if p := v.post; p.Cover != "" && !isWebURL(p.Cover) {
			if out, ok := resolveImage(v.view.Path, imageSrc{p.Cover, false}, base); ok && pics[out] != nil && pics[out].err == nil {
				pic := pics[out]
				v.view.CoverWidth, v.view.CoverHeight = pic.info.Width, pic.info.Height
				if set := b.coverSrcset(pic, out); set != "" {
					v.view.CoverSrcset, v.view.CoverSizes = set, images.Sizes
				}
			}
		}
		slices.SortFunc(refs, func(x, y imageRef) int { return cmp.Compare(x.Src, y.Src) })
		v.view.pics = slices.CompactFunc(refs, func(x, y imageRef) bool { return x.Src == y.Src })
		if pic := socials[i]; pic != nil && v.view.Social == nil {
			if pic.social != nil {
				v.view.Social = pic.social
			} else {
				v.view.Social = &SocialImage{Path: "/" + pic.file.Path}
			}
		}
	}
	return made, warnings
}

// makeCopies makes the copies of an image, or takes them from the memo,
// and returns the files to write: those for its srcset (pic.copies), if
// it is shown, and its social copy (pic.social), if a post wants one.
func (b *build) makeCopies(pic *picture, byPath map[string]*File) []*File {
	if pic.err != nil {
		return nil
	}
	var widths []int
	if pic.shown {
		widths = images.Widths(pic.info)
	}
	if pic.wantSocial {
		widths = append(widths, images.SocialWidth)
	}
	if len(widths) == 0 {
		return nil
	}
	var cs []images.Copy
	var original []bool
	var err error
	if m := pic.memo; m != nil && slices.Equal(m.widths, widths) {
		cs, original, err = m.copies, m.original, m.copyErr
	} else {
		if pic.data == nil {
			if err := pic.read(); err != nil {
				pic.err = err
				return nil
			}
		}
		cs, err = b.resizer.ResizeEach(pic.data, widths)
		original = make([]bool, len(cs))
		for j, c := range cs {
			original[j] = bytes.Equal(c.Data, pic.data)
		}
		pic.memo = &imageMemo{size: pic.size, info: pic.info, widths: widths, copies: slices.Clone(cs), original: original, copyErr: err}
		for j := range pic.memo.copies {
			if original[j] {
				pic.memo.copies[j].Data = nil // the file itself: not kept twice
			}
		}
	}
	if err != nil {
		pic.err = err
		return nil
	}
	var files []*File
	for j, c := range cs {
		name := images.CopyName(pic.file.Path, c.Width, c.Format)
		social := pic.wantSocial && j == len(cs)-1
		if social && original[j] {
			pic.social = &SocialImage{Path: "/" + pic.file.Path, Width: c.Width, Height: c.Height}
			continue
		}
		if byPath[name] != nil {
			continue // a file of the site has the copy's name: it wins, and gets no copy
		}
		f := &File{Path: name, Data: c.Data, made: cmp.Or(pic.file.SourcePath, pic.file.Path)}
		if social {
			pic.social = &SocialImage{Path: "/" + name, Width: c.Width, Height: c.Height}
			files = append(files, f)
			continue
		}
		if len(c.Data) >= pic.size {
			continue // a copy no smaller than the original saves nothing
		}
		pic.copies = append(pic.copies, f)
		pic.widths = append(pic.widths, c.Width)
		files = append(files, f)
	}
	return files
}

// coverSrcset is the srcset of a cover at the output path out, "" when it
// has no copies.
func (b *build) coverSrcset(pic *picture, out string) string {
	orig := b.href("/" + out)
	cands := pic.candidates(orig, func(f *File) string { return b.href("/" + f.Path) })
	if len(cands) == 0 {
		return ""
	}
	if pic.info.Width <= maxCopyWidth {
		cands = append(cands, images.Candidate{URL: orig, Width: pic.info.Width})
	}
	set := make([]string, len(cands))
	for i, c := range cands {
		set[i] = c.URL + " " + strconv.Itoa(c.Width) + "w"
	}
	return strings.Join(set, ", ")
}

// maxCopyWidth is the widest copy an image gets (images.Widths): an
// original up to it is listed in its srcset by Rewrite, and a wider one
// only when a copy was left out.
const maxCopyWidth = 1440

// candidates are the copies of pic for a srcset, their URLs made by url,
// narrowest first: a copy left out for its size leaves its screens to the
// original, at orig, which Rewrite lists itself only up to maxCopyWidth.
func (pic *picture) candidates(orig string, url func(*File) string) []images.Candidate {
	var out []images.Candidate
	for j, f := range pic.copies {
		out = append(out, images.Candidate{URL: url(f), Width: pic.widths[j]})
	}
	if len(out) > 0 && len(out) < len(images.Widths(pic.info)) && pic.info.Width > maxCopyWidth {
		out = append(out, images.Candidate{URL: orig, Width: pic.info.Width})
	}
	return out
}

// href is the link to a site path under the base path, each segment
// percent-encoded once, as Page.Href makes it.
func (b *build) href(sitePath string) string {
	return strings.TrimSuffix(b.cfg.BasePath(), "/") + escapePath(sitePath)
}

// read reads the picture's file.
func (pic *picture) read() error {
	data, err := pic.file.Bytes()
	if err == nil && data == nil {
		data, err = fs.ReadFile(pic.file.Source, pic.file.SourcePath)
	}
	pic.data, pic.size = data, len(data)
	return err
}

// basePath is the base URL's path, unescaped, without its final slash:
// "" for a site at the root.
func (b *build) basePath() string {
	bp := strings.TrimSuffix(b.cfg.BasePath(), "/")
	if u, err := url.PathUnescape(bp); err == nil {
		return u
	}
	return bp
}

// resolveImage is the output path of the file an image's src reaches
// from the page at pagePath, as a browser resolves it; false for a src on
// another site, a data: URL or one that leaves the site.
func resolveImage(pagePath string, s imageSrc, base string) (string, bool) {
	p := s.src
	if s.escaped {
		u, err := url.Parse(strings.TrimSpace(s.src))
		if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
			return "", false
		}
		p = u.Path
	}
	if p == "" || strings.HasPrefix(p, "//") {
		return "", false
	}
	if strings.HasPrefix(p, "/") {
		if base != "" {
			if !strings.HasPrefix(p, base+"/") {
				return "", false
			}
			p = p[len(base):]
		}
	} else {
		dir := pagePath
		if !strings.HasSuffix(dir, "/") {
			dir = path.Dir(dir) + "/"
		}
		p = dir + p
	}
	p = path.Clean(p)
	if p == "/" || strings.HasPrefix(p, "/..") {
		return "", false
	}
	return content.NFC(strings.TrimPrefix(p, "/")), true
}

// copyURL is the URL of a copy named name beside the image at src: src
// with its last segment replaced (its query and fragment dropped).
func copyURL(src, name string) string {
	if i := strings.IndexAny(src, "?#"); i >= 0 {
		src = src[:i]
	}
	dir := ""
	if i := strings.LastIndexByte(src, '/'); i >= 0 {
		dir = src[:i+1]
	}
	return dir + escapePath(name)
}

// lineOf is the line of the post file that names src, for a warning; 0
// when it cannot tell.
func (b *build) lineOf(file, src string) int {
	data, err := fs.ReadFile(b.site, file)
	if err != nil {
		return 0
	}
	plain, _ := url.PathUnescape(src)
	for _, s := range []string{src, plain, path.Base(plain)} {
		if s == "" {
			continue
		}
		if i := bytes.Index(data, []byte(s)); i >= 0 {
			return 1 + bytes.Count(data[:i], []byte("\n"))
		}
	}
	return 0
}

// rewriteImages gives the <img> elements of a view's body their sizes,
// copies and loading (images.Rewrite); below a post's cover, every one
// of them loads lazily.
func (p *Post) rewriteImages(html []byte) []byte {
	lookup := func(src string) (images.Source, bool) {
		i, ok := slices.BinarySearchFunc(p.pics, src, func(r imageRef, s string) int { return cmp.Compare(r.Src, s) })
		if !ok {
			return images.Source{}, false
		}
		r := p.pics[i]
		return images.Source{Width: r.Width, Height: r.Height, Copies: r.Copies}, true
	}
	if p.Kind == content.KindPost && p.Cover != "" {
		return images.RewriteBelow(html, lookup)
	}
	return images.Rewrite(html, lookup)
}
