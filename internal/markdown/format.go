package markdown

import (
	"bytes"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// writeTokens writes tokens as HTML, byte for byte as chroma's HTML
// formatter does with classes and the options of NewChroma: a <pre
// class="chroma"><code>, one <span class="line"><span class="cl"> a
// line, each token in a <span> of its type's class (none for plain text),
// escaped as html.EscapeString escapes. It is written here because
// chroma's formatter splits the tokens into a slice of lines and formats
// each token through fmt, a fifth of a code block's cost; what it writes
// is checked against chroma's on every sample the scanners are checked
// on, and fuzzed (format_test.go).
func writeTokens(buf *bytes.Buffer, tokens []chroma.Token) {
	buf.WriteString(`<pre class="chroma"><code>`)
	open := false // a line is open
	// pending is an empty token at the start of a line: chroma drops the
	// last line when it is exactly that.
	pending, hasPending := chroma.TokenType(0), false
	startLine := func() {
		if !open {
			buf.WriteString(`<span class="line"><span class="cl">`)
			open = true
		}
	}
	var piece func(t chroma.TokenType, v string)
	piece = func(t chroma.TokenType, v string) {
		if hasPending {
			hasPending = false
			piece(pending, "")
		}
		startLine()
		cls := tokenClass(t)
		if cls != "" {
			buf.WriteString(`<span class="`)
			buf.WriteString(cls)
			buf.WriteString(`">`)
		}
		escapeInto(buf, v)
		if cls != "" {
			buf.WriteString(`</span>`)
		}
	}
	endLine := func() {
		buf.WriteString(`</span></span>`)
		open = false
	}
	for _, tok := range tokens {
		v := tok.Value
		if v == "" {
			if !open && !hasPending {
				pending, hasPending = tok.Type, true
			} else {
				piece(tok.Type, "")
			}
			continue
		}
		for v != "" {
			i := strings.IndexByte(v, '\n')
			if i < 0 {
				piece(tok.Type, v)
				break
			}
			piece(tok.Type, v[:i+1])
			endLine()
			v = v[i+1:]
		}
	}
	if open {
		endLine()
	}
	buf.WriteString(`</code></pre>`)
}

// tokenClass is the class chroma's formatter gives a token type: its own
// entry in chroma.StandardTypes, or its parent's, or its parent's parent's.
func tokenClass(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[0]
}

// escapeInto writes s escaped as html.EscapeString escapes it.
func escapeInto(buf *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		buf.WriteString(s[last:i])
		buf.WriteString(esc)
		last = i + 1
	}
	buf.WriteString(s[last:])
}
