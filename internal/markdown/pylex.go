package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// lexPython splits Python into the tokens of chroma's Python lexer,
// coalesced. It keeps the lexer's stack of states: the names after def,
// class, from and import, the sixteen kinds of string (quote, triple or
// not, raw or with escapes, f-string or not) and the expressions inside
// f-strings. Where no rule of a state matches, it does as chroma does: at
// a line end outside the root state it starts again from the root, and
// elsewhere it marks one rune as an error. ok is false for code it leaves
// to chroma: see scannable, and "{,2}", which chroma's docstring rule
// (`[rRuUbB]{,2}`, a literal for its engine) matches.
func lexPython(code string) (tokens []chroma.Token, ok bool) {
	if !scannable(code) || strings.Contains(code, "{,2}") {
		return nil, false
	}
	p := pyLexer{code: code, stack: []pyState{{kind: pyRoot}}}
	for p.pos < len(code) {
		st := p.stack[len(p.stack)-1]
		var matched bool
		switch st.kind {
		case pyRoot:
			matched = p.root()
		case pyFuncName:
			matched = p.funcName()
		case pyClassName:
			if n := pyIdent(code[p.pos:]); n > 0 {
				p.emit(chroma.NameClass, n)
				p.pop()
				matched = true
			}
		case pyImport:
			matched = p.importName()
		case pyFromImport:
			matched = p.fromImport()
		case pyString:
			matched = p.str(st)
		case pyFExpr, pyFExprInner:
			matched = p.fexpr(st.kind)
		}
		if matched {
			continue
		}
		if code[p.pos] == '\n' && st.kind != pyRoot {
			p.stack = p.stack[:1]
			continue
		}
		p.pos += p.ts.errorRune(code[p.pos:])
	}
	return p.ts, true
}

type pyKind int

const (
	pyRoot pyKind = iota
	pyFuncName
	pyClassName
	pyImport
	pyFromImport
	pyString
	pyFExpr      // expr-inside-fstring
	pyFExprInner // expr-inside-fstring-inner
)

// A pyState is one state of the stack; for strings, which of them.
type pyState struct {
	kind    pyKind
	quote   byte // ' or "
	triple  bool
	fstring bool
	escapes bool // the stringescape rule comes first (not raw)
	braces  bool // {{ and }} are escapes (f-strings)
}

type pyLexer struct {
	code  string
	pos   int
	stack []pyState
	ts    tokenList
}

func (p *pyLexer) emit(t chroma.TokenType, n int) {
	p.ts.add(t, p.code[p.pos:p.pos+n])
	p.pos += n
}

func (p *pyLexer) push(s pyState) { p.stack = append(p.stack, s) }
func (p *pyLexer) pop()           { p.stack = p.stack[:len(p.stack)-1] }

// pyIdent matches `[_\p{L}][_\p{L}\p{N}]*`.
func pyIdent(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	if s == "" || r != '_' && !unicode.IsLetter(r) {
		return 0
	}
	return size + runWhile(s[size:], func(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) })
}

var (
	pyKeywords     = wordSet("nonlocal continue finally except lambda assert global return raise yield while break await async pass else elif with try for del as if match case")
	pyExprKeywords = wordSet("lambda yield await else for if")
	pyConstants    = wordSet("False True None")
	pyOperatorWord = wordSet("in is and or not")
)

