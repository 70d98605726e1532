package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// lexDockerfile splits a Dockerfile into the tokens of chroma's Docker
// lexer, coalesced. The lexer's rules are case-insensitive keywords, each
// with parts that chroma hands to its Bash lexer (and, for the [...] of
// CMD and its kind, to its JSON lexer), and a last rule that hands whole
// lines, with their backslash continuations, to Bash. No rule matches a
// line end there, so chroma marks the line ends between instructions as
// errors, and so does lexDockerfile. ok is false for code it leaves to
// chroma: see scannable, a letter outside ASCII whose case folds to one
// inside (chroma's case-insensitive keywords could match it), and a JSON
// string that does not end.
func lexDockerfile(code string) (tokens []chroma.Token, ok bool) {
	if !scannable(code) {
		return nil, false
	}
	for _, r := range code {
		if r >= utf8.RuneSelf && (unicode.ToLower(r) < utf8.RuneSelf || unicode.ToUpper(r) < utf8.RuneSelf) {
			return nil, false
		}
	}
	var ts tokenList
	for pos := 0; pos < len(code); {
		rest := code[pos:]
		if rest[0] == '#' { // `#.*`
			n := lineEnd(rest)
			ts.add(chroma.Comment, rest[:n])
			pos += n
			continue
		}
		if n, ok := dockerInstruction(&ts, code, pos); !ok {
			return nil, false
		} else if n > 0 {
			pos += n
			continue
		}
		// `(.*\\\n)*.+`: lines that end in a backslash, then one more that
		// is not empty; if it is, the last of them.
		end, last := pos, -1
		for {
			e := end + lineEnd(code[end:])
			if e > end && code[e-1] == '\\' && e < len(code) {
				last, end = e, e+1
				continue
			}
			if e > end {
				end = e
			} else if last >= 0 {
				end = last
			}
			break
		}
		if end == pos {
			// A line end, which no rule matches.
			pos += ts.errorRune(rest)
			continue
		}
		bashInto(&ts, code[pos:end])
		pos = end
	}
	return ts, true
}

