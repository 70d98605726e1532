package importer

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Docusaurus site is configured in JavaScript or TypeScript
// (docusaurus.config.ts, sidebars.ts). The import does not run it: it
// reads the literal values (strings, numbers, booleans, and objects and
// arrays of them) and marks everything else, a function, a variable, an
// expression, as computed, with the text and line it was written at, so
// the import can say what it could not carry.

type jsKind int

const (
	jsComputed jsKind = iota
	jsString
	jsNumber
	jsBool
	jsNull
	jsObject
	jsArray
)

// jsValue is one value of a config file.
type jsValue struct {
	kind jsKind
	str  string // a string's value, a number's or a boolean's text
	line int
	src  string // the text it was written as

	keys []string // an object's keys, in order
	obj  map[string]*jsValue
	arr  []*jsValue
}

// get walks object keys; nil when a key is missing or a value on the way
// is not an object.
func (v *jsValue) get(path ...string) *jsValue {
	for _, k := range path {
		if v == nil || v.kind != jsObject {
			return nil
		}
		v = v.obj[k]
	}
	return v
}

// text is a string value, or "" (ok false) for anything else.
func (v *jsValue) text() (string, bool) {
	if v == nil || v.kind != jsString {
		return "", false
	}
	return v.str, true
}

func (v *jsValue) boolean() (b, ok bool) {
	if v == nil || v.kind != jsBool {
		return false, false
	}
	return v.str == "true", true
}

func (v *jsValue) number() (int, bool) {
	if v == nil || v.kind != jsNumber {
		return 0, false
	}
	n, err := strconv.Atoi(v.str)
	return n, err == nil
}

// computed reports a value the import cannot read.
func (v *jsValue) computed() bool { return v != nil && v.kind == jsComputed }

// firstLine is the first line of the value's text, shortened, for notes.
func (v *jsValue) firstLine() string {
	s, _, _ := strings.Cut(strings.TrimSpace(v.src), "\n")
	return clipLine(s)
}

type jsToken struct {
	kind byte // 'i' identifier, 's' string, 't' template, 'n' number, 'p' punctuation
	text string
	val  string // a string's value; a template without ${} is a string
	line int
	pos  int // byte offset of the token in the file
	end  int
}

// jsTokens splits a file into tokens, dropping comments and spaces.
func jsTokens(src string) []jsToken {
	var toks []jsToken
	line := 1
	i := 0
	prevSignificant := func() *jsToken {
		if len(toks) == 0 {
			return nil
		}
		return &toks[len(toks)-1]
	}
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				end = len(src) - i - 2
			}
			line += strings.Count(src[i:i+2+end], "\n")
			i += end + 4
		case c == '"' || c == '\'':
			start, startLine := i, line
			var sb strings.Builder
			i++
			for i < len(src) && src[i] != c && src[i] != '\n' {
				if src[i] == '\\' && i+1 < len(src) {
					i++
					switch src[i] {
					case 'n':
						sb.WriteByte('\n')
					case 't':
						sb.WriteByte('\t')
					default:
						sb.WriteByte(src[i])
					}
					i++
					continue
				}
				sb.WriteByte(src[i])
				i++
			}
			i++
			toks = append(toks, jsToken{kind: 's', text: src[start:min(i, len(src))], val: sb.String(), line: startLine, pos: start, end: min(i, len(src))})
		case c == '`':
			start, startLine := i, line
			plain := true
			depth := 0
			i++
			for i < len(src) {
				if src[i] == '\\' {
					i += 2
					continue
				}
				if src[i] == '\n' {
					line++
				}
				if depth == 0 && src[i] == '`' {
					break
				}
				if strings.HasPrefix(src[i:], "${") {
					plain = false
					depth++
					i += 2
					continue
				}
				if depth > 0 && src[i] == '}' {
					depth--
				}
				i++
			}
			i++
			text := src[start:min(i, len(src))]
			tok := jsToken{kind: 't', text: text, line: startLine, pos: start, end: min(i, len(src))}
			if plain {
				tok.kind, tok.val = 's', strings.TrimSuffix(strings.TrimPrefix(text, "`"), "`")
			}
			toks = append(toks, tok)
		case c == '/' && regexAllowed(prevSignificant()):
			start := i
			i++
			inClass := false
			for i < len(src) && src[i] != '\n' {
				if src[i] == '\\' {
					i += 2
					continue
				}
				if src[i] == '[' {
					inClass = true
				} else if src[i] == ']' {
					inClass = false
				} else if src[i] == '/' && !inClass {
					break
				}
				i++
			}
			i++
			for i < len(src) && isIdentByte(src[i]) {
				i++
			}
			toks = append(toks, jsToken{kind: 'n', text: src[start:min(i, len(src))], line: line, pos: start, end: min(i, len(src))})
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			start := i
			for i < len(src) && (isIdentByte(src[i]) || src[i] == '.') {
				i++
			}
			toks = append(toks, jsToken{kind: 'n', text: src[start:i], line: line, pos: start, end: i})
		case isIdentStart(src[i:]):
			start := i
			for i < len(src) {
				r, n := utf8.DecodeRuneInString(src[i:])
				if !(r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
					break
				}
				i += n
			}
			toks = append(toks, jsToken{kind: 'i', text: src[start:i], line: line, pos: start, end: i})
		default:
			n := 1
			for _, op := range []string{"...", "=>", "?.", "??", "===", "!==", "==", "!=", "&&", "||"} {
				if strings.HasPrefix(src[i:], op) {
					n = len(op)
					break
				}
			}
			if n == 1 && c >= utf8.RuneSelf {
				_, n = utf8.DecodeRuneInString(src[i:])
			}
			toks = append(toks, jsToken{kind: 'p', text: src[i : i+n], line: line, pos: i, end: i + n})
			i += n
		}
	}
	return toks
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isIdentStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || r == '$' || unicode.IsLetter(r)
}

// regexAllowed reports whether a "/" after tok starts a regular
// expression rather than dividing.
func regexAllowed(tok *jsToken) bool {
	if tok == nil {
		return true
	}
	switch tok.kind {
	case 'p':
		return tok.text != ")" && tok.text != "]" && tok.text != "}"
	case 'i':
		return tok.text == "return" || tok.text == "typeof"
	}
	return false
}

// jsParser reads values from tokens.
type jsParser struct {
	src  string
	toks []jsToken
	pos  int
}

func (p *jsParser) peek(off int) *jsToken {
	if p.pos+off < len(p.toks) {
		return &p.toks[p.pos+off]
	}
	return nil
}

func (p *jsParser) is(off int, text string) bool {
	t := p.peek(off)
	return t != nil && t.kind != 's' && t.text == text
}

// value reads one value up to the "," or closing bracket after it.
func (p *jsParser) value() *jsValue {
	start := p.peek(0)
	if start == nil {
		return &jsValue{kind: jsComputed}
	}
	var v *jsValue
	switch {
	case start.kind == 'p' && start.text == "{":
		v = p.object()
	case start.kind == 'p' && start.text == "[":
		v = p.array()
	case start.kind == 'p' && start.text == "(":
		// A value in parentheses, as in ({ … }) after a type comment.
		save := p.pos
		p.pos++
		v = p.value()
		if p.is(0, ")") {
			p.pos++
		} else {
			p.pos = save
			v = &jsValue{kind: jsComputed}
		}
	case start.kind == 's':
		p.pos++
		v = &jsValue{kind: jsString, str: start.val}
	case start.kind == 'n' && isNumber(start.text):
		p.pos++
		v = &jsValue{kind: jsNumber, str: start.text}
	case start.kind == 'i' && start.text == "require" && p.is(1, ".") && p.peek(2) != nil && p.peek(2).text == "resolve" &&
		p.is(3, "(") && p.peek(4) != nil && p.peek(4).kind == 's' && p.is(5, ")"):
		// require.resolve("./sidebars.js") names a file, which is all
		// the import wants of it.
		v = &jsValue{kind: jsString, str: p.peek(4).val}
		p.pos += 6
	case start.kind == 'i' && (start.text == "true" || start.text == "false"):
		p.pos++
		v = &jsValue{kind: jsBool, str: start.text}
	case start.kind == 'i' && (start.text == "null" || start.text == "undefined"):
		p.pos++
		v = &jsValue{kind: jsNull}
	default:
		v = &jsValue{kind: jsComputed}
	}
	// What follows a literal decides: a "," or a closing bracket ends it,
	// anything else ("+ x", "? a : b", "as const") makes it an expression.
	// TypeScript's "as const" and "satisfies T" keep it a literal.
	if p.is(0, "as") || p.is(0, "satisfies") {
		p.skipExpression() // the type
	}
	if v.kind == jsComputed || !p.atEnd() {
		v = &jsValue{kind: jsComputed}
		p.skipExpression()
	}
	v.line = start.line
	end := p.pos - 1
	if end >= 0 && end < len(p.toks) && p.toks[end].end >= start.pos {
		v.src = p.src[start.pos:p.toks[end].end]
	}
	return v
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// atEnd reports a "," or closing bracket, or the end of the tokens.
func (p *jsParser) atEnd() bool {
	t := p.peek(0)
	return t == nil || t.kind == 'p' && (t.text == "," || t.text == "}" || t.text == "]" || t.text == ")" || t.text == ";")
}

// skipExpression moves past tokens up to the "," or closing bracket
// that ends the current value, over balanced brackets.
func (p *jsParser) skipExpression() {
	depth := 0
	for t := p.peek(0); t != nil; t = p.peek(0) {
		if t.kind == 'p' {
			switch t.text {
			case "{", "[", "(":
				depth++
			case "}", "]", ")":
				if depth == 0 {
					return
				}
				depth--
			case ",", ";":
				if depth == 0 {
					return
				}
			}
		}
		p.pos++
	}
}

func (p *jsParser) object() *jsValue {
	v := &jsValue{kind: jsObject, obj: map[string]*jsValue{}}
	p.pos++ // {
	for {
		t := p.peek(0)
		if t == nil {
			return &jsValue{kind: jsComputed}
		}
		if p.is(0, "}") {
			p.pos++
			return v
		}
		if p.is(0, ",") {
			p.pos++
			continue
		}
		if p.is(0, "...") { // a spread: something computed comes in
			p.pos++
			spread := p.value()
			v.keys = append(v.keys, "...")
			v.obj["..."] = spread
			continue
		}
		var key string
		switch {
		case t.kind == 'i' || t.kind == 'n':
			key = t.text
		case t.kind == 's':
			key = t.val
		case p.is(0, "["): // a computed key
			p.skipBalanced()
			p.skipExpressionAfterKey()
			continue
		default:
			return &jsValue{kind: jsComputed}
		}
		p.pos++
		// A method ("createRedirects(path) { … }", "async f() {}") is
		// computed; so is a shorthand property ("{ config }").
		for (key == "async" || key == "get" || key == "set") && p.peek(0) != nil && p.peek(0).kind == 'i' {
			key = p.peek(0).text
			p.pos++
		}
		switch {
		case p.is(0, ":"):
			p.pos++
			val := p.value()
			v.add(key, val)
		case p.is(0, "("):
			startTok := p.peek(0)
			p.skipBalanced()
			for p.peek(0) != nil && !p.is(0, "{") && !p.atEnd() {
				p.pos++ // a return type
			}
			if p.is(0, "{") {
				p.skipBalanced()
			}
			val := &jsValue{kind: jsComputed, line: t.line, src: p.src[t.pos:p.toks[p.pos-1].end]}
			_ = startTok
			v.add(key, val)
		case p.is(0, ",") || p.is(0, "}"):
			v.add(key, &jsValue{kind: jsComputed, line: t.line, src: t.text})
		default:
			return &jsValue{kind: jsComputed}
		}
	}
}

func (v *jsValue) add(key string, val *jsValue) {
	if _, ok := v.obj[key]; !ok {
		v.keys = append(v.keys, key)
	}
	v.obj[key] = val
}

// skipExpressionAfterKey skips ": value" after a computed key.
func (p *jsParser) skipExpressionAfterKey() {
	if p.is(0, ":") {
		p.pos++
		p.value()
	}
}

// skipBalanced moves past one bracketed group starting at the current
// token.
func (p *jsParser) skipBalanced() {
	depth := 0
	for t := p.peek(0); t != nil; t = p.peek(0) {
		p.pos++
		if t.kind != 'p' {
			continue
		}
		switch t.text {
		case "{", "[", "(":
			depth++
		case "}", "]", ")":
			depth--
			if depth <= 0 {
				return
			}
		}
	}
}

func (p *jsParser) array() *jsValue {
	v := &jsValue{kind: jsArray}
	p.pos++ // [
	for {
		if p.peek(0) == nil {
			return &jsValue{kind: jsComputed}
		}
		if p.is(0, "]") {
			p.pos++
			return v
		}
		if p.is(0, ",") {
			p.pos++
			continue
		}
		if p.is(0, "...") {
			p.pos++
			el := p.value()
			el.kind = jsComputed
			v.arr = append(v.arr, el)
			continue
		}
		el := p.value()
		if p.peek(0) != nil && !p.is(0, ",") && !p.is(0, "]") {
			return &jsValue{kind: jsComputed}
		}
		v.arr = append(v.arr, el)
	}
}

// readJSConfig finds the config object of a file: of the object literals
// in it, the one with most keys among those with any of want (a
// Docusaurus config has url, title and presets; a sidebars file has its
// sidebars). nil when there is none.
func readJSConfig(src string, want ...string) *jsValue {
	toks := jsTokens(src)
	var best *jsValue
	for i, t := range toks {
		if t.kind != 'p' || t.text != "{" {
			continue
		}
		// An object literal, not a block or an import list: after "=",
		// "(", "return", "default", ":" or ",".
		if i > 0 {
			prev := toks[i-1]
			if !(prev.kind == 'p' && (prev.text == "=" || prev.text == "(" || prev.text == ":" || prev.text == ",") ||
				prev.kind == 'i' && (prev.text == "return" || prev.text == "default")) {
				continue
			}
		}
		p := &jsParser{src: src, toks: toks, pos: i}
		v := p.object()
		if v.kind != jsObject {
			continue
		}
		v.line = t.line
		has := false
		for _, k := range want {
			if v.obj[k] != nil {
				has = true
			}
		}
		if has && (best == nil || len(v.keys) > len(best.keys)) {
			best = v
		}
	}
	return best
}
