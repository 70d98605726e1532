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
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"

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
// chroma's own lexer, coalesced, through chroma's formatter.
func chromaHTML(t testing.TB, c *Chroma, fence, code string) []byte {
	t.Helper()
	tokens, err := chroma.Tokenise(chroma.Coalesce(lexers.Get(fence)), nil, code)
	if err != nil {
		t.Fatal(err)
	}
	return chromaFormat(t, tokens)
}

// checkScanner reports whether sc's scanner takes code and, when it
// does, checks that its tokens are chroma's and that Highlight writes
// chroma's HTML byte for byte.
//
// Chroma gives each regular expression 250 ms of wall-clock time and
// takes a match that runs out of it for no match, so on a loaded machine
// it now and then lexes the same code otherwise (a builtin as a plain
// name, say). A difference is therefore looked at again: it counts only
// when chroma, asked three more times, never lexes the code as the
// scanner does. A scanner's error is the same each time; a match that ran
// out of time is not.
func checkScanner(t testing.TB, c *Chroma, sc scannerCase, code string) (taken bool) {
	t.Helper()
	tokens, ok := sc.scan(code)
	if !ok {
		return false
	}
	if name := lexers.Get(sc.fence).Config().Name; name != sc.lexer {
		t.Fatalf("fence %q is chroma's %q, not %q", sc.fence, name, sc.lexer)
	}
	chromaTokens := func() []chroma.Token {
		want, err := chroma.Tokenise(chroma.Coalesce(lexers.Get(sc.fence)), nil, code)
		if err != nil {
			t.Fatal(err)
		}
		return want
	}
	want := chromaTokens()
	for try := 0; try < 3 && !slices.Equal(tokens, want); try++ {
		if again := chromaTokens(); slices.Equal(again, tokens) {
			t.Logf("chroma lexed %q otherwise once (a match that ran out of time)", code)
			want = again
		}
	}
	if !slices.Equal(tokens, want) {
		i := 0
		for i < len(tokens) && i < len(want) && tokens[i] == want[i] {
			i++
		}
		from := max(0, i-3)
		t.Errorf("%s scanner differs from chroma at token %d on %q:\n got %v\nwant %v", sc.lexer, i, code,
			tokens[from:min(len(tokens), i+3)], want[from:min(len(want), i+3)])
		return true
	}
	got, ok := c.Highlight(sc.fence, []byte(code))
	if !ok {
		t.Fatalf("Highlight refused %s code its scanner takes: %q", sc.lexer, code)
	}
	want2 := chromaHTML(t, c, sc.fence, code)
	for try := 0; try < 3 && !bytes.Equal(got, want2); try++ {
		if again := chromaHTML(t, c, sc.fence, code); bytes.Equal(again, got) {
			want2 = again
		}
	}
	if !bytes.Equal(got, want2) {
		t.Errorf("%s scanner's HTML differs from chroma's on %q:\n got %s\nwant %s", sc.lexer, code, got, want2)
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
	return 250
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

var yamlScanner = scannerCase{"yaml", "YAML", lexYAML}

var yamlCorners = []string{
	"", "a: b", "a:", "a:\n", "a:b", ": x", "key: value # comment", "key: value #not", "key: a # b # c", "key: 'q' # c", "url: http://x.y/z // c",
	"k: a  #  c  ", "x #c", "- a\n- b: c\n  d: e\n", "? - x", "?\n\n- x", "- - x", "---\na: 1\n...\n", "a: ---", " ---", "--- # doc",
	"a: |\n  one\n  two\nb: 2\n", "a: >-\n    deep\n  shallow\n", "a: |+\n  x\n\n\n  y\n\nb: |\n", "a: |\nb", "a: | # c\n  x\n", "|\n  x", ">\n \n x",
	"a: !!str 1\nb: &anchor v\nc: *anchor\nd: !! x\ne: & x\n", "%include file", "x\n%include y", "%YAML 1.2\n",
	"t: true\nf: False\ny: y\nn: No\no: on\nx: yesno\nz: TRUE1", "a: \"s\\\"q\" b: 'it''s' c: \"open", "a: 'open", "a: \"x\\\ny\"", "\"k\": v", "\"k#\": v", "\"\": v", "\"a\": \"b\": c",
	"d: 2024-01-03\ne: 2024-01-03T09:00:00.5Z\nf: 2024-01-03 09:00:00 +0900\ng: 2024-01-03T09:00\nh: ٢٠٢٤-01-03",
	"n: 0x1f 0x1g 0o17 0o8 1.5 1. 1.5x 1.5.3 .5 .inf .nan .Inf 1e5 1e+5 1.5e-3 -1 +1 a+1 -.5 1_000 v1.2 ١",
	"a: [1, 2, {b: c}]\n", "{a: b, c: [d]}", "a: @x", "a: `x`", "a: ~", "é: ü\n키: 값 # 주석\n", "a\u00a0: b", "a: b\u3000# c", "a{b: c", "a//b: c", "k: \"a\" # c", "- \"k\": v",
	"run: |\n  go test ./...\n  go vet ./...\n", "a:\n  - b\n  -c\n  - d: e\n    f: g", "a: b:c", "a:  b", "a:\tb", "a :b", "#", "//", "!!", "&", "*", "?", "-", "- ",
}

func TestYAMLScannerMatchesChroma(t *testing.T) {
	files := filesUnder([]string{goModCache()}, "*.yaml", "*.yml")
	pieces := piecesOf(t, files, maxSampleFiles())
	pieces = append(pieces, piecesOf(t, chromaTestdata("yaml*.actual"), 10)...)
	pieces = append(pieces, fencedBlocks(t, "yaml", "yml")...)
	pieces = append(pieces, yamlCorners...)
	runScannerTest(t, yamlScanner, pieces, 0.9)
}

func FuzzYAMLScanner(f *testing.F) {
	for _, s := range yamlCorners {
		f.Add(s)
	}
	c := NewChroma()
	f.Fuzz(func(t *testing.T, code string) {
		checkScanner(t, c, yamlScanner, code)
	})
}

var bashScanner = scannerCase{"sh", "Bash", lexBash}

var bashCorners = []string{
	"", "#!/bin/sh\necho hi\n", "#!/bin/sh", "#!\n", "x #!y", "# comment\nls -la # trailing", "a#b", "echo 'single' \"double $HOME ${x:-y} $(pwd) `date`\" $'a\\'b' $\"x\"",
	"if [ -f x ]; then\n  echo yes\nelif true; then :\nelse\n  exit 1\nfi", "for i in $(seq 1 10); do echo $i; done", "while read -r line; do :; done < file",
	"case $1 in\n  a|b) echo ab ;;\n  *) echo other ;;\nesac", "function f() { local x=1; return 0; }", "done", "fi;", "if\n\nthen", "ifx", "xif", "do_it", "echo\tx", "echo", "echo)", "(echo)", "`echo`", "type typeset times time",
	"X=1 Y+=2 z =3 w\n=4 a+b=c", "export PATH=$PATH:/usr/bin", "arr=(1 2 3); echo ${arr[@]} ${#arr} ${x:=y} ${x/a/b} ${x%.*}", "$((1 + 2 * 3 ** 2 / 4 % 5)) $((16#ff)) $((2# )) $((x|y))",
	"cat <<EOF\nhello $name\nEOF\n", "cat <<-'EOF'\n\tx\n\tEOF", "cat <<\\EOF\nx\nEOF", "cat << EOF\nno end", "cat <<EOFX\nEOF", "x <<< \"$y\"", "a && b || c | d ; e & f", "a < b > c 2>&1 >> d",
	"echo \"open", "echo 'open", "echo $'open", "echo \"a\\", "echo \\", "echo \\\n  -n", "echo \"multi\nline\"", "echo \"$\"", "echo $ $1 $12 $# $$ $? $! $_ $* $@ $- $٣ $é",
	"echo \"${a}b$(c \"d\" $((1+1)))\"", "$(echo $(echo `echo x`))", "${", "$(", "$((", "\"", "`", "a=\"$(cmd)\"", "1 22 333x 4", "x 5\n6", "[[ $a == b ]] {x} =", "é=1 ü+=2", "\u00a0x\u3000y",
	"$ kubectl get pods\nNAME READY\n", "go test -run '^$' -bench . ./...", "curl -s -o /dev/null -w '%{http_code}\\n' \"$URL\"",
}

func TestBashScannerMatchesChroma(t *testing.T) {
	files := filesUnder([]string{goModCache()}, "*.sh", "*.bash", "*.zsh")
	pieces := piecesOf(t, files, maxSampleFiles())
	pieces = append(pieces, piecesOf(t, chromaTestdata("bash*.actual"), 10)...)
	pieces = append(pieces, fencedBlocks(t, "sh", "bash", "shell", "zsh")...)
	pieces = append(pieces, bashCorners...)
	runScannerTest(t, bashScanner, pieces, 0.9)
}

func FuzzBashScanner(f *testing.F) {
	for _, s := range bashCorners {
		f.Add(s)
	}
	c := NewChroma()
	f.Fuzz(func(t *testing.T, code string) {
		checkScanner(t, c, bashScanner, code)
	})
}

var consoleScanner = scannerCase{"console", "Bash Session", lexConsole}

var consoleCorners = []string{
	"", "\n", "$", "$ ls", "$ ls\n", "$ ls\nfile\n\n$ cd /\n", "# apt-get update\n> continued\n% zsh\n", "output only", "$\n\nls\n", "$   \n",
	"[user@host ~]$ ls -la\n[user@host ~]# id\n[a@b] $ x\n[a@b]  $ x\n[@b]$ x\n[a@]$ x\n[a@b@c]$ x\n[a\n@b]$ x\n[ab]$ x\n[a@b]\n$ x\n[a@b]x",
	"$ #!/bin/sh\n$ echo \"open\nstill\n", "$ cat <<EOF\nbody\nEOF\n", " $ indented", "$ echo $HOME # c", ">>> python", "$ x\r\n",
}

// consoleSessions makes shell sessions of real commands: the lines of
// shell scripts, every other one behind a prompt, the others as output.
func consoleSessions(pieces []string) []string {
	var out []string
	for _, p := range pieces {
		lines := strings.SplitAfter(p, "\n")
		for i := range lines {
			if i%2 == 0 && lines[i] != "" {
				lines[i] = []string{"$ ", "# ", "[dev@box src]$ ", "% "}[i/2%4] + lines[i]
			}
		}
		out = append(out, strings.Join(lines, ""))
	}
	return out
}

func TestConsoleScannerMatchesChroma(t *testing.T) {
	files := filesUnder([]string{goModCache()}, "*.sh", "*.bash")
	pieces := consoleSessions(piecesOf(t, files, maxSampleFiles()))
	pieces = append(pieces, piecesOf(t, chromaTestdata("bash-session*.actual"), 10)...)
	pieces = append(pieces, fencedBlocks(t, "console", "shell-session", "sh", "bash")...)
	pieces = append(pieces, consoleCorners...)
	runScannerTest(t, consoleScanner, pieces, 0.9)
}

func FuzzConsoleScanner(f *testing.F) {
	for _, s := range consoleCorners {
		f.Add(s)
	}
	c := NewChroma()
	f.Fuzz(func(t *testing.T, code string) {
		checkScanner(t, c, consoleScanner, code)
	})
}

// benchScanners are the scanners the benchmark measures, each on a
// file of chroma's module (its test input for the lexer): its first 40 lines, repeated to
// at least 2 KB, the size of a long code block.
var benchScanners = []struct {
	sc   scannerCase
	file string
}{
	{jsonScanner, "lexers/testdata/json.actual"},
	{yamlScanner, "lexers/testdata/yaml.actual"},
	{bashScanner, "lexers/testdata/bash.actual"},
	{consoleScanner, "lexers/testdata/bash-session.actual"},
	{dockerScanner, "Dockerfile"},
	{pythonScanner, "lexers/testdata/python/test_complex_file1.actual"},
	{rustScanner, "lexers/testdata/rust/rust.actual"},
	{typescriptScanner, "lexers/testdata/typescript.actual"},
}

// BenchmarkScanners compares each scanner with chroma's own lexer: lex is
// the tokens alone, html the whole of Highlight (blog's formatter
// either way); ns/B is the time per byte of code.
func BenchmarkScanners(b *testing.B) {
	c := NewChroma()
	root := filepath.Join(goModCache(), "github.com", "alecthomas", "chroma", "v2@v2.27.0")
	for _, bs := range benchScanners {
		piece := piecesOf(b, []string{filepath.Join(root, bs.file)}, 1)[0]
		code := piece
		for len(code)+len(piece) <= 2048 || len(code) < 2048 && len(code)+len(piece) <= maxScanned {
			code += "\n" + piece
		}
		if _, ok := bs.sc.scan(code); !ok {
			b.Fatalf("the %s scanner does not take its benchmark input", bs.sc.lexer)
		}
		lexer := chroma.Coalesce(lexers.Get(bs.sc.fence))
		run := func(name string, f func()) {
			b.Run(bs.sc.lexer+"/"+name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(code)))
				for b.Loop() {
					f()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(code)), "ns/B")
			})
		}
		run("lex/scanner", func() { bs.sc.scan(code) })
		run("lex/chroma", func() {
			if _, err := chroma.Tokenise(lexer, nil, code); err != nil {
				b.Fatal(err)
			}
		})
		run("html/scanner", func() { c.Highlight(bs.sc.fence, []byte(code)) })
		run("html/chroma", func() { chromaHTML(b, c, bs.sc.fence, code) })
	}
}

