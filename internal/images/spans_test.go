package images

import (
	"bytes"
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
	addTagSeeds(f)
	f.Fuzz(func(t *testing.T, page []byte) {
		for _, eager := range []bool{true, false} {
			want := rewriteByTokens(page, testLookup, eager)
			if got := rewrite(page, testLookup, eager); !bytes.Equal(got, want) {
				t.Fatalf("rewrite(%q, eager %v) =\n%q\nthe tokens give\n%q", page, eager, got, want)
			}
		}
	})
}
