package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// lexYAML splits YAML into the tokens of chroma's YAML lexer, coalesced.
// The lexer has one state whose rules end in `.`, so every position but a
// line end matches one, and line ends are white space: it never marks an
// error. ok is false for code lexYAML leaves to chroma: see scannable, a
// quoted string that does not end (chroma's expression backtracks into its
// escapes) and a line starting with %include.
func lexYAML(code string) (tokens []chroma.Token, ok bool) {
	if !scannable(code) || strings.HasPrefix(code, "%include") || strings.Contains(code, "\n%include") {
		return nil, false
	}
	var ts tokenList
	for pos := 0; pos < len(code); {
		rest := code[pos:]
		c := rest[0]
		n, t := 0, chroma.None
		switch {
		case isSpaceStart(rest): // `\s+`
			n, t = spaceRun(rest), chroma.TextWhitespace
		case atLineStart(code, pos) && (strings.HasPrefix(rest, "---") || strings.HasPrefix(rest, "...")):
			n, t = 3, chroma.NameNamespace
		case c == '?' || c == '-': // `[\n?]?\s*- `
			i := 0
			if c == '?' {
				i = 1 + spaceRun(rest[1:])
			}
			if strings.HasPrefix(rest[i:], "- ") {
				n, t = i+2, chroma.Text
			}
		}
		if n == 0 {
			switch {
			case c == '#' || strings.HasPrefix(rest, "//"): // `#.*$`, `//.*$`
				n, t = lineEnd(rest), chroma.Comment
			case strings.HasPrefix(rest, "!!"): // `!![^\s]+`
				if m := runWhile(rest[2:], notSpace); m > 0 {
					n, t = 2+m, chroma.CommentPreproc
				}
			case c == '&' || c == '*': // `&[^\s]+`, `\*[^\s]+`
				if m := runWhile(rest[1:], notSpace); m > 0 {
					n, t = 1+m, chroma.CommentPreproc
				}
			}
		}
		if n == 0 {
			if m := yamlKey(&ts, rest); m > 0 {
				pos += m
				continue
			}
			var bad bool
			if n, bad = yamlValue(&ts, code, pos); bad {
				return nil, false
			}
			if n > 0 {
				pos += n
				continue
			}
		}
		if n == 0 && strings.IndexByte("?:,[]", c) >= 0 {
			n, t = 1, chroma.Punctuation
		}
		if n == 0 { // `.`
			pos += ts.runeAs(chroma.Text, rest)
			continue
		}
		ts.add(t, rest[:n])
		pos += n
	}
	return ts, true
}

func notSpace(r rune) bool { return !isSpaceRune(r) }

func isSpaceStart(s string) bool { return spaceRun(s) > 0 }

// yamlKey matches the rules of the lexer's key state at the start of s
// and adds their tokens; it returns the length matched, 0 for none. The rule `(-)( )(...)(:)( )` is left out: the
// root state's `[\n?]?\s*- ` takes every "- " before it.
func yamlKey(ts *tokenList, s string) int {
	line := s[:lineEnd(s)]
	// `"[^"\n#].*": `: up to the last `": ` of the line.
	if len(line) > 1 && line[0] == '"' && line[1] != '"' && line[1] != '#' {
		if q := strings.LastIndex(line[2:], `": `); q >= 0 {
			ts.add(chroma.NameTag, s[:2+q+3])
			return 2 + q + 3
		}
	}
	// `((?:(?!//)[^"\n{#])*?)(:)( )`, then the same with `(\n)`: the
	// shortest run of those characters followed by the colon.
	for _, end := range [...]byte{' ', '\n'} {
		for i := 0; i < len(s); i++ {
			if s[i] == ':' && i+1 < len(s) && s[i+1] == end {
				ts.add(chroma.NameTag, s[:i])
				ts.add(chroma.Punctuation, ":")
				ts.add(chroma.TextWhitespace, s[i+1:i+2])
				return i + 2
			}
			if c := s[i]; c == '"' || c == '\n' || c == '{' || c == '#' || strings.HasPrefix(s[i:], "//") {
				break
			}
		}
	}
	return 0
}

