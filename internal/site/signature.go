package site

import (
	"github.com/cespare/xxhash/v2"

	"blog/internal/content"
)

// signature sums up everything a page's layout can show: its own place and
// links, the version of its post, what lists show of the posts it lists
// (content.Post.ListVersion) and the title and address of its neighbours.
// Two pages with the same signature render the same bytes under the same
// config and theme, so a rebuild renders only pages whose signature
// changed: an edited post, the lists it appears on, its neighbours and
// translations.
func (pg *Page) signature() uint64 {
	var h sig
	str := h.str
	num := func(n int) { h.num(uint64(n)) }
	// A post is shown whole on its own page, as a card in lists, and only
	// by title and address as a neighbour.
	post := func(p *content.Post, version uint64) {
		str(p.File)
		h.num(version)
		str(pg.b.paths[p])
		for _, t := range p.Translations {
			str(t.Lang)
			str(pg.b.paths[t])
		}
	}
	neighbour := func(p *content.Post) {
		if p == nil {
			str("-")
			return
		}
		str(p.Title)
		str(pg.b.paths[p])
	}
	str(pg.Kind)
	str(pg.Lang)
	str(pg.Path)
	str(pg.Title)
	// With drafts, posts dated after the build are marked as scheduled;
	// such a post becomes due while blog serve runs.
	scheduled := func(p *content.Post) {
		if pg.Scheduled(p) {
			h.num(1)
		} else {
			h.num(0)
		}
	}
	if pg.Post != nil {
		post(pg.Post, pg.Post.Version)
		scheduled(pg.Post)
	}
	neighbour(pg.Prev)
	neighbour(pg.Next)
	num(len(pg.Posts))
	for _, p := range pg.Posts {
		if pg.Kind == "archive" {
			// The archive shows a line per post, not a card: a post's
			// tags or summary do not change it.
			str(p.Title)
			_, offset := p.Date.Zone()
			h.num(uint64(p.Date.Unix()))
			num(offset)
			str(p.Lang)
			str(pg.b.paths[p])
			scheduled(p)
			continue
		}
		h.num(pg.b.card(p))
		scheduled(p)
	}
	if pg.Tag != nil {
		str(pg.Tag.Name)
		str(pg.Tag.Slug)
	}
	num(len(pg.Tags))
	for _, t := range pg.Tags {
		str(t.Name)
		str(t.Slug)
		num(len(t.Posts))
	}
	if pg.Pager != nil {
		num(pg.Pager.Number)
		num(pg.Pager.Total)
		str(pg.Pager.PrevPath)
		str(pg.Pager.NextPath)
	}
	for _, l := range pg.Languages {
		str(l.Lang)
		str(l.Path)
		if l.Exists {
			str("y")
		} else {
			str("n")
		}
	}
	return h.sum()
}

// sig sums up a sequence of strings and numbers, in order: each string is
// hashed whole (no copying) and mixed in. The sum is the same in every
// process, so signatures can name pages in the persistent page cache.
// Each step is a bijection of the state for a given input, so two
// sequences of the same length that differ in one element collide only
// when that element's hashes do.
type sig struct{ h uint64 }

func (s *sig) mix(x uint64) {
	s.h = (s.h ^ x + 0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
	s.h ^= s.h >> 31
}

func (s *sig) str(v string) { s.mix(xxhash.Sum64String(v)) }
func (s *sig) num(v uint64) { s.mix(v*0x94d049bb133111eb + 1) }
func (s *sig) sum() uint64  { return s.h }

// card sums up a post as lists show it: what it shows and where it and its
// translations live. It is computed once per build per post, as long
// lists (the archive, big tags) hold the same posts.
func (b *builder) card(p *content.Post) uint64 {
	if sig, ok := b.cards[p]; ok {
		return sig
	}
	return b.cardSig(p)
}

// cardSig computes card's signature; plan computes every visible post's
// once, over all cores, so card only reads.
func (b *builder) cardSig(p *content.Post) uint64 {
	var h sig
	h.str(p.File)
	h.str(b.paths[p])
	h.num(p.ListVersion)
	for _, t := range p.Translations {
		h.str(t.Lang)
		h.str(b.paths[t])
	}
	return h.sum()
}
