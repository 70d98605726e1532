// Package search makes the static search index of one language: posts in,
// small JSON files out (a manifest and shards), read by the theme's
// search.js in the browser. There is no server behind it.
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
// # Particles and endings
//
// Korean glues particles (조사) and verb endings (어미) onto the word they
// belong to, and a reader types them into the search box as they would
// write them: "컨테이너가" where the post says "컨테이너를", "배포했다"
// where it says "배포한". Bigrams find a query's stem in the text, but
// not a query whose particle the text does not have, so a query eojeol is
// also tried without its ending: Suffixes lists what may be cut, and
// Stems cuts it. The theme's search.js does the same to queries, with
// the list the index writes into its manifest (so the list lives here
// only); testdata/stems.json holds the cases both sides are tested on.
//
// The list follows the grammar, not a corpus:
//
//   - Case particles (격조사): subject 이/가, object 을/를, genitive 의,
//     locative and dative 에/에서/에게/한테/께, instrumental 으로/로,
//     comitative 와/과/랑/이랑, and 이나/나.
//   - Auxiliary particles (보조사): topic 은/는, 도, 만, 부터, 까지, 조차,
//     마저, 밖에, 처럼, 보다, 마다, 대로.
//   - The copula after a noun: 이다, 입니다, 이며, 이고, 이었다, 였다.
//   - Endings of 하다 and 되다 verbs (하다, 하는, 한, 할, 함, 하고, 하며,
//     하면, 하여, 해, 해서, 했다, 했던, 했고, 합니다, 했습니다, 하기, 하지,
//     되다, 되는, 된, 될, 되고, 되어, 돼, 됐다, 된다, 됩니다, 되지): the
//     technical vocabulary of Korean is mostly Sino-Korean or borrowed
//     nouns made verbs by 하다/되다 (배포하다, 설치되다, 컴파일하다), so
//     cutting the light verb leaves the noun, which every form of the
//     verb and the noun itself share.
//   - Past and polite endings of other verbs, two syllables or more
//     (었다, 았다, 였던, 었던, 았던, 습니다, 는다): "만들었다" → "만들"
//     still finds "만들고" and "만든다" by its bigrams.
//
// One-syllable endings of verbs (고, 면, 서, 며, 다, 기, 지) are left out
// on purpose: they are also the last syllable of too many nouns (창고,
// 라면, 문서, 주기), and the ending they cut is a guess the bigrams of the
// stem do not need.
//
// The rules of cutting:
//
//   - The longest ending that matches is cut first: endings nest
//     (으로 ends in 로, 했습니다 in 습니다, 에서 and 에게 start like 에), and
//     cutting the shorter one would leave half an ending on the stem
//     ("서버으"), which finds nothing.
//   - At most two are cut, one after the other, because particles stack
//     ("서울에서는" → "서울에서" → "서울"; "컨테이너에서도"); a third is rare
//     enough that its cost in false stems is not worth it.
//   - A cut always leaves at least one syllable: a one-syllable word is
//     never cut to nothing, since "도" (a province, degrees), "만" (a bay,
//     ten thousand) and "한" are words as well as endings, and an empty
//     stem would match every post.
//   - Only Hangul syllables are cut; a word in another script is its own
//     stem.
//
// A stem is worth less than the whole eojeol: search.js ranks posts that
// match the query as typed above posts that match only its stem, and
// tries a stem of one syllable (which matches far more) only when the
// whole eojeol matched nothing at all.
//
// # Queries
//
// The query side (search.js) rewrites a query word by word into
// alternatives, ranked in tiers: the word as typed; its stem (above),
// its other spellings (Synonyms: 쿠버네티스 and Kubernetes) and, for a
// word of initial consonants (ㅋㅂㄴㅌㅅ), the Hangul words they start
// (words.go); then, for an English word of five letters or more that
// the index does not have, the words one edit away. A query that finds
// nothing is tried as the other 두벌식 keyboard layout types it
// (dkssud → 안녕). The index supplies
// what these need and nothing more: the suffix list and synonyms in the
// manifest, the word lists by initial and English words by length.
//
// # Files
//
// An index is many small files, so that a query fetches only what it
// needs, even at 10,000 posts (see Layout):
//
//	index.json   {"v":2,"n":posts,"dc":posts per chunk,"ts":token shards,
//	              "sfx":[suffix…],          // Suffixes, cut from queries
//	              "syn":[[spelling…]…]}     // Options.Synonyms
//	t/<i>.json   {"k":[token…],             // sorted by UTF-16 code units, as JavaScript sorts
//	              "p":[[posting…]…]}        // p[j] lists the posts of k[j]
//	d/<i>.json   [{"u":url,"t":title,"d":date,"g":[tags],"s":summary,
//	               "h":[[id,heading]…],"l":lang}…]   // posts i·dc … i·dc+dc-1
//	w/<i>.json   [word…]                    // Hangul words by initial (see Initials)
//	v/<n>.json   [word…]                    // English words of n letters, for typos
//
// A token is in the shard shardOf names. A posting is one number: (doc −
// previous doc in the list) << 6 | min(count in body, 3) << 4 | fields,
// where fields has bit 1 for the title, 2 for a tag, 4 for a heading and
// 8 for the body.
package search

