package site

import (
	"bytes"
	"slices"

	"blog/internal/content"
)

// Preview renders the pages of the posts in changed (paths relative to
// the site folder) again from the last build, ahead of the Update that
// builds the whole site after the edit: blog serve shows the page being
// written at once, and the rest when the Update is done.
//
// A post is previewed only when the edit leaves it where it was among the
// others (content.SamePlace: the same address, date, language,
// translations, authors and files), so that its page, the post with
// the older and newer ones beside it and the language links, is the page
// the Update will make. Posts the edit moves give nothing, nor does a
// post whose file has problems (the Update reports them) or that gets
// its first diagram or loses its last; a batch with any other file, or with two
// versions of one post, gives nothing at all.
//
// Preview reads only what the last finished build left and what the
// Builder was made with, never what Update changes, so it may run on one
// goroutine while Update runs on another.
func (b *Builder) Preview(changed []string) []*File {
	last := b.lastBuild.Load()
	if last == nil {
		return nil
	}
	// A batch with anything besides posts (authors.yaml, an image, a
	// bundle's file), or with two versions of one post, changes what
	// the last build's plan says of the post's page: only the Update can
	// show it.
	keys := map[string]bool{}
	for _, file := range changed {
		old := last.byFile[file]
		if old == nil || keys[old.Key()] {
			return nil
		}
		keys[old.Key()] = true
	}
	var files []*File
	for _, file := range changed {
		old := last.byFile[file]
		pg := last.postPages[old]
		oldView := last.views[old]
		if pg == nil || oldView == nil {
			continue
		}
		p, ok := b.loader.Reread(b.site, old)
		if !ok || p.HasMermaid != old.HasMermaid {
			continue // a first diagram brings the diagram script to the site
		}
		paths := map[*content.Post]string{p: oldView.Path}
		for _, t := range p.Translations {
			if v := last.views[t]; v != nil {
				paths[t] = v.Path
			}
		}
		v := last.view(p, paths)
		// What the build's images step gave the post: its files are the
		// same (content.SamePlace).
		v.CoverWidth, v.CoverHeight, v.CoverSrcset, v.CoverSizes = oldView.CoverWidth, oldView.CoverHeight, oldView.CoverSrcset, oldView.CoverSizes
		v.Social, v.pics = oldView.Social, slices.Clone(oldView.pics)
		next := *pg
		next.Post, next.Title = v, v.Title // as planLang makes it
		var buf bytes.Buffer
		if err := b.Theme.Execute(&buf, next.Kind, &next); err != nil {
			continue // the Update reports it
		}
		files = append(files, &File{Path: outputFile(next.Path), Data: buf.Bytes(), Page: &next, made: file})
	}
	return files
}

// previewable is what Preview needs of a finished build: the build, with
// its visible posts by file and their post pages.
type previewable struct {
	*build
	byFile    map[string]*content.Post
	postPages map[*content.Post]*Page
}

// keepForPreview keeps a finished build for Preview, without what only
// the build itself needed (the build before it, above all, so that two
// outputs are not held at once).
func keepForPreview(bld *build) *previewable {
	bld.prev, bld.memo, bld.imageMemo, bld.nextMemo = nil, nil, nil, nil
	pv := &previewable{build: bld, byFile: make(map[string]*content.Post, len(bld.visible)), postPages: make(map[*content.Post]*Page, len(bld.visible))}
	byView := make(map[*Post]*content.Post, len(bld.visible))
	for _, p := range bld.visible {
		if p.Kind == content.KindPost {
			pv.byFile[p.File] = p
			byView[bld.views[p]] = p
		}
	}
	for _, pg := range bld.pages {
		if pg.Kind == "post" && pg.Post != nil {
			if p := byView[pg.Post]; p != nil {
				pv.postPages[p] = pg
			}
		}
	}
	return pv
}