var dockerScanner = scannerCase{"dockerfile", "Docker", lexDockerfile}

var dockerCorners = []string{
	"", "\n", "\n\n", "FROM golang:1.22 AS build\nWORKDIR /app/\nCOPY . .\nRUN go build -o /x ./cmd/x\n\nFROM scratch\nCOPY --from=build /x /x\nENTRYPOINT [\"/x\"]\n",
	"from alpine as base\nrun apk add --no-cache git \\\n    make \\\n\n", "RUN a \\\n", "RUN a \\", "RUN \\\n\\\n", "FROM", "FROM ", "FROM \n", "FROM x AS", "FROM x AS \n", "FROM x as y z", "FROM x/ AS y/", "FROM\nx", "FROMX y", "FROM x  AS y",
	"CMD [\"a\", \"b\"]", "CMD [\"open]", "CMD [\"open", "CMD [1, {\"a\": 2}] # c", "CMD echo hi", "CMD \\\n  [\"x\"]", "ENTRYPOINT [ ]", "SHELL [\"/bin/sh\", \"-c\"]", "VOLUME /data", "VOLUME [\"/data\"]",
	"ENV A=b C=d\nENV E f\nARG V=1\nLABEL a=b c=\"d\"\nLABEL \\\n  a=b \\\n  c=d", "ENVIRONMENT=1", "HEALTHCHECK --interval=30s --timeout=3s \\\n  CMD curl -f http://localhost/ || exit 1", "HEALTHCHECK NONE", "ONBUILD RUN make", "ONBUILD\\\n ADD . /src",
	"EXPOSE 8080/tcp 9090", "USER nobody:nogroup", "STOPSIGNAL SIGTERM", "MAINTAINER a <b@c>", "ADD https://x/y.tgz /opt/", "# syntax=docker/dockerfile:1\n# comment\nRUN x # not a comment", "  RUN indented", "RUN echo 'a' \"$B\" ${C:-d}",
	"FROM İmage", "FROM \u212aelvin", "RUN ſ", "FROM x\u00a0AS y", "RUN café", "copy a b", "Run x", "#", "x#y", "\\", "RUN x\n\\\n",
}

