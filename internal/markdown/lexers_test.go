package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"

	"blog/internal/corpus"
)

// A scanner under test: the fence name that reaches it, the chroma
// lexer it follows, and the function.
type scannerCase struct {
	fence string
	lexer string
	scan  func(string) ([]chroma.Token, bool)
}

// chromaHTML is what Chroma.Highlight writes without blog's scanners:
// chroma's own lexer, coalesced, through the same formatter.
func chromaHTML(t testing.TB, c *Chroma, fence, code string) []byte {
	t.Helper()
	it, err := chroma.Coalesce(lexers.Get(fence)).Tokenise(nil, code)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := c.formatter.Format(&buf, styles.Fallback, it); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkScanner reports whether sc's scanner takes code and, when it
// does, checks that its tokens are chroma's and that Highlight writes
// chroma's HTML byte for byte.
func checkScanner(t testing.TB, c *Chroma, sc scannerCase, code string) (taken bool) {
	t.Helper()
	tokens, ok := sc.scan(code)
	if !ok {
		return false
	}
	if name := lexers.Get(sc.fence).Config().Name; name != sc.lexer {
		t.Fatalf("fence %q is chroma's %q, not %q", sc.fence, name, sc.lexer)
	}
	want, err := chroma.Tokenise(chroma.Coalesce(lexers.Get(sc.fence)), nil, code)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tokens, want) {
		t.Errorf("%s scanner differs from chroma on %q:\n got %v\nwant %v", sc.lexer, code, tokens, want)
		return true
	}
	got, ok := c.Highlight(sc.fence, []byte(code))
	if !ok {
		t.Fatalf("Highlight refused %s code its scanner takes: %q", sc.lexer, code)
	}
	if want := chromaHTML(t, c, sc.fence, code); !bytes.Equal(got, want) {
		t.Errorf("%s scanner's HTML differs from chroma's on %q:\n got %s\nwant %s", sc.lexer, code, got, want)
	}
	return true
}

// goModCache is the module cache, which holds every module blog is built
// with and whatever else this machine fetched: a store of real YAML,
// JSON, shell scripts and more.
var goModCache = sync.OnceValue(func() string {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
})

// filesUnder lists the files under the roots whose names match one of
// the globs, sorted, skipping what cannot be read.
func filesUnder(roots []string, globs ...string) []string {
	var files []string
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			for _, g := range globs {
				if ok, _ := filepath.Match(g, d.Name()); ok && d.Type().IsRegular() {
					files = append(files, path)
					break
				}
			}
			return nil
		})
	}
	sort.Strings(files)
	return files
}

// piecesOf cuts files into pieces of 40 lines, cut anywhere: some cut a
// comment or a string in two, as a careless quote would. It reads at
// most maxFiles of them, spread evenly over the list, and skips files over
// 1 MB.
func piecesOf(t testing.TB, files []string, maxFiles int) []string {
	step := 1
	if len(files) > maxFiles {
		step = (len(files) + maxFiles - 1) / maxFiles
	}
	var pieces []string
	for i := 0; i < len(files); i += step {
		info, err := os.Stat(files[i])
		if err != nil || info.Size() > 1<<20 {
			continue
		}
		data, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(data), "\n")
		for j := 0; j < len(lines); j += 40 {
			pieces = append(pieces, strings.Join(lines[j:min(j+40, len(lines))], ""))
		}
	}
	return pieces
}

// fencedBlocks returns the code blocks fenced with one of the names in
// the posts of a generated corpus and in the seed posts.
func fencedBlocks(t testing.TB, names ...string) []string {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 60, 11); err != nil {
		t.Fatal(err)
	}
	var alts []string
	for _, n := range names {
		alts = append(alts, regexp.QuoteMeta(n))
	}
	fence := regexp.MustCompile("(?ms)^```(?:" + strings.Join(alts, "|") + ")\n(.*?)^```")
	posts, _ := filepath.Glob(filepath.Join(dir, "content", "posts", "*.md"))
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "content", "posts", "*", "*.md"))
	flat, _ := filepath.Glob(filepath.Join("..", "..", "content", "posts", "*.md"))
	var blocks []string
	for _, f := range slices.Concat(posts, seeds, flat) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range fence.FindAllStringSubmatch(string(data), -1) {
			blocks = append(blocks, m[1])
		}
	}
	return blocks
}

