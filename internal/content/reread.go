package content

import (
	"io/fs"
	"slices"
)

// Reread reads a post of the last load again, for a preview of an edit
// before the next Update: it parses the file as Update would, and changes
// nothing the Loader keeps, so it may run on another goroutine while a
// load does. The post comes back joined as old was (its translations and
// authors), and ok is true only when that is right: the file parses
// without problems and the edit leaves the post where it was among the
// others (SamePlace). Pages and docs, which place themselves in sidebars
// and sections, are not reread.
func (l *Loader) Reread(fsys fs.FS, old *Post) (p *Post, ok bool) {
	if old == nil || old.Kind != KindPost || isReadme(old.File) {
		return nil, false
	}
	data, err := fs.ReadFile(fsys, old.File)
	if err != nil {
		return nil, false
	}
	s := source{file: old.File, dir: old.Dir, name: old.Name, lang: old.Lang, bundle: old.Bundle, resources: old.Resources}
	r := l.parseData(fsys, s, data)
	if r.post == nil || len(r.errs) > 0 || len(r.warns) > 0 {
		return nil, false
	}
	p = r.post
	if p.Slug == "" {
		p.Slug = NameSlug(p.Name)
	}
	if !SamePlace(old, p) {
		return nil, false
	}
	p.Authors, p.Translations, p.Images = old.Authors, old.Translations, old.Images
	return p, true
}

// SamePlace reports whether b, a new reading of the post a, sits where a
// did among the other posts: the same address, language, date, drafting,
// translation key, authors and files. What else an edit changes (the
// body, the title, the tags, the description) shows on the post's own
// page without moving anything else there.
func SamePlace(a, b *Post) bool {
	return a.File == b.File && a.Kind == b.Kind && a.Lang == b.Lang && a.Key() == b.Key() &&
		a.ID == b.ID && a.Slug == b.Slug && a.Date.Equal(b.Date) && a.Date.Location().String() == b.Date.Location().String() &&
		a.Draft == b.Draft && a.Legacy == b.Legacy &&
		a.Image == b.Image && a.Cover == b.Cover &&
		slices.Equal(a.ImageSources, b.ImageSources) && slices.Equal(a.Resources, b.Resources) &&
		slices.Equal(a.meta.Authors, b.meta.Authors) && slices.Equal(a.meta.Images, b.meta.Images)
}
