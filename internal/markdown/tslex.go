package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// lexTypeScript splits TypeScript into the tokens of chroma's TypeScript
// lexer, coalesced. It keeps the lexer's stack of states: where a slash
// may start a regular expression, JSX tags (which chroma also sees in
// generics such as Array<string>) and their attributes, template strings
// and their ${ } parts, and HTML comments. Like chroma it adds a line end
// to code that does not end with one and lexes up to the original end,
// and it marks a rune no rule matches as an error. ok is false for code
// it leaves to chroma: see scannable, and a quoted string that does not
// end (chroma's expression backtracks into its escapes).
func lexTypeScript(code string) (tokens []chroma.Token, ok bool) {
	if !scannable(code) {
		return nil, false
	}
	end := len(code)
	if !strings.HasSuffix(code, "\n") {
		code += "\n"
	}
	l := tsLexer{code: code, stack: []tsState{tsRoot}}
	for l.pos < end {
		st := l.stack[len(l.stack)-1]
		matched, bad := l.step(st)
		if bad {
			return nil, false
		}
		if matched {
			continue
		}
		if code[l.pos] == '\n' && st != tsRoot {
			l.stack = l.stack[:1]
			continue
		}
		l.pos += l.ts.errorRune(code[l.pos:])
	}
	return l.ts, true
}

type tsState int

const (
	tsRoot tsState = iota
	tsSlashStartsRegex
	tsBadRegex
	tsTag
	tsAttr
	tsExpression
	tsInterp
	tsInterpInside
	tsComment
)

type tsLexer struct {
	code  string
	pos   int
	stack []tsState
	ts    tokenList
}

func (l *tsLexer) emit(t chroma.TokenType, n int) {
	l.ts.add(t, l.code[l.pos:l.pos+n])
	l.pos += n
}

func (l *tsLexer) push(s tsState) { l.stack = append(l.stack, s) }
func (l *tsLexer) pop()           { l.stack = l.stack[:len(l.stack)-1] }

var (
	tsKeywords  = wordSet("for in of while do break return yield continue switch case default if else throw try catch finally new delete typeof instanceof keyof asserts is infer await void this")
	tsDecls     = wordSet("var let with function")
	tsReserved  = wordSet("abstract async boolean class const debugger enum export extends from get global goto implements import interface namespace package private protected public readonly require set static super type using")
	tsConstants = wordSet("true false null NaN Infinity undefined")
	tsBuiltins  = wordSet("Array Boolean Date Error Function Math Number Object Packages RegExp String decodeURI decodeURIComponent encodeURI encodeURIComponent eval isFinite isNaN parseFloat parseInt document this window")
	tsTypes     = wordSet("string bool number any never object symbol unique unknown bigint")
	tsReserved2 = wordSet("constructor declare interface as")
)

// step tries the rules of state st; bad reports a quoted string that
// does not end.
func (l *tsLexer) step(st tsState) (matched, bad bool) {
	rest := l.code[l.pos:]
	c := rest[0]
	switch st {
	case tsSlashStartsRegex:
		if l.commentsAndSpace() {
			return true, false
		}
		if c == '/' {
			if n := tsRegex(l.code, l.pos); n > 0 {
				l.emit(chroma.LiteralStringRegex, n)
				l.pop()
				return true, false
			}
			l.push(tsBadRegex) // `(?=/)`
			return true, false
		}
		l.pop()
		return true, false
	case tsBadRegex:
		if c == '\n' {
			l.emit(chroma.Text, 1)
			l.pop()
			return true, false
		}
		return false, false
	case tsComment:
		switch {
		case strings.HasPrefix(rest, "-->"):
			l.emit(chroma.Comment, 3)
			l.pop()
		case c == '-':
			l.emit(chroma.Comment, 1)
		default:
			l.emit(chroma.Comment, runWhile(rest, func(r rune) bool { return r != '-' }))
		}
		return true, false
	case tsInterp:
		switch {
		case c == '`':
			l.emit(chroma.LiteralStringBacktick, 1)
			l.pop()
		case strings.HasPrefix(rest, `\\`) || strings.HasPrefix(rest, "\\`"):
			l.emit(chroma.LiteralStringBacktick, 2)
		case strings.HasPrefix(rest, "${"):
			l.emit(chroma.LiteralStringInterpol, 2)
			l.push(tsInterpInside)
		case c == '$':
			l.emit(chroma.LiteralStringBacktick, 1)
		case c == '\\':
			return false, false
		default:
			l.emit(chroma.LiteralStringBacktick, runWhile(rest, func(r rune) bool { return r != '`' && r != '\\' && r != '$' }))
		}
		return true, false
	case tsAttr:
		switch {
		case c == '{':
			l.emit(chroma.Punctuation, 1)
			l.push(tsExpression)
			return true, false
		case c == '"' || c == '\'':
			if e := strings.IndexByte(rest[1:], c); e >= 0 {
				l.emit(chroma.LiteralString, e+2)
				l.pop()
				return true, false
			}
		}
		l.pop()
		return true, false
	case tsTag:
		return l.tag()
	case tsExpression:
		switch c {
		case '{':
			l.emit(chroma.Punctuation, 1)
			l.push(tsExpression)
			return true, false
		case '}':
			l.emit(chroma.Punctuation, 1)
			l.pop()
			return true, false
		}
	case tsInterpInside:
		if c == '}' {
			l.emit(chroma.LiteralStringInterpol, 1)
			l.pop()
			return true, false
		}
	}
	return l.root()
}