func (p *pyLexer) root() bool {
	code, pos := p.code, p.pos
	rest := code[pos:]
	c := rest[0]
	switch {
	case c == '\n':
		p.emit(chroma.Text, 1)
		return true
	case pos == 0 && strings.HasPrefix(rest, "#!") && lineEnd(rest) > 2: // `\A#!.+$`
		p.emit(chroma.CommentHashbang, lineEnd(rest))
		return true
	case c == '#': // `#.*$`
		p.emit(chroma.CommentSingle, lineEnd(rest))
		return true
	case c == '\\': // `\\\n`, `\\`
		if strings.HasPrefix(rest, "\\\n") {
			p.emit(chroma.Text, 2)
		} else {
			p.emit(chroma.Text, 1)
		}
		return true
	}
	// keywords: `(yield from|nonlocal|...|case)\b`, `(False|True|None)\b`;
	// but for "yield from" the words are whole \w words.
	w := rest[:wordRun(rest)]
	if strings.HasPrefix(rest, "yield from") && wordBoundary(code, pos+10) {
		p.emit(chroma.Keyword, 10)
		return true
	}
	if pyKeywords[w] {
		p.emit(chroma.Keyword, len(w))
		return true
	}
	if pyConstants[w] {
		p.emit(chroma.KeywordConstant, len(w))
		return true
	}
	// `(def)((?:\s|\\\s)+)` and its kind, each pushing a state.
	for _, d := range [...]struct {
		word string
		t    chroma.TokenType
		next pyKind
	}{{"def", chroma.Keyword, pyFuncName}, {"class", chroma.Keyword, pyClassName}, {"from", chroma.KeywordNamespace, pyFromImport}, {"import", chroma.KeywordNamespace, pyImport}} {
		if !strings.HasPrefix(rest, d.word) {
			continue
		}
		n := len(d.word)
		for {
			r, size := utf8.DecodeRuneInString(rest[n:])
			if n < len(rest) && isSpaceRune(r) {
				n += size
				continue
			}
			if r2, size2 := utf8.DecodeRuneInString(rest[min(n+1, len(rest)):]); r == '\\' && n+1 < len(rest) && isSpaceRune(r2) {
				n += 1 + size2
				continue
			}
			break
		}
		if n > len(d.word) {
			p.emit(d.t, len(d.word))
			p.emit(chroma.Text, n-len(d.word))
			p.push(pyState{kind: d.next})
			return true
		}
	}
	return p.expr()
}

// expr tries the rules of the lexer's expr state.
func (p *pyLexer) expr() bool {
	code, pos := p.code, p.pos
	rest := code[pos:]
	c := rest[0]
	if p.stringStart() {
		return true
	}
	// `[^\S\n]+`
	if n := runWhile(rest, func(r rune) bool { return r != '\n' && isSpaceRune(r) }); n > 0 {
		p.emit(chroma.Text, n)
		return true
	}
	if n, t := pyNumber(rest); n > 0 {
		p.emit(t, n)
		return true
	}
	// `!=|==|<<|>>|:=|[-~+/*%=<>&^|.]`
	for _, op := range [...]string{"!=", "==", "<<", ">>", ":="} {
		if strings.HasPrefix(rest, op) {
			p.emit(chroma.Operator, 2)
			return true
		}
	}
	if strings.IndexByte("-~+/*%=<>&^|.", c) >= 0 {
		p.emit(chroma.Operator, 1)
		return true
	}
	if strings.IndexByte("[]{}:(),;", c) >= 0 {
		p.emit(chroma.Punctuation, 1)
		return true
	}
	w := rest[:wordRun(rest)]
	switch {
	case pyOperatorWord[w]:
		p.emit(chroma.OperatorWord, len(w))
		return true
	case strings.HasPrefix(rest, "yield from") && wordBoundary(code, pos+10):
		p.emit(chroma.Keyword, 10)
		return true
	case strings.HasPrefix(rest, "async for") && wordBoundary(code, pos+9):
		p.emit(chroma.Keyword, 9)
		return true
	case pyExprKeywords[w]:
		p.emit(chroma.Keyword, len(w))
		return true
	case pyConstants[w]:
		p.emit(chroma.KeywordConstant, len(w))
		return true
	}
	if pos == 0 || code[pos-1] != '.' { // `(?<!\.)`
		switch {
		case pyBuiltins[w]:
			p.emit(chroma.NameBuiltin, len(w))
			return true
		case pyPseudo[w]:
			p.emit(chroma.NameBuiltinPseudo, len(w))
			return true
		case pyExceptions[w]:
			p.emit(chroma.NameException, len(w))
			return true
		}
	}
	if pyMagicFuncs[w] {
		p.emit(chroma.NameFunctionMagic, len(w))
		return true
	}
	if pyMagicVars[w] {
		p.emit(chroma.NameVariableMagic, len(w))
		return true
	}
	if c == '@' {
		// `@[_\p{L}][_\p{L}\p{N}]*(\s*\.\s*[_\p{L}][_\p{L}\p{N}]*)*`, else `@`
		n := pyIdent(rest[1:])
		if n == 0 {
			p.emit(chroma.Operator, 1)
			return true
		}
		n++
		for {
			i := n + spaceRun(rest[n:])
			if !strings.HasPrefix(rest[i:], ".") {
				break
			}
			i++
			i += spaceRun(rest[i:])
			m := pyIdent(rest[i:])
			if m == 0 {
				break
			}
			n = i + m
		}
		p.emit(chroma.NameDecorator, n)
		return true
	}
	if n := pyIdent(rest); n > 0 {
		p.emit(chroma.Name, n)
		return true
	}
	return false
}

