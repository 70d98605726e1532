package markdown

import (
	"bytes"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// writeTokens writes tokens as HTML, byte for byte as chroma's HTML
// formatter writes them with classes: a <pre class="chroma"><code>, one
// <span class="line"><span class="cl"> a line, each token in a <span> of
// its type's class (none for plain text), escaped as html.EscapeString
// escapes. Chroma's formatter cuts the tokens into a slice of lines and
// formats each token through fmt, which was two thirds of highlighting;
// this one is checked against it on chroma's own lexer inputs and every
// sample the scanners are checked on, and fuzzed (format_test.go).
func writeTokens(buf *bytes.Buffer, tokens []chroma.Token) {
	w := tokenWriter{buf: buf}
	buf.WriteString(`<pre class="chroma"><code>`)
	for _, tok := range tokens {
		v := tok.Value
		if v == "" {
			w.empty(tok.Type)
			continue
		}
		for v != "" {
			i := strings.IndexByte(v, '\n')
			if i < 0 {
				w.piece(tok.Type, v)
				break
			}
			w.piece(tok.Type, v[:i+1])
			w.endLine()
			v = v[i+1:]
		}
	}
	if w.open {
		w.endLine()
	}
	buf.WriteString(`</code></pre>`)
}

// tokenWriter writes the lines of writeTokens.
type tokenWriter struct {
	buf  *bytes.Buffer
	open bool // a line is started
	// held is an empty token that would start a line: chroma drops the
	// last line when it is that token alone, so it is written only when
	// something follows it on its line.
	held     bool
	heldType chroma.TokenType
}

func (w *tokenWriter) empty(t chroma.TokenType) {
	if !w.open && !w.held {
		w.held, w.heldType = true, t
		return
	}
	w.piece(t, "")
}

// piece writes v, a token or the part of one up to and with a newline.
func (w *tokenWriter) piece(t chroma.TokenType, v string) {
	if w.held {
		w.held = false
		w.span(w.heldType, "")
	}
	w.span(t, v)
}

func (w *tokenWriter) span(t chroma.TokenType, v string) {
	if !w.open {
		w.buf.WriteString(`<span class="line"><span class="cl">`)
		w.open = true
	}
	cls := tokenClass(t)
	if cls == "" {
		escapeInto(w.buf, v)
		return
	}
	w.buf.WriteString(`<span class="`)
	w.buf.WriteString(cls)
	w.buf.WriteString(`">`)
	escapeInto(w.buf, v)
	w.buf.WriteString(`</span>`)
}

func (w *tokenWriter) endLine() {
	w.buf.WriteString(`</span></span>`)
	w.open = false
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
