package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// lexConsole splits a shell session (the fences console, shell-session
// and bash-session) into the tokens of chroma's Bash Session lexer,
// coalesced: a line that starts with a prompt is the prompt, white space
// and the rest of the line lexed as Bash (as a text of its own, as chroma
// hands it to its Bash lexer); any other line is output, and an empty
// line an error. Like chroma, it adds a line end to code that does not
// end with one. ok is false for code it leaves to chroma: see scannable.
func lexConsole(code string) (tokens []chroma.Token, ok bool) {
	if !scannable(code) {
		return nil, false
	}
	if code == "" {
		return nil, true
	}
	if !strings.HasSuffix(code, "\n") {
		code += "\n"
	}
	var ts tokenList
	for pos := 0; pos < len(code); {
		rest := code[pos:]
		// `^((?:\[[^]]+@[^]]+\]\s?)?[#$%>])(\s*)(.*\n?)`
		if p := consolePrompt(rest); p > 0 {
			sp := spaceRun(rest[p:])
			line := p + sp + lineEnd(rest[p+sp:])
			if line < len(rest) {
				line++
			}
			ts.add(chroma.GenericPrompt, rest[:p])
			ts.add(chroma.Text, rest[p:p+sp])
			bashInto(&ts, rest[p+sp:line])
			pos += line
			continue
		}
		// `^.+\n?`
		if n := lineEnd(rest); n > 0 {
			if n < len(rest) {
				n++
			}
			ts.add(chroma.GenericOutput, rest[:n])
			pos += n
			continue
		}
		// An empty line: no rule matches its line end, and chroma, in its
		// root state already, marks it as an error.
		pos += ts.errorRune(rest)
	}
	return ts, true
}

// consolePrompt returns the length of `(?:\[[^]]+@[^]]+\]\s?)?[#$%>]` at
// the start of s, or 0.
func consolePrompt(s string) int {
	isPrompt := func(i int) bool { return i < len(s) && strings.IndexByte("#$%>", s[i]) >= 0 }
	if strings.HasPrefix(s, "[") {
		// [user@host]: the first ] (the runs may span lines), an @ with
		// at least one character on each side before it.
		if r := strings.IndexByte(s, ']'); r >= 0 {
			if a := strings.LastIndexByte(s[:r-1], '@'); a >= 2 {
				i := r + 1
				if sr, size := utf8.DecodeRuneInString(s[i:]); i < len(s) && isSpaceRune(sr) && isPrompt(i+size) {
					return i + size + 1
				}
				if isPrompt(i) {
					return i + 1
				}
			}
		}
	}
	if isPrompt(0) {
		return 1
	}
	return 0
}
