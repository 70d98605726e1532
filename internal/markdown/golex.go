package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// lexGo splits Go code into the tokens chroma's Go lexer makes of it,
// coalesced as chroma.Coalesce does, without chroma's regular-expression
// engine, which makes Go the most expensive language of a developer blog
// to highlight. It follows the lexer's rules one by one, in their order,
// with the same character classes (Unicode \s, \w and \d). ok is false for
// code it leaves to chroma: a carriage return, a position where none of its
// rules matches (an error for chroma, or a case of chroma's own, such as a
// digit outside ASCII, which regexp2's [^\W\d] lets through as a name), a
// string that does not end, or a raw string that holds a template action
// (chroma lexes those as templates).
// TestGoLexerMatchesChroma and FuzzGoLexer compare it with chroma.
func lexGo(code string) (tokens []chroma.Token, ok bool) {
	// Chroma reads text as runes and turns line ends into \n, and a token
	// of 8 KB is not merged with the next. Such code is left to it.
	if len(code) > 4096 || !utf8.ValidString(code) || strings.IndexByte(code, '\r') >= 0 {
		return nil, false
	}
	emit := func(t chroma.TokenType, v string) {
		if v == "" {
			return
		}
		if n := len(tokens); n > 0 && tokens[n-1].Type == t && len(tokens[n-1].Value) < 8192 {
			tokens[n-1].Value += v
			return
		}
		tokens = append(tokens, chroma.Token{Type: t, Value: v})
	}
	for pos := 0; pos < len(code); {
		rest := code[pos:]
		r, size := utf8.DecodeRuneInString(rest)
		n, t := 0, chroma.None
		switch {
		case isSpaceRune(r): // `\n` and `\s+`
			n, t = spaceRun(rest), chroma.TextWhitespace
		case strings.HasPrefix(rest, "//"):
			end := strings.IndexByte(rest, '\n')
			if end < 0 {
				end = len(rest)
			}
			t = chroma.CommentSingle
			if r2, _ := utf8.DecodeRuneInString(rest[2:]); len(rest) > 2 && !isSpaceRune(r2) {
				t = chroma.CommentPreproc
			}
			n = end
		}
		if n == 0 && r == '/' {
			if m := blockComment(rest); m > 0 {
				n, t = m, chroma.CommentMultiline
			}
		}
		if n == 0 && isWordRune(r) && !isDigitRune(r) {
			word := rest[:wordRun(rest)]
			after := rest[len(word):]
			switch {
			case word == "import" || word == "package":
				n, t = len(word), chroma.KeywordNamespace
			case goDeclarations[word]:
				n, t = len(word), chroma.KeywordDeclaration
			case goKeywords[word]:
				n, t = len(word), chroma.Keyword
			case goConstants[word]:
				n, t = len(word), chroma.KeywordConstant
			case goBuiltins[word] && strings.HasPrefix(after, "("):
				emit(chroma.NameBuiltin, word)
				emit(chroma.Punctuation, "(")
				pos += len(word) + 1
				continue
			case goTypes[word]:
				n, t = len(word), chroma.KeywordType
			}
		}
		if n == 0 && (isDigitRune(r) || r == '.') {
			n, t = goNumber(rest)
		}
		if n == 0 && r == '\'' {
			n, t = goChar(rest), chroma.LiteralStringChar
		}
		if n == 0 && r == '`' {
			end := strings.IndexByte(rest[1:], '`')
			if end < 0 {
				return nil, false // chroma marks the backquote as an error
			}
			if strings.Contains(rest[1:end+1], "{{") {
				return nil, false // lexed as a Go template by chroma
			}
			n, t = end+2, chroma.LiteralString
		}
		if n == 0 && r == '"' {
			if n = goString(rest); n < 0 {
				return nil, false
			}
			t = chroma.LiteralString
		}
		if n == 0 {
			n, t = goOperator(rest), chroma.Operator
		}
		if n == 0 && (r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			// `([a-zA-Z_]\w*)(\s*)(\()`
			w := wordRun(rest)
			s := spaceRun(rest[w:])
			if strings.HasPrefix(rest[w+s:], "(") {
				emit(chroma.NameFunction, rest[:w])
				emit(chroma.TextWhitespace, rest[w:w+s])
				emit(chroma.Punctuation, "(")
				pos += w + s + 1
				continue
			}
		}
		if n == 0 && strings.ContainsRune("|^<>=!()[]{}.,;:~", r) {
			n, t = size, chroma.Punctuation
		}
		if n == 0 && isWordRune(r) && !isDigitRune(r) {
			n, t = wordRun(rest), chroma.NameOther
		}
		if n == 0 {
			return nil, false // chroma marks an error, or has a case of its own
		}
		emit(t, rest[:n])
		pos += n
	}
	return tokens, true
}