// chromaTestdata returns chroma's own test inputs for a lexer whose names
// match the glob, from the module cache.
func chromaTestdata(glob string) []string {
	root := filepath.Join(goModCache(), "github.com", "alecthomas", "chroma", "v2@v2.27.0", "lexers", "testdata")
	return filesUnder([]string{root}, glob)
}

// runScannerTest checks a scanner on pieces, logs how many it took and
// fails when it takes fewer than minShare of those it may take (of at
// most maxScanned bytes): a scanner that falls back on most code buys
// nothing.
func runScannerTest(t *testing.T, sc scannerCase, pieces []string, minShare float64) {
	c := NewChroma()
	taken, bytesTaken, total, small := 0, 0, 0, 0
	for _, p := range pieces {
		total += len(p)
		if len(p) <= maxScanned {
			small++
		}
		if checkScanner(t, c, sc, p) {
			taken++
			bytesTaken += len(p)
		}
	}
	t.Logf("%s scanner took %d of %d pieces, %d of the %d of at most %d bytes (%d of %d bytes)",
		sc.lexer, taken, len(pieces), taken, small, maxScanned, bytesTaken, total)
	if float64(taken) < minShare*float64(small) {
		t.Errorf("%s scanner took only %d of %d pieces", sc.lexer, taken, small)
	}
}

// maxSampleFiles is how many files of each kind a test reads.
func maxSampleFiles() int {
	if testing.Short() {
		return 60
	}
	return 400
}

var jsonScanner = scannerCase{"json", "JSON", lexJSON}

var jsonCorners = []string{
	"", "{}", "[]", "{", "}", "]", "[1, 2.5, -3e4, 0.1E+2, 1e-2, 01, -0, -, 1.e5, .5]", `{"a": true, "b": false, "c": null}`,
	`{"a" : {"b": [ {"c": "d"} ], "e": "f\"g\\"}}`, `{"open`, `"open`, `{"a": "b\`, `[truex, nullable, false_]`, `[true1]`,
	`"key": "value"`, "// c\n{}", "{// c\n}", "// no end", "{\"a\"// c\n:1}", "[1,// c\n2]", `{"a": 1,}`, `{"a" 1}`,
	"{\n  \"a\": 1\n  \"b\": 2\n}\n", `[1٣, ٣]`, "{\"ключ\": \"значение\", \"키\": \"값\"}", "[\u00a01\u3000]", `{'a': 1}`, "[1 2]", "[}", "{]",
	`{"a": {"b": 1}}}`, `[[[]]]]`, `{"a":[{"b":{"c":[1]}}]}`, "{\"a\":\n\"multi\nline\"}", `[-]`, `[1.5e]`, `[1e+]`, `{"\\\\": "\\"}`,
}

func TestJSONScannerMatchesChroma(t *testing.T) {
	files := filesUnder([]string{goModCache()}, "*.json")
	pieces := piecesOf(t, files, maxSampleFiles())
	pieces = append(pieces, piecesOf(t, chromaTestdata("json*.actual"), 10)...)
	pieces = append(pieces, fencedBlocks(t, "json")...)
	pieces = append(pieces, jsonCorners...)
	runScannerTest(t, jsonScanner, pieces, 0.8)
}

func FuzzJSONScanner(f *testing.F) {
	for _, s := range jsonCorners {
		f.Add(s)
	}
	c := NewChroma()
	f.Fuzz(func(t *testing.T, code string) {
		checkScanner(t, c, jsonScanner, code)
	})
}
