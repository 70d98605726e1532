package site

import (
	"cmp"
	"slices"
	"strings"
	"unsafe"

	"blog/internal/cache"
	"blog/internal/content"
)

// plan decides every page and what it shows, as view values (page.go):
// the visible posts and their addresses, each language's list and tags,
// the pages with their language links. The views' keys are made once
// their images are known (keyViews).
func (b *build) plan() error {
	cfg := b.cfg
	for _, p := range b.set.Posts {
		if b.opts.Drafts || !p.Draft && !p.Date.After(b.opts.Now) {
			b.visible = append(b.visible, p)
		}
	}
	b.views = make(map[*content.Post]*Post, len(b.visible))
	paths := make(map[*content.Post]string, len(b.visible))
	for _, p := range b.visible {
		paths[p] = permalink(cfg, p)
	}
	b.pages0, b.docs = b.visibleDocs(b.set.Pages), b.visibleDocs(b.set.Docs)
	for _, p := range slices.Concat(b.pages0, b.docs) {
		paths[p] = docPath(b, p)
	}
	for _, p := range slices.Concat(b.visible, b.pages0, b.docs) {
		b.views[p] = b.view(p, paths)
	}
	b.makeFallbacks()
	for _, lang := range cfg.Languages {
		var list []*Post
		for _, p := range b.visible {
			if p.Lang == lang.Code || cfg.ShowUntranslated && b.translation(p, lang.Code) == nil {
				list = append(list, b.views[p])
			}
		}
		b.lists[lang.Code] = list
		b.tags[lang.Code] = collectTags(b, lang.Code, list)
	}
	for _, lang := range cfg.Languages {
		b.planLang(lang.Code)
		b.planDocs(lang.Code)
		b.planAuthors(lang.Code)
	}
	kept := b.pages[:0]
	for _, pg := range b.pages {
		if b.th.Has(pg.Kind) {
			kept = append(kept, pg)
		}
	}
	b.pages = kept
	menus := map[string][]MenuLink{}
	for _, l := range cfg.Languages {
		menus[l.Code] = b.menu(l.Code)
	}
	for _, pg := range b.pages {
		b.links(pg)
		for _, m := range menus[pg.Lang] {
			m.Current = pg.Path == m.Path || m.Path != homePath(cfg, pg.Lang, 1) && strings.HasPrefix(pg.Path, m.Path)
			pg.Menu = append(pg.Menu, m)
		}
	}
	return nil
}

// view is what layouts see of a visible post.
func (b *build) view(p *content.Post, paths map[*content.Post]string) *Post {
	v := &Post{
		File: p.File, Dir: p.Dir, Name: p.Name, Lang: p.Lang, Bundle: p.Bundle, Legacy: p.Legacy,
		Kind: p.Kind, Rel: p.Rel, Section: p.Section, Index: p.Index, Order: p.Order, hasOrder: p.HasOrder, Label: p.Label, Cover: p.Cover,
		ID: p.ID, Slug: p.Slug, Title: p.Title, Date: p.Date, Images: p.Images, Image: p.Image,
		Description: p.Description, Draft: p.Draft, Featured: p.Featured, Scheduled: p.Date.After(b.opts.Now),
		Aliases: p.Aliases, params: p.Params, Resources: p.Resources,
		Summary: p.Summary, Headings: p.Headings, ReadingTime: p.ReadingTime, Words: p.Words, HasMermaid: p.HasMermaid,
		Path: paths[p], body: p.Body, hasCode: p.HasCode,
	}
	if p.Description == "" {
		v.plain = plainText(string(p.Summary))
	}
	for _, t := range p.Tags {
		v.Tags = append(v.Tags, TagRef{Name: t.Name, Slug: t.Slug})
	}
	for _, a := range p.Authors {
		v.Authors = append(v.Authors, b.author(a, p.Lang))
	}
	for _, t := range p.Translations {
		if path, ok := paths[t]; ok {
			v.Translations = append(v.Translations, Translation{Lang: t.Lang, Title: t.Title, Path: path})
		}
	}
	return v
}

