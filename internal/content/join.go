package content

import (
	"cmp"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"blog/internal/problem"
)

// join checks what spans posts (ids, slugs, images, authors) and links
// translations.
func (s *Set) join(fsys fs.FS) (errs, warns problem.List) {
	slices.SortFunc(s.Posts, func(a, b *Post) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.File, b.File))
	})
	type langKey struct{ lang, key string }
	byID := make(map[langKey]*Post, len(s.Posts))
	bySlug := make(map[langKey]*Post, len(s.Posts))
	byKey := make(map[string][]*Post, len(s.Posts))
	for _, p := range s.Posts {
		if p.ID != "" {
			if q := byID[langKey{p.Lang, p.ID}]; q != nil {
				a, b := order(p, q)
				errs = append(errs, problem.At(b.File, b.Line("id"), "id %s is already used by %s in language %s", p.ID, a.File, p.Lang))
			} else {
				byID[langKey{p.Lang, p.ID}] = p
			}
		}
		if q := bySlug[langKey{p.Lang, p.Slug}]; q != nil {
			a, b := order(p, q)
			errs = append(errs, problem.At(b.File, b.Line("slug"), "slug %q is already used by %s in language %s", p.Slug, a.File, p.Lang))
		} else {
			bySlug[langKey{p.Lang, p.Slug}] = p
		}
		byKey[p.Key()] = append(byKey[p.Key()], p)
		ferrs, fwarns := s.checkFiles(fsys, p)
		errs, warns = append(errs, ferrs...), append(warns, fwarns...)
	}
	for _, docs := range [][]*Post{s.Pages, s.Docs} {
		derrs, dwarns := s.joinDocs(fsys, docs, byKey)
		errs, warns = append(errs, derrs...), append(warns, dwarns...)
	}
	for _, group := range byKey {
		for _, p := range group {
			for _, q := range group {
				if q != p && q.Lang != p.Lang {
					p.Translations = append(p.Translations, q)
				}
			}
			slices.SortFunc(p.Translations, func(a, b *Post) int { return cmp.Compare(a.File, b.File) })
		}
	}
	return errs, warns
}

func order(p, q *Post) (first, second *Post) {
	if p.File < q.File {
		return p, q
	}
	return q, p
}

// checkFiles checks that images named in the header exist and resolves
// author keys. A legacy header's ImageNames name the thumbnails the old
// server kept, which a backup of the posts often lacks: those that are
// not there are a warning, and the post goes without them.
func (s *Set) checkFiles(fsys fs.FS, p *Post) (errs, warns problem.List) {
	var missing []string
	for _, img := range p.Images {
		if !fileExists(fsys, p, img) {
			missing = append(missing, img)
		}
	}
	if len(missing) > 0 && p.Legacy {
		warns = append(warns, problem.At(p.File, p.Line("images"), "ImageNames names %s, not in %s; the post is shown without them", quoteList(missing), p.Dir))
		kept := make([]string, 0, len(p.Images)-len(missing))
		for _, img := range p.Images {
			if !slices.Contains(missing, img) {
				kept = append(kept, img)
			}
		}
		p.Images = kept
	} else {
		for _, img := range missing {
			errs = append(errs, problem.At(p.File, p.Line("images"), "image %q does not exist in %s", img, p.Dir))
		}
	}
	if p.Image != "" && !isWebURL(p.Image) && !fileExists(fsys, p, p.Image) {
		errs = append(errs, problem.At(p.File, p.Line("image"), "image %q does not exist in %s", p.Image, p.Dir))
	}
	if p.Cover != "" && !isWebURL(p.Cover) && !fileExists(fsys, p, p.Cover) {
		errs = append(errs, problem.At(p.File, p.Line("cover"), "cover %q does not exist in %s", p.Cover, p.Dir))
	}
	p.Authors = nil
	for _, key := range p.meta.Authors {
		a := s.Authors[key]
		if a == nil {
			errs = append(errs, problem.At(p.File, p.Line("authors"), "author %q is not in %s/authors.yaml", key, Dir))
			continue
		}
		p.Authors = append(p.Authors, a)
	}
	return errs, warns
}

// quoteList writes names as "a", "b" and "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

func fileExists(fsys fs.FS, p *Post, name string) bool {
	if strings.HasPrefix(name, "/") {
		return false
	}
	if p.Bundle {
		_, found := slices.BinarySearch(p.Resources, name)
		return found
	}
	st, err := fs.Stat(fsys, path.Join(p.Dir, name))
	return err == nil && !st.IsDir()
}

// joinDocs checks pages or docs: one file a place and language (about.md
// and about/index.md are one page), their ids, their files and authors;
// and adds them to byKey, for translations.
func (s *Set) joinDocs(fsys fs.FS, docs []*Post, byKey map[string][]*Post) (errs, warns problem.List) {
	slices.SortFunc(docs, func(a, b *Post) int { return cmp.Compare(a.File, b.File) })
	type place struct{ lang, key string }
	byRel := map[place]*Post{}
	byID := map[place]*Post{}
	for _, p := range docs {
		if q := byRel[place{p.Lang, p.Rel}]; q != nil {
			errs = append(errs, problem.At(p.File, 0, "is the %s at %q in language %s, as %s is", p.Kind, p.Rel, p.Lang, q.File))
			continue
		}
		byRel[place{p.Lang, p.Rel}] = p
		if p.ID != "" {
			if q := byID[place{p.Lang, p.ID}]; q != nil {
				errs = append(errs, problem.At(p.File, p.Line("id"), "id %s is already used by %s in language %s", p.ID, q.File, p.Lang))
			} else {
				byID[place{p.Lang, p.ID}] = p
			}
		}
		byKey[p.Key()] = append(byKey[p.Key()], p)
		ferrs, fwarns := s.checkFiles(fsys, p)
		errs, warns = append(errs, ferrs...), append(warns, fwarns...)
	}
	return errs, warns
}
