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
	"runtime/debug"
	"sync"
	"syscall"
)

// Store is a folder of content-addressed entries: a data file that entries
// are appended to and an index of fixed-size records (key, offset,
// length). Entries are written by Flush, or as soon as the ones waiting
// pass a size, so a build of any size holds only a bounded part of them in
// memory. A Store is safe for concurrent use.
//
// A Store has a salt, written in the folder: opening it with another salt
// (a new version of what makes the entries) empties it, so entries that can
// no longer be used do not pile up.
type Store struct {
	dir     string
	salt    string
	flushMu sync.Mutex // one Flush at a time

	mu      sync.Mutex
	index   map[Key]entry // entries in the data file
	data    *os.File      // the data file, nil when there is none
	pending map[Key][]byte
	order   []Key // pending keys in the order they were made
	waiting int   // bytes pending
	hits    int
	misses  int
}

// Key names an entry: a hash of everything the entry was made from.
type Key [keySize]byte

// MakeKey hashes parts into a Key; each part is delimited, so ("ab", "c")
// and ("a", "bc") differ.
func MakeKey(parts ...[]byte) Key {
	s := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		s.Write(n[:])
		s.Write(p)
	}
	var k Key
	copy(k[:], s.Sum(nil))
	return k
}

const (
	keySize    = 16
	recordSize = keySize + 8 + 4 // key, offset, length
	dataFile   = "data"
	indexFile  = "index"
	saltFile   = "salt"
	// flushAt is how many bytes of new entries wait in memory before they
	// are written.
	flushAt = 8 << 20
)

type entry struct {
	off int64
	n   uint32
}

// OpenStore opens (or starts) the store in dir. It does not fail: a
// missing, damaged or differently salted store starts empty, and what
// cannot be written later is reported by Flush.
func OpenStore(dir, salt string) *Store {
	s := &Store{dir: dir, salt: salt, index: map[Key]entry{}, pending: map[Key][]byte{}}
	if old, err := os.ReadFile(filepath.Join(dir, saltFile)); err == nil && string(old) != salt ||
		errors.Is(err, fs.ErrNotExist) {
		// Entries made for another salt are of no use: start afresh.
		os.Remove(filepath.Join(dir, indexFile))
		os.Remove(filepath.Join(dir, dataFile))
		if os.MkdirAll(dir, 0o755) == nil {
			os.WriteFile(filepath.Join(dir, saltFile), []byte(salt), 0o644)
		}
		return s
	}
	if err := s.load(); err != nil {
		s.index = map[Key]entry{}
		if s.data != nil {
			s.data.Close()
			s.data = nil
		}
	}
	return s
}

