package search

import (
	"slices"
	"unicode/utf8"
)

// Why these particles and endings, and the rules of cutting them: see
// "Particles and endings" in the package comment.

// Suffixes are the particles and endings Stems cuts, longest first.
var Suffixes = func() []string {
	list := []string{
		// case particles
		"이", "가", "을", "를", "의", "에", "에서", "에게", "한테", "께",
		"으로", "로", "와", "과", "랑", "이랑", "이나", "나",
		// auxiliary particles
		"은", "는", "도", "만", "부터", "까지", "조차", "마저", "밖에",
		"처럼", "보다", "마다", "대로",
		// the copula
		"이다", "입니다", "이며", "이고", "이었다", "였다",
		// 하다 and 되다 verbs
		"하다", "하는", "한", "할", "함", "하고", "하며", "하면", "하여", "해",
		"해서", "했다", "했던", "했고", "합니다", "했습니다", "하기", "하지",
		"되다", "되는", "된", "될", "되고", "되어", "돼", "됐다", "된다",
		"됩니다", "되지",
		// other verbs' endings of two syllables or more
		"었다", "았다", "였던", "었던", "았던", "습니다", "는다",
	}
	slices.SortStableFunc(list, func(a, b string) int {
		return utf8.RuneCountInString(b) - utf8.RuneCountInString(a)
	})
	return list
}()

// maxStrips is how many stacked particles and endings Stems cuts.
const maxStrips = 2

// Stems returns the stems of a Hangul eojeol, shortest cut first: the
// word without its longest particle or ending, then that without its
// own. It returns nothing for a word with no ending it knows or of one
// syllable. The word must be in NFC.
func Stems(word string) []string {
	var out []string
	for len(out) < maxStrips {
		stem, ok := cutSuffix(word)
		if !ok {
			break
		}
		out = append(out, stem)
		word = stem
	}
	return out
}

// lastStem is the last of Stems(word), or word when there is none,
// without making the list.
func lastStem(word string) string {
	for range maxStrips {
		stem, ok := cutSuffix(word)
		if !ok {
			break
		}
		word = stem
	}
	return word
}

// suffixesByLast are Suffixes by their last syllable, in the same order,
// with their length in syllables: only those can end a word that ends in
// that syllable. lastSyllable numbers the syllables that end one, by
// their place among the Hangul syllables, from 1 (0 is none).
var suffixesByLast, lastSyllable = func() ([][]suffix, *[0xD7A4 - 0xAC00]uint8) {
	lists := [][]suffix{nil}
	var at [0xD7A4 - 0xAC00]uint8
	for _, s := range Suffixes {
		r, _ := utf8.DecodeLastRuneInString(s)
		i := at[r-0xAC00]
		if i == 0 {
			if len(lists) > 255 {
				panic("search: more last syllables of suffixes than a byte numbers")
			}
			i = uint8(len(lists))
			at[r-0xAC00] = i
			lists = append(lists, nil)
		}
		lists[i] = append(lists[i], suffix{s, utf8.RuneCountInString(s)})
	}
	return lists, &at
}()

type suffix struct {
	s     string
	runes int
}

// cutSuffix cuts the longest suffix of word, leaving a syllable at least.
func cutSuffix(word string) (string, bool) {
	last, _ := utf8.DecodeLastRuneInString(word)
	if !isHangul(last) || lastSyllable[last-0xAC00] == 0 {
		return word, false
	}
	list := suffixesByLast[lastSyllable[last-0xAC00]]
	n := utf8.RuneCountInString(word)
	for _, s := range list {
		if len(s.s) < len(word) && word[len(word)-len(s.s):] == s.s && n > s.runes {
			stem := word[:len(word)-len(s.s)]
			if r, _ := utf8.DecodeLastRuneInString(stem); isHangul(r) {
				return stem, true
			}
		}
	}
	return word, false
}

// isHangul reports a Hangul syllable.
func isHangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }
