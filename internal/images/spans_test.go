package images

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	nethtml "golang.org/x/net/html"
)

// rewriteByTokens is rewrite as it was first written, copying every token
// it passes on: the reference rewrite's spans must match byte for byte.
func rewriteByTokens(page []byte, lookup func(src string) (Source, bool), firstEager bool) []byte {
	if !hasImg(page) {
		return page
	}
	var out bytes.Buffer
	z := nethtml.NewTokenizer(bytes.NewReader(page))
	images, links, pictures := 0, 0, 0
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		raw := append([]byte(nil), z.Raw()...)
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken && tt != nethtml.EndTagToken {
			out.Write(raw)
			continue
		}
		name, hasAttr := z.TagName()
		switch string(name) {
		case "a":
			links = count(links, tt)
		case "picture":
			pictures = count(pictures, tt)
		case "img":
			if tt == nethtml.EndTagToken {
				break
			}
			var attrs []attr
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs = append(attrs, attr{string(k), string(v)})
			}
			writeImg(&out, attrs, bytes.HasSuffix(raw, []byte("/>")), firstEager && images == 0, links > 0, pictures > 0, lookup)
			images++
			continue
		}
		out.Write(raw)
	}
	return out.Bytes()
}

func FuzzRewriteWritesWhatTheTokensWrite(f *testing.F) {
	ins, _ := filepath.Glob("testdata/*.in.html")
	for _, in := range ins {
		b, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`<p>a<img src="icon.png">b</p>`, `<IMG SRC=cover.jpg/>`, `<img src="x"`, `<!-- <img src=a> -->`,
		`<script>"<img src=a>"</script><img src="icon.png">`, "<a href=x><picture><img src=screenshot.png></picture></a>\r\n<img",
		`<img src="icon.png"><textarea><img src=x></textarea>`, "<img src=\x00>", `<p><img src="../shared/a.jpeg" alt="<>"></p><`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		for _, eager := range []bool{true, false} {
			want := rewriteByTokens(page, testLookup, eager)
			if got := rewrite(page, testLookup, eager); !bytes.Equal(got, want) {
				t.Fatalf("rewrite(%q, eager %v) =\n%q\nthe tokens give\n%q", page, eager, got, want)
			}
		}
	})
}
