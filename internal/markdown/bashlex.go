package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// lexBash splits shell code into the tokens of chroma's Bash lexer (the
// fences bash, sh, shell, zsh and ksh), coalesced. It keeps the lexer's
// stack of states (double-quoted strings, $( ), $(( )), backquotes and
// ${ }) and, where no rule of a state matches (a lone ' or a backslash at
// the end), marks one rune as an error as chroma does. ok is false for
// code it leaves to chroma: see scannable.
func lexBash(code string) (tokens []chroma.Token, ok bool) {
	if !scannable(code) {
		return nil, false
	}
	var ts tokenList
	bashInto(&ts, code)
	return ts, true
}

// The states of the Bash lexer besides root.
const (
	bashRoot = iota
	bashString
	bashParen
	bashMath
	bashBackticks
	bashCurly
)

// bashInto adds the tokens of code, lexed from the root state as a text
// of its own (as chroma lexes a group it hands to the Bash lexer).
func bashInto(ts *tokenList, code string) {
	stack := []int{bashRoot}
	push := func(s int) { stack = append(stack, s) }
	pop := func() { stack = stack[:len(stack)-1] }
	for pos := 0; pos < len(code); {
		rest := code[pos:]
		c := rest[0]
		switch stack[len(stack)-1] {
		case bashString:
			if c == '"' {
				ts.add(chroma.LiteralStringDouble, `"`)
				pop()
				pos++
				continue
			}
			// `(?s)(\\\\|\\[0-7]+|\\.|[^"\\$])+`
			if n := bashQuoted(rest, '"', true); n > 0 {
				ts.add(chroma.LiteralStringDouble, rest[:n])
				pos += n
				continue
			}
			if n, st := bashInterp(ts, rest); n > 0 {
				if st != bashRoot {
					push(st)
				}
				pos += n
				continue
			}
			// A backslash at the very end: no rule matches it.
			pos += ts.errorRune(rest)
			continue
		case bashParen:
			if c == ')' {
				ts.add(chroma.Keyword, ")")
				pop()
				pos++
				continue
			}
		case bashMath:
			if strings.HasPrefix(rest, "))") {
				ts.add(chroma.Keyword, "))")
				pop()
				pos += 2
				continue
			}
			if strings.IndexByte("-+*/%^|&", c) >= 0 {
				ts.add(chroma.Operator, rest[:1])
				pos++
				continue
			}
			// `\d+#\d+`, `\d+#(?! )`, `\d+`
			if d := digitRun(rest); d > 0 {
				n := d
				if strings.HasPrefix(rest[d:], "#") {
					if e := digitRun(rest[d+1:]); e > 0 {
						n = d + 1 + e
					} else if !strings.HasPrefix(rest[d+1:], " ") {
						n = d + 1
					}
				}
				ts.add(chroma.LiteralNumber, rest[:n])
				pos += n
				continue
			}
		case bashBackticks:
			if c == '`' {
				ts.add(chroma.LiteralStringBacktick, "`")
				pop()
				pos++
				continue
			}
		case bashCurly:
			switch {
			case c == '}':
				ts.add(chroma.LiteralStringInterpol, "}")
				pop()
				pos++
				continue
			case strings.HasPrefix(rest, ":-"):
				ts.add(chroma.Keyword, ":-")
				pos += 2
				continue
			}
			if n := wordRun(rest); n > 0 {
				ts.add(chroma.NameVariable, rest[:n])
				pos += n
				continue
			}
			if n := runWhile(rest, func(r rune) bool { return !strings.ContainsRune("}:\"'`$\\", r) }); n > 0 {
				ts.add(chroma.Punctuation, rest[:n])
				pos += n
				continue
			}
			if c == ':' {
				ts.add(chroma.Punctuation, ":")
				pos++
				continue
			}
		}
		n, st := bashRootRule(ts, code, pos)
		if n == 0 {
			// Every state takes white space, so this is never a line end,
			// where chroma would start again from the root.
			pos += ts.errorRune(rest)
			continue
		}
		if st != bashRoot {
			push(st)
		}
		pos += n
	}
}

var (
	bashKeywords = wordSet("if fi else while do done for then return function case select continue until esac elif")
	bashBuiltins = wordSet("alias bg bind break builtin caller cd command compgen complete declare dirs disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let local logout popd printf pushd pwd read readonly set shift shopt source suspend test time times trap true type typeset ulimit umask unalias unset wait")
)

