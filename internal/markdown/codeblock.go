package markdown

import (
	"bytes"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/util"
)

// Code blocks take the meta Docusaurus writes after the language:
//
//	```go title="cmd/main.go" {2,4-5} showLineNumbers
//
// title names the file in a bar above the code; {…} marks lines (1-based,
// ranges with -); showLineNumbers numbers the lines (showLineNumbers=5
// starts at 5). Magic comments mark lines too, and are not shown: a line
// that is only "// highlight-next-line" marks the next line, and lines
// between "// highlight-start" and "// highlight-end" are marked; the
// comment may be written //, #, /* */, <!-- -->, -- or ; as the language
// comments. Numbers are drawn by CSS counters, so copying the code never
// copies them. Every block is a <figure class="code-block"> that names
// its language for screen readers (and in the bar, when it has a title).
// The highlighted HTML of the code itself depends only on the language
// and the code: marks and numbers are laid over it, so a change of meta
// is a change of the Markdown, which is what rendered bodies are keyed by.

// codeMeta is what a fence's info string says besides the language.
type codeMeta struct {
	title     string
	marked    map[int]bool // line numbers, 1-based
	numbered  bool
	firstLine int
}

var (
	metaTitle   = regexp.MustCompile(`\btitle=(?:"([^"]*)"|'([^']*)'|(\S+))`)
	metaRanges  = regexp.MustCompile(`\{([\d,\s-]+)\}`)
	metaNumbers = regexp.MustCompile(`\bshowLineNumbers(?:=(\d+))?\b`)
)

// parseMeta reads the info string after the language.
func parseMeta(info string) codeMeta {
	m := codeMeta{marked: map[int]bool{}, firstLine: 1}
	if t := metaTitle.FindStringSubmatch(info); t != nil {
		m.title = t[1] + t[2] + t[3]
		info = strings.Replace(info, t[0], "", 1) // a title may hold "{…}"
	}
	for _, r := range metaRanges.FindAllStringSubmatch(info, -1) {
		for part := range strings.SplitSeq(r[1], ",") {
			part = strings.TrimSpace(part)
			lo, hi, isRange := strings.Cut(part, "-")
			a, err1 := strconv.Atoi(strings.TrimSpace(lo))
			b := a
			var err2 error
			if isRange {
				b, err2 = strconv.Atoi(strings.TrimSpace(hi))
			}
			if err1 != nil || err2 != nil || a < 1 || b < a || b-a > 10000 {
				continue
			}
			for i := a; i <= b; i++ {
				m.marked[i] = true
			}
		}
	}
	if n := metaNumbers.FindStringSubmatch(info); n != nil {
		m.numbered = true
		if v, err := strconv.Atoi(n[1]); err == nil && v > 0 {
			m.firstLine = v
		}
	}
	return m
}

// magicComment matches a line that is only a magic comment.
var magicComment = regexp.MustCompile(`^\s*(?://|#|/\*|<!--|--|;)\s*(highlight-next-line|highlight-start|highlight-end)\s*(?:\*/|-->)?\s*$`)

// takeMagicComments removes the magic comment lines from code, marking in
// marked the lines they name (numbered as the remaining code is).
func takeMagicComments(code []byte, marked map[int]bool) []byte {
	if !bytes.Contains(code, []byte("highlight-")) {
		return code
	}
	var out []byte
	n := 0 // lines kept so far
	next, inRange := false, false
	for len(code) > 0 {
		end := bytes.IndexByte(code, '\n')
		line := code
		if end >= 0 {
			line, code = code[:end+1], code[end+1:]
		} else {
			code = nil
		}
		if m := magicComment.FindSubmatch(bytes.TrimRight(line, "\r\n")); m != nil {
			switch string(m[1]) {
			case "highlight-next-line":
				next = true
			case "highlight-start":
				inRange = true
			case "highlight-end":
				inRange = false
			}
			continue
		}
		n++
		if next || inRange {
			marked[n] = true
		}
		next = false
		out = append(out, line...)
	}
	return out
}

