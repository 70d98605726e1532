package search

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// File is one file of an index, named relative to the language's
// search/ folder ("index.json", "t/3.json").
type File struct {
	Name string
	Data []byte
}

// Layout is how an index of a number of posts is cut into files. It
// depends on the number of posts only, so a build can name every file
// before it makes any (a server makes them when first asked).
type Layout struct {
	Docs   int // posts
	Shards int // token shards, t/<i>.json
	Chunks int // shards of the posts' titles and summaries, d/<i>.json
}

// docsPerShard sets the number of token shards: one per this many posts,
// about 15 KB of postings each for a blog's posts of some thousand words,
// whatever the number of posts.
const docsPerShard = 5

// maxShards bounds the files of a huge site.
const maxShards = 4096

// docsPerChunk is the number of posts a d/<i>.json holds (about 4 KB): a
// result needs its chunk, so the first ten results fetch at most ten
// small files.
const docsPerChunk = 5

// Vocabulary files hold the English words of the posts by their length,
// v/<n>.json for minVocab ≤ n ≤ maxVocab: a word of n letters one edit
// away from a typo of m letters has m-1, m or m+1 (see search.js).
const (
	minVocab = 3
	maxVocab = 24
)

// maxListed is the most words a w/ or v/ file lists, those in the most
// posts: about 25 KB, so that an initial-consonant query or a typo
// fetches little even on a site of 100,000 distinct words. A word in
// fewer posts than the last one listed is still found as typed.
const maxListed = 2000

// LayoutFor is the layout of an index of n posts.
func LayoutFor(n int) Layout {
	shards := min(max(1, (n+docsPerShard-1)/docsPerShard), maxShards)
	return Layout{Docs: n, Shards: shards, Chunks: max(1, (n+docsPerChunk-1)/docsPerChunk)}
}

// Names lists the files of the layout, the manifest first.
func (l Layout) Names() []string {
	names := []string{"index.json"}
	for i := range l.Shards {
		names = append(names, "t/"+strconv.Itoa(i)+".json")
	}
	for i := range l.Chunks {
		names = append(names, "d/"+strconv.Itoa(i)+".json")
	}
	for i := range numInitials {
		names = append(names, "w/"+strconv.Itoa(i)+".json")
	}
	for n := minVocab; n <= maxVocab; n++ {
		names = append(names, "v/"+strconv.Itoa(n)+".json")
	}
	return names
}

// shardOf is the token shard of a key: a hash (32-bit FNV-1a over UTF-16
// code units, as search.js computes it) of the whole key when it starts
// with Hangul or another bigram script, else of its first three
// characters. Words sharing their first three letters share a shard, so
// a word being typed needs one shard for its prefix; bigrams, which are
// not typed by halves, spread evenly (by their first syllable, "하는",
// "하고" and "하다" would fill one shard).
func shardOf(key string, shards int) int {
	h := uint32(2166136261)
	n := 0
	whole := isBigramStart(key)
	for _, r := range key {
		if n == 3 && !whole {
			break
		}
		var units [2]uint16
		u := units[:1]
		if r > 0xFFFF {
			r1, r2 := utf16.EncodeRune(r)
			units[0], units[1] = uint16(r1), uint16(r2)
			u = units[:2]
		} else {
			units[0] = uint16(r)
		}
		for _, c := range u {
			h ^= uint32(c)
			h *= 16777619
		}
		n++
	}
	return int(h % uint32(shards))
}