import (
	"encoding/binary"
	"errors"
)

// Version is the index format's version, the "v" of the file.
const Version = 2

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
	words []byte  // Hangul stems and English words, encoded as toks, for initials and typos
}

// each calls f with every token, in order. tok is only valid during the
// call.
func (t *Terms) each(f func(tok []byte)) { eachString(t.toks, f) }

// eachString calls f with every uvarint-prefixed string of b.
func eachString(b []byte, f func(tok []byte)) {
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return // damaged; DecodeTerms notices the count is off
		}
		f(b[w : w+int(n)])
		b = b[w+int(n):]
	}
}

// Options are what an index carries besides its posts, for the query
// side.
type Options struct {
	// Synonyms are the groups of spellings a query treats as one word
	// (see Synonyms).
	Synonyms [][]string
}

// Analyze tokenizes a post's fields, which must be in NFC (package content
// normalizes every post).
func Analyze(d *Doc) *Terms { return new(Analyzer).Analyze(d) }

// An Analyzer is Analyze with its working memory kept from one post to
// the next, for a caller that analyzes many posts one after another. It
// is for one goroutine at a time.
type Analyzer struct {
	pos  map[string]int
	toks []string
	seen map[string]bool
}

// Analyze is the package's Analyze. The Terms it returns hold copies of
// the tokens: nothing of d is kept once it returns.
func (a *Analyzer) Analyze(d *Doc) *Terms {
	if a.pos == nil {
		a.pos, a.seen = make(map[string]int, len(d.Text)/16), map[string]bool{}
	}
	// Cleared on the way out too, so that the maps hold no strings of a
	// text whose memory the caller may reuse.
	defer func() { clear(a.pos); clear(a.seen); clear(a.toks); a.toks = a.toks[:0] }()
	t := &Terms{}
	pos := a.pos
	toks := a.toks[:0]
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
	a.toks = toks
	seen := a.seen
	addWord := func(w string) {
		if !seen[w] {
			seen[w] = true
			t.words = binary.AppendUvarint(t.words, uint64(len(w)))
			t.words = append(t.words, w...)
		}
	}
	for _, text := range append([]string{d.Title, d.Text}, d.Tags...) {
		hangulWords(text, addWord)
		englishWords(text, addWord)
	}
	for _, h := range d.Headings {
		hangulWords(h.Text, addWord)
		englishWords(h.Text, addWord)
	}
	return t
}

// AppendBinary appends the terms in a form DecodeTerms reads, for a
// cache.
func (t *Terms) AppendBinary(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(t.toks)))
	b = append(b, t.toks...)
	b = binary.AppendUvarint(b, uint64(len(t.codes)))
	b = append(b, t.codes...)
	b = binary.AppendUvarint(b, uint64(len(t.words)))
	return append(b, t.words...)
}

// DecodeTerms reads terms written by AppendBinary from the start of b and
// returns them with the number of bytes read. The terms use b's bytes:
// b must not change while they are in use.
func DecodeTerms(b []byte) (*Terms, int, error) {
	t := &Terms{}
	read := 0
	for _, dst := range []*[]byte{&t.toks, &t.codes, &t.words} {
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