// yamlValue matches the rules of the lexer's value state at pos, adds
// their tokens and returns the length matched, 0 for none. bad is true for
// a quoted string that does not end.
func yamlValue(ts *tokenList, code string, pos int) (n int, bad bool) {
	s := code[pos:]
	c := s[0]
	// `([>|](?:[+-])?)(\n(^ {1,})(?:(?:.*\n*(?:^\3 *).*)+|.*))`: a block
	// scalar, its first line and every line after it, past empty ones,
	// that is indented at least as much.
	if c == '>' || c == '|' {
		i := 1
		if len(s) > 1 && (s[1] == '+' || s[1] == '-') {
			i = 2
		}
		if strings.HasPrefix(s[i:], "\n ") {
			body := i + 1
			indent := s[body : body+runWhile(s[body:], func(r rune) bool { return r == ' ' })]
			end := body + lineEnd(s[body:])
			for {
				k := end + runWhile(s[end:], func(r rune) bool { return r == '\n' })
				if k == end || !strings.HasPrefix(s[k:], indent) {
					break
				}
				end = k + lineEnd(s[k:])
			}
			ts.add(chroma.Punctuation, s[:i])
			ts.add(chroma.LiteralStringDoc, s[i:end])
			return end, false
		}
	}
	// `(false|False|...|Y|y)\b`: the alternatives are words, so the one
	// that matches is the whole word at pos.
	if w := s[:wordRun(s)]; yamlConstants[w] {
		ts.add(chroma.KeywordConstant, w)
		return len(w), false
	}
	// `"(?:\\.|[^"])*"`, `'(?:\\.|[^'])*'`
	if c == '"' || c == '\'' {
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				if i+1 < len(s) && s[i+1] != '\n' {
					i++
				}
			case c:
				t := chroma.LiteralStringDouble
				if c == '\'' {
					t = chroma.LiteralStringSingle
				}
				ts.add(t, s[:i+1])
				return i + 1, false
			}
		}
		return 0, true
	}
	if m := yamlDate(s); m > 0 {
		ts.add(chroma.LiteralDate, s[:m])
		return m, false
	}
	if m := yamlNumber(code, pos); m > 0 {
		ts.add(chroma.LiteralNumber, s[:m])
		return m, false
	}
	if strings.IndexByte("{}[]?,:!-*&@", c) >= 0 {
		return 0, false
	}
	// `([^...].*)( )+(#.*)` and `([^...].*)( )+(//.*)`: the literal runs
	// to the last space before a comment's start, later ones first.
	line := s[:lineEnd(s)]
	for _, mark := range [...]string{"#", "//"} {
		for q := len(line) - len(mark); q >= 2; q-- {
			if line[q-1] == ' ' && strings.HasPrefix(line[q:], mark) {
				ts.add(chroma.Literal, line[:q-1])
				ts.add(chroma.TextWhitespace, " ")
				ts.add(chroma.Comment, line[q:])
				return len(line), false
			}
		}
	}
	// `[^...].*`
	ts.add(chroma.Literal, line)
	return len(line), false
}

var yamlConstants = wordSet("false False FALSE true True TRUE null Off off yes Yes YES OFF On ON no No on NO n N Y y")