// dockerInstruction tries the lexer's keyword rules at pos, in their
// order, adds the tokens of the first that matches and returns its length,
// 0 for none. ok is false where chroma's JSON lexer gets a string that
// does not end.
func dockerInstruction(ts *tokenList, code string, pos int) (n int, ok bool) {
	rest := code[pos:]
	keyword := func(words ...string) string {
		for _, w := range words {
			if len(rest) >= len(w) && asciiEqualFold(rest[:len(w)], w) {
				return rest[:len(w)]
			}
		}
		return ""
	}
	// `(ONBUILD)((?:\s*\\?\s*))`
	if k := keyword("ONBUILD"); k != "" {
		g := len(k) + dockerSpace(rest[len(k):])
		ts.add(chroma.Keyword, k)
		bashInto(ts, rest[len(k):g])
		return g, true
	}
	// `(HEALTHCHECK)((?:(?:\s*\\?\s*)--\w+=\w+(?:\s*\\?\s*))*)`
	if k := keyword("HEALTHCHECK"); k != "" {
		g := len(k) + dockerSettings(rest[len(k):], true)
		ts.add(chroma.Keyword, k)
		bashInto(ts, rest[len(k):g])
		return g, true
	}
	// `(VOLUME|ENTRYPOINT|CMD|SHELL)((?:\s*\\?\s*))(\[.*?\])`
	if k := keyword("VOLUME", "ENTRYPOINT", "CMD", "SHELL"); k != "" {
		g := len(k) + dockerSpace(rest[len(k):])
		if strings.HasPrefix(rest[g:], "[") {
			if e := strings.IndexByte(rest[g:g+lineEnd(rest[g:])], ']'); e >= 0 {
				ts.add(chroma.Keyword, k)
				bashInto(ts, rest[len(k):g])
				if !jsonInto(ts, rest[g:g+e+1]) {
					return 0, false
				}
				return g + e + 1, true
			}
		}
	}
	// `(LABEL|ENV|ARG)((?:(?:\s*\\?\s*)\w+=\w+(?:\s*\\?\s*))*)`
	if k := keyword("LABEL", "ENV", "ARG"); k != "" {
		g := len(k) + dockerSettings(rest[len(k):], false)
		ts.add(chroma.Keyword, k)
		bashInto(ts, rest[len(k):g])
		return g, true
	}
	// `((?:FROM|MAINTAINER|EXPOSE|WORKDIR|USER|STOPSIGNAL)|VOLUME)\b(\s)([\S]*)\b(?:(\s)(AS)\b(\s)([\S]*))?\b`
	if k := keyword("FROM", "MAINTAINER", "EXPOSE", "WORKDIR", "USER", "STOPSIGNAL", "VOLUME"); k != "" && !wordAt(code, pos+len(k)) {
		if sp := leadingSpace(rest[len(k):]); sp > 0 {
			start := pos + len(k) + sp
			if e := lastBoundary(code, start, start+runWhile(code[start:], notSpace)); e >= 0 {
				ts.add(chroma.Keyword, k)
				ts.add(chroma.TextWhitespace, rest[len(k):len(k)+sp])
				ts.add(chroma.LiteralString, code[start:e])
				// The AS part, when it is there whole.
				if sp1 := leadingSpace(code[e:]); sp1 > 0 {
					as := e + sp1
					if len(code) >= as+2 && asciiEqualFold(code[as:as+2], "AS") && !wordAt(code, as+2) {
						if sp2 := leadingSpace(code[as+2:]); sp2 > 0 {
							name := as + 2 + sp2
							if e2 := lastBoundary(code, name, name+runWhile(code[name:], notSpace)); e2 >= 0 {
								ts.add(chroma.TextWhitespace, code[e:as])
								ts.add(chroma.Keyword, code[as:as+2])
								ts.add(chroma.TextWhitespace, code[as+2:name])
								ts.add(chroma.LiteralString, code[name:e2])
								return e2 - pos, true
							}
						}
					}
				}
				return e - pos, true
			}
		}
	}
	// `((?:RUN|CMD|ENTRYPOINT|ENV|ARG|LABEL|ADD|COPY))`
	if k := keyword("RUN", "CMD", "ENTRYPOINT", "ENV", "ARG", "LABEL", "ADD", "COPY"); k != "" {
		ts.add(chroma.Keyword, k)
		return len(k), true
	}
	return 0, true
}

// asciiEqualFold compares s with an upper-case ASCII word, ignoring case.
func asciiEqualFold(s, upper string) bool {
	for i := range len(upper) {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != upper[i] {
			return false
		}
	}
	return true
}

// leadingSpace returns the length of the white-space rune at the start of
// s, or 0: what `(\s)` matches.
func leadingSpace(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	if s != "" && isSpaceRune(r) {
		return size
	}
	return 0
}

// lastBoundary returns the last position from end back to start (rune by
// rune) where \b matches in code, or -1: where `([\S]*)\b` ends.
func lastBoundary(code string, start, end int) int {
	for p := end; p >= start; {
		if wordBoundary(code, p) {
			return p
		}
		if p == start {
			break
		}
		_, size := utf8.DecodeLastRuneInString(code[start:p])
		p -= size
	}
	return -1
}

// dockerSpace matches `\s*\\?\s*` at the start of s.
func dockerSpace(s string) int {
	n := spaceRun(s)
	if strings.HasPrefix(s[n:], `\`) {
		n++
		n += spaceRun(s[n:])
	}
	return n
}

// dockerSettings matches `(?:(?:\s*\\?\s*)--\w+=\w+(?:\s*\\?\s*))*`
// (`--` only when dashes is true) at the start of s: as many settings as
// follow one another.
func dockerSettings(s string, dashes bool) int {
	n := 0
	for {
		i := n + dockerSpace(s[n:])
		if dashes {
			if !strings.HasPrefix(s[i:], "--") {
				return n
			}
			i += 2
		}
		k := wordRun(s[i:])
		if k == 0 || !strings.HasPrefix(s[i+k:], "=") {
			return n
		}
		i += k + 1
		v := wordRun(s[i:])
		if v == 0 {
			return n
		}
		i += v
		n = i + dockerSpace(s[i:])
	}
}
