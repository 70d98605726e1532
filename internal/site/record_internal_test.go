package site

import (
	"reflect"
	"testing"

	"blog/internal/cache"
)

// A record decodes to what was encoded; cut anywhere, or with a byte
// changed in its counts, it is refused or decodes to a record, and never
// panics.
func TestRecordEncoding(t *testing.T) {
	rc := &record{until: 1234567890, posts: 3, pages: 7,
		reads:    []readOp{{opRead, "content/posts/a.md"}, {opDir, "content/posts"}, {opLink, "content/posts/l.md"}},
		digests:  []cache.Key{cache.MakeKey([]byte("a")), cache.MakeKey([]byte("b")), cache.MakeKey([]byte("c"))},
		files:    []written{{path: "index.html", from: fromEntry, key: cache.MakeKey([]byte("p"))}, {path: "search/0.json", from: fromPart, key: cache.MakeKey([]byte("s")), part: 1, parts: 3}, {path: "a.png", from: fromSource, source: "content/posts/a.png"}},
		warnings: []string{"a warning"}}
	b := rc.encode()
	got, err := decodeRecord(b)
	if err != nil || !reflect.DeepEqual(got, rc) {
		t.Fatalf("decoded %+v, %v; want %+v", got, err, rc)
	}
	for n := range len(b) {
		if _, err := decodeRecord(b[:n]); err == nil {
			t.Errorf("a record cut to %d of %d bytes decodes", n, len(b))
		}
	}
	// A part that is not among its bundle's parts.
	for _, part := range []int32{-1, 3, 1 << 30} {
		bad := *rc
		bad.files = []written{{path: "search/0.json", from: fromPart, key: cache.MakeKey([]byte("s")), part: part, parts: 3}}
		if _, err := decodeRecord(bad.encode()); err == nil {
			t.Errorf("a record of part %d of 3 decodes", part)
		}
	}
	for i := len(recordMagic); i < len(b); i++ {
		c := append([]byte(nil), b...)
		c[i] ^= 0xff
		decodeRecord(c) // must not panic
	}
}

// A replay copies only what a build copies: files in static/ or content/,
// never a dot file or a path out of the folder, whatever the record says.
func TestCopiable(t *testing.T) {
	for p, want := range map[string]bool{
		"static/a.txt":            true,
		"content/posts/x/a.png":   true,
		".git/config":             false,
		"static/.env":             false,
		"content/.secret/a.png":   false,
		"../etc/passwd":           false,
		"static/../../etc/passwd": false,
		"/etc/passwd":             false,
		"blog.yaml":               false,
		"staticx/a":               false,
		"static//a":               false,
		"content/posts/./a.png":   false,
		"content\\..\\..\\a":      false,
	} {
		if got := copiable(p); got != want {
			t.Errorf("copiable(%q) = %t, want %t", p, got, want)
		}
	}
}
