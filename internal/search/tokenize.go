package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The tokenizer is written twice: here, for the index, and in the theme's
// search.js, for queries. Both must cut the same text into the same
// tokens; testdata/tokens.json holds cases that the Go tests and the
// browser test check on each side.
//
// Text is first put in NFC and lower case. It is then cut into runs:
//
//   - A run of Hangul syllables (or CJK ideographs, or kana) gives its
//     overlapping character bigrams: "쿠버네티스의" gives 쿠버 버네 네티 티스 스의.
//     A run of one syllable is one token.
//   - A word is letters, digits, marks and "_", and words joined by a
//     single ".", "-", ":" or by "::" form one compound ("fmt.errorf",
//     "kube-rs", "std::io"). A compound gives itself whole and each of its
//     parts; "_" splits parts too ("max_age" gives max_age, max, age).
//     A part of ASCII letters alone is stemmed (see Stem).
//
// Hangul next to Latin letters starts a new run: "Go언어" gives "go" and
// "언어".

// maxToken is the length in bytes past which a word is not indexed: long
// hashes and base64 blobs only bloat the index.
const maxToken = 48

// isBigram reports a character of a script written without spaces between
// words, or with particles glued to words: such runs are indexed as
// bigrams.
func isBigram(r rune) bool {
	return r >= 0xAC00 && r <= 0xD7A3 || // Hangul syllables
		r >= 0x3040 && r <= 0x30FF || // Hiragana, Katakana
		r >= 0x4E00 && r <= 0x9FFF // CJK unified ideographs
}

func isWord(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}

func isJoiner(r rune) bool { return r == '.' || r == '-' || r == ':' }

// Tokenize calls emit for every token of text, in order, with repeats.
func Tokenize(text string, emit func(tok string)) {
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	tokenize(text, emit)
}

// tokenize is Tokenize on text already in NFC.
func tokenize(text string, emit func(tok string)) {
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isBigram(r):
			j := i + size
			prevAt := i
			single := true
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !isBigram(r2) {
					break
				}
				single = false
				emit(text[prevAt : j+s2])
				prevAt = j
				j += s2
			}
			if single {
				emit(text[i:j])
			}
			i = j
		case isWord(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isWord(r2) && !isBigram(r2) {
					j += s2
					continue
				}
				if isJoiner(r2) {
					if strings.HasPrefix(text[j:], "::") {
						s2 = 2 // Rust and C++ paths: std::io
					}
					if j+s2 < len(text) {
						r3, _ := utf8.DecodeRuneInString(text[j+s2:])
						if isWord(r3) && !isBigram(r3) {
							j += s2
							continue
						}
					}
				}
				break
			}
			compound(lower(text[i:j]), emit)
			i = j
		default:
			i += size
		}
	}
}

// lower is strings.ToLower, quicker on words already in lower case.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

// compound emits a compound word whole, then its parts.
func compound(w string, emit func(string)) {
	if len(w) > maxToken {
		return
	}
	if !hasJoiner(w) {
		emit(Stem(w))
		return
	}
	emit(w)
	for part := range strings.FieldsFuncSeq(w, func(r rune) bool { return isJoiner(r) || r == '_' }) {
		emit(Stem(part))
	}
}

// hasJoiner reports whether w has a joiner or "_": strings.ContainsAny
// with ".-:_", without making its set for every word.
func hasJoiner(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c == '.' || c == '-' || c == ':' || c == '_' {
			return true
		}
	}
	return false
}

// Stem strips common English endings from a word of ASCII letters, so
// "errors", "wrapped" and "wrapping" find "error" and "wrap". It is a small
// suffix stripper, not Porter's algorithm: it must stay easy to write the
// same way in JavaScript, and a word cut a little short still matches,
// because queries also match by prefix. Other words are returned as they
// are.
func Stem(w string) string {
	if len(w) < 4 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) >= 6:
		w = w[:len(w)-3]
	case strings.HasSuffix(w, "ed") && len(w) >= 5:
		w = w[:len(w)-2]
	}
	if strings.HasSuffix(w, "e") && len(w) >= 5 {
		w = w[:len(w)-1]
	}
	if n := len(w); n >= 4 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouylsz", rune(w[n-1])) {
		w = w[:n-1]
	}
	return w
}