// commentsAndSpace matches the rules of the commentsandwhitespace state.
func (l *tsLexer) commentsAndSpace() bool {
	rest := l.code[l.pos:]
	if n := spaceRun(rest); n > 0 {
		l.emit(chroma.Text, n)
		return true
	}
	switch {
	case strings.HasPrefix(rest, "<!--"):
		l.emit(chroma.Comment, 4)
		l.push(tsComment)
		return true
	case strings.HasPrefix(rest, "//"): // `//.*?\n`
		if e := strings.IndexByte(rest, '\n'); e >= 0 {
			l.emit(chroma.CommentSingle, e+1)
			return true
		}
	case strings.HasPrefix(rest, "/*"): // `/\*.*?\*/`, across lines
		if e := strings.Index(rest[2:], "*/"); e >= 0 {
			l.emit(chroma.CommentMultiline, 2+e+2)
			return true
		}
	}
	return false
}

// tsRegex matches `/(\\.|[^[/\\\n]|\[(\\.|[^\]\\\n])*])+/([gim]+\b|\B)`
// at pos (the dot matching line ends) and returns its length or 0. Each
// rune decides which alternative takes it, so only one reading exists.
func tsRegex(code string, pos int) int {
	s := code[pos:]
	i, parts := 1, 0
loop:
	for i < len(s) {
		switch s[i] {
		case '\\':
			if i+1 >= len(s) {
				return 0
			}
			_, size := utf8.DecodeRuneInString(s[i+1:])
			i += 1 + size
		case '[':
			j := i + 1
			for {
				if j >= len(s) || s[j] == '\n' {
					break loop
				}
				if s[j] == ']' {
					break
				}
				if s[j] == '\\' {
					if j+1 >= len(s) {
						break loop
					}
					_, size := utf8.DecodeRuneInString(s[j+1:])
					j += 1 + size
					continue
				}
				j++
			}
			i = j + 1
		case '/', '\n':
			break loop
		default:
			i++
		}
		parts++
	}
	if parts == 0 || i >= len(s) || s[i] != '/' {
		return 0
	}
	i++
	if f := runWhile(s[i:], func(r rune) bool { return r == 'g' || r == 'i' || r == 'm' }); f > 0 && !wordAt(code, pos+i+f) {
		return i + f
	}
	if !wordAt(code, pos+i) { // `\B` after the slash
		return i
	}
	return 0
}

// jsx matches the rules of the lexer's jsx state.
func (l *tsLexer) jsx() bool {
	rest := l.code[l.pos:]
	if rest[0] != '<' {
		return false
	}
	isTag := func(r rune) bool { return r == '.' || isWordRune(r) }
	switch {
	case strings.HasPrefix(rest, "<>"):
		l.emit(chroma.Punctuation, 2)
		return true
	case strings.HasPrefix(rest, "</>"):
		l.emit(chroma.Punctuation, 3)
		return true
	}
	if n := runWhile(rest[1:], isTag); n > 0 {
		l.emit(chroma.Punctuation, 1)
		l.emit(chroma.NameTag, n)
		l.push(tsTag)
		return true
	}
	if strings.HasPrefix(rest, "</") {
		n := runWhile(rest[2:], isTag)
		if strings.HasPrefix(rest[2+n:], ">") {
			l.emit(chroma.Punctuation, 2)
			l.emit(chroma.NameTag, n)
			l.emit(chroma.Punctuation, 1)
			return true
		}
	}
	return false
}

// tsQuoted matches `"(\\\\|\\"|[^"])*"` and its single-quoted twin; -1
// when the string does not end.
func tsQuoted(s string) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == q) {
				i++
			}
		case q:
			return i + 1
		}
	}
	return -1
}