// langNames are how languages are named to readers; others are named as
// written.
var langNames = map[string]string{
	"go": "Go", "golang": "Go", "rust": "Rust", "rs": "Rust", "python": "Python", "py": "Python",
	"js": "JavaScript", "javascript": "JavaScript", "jsx": "JSX", "ts": "TypeScript", "typescript": "TypeScript", "tsx": "TSX",
	"sh": "Shell", "bash": "Bash", "zsh": "Zsh", "shell": "Shell", "console": "Console", "shell-session": "Console",
	"yaml": "YAML", "yml": "YAML", "json": "JSON", "toml": "TOML", "xml": "XML", "html": "HTML", "css": "CSS", "scss": "SCSS",
	"sql": "SQL", "dockerfile": "Dockerfile", "docker": "Dockerfile", "java": "Java", "kotlin": "Kotlin", "swift": "Swift",
	"c": "C", "cpp": "C++", "c++": "C++", "csharp": "C#", "cs": "C#", "ruby": "Ruby", "rb": "Ruby", "php": "PHP",
	"md": "Markdown", "markdown": "Markdown", "diff": "Diff", "makefile": "Makefile", "make": "Makefile", "proto": "Protocol Buffers",
	"hcl": "HCL", "terraform": "Terraform", "lua": "Lua", "nix": "Nix", "text": "Text", "txt": "Text", "plaintext": "Text",
}

// codeLabel names a block's language for screen readers, in the
// document's language.
func codeLabel(lang, docLang string) string {
	name := langNames[strings.ToLower(lang)]
	if name == "" {
		name = lang
	}
	switch {
	case name == "" && docLang == "ko":
		return "코드"
	case name == "":
		return "Code"
	case docLang == "ko":
		return name + " 코드"
	}
	return name + " code"
}

// decorate lays marks and numbers over a block's HTML, which holds one
// <span class="line"> per line (chroma's output, or plainLines'): a
// marked line gets the class "hl".
func decorate(body []byte, m codeMeta) []byte {
	if len(m.marked) == 0 {
		return body
	}
	const open = `<span class="line">`
	var out bytes.Buffer
	out.Grow(len(body) + 16*len(m.marked))
	n := 0
	for {
		i := bytes.Index(body, []byte(open))
		if i < 0 {
			out.Write(body)
			return out.Bytes()
		}
		n++
		out.Write(body[:i])
		if m.marked[n] {
			out.WriteString(`<span class="line hl">`)
		} else {
			out.WriteString(open)
		}
		body = body[i+len(open):]
	}
}

// plainLines writes code without highlighting, one <span class="line">
// a line, for a block that is marked or numbered.
func plainLines(code []byte) []byte {
	var out bytes.Buffer
	for len(code) > 0 {
		end := bytes.IndexByte(code, '\n')
		line := code
		if end >= 0 {
			line, code = code[:end+1], code[end+1:]
		} else {
			code = nil
		}
		out.WriteString(`<span class="line">`)
		out.WriteString(html.EscapeString(string(line)))
		out.WriteString(`</span>`)
	}
	return out.Bytes()
}

// writeFigure writes a block's <pre> in its figure: the bar with the
// title and the language, or the language alone for screen readers.
func writeFigure(w util.BufWriter, pre []byte, lang, docLang string, m codeMeta) {
	_, _ = w.WriteString(`<figure class="code-block`)
	if m.numbered {
		_, _ = w.WriteString(" numbered")
	}
	if m.title != "" {
		_, _ = w.WriteString(" titled")
	}
	_ = w.WriteByte('"')
	if lang != "" {
		_, _ = w.WriteString(` data-lang="`)
		_, _ = w.WriteString(html.EscapeString(lang))
		_ = w.WriteByte('"')
	}
	if m.numbered && m.firstLine != 1 {
		_, _ = w.WriteString(` style="counter-reset:line `)
		_, _ = w.WriteString(strconv.Itoa(m.firstLine - 1))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	label := html.EscapeString(codeLabel(lang, docLang))
	if m.title != "" {
		_, _ = w.WriteString(`<figcaption class="code-title"><span class="code-lang">`)
		_, _ = w.WriteString(label)
		_, _ = w.WriteString(`</span> <span class="code-file">`)
		_, _ = w.WriteString(html.EscapeString(m.title))
		_, _ = w.WriteString(`</span></figcaption>`)
	} else {
		_, _ = w.WriteString(`<figcaption class="visually-hidden">`)
		_, _ = w.WriteString(label)
		_, _ = w.WriteString(`</figcaption>`)
	}
	_, _ = w.Write(pre)
	_, _ = w.WriteString("</figure>\n")
}

// keys of marked lines, for tests.
func markedLines(m map[int]bool) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