// translation returns p's visible translation in lang, or nil.
func (b *build) translation(p *content.Post, lang string) *Post {
	if t := p.Translation(lang); t != nil {
		return b.views[t]
	}
	return nil
}

// keyViews keys every post and tag once, for every page that shows them.
func (b *build) keyViews() error {
	b.memo = make(map[unsafe.Pointer]cache.Key, len(b.views)+64)
	posts := make([]*Post, 0, len(b.views)+len(b.fallbacks))
	for _, p := range slices.Concat(b.visible, b.pages0, b.docs) {
		posts = append(posts, b.views[p])
	}
	for _, p := range slices.Concat(b.pages0, b.docs) {
		for _, l := range b.cfg.Languages {
			if v := b.fallbacks[fallbackKey{p, l.Code}]; v != nil {
				posts = append(posts, v)
			}
		}
	}
	keys := make([]cache.Key, len(posts))
	if err := parallel(len(posts), b.stoppable(func(i int, h *hasher) (err error) {
		keys[i], err = h.key(posts[i])
		return err
	})); err != nil {
		return err
	}
	for i, p := range posts {
		b.memo[unsafe.Pointer(p)] = keys[i]
	}
	var tags []*Tag
	for _, l := range b.cfg.Languages {
		tags = append(tags, b.tags[l.Code]...)
	}
	tkeys := make([]cache.Key, len(tags))
	if err := b.each(len(tags), func(i int, h *hasher) (err error) {
		tkeys[i], err = h.key(tags[i])
		return err
	}); err != nil {
		return err
	}
	for i, t := range tags {
		b.memo[unsafe.Pointer(t)] = tkeys[i]
	}
	return nil
}

func collectTags(b *build, lang string, list []*Post) []*Tag {
	bySlug := map[string]*Tag{}
	spellings := map[string]map[string]int{}
	for _, p := range list {
		for _, t := range p.Tags {
			tg := bySlug[t.Slug]
			if tg == nil {
				tg = &Tag{Slug: t.Slug, Lang: lang, Path: tagPath(b.cfg, lang, t.Slug)}
				bySlug[t.Slug] = tg
				spellings[t.Slug] = map[string]int{}
			}
			tg.Posts = append(tg.Posts, p)
			spellings[t.Slug][t.Name]++
		}
	}
	tags := make([]*Tag, 0, len(bySlug))
	for slug, tg := range bySlug {
		tg.Name = label(slug, spellings[slug])
		tags = append(tags, tg)
	}
	slices.SortFunc(tags, func(a, b *Tag) int { return cmp.Compare(a.Slug, b.Slug) })
	return tags
}

// label picks the most used spelling of a tag; on a tie, the one that reads
// like its slug, then the first in byte order.
func label(slug string, counts map[string]int) string {
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	slices.Sort(names)
	likeSlug := func(name string) bool { return strings.ReplaceAll(strings.ToLower(name), " ", "-") == slug }
	best := names[0]
	for _, name := range names[1:] {
		if counts[name] > counts[best] || counts[name] == counts[best] && likeSlug(name) && !likeSlug(best) {
			best = name
		}
	}
	return best
}