func (l *tsLexer) tag() (matched, bad bool) {
	rest := l.code[l.pos:]
	c := rest[0]
	if l.jsx() {
		return true, false
	}
	switch c {
	case ',':
		l.emit(chroma.Punctuation, 1)
		return true, false
	case '"', '\'':
		n := tsQuoted(rest)
		if n < 0 {
			return false, true
		}
		t := chroma.LiteralStringDouble
		if c == '\'' {
			t = chroma.LiteralStringSingle
		}
		l.emit(t, n)
		return true, false
	case '`':
		l.emit(chroma.LiteralStringBacktick, 1)
		l.push(tsInterp)
		return true, false
	}
	if l.commentsAndSpace() {
		return true, false
	}
	// `([\w-]+\s*)(=)(\s*)`
	if n := runWhile(rest, func(r rune) bool { return r == '-' || isWordRune(r) }); n > 0 {
		sp := spaceRun(rest[n:])
		if strings.HasPrefix(rest[n+sp:], "=") {
			l.emit(chroma.NameAttribute, n+sp)
			l.emit(chroma.Operator, 1)
			l.emit(chroma.Text, spaceRun(l.code[l.pos:]))
			l.push(tsAttr)
			return true, false
		}
	}
	if n := runWhile(rest, func(r rune) bool { return r == '{' || r == '}' }); n > 0 {
		l.emit(chroma.Punctuation, n)
		return true, false
	}
	if n := runWhile(rest, func(r rune) bool { return r == '.' || isWordRune(r) }); n > 0 {
		l.emit(chroma.NameAttribute, n)
		return true, false
	}
	// `(/?)(\s*)(>)`
	i := 0
	if c == '/' {
		i = 1
	}
	sp := spaceRun(rest[i:])
	if strings.HasPrefix(rest[i+sp:], ">") {
		l.emit(chroma.Punctuation, i)
		l.emit(chroma.Text, sp)
		l.emit(chroma.Punctuation, 1)
		l.pop()
		return true, false
	}
	return false, false
}

func isTSWord(r rune) bool { return r == '?' || r == '.' || r == '$' || isWordRune(r) }

