package site

import (
	"crypto/sha256"
	"reflect"
	"strings"
	"testing"

	"blog/internal/search"
)

// A key is the hash of its value's whole layout, though the layout is
// hashed as it is made, a chunk at a time, and never held whole.
func TestKeysAreHashedAsTheyAreLaidOut(t *testing.T) {
	docs := make([]*search.Doc, 3000)
	for i := range docs {
		docs[i] = &search.Doc{URL: "/posts/" + strings.Repeat("x", i%50) + "/", Title: "제목", Tags: []string{"go", "쿠버네티스"}, Summary: strings.Repeat("요약 ", i%40)}
	}
	v := struct {
		Docs  []*search.Doc
		Names map[string]int
	}{docs, map[string]int{"b": 2, "a": 1}}
	var whole hasher // no running sum: the layout is kept whole
	if err := whole.value(reflect.ValueOf(v), 0); err != nil {
		t.Fatal(err)
	}
	if len(whole.buf) < 4*hashChunk {
		t.Fatalf("the layout is %d bytes, too small to test chunks of %d", len(whole.buf), hashChunk)
	}
	want := sha256.Sum256(whole.buf)
	var h hasher
	for range 2 { // the hasher is used again
		got, err := h.key(v)
		if err != nil {
			t.Fatal(err)
		}
		if string(got[:]) != string(want[:len(got)]) {
			t.Fatalf("key %x, want the hash of the layout %x", got, want)
		}
		if cap(h.buf) > 2*hashChunk {
			t.Errorf("the hasher held %d bytes at once, want at most about %d", cap(h.buf), hashChunk)
		}
	}
}