func isBigramStart(key string) bool {
	r, _ := utf8.DecodeRuneInString(key)
	return isBigram(r)
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

// manifest is index.json: what the query side needs before it fetches
// anything else.
type manifest struct {
	V        int        `json:"v"`
	Docs     int        `json:"n"`
	Chunk    int        `json:"dc"`
	Shards   int        `json:"ts"`
	Suffixes []string   `json:"sfx"`
	Synonyms [][]string `json:"syn"`
}

// Build writes the index of docs as the files of LayoutFor(len(docs)), in
// the order of its Names; terms(i) must give Analyze(docs[i]). It asks
// for each doc's terms in order, twice: i = 0, 1, … to count each token's
// posts, then 0, 1, … again to place them. The terms need not all be in
// memory at once, and nor does one token id per word of every post: the
// postings are laid out at their final size. Terms that differ between
// the passes are an error, never a wrong index. Docs keep their order:
// list them newest first, so that ties in ranking go to the newest post.
//
// The files are laid out one after another in one blob, the bundle, in
// the order of Names: each file's length as a uvarint, then its bytes
// (SplitBundle). Each File's Data is its part of the bundle, so that a
// caller keeping the bundle (a cache) holds the index once.
func Build(docs []*Doc, terms func(i int) (*Terms, error), o Options) ([]File, []byte, error) {
	if len(docs) >= 1<<24 {
		return nil, nil, fmt.Errorf("search: %d posts are more than an index holds", len(docs))
	}
	lay := LayoutFor(len(docs))
	// First pass: number the tokens, and count the bytes of each one's
	// list of posts as its shard writes it: each post as its distance
	// from the one before shifted past its code, commas between.
	ids := map[string]int32{}
	var keys []string
	var listLen []uint32         // the bytes of each token's list
	var last []int32             // the post each token was last seen in
	wordDocs := map[string]int{} // Hangul word → posts it is in
	// seen1 and seen2 sum up what each pass read (post, token, code), so
	// that terms that change between the passes are caught even when
	// their lists keep their lengths.
	var seen1, seen2 uint64
	for i := range docs {
		t, err := terms(i)
		if err != nil {
			return nil, nil, err
		}
		k := 0
		t.each(func(tok []byte) {
			id, ok := ids[string(tok)]
			if !ok {
				id = int32(len(keys))
				ids[string(tok)] = id
				keys = append(keys, string(tok))
				listLen = append(listLen, 0)
				last = append(last, 0)
			}
			if k < len(t.codes) {
				if listLen[id] > 0 {
					listLen[id]++ // the comma
				}
				listLen[id] += uint32(decimalDigits(posting(i, int(last[id]), t.codes[k])))
				last[id] = int32(i)
				seen1 = mix(seen1, i, id, t.codes[k])
			}
			k++
		})
		if k != len(t.codes) {
			return nil, nil, fmt.Errorf("internal error: the terms of post %d (%s) have %d tokens and %d codes", i, docs[i].URL, k, len(t.codes))
		}
		eachString(t.words, func(w []byte) { wordDocs[string(w)]++ })
	}
	order := make([]int32, len(keys))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return compareUTF16(keys[a], keys[b]) })

	m, err := json.Marshal(manifest{V: Version, Docs: len(docs), Chunk: docsPerChunk, Shards: lay.Shards, Suffixes: Suffixes, Synonyms: o.Synonyms})
	if err != nil {
		return nil, nil, err
	}
	byShard := make([][]int32, lay.Shards)
	for _, id := range order {
		s := shardOf(keys[id], lay.Shards)
		byShard[s] = append(byShard[s], id)
	}
	// The files besides the token shards are small: made first, then
	// copied into the bundle. The shards, most of the index, are laid
	// out in it at the size counted, each token's list left blank, and
	// the lists filled in by the second pass.
	// The docs' chunks are made twice, to count and then in place, so
	// that they are not held beside the bundle.
	appendChunk := func(dst []byte, c int) ([]byte, error) {
		dst = append(dst, '[')
		for i := c * docsPerChunk; i < min(len(docs), (c+1)*docsPerChunk); i++ {
			d := docs[i]
			if i > c*docsPerChunk {
				dst = append(dst, ',')
			}
			dj := docJSON{URL: d.URL, Title: d.Title, Date: d.Date, Tags: d.Tags, Summary: d.Summary, Lang: d.Lang}
			for _, h := range d.Headings {
				dj.Headings = append(dj.Headings, [2]string{h.ID, h.Text})
			}
			b, err := json.Marshal(dj)
			if err != nil {
				return nil, err
			}
			dst = append(dst, b...)
		}
		return append(dst, "]\n"...), nil
	}
	var scratch []byte
	chunkLen := make([]int, lay.Chunks)
	for c := range chunkLen {
		if scratch, err = appendChunk(scratch[:0], c); err != nil {
			return nil, nil, err
		}
		chunkLen[c] = len(scratch)
	}
	lists := wordLists(wordDocs)

	sizes := make([]int, len(byShard))
	total := bundled(len(m) + 1)
	for i, ids := range byShard {
		sizes[i] = len(`{"k":[`) + len("],\n\"p\":[") + len("]}\n")
		if len(ids) > 0 {
			sizes[i] += 2 * (len(ids) - 1) // the commas between keys and between lists
		}
		for _, id := range ids {
			scratch = appendJSONString(scratch[:0], keys[id])
			sizes[i] += len(scratch) + 2 + int(listLen[id]) // the key; its list in brackets
		}
		total += bundled(sizes[i])
	}
	for _, n := range chunkLen {
		total += bundled(n)
	}
	for _, l := range lists {
		total += bundled(len(l.Data))
	}
	if uint64(total) >= math.MaxUint32 {
		return nil, nil, fmt.Errorf("search: an index of %d bytes is more than one holds", total)
	}
	bundle := make([]byte, 0, total)
	files := make([]File, 0, len(lay.Names()))
	add := func(name string, data []byte) {
		bundle = binary.AppendUvarint(bundle, uint64(len(data)))
		at := len(bundle)
		bundle = append(bundle, data...)
		files = append(files, File{name, bundle[at:len(bundle):len(bundle)]})
	}
	add("index.json", append(m, '\n'))
	pos := make([]uint32, len(keys)) // where each token's list goes on
	for i, ids := range byShard {
		bundle = binary.AppendUvarint(bundle, uint64(sizes[i]))
		at := len(bundle)
		bundle = append(bundle, `{"k":[`...)
		for j, id := range ids {
			if j > 0 {
				bundle = append(bundle, ',')
			}
			bundle = appendJSONString(bundle, keys[id])
		}
		bundle = append(bundle, "],\n\"p\":["...)
		for j, id := range ids {
			if j > 0 {
				bundle = append(bundle, ',')
			}
			bundle = append(bundle, '[')
			pos[id] = uint32(len(bundle))
			bundle = bundle[:len(bundle)+int(listLen[id])]
			bundle = append(bundle, ']')
		}
		bundle = append(bundle, "]}\n"...)
		if len(bundle)-at != sizes[i] {
			return nil, nil, fmt.Errorf("internal error: search shard %d is %d bytes, counted %d", i, len(bundle)-at, sizes[i])
		}
		files = append(files, File{"t/" + strconv.Itoa(i) + ".json", bundle[at:len(bundle):len(bundle)]})
	}
	for c, n := range chunkLen {
		bundle = binary.AppendUvarint(bundle, uint64(n))
		at := len(bundle)
		if bundle, err = appendChunk(bundle, c); err != nil {
			return nil, nil, err
		}
		if len(bundle)-at != n {
			return nil, nil, fmt.Errorf("internal error: search docs %d are %d bytes, counted %d", c, len(bundle)-at, n)
		}
		files = append(files, File{"d/" + strconv.Itoa(c) + ".json", bundle[at:len(bundle):len(bundle)]})
	}
	for _, l := range lists {
		add(l.Name, l.Data)
	}
	if len(bundle) != cap(bundle) {
		return nil, nil, fmt.Errorf("internal error: the search index is %d bytes, counted %d", len(bundle), cap(bundle))
	}

	// Second pass: each token's posts, in doc order, into its blank.
	for id := range last {
		last[id] = -1
		listLen[id] += pos[id] // now where the list ends
	}
	end := listLen
	for i := range docs {
		t, err := terms(i)
		if err != nil {
			return nil, nil, err
		}
		k, bad := 0, false
		t.each(func(tok []byte) {
			id, ok := ids[string(tok)]
			if !ok || k >= len(t.codes) {
				bad = true
				return
			}
			w, prev := pos[id], last[id]
			if prev >= 0 {
				if w >= end[id] {
					bad = true
					return
				}
				bundle[w] = ','
				w++
			} else {
				prev = 0
			}
			scratch = strconv.AppendInt(scratch[:0], posting(i, int(prev), t.codes[k]), 10)
			if int(w)+len(scratch) > int(end[id]) {
				bad = true
				return
			}
			pos[id] = w + uint32(copy(bundle[w:], scratch))
			last[id] = int32(i)
			seen2 = mix(seen2, i, id, t.codes[k])
			k++
		})
		if bad || k != len(t.codes) {
			return nil, nil, fmt.Errorf("internal error: the terms of post %d (%s) changed while its index was made", i, docs[i].URL)
		}
	}
	if seen1 != seen2 {
		return nil, nil, errors.New("internal error: the posts' terms changed while the search index was made")
	}
	for id := range pos {
		if pos[id] != end[id] {
			return nil, nil, fmt.Errorf("internal error: the posts of token %q changed while its index was made", keys[id])
		}
	}
	return files, bundle, nil
}