// dockerfiles makes Dockerfiles around real shell code: each piece of a
// shell script becomes the RUN instruction of a small image, its lines
// joined by backslashes.
func dockerfiles(pieces []string) []string {
	var out []string
	for i, p := range pieces {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasSuffix(l, "\\") {
				lines = append(lines, l)
			}
		}
		if len(lines) > 12 {
			lines = lines[:12]
		}
		base := []string{"golang:1.22-alpine AS build", "debian:bookworm-slim", "python:3.12", "node:22 as web"}[i%4]
		out = append(out, "# syntax=docker/dockerfile:1\nFROM "+base+"\nARG VERSION=dev\nENV CGO_ENABLED=0 GOOS=linux\nWORKDIR /src\nCOPY go.mod go.sum ./\n"+
			"RUN "+strings.Join(lines, " \\\n    ")+"\nEXPOSE 8080\nUSER 65532:65532\nHEALTHCHECK --interval=30s CMD wget -qO- localhost:8080/healthz || exit 1\n"+
			[]string{"CMD [\"/app\", \"serve\"]\n", "ENTRYPOINT [\"/app\"]\n", "CMD /app serve\n", "VOLUME /data\n"}[i%4])
	}
	return out
}

func TestDockerScannerMatchesChroma(t *testing.T) {
	goroot, _ := exec.Command("go", "env", "GOROOT").Output()
	files := filesUnder([]string{goModCache(), filepath.Join(strings.TrimSpace(string(goroot)), "src"), "/usr/lib"}, "Dockerfile", "Dockerfile.*", "*.dockerfile", "Containerfile")
	var pieces []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// Every window of 10 lines, 3 lines apart: there are few
		// Dockerfiles on a machine.
		lines := strings.SplitAfter(string(data), "\n")
		for i := 0; i < len(lines); i += 3 {
			pieces = append(pieces, strings.Join(lines[i:min(i+10, len(lines))], ""))
		}
	}
	t.Logf("%d Dockerfiles", len(files))
	scripts := filesUnder([]string{goModCache()}, "*.sh")
	pieces = append(pieces, dockerfiles(piecesOf(t, scripts, maxSampleFiles()))...)
	pieces = append(pieces, fencedBlocks(t, "dockerfile", "docker", "Dockerfile")...)
	pieces = append(pieces, dockerCorners...)
	runScannerTest(t, dockerScanner, pieces, 0.9)
}

