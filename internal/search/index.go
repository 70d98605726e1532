// Package search makes the static search index of one language: posts in,
// one JSON file out, read by the theme's search.js in the browser. There
// is no server behind it.
//
// # Tokens
//
// Korean writes particles and endings onto words ("서울은", "서울에서",
// "쿠버네티스의"), so splitting at spaces would make "서울" find nothing.
// Hangul runs are indexed as overlapping character bigrams instead, and a
// query matches a post when the post has every bigram of the query. This
// needs no dictionary, finds stems inside compounds and before any
// particle or ending (which a list of particles to strip would not: "서울시"
// or "쿠버네티스를" are found alike), and costs little: a Korean word of n
// syllables gives n-1 tokens. The price, a post having both bigrams of
// "서울" apart from each other ("서" + "울" in "서울" vs "수서울..."), is rare
// and only a lower-ranked result. English words are case-folded and
// stemmed; code identifiers ("fmt.Errorf", "kube-rs") are kept whole as
// well as cut into parts. See Tokenize.
//
// # Format
//
//	{"v":1,"sfx":[suffix…],  // Suffixes, for the query side
//	 "syn":[[spelling…]…],     // Options.Synonyms
//	 "docs":[{"u":url,"t":title,"d":date,"g":[tags],"s":summary,
//	  "h":[[id,heading]…],"l":lang}…],
//	 "k":[token…],            // sorted by UTF-16 code units, as JavaScript sorts
//	 "p":[[posting…]…]}       // p[i] lists the posts of k[i]
//
// A posting is one number: (doc − previous doc in the list) << 6 |
// min(count in body, 3) << 4 | fields, where fields has bit 1 for the
// title, 2 for a tag, 4 for a heading and 8 for the body.
package search

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Version is the index format's version, the "v" of the file.
const Version = 1

// Field bits of a posting.
const (
	FieldTitle   = 1
	FieldTag     = 2
	FieldHeading = 4
	FieldBody    = 8
)

// Doc is what the index knows of one post.
type Doc struct {
	URL      string
	Title    string
	Date     string
	Lang     string // set when the post is not in the index's language
	Tags     []string
	Headings []Heading
	// Summary is plain text shown under a result until a better passage
	// is found.
	Summary string
	// Text is the body as plain text.
	Text string
}

// Heading is a heading of a post, which results can link to.
type Heading struct {
	ID   string
	Text string
}

// Terms are one post's tokens with the fields they occur in, in no
// order. They depend only on the post, so a rebuild can keep them for
// posts that did not change.
type Terms struct {
	// toks holds the tokens, each as a uvarint length and its bytes: one
	// allocation without pointers, as a site keeps the terms of every
	// post between builds and the garbage collector need not look in.
	toks  []byte
	codes []uint8 // fields | min(count in body, 3) << 4
}

// each calls f with every token, in order. tok is only valid during the
// call.
func (t *Terms) each(f func(tok []byte)) {
	for b := t.toks; len(b) > 0; {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return // damaged; DecodeTerms notices the count is off
		}
		f(b[w : w+int(n)])
		b = b[w+int(n):]
	}
}

// Analyze tokenizes a post's fields, which must be in NFC (package content
// normalizes every post).
func Analyze(d *Doc) *Terms {
	t := &Terms{}
	pos := make(map[string]int, len(d.Text)/16)
	var toks []string
	add := func(bit uint8) func(string) {
		return func(tok string) {
			i, ok := pos[tok]
			if !ok {
				i = len(toks)
				pos[tok] = i
				toks = append(toks, tok)
				t.codes = append(t.codes, 0)
			}
			c := t.codes[i] | bit
			if bit == FieldBody && c>>4 < 3 {
				c += 1 << 4
			}
			t.codes[i] = c
		}
	}
	tokenize(d.Title, add(FieldTitle))
	for _, tag := range d.Tags {
		tokenize(tag, add(FieldTag))
	}
	for _, h := range d.Headings {
		tokenize(h.Text, add(FieldHeading))
	}
	tokenize(d.Text, add(FieldBody))
	size := 0
	for _, tok := range toks {
		size += len(tok) + binary.MaxVarintLen32
	}
	t.toks = make([]byte, 0, size)
	for _, tok := range toks {
		t.toks = binary.AppendUvarint(t.toks, uint64(len(tok)))
		t.toks = append(t.toks, tok...)
	}
	return t
}

type docJSON struct {
	URL      string      `json:"u"`
	Title    string      `json:"t"`
	Date     string      `json:"d,omitempty"`
	Tags     []string    `json:"g,omitempty"`
	Summary  string      `json:"s,omitempty"`
	Headings [][2]string `json:"h,omitempty"`
	Lang     string      `json:"l,omitempty"`
}

// Options are what an index carries besides its posts, for the query
// side.
type Options struct {
	// Synonyms are the groups of spellings a query treats as one word
	// (see Synonyms).
	Synonyms [][]string
}