// stringStart matches the rules that open strings: a prefix, in the
// order of the lexer's rules (rf, f, rb, u/b, case-insensitive where
// chroma says so), and one or three quotes.
func (p *pyLexer) stringStart() bool {
	rest := p.code[p.pos:]
	lower := func(i int) byte {
		if i < len(rest) {
			return rest[i] | 0x20
		}
		return 0
	}
	// quote returns the quote at i and whether it is tripled, or 0.
	quote := func(i int) (byte, bool) {
		if i >= len(rest) || rest[i] != '"' && rest[i] != '\'' {
			return 0, false
		}
		q := rest[i]
		return q, strings.HasPrefix(rest[i:], strings.Repeat(string(q), 3))
	}
	var prefix int
	var st pyState
	a, b := lower(0), lower(1)
	switch {
	case (a == 'r' && b == 'f' || a == 'f' && b == 'r') && rest[2:] != "" && (rest[2] == '"' || rest[2] == '\''):
		prefix, st = 2, pyState{fstring: true, braces: true}
	case a == 'f' && (rest[0] == 'f' || rest[0] == 'F') && len(rest) > 1 && (rest[1] == '"' || rest[1] == '\''):
		prefix, st = 1, pyState{fstring: true, braces: true, escapes: true}
	case (a == 'r' && b == 'b' || a == 'b' && b == 'r') && len(rest) > 2 && (rest[2] == '"' || rest[2] == '\''):
		prefix, st = 2, pyState{}
	case a == 'r' && len(rest) > 1 && (rest[1] == '"' || rest[1] == '\''):
		prefix, st = 1, pyState{}
	case strings.IndexByte("uUbB", rest[0]) >= 0 && len(rest) > 1 && (rest[1] == '"' || rest[1] == '\''):
		prefix, st = 1, pyState{escapes: true}
	case rest[0] == '"' || rest[0] == '\'':
		prefix, st = 0, pyState{escapes: true}
	default:
		return false
	}
	q, triple := quote(prefix)
	st.kind, st.quote, st.triple = pyString, q, triple
	n := 1
	if triple {
		n = 3
	}
	t := chroma.LiteralStringDouble
	if q == '\'' {
		t = chroma.LiteralStringSingle
	}
	p.emit(chroma.LiteralStringAffix, prefix)
	p.emit(t, n)
	p.push(st)
	return true
}

