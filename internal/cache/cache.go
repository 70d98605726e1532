// Package cache keeps highlighted code between builds, so that a code
// block is never highlighted twice: highlighting is most of the cost of
// rendering a developer blog.
//
// # Rules
//
// The cache is content-addressed: an entry's key is a hash of the code,
// its language and Version (the highlighter and its options), so an entry
// can never be stale, only unused. It lives in a folder of its own
// (.blogcache/highlight/ in the site by default) that git should ignore and
// that is safe to delete at any time: a missing, partial or damaged cache
// only means work is done again. blog build and blog serve share it, and
// CI can restore it (actions/cache).
//
// It is the one place besides package publish that writes files, and it
// writes only inside its folders (Store): a data file that entries are
// appended to and an index of fixed-size records. Writers take an
// exclusive lock on the index, so a build and a server on the same site do
// not mix their writes.
package cache

import (
	"blog/internal/markdown"
)

// Version names the highlighter's output format; changing the highlighter
// or its options must change it, so old entries are not used.
const Version = "chroma-v2.27.0/classes/tab4/v1"

// Highlight is a persistent cache of highlighted code.
type Highlight struct {
	st   *Store
	next markdown.HighlightFunc
}

// Open opens (or starts) the cache in dir, in front of next.
func Open(dir string, next markdown.HighlightFunc) (*Highlight, error) {
	return &Highlight{st: OpenStore(dir, Version), next: next}, nil
}

// Highlight is the cached HighlightFunc. A language without a lexer is
// remembered as an empty entry.
func (h *Highlight) Highlight(lang string, code []byte) ([]byte, bool) {
	k := MakeKey([]byte(lang), code)
	if b, ok := h.st.Get(k); ok {
		if b.Len() == 0 {
			return nil, false
		}
		if out, err := b.Bytes(); err == nil {
			return out, true
		}
	}
	out, ok := h.next(lang, code)
	if !ok {
		out = nil
	}
	// A failed write is reported by Flush; the output is good either way.
	h.st.Put(k, out)
	return out, ok
}

// Stats reports hits and misses since Open.
func (h *Highlight) Stats() (hits, misses int) { return h.st.Stats() }

// Flush writes the entries made since the last Flush.
func (h *Highlight) Flush() error { return h.st.Flush() }

// Close flushes and releases the cache.
func (h *Highlight) Close() error { return h.st.Close() }