func FuzzDockerScanner(f *testing.F) {
	for _, s := range dockerCorners {
		f.Add(s)
	}
	c := NewChroma()
	f.Fuzz(func(t *testing.T, code string) {
		checkScanner(t, c, dockerScanner, code)
	})
}

var pythonScanner = scannerCase{"python", "Python", lexPython}

var pythonCorners = []string{
	"", "#!/usr/bin/env python3\nprint('hi')\n", "#!", "x = 1 # c\n", "def f(a, b=2, *args, **kw):\n    return a\n", "def __init__(self): pass", "def\\\n f(): pass", "def (", "class A(B):\n    x: int = 0\n", "class (x)", "class\nx",
	"import os, sys as system\nfrom os.path import join\nfrom . import x\nfrom None import y\nimport a.b.c as d", "from\n", "import\n", "async def f():\n    await g()\n    async for x in y: yield from z\n", "yield  from x",
	"x = 1 + 2.5 - 3e10 * 4J / 0x1F // 0o17 % 0b101 ** 1_000_000 @ .5 1. 1.e5 1_0.0_1e-1_0 0x_1 0xg 1e5j 1__0 ٣ 1.2.3", "a != b == c << d >> e := f ~g & h | i ^ j -> k <= l >= m",
	"'s' \"d\" '''t''' \"\"\"T\"\"\" r'\\d' R\"\\d\" b'x' B\"x\" u'x' U'x' br'x' Rb'x' rB\"\"\"x\"\"\" ur'x' bu'x'", "'\\n\\t\\x41\\u00e9\\U0001F600\\N{BULLET}\\101\\q\\\\\\''", "'open\nx = 1", "\"open\\\nstill\"", "'''open\nstill",
	"'%s %d %(name)s %-5.2f %%' % x", "'{} {0} {name} {x.y} {a[0]} {0!r} {x:>10} {x:*^10,.2f} {:} {{}} {' .format(1)", "'{x:<}' '{x:=<5}' '{x' '%' '%l' '%(x' '{0[}'",
	"f'{x}' f\"{x!r:>{w}}\" f'{a == b}' f'{x=}' f'{x = !r}' f'{{literal}}' f'{d[\"k\"]}' f'{f(a, b)}' f'{x:{y}}' rf'{x}\\d' fR'x' F'''{\nx\n}'''", "f'{x", "f'{", "f'}'", "f'{x\n}'",
	"@decorator\n@a.b . c(1)\n@ x\ndef f(): pass", "x.print(self.len, cls, print, len(x), ValueError, x.ValueError, __init__, __name__, __file__.x)", "if x in y and not z or a is b: pass\nelif w: lambda: None\nelse: ...",
	"match x:\n    case [1, 2]: pass\n    case _: pass", "True False None TrueX", "x = $ ? `", "\\\nx", "x \\ y", "print(f\"{'nested'}\")", "é = 1; 変数 = é²", "x\u00a0= 1", "{,2}", "r{,2}\"\"\"x\"\"\"",
	"'\\N{x' '\\N' '\\u12' '\\x4' '\\777' '\\8'", "def f(x):\n    \"\"\"Doc.\n\n    More.\n    \"\"\"\n    return {'a': [1, (2, 3)]}\n",
}