// yamlDate matches `\d\d\d\d-\d\d-\d\d([T ]\d\d:\d\d:\d\d(\.\d+)?(Z|\s+[-+]\d+)?)?`.
func yamlDate(s string) int {
	// digits matches n digits at i and returns the position after them,
	// or -1.
	digits := func(i, n int) int {
		for ; n > 0; n-- {
			if i >= len(s) {
				return -1
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isDigitRune(r) {
				return -1
			}
			i += size
		}
		return i
	}
	lit := func(i int, c byte) int {
		if i >= 0 && i < len(s) && s[i] == c {
			return i + 1
		}
		return -1
	}
	i := digits(0, 4)
	if i = lit(i, '-'); i < 0 {
		return 0
	}
	if i = digits(i, 2); i < 0 {
		return 0
	}
	if i = lit(i, '-'); i < 0 {
		return 0
	}
	if i = digits(i, 2); i < 0 {
		return 0
	}
	if i >= len(s) || s[i] != 'T' && s[i] != ' ' {
		return i
	}
	j := digits(i+1, 2)
	if j = lit(j, ':'); j < 0 {
		return i
	}
	if j = digits(j, 2); j < 0 {
		return i
	}
	if j = lit(j, ':'); j < 0 {
		return i
	}
	if j = digits(j, 2); j < 0 {
		return i
	}
	if strings.HasPrefix(s[j:], ".") {
		if d := digitRun(s[j+1:]); d > 0 {
			j += 1 + d
		}
	}
	if strings.HasPrefix(s[j:], "Z") {
		return j + 1
	}
	if w := spaceRun(s[j:]); w > 0 && j+w < len(s) && (s[j+w] == '-' || s[j+w] == '+') {
		if d := digitRun(s[j+w+1:]); d > 0 {
			return j + w + 1 + d
		}
	}
	return j
}

// yamlNumber matches
// `\b[+\-]?(0x[\da-f]+|0o[0-7]+|(\d+\.?\d*|\.?\d+)(e[\+\-]?\d+)?|\.inf|\.nan)\b`
// at pos, trying the ends the expression can reach in the order it
// backtracks to them, and returns the length or 0.
func yamlNumber(code string, pos int) int {
	if !wordBoundary(code, pos) {
		return 0
	}
	s := code[pos:]
	i := 0
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		i = 1
	}
	ends := func(e int) bool { return wordBoundary(code, pos+e) }
	// exponent matches `e[\+\-]?\d+` at j and returns its length or 0.
	exponent := func(j int) int {
		if j >= len(s) || s[j] != 'e' {
			return 0
		}
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if d := digitRun(s[k:]); d > 0 {
			return k + d - j
		}
		return 0
	}
	rest := s[i:]
	if strings.HasPrefix(rest, "0x") {
		if h := runWhile(rest[2:], func(r rune) bool { return isDigitRune(r) || 'a' <= r && r <= 'f' }); h > 0 && ends(i+2+h) {
			return i + 2 + h
		}
	}
	if strings.HasPrefix(rest, "0o") {
		if o := runWhile(rest[2:], func(r rune) bool { return '0' <= r && r <= '7' }); o > 0 && ends(i+2+o) {
			return i + 2 + o
		}
	}
	var cands []int
	if d1 := digitRun(rest); d1 > 0 {
		// `\d+\.?\d*`, with the dot, then without it.
		j := i + d1
		if j < len(s) && s[j] == '.' {
			d2 := digitRun(s[j+1:])
			k := j + 1 + d2
			if e := exponent(k); e > 0 {
				cands = append(cands, k+e)
			}
			cands = append(cands, k)
			if d2 > 0 {
				cands = append(cands, j+1)
			}
		}
		if e := exponent(j); e > 0 {
			cands = append(cands, j+e)
		}
		cands = append(cands, j)
	} else if strings.HasPrefix(rest, ".") {
		// `\.?\d+`
		if d := digitRun(rest[1:]); d > 0 {
			k := i + 1 + d
			if e := exponent(k); e > 0 {
				cands = append(cands, k+e)
			}
			cands = append(cands, k)
		}
	}
	if strings.HasPrefix(rest, ".inf") || strings.HasPrefix(rest, ".nan") {
		cands = append(cands, i+4)
	}
	for _, e := range cands {
		if ends(e) {
			return e
		}
	}
	return 0
}