// bashRootRule tries the rules of the root state (basic, a backquote,
// data, interp) at pos, adds the tokens of the first that matches and
// returns its length, 0 for none, and the state it pushes (bashRoot for
// none).
func bashRootRule(ts *tokenList, code string, pos int) (int, int) {
	rest := code[pos:]
	c := rest[0]
	r, _ := utf8.DecodeRuneInString(rest)
	if isWordRune(r) && !wordBefore(code, pos) {
		w := rest[:wordRun(rest)]
		after := rest[len(w):]
		// `\b(if|fi|...|elif)(\s*)\b`: the keyword is the whole word (a
		// shorter one has a letter after it), and the white space after
		// it is taken only when a word follows it.
		if bashKeywords[w] {
			sp := spaceRun(after)
			if sp > 0 && !wordAt(after, sp) {
				sp = 0
			}
			ts.add(chroma.Keyword, w)
			ts.add(chroma.Text, after[:sp])
			return len(w) + sp, bashRoot
		}
		// `\b(alias|...|wait)(?=[\s)`])`
		if bashBuiltins[w] && after != "" {
			if r2, _ := utf8.DecodeRuneInString(after); isSpaceRune(r2) || r2 == ')' || r2 == '`' {
				ts.add(chroma.NameBuiltin, w)
				return len(w), bashRoot
			}
		}
	}
	// `\A#!.+\n`
	if pos == 0 && strings.HasPrefix(rest, "#!") {
		if e := lineEnd(rest); e > 2 && e < len(rest) {
			ts.add(chroma.CommentPreproc, rest[:e+1])
			return e + 1, bashRoot
		}
	}
	switch {
	case c == '#': // `#.*(\S|$)`
		n := lineEnd(rest)
		ts.add(chroma.CommentSingle, rest[:n])
		return n, bashRoot
	case c == '\\': // `\\[\w\W]`
		if len(rest) > 1 {
			_, s2 := utf8.DecodeRuneInString(rest[1:])
			ts.add(chroma.LiteralStringEscape, rest[:1+s2])
			return 1 + s2, bashRoot
		}
	}
	// `(\b\w+)(\s*)(\+?=)`
	if isWordRune(r) && !wordBefore(code, pos) {
		w := wordRun(rest)
		sp := spaceRun(rest[w:])
		op, n := rest[w+sp:], 0
		if strings.HasPrefix(op, "+=") {
			n = 2
		} else if strings.HasPrefix(op, "=") {
			n = 1
		}
		if n > 0 {
			ts.add(chroma.NameVariable, rest[:w])
			ts.add(chroma.Text, rest[w:w+sp])
			ts.add(chroma.Operator, op[:n])
			return w + sp + n, bashRoot
		}
	}
	switch {
	case strings.IndexByte("[]{}()=", c) >= 0:
		ts.add(chroma.Operator, rest[:1])
		return 1, bashRoot
	case strings.HasPrefix(rest, "<<<"):
		ts.add(chroma.Operator, "<<<")
		return 3, bashRoot
	case strings.HasPrefix(rest, "<<"):
		if n := bashHeredoc(rest); n > 0 {
			ts.add(chroma.LiteralString, rest[:n])
			return n, bashRoot
		}
	case strings.HasPrefix(rest, "&&") || strings.HasPrefix(rest, "||"):
		ts.add(chroma.Operator, rest[:2])
		return 2, bashRoot
	case c == '`':
		ts.add(chroma.LiteralStringBacktick, "`")
		return 1, bashBackticks
	}
	// data
	switch {
	case c == '"' || strings.HasPrefix(rest, `$"`):
		// `(?s)\$?"(\\\\|\\[0-7]+|\\.|[^"\\$])*"`, else `"` and the string
		// state.
		q := 0
		if c == '$' {
			q = 1
		}
		if n := bashQuoted(rest[q+1:], '"', true); q+1+n < len(rest) && rest[q+1+n] == '"' {
			ts.add(chroma.LiteralStringDouble, rest[:q+1+n+1])
			return q + 1 + n + 1, bashRoot
		}
		if c == '"' {
			ts.add(chroma.LiteralStringDouble, `"`)
			return 1, bashString
		}
	case strings.HasPrefix(rest, "$'"):
		// `(?s)\$'(\\\\|\\[0-7]+|\\.|[^'\\])*'`
		if n := bashQuoted(rest[2:], '\'', false); 2+n < len(rest) && rest[2+n] == '\'' {
			ts.add(chroma.LiteralStringSingle, rest[:2+n+1])
			return 2 + n + 1, bashRoot
		}
	case c == '\'':
		// `(?s)'.*?'`
		if e := strings.IndexByte(rest[1:], '\''); e >= 0 {
			ts.add(chroma.LiteralStringSingle, rest[:e+2])
			return e + 2, bashRoot
		}
		return 0, bashRoot
	case c == ';' || c == '&' || c == '|':
		ts.add(chroma.Punctuation, rest[:1])
		return 1, bashRoot
	}
	if isSpaceRune(r) { // `\s+`
		n := spaceRun(rest)
		ts.add(chroma.Text, rest[:n])
		return n, bashRoot
	}
	// `\d+(?= |$)`
	if d := digitRun(rest); d > 0 && (d == len(rest) || rest[d] == ' ' || rest[d] == '\n') {
		ts.add(chroma.LiteralNumber, rest[:d])
		return d, bashRoot
	}
	// `[^=\s\[\]{}()$"\'`\\<&|;]+`
	if n := runWhile(rest, bashPlain); n > 0 {
		ts.add(chroma.Text, rest[:n])
		return n, bashRoot
	}
	if c == '<' {
		ts.add(chroma.Text, "<")
		return 1, bashRoot
	}
	if n, st := bashInterp(ts, rest); n > 0 {
		return n, st
	}
	return 0, bashRoot
}

