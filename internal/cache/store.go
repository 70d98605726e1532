package cache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/cespare/xxhash/v2"
)

// Store is a folder of content-addressed entries: a data file that entries
// are appended to, each behind its key, and an index of fixed-size records
// (key, offset, length). Entries are written by Flush, or as soon as the
// ones waiting pass a size, so a build of any size holds only a bounded
// part of them in memory. A Store is safe for concurrent use, and
// processes sharing a folder take turns through a lock file.
//
// A Store has a salt, written in the folder: opening it with another salt
// (a new version of what makes the entries) empties it, so entries that can
// no longer be used do not pile up. Nothing read from the folder is
// trusted: each entry is stored as its key, a hash of the key and bytes,
// and the bytes, and it is used only when both match, every time it is
// read. A damaged, cut or replaced data file or index costs work, never
// wrong bytes. Every file of the folder is reached through an os.Root, so
// a link put in the folder cannot make a Store write elsewhere.
type Store struct {
	dir     string   // for messages
	root    *os.Root // nil when the folder cannot be opened: memory only
	salt    string
	flushMu sync.Mutex // one Flush at a time
	// w and records are Flush's, reused from one to the next (under
	// flushMu): a build flushes hundreds of times.
	w       *bufio.Writer
	records []byte

	mu      sync.Mutex
	index   map[Key]entry // entries written to a data file
	data    *os.File      // the data file entries are appended to, nil before the first
	dataNo  uint32        // data's place in files
	files   []*os.File    // every data file entries were read from or written to, open until Close
	pending map[Key]waitingEntry
	order   []Key // pending keys in the order they were made
	waiting int   // bytes pending
	// buf holds the bytes of entries given to PutCopy until they are
	// written; spare is the one written last, reused once its entries are
	// all in the data file (Flush).
	buf, spare []byte
	failed     error // the last Flush that Put started and that failed
	hits       int
	misses     int
	used       map[Key]struct{} // entries found or made since Open, for Prune
	// foreign is set when another program re-salted the folder: entries
	// made here are then kept in memory only, as they are of no use to it.
	foreign bool
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
	sumSize    = 8
	headSize   = keySize + sumSize // before an entry's bytes in the data file
	recordSize = keySize + 8 + 4   // key, offset, length
	dataFile   = "data"
	indexFile  = "index"
	saltFile   = "salt"
	lockFile   = "lock"
	// flushAt is how many bytes of new entries wait in memory before they
	// are written.
	flushAt = 256 << 10
)

// waitingEntry is an entry not written yet. An entry of PutCopy is in
// the Store's buf, which is reused once it is written: its bytes are
// copied out when read.
type waitingEntry struct {
	data   []byte
	copied bool
}

// copyOut returns the bytes of w, copied into *scratch (grown as
// needed) or into new memory when scratch is nil, if they are in the
// Store's buf. Called with s.mu held.
func (w waitingEntry) copyOut(scratch *[]byte) []byte {
	if !w.copied {
		return w.data
	}
	if scratch == nil {
		return bytes.Clone(w.data)
	}
	if cap(*scratch) < len(w.data) {
		*scratch = make([]byte, len(w.data))
	}
	out := (*scratch)[:len(w.data)]
	copy(out, w.data)
	return out
}

// entry is where an entry's bytes are: n bytes at off in the data file
// files[file], behind their key and sum. It holds no pointer, so the
// index, one entry for each post's every part, costs the collector
// nothing to scan.
type entry struct {
	off  int64
	n    uint32
	file uint32
}

// fileOf returns the data file e is in.
func (s *Store) fileOf(e entry) *os.File {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files[e.file]
}

// addFile adds f to the data files entries are read from and returns its
// number. Called with s.mu held.
func (s *Store) addFile(f *os.File) uint32 {
	s.files = append(s.files, f)
	return uint32(len(s.files) - 1)
}