var (
	goDeclarations = wordSet("var func struct map chan type interface const")
	goKeywords     = wordSet("break default select case defer go else goto switch fallthrough if range continue for return")
	goConstants    = wordSet("true false iota nil")
	goBuiltins     = wordSet("uint uint8 uint16 uint32 uint64 int int8 int16 int32 int64 float float32 float64 complex64 complex128 byte rune string bool error uintptr print println panic recover close complex real imag len cap append copy delete new make clear min max")
	goTypes        = wordSet("uint uint8 uint16 uint32 uint64 int int8 int16 int32 int64 float float32 float64 complex64 complex128 byte rune string bool error uintptr any")
)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// The character classes of chroma's regular expressions (regexp2, .NET
// semantics): \s, \w and \d are Unicode classes, and \w (with \b) counts
// the zero-width joiners as letters.
func isSpaceRune(r rune) bool { return unicode.IsSpace(r) }
func isDigitRune(r rune) bool { return unicode.Is(unicode.Nd, r) }
func isWordRune(r rune) bool {
	return unicode.In(r, unicode.L, unicode.Mn, unicode.Nd, unicode.Pc) || r == '\u200c' || r == '\u200d'
}

func runWhile(s string, in func(rune) bool) int {
	for i, r := range s {
		if !in(r) {
			return i
		}
	}
	return len(s)
}

func spaceRun(s string) int { return runWhile(s, isSpaceRune) }
func wordRun(s string) int  { return runWhile(s, isWordRune) }
func digitRun(s string) int { return runWhile(s, isDigitRune) }

// blockComment matches `/(\\\n)?[*](.|\n)*?[*](\\\n)?/` at the start of s.
func blockComment(s string) int {
	var body int
	switch {
	case strings.HasPrefix(s, "/\\\n*"):
		body = 4
	case strings.HasPrefix(s, "/*"):
		body = 2
	default:
		return 0
	}
	for q := body; q < len(s); q++ {
		if s[q] != '*' {
			continue
		}
		if strings.HasPrefix(s[q+1:], "\\\n/") {
			return q + 4
		}
		if strings.HasPrefix(s[q+1:], "/") {
			return q + 2
		}
	}
	return 0
}