func TestPythonScannerMatchesChroma(t *testing.T) {
	libs, _ := filepath.Glob("/usr/lib/python3*")
	files := filesUnder(append(libs, goModCache()), "*.py")
	// Python's files are long: half as many give as many pieces.
	pieces := piecesOf(t, files, maxSampleFiles()/2)
	root := filepath.Join(goModCache(), "github.com", "alecthomas", "chroma", "v2@v2.27.0", "lexers", "testdata", "python")
	pieces = append(pieces, piecesOf(t, filesUnder([]string{root}, "*.actual"), 100)...)
	pieces = append(pieces, fencedBlocks(t, "python", "py", "python3")...)
	pieces = append(pieces, pythonCorners...)
	runScannerTest(t, pythonScanner, pieces, 0.9)
}

func FuzzPythonScanner(f *testing.F) {
	for _, s := range pythonCorners {
		f.Add(s)
	}
	c := NewChroma()
	f.Fuzz(func(t *testing.T, code string) {
		checkScanner(t, c, pythonScanner, code)
	})
}

var rustScanner = scannerCase{"rust", "Rust", lexRust}

var rustCorners = []string{
	"", "fn", "fn main() {\n    println!(\"Hello, {}!\", name);\n}\n", "#!/usr/bin/env rust\nfn x() {}", "#![allow(dead_code)]\n#[derive(Debug, Clone)]\n#[cfg(all(unix, feature = \"x\"))]\nstruct S<'a, T: Clone> { x: &'a T, y: Vec<u8> }",
	"//! crate doc\n/// item doc\n//// not doc\n// comment\n/** block doc */\n/*! inner */\n/* a /* nested */ b */\n/**/ /***/", "/* open", "/** open", "//", "///", "// no newline",
	"let x: i32 = 0b1010_1010u8 + 0o17 + 0xFFi64 + 1_000 + 1.5e10f32 + 2.0 + 3. + 4e5 + 1..2 + 1..=3 + 1.5.abs() + 1.25.x + 0.1f64 + 7usize + 8i128 + 9u;",
	"'a' '\\n' '\\x7f' '\\x80' '\\0' '\\u{1F600}' '\\u{}' '\\'' '\\'x b'a' b'\\xff' b'\\u{1}' '' 'ab' '\n'", "\"str \\\" \\n \\x41 \\u{41} \\q \\\n\" b\"bytes \\xff \\x7f\" r\"raw\" r#\"raw \"#\" br##\"x\"## r#\"open", "\"open",
	"impl<T> Trait for S<T> where T: Default {\n    fn f(&self) -> Self { Self::default() }\n    default fn g() {}\n    default type X = u8;\n}", "mod a;\nmod\n{}\nuse std::io::{self, Write};\npub(crate) async unsafe extern \"C\" fn f() {}",
	"'outer: loop { break 'outer; continue; break  'x }", "fn f<'a>(x: &'a str, y: &'static str, z: &'_ u8) -> Option<&'a str> { None }", "const MAX_SIZE: usize = 10; static _FOO_BAR: u8 = 1; r#type; r#A_B; AB; A; A_b; HTTP2",
	"format!(\"{x:?} {{}} {0} {\" , x); eprintln!  ( \"e\" ); panic!(\"{}\", 1); todo!(); unreachable!(\"x\"); vec![1, 2]; my_macro!{}; assert_eq!(a, b);", "$x $( $(, $) $), $ $,", "x = a? + !b ~ c @ d # e",
	"é = 1; `x` \\ ", "let s: String = String::from(\"x\"); let v: Vec<Box<dyn Fn()>> = vec![];", "struct\nX;", "enum E { A, B(u8), C { x: i32 } }", "x.0.1", "::std", ":: x", "a::<T>()", "'static", "'", "b", "r", "br", "r#",
}