// root tries the rules of the lexer's root state.
func (l *tsLexer) root() (matched, bad bool) {
	code, pos := l.code, l.pos
	rest := code[pos:]
	c := rest[0]
	if l.jsx() {
		return true, false
	}
	// `^(?=\s|/|<!--)`
	if atLineStart(code, pos) && (isSpaceStart(rest) || c == '/' || strings.HasPrefix(rest, "<!--")) {
		l.push(tsSlashStartsRegex)
		return true, false
	}
	if l.commentsAndSpace() {
		return true, false
	}
	// `\+\+|--|~|&&|\?|:|\|\||\\(?=\n)|(<<|>>>?|==?|!=?|[-<>+*%&|^/])=?`
	if n := tsOperator(rest); n > 0 {
		l.emit(chroma.Operator, n)
		l.push(tsSlashStartsRegex)
		return true, false
	}
	switch {
	case strings.IndexByte("{([;,", c) >= 0:
		l.emit(chroma.Punctuation, 1)
		l.push(tsSlashStartsRegex)
		return true, false
	case strings.IndexByte("})].", c) >= 0:
		l.emit(chroma.Punctuation, 1)
		return true, false
	}
	w := rest[:wordRun(rest)]
	boundary := !wordBefore(code, pos)
	switch {
	case tsKeywords[w]:
		l.emit(chroma.Keyword, len(w))
		l.push(tsSlashStartsRegex)
		return true, false
	case tsDecls[w]:
		l.emit(chroma.KeywordDeclaration, len(w))
		l.push(tsSlashStartsRegex)
		return true, false
	case tsReserved[w]:
		l.emit(chroma.KeywordReserved, len(w))
		return true, false
	case tsConstants[w]:
		l.emit(chroma.KeywordConstant, len(w))
		return true, false
	case tsBuiltins[w]:
		l.emit(chroma.NameBuiltin, len(w))
		return true, false
	}
	// `\b(module)(\s+)("[\w\./@]+")(\s+)`
	if w == "module" && boundary {
		if sp := spaceRun(rest[6:]); sp > 0 && strings.HasPrefix(rest[6+sp:], `"`) {
			q := 6 + sp + 1
			if n := runWhile(rest[q:], func(r rune) bool { return r == '.' || r == '/' || r == '@' || isWordRune(r) }); n > 0 && strings.HasPrefix(rest[q+n:], `"`) {
				if sp2 := spaceRun(rest[q+n+1:]); sp2 > 0 {
					l.emit(chroma.KeywordReserved, 6)
					l.emit(chroma.Text, sp)
					l.emit(chroma.NameOther, n+2)
					l.emit(chroma.Text, sp2)
					l.push(tsSlashStartsRegex)
					return true, false
				}
			}
		}
	}
	if boundary && tsTypes[w] {
		l.emit(chroma.KeywordType, len(w))
		return true, false
	}
	if boundary && tsReserved2[w] {
		l.emit(chroma.KeywordReserved, len(w))
		return true, false
	}
	// `([a-zA-Z_?.$][\w?.$]*)\(\) \{`
	if c == '$' || isASCIIIdentStart(c) {
		if n := 1 + runWhile(rest[1:], isTSWord); strings.HasPrefix(rest[n:], "() {") {
			l.emit(chroma.NameOther, n+4)
			l.push(tsSlashStartsRegex)
			return true, false
		}
	}
	// `([\w?.$][\w?.$]*)(\s*:\s*)([\w?.$][\w?.$]*)`
	if n := runWhile(rest, isTSWord); n > 0 {
		sp := spaceRun(rest[n:])
		if strings.HasPrefix(rest[n+sp:], ":") {
			sp2 := spaceRun(rest[n+sp+1:])
			if m := runWhile(rest[n+sp+1+sp2:], isTSWord); m > 0 {
				l.emit(chroma.NameOther, n)
				l.emit(chroma.Text, sp+1+sp2)
				l.emit(chroma.KeywordType, m)
				return true, false
			}
		}
	}
	if c == '$' || isASCIIIdentStart(c) {
		l.emit(chroma.NameOther, 1+wordRun(rest[1:]))
		return true, false
	}
	if '0' <= c && c <= '9' {
		l.emit(tsNumber(rest))
		return true, false
	}
	switch c {
	case '"', '\'':
		n := tsQuoted(rest)
		if n < 0 {
			return false, true
		}
		t := chroma.LiteralStringDouble
		if c == '\'' {
			t = chroma.LiteralStringSingle
		}
		l.emit(t, n)
		return true, false
	case '`':
		l.emit(chroma.LiteralStringBacktick, 1)
		l.push(tsInterp)
		return true, false
	case '@':
		if n := wordRun(rest[1:]); n > 0 {
			l.emit(chroma.KeywordDeclaration, 1+n)
			return true, false
		}
	}
	return false, false
}

func tsOperator(s string) int {
	for _, op := range [...]string{"++", "--", "~", "&&", "?", ":", "||"} {
		if strings.HasPrefix(s, op) {
			return len(op)
		}
	}
	if strings.HasPrefix(s, "\\\n") {
		return 1
	}
	n := 0
	switch {
	case strings.HasPrefix(s, "<<"):
		n = 2
	case strings.HasPrefix(s, ">>>"):
		n = 3
	case strings.HasPrefix(s, ">>"):
		n = 2
	case strings.HasPrefix(s, "=="), strings.HasPrefix(s, "!="):
		n = 2
	case strings.IndexByte("=!-<>+*%&|^/", s[0]) >= 0:
		n = 1
	default:
		return 0
	}
	if strings.HasPrefix(s[n:], "=") {
		n++
	}
	return n
}

// tsNumber matches `[0-9][0-9]*\.[0-9]+([eE][0-9]+)?[fd]?`,
// `0x[0-9a-fA-F]+` or `[0-9]+` at a digit.
func tsNumber(s string) (chroma.TokenType, int) {
	ascii := func(s string, in func(byte) bool) int {
		n := 0
		for n < len(s) && in(s[n]) {
			n++
		}
		return n
	}
	digit := func(c byte) bool { return '0' <= c && c <= '9' }
	d := ascii(s, digit)
	if strings.HasPrefix(s[d:], ".") {
		if f := ascii(s[d+1:], digit); f > 0 {
			n := d + 1 + f
			if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
				if e := ascii(s[n+1:], digit); e > 0 {
					n += 1 + e
				}
			}
			if n < len(s) && (s[n] == 'f' || s[n] == 'd') {
				n++
			}
			return chroma.LiteralNumberFloat, n
		}
	}
	if strings.HasPrefix(s, "0x") {
		if h := ascii(s[2:], isHexByte); h > 0 {
			return chroma.LiteralNumberHex, 2 + h
		}
	}
	return chroma.LiteralNumberInteger, d
}
