package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// lexRust splits Rust into the tokens of chroma's Rust lexer, coalesced.
// It keeps the lexer's stack of states (the names after fn, mod, struct
// and a colon, lifetimes, number suffixes, nested comments, strings,
// format strings and attributes) and, like chroma, adds a line end to
// code that does not end with one, lexes up to the original end only,
// and marks a rune no rule matches as an error. ok is false for code it
// leaves to chroma: see scannable.
func lexRust(code string) (tokens []chroma.Token, ok bool) {
	if !scannable(code) {
		return nil, false
	}
	end := len(code)
	if !strings.HasSuffix(code, "\n") {
		code += "\n"
	}
	r := rustLexer{code: code, stack: []rustState{rustRoot}}
	for r.pos < end {
		st := r.stack[len(r.stack)-1]
		if r.step(st) {
			continue
		}
		if code[r.pos] == '\n' && st != rustRoot {
			r.stack = r.stack[:1]
			continue
		}
		r.pos += r.ts.errorRune(code[r.pos:])
	}
	return r.ts, true
}

type rustState int

const (
	rustRoot rustState = iota
	rustBase
	rustModName
	rustFuncName
	rustTypeName
	rustLifetime
	rustNumberLit
	rustComment
	rustDocComment
	rustString
	rustByteString
	rustFormatted
	rustAttribute
)

type rustLexer struct {
	code  string
	pos   int
	stack []rustState
	ts    tokenList
}

func (r *rustLexer) emit(t chroma.TokenType, n int) {
	r.ts.add(t, r.code[r.pos:r.pos+n])
	r.pos += n
}

func (r *rustLexer) push(s rustState) { r.stack = append(r.stack, s) }
func (r *rustLexer) pop()             { r.stack = r.stack[:len(r.stack)-1] }

var (
	rustKeywords  = wordSet("unsafe static extern return const crate where while await trait super async match impl else move loop pub ref mut for dyn use box in if as")
	rustReserved  = wordSet("abstract override unsized virtual become typeof final macro yield priv try do")
	rustTypes     = wordSet("isize usize bool char u128 i128 i64 i32 i16 str u64 u32 f32 f64 u16 i8 u8")
	rustBuiltins  = wordSet("DoubleEndedIterator ExactSizeIterator IntoIterator PartialOrd PartialEq ToString Iterator ToOwned Default Result String FnOnce Extend Option FnMut Unpin Sized AsRef AsMut Clone None From Into Sync drop Send Drop Copy Some Ord Err Box Vec Eq Ok Fn")
	rustTypeDecls = wordSet("struct enum type union")
)