func TestRustScannerMatchesChroma(t *testing.T) {
	// Debian's rust-src package holds the sources of Rust's standard
	// library and compiler; without it, few Rust files are on a machine.
	srcs, _ := filepath.Glob("/usr/src/rustc-*")
	files := filesUnder(append(srcs, goModCache()), "*.rs")
	pieces := piecesOf(t, files, maxSampleFiles())
	root := filepath.Join(goModCache(), "github.com", "alecthomas", "chroma", "v2@v2.27.0", "lexers", "testdata", "rust")
	pieces = append(pieces, piecesOf(t, filesUnder([]string{root}, "*.actual"), 100)...)
	pieces = append(pieces, fencedBlocks(t, "rust", "rs")...)
	pieces = append(pieces, rustCorners...)
	runScannerTest(t, rustScanner, pieces, 0.9)
}

func FuzzRustScanner(f *testing.F) {
	for _, s := range rustCorners {
		f.Add(s)
	}
	c := NewChroma()
	f.Fuzz(func(t *testing.T, code string) {
		checkScanner(t, c, rustScanner, code)
	})
}

var typescriptScanner = scannerCase{"typescript", "TypeScript", lexTypeScript}

var typescriptCorners = []string{
	"", "x", "let x: number = 1;\nconst y = x / 2 / 3;\nconst re = /ab+c/gi.test(s);\n", "/regex/", "/re/x", "/re/gx", "/[/]/", "/[a\\]/", "/a\\/b/", "/open\n", "/\n", "x = /=/; y = a / b / c", "  /indented/g\n",
	"function f<T>(x: T): Array<T> { return [x]; }", "const m = new Map<string, number[]>();", "a < b && c > d", "a <= b >= c << 1 >> 2 >>> 3 === 4 !== 5 ** 6 ?? 7 ?. x => y", "x++ --y ~z !w a ||= b &&= c",
	"interface A extends B { readonly x?: string; y: number | undefined }\ntype T = keyof A;\nenum E { A = 1 }\nnamespace N {}\ndeclare module \"foo\" {\n}\nmodule \"x/y@z\" \n",
	"class C extends D implements I {\n  constructor(private a: string) { super(a); }\n  get x() { return this.a }\n  static async m() {}\n}", "@Component({selector: 'app'})\nexport class X {}", "@", "#private", "a\\\nb", "\\",
	"`template ${a + `nested ${b}`} \\` \\\\ \\x $ $$ end`", "`open ${", "`open", "\"open", "'open", "\"a\\\"b\" 'c\\'d' \"\\\\\"", "// line\n/* block\n */ /* open", "<!-- html --> x", "<!-- open",
	"const el = <div className=\"a\" onClick={() => f({a: 1})} {...props}>text</div>;", "<></>", "<Foo.Bar x='1' y=\"2\" z={3} />", "</div>", "</ div>", "<a-b c-d=1>", "<x\n  y={1}\n>",
	"1 1.5 1.5e10 1.5e 1.5f 2d 0x1F 0x 1. .5 1_000", "foo() {\n}", "foo.bar() {}", "$x: number", "a : b", "a?: b", "é: 1", "x = a ? b : c", "this.x; window.document; Math.PI; undefined; NaN",
	"import { a, b as c } from './x';\nexport default function () {}\nexport * from 'y';", "for (const k in o) {} for (const v of a) {} while (x) { break; continue; }", "switch (x) { case 1: default: }",
	"try { throw new Error('x') } catch (e) { } finally { }", "async function* g() { yield await x; }", "let s: string | bigint | symbol | unknown | never | any | object;", "x as unknown as T", "x satisfies T",
}

