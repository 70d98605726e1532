package images

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	nethtml "golang.org/x/net/html"
)

// tokenTag is a tag as the tokenizer reads it.
type tokenTag struct {
	start, end int
	name       string
	tt         nethtml.TokenType
}

// tokenizerTags are the tags of page as the tokenizer reads them, and
// whether its tokens cover the whole page.
func tokenizerTags(page []byte) ([]tokenTag, bool) {
	var out []tokenTag
	z := nethtml.NewTokenizer(bytes.NewReader(page))
	pos := 0
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			return out, pos == len(page)
		}
		at := pos
		pos += len(z.Raw())
		if tt == nethtml.StartTagToken || tt == nethtml.SelfClosingTagToken || tt == nethtml.EndTagToken {
			name, _ := z.TagName()
			out = append(out, tokenTag{at, pos, string(name), tt})
		}
	}
}

// scannedTags are the tags eachTag finds, with their types as rewrite
// takes them, and whether it read the page.
func scannedTags(page []byte) ([]tokenTag, bool) {
	var out []tokenTag
	ok := eachTag(page, func(t tag) {
		out = append(out, tokenTag{t.start, t.end, asciiLower(t.name), startType(page, t)})
	})
	return out, ok
}

// asciiLower lowers ASCII letters only and makes NUL U+FFFD, as the
// tokenizer's TagName does.
func asciiLower(b []byte) string {
	out := bytes.ReplaceAll(b, []byte{0}, []byte("\uFFFD"))
	for i, c := range out {
		if 'A' <= c && c <= 'Z' {
			out[i] = c + 'a' - 'A'
		}
	}
	return string(out)
}

func equalTags(a, b []tokenTag) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// addTagSeeds seeds the fuzz tests of package images: the test pages and
// the corners of the tokenizer eachTag must follow.
func addTagSeeds(f *testing.F) {
	ins, _ := filepath.Glob("testdata/*.in.html")
	for _, in := range ins {
		b, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`<p>a<img src="icon.png">b</p>`, `<IMG SRC=cover.jpg/>`, `<img src="x"`, `<!-- <img src=a> -->`, `<!--> <img src=a>`,
		`<!---> <img>`, `<!-- a --!> <img src=b>`, `<!-- a --!-> <img src=c> -->`, `<!-- -- > <img> -->`,
		`<a href=x/>`, `<a href="x"/>`, `<a/>`, `<a / >`, `<a b=/>`, `<picture/><img src=a>`, `<a title='>'><img src=a></a>`,
		`<a ==x>`, `<a = x>`, `<a x = "y>z">`, `<a x=y z=w/>`, `<A HREF=x></A >`, `</a b="<img src=q>">`, `</a`, `</`, `<`,
		`a < b <img src=x>`, `<3 <img src=x>`, `<p a= >`, `<p a=>`, "<p\ta\n=\f'x'\r>",
		`<script>"<img src=a>"</script><img src="icon.png">`, "<a href=x><picture><img src=screenshot.png></picture></a>\r\n<img",
		`<img src="icon.png"><textarea><img src=x></textarea>`, "<img src=\x00>", `<p><img src="../shared/a.jpeg" alt="<>"></p><`,
		`<img src=a src=b>`, `<img SRC="a" src="b">`, `<img src="a&amp;b">`, `<?xml?><img>`, `<!doctype html><img>`,
	} {
		f.Add([]byte(s))
	}
}

// Where eachTag reads a page, it finds the tokenizer's tags, bounds and
// types: rewrite and Sources take nothing else from it.
func FuzzEachTagFindsTheTokenizersTags(f *testing.F) {
	addTagSeeds(f)
	f.Fuzz(func(t *testing.T, page []byte) {
		got, ok := scannedTags(page)
		if !ok {
			return // the tokenizer reads it
		}
		want, whole := tokenizerTags(page)
		if !whole || !equalTags(got, want) {
			t.Fatalf("eachTag(%q) =\n%v\nthe tokenizer reads (whole %v)\n%v", page, got, whole, want)
		}
	})
}

// Sources gives what the tokenizer gives, read either way.
func FuzzSourcesAreTheTokenizers(f *testing.F) {
	addTagSeeds(f)
	f.Fuzz(func(t *testing.T, page []byte) {
		var want []string
		if hasImg(page) {
			want = sourcesByTokens(page)
		}
		got := Sources(page)
		if len(got) != len(want) {
			t.Fatalf("Sources(%q) = %q, the tokenizer gives %q", page, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("Sources(%q) = %q, the tokenizer gives %q", page, got, want)
			}
		}
	})
}

// A post's HTML, images, links, comments and all, is read by eachTag,
// not handed to the tokenizer; raw HTML with a <script> is.
func TestPostHTMLIsReadWithoutTheTokenizer(t *testing.T) {
	for name, want := range map[string]bool{"post.en": true, "post.ko": true, "raw.en": false, "raw.ko": false} {
		page, err := os.ReadFile(filepath.Join("testdata", name+".in.html"))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := scannedTags(page)
		if ok != want {
			t.Errorf("%s: eachTag read it: %v, want %v", name, ok, want)
		}
		if ok {
			if tokens, _ := tokenizerTags(page); !equalTags(got, tokens) {
				t.Errorf("%s: eachTag's tags are not the tokenizer's", name)
			}
		}
	}
	page := []byte("<p>x<!--more--></p>\n<p><a href=\"/a\"><img src=\"a.png\" alt=\"a\"></a></p>\n<pre><code>&lt;img src=&quot;no&quot;&gt;</code></pre>")
	if _, ok := scannedTags(page); !ok {
		t.Error("eachTag gave up on a comment")
	}
	if got := Sources(page); len(got) != 1 || got[0] != "a.png" {
		t.Errorf("Sources = %q", got)
	}
}