func bashPlain(r rune) bool {
	return !isSpaceRune(r) && !strings.ContainsRune("=[]{}()$\"'`\\<&|;", r)
}

// bashInterp matches the rules of the lexer's interp state at the start
// of s, adds their tokens and returns the length and the state pushed.
func bashInterp(ts *tokenList, s string) (int, int) {
	if s[0] != '$' {
		return 0, bashRoot
	}
	switch {
	case strings.HasPrefix(s, "$(("):
		ts.add(chroma.Keyword, "$((")
		return 3, bashMath
	case strings.HasPrefix(s, "$("):
		ts.add(chroma.Keyword, "$(")
		return 2, bashParen
	case strings.HasPrefix(s, "${#"):
		ts.add(chroma.LiteralStringInterpol, "${#")
		return 3, bashCurly
	case strings.HasPrefix(s, "${"):
		ts.add(chroma.LiteralStringInterpol, "${")
		return 2, bashCurly
	}
	rest := s[1:]
	// `\$[a-zA-Z_]\w*`
	if rest != "" && (rest[0] == '_' || 'a' <= rest[0] && rest[0] <= 'z' || 'A' <= rest[0] && rest[0] <= 'Z') {
		n := 1 + wordRun(rest)
		ts.add(chroma.NameVariable, s[:n])
		return n, bashRoot
	}
	// `\$(?:\d+|[#$?!_*@-])`
	if d := digitRun(rest); d > 0 {
		ts.add(chroma.NameVariable, s[:1+d])
		return 1 + d, bashRoot
	}
	if rest != "" && strings.IndexByte("#$?!_*@-", rest[0]) >= 0 {
		ts.add(chroma.NameVariable, s[:2])
		return 2, bashRoot
	}
	ts.add(chroma.Text, "$")
	return 1, bashRoot
}

// bashQuoted returns the length of the run at the start of s of
// `(\\\\|\\[0-7]+|\\.|[^q\\$])` (dollar says whether a dollar sign ends
// it too), with the dot matching line ends: each backslash takes the rune
// after it, and the run stops at q, a dollar sign or a backslash at the
// end.
func bashQuoted(s string, q byte, dollar bool) int {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '\\':
			if i+1 >= len(s) {
				return i
			}
			_, size := utf8.DecodeRuneInString(s[i+1:])
			i += 1 + size
		case c == q || dollar && c == '$':
			return i
		default:
			i++
		}
	}
	return len(s)
}

// bashHeredoc matches `<<-?\s*(\'?)\\?(\w+)[\w\W]+?\2` at the start of s:
// the word, then at least one rune, then the word again. When the word
// does not come again, the expression gives back its runes one at a time
// from the end and looks for the shorter word. It returns the length or 0.
func bashHeredoc(s string) int {
	i := 2
	if strings.HasPrefix(s[i:], "-") {
		i++
	}
	i += spaceRun(s[i:])
	if strings.HasPrefix(s[i:], "'") {
		i++
	}
	if strings.HasPrefix(s[i:], `\`) {
		i++
	}
	w := wordRun(s[i:])
	for w > 0 {
		word := s[i : i+w]
		body := i + w
		if body < len(s) {
			_, size := utf8.DecodeRuneInString(s[body:])
			if k := strings.Index(s[body+size:], word); k >= 0 {
				return body + size + k + w
			}
		}
		_, last := utf8.DecodeLastRuneInString(word)
		w -= last
	}
	return 0
}
