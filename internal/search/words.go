package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A query of initial consonants (초성), "ㅋㅂㄴㅌㅅ" for "쿠버네티스", is how
// Korean phone contact lists and shops let a reader type less. Bigrams
// cannot answer it, so the index keeps a list of its Hangul words: every
// eojeol's stem (see Stems) of two to maxWordSyllables syllables, in
// files by the initial of the word's first syllable (the first
// consonant of the query names the one file to fetch), each word once,
// most posts first. search.js finds the words whose initials start with
// the query and searches for them, ranked by how much of the word the
// query covers.

// initials are the 19 initial consonants of Hangul syllables, in the
// order of Unicode's syllable table, as compatibility jamo (what a
// keyboard types).
const initials = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"

// numInitials is the number of initial consonants, and of word files.
const numInitials = 19

// maxWordSyllables is the longest word the list keeps: longer runs are
// compounds or sentences written without spaces, which a reader does
// not type by their initials.
const maxWordSyllables = 10

// initialOf returns the number of a Hangul syllable's initial consonant.
func initialOf(r rune) int { return int(r-0xAC00) / 588 }

// Initials returns the initial consonants of a word's Hangul syllables,
// as compatibility jamo; other characters are dropped.
func Initials(w string) string {
	var out []rune
	ini := []rune(initials)
	for _, r := range w {
		if isHangul(r) {
			out = append(out, ini[initialOf(r)])
		}
	}
	return string(out)
}

// hangulWords calls f with the stem of every run of Hangul syllables of
// text that has two to maxWordSyllables syllables; text is in NFC.
func hangulWords(text string, f func(string)) {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isHangul(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if !isHangul(r2) {
				break
			}
			j += s2
		}
		w := lastStem(text[i:j])
		if n := utf8.RuneCountInString(w); n >= 2 && n <= maxWordSyllables {
			f(w)
		}
		i = j
	}
}

// englishWords calls f with every run of ASCII letters of text, in lower
// case, of a length the vocabulary keeps: the words as written, not
// stemmed, as a typo is a misspelling of a written word ("wrappign" of
// "wrapping", whose stem "wrap" it is far from).
func englishWords(text string, f func(string)) {
	for i := 0; i < len(text); {
		if !isLetter(text[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && isLetter(text[j]) {
			j++
		}
		// A run glued to other Latin letters (café) is not an English word;
		// one glued to Hangul is ("React에서").
		next, _ := utf8.DecodeRuneInString(text[j:])
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		glued := next >= 0x80 && unicode.Is(unicode.Latin, next) || prev >= 0x80 && unicode.Is(unicode.Latin, prev)
		if n := j - i; n >= minVocab && n <= maxVocab && !glued {
			f(strings.ToLower(text[i:j]))
		}
		i = j
	}
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