func (b *build) planLang(lang string) {
	cfg, def := b.cfg, b.cfg.DefaultLanguage
	t := func(key string, args ...any) string { return b.th.T(lang, def, key, args...) }
	page := func(pg *Page) *Page {
		pg.Lang = lang
		return b.add(pg)
	}
	list := b.lists[lang]
	per := cfg.Paginate
	total := max(1, (len(list)+per-1)/per)
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*per, min(n*per, len(list))
		pg := page(&Page{Kind: "home", Path: homePath(cfg, lang, n), Posts: list[lo:hi], Pager: &Pager{Number: n, Total: total}})
		if n > 1 {
			pg.Pager.PrevPath = homePath(cfg, lang, n-1)
			pg.Title = t("page", n)
		}
		if n < total {
			pg.Pager.NextPath = homePath(cfg, lang, n+1)
		}
	}
	own := make([]*Post, 0, len(list))
	for _, p := range list {
		if p.Lang == lang {
			own = append(own, p)
		}
	}
	for i, p := range own {
		pg := page(&Page{Kind: "post", Path: p.Path, Title: p.Title, Post: p})
		if i+1 < len(own) {
			pg.Prev = own[i+1]
		}
		if i > 0 {
			pg.Next = own[i-1]
		}
	}
	tags := b.tags[lang]
	page(&Page{Kind: "tags", Path: tagsPath(cfg, lang), Tags: tags, Title: t("tags")})
	for _, tg := range tags {
		page(&Page{Kind: "tag", Path: tg.Path, Tag: tg, Posts: tg.Posts, Title: t("tagPostsTitle", tg.Name)})
	}
	page(&Page{Kind: "archive", Path: langPath(cfg, lang, "/archive/"), Posts: list, Title: t("archive")})
	page(&Page{Kind: "search", Path: langPath(cfg, lang, "/search/"), Title: t("search")})
	page(&Page{Kind: "404", Path: langPath(cfg, lang, "/404.html"), Title: t("notFoundTitle")})
}

// add puts a page in the build.
func (b *build) add(pg *Page) *Page {
	pg.site = b.s
	b.pages = append(b.pages, pg)
	return pg
}

// links fills the language switcher and the hreflang alternates of a page.
func (b *build) links(pg *Page) {
	for _, l := range b.cfg.Languages {
		link := LangLink{Lang: l.Code, Name: b.s.langNames[l.Code], Current: l.Code == pg.Lang}
		if link.Current {
			link.Path, link.Exists = pg.Path, true
		} else {
			link.Path, link.Exists = b.equivalent(pg, l.Code)
			if !link.Exists {
				link.Path, link.Notice = b.fallback(pg, l.Code)
			}
		}
		pg.Languages = append(pg.Languages, link)
		if link.Exists {
			pg.Alternates = append(pg.Alternates, link)
		}
	}
}

// fallback is where the switcher goes in lang when no page there shows
// what pg shows: a tag the other language lacks goes to its tag index; a
// post, page or doc without a translation goes to the other home, which
// says why (notice); anything else to the other home.
func (b *build) fallback(pg *Page, lang string) (path string, notice bool) {
	switch pg.Kind {
	case "tag":
		return tagsPath(b.cfg, lang), false
	case "post", "page", "doc":
		return homePath(b.cfg, lang, 1), true
	}
	return homePath(b.cfg, lang, 1), false
}

// equivalent finds the page in lang that shows what pg shows.
func (b *build) equivalent(pg *Page, lang string) (string, bool) {
	cfg := b.cfg
	switch pg.Kind {
	case "post", "page", "doc":
		for _, t := range pg.Post.Translations {
			if t.Lang == lang {
				return t.Path, true
			}
		}
	case "authors":
		for _, pg2 := range b.pages {
			if pg2.Kind == "authors" && pg2.Lang == lang {
				return pg2.Path, true
			}
		}
	case "author":
		for _, pg2 := range b.pages {
			if pg2.Kind == "author" && pg2.Lang == lang && pg2.AuthorPage.Key == pg.AuthorPage.Key {
				return pg2.Path, true
			}
		}
	case "home":
		total := max(1, (len(b.lists[lang])+cfg.Paginate-1)/cfg.Paginate)
		if pg.Pager.Number <= total {
			return homePath(cfg, lang, pg.Pager.Number), true
		}
	case "tags":
		return tagsPath(cfg, lang), true
	case "archive":
		return langPath(cfg, lang, "/archive/"), true
	case "tag":
		if _, found := slices.BinarySearchFunc(b.tags[lang], pg.Tag.Slug, func(t *Tag, s string) int { return cmp.Compare(t.Slug, s) }); found {
			return tagPath(cfg, lang, pg.Tag.Slug), true
		}
	case "404":
		return langPath(cfg, lang, "/404.html"), true
	case "search":
		return langPath(cfg, lang, "/search/"), true
	}
	return "", false
}