// mix adds a token's posting to a pass's running sum (FNV-1a over the
// post, the token and its code).
func mix(h uint64, doc int, id int32, code uint8) uint64 {
	if h == 0 {
		h = 14695981039346656037
	}
	for _, v := range [3]uint64{uint64(doc), uint64(id), uint64(code)} {
		h ^= v
		h *= 1099511628211
	}
	return h
}

// posting is how a token's list writes post doc, seen last in post prev,
// with the token's code there: the distance from prev shifted past the
// code.
func posting(doc, prev int, code uint8) int64 {
	return int64(doc-prev)<<6 | int64(code)
}

// bundled is the size of a file of n bytes in a bundle.
func bundled(n int) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], uint64(n)) + n
}

// SplitBundle returns the files of a bundle Build made, n of them;
// false if it does not hold n files (a damaged cache entry).
func SplitBundle(b []byte, n int) ([][]byte, bool) {
	parts := make([][]byte, 0, n)
	for len(b) > 0 {
		l, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < l {
			return nil, false
		}
		parts = append(parts, b[w:w+int(l):w+int(l)])
		b = b[w+int(l):]
	}
	return parts, len(parts) == n
}

// decimalDigits is the length of v ≥ 0 in decimal.
func decimalDigits(v int64) int {
	n := 1
	for v >= 10 {
		v /= 10
		n++
	}
	return n
}

