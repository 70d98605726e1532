package content

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"blog/internal/cache"
)

// A header memo is what reading a post file's header gave (the header's
// fields, whether it was legacy, where the body starts, and the key of
// the body) and what its body's entry holds besides the HTML and text,
// kept in the body cache under a hash of the file's bytes and of
// everything else the reading depended on. A later build that finds the
// memo of a file's bytes skips cleaning, splitting and YAML, which are
// most of what a warm build spends on a post, and does not read the
// body's entry (tens of kilobytes a post) unless a page must be rendered
// again. Only a header read without problems is kept, so a file with
// problems reports them afresh; a memo that cannot be read is a miss, and
// the header is read again.

// memoVersion starts every memo; a change of layout or of what a header
// reading gives changes it.
const memoVersion = 5

// memo is one header memo.
type memo struct {
	meta     *Meta
	legacy   bool
	bodyLine int
	bodyKey  cache.Key
	// rendered is the body's entry's fields, entryLen its size; nil when
	// the memo has only the header.
	rendered *rendered
	entryLen int
}

// memoKey names the memo of a file's bytes: the reading depends on the
// file's name, its language, the kind of document and link mode, the
// site's time zone and the bytes themselves.
func memoKey(file, lang string, opts parseOptions, loc *time.Location, data []byte) cache.Key {
	return cache.MakeKey([]byte("header memo"), []byte{memoVersion, byte(opts.links)}, []byte(file), []byte(lang), []byte(opts.kind), []byte(loc.String()), data)
}

// memoUsable reports whether memos can stand for a reading: not with a
// zone that is the machine's own (its rules are not in the key), and not
// when the source is kept (the memo holds no body).
func memoUsable(opts parseOptions, loc *time.Location) bool {
	return opts.store != nil && !opts.keepSource && loc != nil && loc != time.Local
}

var errNoMemo = errors.New("not kept in a memo")

// encode lays out a memo; it fails for a value it cannot give back
// exactly as it is, which is then not kept.
func (m *memo) encode(loc *time.Location) ([]byte, error) {
	e := &memoWriter{loc: loc, out: []byte{memoVersion}}
	mt := m.meta
	flags := byte(0)
	for i, b := range []bool{m.legacy, mt.Draft, mt.Featured, mt.HasOrder} {
		if b {
			flags |= 1 << i
		}
	}
	e.out = append(e.out, flags)
	e.uint(uint64(m.bodyLine))
	e.out = append(e.out, m.bodyKey[:]...)
	for _, s := range []string{mt.ID, mt.Title, mt.Image, mt.Description, mt.Slug, mt.Cover, mt.Label} {
		e.str(s)
	}
	e.time(mt.Date)
	for _, l := range [][]string{mt.Tags, mt.Images, mt.Authors, mt.Aliases} {
		e.strs(l)
	}
	e.uint(math.Float64bits(mt.Order))
	e.uint(uint64(len(mt.Lines)))
	for k, v := range mt.Lines {
		e.str(k)
		e.uint(uint64(v))
	}
	params := ""
	if mt.Params != nil {
		params = mt.Params.src
	}
	e.str(params) // its text: the values are read from it when asked
	if r := m.rendered; r == nil {
		e.out = append(e.out, 0)
	} else {
		// The entry's own head, so the fields have one layout.
		e.out = append(e.out, 1)
		e.str(string(r.head(r.textLen)))
		e.uint(uint64(m.entryLen))
	}
	return e.out, e.err
}

