// Package cache keeps work between builds in content-addressed stores
// (Store): highlighted code (Highlight, so that a code block is never
// highlighted twice: highlighting is most of the cost of rendering a
// developer blog), and, for package site and content, rendered post
// bodies and rendered pages.
//
// # Rules
//
// A store is content-addressed: an entry's key is a hash of everything it
// was made from (for highlighted code: the code, its language and Version),
// so an entry can never be stale, only unused. Each store lives in a
// folder of its own (.blogcache/highlight/, body/ and page/ in the site by
// default) that git should ignore and that is safe to delete at any time: a
// missing, partial or damaged store only means work is done again. blog
// build and blog serve share them, and CI can restore them (actions/cache).
// Store.Prune drops the entries a whole build did not use once they take
// more room than those it did.
//
// It is the one place besides package publish that writes files, and it
// writes only inside its folders: a data file that entries are appended to
// and an index of fixed-size records. Writers take an exclusive lock file,
// so a build and a server on the same site do not mix their writes.
package cache

import (
	"os"

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

// Open opens (or starts) the cache in the folder root, in front of next;
// a nil root keeps it in memory.
func Open(root *os.Root, next markdown.HighlightFunc) *Highlight {
	return &Highlight{st: OpenStore(root, Version), next: next}
}

// Highlight is the cached HighlightFunc. A language without a lexer is
// remembered as an empty entry.
func (h *Highlight) Highlight(lang string, code []byte) ([]byte, bool) {
	k := MakeKey([]byte(lang), code)
	if out, ok := h.st.GetBytes(k); ok {
		if len(out) == 0 {
			return nil, false
		}
		return out, true
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
