package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"testing"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

var updateCSS = flag.Bool("update-css", false, "rewrite chroma.css from chroma's styles")

// The stylesheet blog writes is what chroma's styles give; with
// -update-css (after an update of chroma) it is written again.
func TestStyleSheetIsChromas(t *testing.T) {
	want, err := makeStyleSheet()
	if err != nil {
		t.Fatal(err)
	}
	if *updateCSS {
		if err := os.WriteFile("chroma.css", want, 0o644); err != nil {
			t.Fatal(err)
		}
		styleSheet = want
	}
	got, _ := StyleSheet()
	if !bytes.Equal(got, want) {
		t.Fatal("chroma.css is not what chroma's styles give; run go test ./internal/markdown -run TestStyleSheetIsChromas -update-css")
	}
}

// makeStyleSheet makes the CSS for highlighted code: the light style by
// default, the dark one when the system prefers dark (unless the page says
// data-theme="light") or when the page says data-theme="dark".
func makeStyleSheet() ([]byte, error) {
	f := chromahtml.New(chromahtml.WithClasses(true))
	var light, dark bytes.Buffer
	if err := f.WriteCSS(&light, styles.Get(LightStyle)); err != nil {
		return nil, err
	}
	if err := f.WriteCSS(&dark, styles.Get(DarkStyle)); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "/* Code highlighting: chroma styles %q (light) and %q (dark). */\n", LightStyle, DarkStyle)
	out.Write(light.Bytes())
	out.WriteString("@media (prefers-color-scheme: dark) {\n")
	out.Write(scope(dark.Bytes(), `:root:not([data-theme="light"]) `))
	out.WriteString("}\n")
	out.Write(scope(dark.Bytes(), `:root[data-theme="dark"] `))
	return out.Bytes(), nil
}

// scope puts prefix before every ".chroma" or ".bg" selector of css. It
// starts with a rule that undoes the light style's token colours, as the
// dark style leaves some tokens (punctuation in github-dark) unstyled and
// they would keep a dark-on-dark colour.
func scope(css []byte, prefix string) []byte {
	var out bytes.Buffer
	out.WriteString(prefix + ".chroma span { color: inherit; background-color: transparent; font-weight: inherit; font-style: inherit; text-decoration: inherit }\n")
	for _, line := range bytes.SplitAfter(css, []byte("\n")) {
		i := bytes.Index(line, []byte("*/ "))
		if i >= 0 {
			out.Write(line[:i+3])
			line = line[i+3:]
		}
		if len(line) > 0 && line[0] == '.' {
			out.WriteString(prefix)
		}
		out.Write(line)
	}
	return out.Bytes()
}