// OpenStore opens (or starts) the store in the folder root. It does not
// fail: a missing, damaged or differently salted store starts empty, and
// what cannot be written is reported by Flush. A nil root gives a store
// in memory, for a build whose cache folder cannot be used.
func OpenStore(root *os.Root, salt string) *Store {
	s := &Store{root: root, salt: salt, index: map[Key]entry{}, pending: map[Key]waitingEntry{}, used: map[Key]struct{}{}}
	if root == nil {
		s.dir, s.foreign = "(no folder)", true
		return s
	}
	s.dir = root.Name()
	unlock, err := s.lock()
	if err != nil {
		return s
	}
	defer unlock()
	if old, err := root.ReadFile(saltFile); err != nil || string(old) != salt {
		// Entries made for another salt are of no use: start afresh.
		root.Remove(indexFile)
		root.Remove(dataFile)
		root.WriteFile(saltFile, []byte(salt), 0o644)
		return s
	}
	s.load()
	return s
}

// Sub opens the folder name inside root, making it first, for a store of
// its own. A folder that cannot be made or that a link leads out of root
// is an error.
func Sub(root *os.Root, name string) (*os.Root, error) {
	if err := root.MkdirAll(name, 0o755); err != nil {
		return nil, err
	}
	return root.OpenRoot(name)
}

// OpenIn opens the cache folder dir of the site in site: a relative dir
// through the site's root, so that a link cannot lead the cache's writes
// out of the site, an absolute one (given on the command line) as it is.
// It must be a folder of its own: not a link (which could lead it into
// static/ and get it published), not inside a folder of the site's sources.
func OpenIn(site *os.Root, dir string) (*os.Root, error) {
	if filepath.IsAbs(dir) {
		return OpenDir(dir)
	}
	rel := path.Clean(filepath.ToSlash(dir))
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return nil, fmt.Errorf("%s is not a folder inside the site", dir)
	}
	parts := strings.Split(rel, "/")
	switch parts[0] {
	case "content", "static", "themes", "layouts":
		return nil, fmt.Errorf("%s is inside the site's %s/, whose files are published or read; keep the cache in a folder of its own", dir, parts[0])
	}
	for i := range parts {
		if st, err := site.Lstat(strings.Join(parts[:i+1], "/")); err == nil && st.Mode()&os.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s is a symbolic link; the cache is a folder of its own, inside the site", strings.Join(parts[:i+1], "/"))
		}
	}
	return Sub(site, rel)
}

// OpenDir opens the folder dir for a store, making it first.
func OpenDir(dir string) (*os.Root, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return os.OpenRoot(dir)
}