// goNumber tries the number rules in order, at a digit or a dot.
func goNumber(s string) (int, chroma.TokenType) {
	d := digitRun(s)
	// exponent matches [eE] followed by a sign (when signed) or an
	// optional one, then digits; it returns the length or 0.
	exponent := func(s string, signed bool) int {
		if len(s) < 2 || s[0] != 'e' && s[0] != 'E' {
			return 0
		}
		i := 1
		if s[1] == '+' || s[1] == '-' {
			i = 2
		} else if signed {
			return 0
		}
		if n := digitRun(s[i:]); n > 0 {
			return i + n
		}
		return 0
	}
	imaginary := func(n int) bool { return n < len(s) && s[n] == 'i' }
	if d > 0 {
		// `\d+i`
		if imaginary(d) {
			return d + 1, chroma.LiteralNumber
		}
		// `\d+\.\d*([Ee][-+]\d+)?i`
		if d < len(s) && s[d] == '.' {
			f := d + 1 + digitRun(s[d+1:])
			if e := exponent(s[f:], true); e > 0 && imaginary(f+e) {
				return f + e + 1, chroma.LiteralNumber
			}
			if imaginary(f) {
				return f + 1, chroma.LiteralNumber
			}
		}
	} else if strings.HasPrefix(s, ".") {
		// `\.\d+([Ee][-+]\d+)?i`
		if f := digitRun(s[1:]); f > 0 {
			f++
			if e := exponent(s[f:], true); e > 0 && imaginary(f+e) {
				return f + e + 1, chroma.LiteralNumber
			}
			if imaginary(f) {
				return f + 1, chroma.LiteralNumber
			}
		}
	}
	if d > 0 {
		// `\d+[Ee][-+]\d+i`
		if e := exponent(s[d:], true); e > 0 && imaginary(d+e) {
			return d + e + 1, chroma.LiteralNumber
		}
		// `\d+(\.\d+[eE][+\-]?\d+|\.\d*|[eE][+\-]?\d+)`
		if d < len(s) && s[d] == '.' {
			if f := digitRun(s[d+1:]); f > 0 {
				if e := exponent(s[d+1+f:], false); e > 0 {
					return d + 1 + f + e, chroma.LiteralNumberFloat
				}
			}
			return d + 1 + digitRun(s[d+1:]), chroma.LiteralNumberFloat
		}
		if e := exponent(s[d:], false); e > 0 {
			return d + e, chroma.LiteralNumberFloat
		}
	} else {
		// `\.\d+([eE][+\-]?\d+)?`
		if f := digitRun(s[1:]); f > 0 {
			return 1 + f + exponent(s[1+f:], false), chroma.LiteralNumberFloat
		}
		return 0, chroma.None
	}
	// `0[0-7]+`, `0[xX][0-9a-fA-F_]+`, `0b[01_]+`, `(0|[1-9][0-9_]*)`:
	// ASCII digits only.
	if s[0] == '0' {
		if n := runWhile(s[1:], func(r rune) bool { return '0' <= r && r <= '7' }); n > 0 {
			return 1 + n, chroma.LiteralNumberOct
		}
		if len(s) > 1 && (s[1] == 'x' || s[1] == 'X') {
			if n := runWhile(s[2:], func(r rune) bool {
				return '0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F' || r == '_'
			}); n > 0 {
				return 2 + n, chroma.LiteralNumberHex
			}
		}
		if len(s) > 1 && s[1] == 'b' {
			if n := runWhile(s[2:], func(r rune) bool { return r == '0' || r == '1' || r == '_' }); n > 0 {
				return 2 + n, chroma.LiteralNumberBin
			}
		}
		return 1, chroma.LiteralNumberInteger
	}
	if '1' <= s[0] && s[0] <= '9' {
		return 1 + runWhile(s[1:], func(r rune) bool { return '0' <= r && r <= '9' || r == '_' }), chroma.LiteralNumberInteger
	}
	return 0, chroma.None // a digit outside ASCII that no rule takes
}

// goChar matches chroma's rune literal rule: a quote, one escape or any
// character but a backslash, and a quote.
func goChar(s string) int {
	body := s[1:]
	hex := func(s string, n int) bool {
		if len(s) < n {
			return false
		}
		for i := range n {
			c := s[i]
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
		return true
	}
	closes := func(n int) int {
		if n < len(body) && body[n] == '\'' {
			return 1 + n + 1
		}
		return 0
	}
	if strings.HasPrefix(body, "\\") {
		// The alternatives in order; each is tried whole before the next.
		if len(body) > 1 && strings.IndexByte(`'"\abfnrtv`, body[1]) >= 0 {
			if m := closes(2); m > 0 {
				return m
			}
		}
		if strings.HasPrefix(body, `\x`) && hex(body[2:], 2) {
			if m := closes(4); m > 0 {
				return m
			}
		}
		// \\[0-7]{1,3}: greedy, giving digits back one at a time.
		octal := runWhile(body[1:], func(r rune) bool { return '0' <= r && r <= '7' })
		for k := min(octal, 3); k >= 1; k-- {
			if m := closes(1 + k); m > 0 {
				return m
			}
		}
		if strings.HasPrefix(body, `\u`) && hex(body[2:], 4) {
			if m := closes(6); m > 0 {
				return m
			}
		}
		if strings.HasPrefix(body, `\U`) && hex(body[2:], 8) {
			if m := closes(10); m > 0 {
				return m
			}
		}
		return 0
	}
	if body == "" {
		return 0
	}
	_, size := utf8.DecodeRuneInString(body)
	return closes(size)
}

// goString matches `"(\\\\|\\"|[^"])*"`, which may run over lines. It
// returns -1 when the string does not end before the code does (chroma's
// regular expression then backtracks into its escapes).
func goString(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '"') {
				i++
			}
		case '"':
			return i + 1
		}
	}
	return -1
}

// goOperators are chroma's operators, longest first where one begins
// another, in the order its rule tries them.
var goOperators = []string{"<<=", ">>=", "<<", ">>", "<=", ">=", "&^=", "&^", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
	"&&", "||", "<-", "++", "--", "==", "!=", ":=", "...", "+", "-", "*", "/", "%", "&"}

func goOperator(s string) int {
	for _, op := range goOperators {
		if strings.HasPrefix(s, op) {
			return len(op)
		}
	}
	return 0
}
