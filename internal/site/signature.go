package site

import (
	"encoding/binary"
	"hash"
	"hash/fnv"
	"strconv"

	"blog/internal/content"
)

// signature sums up everything a page's layout can show: its own place and
// links, and the version and address of every post it shows or links to.
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
	post := func(p *content.Post) {
		if p == nil {
			str("-")
			return
		}
		str(p.File)
		writeUint(h, p.Version)
		str(pg.b.paths[p])
		for _, t := range p.Translations {
			str(t.Lang)
			str(pg.b.paths[t])
		}
	}
	str(pg.Kind)
	str(pg.Lang)
	str(pg.Path)
	str(pg.Title)
	post(pg.Post)
	post(pg.Prev)
	post(pg.Next)
	num(len(pg.Posts))
	for _, p := range pg.Posts {
		post(p)
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
