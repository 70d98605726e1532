package search

import (
	"slices"
	"unicode/utf8"
)

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
// # Rules
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

// cutSuffix cuts the longest suffix of word, leaving a syllable at least.
func cutSuffix(word string) (string, bool) {
	n := utf8.RuneCountInString(word)
	for _, s := range Suffixes {
		if len(s) < len(word) && word[len(word)-len(s):] == s && n > utf8.RuneCountInString(s) {
			stem := word[:len(word)-len(s)]
			if r, _ := utf8.DecodeLastRuneInString(stem); isHangul(r) {
				return stem, true
			}
		}
	}
	return word, false
}

// isHangul reports a Hangul syllable.
func isHangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }
