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
// writes only inside its folder: a data file that entries are appended to
// and an index of fixed-size records. Writers take an exclusive lock on the
// index, so a build and a server on the same site do not mix their writes.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"blog/internal/markdown"
)

// Version names the highlighter's output format; changing the highlighter
// or its options must change it, so old entries are not used.
const Version = "chroma-v2.27.0/classes/tab4/v1"

const (
	keySize    = 16
	recordSize = keySize + 8 + 4 // key, offset, length
	dataFile   = "data"
	indexFile  = "index"
)

type key [keySize]byte

type entry struct {
	off int64
	n   uint32
}

// Highlight is a persistent cache of highlighted code.
type Highlight struct {
	dir     string
	next    markdown.HighlightFunc
	flushMu sync.Mutex // one Flush at a time

	mu      sync.Mutex
	index   map[key]entry // entries in the data file
	data    *os.File      // the data file, nil when there is none
	pending map[key][]byte
	order   []key // pending keys in the order they were made
	hits    int
	misses  int
}

// Open opens (or starts) the cache in dir, in front of next.
func Open(dir string, next markdown.HighlightFunc) (*Highlight, error) {
	h := &Highlight{dir: dir, next: next, index: map[key]entry{}, pending: map[key][]byte{}}
	if err := h.load(); err != nil {
		// A damaged cache is no reason to fail a build: start afresh.
		h.index = map[key]entry{}
		if h.data != nil {
			h.data.Close()
			h.data = nil
		}
	}
	return h, nil
}

func (h *Highlight) load() error {
	idx, err := os.ReadFile(filepath.Join(h.dir, indexFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	data, err := os.Open(filepath.Join(h.dir, dataFile))
	if err != nil {
		return err
	}
	st, err := data.Stat()
	if err != nil {
		data.Close()
		return err
	}
	h.data = data
	h.readIndex(idx, st.Size())
	return nil
}

// readIndex adds the records of idx whose data lies inside a data file of
// size bytes; a record past the end (an interrupted write) is ignored.
func (h *Highlight) readIndex(idx []byte, size int64) {
	for len(idx) >= recordSize {
		var k key
		copy(k[:], idx[:keySize])
		off := int64(binary.LittleEndian.Uint64(idx[keySize:]))
		n := binary.LittleEndian.Uint32(idx[keySize+8:])
		idx = idx[recordSize:]
		if off >= 0 && off+int64(n) <= size {
			h.index[k] = entry{off: off, n: n}
		}
	}
}

func makeKey(lang string, code []byte) key {
	s := sha256.New()
	s.Write([]byte(Version))
	s.Write([]byte{0})
	s.Write([]byte(lang))
	s.Write([]byte{0})
	s.Write(code)
	var k key
	copy(k[:], s.Sum(nil))
	return k
}

// Highlight is the cached HighlightFunc. A language without a lexer is
// remembered as an empty entry.
func (h *Highlight) Highlight(lang string, code []byte) ([]byte, bool) {
	k := makeKey(lang, code)
	h.mu.Lock()
	e, stored := h.index[k]
	out, made := h.pending[k]
	data := h.data
	h.mu.Unlock()
	switch {
	case made:
		h.count(true)
		return out, len(out) > 0
	case stored && e.n == 0:
		h.count(true)
		return nil, false
	case stored && data != nil:
		buf := make([]byte, e.n)
		if _, err := data.ReadAt(buf, e.off); err == nil {
			h.count(true)
			return buf, true
		}
	}
	h.count(false)
	out, ok := h.next(lang, code)
	if !ok {
		out = nil
	}
	h.mu.Lock()
	if _, dup := h.pending[k]; !dup {
		h.pending[k] = out
		h.order = append(h.order, k)
	}
	h.mu.Unlock()
	return out, ok
}

func (h *Highlight) count(hit bool) {
	h.mu.Lock()
	if hit {
		h.hits++
	} else {
		h.misses++
	}
	h.mu.Unlock()
}

// Stats reports hits and misses since Open.
func (h *Highlight) Stats() (hits, misses int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hits, h.misses
}

// Flush writes the entries made since the last Flush.
func (h *Highlight) Flush() error {
	h.flushMu.Lock()
	defer h.flushMu.Unlock()
	h.mu.Lock()
	type made struct {
		k   key
		out []byte
	}
	pending := make([]made, len(h.order))
	for i, k := range h.order {
		pending[i] = made{k, h.pending[k]}
	}
	h.mu.Unlock()
	if len(pending) == 0 {
		return nil
	}
	if err := os.MkdirAll(h.dir, 0o755); err != nil {
		return err
	}
	idx, err := os.OpenFile(filepath.Join(h.dir, indexFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer idx.Close()
	if err := syscall.Flock(int(idx.Fd()), syscall.LOCK_EX); err != nil {
		return err
	}
	defer syscall.Flock(int(idx.Fd()), syscall.LOCK_UN)

	data, err := os.OpenFile(filepath.Join(h.dir, dataFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	end, err := data.Seek(0, io.SeekEnd)
	if err != nil {
		data.Close()
		return err
	}
	var blob, records bytes.Buffer
	offsets := make([]int64, len(pending))
	for i, p := range pending {
		offsets[i] = end + int64(blob.Len())
		blob.Write(p.out)
		records.Write(p.k[:])
		binary.Write(&records, binary.LittleEndian, uint64(offsets[i]))
		binary.Write(&records, binary.LittleEndian, uint32(len(p.out)))
	}
	// Data first, then the index that points at it: an interruption in
	// between leaves unused bytes, never a record pointing at nothing.
	if _, err := data.Write(blob.Bytes()); err != nil {
		data.Close()
		return fmt.Errorf("highlight cache: %w", err)
	}
	if _, err := idx.Seek(0, io.SeekEnd); err != nil {
		data.Close()
		return err
	}
	if _, err := idx.Write(records.Bytes()); err != nil {
		data.Close()
		return fmt.Errorf("highlight cache: %w", err)
	}
	h.mu.Lock()
	for i, p := range pending {
		h.index[p.k] = entry{off: offsets[i], n: uint32(len(p.out))}
		delete(h.pending, p.k)
	}
	h.order = h.order[len(pending):]
	old := h.data
	h.data = data
	h.mu.Unlock()
	if old != nil {
		old.Close()
	}
	return nil
}

// Close flushes and releases the cache.
func (h *Highlight) Close() error {
	err := h.Flush()
	h.mu.Lock()
	if h.data != nil {
		h.data.Close()
		h.data = nil
	}
	h.mu.Unlock()
	return err
}
