package markdown

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// lexJSON splits JSON into the tokens of chroma's JSON lexer, coalesced.
// The lexer's states are a stack of objects, arrays and attributes; where
// no rule of a state matches, chroma marks one rune as an error and goes
// on, and so does lexJSON. ok is false for code it leaves to chroma: see
// scannable, and a string that does not end (chroma's expression then
// backtracks into its escapes).
func lexJSON(code string) (tokens []chroma.Token, ok bool) {
	if !scannable(code) {
		return nil, false
	}
	var ts tokenList
	if !jsonInto(&ts, code) {
		return nil, false
	}
	return ts, true
}

// jsonInto adds the tokens of code, lexed from the root state as a text of
// its own (as chroma lexes a group it hands to the JSON lexer). It returns
// false for a string that does not end.
func jsonInto(ts *tokenList, code string) bool {
	const (
		root = iota
		object
		attribute
		array
	)
	stack := []int{root}
	for pos := 0; pos < len(code); {
		state := stack[len(stack)-1]
		rest := code[pos:]
		// The rules a state includes, in their order: objects take only
		// white space, comments, a key and their end; the others values
		// (white space, simple values, comments, { and [) first.
		n, t := 0, chroma.None
		if s := spaceRun(rest); s > 0 {
			n, t = s, chroma.Text
		}
		if n == 0 && state != object {
			var bad bool
			if n, t, bad = jsonSimpleValue(code, pos); bad {
				return false
			}
		}
		if n == 0 && strings.HasPrefix(rest, "//") {
			if end := strings.IndexByte(rest, '\n'); end >= 0 {
				n, t = end+1, chroma.CommentSingle
			}
		}
		if n == 0 {
			c := rest[0]
			switch {
			case state != object && c == '{':
				ts.add(chroma.Punctuation, "{")
				stack = append(stack, object)
				pos++
				continue
			case state != object && c == '[':
				ts.add(chroma.Punctuation, "[")
				stack = append(stack, array)
				pos++
				continue
			case state == object && c == '"':
				m := goString(rest)
				if m < 0 {
					return false
				}
				ts.add(chroma.NameTag, rest[:m])
				stack = append(stack, attribute)
				pos += m
				continue
			case state == object && c == '}':
				ts.add(chroma.Punctuation, "}")
				stack = stack[:len(stack)-1]
				pos++
				continue
			case state == attribute && c == ':':
				n, t = 1, chroma.Punctuation
			case state == attribute && c == ',':
				ts.add(chroma.Punctuation, ",")
				stack = stack[:len(stack)-1]
				pos++
				continue
			case state == attribute && c == '}':
				ts.add(chroma.Punctuation, "}")
				stack = stack[:len(stack)-2]
				pos++
				continue
			case state == array && c == ',':
				n, t = 1, chroma.Punctuation
			case state == array && c == ']':
				ts.add(chroma.Punctuation, "]")
				stack = stack[:len(stack)-1]
				pos++
				continue
			}
		}
		if n == 0 {
			// Every state takes white space, so this is never a line end,
			// where chroma would start again from the root.
			pos += ts.errorRune(rest)
			continue
		}
		ts.add(t, rest[:n])
		pos += n
	}
	return true
}

// jsonSimpleValue matches the rules of the lexer's simplevalue state at
// pos: constants, numbers and strings. bad is true for a string that does
// not end.
func jsonSimpleValue(code string, pos int) (n int, t chroma.TokenType, bad bool) {
	rest := code[pos:]
	// `(true|false|null)\b`
	for _, w := range [...]string{"true", "false", "null"} {
		if strings.HasPrefix(rest, w) && wordBoundary(code, pos+len(w)) {
			return len(w), chroma.KeywordConstant, false
		}
	}
	// `-?(0|[1-9]\d*)` and, for floats, one of `\.\d+[eE](\+|-)?\d+`,
	// `[eE](\+|-)?\d+` and `\.\d+` after it.
	i := 0
	if strings.HasPrefix(rest, "-") {
		i = 1
	}
	switch {
	case i < len(rest) && rest[i] == '0':
		i++
	case i < len(rest) && '1' <= rest[i] && rest[i] <= '9':
		i++
		i += digitRun(rest[i:])
	default:
		if strings.HasPrefix(rest, `"`) {
			if m := goString(rest); m > 0 {
				return m, chroma.LiteralStringDouble, false
			}
			return 0, chroma.None, true
		}
		return 0, chroma.None, false
	}
	exponent := func(s string) int {
		if len(s) == 0 || s[0] != 'e' && s[0] != 'E' {
			return 0
		}
		j := 1
		if len(s) > 1 && (s[1] == '+' || s[1] == '-') {
			j = 2
		}
		if d := digitRun(s[j:]); d > 0 {
			return j + d
		}
		return 0
	}
	if strings.HasPrefix(rest[i:], ".") {
		if d := digitRun(rest[i+1:]); d > 0 {
			if e := exponent(rest[i+1+d:]); e > 0 {
				return i + 1 + d + e, chroma.LiteralNumberFloat, false
			}
		}
	}
	if e := exponent(rest[i:]); e > 0 {
		return i + e, chroma.LiteralNumberFloat, false
	}
	if strings.HasPrefix(rest[i:], ".") {
		if d := digitRun(rest[i+1:]); d > 0 {
			return i + 1 + d, chroma.LiteralNumberFloat, false
		}
	}
	return i, chroma.LiteralNumberInteger, false
}