func (s *Store) load() error {
	idx, err := os.ReadFile(filepath.Join(s.dir, indexFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	data, err := os.OpenFile(filepath.Join(s.dir, dataFile), os.O_RDWR, 0)
	if err != nil {
		return err
	}
	st, err := data.Stat()
	if err != nil {
		data.Close()
		return err
	}
	s.data = data
	s.readIndex(idx, st.Size())
	return nil
}

// readIndex adds the records of idx whose data lies inside a data file of
// size bytes; a record past the end (an interrupted write) is ignored.
func (s *Store) readIndex(idx []byte, size int64) {
	for len(idx) >= recordSize {
		var k Key
		copy(k[:], idx[:keySize])
		off := int64(binary.LittleEndian.Uint64(idx[keySize:]))
		n := binary.LittleEndian.Uint32(idx[keySize+8:])
		idx = idx[recordSize:]
		if off >= 0 && off+int64(n) <= size {
			s.index[k] = entry{off: off, n: n}
		}
	}
}

// Blob is an entry of a Store, read when asked: it holds no bytes itself,
// so many can be kept cheaply.
type Blob struct {
	s *Store
	k Key
	n int
}

// Len is the entry's size in bytes.
func (b Blob) Len() int { return b.n }

// Read returns n bytes of the entry from off.
func (b Blob) Read(off, n int) ([]byte, error) {
	if off < 0 || n < 0 || off+n > b.n {
		return nil, fmt.Errorf("cache: read of %d bytes at %d from an entry of %d", n, off, b.n)
	}
	s := b.s
	s.mu.Lock()
	if data, ok := s.pending[b.k]; ok {
		s.mu.Unlock()
		return data[off : off+n : off+n], nil
	}
	e, ok := s.index[b.k]
	f := s.data // open until Close
	s.mu.Unlock()
	if !ok || f == nil {
		return nil, fmt.Errorf("cache: entry gone from %s", s.dir)
	}
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, e.off+int64(off)); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return buf, nil
}

// Bytes reads the whole entry.
func (b Blob) Bytes() ([]byte, error) { return b.Read(0, b.n) }

// Get finds the entry under k.
func (s *Store) Get(k Key) (Blob, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if data, ok := s.pending[k]; ok {
		s.hits++
		return Blob{s, k, len(data)}, true
	}
	if e, ok := s.index[k]; ok && s.data != nil {
		s.hits++
		return Blob{s, k, int(e.n)}, true
	}
	s.misses++
	return Blob{}, false
}

// Put stores data under k, which must be a hash of what data was made
// from, and returns it as a Blob. The Store keeps data; the caller must not
// change it.
func (s *Store) Put(k Key, data []byte) (Blob, error) {
	s.mu.Lock()
	if _, dup := s.pending[k]; !dup {
		s.pending[k] = data
		s.order = append(s.order, k)
		s.waiting += len(data)
	}
	full := s.waiting >= flushAt
	s.mu.Unlock()
	b := Blob{s, k, len(data)}
	if full {
		return b, s.Flush()
	}
	return b, nil
}

// Stats reports hits and misses of Get since the Store was opened.
func (s *Store) Stats() (hits, misses int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits, s.misses
}

// Flush writes the entries made since the last Flush.
func (s *Store) Flush() error {
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.mu.Lock()
	type made struct {
		k    Key
		data []byte
	}
	pending := make([]made, len(s.order))
	for i, k := range s.order {
		pending[i] = made{k, s.pending[k]}
	}
	s.mu.Unlock()
	if len(pending) == 0 {
		return nil
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return err
	}
	idx, err := os.OpenFile(filepath.Join(s.dir, indexFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer idx.Close()
	if err := syscall.Flock(int(idx.Fd()), syscall.LOCK_EX); err != nil {
		return err
	}
	defer syscall.Flock(int(idx.Fd()), syscall.LOCK_UN)

	// The data file stays open from the first Flush (or load) to Close:
	// Blobs read it while entries are appended.
	s.mu.Lock()
	data := s.data
	s.mu.Unlock()
	if data == nil {
		data, err = os.OpenFile(filepath.Join(s.dir, dataFile), os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return err
		}
	}
	st, err := data.Stat() // another process may have appended
	if err != nil {
		return err
	}
	end := st.Size()
	var blob, records bytes.Buffer
	offsets := make([]int64, len(pending))
	for i, p := range pending {
		offsets[i] = end + int64(blob.Len())
		blob.Write(p.data)
		records.Write(p.k[:])
		binary.Write(&records, binary.LittleEndian, uint64(offsets[i]))
		binary.Write(&records, binary.LittleEndian, uint32(len(p.data)))
	}
	// Data first, then the index that points at it: an interruption in
	// between leaves unused bytes, never a record pointing at nothing.
	if _, err := data.WriteAt(blob.Bytes(), end); err != nil {
		return fmt.Errorf("cache %s: %w", s.dir, err)
	}
	if _, err := idx.Seek(0, io.SeekEnd); err != nil {
		return err
	}
	if _, err := idx.Write(records.Bytes()); err != nil {
		return fmt.Errorf("cache %s: %w", s.dir, err)
	}
	s.mu.Lock()
	for i, p := range pending {
		s.index[p.k] = entry{off: offsets[i], n: uint32(len(p.data))}
		delete(s.pending, p.k)
		s.waiting -= len(p.data)
	}
	s.order = s.order[len(pending):]
	s.data = data
	s.mu.Unlock()
	return nil
}

// Close flushes and releases the store.
func (s *Store) Close() error {
	err := s.Flush()
	s.mu.Lock()
	if s.data != nil {
		s.data.Close()
		s.data = nil
	}
	s.mu.Unlock()
	return err
}

// BuildID names the running program's build, for salts of entries that
// depend on its code (rendered Markdown): the VCS revision it was built
// from when the tree was clean, else the executable's size and time.
func BuildID() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev string
		modified := true
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev != "" && !modified {
			return bi.GoVersion + " " + rev
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	st, err := os.Stat(exe)
	if err != nil {
		return exe
	}
	return fmt.Sprintf("%s %d %d", exe, st.Size(), st.ModTime().UnixNano())
}
