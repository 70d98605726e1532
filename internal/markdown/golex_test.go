package markdown

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dlclark/regexp2/v2"

	"blog/internal/corpus"
)

// chromaGo is what Chroma.Highlight wrote for Go before lexGo: chroma's
// own lexer, coalesced, through chroma's formatter.
func chromaGo(t testing.TB, c *Chroma, code string) []byte {
	return chromaHTML(t, c, "go", code)
}

// sameAsChroma reports whether lexGo, when it takes code, highlights it
// byte for byte as chroma does; taken says whether it took it.
func sameAsChroma(t testing.TB, c *Chroma, code string) (taken bool) {
	t.Helper()
	return checkScanner(t, c, scannerCase{"go", "Go", lexGo}, code)
}

// TestGoLexerMatchesChroma highlights real Go code both ways: pieces of
// the standard library's sources (of the sizes blog posts quote), the Go
// blocks of generated posts and of the seed posts, and code made to hit
// each rule's corners.
func TestGoLexerMatchesChroma(t *testing.T) {
	c := NewChroma()
	var pieces []string
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	for _, pkg := range []string{"strings", "fmt", "go/scanner", "go/parser", "encoding/json", "net/http", "regexp/syntax", "math/big", "unicode/utf8", "time"} {
		files, _ := filepath.Glob(filepath.Join(strings.TrimSpace(string(goroot)), "src", pkg, "*.go"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			// Pieces of about 40 lines, cut anywhere: some cut a comment or
			// a string in two, as a careless quote would.
			lines := strings.SplitAfter(string(data), "\n")
			for i := 0; i < len(lines); i += 40 {
				pieces = append(pieces, strings.Join(lines[i:min(i+40, len(lines))], ""))
			}
		}
	}
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 60, 11); err != nil {
		t.Fatal(err)
	}
	fence := regexp.MustCompile("(?ms)^```go\n(.*?)^```")
	posts, _ := filepath.Glob(filepath.Join(dir, "content", "posts", "*.md"))
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "content", "posts", "*", "*.md"))
	flat, _ := filepath.Glob(filepath.Join("..", "..", "content", "posts", "*.md"))
	for _, f := range slices.Concat(posts, seeds, flat) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range fence.FindAllStringSubmatch(string(data), -1) {
			pieces = append(pieces, m[1])
		}
	}
	pieces = append(pieces, goCorners...)
	taken := 0
	for _, p := range pieces {
		if sameAsChroma(t, c, p) {
			taken++
		}
	}
	t.Logf("lexGo took %d of %d pieces of Go code", taken, len(pieces))
	// Most code must take the fast way, or it buys nothing.
	if taken < len(pieces)*8/10 {
		t.Errorf("lexGo took only %d of %d pieces", taken, len(pieces))
	}
}

// goCorners are inputs at the edges of chroma's Go rules.
var goCorners = []string{
	"", "x", "\n", "  \n\t x", "//", "//x", "// x", "//\n", "/**/", "/*/ */", "/\\\n* a *\\\n/", "/* open", "a /= b / c",
	"import(\"a\")", "packagex", "go2 := goto_", "if가 := 1", "len (x) + len(y) + any(z) + int (3) + string(s)",
	"1i 1.i 1.5e+3i 1.5e3i .5i .5e-2i 3e+4i 3e4i 1.5 1. 1.e5 1e5 .5 .5e5 .e5 0755 089 0x1F 0X_a 0b101 0B1 1_000 0o17",
	"٣ + 1", "'a' '\\n' '\\x41' '\\101' '\\1' '\\u00e9' '\\U0001F600' ''' 'ab' '\\q'", "'\\12'", "'\\1234'",
	"`raw` `{ }` ``", "`{{ .X }}`", "`open", "\"a\\\"b\" \"\\\\\" \"line\nbreak\"", "\"open",
	"a <<= b >>= c &^= d &^ e <- f ++ -- ... := != == || && | ^ ~ ! =", "f (x)", "f\n(x)", "_f(x)", "변수 := 값(1)",
	"x @ y", "a # b", "$", "a?b", "a\\b", "s := \"\u00a0\"\u00a0+\u3000x", "x\u2028y", "e\u0301 := 1",
	"if\u200d := 1", "x\u200cy(1)", "func\u200c()",
	"func main() {\n\tfmt.Println(\"안녕, 세계\") // 인사\n}\n",
}

// FuzzGoLexer looks for Go-like input that lexGo takes and highlights
// otherwise than chroma.
func FuzzGoLexer(f *testing.F) {
	for _, s := range goCorners {
		f.Add(s)
	}
	c := NewChroma()
	f.Fuzz(func(t *testing.T, code string) {
		sameAsChroma(t, c, code)
	})
}

// TestCharacterClassesAreRegexp2s checks the classes lexGo uses against
// the regular-expression engine's \s, \w and \d, for every code point.
func TestCharacterClassesAreRegexp2s(t *testing.T) {
	if testing.Short() {
		t.Skip("every code point")
	}
	classes := []struct {
		re string
		in func(rune) bool
	}{{`\s`, isSpaceRune}, {`\w`, isWordRune}, {`\d`, isDigitRune}}
	for _, cl := range classes {
		re := regexp2.MustCompile(`^` + cl.re + `$`)
		// The class as regexp2 sees it, over all code points at once: a
		// string of every valid rune, matched rune by rune.
		var all []rune
		for r := rune(0); r <= utf8.MaxRune; r++ {
			if utf8.ValidRune(r) {
				all = append(all, r)
			}
		}
		set := regexp2.MustCompile(cl.re + `+`)
		inClass := map[rune]bool{}
		m, err := set.FindRunesMatch(all)
		for err == nil && m != nil {
			for _, r := range m.String() {
				inClass[r] = true
			}
			m, err = set.FindNextMatch(m)
		}
		if err != nil {
			t.Fatal(err)
		}
		bad := 0
		for _, r := range all {
			if inClass[r] != cl.in(r) {
				if ok, _ := re.MatchString(string(r)); ok != cl.in(r) && bad < 10 {
					t.Errorf("%s: U+%04X: regexp2 %t, lexGo %t", cl.re, r, ok, cl.in(r))
					bad++
				}
			}
		}
	}
}

func BenchmarkHighlightGo(b *testing.B) {
	c := NewChroma()
	code := []byte(strings.Repeat(goCorners[len(goCorners)-1], 3) + "type Server struct {\n\tAddr string `json:\"addr\"`\n\tTimeout time.Duration\n}\n")
	b.Run("lexGo", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.Highlight("go", code)
		}
	})
	b.Run("chroma", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			chromaGo(b, c, string(code))
		}
	})
}
