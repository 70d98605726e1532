package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// chromaFormatter is chroma's HTML formatter with the options Highlight
// used before writeTokens took its place: what writeTokens must write.
var chromaFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4))

// chromaFormat is what chromaFormatter writes for tokens.
func chromaFormat(t testing.TB, tokens []chroma.Token) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := chromaFormatter.Format(&buf, styles.Fallback, chroma.Literator(tokens...)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func checkFormat(t testing.TB, c *Chroma, what string, tokens []chroma.Token) {
	t.Helper()
	var got bytes.Buffer
	writeTokens(&got, tokens)
	if want := chromaFormat(t, tokens); !bytes.Equal(got.Bytes(), want) {
		i := 0
		for i < got.Len() && i < len(want) && got.Bytes()[i] == want[i] {
			i++
		}
		from := max(0, i-60)
		t.Fatalf("%s: writeTokens differs from chroma's formatter at byte %d:\n got …%s\nwant …%s", what, i,
			got.Bytes()[from:min(got.Len(), i+60)], want[from:min(len(want), i+60)])
	}
}

// Every lexer's own test input in chroma's module, lexed by chroma, is
// written as chroma's formatter writes it; so is every fenced block of the
// generated corpus and the seed posts, in each fence's language.
func TestWriteTokensIsChromasFormatter(t *testing.T) {
	c := NewChroma()
	inputs := chromaTestdata("*.actual")
	if len(inputs) < 100 {
		t.Fatalf("found %d of chroma's lexer test inputs in the module cache; want its 175", len(inputs))
	}
	lexed := 0
	for _, f := range inputs {
		l := lexers.Get(strings.TrimSuffix(filepath.Base(f), ".actual"))
		if l == nil {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tokens, err := chroma.Tokenise(chroma.Coalesce(l), nil, string(data))
		if err != nil {
			continue
		}
		checkFormat(t, c, f, tokens)
		lexed++
	}
	if lexed < 100 {
		t.Fatalf("only %d of chroma's test inputs have a lexer by their name", lexed)
	}
	for _, fence := range []string{"go", "bash", "yaml", "json", "python", "rust", "typescript", "dockerfile", "console", "sql", "js"} {
		for _, code := range fencedBlocks(t, fence) {
			tokens, err := chroma.Tokenise(chroma.Coalesce(lexers.Get(fence)), nil, code)
			if err != nil {
				t.Fatal(err)
			}
			checkFormat(t, c, fence+" block", tokens)
		}
	}
	t.Logf("%d test inputs of chroma's lexers written as chroma writes them", lexed)
}

// Token streams no lexer makes on its own: empty values where a line
// starts and ends, a stream of only newlines, types outside chroma's
// table, every character the escaper changes.
var formatCorners = [][]chroma.Token{
	nil,
	{{Type: chroma.Text, Value: ""}},
	{{Type: chroma.Keyword, Value: ""}},
	{{Type: chroma.Keyword, Value: ""}, {Type: chroma.Keyword, Value: ""}},
	{{Type: chroma.Keyword, Value: "a\n"}, {Type: chroma.Name, Value: ""}},
	{{Type: chroma.Keyword, Value: "a\n"}, {Type: chroma.Name, Value: ""}, {Type: chroma.Name, Value: ""}},
	{{Type: chroma.Keyword, Value: "a"}, {Type: chroma.Name, Value: ""}},
	{{Type: chroma.Name, Value: ""}, {Type: chroma.Keyword, Value: "a"}},
	{{Type: chroma.Text, Value: "\n"}},
	{{Type: chroma.Text, Value: "\n\n\n"}, {Type: chroma.Comment, Value: "\nx\n"}},
	{{Type: chroma.LiteralStringDouble, Value: `<a href="x">'&'</a>`}},
	{{Type: chroma.TokenType(12345), Value: "odd"}, {Type: chroma.TokenType(-7), Value: "neg"}, {Type: chroma.TokenType(0), Value: "zero"}},
	{{Type: chroma.NameBuiltinPseudo, Value: "self"}, {Type: chroma.GenericDeleted, Value: "-x\n"}, {Type: chroma.Error, Value: "\x00\xff"}},
}

func TestWriteTokensCorners(t *testing.T) {
	c := NewChroma()
	for i, tokens := range formatCorners {
		checkFormat(t, c, "corner "+string(rune('a'+i)), tokens)
	}
}

// tokensOf reads a token stream from fuzz input: each byte of types picks
// a token's type, and its high four bits how many bytes of what is left of
// text the token takes (the last token takes the rest).
func tokensOf(types []byte, text string) []chroma.Token {
	var all []chroma.TokenType
	for tt := range chroma.StandardTypes {
		all = append(all, tt)
	}
	// Map iteration order is random; the fuzzer needs the same stream for
	// the same input.
	slices.Sort(all)
	all = append(all, chroma.TokenType(12345), chroma.TokenType(-3))
	var tokens []chroma.Token
	for i, b := range types {
		n := 0
		if len(text) > 0 {
			n = int(b>>4) % (len(text) + 1)
		}
		if i == len(types)-1 {
			n = len(text)
		}
		tokens = append(tokens, chroma.Token{Type: all[int(b)%len(all)], Value: text[:n]})
		text = text[n:]
	}
	return tokens
}

func FuzzFormatter(f *testing.F) {
	f.Add([]byte{1, 2, 3}, "a\nb<c>\n\n")
	f.Add([]byte{0, 0}, "")
	f.Add([]byte{7}, "\n")
	f.Add([]byte{0x10, 0x25, 0x33, 0x01}, "x\n'y'\"&\n")
	c := NewChroma()
	f.Fuzz(func(t *testing.T, types []byte, text string) {
		if len(types) > 64 {
			types = types[:64]
		}
		checkFormat(t, c, "fuzz", tokensOf(types, text))
	})
}
