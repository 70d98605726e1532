package site

import (
	"encoding/binary"
	"hash"
	"hash/fnv"
	"strconv"

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
	h := fnv.New64a()
	str := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	num := func(n int) { str(strconv.Itoa(n)) }
	// A post is shown whole on its own page, as a card in lists, and only
	// by title and address as a neighbour.
	post := func(p *content.Post, version uint64) {
		str(p.File)
		writeUint(h, version)
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
	if pg.Post != nil {
		post(pg.Post, pg.Post.Version)
	}
	neighbour(pg.Prev)
	neighbour(pg.Next)
	num(len(pg.Posts))
	for _, p := range pg.Posts {
		writeUint(h, pg.b.card(p))
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
		str(strconv.FormatBool(l.Exists))
	}
	return h.Sum64()
}

func writeUint(h hash.Hash64, v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.Write(b[:])
}

// card sums up a post as lists show it: what it shows and where it and its
// translations live. It is computed once per build per post, as long
// lists (the archive, big tags) hold the same posts.
func (b *builder) card(p *content.Post) uint64 {
	b.cardsMu.Lock()
	defer b.cardsMu.Unlock()
	if sig, ok := b.cards[p]; ok {
		return sig
	}
	h := fnv.New64a()
	for _, s := range []string{p.File, b.paths[p]} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	writeUint(h, p.ListVersion)
	for _, t := range p.Translations {
		h.Write([]byte(t.Lang + "\x00" + b.paths[t] + "\x00"))
	}
	sig := h.Sum64()
	b.cards[p] = sig
	return sig
}