// lock takes the folder's lock file.
func (s *Store) lock() (unlock func(), err error) {
	if s.root == nil {
		return nil, fmt.Errorf("cache %s: no folder", s.dir)
	}
	f, err := s.root.OpenFile(lockFile, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// load reads the index, keeping the records whose bytes lie inside the
// data file. Errors leave the store empty.
func (s *Store) load() {
	idx, err := s.root.ReadFile(indexFile)
	if err != nil {
		return
	}
	data, err := s.root.OpenFile(dataFile, os.O_RDWR, 0)
	if err != nil {
		return
	}
	st, err := data.Stat()
	if err != nil {
		data.Close()
		return
	}
	s.data, s.dataNo = data, s.addFile(data)
	for len(idx) >= recordSize {
		var k Key
		copy(k[:], idx[:keySize])
		off := int64(binary.LittleEndian.Uint64(idx[keySize:]))
		n := binary.LittleEndian.Uint32(idx[keySize+8:])
		idx = idx[recordSize:]
		if off >= headSize && off+int64(n) <= st.Size() {
			s.index[k] = entry{off: off, n: n, file: s.dataNo}
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

// Read returns n bytes of the entry from off. The whole entry is read and
// checked against its sum, so a part is never taken from a damaged entry.
func (b Blob) Read(off, n int) ([]byte, error) { return b.ReadInto(off, n, nil) }

// ReadInto is Read into scratch (Store.GetBytesInto): the bytes are
// valid until scratch is used again.
func (b Blob) ReadInto(off, n int, scratch *[]byte) ([]byte, error) {
	if off < 0 || n < 0 || off+n > b.n {
		return nil, fmt.Errorf("cache: read of %d bytes at %d from an entry of %d", n, off, b.n)
	}
	data, err := b.s.readInto(b.k, scratch)
	if err != nil {
		return nil, err
	}
	if len(data) != b.n {
		return nil, fmt.Errorf("cache %s: an entry changed size while in use", b.s.dir)
	}
	return data[off : off+n : off+n], nil
}

// readInto returns the checked bytes of the entry under k. When the
// entry is not in memory they are read into scratch, grown as needed and
// set to what it became: for a caller that is done with the bytes before
// it reads the next entry. A nil scratch reads into new memory.
func (s *Store) readInto(k Key, scratch *[]byte) ([]byte, error) {
	s.mu.Lock()
	if w, ok := s.pending[k]; ok {
		data := w.copyOut(scratch)
		s.mu.Unlock()
		return data, nil
	}
	e, ok := s.index[k]
	var f *os.File
	if ok {
		f = s.files[e.file]
	}
	s.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("cache: entry gone from %s", s.dir)
	}
	var buf []byte
	if need := headSize + int(e.n); scratch != nil && cap(*scratch) >= need {
		buf = (*scratch)[:need]
	} else {
		buf = make([]byte, need)
		if scratch != nil {
			*scratch = buf
		}
	}
	if _, err := f.ReadAt(buf, e.off-headSize); err != nil {
		return nil, fmt.Errorf("cache %s: %w", s.dir, err)
	}
	if Key(buf[:keySize]) != k || binary.LittleEndian.Uint64(buf[keySize:headSize]) != sum(k, buf[headSize:]) {
		return nil, fmt.Errorf("cache %s: a damaged entry", s.dir)
	}
	return buf[headSize:], nil
}

// sum is what an entry's bytes are checked against: a hash of its key and
// its bytes.
func sum(k Key, data []byte) uint64 {
	d := xxhash.New()
	d.Write(k[:])
	d.Write(data)
	return d.Sum64()
}

// Bytes reads the whole entry.
func (b Blob) Bytes() ([]byte, error) { return b.Read(0, b.n) }

// Get finds the entry under k. An entry is found only when its bytes
// match their sum: a damaged one is a miss, and dropped.
func (s *Store) Get(k Key) (Blob, bool) {
	data, ok := s.GetBytes(k)
	if !ok {
		return Blob{}, false
	}
	return Blob{s, k, len(data)}, true
}

// GetBytes is Get for a caller that wants the bytes at once.
func (s *Store) GetBytes(k Key) ([]byte, bool) { return s.get(k, true, nil) }

// GetBytesInto is GetBytes reading into *scratch (grown as needed) rather
// than into new memory, for a caller that is done with the bytes before
// its next call with the same scratch; the bytes may also be the Store's
// own, which the caller must not change.
func (s *Store) GetBytesInto(k Key, scratch *[]byte) ([]byte, bool) { return s.get(k, true, scratch) }

// GetBlob is Get for a caller that wants the bytes at once and the Blob
// to read them again later: the entry is read once, not twice.
func (s *Store) GetBlob(k Key) (Blob, []byte, bool) {
	data, ok := s.get(k, true, nil)
	if !ok {
		return Blob{}, nil, false
	}
	return Blob{s, k, len(data)}, data, true
}

// Peek finds the entry under k without reading it: its bytes are checked
// when the Blob is read, which fails for a damaged entry. It is for a
// caller that may never need the bytes and can make them again if a read
// fails. An entry found counts as used (Prune keeps it) and as a hit; one
// not found is not counted, as the caller goes on to Get it or make it.
func (s *Store) Peek(k Key) (Blob, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := -1
	if w, ok := s.pending[k]; ok {
		n = len(w.data)
	} else if e, ok := s.index[k]; ok {
		n = int(e.n)
	}
	if n < 0 {
		return Blob{}, false
	}
	s.used[k] = struct{}{}
	s.hits++
	return Blob{s, k, n}, true
}

// Lookup is GetBytes for an entry that helps make others (a post's
// header, kept beside its body): it is not counted in Stats, which
// counts the entries a caller reports as made or reused.
func (s *Store) Lookup(k Key) ([]byte, bool) { return s.get(k, false, nil) }

func (s *Store) get(k Key, count bool, scratch *[]byte) ([]byte, bool) {
	s.mu.Lock()
	if w, ok := s.pending[k]; ok {
		if count {
			s.hits++
		}
		s.used[k] = struct{}{}
		data := w.copyOut(scratch)
		s.mu.Unlock()
		return data, true
	}
	e, ok := s.index[k]
	s.mu.Unlock()
	var data []byte
	if ok {
		var err error
		if data, err = s.readInto(k, scratch); err != nil {
			ok = false
			s.mu.Lock()
			if cur, still := s.index[k]; still && cur == e {
				delete(s.index, k)
			}
			s.mu.Unlock()
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !ok {
		if count {
			s.misses++
		}
		return nil, false
	}
	if count {
		s.hits++
	}
	s.used[k] = struct{}{}
	return data, true
}

// Put stores data under k, which must be a hash of what data was made
// from, and returns it as a Blob. The Store keeps data; the caller must not
// change it. When the entries waiting pass a size Put writes them; if that
// fails, they stay in memory and the next Flush reports it.
func (s *Store) Put(k Key, data []byte) Blob { return s.put(k, data, false) }

// PutCopy is Put for data the caller goes on to reuse, such as a
// worker's buffer: the Store copies it into memory of its own, which is
// used again once the entry is written, so making many entries allocates
// only as much as waits to be written.
func (s *Store) PutCopy(k Key, data []byte) Blob { return s.put(k, data, true) }

// copyMost is the largest entry PutCopy copies into the Store's buffer;
// a larger one is copied into memory of its own, so that one large entry
// does not keep the buffer large.
const copyMost = flushAt

func (s *Store) put(k Key, data []byte, copied bool) Blob {
	s.mu.Lock()
	s.used[k] = struct{}{}
	if _, dup := s.pending[k]; !dup {
		w := waitingEntry{data: data}
		switch {
		case copied && cap(s.buf) == 0 && len(data) <= copyMost:
			s.buf = make([]byte, 0, flushAt+copyMost)
			fallthrough
		case copied && cap(s.buf)-len(s.buf) >= len(data):
			at := len(s.buf)
			s.buf = append(s.buf, data...)
			w = waitingEntry{data: s.buf[at:len(s.buf):len(s.buf)], copied: true}
		case copied:
			// Too large, or more than a buffer waits while a Flush is
			// under way: memory of its own.
			w.data = bytes.Clone(data)
		}
		s.pending[k] = w
		s.order = append(s.order, k)
		s.waiting += len(data)
	}
	full := s.waiting >= flushAt && s.failed == nil && !s.foreign
	s.mu.Unlock()
	// While one Flush is under way, the entries made meanwhile wait for
	// the next: a second one at once would write only the few made since.
	if full && s.flushMu.TryLock() {
		err := s.flush()
		s.flushMu.Unlock()
		if err != nil {
			s.mu.Lock()
			s.failed = err
			s.mu.Unlock()
		}
	}
	return Blob{s, k, len(data)}
}

// Stats reports hits and misses of Get since the Store was opened.
func (s *Store) Stats() (hits, misses int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits, s.misses
}

// Close flushes and releases the store.
func (s *Store) Close() error {
	err := s.Flush()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.files {
		f.Close()
	}
	s.files, s.data = nil, nil
	if s.root != nil {
		s.root.Close()
	}
	return err
}