// pyNumber tries the rules of the lexer's numbers state.
func pyNumber(s string) (int, chroma.TokenType) {
	// digits matches `\d(?:_?\d)*` at the start of s.
	digits := func(s string) int {
		n := digitRun(s)
		if n == 0 {
			return 0
		}
		for {
			if strings.HasPrefix(s[n:], "_") {
				if d := digitRun(s[n+1:]); d > 0 {
					n += 1 + d
					continue
				}
				return n
			}
			if d := digitRun(s[n:]); d > 0 {
				n += d
				continue
			}
			return n
		}
	}
	exponent := func(s string) int {
		if s == "" || s[0] != 'e' && s[0] != 'E' {
			return 0
		}
		i := 1
		if len(s) > 1 && (s[1] == '+' || s[1] == '-') {
			i = 2
		}
		if d := digits(s[i:]); d > 0 {
			return i + d
		}
		return 0
	}
	d := digits(s)
	// `(\d(?:_?\d)*\.(?:\d(?:_?\d)*)?|(?:\d(?:_?\d)*)?\.\d(?:_?\d)*)([eE][+-]?\d(?:_?\d)*)?`
	end := 0
	if d > 0 && strings.HasPrefix(s[d:], ".") {
		end = d + 1 + digits(s[d+1:])
	} else if d == 0 && strings.HasPrefix(s, ".") {
		if f := digits(s[1:]); f > 0 {
			end = 1 + f
		}
	}
	if end > 0 {
		return end + exponent(s[end:]), chroma.LiteralNumberFloat
	}
	if d == 0 {
		return 0, chroma.None
	}
	// `\d(?:_?\d)*[eE][+-]?\d(?:_?\d)*j?`
	if e := exponent(s[d:]); e > 0 {
		n := d + e
		if strings.HasPrefix(s[n:], "j") {
			n++
		}
		return n, chroma.LiteralNumberFloat
	}
	// `0[oO](?:_?[0-7])+`, `0[bB](?:_?[01])+`, `0[xX](?:_?[a-fA-F0-9])+`
	if s[0] == '0' && len(s) > 1 {
		for _, k := range [...]struct {
			letter byte
			in     func(byte) bool
			t      chroma.TokenType
		}{
			{'o', func(c byte) bool { return '0' <= c && c <= '7' }, chroma.LiteralNumberOct},
			{'b', func(c byte) bool { return c == '0' || c == '1' }, chroma.LiteralNumberBin},
			{'x', func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f' }, chroma.LiteralNumberHex},
		} {
			if s[1]|0x20 != k.letter {
				continue
			}
			n := 2
			for {
				if n < len(s) && k.in(s[n]) {
					n++
				} else if n+1 < len(s) && s[n] == '_' && k.in(s[n+1]) {
					n += 2
				} else {
					break
				}
			}
			if n > 2 {
				return n, k.t
			}
		}
	}
	return d, chroma.LiteralNumberInteger // `\d(?:_?\d)*`
}

func (p *pyLexer) funcName() bool {
	rest := p.code[p.pos:]
	w := rest[:wordRun(rest)]
	if pyMagicFuncs[w] {
		p.emit(chroma.NameFunctionMagic, len(w))
		return true
	}
	if n := pyIdent(rest); n > 0 {
		p.emit(chroma.NameFunction, n)
	}
	p.pop()
	return true
}

func (p *pyLexer) importName() bool {
	rest := p.code[p.pos:]
	// `(\s+)(as)(\s+)`
	if sp := spaceRun(rest); sp > 0 && strings.HasPrefix(rest[sp:], "as") {
		if sp2 := spaceRun(rest[sp+2:]); sp2 > 0 {
			p.emit(chroma.Text, sp)
			p.emit(chroma.Keyword, 2)
			p.emit(chroma.Text, sp2)
			return true
		}
	}
	if strings.HasPrefix(rest, ".") {
		p.emit(chroma.NameNamespace, 1)
		return true
	}
	if n := pyIdent(rest); n > 0 {
		p.emit(chroma.NameNamespace, n)
		return true
	}
	// `(\s*)(,)(\s*)`
	if sp := spaceRun(rest); strings.HasPrefix(rest[sp:], ",") {
		p.emit(chroma.Text, sp)
		p.emit(chroma.Operator, 1)
		p.emit(chroma.Text, spaceRun(p.code[p.pos:]))
		return true
	}
	p.pop()
	return true
}

func (p *pyLexer) fromImport() bool {
	code, pos := p.code, p.pos
	rest := code[pos:]
	// `(\s+)(import)\b`
	if sp := spaceRun(rest); sp > 0 && strings.HasPrefix(rest[sp:], "import") && wordBoundary(code, pos+sp+6) {
		p.emit(chroma.Text, sp)
		p.emit(chroma.KeywordNamespace, 6)
		p.pop()
		return true
	}
	if strings.HasPrefix(rest, ".") {
		p.emit(chroma.NameNamespace, 1)
		return true
	}
	if strings.HasPrefix(rest, "None") && wordBoundary(code, pos+4) {
		p.emit(chroma.NameBuiltinPseudo, 4)
		p.pop()
		return true
	}
	if n := pyIdent(rest); n > 0 {
		p.emit(chroma.NameNamespace, n)
		return true
	}
	p.pop()
	return true
}

// str tries the rules of a string state, in the order chroma combines
// them: {{ and }} (f-strings), the escapes (not raw), the closing quote,
// the escapes of raw strings, the body, and line ends (triple quotes).
func (p *pyLexer) str(st pyState) bool {
	rest := p.code[p.pos:]
	c := rest[0]
	t := chroma.LiteralStringDouble
	if st.quote == '\'' {
		t = chroma.LiteralStringSingle
	}
	if st.braces && (strings.HasPrefix(rest, "{{") || strings.HasPrefix(rest, "}}")) {
		p.emit(chroma.LiteralStringEscape, 2)
		return true
	}
	if st.escapes && c == '\\' {
		if n := pyEscape(rest); n > 0 {
			p.emit(chroma.LiteralStringEscape, n)
			return true
		}
	}
	if st.triple && strings.HasPrefix(rest, strings.Repeat(string(st.quote), 3)) {
		p.emit(t, 3)
		p.pop()
		return true
	}
	if !st.triple && c == st.quote {
		p.emit(t, 1)
		p.pop()
		return true
	}
	if !st.triple && c == '\\' && len(rest) > 1 && (rest[1] == '\\' || rest[1] == st.quote || rest[1] == '\n') {
		p.emit(chroma.LiteralStringEscape, 2)
		return true
	}
	if st.fstring {
		switch {
		case c == '}':
			p.emit(chroma.LiteralStringInterpol, 1)
			return true
		case c == '{':
			p.emit(chroma.LiteralStringInterpol, 1)
			p.push(pyState{kind: pyFExpr})
			return true
		}
		if n := runWhile(rest, func(r rune) bool { return !strings.ContainsRune("\\'\"{}\n", r) }); n > 0 {
			p.emit(t, n)
			return true
		}
	} else {
		if c == '%' {
			if n := pyPercentFormat(rest); n > 0 {
				p.emit(chroma.LiteralStringInterpol, n)
				return true
			}
		}
		if c == '{' {
			if n := pyBraceFormat(rest); n > 0 {
				p.emit(chroma.LiteralStringInterpol, n)
				return true
			}
		}
		if n := runWhile(rest, func(r rune) bool { return !strings.ContainsRune("\\'\"%{\n", r) }); n > 0 {
			p.emit(t, n)
			return true
		}
	}
	if c == '\'' || c == '"' || c == '\\' {
		p.emit(t, 1)
		return true
	}
	if !st.fstring {
		// `%|(\{{1,2})`
		if c == '%' {
			p.emit(t, 1)
			return true
		}
		if c == '{' {
			n := 1
			if strings.HasPrefix(rest, "{{") {
				n = 2
			}
			p.emit(t, n)
			return true
		}
	}
	if st.triple && c == '\n' {
		p.emit(t, 1)
		return true
	}
	return false
}

// pyEscape matches
// `\\([\\abfnrtv"\']|\n|N\{.*?\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})`.
func pyEscape(s string) int {
	if len(s) < 2 {
		return 0
	}
	hex := func(n int) bool {
		if len(s) < 2+n {
			return false
		}
		for _, c := range []byte(s[2 : 2+n]) {
			if !('0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f') {
				return false
			}
		}
		return true
	}
	switch c := s[1]; {
	case strings.IndexByte("\\abfnrtv\"'\n", c) >= 0:
		return 2
	case c == 'N' && strings.HasPrefix(s[2:], "{"):
		if e := strings.IndexByte(s[3:lineEnd(s)], '}'); e >= 0 {
			return 3 + e + 1
		}
	case c == 'u' && hex(4):
		return 6
	case c == 'U' && hex(8):
		return 10
	case c == 'x' && hex(2):
		return 4
	}
	if n := runWhile(s[1:min(len(s), 4)], func(r rune) bool { return '0' <= r && r <= '7' }); n > 0 {
		return 1 + n
	}
	return 0
}

// pyPercentFormat matches
// `%(\(\w+\))?[-#0 +]*([0-9]+|[*])?(\.([0-9]+|[*]))?[hlL]?[E-GXc-giorsaux%]`;
// the optional parts cannot give back what the last class needs, so the
// greedy reading is the only one.
func pyPercentFormat(s string) int {
	i := 1
	if strings.HasPrefix(s[i:], "(") {
		if w := wordRun(s[i+1:]); w > 0 && strings.HasPrefix(s[i+1+w:], ")") {
			i += w + 2
		}
	}
	i += runWhile(s[i:], func(r rune) bool { return strings.ContainsRune("-#0 +", r) })
	numOrStar := func(i int) int {
		if strings.HasPrefix(s[i:], "*") {
			return 1
		}
		return runWhile(s[i:], func(r rune) bool { return '0' <= r && r <= '9' })
	}
	i += numOrStar(i)
	if strings.HasPrefix(s[i:], ".") {
		if n := numOrStar(i + 1); n > 0 {
			i += 1 + n
		}
	}
	if i < len(s) && strings.IndexByte("hlL", s[i]) >= 0 {
		i++
	}
	if i < len(s) && strings.IndexByte("EFGXcdefgiorsaux%", s[i]) >= 0 {
		return i + 1
	}
	return 0
}

// pyBraceFormat matches
// `\{((\w+)((\.\w+)|(\[[^\]]+\]))*)?(\![sra])?(\:(.?[<>=\^])?[-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?)?\}`;
// as with pyPercentFormat, only the greedy reading can match.
func pyBraceFormat(s string) int {
	i := 1
	if w := wordRun(s[i:]); w > 0 {
		i += w
		for {
			if strings.HasPrefix(s[i:], ".") {
				if w := wordRun(s[i+1:]); w > 0 {
					i += 1 + w
					continue
				}
			}
			if strings.HasPrefix(s[i:], "[") {
				if e := strings.IndexByte(s[i+1:], ']'); e > 0 {
					i += 1 + e + 1
					continue
				}
			}
			break
		}
	}
	if strings.HasPrefix(s[i:], "!") && i+1 < len(s) && strings.IndexByte("sra", s[i+1]) >= 0 {
		i += 2
	}
	if strings.HasPrefix(s[i:], ":") {
		i++
		align := func(j int) bool { return j < len(s) && strings.IndexByte("<>=^", s[j]) >= 0 }
		if r, size := utf8.DecodeRuneInString(s[i:]); i < len(s) && r != '\n' && align(i+size) {
			i += size + 1
		} else if align(i) {
			i++
		}
		if i < len(s) && strings.IndexByte("-+ ", s[i]) >= 0 {
			i++
		}
		if strings.HasPrefix(s[i:], "#") {
			i++
		}
		if strings.HasPrefix(s[i:], "0") {
			i++
		}
		i += digitRun(s[i:])
		if strings.HasPrefix(s[i:], ",") {
			i++
		}
		if strings.HasPrefix(s[i:], ".") {
			if d := digitRun(s[i+1:]); d > 0 {
				i += 1 + d
			}
		}
		if i < len(s) && strings.IndexByte("EFGXbcdefgnosx%", s[i]) >= 0 {
			i++
		}
	}
	if strings.HasPrefix(s[i:], "}") {
		return i + 1
	}
	return 0
}

// fexpr tries the rules of the states inside an f-string's braces.
func (p *pyLexer) fexpr(kind pyKind) bool {
	rest := p.code[p.pos:]
	c := rest[0]
	if c == '{' || c == '(' || c == '[' {
		p.emit(chroma.Punctuation, 1)
		p.push(pyState{kind: pyFExprInner})
		return true
	}
	if kind == pyFExprInner {
		if c == ']' || c == ')' || c == '}' {
			p.emit(chroma.Punctuation, 1)
			p.pop()
			return true
		}
	} else {
		// `(=\s*)?(\![sraf])?\}` and the same with `:`.
		for _, end := range [...]byte{'}', ':'} {
			i := 0
			if c == '=' {
				i = 1 + spaceRun(rest[1:])
			}
			if strings.HasPrefix(rest[i:], "!") && i+1 < len(rest) && strings.IndexByte("sraf", rest[i+1]) >= 0 {
				i += 2
			}
			if i < len(rest) && rest[i] == end {
				p.emit(chroma.LiteralStringInterpol, i+1)
				p.pop()
				return true
			}
		}
	}
	if n := spaceRun(rest); n > 0 {
		p.emit(chroma.Text, n)
		return true
	}
	return p.expr()
}

var (
	// `(?<!\.)(staticmethod|...)\b`
	pyBuiltins = wordSet("staticmethod classmethod memoryview __import__ issubclass isinstance frozenset bytearray enumerate" +
		" reversed property compile complex delattr hasattr setattr globals getattr divmod filter locals" +
		" format object sorted slice print bytes range input tuple round super float eval list dict repr type" +
		" vars hash next bool open iter oct pow min zip max map bin len set any dir all abs str sum chr int" +
		" hex ord id")
	pyPseudo = wordSet("self Ellipsis NotImplemented cls")
	// `(?<!\.)(PendingDeprecationWarning|...)\b`
	pyExceptions = wordSet("PendingDeprecationWarning ConnectionAbortedError ConnectionRefusedError UnicodeTranslateError" +
		" ConnectionResetError ModuleNotFoundError NotImplementedError FloatingPointError StopAsyncIteration" +
		" UnicodeDecodeError DeprecationWarning UnicodeEncodeError NotADirectoryError ProcessLookupError" +
		" ZeroDivisionError IsADirectoryError FileNotFoundError UnboundLocalError KeyboardInterrupt" +
		" ChildProcessError EnvironmentError IndentationError InterruptedError BlockingIOError ArithmeticError" +
		" ConnectionError BrokenPipeError FileExistsError ResourceWarning PermissionError RuntimeWarning" +
		" ReferenceError AttributeError AssertionError UnicodeWarning RecursionError StopIteration" +
		" BaseException OverflowError SyntaxWarning FutureWarning GeneratorExit ImportWarning UnicodeError" +
		" TimeoutError WindowsError RuntimeError BytesWarning SystemError UserWarning MemoryError ImportError" +
		" LookupError BufferError SyntaxError SystemExit ValueError IndexError NameError Exception TypeError" +
		" TabError EOFError KeyError VMSError Warning OSError IOError")
	// `(__instancecheck__|...)\b`
	pyMagicFuncs = wordSet("__instancecheck__ __subclasscheck__ __getattribute__ __length_hint__ __rfloordiv__ __ifloordiv__" +
		" __itruediv__ __contains__ __floordiv__ __rtruediv__ __reversed__ __setitem__ __complex__ __rdivmod__" +
		" __delattr__ __rmatmul__ __ilshift__ __prepare__ __delitem__ __rrshift__ __imatmul__ __rlshift__" +
		" __setattr__ __truediv__ __getitem__ __missing__ __getattr__ __irshift__ __rshift__ __format__" +
		" __invert__ __matmul__ __divmod__ __delete__ __aenter__ __lshift__ __await__ __bytes__ __anext__" +
		" __aiter__ __aexit__ __round__ __float__ __enter__ __index__ __iadd__ __ipow__ __rpow__ __iter__" +
		" __init__ __ixor__ __rmul__ __rmod__ __imul__ __imod__ __iand__ __hash__ __rsub__ __exit__ __rxor__" +
		" __bool__ __call__ __rand__ __next__ __radd__ __isub__ __repr__ __set__ __add__ __new__ __neg__" +
		" __xor__ __and__ __mul__ __mod__ __sub__ __len__ __str__ __ror__ __ior__ __pos__ __del__ __get__" +
		" __dir__ __abs__ __int__ __pow__ __eq__ __gt__ __le__ __lt__ __ne__ __or__ __ge__")
	// `(__annotations__|...)\b`
	pyMagicVars = wordSet("__annotations__ __kwdefaults__ __qualname__ __objclass__ __defaults__ __closure__ __globals__" +
		" __weakref__ __module__ __class__ __bases__ __slots__ __file__ __code__ __name__ __func__ __dict__" +
		" __self__ __mro__ __doc__")
)