// BuildFrom writes the index of docs; terms(i) must give Analyze(docs[i]).
// It asks for each doc's terms once and in order, so that they need not
// all be in memory at once. Docs keep their order: list them newest first,
// so that ties in ranking go to the newest post.
func BuildFrom(docs []*Doc, terms func(i int) (*Terms, error), o Options) ([]byte, error) {
	if len(docs) >= 1<<24 {
		return nil, fmt.Errorf("search: %d posts are more than an index holds", len(docs))
	}
	// Number the tokens, count their posts, then lay the postings out in
	// one array, token by token (each token's posts stay in doc order).
	ids := map[string]int32{}
	var keys []string
	var counts []int32
	var tokIDs []int32             // the id of every token of every doc, in order
	var codes []byte               // the code of every token of every doc, in order
	ends := make([]int, len(docs)) // where each doc's tokens end in tokIDs
	for i := range docs {
		t, err := terms(i)
		if err != nil {
			return nil, err
		}
		t.each(func(tok []byte) {
			id, ok := ids[string(tok)]
			if !ok {
				id = int32(len(keys))
				ids[string(tok)] = id
				keys = append(keys, string(tok))
				counts = append(counts, 0)
			}
			counts[id]++
			tokIDs = append(tokIDs, id)
		})
		codes = append(codes, t.codes...)
		ends[i] = len(tokIDs)
	}
	total := len(tokIDs)
	start := make([]int32, len(keys)+1)
	for id, n := range counts {
		start[id+1] = start[id] + n
	}
	fill := slices.Clone(start[:len(keys)])
	postings := make([]uint32, total) // doc << 8 | code
	doc := 0
	for k, id := range tokIDs {
		for k >= ends[doc] {
			doc++
		}
		postings[fill[id]] = uint32(doc)<<8 | uint32(codes[k])
		fill[id]++
	}
	order := make([]int32, len(keys))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return compareUTF16(keys[a], keys[b]) })

	buf := bytes.NewBuffer(make([]byte, 0, 64*len(docs)+16*len(keys)+4*total))
	buf.WriteString(`{"v":` + strconv.Itoa(Version) + `,"sfx":`)
	sfx, err := json.Marshal(Suffixes)
	if err != nil {
		return nil, err
	}
	buf.Write(sfx)
	syn, err := json.Marshal(o.Synonyms)
	if err != nil {
		return nil, err
	}
	buf.WriteString(`,"syn":`)
	buf.Write(syn)
	buf.WriteString(`,"docs":[`)
	for i, d := range docs {
		if i > 0 {
			buf.WriteByte(',')
		}
		dj := docJSON{URL: d.URL, Title: d.Title, Date: d.Date, Tags: d.Tags, Summary: d.Summary, Lang: d.Lang}
		for _, h := range d.Headings {
			dj.Headings = append(dj.Headings, [2]string{h.ID, h.Text})
		}
		b, err := json.Marshal(dj)
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	buf.WriteString("],\n\"k\":[")
	var scratch []byte
	for i, id := range order {
		if i > 0 {
			buf.WriteByte(',')
		}
		scratch = appendJSONString(scratch[:0], keys[id])
		buf.Write(scratch)
	}
	buf.WriteString("],\n\"p\":[")
	for i, id := range order {
		if i > 0 {
			buf.WriteByte(',')
		}
		scratch = append(scratch[:0], '[')
		last := int64(0)
		for j, p := range postings[start[id]:start[id+1]] {
			if j > 0 {
				scratch = append(scratch, ',')
			}
			doc := int64(p >> 8)
			scratch = strconv.AppendInt(scratch, (doc-last)<<6|int64(p&0xff), 10)
			last = doc
		}
		scratch = append(scratch, ']')
		buf.Write(scratch)
	}
	buf.WriteString("]}\n")
	return buf.Bytes(), nil
}

// appendJSONString appends s as a JSON string. Tokens are letters, digits
// and a few joiners, but the escaping keeps any string valid.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}

// compareUTF16 orders strings as JavaScript's < does, by UTF-16 code
// units, so the browser can binary-search the token list. That is the
// order of code points, and so of UTF-8 bytes, except that characters
// past U+FFFF (surrogate pairs) sort before U+E000–U+FFFF.
func compareUTF16(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	if n == len(a) || n == len(b) {
		return cmp.Compare(len(a), len(b))
	}
	for n > 0 && !utf8.RuneStart(a[n]) {
		n--
	}
	ra, _ := utf8.DecodeRuneInString(a[n:])
	rb, _ := utf8.DecodeRuneInString(b[n:])
	return cmp.Compare(utf16Key(ra), utf16Key(rb))
}

// utf16Key maps a rune to the first UTF-16 code unit it is written with.
func utf16Key(r rune) rune {
	if r > 0xFFFF {
		r1, _ := utf16.EncodeRune(r)
		return r1
	}
	return r
}

// AppendBinary appends the terms in a form DecodeTerms reads, for a
// cache.
func (t *Terms) AppendBinary(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(t.toks)))
	b = append(b, t.toks...)
	b = binary.AppendUvarint(b, uint64(len(t.codes)))
	return append(b, t.codes...)
}

// DecodeTerms reads terms written by AppendBinary from the start of b and
// returns them with the number of bytes read. The terms use b's bytes:
// b must not change while they are in use.
func DecodeTerms(b []byte) (*Terms, int, error) {
	t := &Terms{}
	read := 0
	for _, dst := range []*[]byte{&t.toks, &t.codes} {
		n, w := binary.Uvarint(b[read:])
		if w <= 0 || uint64(len(b)-read-w) < n {
			return nil, 0, errors.New("search: damaged terms")
		}
		read += w
		*dst = b[read : read+int(n) : read+int(n)]
		read += int(n)
	}
	// Every token has its code.
	count := 0
	t.each(func([]byte) { count++ })
	if count != len(t.codes) {
		return nil, 0, errors.New("search: damaged terms")
	}
	return t, read, nil
}