func isASCIIIdentStart(c byte) bool { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// asciiIdent matches `[a-zA-Z_]\w*` (and, for the lifetime rule,
// `[a-zA-Z_]+\w*`, the same).
func asciiIdent(s string) int {
	if s == "" || !isASCIIIdentStart(s[0]) {
		return 0
	}
	return 1 + wordRun(s[1:])
}

// step tries the rules of state st at the current position.
func (r *rustLexer) step(st rustState) bool {
	code, pos := r.code, r.pos
	rest := code[pos:]
	c := rest[0]
	switch st {
	case rustRoot:
		// `#![^[\r\n].*$`, else push base.
		if strings.HasPrefix(rest, "#!") && len(rest) > 2 && rest[2] != '[' && rest[2] != '\n' {
			r.emit(chroma.CommentPreproc, lineEnd(rest))
			return true
		}
		r.push(rustBase)
		return true
	case rustModName, rustFuncName:
		if n := spaceRun(rest); n > 0 {
			r.emit(chroma.Text, n)
			return true
		}
		if n := asciiIdent(rest); n > 0 {
			t := chroma.NameNamespace
			if st == rustFuncName {
				t = chroma.NameFunction
			}
			r.emit(t, n)
		}
		r.pop()
		return true
	case rustLifetime:
		if n := asciiIdent(rest); n > 0 {
			r.emit(chroma.NameAttribute, n)
			return true
		}
		r.pop()
		return true
	case rustNumberLit:
		// `[ui](8|16|32|64|size)`, `f(32|64)`
		if c == 'u' || c == 'i' {
			for _, s := range [...]string{"8", "16", "32", "64", "size"} {
				if strings.HasPrefix(rest[1:], s) {
					r.emit(chroma.Keyword, 1+len(s))
					r.pop()
					return true
				}
			}
		}
		if strings.HasPrefix(rest, "f32") || strings.HasPrefix(rest, "f64") {
			r.emit(chroma.Keyword, 3)
			r.pop()
			return true
		}
		r.pop()
		return true
	case rustComment, rustDocComment:
		t := chroma.CommentMultiline
		if st == rustDocComment {
			t = chroma.LiteralStringDoc
		}
		switch {
		case strings.HasPrefix(rest, "/*"):
			r.emit(t, 2)
			r.push(st)
		case strings.HasPrefix(rest, "*/"):
			r.emit(t, 2)
			r.pop()
		case c == '*' || c == '/':
			r.emit(t, 1)
		default:
			r.emit(t, runWhile(rest, func(r rune) bool { return r != '*' && r != '/' }))
		}
		return true
	case rustString, rustByteString, rustFormatted:
		if c == '"' {
			r.emit(chroma.LiteralString, 1)
			r.pop()
			return true
		}
		if st == rustByteString && strings.HasPrefix(rest, `\x`) && len(rest) > 3 && isHexByte(rest[3]) && strings.IndexByte("89abcdefABCDEF", rest[2]) >= 0 {
			r.emit(chroma.LiteralStringEscape, 4)
			return true
		}
		if n := rustStringEscape(rest); n > 0 {
			r.emit(chroma.LiteralStringEscape, n)
			return true
		}
		if st == rustFormatted {
			if strings.HasPrefix(rest, "{{") || strings.HasPrefix(rest, "}}") {
				r.emit(chroma.LiteralStringEscape, 2)
				return true
			}
			if c == '{' {
				if e := strings.IndexByte(rest, '}'); e > 0 {
					r.emit(chroma.LiteralStringInterpol, e+1)
					return true
				}
			}
			if n := runWhile(rest, func(r rune) bool { return r != '\\' && r != '"' && r != '{' && r != '}' }); n > 0 {
				r.emit(chroma.LiteralString, n)
				return true
			}
		} else if n := runWhile(rest, func(r rune) bool { return r != '\\' && r != '"' }); n > 0 {
			r.emit(chroma.LiteralString, n)
			return true
		}
		if c == '\\' {
			r.emit(chroma.LiteralString, 1)
			return true
		}
		return false
	case rustAttribute:
		switch c {
		case '"':
			r.emit(chroma.LiteralString, 1)
			r.push(rustString)
		case '[':
			r.emit(chroma.CommentPreproc, 1)
			r.push(rustAttribute)
		case ']':
			r.emit(chroma.CommentPreproc, 1)
			r.pop()
		default:
			r.emit(chroma.CommentPreproc, runWhile(rest, func(r rune) bool { return r != '"' && r != ']' && r != '[' }))
		}
		return true
	case rustTypeName:
		if n := spaceRun(rest); n > 0 {
			r.emit(chroma.Text, n)
			return true
		}
		if c == '&' {
			r.emit(chroma.KeywordPseudo, 1)
			return true
		}
		if r.lifetime() {
			return true
		}
		w := rest[:wordRun(rest)]
		if rustBuiltins[w] {
			r.emit(chroma.NameBuiltin, len(w))
			return true
		}
		if rustTypes[w] {
			r.emit(chroma.KeywordType, len(w))
			return true
		}
		if n := asciiIdent(rest); n > 0 {
			r.emit(chroma.NameClass, n)
		}
		r.pop()
		return true
	}
	return r.base()
}

func isHexByte(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f' }

// rustStringEscape matches
// `\\['"\\nrt]|\\(?=\n)|\\x[0-7][0-9a-fA-F]|\\0|\\u\{[0-9a-fA-F]{1,6}\}`.
func rustStringEscape(s string) int {
	if len(s) < 2 || s[0] != '\\' {
		return 0
	}
	switch c := s[1]; {
	case strings.IndexByte(`'"\nrt`, c) >= 0 && c != '\n':
		return 2
	case c == '\n':
		return 1
	case c == 'x' && len(s) > 3 && '0' <= s[2] && s[2] <= '7' && isHexByte(s[3]):
		return 4
	case c == '0':
		return 2
	case c == 'u':
		return rustUnicodeEscape(s)
	}
	return 0
}

// rustUnicodeEscape matches `\\u\{[0-9a-fA-F]{1,6}\}`.
func rustUnicodeEscape(s string) int {
	if !strings.HasPrefix(s, `\u{`) {
		return 0
	}
	h := 0
	for h < 6 && 3+h < len(s) && isHexByte(s[3+h]) {
		h++
	}
	if h > 0 && 3+h < len(s) && s[3+h] == '}' {
		return 3 + h + 1
	}
	return 0
}

// lifetime matches `'(static|_)` and `'` (which pushes the lifetime
// state).
func (r *rustLexer) lifetime() bool {
	rest := r.code[r.pos:]
	if rest[0] != '\'' {
		return false
	}
	switch {
	case strings.HasPrefix(rest, "'static"):
		r.emit(chroma.NameBuiltin, 7)
	case strings.HasPrefix(rest, "'_"):
		r.emit(chroma.NameBuiltin, 2)
	default:
		r.emit(chroma.NameAttribute, 1)
		r.push(rustLifetime)
	}
	return true
}

// rustChar matches the lexer's character literal rules: a quote, one of
// the escapes (tried in order, each with the closing quote) or any rune,
// and a quote. For byte characters the escapes differ.
func rustChar(s string, byteChar bool) int {
	closes := func(n int) int {
		if n < len(s) && s[n] == '\'' {
			return n + 1
		}
		return 0
	}
	if len(s) < 3 || s[0] != '\'' {
		return 0
	}
	if s[1] == '\\' {
		if strings.IndexByte(`'"\nrt`, s[2]) >= 0 && s[2] != '\n' {
			if m := closes(3); m > 0 {
				return m
			}
		}
		if s[2] == 'x' && len(s) > 4 {
			if byteChar && isHexByte(s[3]) && isHexByte(s[4]) || !byteChar && '0' <= s[3] && s[3] <= '7' && isHexByte(s[4]) {
				if m := closes(5); m > 0 {
					return m
				}
			}
		}
		if s[2] == '0' {
			if m := closes(3); m > 0 {
				return m
			}
		}
		if !byteChar {
			if u := rustUnicodeEscape(s[1:]); u > 0 {
				if m := closes(1 + u); m > 0 {
					return m
				}
			}
		}
	}
	if s[1] == '\n' {
		return 0
	}
	_, size := utf8.DecodeRuneInString(s[1:])
	return closes(1 + size)
}

// base tries the rules of the lexer's base state.
func (r *rustLexer) base() bool {
	code, pos := r.code, r.pos
	rest := code[pos:]
	c := rest[0]
	switch {
	case c == '\n':
		r.emit(chroma.TextWhitespace, 1)
		return true
	case isSpaceStart(rest):
		r.emit(chroma.TextWhitespace, spaceRun(rest))
		return true
	case strings.HasPrefix(rest, "//!"): // `//!.*?\n`
		r.emit(chroma.LiteralStringDoc, lineEnd(rest)+1)
		return true
	case strings.HasPrefix(rest, "///") && len(rest) > 3 && rest[3] != '/': // `///(\n|[^/].*?\n)`
		if rest[3] == '\n' {
			r.emit(chroma.LiteralStringDoc, 4)
		} else {
			_, size := utf8.DecodeRuneInString(rest[3:])
			r.emit(chroma.LiteralStringDoc, 3+size+lineEnd(rest[3+size:])+1)
		}
		return true
	case strings.HasPrefix(rest, "//"): // `//(.*?)\n`
		r.emit(chroma.CommentSingle, lineEnd(rest)+1)
		return true
	case strings.HasPrefix(rest, "/**") && len(rest) > 3 && rest[3] != '/' && rest[3] != '*': // `/\*\*(\n|[^/*])`
		_, size := utf8.DecodeRuneInString(rest[3:])
		r.emit(chroma.LiteralStringDoc, 3+size)
		r.push(rustDocComment)
		return true
	case strings.HasPrefix(rest, "/*!"):
		r.emit(chroma.LiteralStringDoc, 3)
		r.push(rustDocComment)
		return true
	case strings.HasPrefix(rest, "/*"):
		r.emit(chroma.CommentMultiline, 2)
		r.push(rustComment)
		return true
	case c == '"':
		r.emit(chroma.LiteralString, 1)
		r.push(rustString)
		return true
	case c == '$': // `\$([a-zA-Z_]\w*|\(,?|\),?|,?)`
		n := 1
		if m := asciiIdent(rest[1:]); m > 0 {
			n += m
		} else {
			if strings.HasPrefix(rest[1:], "(") || strings.HasPrefix(rest[1:], ")") {
				n++
			}
			if strings.HasPrefix(rest[n:], ",") {
				n++
			}
		}
		r.emit(chroma.CommentPreproc, n)
		return true
	}
	w := rest[:wordRun(rest)]
	switch {
	case rustKeywords[w]:
		r.emit(chroma.Keyword, len(w))
		return true
	case rustReserved[w]:
		r.emit(chroma.KeywordReserved, len(w))
		return true
	case w == "true" || w == "false":
		r.emit(chroma.KeywordConstant, len(w))
		return true
	case w == "self":
		r.emit(chroma.NameBuiltinPseudo, 4)
		return true
	case w == "mod":
		r.emit(chroma.Keyword, 3)
		r.push(rustModName)
		return true
	case w == "let":
		r.emit(chroma.KeywordDeclaration, 3)
		return true
	case w == "fn":
		r.emit(chroma.Keyword, 2)
		r.push(rustFuncName)
		return true
	case rustTypeDecls[w]:
		r.emit(chroma.Keyword, len(w))
		r.push(rustTypeName)
		return true
	}
	// `(default)(\s+)(type|fn)\b`
	if strings.HasPrefix(rest, "default") {
		if sp := spaceRun(rest[7:]); sp > 0 {
			if w2 := rest[7+sp : 7+sp+wordRun(rest[7+sp:])]; w2 == "type" || w2 == "fn" {
				r.emit(chroma.Keyword, 7)
				r.emit(chroma.Text, sp)
				r.emit(chroma.Keyword, len(w2))
				return true
			}
		}
	}
	switch {
	case rustTypes[w]:
		r.emit(chroma.KeywordType, len(w))
		return true
	case w == "Self":
		r.emit(chroma.NameBuiltinPseudo, 4)
		return true
	case rustBuiltins[w]:
		r.emit(chroma.NameBuiltin, len(w))
		return true
	case strings.HasPrefix(rest, "::") && wordAt(code, pos+2): // `::\b`
		r.emit(chroma.Text, 2)
		return true
	case c == ':' || strings.HasPrefix(rest, "->"): // `(?::|->)`
		n := 1
		if c == '-' {
			n = 2
		}
		r.emit(chroma.Text, n)
		r.push(rustTypeName)
		return true
	}
	// `(break|continue)(\b\s*)(\'[A-Za-z_]\w*)?`
	for _, kw := range [...]string{"break", "continue"} {
		if strings.HasPrefix(rest, kw) && !wordAt(code, pos+len(kw)) {
			sp := spaceRun(rest[len(kw):])
			r.emit(chroma.Keyword, len(kw))
			r.emit(chroma.TextWhitespace, sp)
			if rem := r.code[r.pos:]; strings.HasPrefix(rem, "'") && len(rem) > 1 && isASCIIIdentStart(rem[1]) {
				r.emit(chroma.NameLabel, 1+asciiIdent(rem[1:]))
			}
			return true
		}
	}
	if n := rustChar(rest, false); n > 0 {
		r.emit(chroma.LiteralStringChar, n)
		return true
	}
	if c == 'b' {
		if n := rustChar(rest[1:], true); n > 0 {
			r.emit(chroma.LiteralStringAffix, 1)
			r.emit(chroma.LiteralStringChar, n)
			return true
		}
	}
	if n, t := rustNumber(rest); n > 0 {
		r.emit(t, n)
		r.push(rustNumberLit)
		return true
	}
	if strings.HasPrefix(rest, `b"`) {
		r.emit(chroma.LiteralStringAffix, 1)
		r.emit(chroma.LiteralString, 1)
		r.push(rustByteString)
		return true
	}
	// `(?s)(b?r)(#*)(".*?"\2)`
	if p := strings.TrimPrefix(rest, "b"); strings.HasPrefix(p, "r") {
		affix := len(rest) - len(p) + 1
		hashes := rest[affix : affix+runWhile(rest[affix:], func(r rune) bool { return r == '#' })]
		if body := affix + len(hashes); strings.HasPrefix(rest[body:], `"`) {
			if e := strings.Index(rest[body+1:], `"`+hashes); e >= 0 {
				r.emit(chroma.LiteralStringAffix, affix)
				r.emit(chroma.LiteralString, len(hashes))
				r.emit(chroma.LiteralString, 1+e+1+len(hashes))
				return true
			}
		}
	}
	if r.lifetime() {
		return true
	}
	switch {
	case strings.HasPrefix(rest, "..="):
		r.emit(chroma.Operator, 3)
		return true
	case strings.HasPrefix(rest, ".."):
		r.emit(chroma.Operator, 2)
		return true
	case strings.IndexByte("{}()[],.;", c) >= 0:
		r.emit(chroma.Punctuation, 1)
		return true
	case strings.IndexByte("+-*/%&|<>^!~@=:?", c) >= 0:
		r.emit(chroma.Operator, 1)
		return true
	}
	// `\b(r#)?_?([A-Z][A-Z0-9_]*){2,}\b`
	if wordAt(code, pos) && !wordBefore(code, pos) {
		i := 0
		if strings.HasPrefix(rest, "r#") {
			i = 2
		}
		if strings.HasPrefix(rest[i:], "_") {
			i++
		}
		if i < len(rest) && 'A' <= rest[i] && rest[i] <= 'Z' {
			run := rest[i : i+runWhile(rest[i:], func(r rune) bool { return 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_' })]
			upper := 0
			for _, ch := range []byte(run) {
				if 'A' <= ch && ch <= 'Z' {
					upper++
				}
			}
			if upper >= 2 && !wordAt(code, pos+i+len(run)) {
				r.emit(chroma.NameConstant, i+len(run))
				return true
			}
		}
	}
	if n := rustFormatMacro(rest); n > 0 {
		m := strings.IndexByte(rest, '!') + 1
		r.emit(chroma.NameFunctionMagic, m)
		sp := spaceRun(rest[m:])
		r.emit(chroma.TextWhitespace, sp)
		r.emit(chroma.Punctuation, 1)
		r.emit(chroma.TextWhitespace, n-m-sp-2)
		r.emit(chroma.LiteralString, 1)
		r.push(rustFormatted)
		return true
	}
	// `([a-zA-Z_]\w*!)(\s*)(\(|\[|\{)`
	if n := asciiIdent(rest); n > 0 && strings.HasPrefix(rest[n:], "!") {
		sp := spaceRun(rest[n+1:])
		if k := n + 1 + sp; k < len(rest) && (rest[k] == '(' || rest[k] == '[' || rest[k] == '{') {
			r.emit(chroma.NameFunctionMagic, n+1)
			r.emit(chroma.TextWhitespace, sp)
			r.emit(chroma.Punctuation, 1)
			return true
		}
	}
	// `(r#)?[a-zA-Z_]\w*`
	if strings.HasPrefix(rest, "r#") {
		if n := asciiIdent(rest[2:]); n > 0 {
			r.emit(chroma.Name, 2+n)
			return true
		}
	}
	if n := asciiIdent(rest); n > 0 {
		r.emit(chroma.Name, n)
		return true
	}
	switch {
	case strings.HasPrefix(rest, "#!["):
		r.emit(chroma.CommentPreproc, 3)
		r.push(rustAttribute)
		return true
	case strings.HasPrefix(rest, "#["):
		r.emit(chroma.CommentPreproc, 2)
		r.push(rustAttribute)
		return true
	case c == '#':
		r.emit(chroma.Text, 1)
		return true
	}
	return false
}

// rustFormatMacro matches
// `((?:e?print(?:ln)?|format(?:_args)?|panic|todo|un(?:reachable|implemented))!)(\s*)(\()(\s*)(")`
// and returns its length, or 0.
func rustFormatMacro(s string) int {
	var name int
	for _, m := range [...]string{"eprintln!", "eprint!", "println!", "print!", "format_args!", "format!", "panic!", "todo!", "unreachable!", "unimplemented!"} {
		if strings.HasPrefix(s, m) {
			name = len(m)
			break
		}
	}
	if name == 0 {
		return 0
	}
	i := name + spaceRun(s[name:])
	if !strings.HasPrefix(s[i:], "(") {
		return 0
	}
	i++
	i += spaceRun(s[i:])
	if !strings.HasPrefix(s[i:], `"`) {
		return 0
	}
	return i + 1
}

// rustNumber tries the number rules, which push the number_lit state.
func rustNumber(s string) (int, chroma.TokenType) {
	run := func(s string, in func(byte) bool) int {
		n := 0
		for n < len(s) && in(s[n]) {
			n++
		}
		return n
	}
	digit := func(c byte) bool { return '0' <= c && c <= '9' || c == '_' }
	switch {
	case strings.HasPrefix(s, "0b"):
		if n := run(s[2:], func(c byte) bool { return c == '0' || c == '1' || c == '_' }); n > 0 {
			return 2 + n, chroma.LiteralNumberBin
		}
	case strings.HasPrefix(s, "0o"):
		if n := run(s[2:], func(c byte) bool { return '0' <= c && c <= '7' || c == '_' }); n > 0 {
			return 2 + n, chroma.LiteralNumberOct
		}
	case strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X"):
		if n := run(s[2:], func(c byte) bool { return isHexByte(c) || c == '_' }); n > 0 {
			return 2 + n, chroma.LiteralNumberHex
		}
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, chroma.None
	}
	i := 1 + run(s[1:], digit)
	exponent := func(j int) int {
		if j >= len(s) || s[j] != 'e' && s[j] != 'E' {
			return 0
		}
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if d := run(s[k:], digit); d > 0 {
			return k + d - j
		}
		return 0
	}
	// `(\.[0-9_]+[eE][+\-]?[0-9_]+|\.[0-9_]*(?!\.)|[eE][+\-]?[0-9_]+)`
	if strings.HasPrefix(s[i:], ".") {
		f := run(s[i+1:], digit)
		if f > 0 {
			if e := exponent(i + 1 + f); e > 0 {
				return i + 1 + f + e, chroma.LiteralNumberFloat
			}
		}
		if !strings.HasPrefix(s[i+1+f:], ".") {
			return i + 1 + f, chroma.LiteralNumberFloat
		}
		if f > 0 {
			return i + f, chroma.LiteralNumberFloat
		}
	}
	if e := exponent(i); e > 0 {
		return i + e, chroma.LiteralNumberFloat
	}
	return i, chroma.LiteralNumberInteger
}