// wordLists are the w/ and v/ files: Hangul words by the initial of
// their first syllable and English words as written, by length, most
// posts first, for initial-consonant queries and typos.
func wordLists(wordDocs map[string]int) []File {
	byInitial := make([][]string, numInitials)
	byLen := make([][]string, maxVocab+1)
	for w := range wordDocs {
		if r, _ := utf8.DecodeRuneInString(w); isHangul(r) {
			byInitial[initialOf(r)] = append(byInitial[initialOf(r)], w)
		} else {
			byLen[len(w)] = append(byLen[len(w)], w)
		}
	}
	mostFirst := func(a, b string) int { return cmp.Or(cmp.Compare(wordDocs[b], wordDocs[a]), cmp.Compare(a, b)) }
	var files []File
	for i, ws := range byInitial {
		slices.SortFunc(ws, mostFirst)
		files = append(files, jsonList("w/"+strconv.Itoa(i)+".json", ws[:min(len(ws), maxListed)]))
	}
	for n := minVocab; n <= maxVocab; n++ {
		slices.SortFunc(byLen[n], mostFirst)
		files = append(files, jsonList("v/"+strconv.Itoa(n)+".json", byLen[n][:min(len(byLen[n]), maxListed)]))
	}
	return files
}

// jsonList is a file holding a JSON list of strings.
func jsonList(name string, list []string) File {
	b := []byte{'['}
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return File{name, append(b, ']', '\n')}
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
