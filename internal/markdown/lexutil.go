package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// Helpers of blog's own scanners (lexJSON, lexYAML, lexBash and the
// others), which, like lexGo, follow one chroma lexer's rules in order and
// hand their tokens to chroma's formatter.

// maxScanned is the largest code a scanner takes. Chroma does not merge
// a token of 8 KB with the next one, and long code is rare enough to
// leave to it.
const maxScanned = 4096

// scannable reports whether code is of the kind every scanner may take:
// not too long, valid UTF-8 (chroma reads runes, and makes U+FFFD of
// bad bytes) and without carriage returns (chroma makes them line ends).
func scannable(code string) bool {
	return len(code) <= maxScanned && utf8.ValidString(code) && strings.IndexByte(code, '\r') < 0
}

// tokenList collects tokens as chroma.Coalesce passes them on: empty
// ones dropped, one of the same type as the last merged with it while the
// last is under 8 KB.
type tokenList []chroma.Token

func (ts *tokenList) add(t chroma.TokenType, v string) {
	if v == "" {
		return
	}
	if n := len(*ts); n > 0 && (*ts)[n-1].Type == t && len((*ts)[n-1].Value) < 8192 {
		(*ts)[n-1].Value += v
		return
	}
	*ts = append(*ts, chroma.Token{Type: t, Value: v})
}

// errorRune adds what chroma emits where no rule of the state matches:
// the rune at the start of s as an Error token. It returns its length.
func (ts *tokenList) errorRune(s string) int { return ts.runeAs(chroma.Error, s) }

// runeAs adds the rune at the start of s as a token of type t and returns
// its length.
func (ts *tokenList) runeAs(t chroma.TokenType, s string) int {
	_, size := utf8.DecodeRuneInString(s)
	ts.add(t, s[:size])
	return size
}

// atLineStart reports whether pos in code is where a multiline ^ matches.
func atLineStart(code string, pos int) bool { return pos == 0 || code[pos-1] == '\n' }

// lineEnd returns the length of s up to its first line end: what .*
// matches where a dot does not match \n.
func lineEnd(s string) int {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return i
	}
	return len(s)
}

// wordBefore and wordAt report whether the rune before pos, or at pos, in
// code is a \w rune; \b matches where they differ.
func wordBefore(code string, pos int) bool {
	r, _ := utf8.DecodeLastRuneInString(code[:pos])
	return pos > 0 && isWordRune(r)
}

func wordAt(code string, pos int) bool {
	r, _ := utf8.DecodeRuneInString(code[pos:])
	return pos < len(code) && isWordRune(r)
}

func wordBoundary(code string, pos int) bool { return wordBefore(code, pos) != wordAt(code, pos) }