func TestTypeScriptScannerMatchesChroma(t *testing.T) {
	roots := []string{goModCache()}
	if extra := os.Getenv("BLOG_TS_SAMPLES"); extra != "" {
		roots = append(roots, extra) // more TypeScript, such as an unpacked npm package
	}
	files := filesUnder(roots, "*.ts", "*.tsx")
	pieces := piecesOf(t, files, maxSampleFiles())
	pieces = append(pieces, piecesOf(t, chromaTestdata("typescript*.actual"), 10)...)
	pieces = append(pieces, fencedBlocks(t, "typescript", "ts", "tsx")...)
	pieces = append(pieces, typescriptCorners...)
	runScannerTest(t, typescriptScanner, pieces, 0.9)
}

func FuzzTypeScriptScanner(f *testing.F) {
	for _, s := range typescriptCorners {
		f.Add(s)
	}
	c := NewChroma()
	f.Fuzz(func(t *testing.T, code string) {
		checkScanner(t, c, typescriptScanner, code)
	})
}

// TestLetterClassesAreRegexp2s checks the classes pyIdent uses against
// regexp2's \p{L} and \p{N}, for every code point.
func TestLetterClassesAreRegexp2s(t *testing.T) {
	if testing.Short() {
		t.Skip("every code point")
	}
	var all []rune
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if utf8.ValidRune(r) {
			all = append(all, r)
		}
	}
	for _, cl := range []struct {
		re string
		in func(rune) bool
	}{{`\p{L}`, unicode.IsLetter}, {`\p{N}`, unicode.IsNumber}} {
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
			if inClass[r] != cl.in(r) && bad < 10 {
				t.Errorf("%s: U+%04X: regexp2 %t, Go %t", cl.re, r, inClass[r], cl.in(r))
				bad++
			}
		}
	}
}