// decodeMemo reads a memo; it returns nil for one it cannot read.
func decodeMemo(data []byte, loc *time.Location) *memo {
	if len(data) < 2 || data[0] != memoVersion {
		return nil
	}
	d := &memoReader{loc: loc, in: data[2:]}
	flags := data[1]
	mt := &Meta{Draft: flags&2 != 0, Featured: flags&4 != 0, HasOrder: flags&8 != 0}
	m := &memo{meta: mt, legacy: flags&1 != 0}
	m.bodyLine = int(d.uint())
	if len(d.in) < len(m.bodyKey) {
		return nil
	}
	copy(m.bodyKey[:], d.in)
	d.in = d.in[len(m.bodyKey):]
	for _, s := range []*string{&mt.ID, &mt.Title, &mt.Image, &mt.Description, &mt.Slug, &mt.Cover, &mt.Label} {
		*s = d.str()
	}
	mt.Date = d.time()
	for _, l := range []*[]string{&mt.Tags, &mt.Images, &mt.Authors, &mt.Aliases} {
		*l = d.strs()
	}
	mt.Order = math.Float64frombits(d.uint())
	n := d.count()
	mt.Lines = make(map[string]int, n)
	for range n {
		k := d.str()
		mt.Lines[k] = int(d.uint())
	}
	mt.Params = &Params{src: d.str(), legacy: m.legacy}
	switch d.byte() {
	case 0:
	case 1:
		head := d.str()
		m.entryLen = int(d.uint())
		r := readRenderedOf([]byte(head), m.entryLen)
		if r == nil || r.textAt != len(head) {
			return nil
		}
		m.rendered = r
	default:
		return nil
	}
	if d.bad || len(d.in) != 0 {
		return nil
	}
	return m
}

// The zones a memo's time can be in. A time parsed with a numeric offset
// is in the machine's zone when that zone had the offset at that moment,
// else in an unnamed fixed zone (time.Parse); a memo keeps the offset and
// makes that choice again when read, so a change of the machine's zone
// reads as a fresh parse would.
const (
	zUTC byte = iota
	zSite
	zOffset
)

type memoWriter struct {
	loc *time.Location
	out []byte
	err error
}

func (e *memoWriter) uint(v uint64) { e.out = binary.AppendUvarint(e.out, v) }

func (e *memoWriter) str(s string) {
	e.uint(uint64(len(s)))
	e.out = append(e.out, s...)
}

// strs keeps nil and empty lists apart, as a fresh reading does.
func (e *memoWriter) strs(l []string) {
	if l == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(l)) + 1)
	for _, s := range l {
		e.str(s)
	}
}

func (e *memoWriter) time(t time.Time) {
	switch name, off := t.Zone(); {
	case t.Location() == time.UTC:
		e.out = append(e.out, zUTC)
	case t.Location() == e.loc:
		e.out = append(e.out, zSite)
	case t.Location() == time.Local || t.Location().String() == "" && name == "":
		e.out = append(e.out, zOffset)
		e.out = binary.AppendVarint(e.out, int64(off))
	default:
		e.err = errNoMemo
	}
	e.out = binary.AppendVarint(e.out, t.Unix())
	e.uint(uint64(t.Nanosecond()))
}

type memoReader struct {
	loc *time.Location
	in  []byte
	bad bool
}

func (d *memoReader) uint() uint64 {
	v, n := binary.Uvarint(d.in)
	if n <= 0 {
		d.bad = true
		d.in = nil
		return 0
	}
	d.in = d.in[n:]
	return v
}

// int reads what binary.AppendVarint wrote: a zigzag uvarint.
func (d *memoReader) int() int64 {
	u := d.uint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

func (d *memoReader) byte() byte {
	if len(d.in) == 0 {
		d.bad = true
		return 0
	}
	b := d.in[0]
	d.in = d.in[1:]
	return b
}

// count reads a length, which cannot be more than the bytes left.
func (d *memoReader) count() int {
	n := d.uint()
	if n > uint64(len(d.in)) {
		d.bad = true
		d.in = nil
		return 0
	}
	return int(n)
}

func (d *memoReader) str() string {
	n := d.count()
	s := string(d.in[:n])
	d.in = d.in[n:]
	return s
}

func (d *memoReader) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	l := make([]string, 0, n-1)
	for range n - 1 {
		l = append(l, d.str())
	}
	return l
}

func (d *memoReader) time() time.Time {
	zone := d.byte()
	var off int64
	if zone == zOffset {
		off = d.int()
	}
	t := time.Unix(d.int(), int64(d.uint()))
	switch zone {
	case zUTC:
		return t.UTC()
	case zSite:
		return t.In(d.loc)
	case zOffset:
		if _, local := t.In(time.Local).Zone(); int64(local) == off {
			return t.In(time.Local)
		}
		return t.In(time.FixedZone("", int(off)))
	}
	d.bad = true
	return time.Time{}
}
