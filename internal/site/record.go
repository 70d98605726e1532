package site

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"strings"
	"sync"

	"blog/internal/cache"
)

// # The build's record
//
// A whole build with a cache folder (BuilderOptions.Replay) leaves a
// record of itself in the page cache: every read it made of the site
// folder, each with a digest of what it found, and every file it wrote,
// each as the cache entry that holds its bytes or the site file it is a
// copy of. The next build that finds the record under the same key (the
// Site's key, the options and what else a build reads from outside the
// folder: key.go, recordKey) and finds every read giving the same digest
// again writes those files and does nothing else. One read that differs,
// one entry that is missing or damaged, and it builds the site as ever.
//
// The output depends on the folder only through those reads: the build
// is a function of what its reads return, and the record holds all of
// them, the folders' listings included, so a file added, removed,
// changed or linked elsewhere changes a digest. Copies are written from
// the site's file as it is at the time, as a build would write them.

// recorder is the site folder as a build reads it, noting each read and
// a digest of what it gave. It is safe for concurrent use.
type recorder struct {
	fsys fs.FS
	mu   sync.Mutex
	ops  map[readOp]cache.Key
	open int    // files opened and not yet closed
	bad  string // why no record may be kept of the reads; "" when one may
}

// readOp is one read of the site: its kind and the path it read.
type readOp struct {
	kind byte
	name string
}

// The kinds of read.
const (
	opRead  = 'r' // a file's bytes (ReadFile, or Open and Read)
	opStat  = 's' // Stat, or Open without a Read
	opLstat = 'l'
	opDir   = 'd' // ReadDir
	opLink  = 'k' // ReadLink
)

func newRecorder(fsys fs.FS) *recorder {
	return &recorder{fsys: fsys, ops: map[readOp]cache.Key{}}
}

// note keeps a read's digest; the same read giving another digest (a
// file changed while the build read it) spoils the record.
func (r *recorder) note(kind byte, name string, d cache.Key) {
	r.mu.Lock()
	defer r.mu.Unlock()
	op := readOp{kind, name}
	if old, ok := r.ops[op]; ok && old != d {
		r.spoil(name + " changed while the site was built")
		return
	}
	r.ops[op] = d
}

// spoil says no record may be kept, and why; r.mu is held.
func (r *recorder) spoil(why string) {
	if r.bad == "" {
		r.bad = why
	}
}

func (r *recorder) Open(name string) (fs.File, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		r.note(opRead, name, errDigest(err))
		return nil, err
	}
	r.mu.Lock()
	r.open++
	r.mu.Unlock()
	return &recordedFile{File: f, r: r, name: name, sum: newDigest('D')}, nil
}

func (r *recorder) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(r.fsys, name)
	r.note(opRead, name, readDigest(data, err))
	return data, err
}

func (r *recorder) Stat(name string) (fs.FileInfo, error) {
	st, err := fs.Stat(r.fsys, name)
	r.note(opStat, name, statDigest(st, err))
	return st, err
}

func (r *recorder) Lstat(name string) (fs.FileInfo, error) {
	st, err := fs.Lstat(r.fsys, name)
	r.note(opLstat, name, statDigest(st, err))
	return st, err
}

func (r *recorder) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(r.fsys, name)
	r.note(opDir, name, dirDigest(entries, err))
	return entries, err
}

func (r *recorder) ReadLink(name string) (string, error) {
	target, err := fs.ReadLink(r.fsys, name)
	r.note(opLink, name, linkDigest(target, err))
	return target, err
}

// redo makes a read again on fsys and returns its digest now.
func redo(fsys fs.FS, op readOp) cache.Key {
	switch op.kind {
	case opRead:
		data, err := fs.ReadFile(fsys, op.name)
		return readDigest(data, err)
	case opStat:
		st, err := fs.Stat(fsys, op.name)
		return statDigest(st, err)
	case opLstat:
		st, err := fs.Lstat(fsys, op.name)
		return statDigest(st, err)
	case opDir:
		entries, err := fs.ReadDir(fsys, op.name)
		return dirDigest(entries, err)
	case opLink:
		target, err := fs.ReadLink(fsys, op.name)
		return linkDigest(target, err)
	}
	return cache.Key{} // no read gives it
}

// recordedFile is a file the build opened: what it reads of it is
// hashed, and the rest when it is closed, so that the digest is the
// whole file's as a ReadFile of it gives.
type recordedFile struct {
	fs.File
	r    *recorder
	name string
	sum  *digest
	read bool
}

func (f *recordedFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.read = true
	f.sum.Write(p[:n])
	return n, err
}

func (f *recordedFile) ReadDir(int) ([]fs.DirEntry, error) {
	f.r.mu.Lock()
	f.r.spoil(f.name + " was listed through an open file")
	f.r.mu.Unlock()
	return nil, &fs.PathError{Op: "readdir", Path: f.name, Err: errors.ErrUnsupported}
}

func (f *recordedFile) Close() error {
	var d cache.Key
	if f.read {
		if _, err := io.Copy(f.sum, f.File); err != nil {
			d = errDigest(err)
		} else {
			d = f.sum.key()
		}
		f.r.note(opRead, f.name, d)
	} else {
		st, err := f.File.Stat()
		f.r.note(opStat, f.name, statDigest(st, err))
	}
	f.r.mu.Lock()
	f.r.open--
	f.r.mu.Unlock()
	return f.File.Close()
}

// digest hashes the parts of a read's result, as cache.MakeKey does.
type digest struct{ parts [][]byte }

func newDigest(kind byte) *digest { return &digest{parts: [][]byte{{kind}, nil}} }

func (d *digest) Write(p []byte) (int, error) {
	d.parts[1] = append(d.parts[1], p...)
	return len(p), nil
}

func (d *digest) key() cache.Key { return cache.MakeKey(d.parts...) }

// errDigest is the digest of a read that failed: by the kind of failure,
// as the same read made another way fails with other words.
func errDigest(err error) cache.Key {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return cache.MakeKey([]byte("E"), []byte("not exist"))
	case errors.Is(err, fs.ErrPermission):
		return cache.MakeKey([]byte("E"), []byte("permission"))
	}
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	return cache.MakeKey([]byte("E"), []byte(msg))
}

func readDigest(data []byte, err error) cache.Key {
	if err != nil {
		return errDigest(err)
	}
	return cache.MakeKey([]byte{'D'}, data)
}

func statDigest(st fs.FileInfo, err error) cache.Key {
	if err != nil {
		return errDigest(err)
	}
	var b [16]byte
	binary.LittleEndian.PutUint32(b[:], uint32(st.Mode()))
	if st.Mode().IsRegular() {
		binary.LittleEndian.PutUint64(b[8:], uint64(st.Size()))
	}
	return cache.MakeKey([]byte{'S'}, b[:])
}

func dirDigest(entries []fs.DirEntry, err error) cache.Key {
	if err != nil {
		return errDigest(err)
	}
	var b []byte
	for _, e := range entries {
		b = binary.AppendUvarint(b, uint64(len(e.Name())))
		b = append(b, e.Name()...)
		b = binary.LittleEndian.AppendUint32(b, uint32(e.Type()))
	}
	return cache.MakeKey([]byte{'R'}, b)
}

func linkDigest(target string, err error) cache.Key {
	if err != nil {
		return errDigest(err)
	}
	return cache.MakeKey([]byte{'L'}, []byte(target))
}

// A written file, as the record holds it.
const (
	fromEntry  = 'e' // a page cache entry's bytes
	fromPart   = 'p' // a part of a search bundle in the page cache
	fromSource = 'c' // a copy of a site file
)

type written struct {
	path   string
	source string // fromSource
	key    cache.Key
	part   int32 // fromPart: which, of parts
	parts  int32
	from   byte
}

// bundleRef is where a search index file's bytes are kept: part i of n
// of the bundle under key in the page cache.
type bundleRef struct {
	key  cache.Key
	i, n int
}

// record is what a build leaves for the next to replay.
type record struct {
	until    int64 // Unix nanoseconds when a post dated in the future comes out; 0: none
	posts    int
	pages    int
	reads    []readOp
	digests  []cache.Key
	files    []written
	warnings []string
}

const recordMagic = "blog record/v1\n"

func (rc *record) encode() []byte {
	// Sized at most what it takes, so that a record of a large site (tens
	// of megabytes, made as the build ends) is not grown by doubling.
	n := len(recordMagic) + 4*binary.MaxVarintLen64
	for _, op := range rc.reads {
		n += 1 + binary.MaxVarintLen64 + len(op.name) + len(cache.Key{})
	}
	for _, f := range rc.files {
		n += 3*binary.MaxVarintLen64 + len(f.path) + 1 + len(cache.Key{}) + 2*binary.MaxVarintLen64 + len(f.source)
	}
	for _, w := range rc.warnings {
		n += binary.MaxVarintLen64 + len(w)
	}
	b := append(make([]byte, 0, n), recordMagic...)
	b = binary.AppendVarint(b, rc.until)
	b = binary.AppendUvarint(b, uint64(rc.posts))
	b = binary.AppendUvarint(b, uint64(rc.pages))
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(rc.reads)))
	for i, op := range rc.reads {
		b = append(b, op.kind)
		str(op.name)
		b = append(b, rc.digests[i][:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(rc.files)))
	for _, f := range rc.files {
		str(f.path)
		b = append(b, f.from)
		switch f.from {
		case fromEntry:
			b = append(b, f.key[:]...)
		case fromPart:
			b = append(b, f.key[:]...)
			b = binary.AppendUvarint(b, uint64(f.part))
			b = binary.AppendUvarint(b, uint64(f.parts))
		case fromSource:
			str(f.source)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(rc.warnings)))
	for _, w := range rc.warnings {
		str(w)
	}
	return b
}

// errRecord is a record that does not decode: it is not used.
var errRecord = errors.New("damaged build record")

func decodeRecord(b []byte) (*record, error) {
	if !bytes.HasPrefix(b, []byte(recordMagic)) {
		return nil, errRecord
	}
	b = b[len(recordMagic):]
	bad := false
	uv := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	// count is a number of items of at least min bytes each.
	count := func(min int) int {
		v := uv()
		if v > uint64(len(b)/min) {
			bad = true
			return 0
		}
		return int(v)
	}
	str := func() string {
		n := uv()
		if bad || n > uint64(len(b)) {
			bad = true
			return ""
		}
		s := string(b[:n])
		b = b[n:]
		return s
	}
	key := func() (k cache.Key) {
		if len(b) < len(k) {
			bad = true
			return k
		}
		copy(k[:], b)
		b = b[len(k):]
		return k
	}
	one := func() byte {
		if len(b) == 0 {
			bad = true
			return 0
		}
		c := b[0]
		b = b[1:]
		return c
	}
	rc := &record{}
	until, n := binary.Varint(b)
	if n <= 0 {
		return nil, errRecord
	}
	b = b[n:]
	rc.until = until
	rc.posts, rc.pages = int(uv()), int(uv())
	nr := count(18)
	for i := 0; i < nr && !bad; i++ {
		rc.reads = append(rc.reads, readOp{kind: one(), name: str()})
		rc.digests = append(rc.digests, key())
	}
	nf := count(3)
	for i := 0; i < nf && !bad; i++ {
		f := written{path: str(), from: one()}
		switch f.from {
		case fromEntry:
			f.key = key()
		case fromPart:
			k, part, parts := key(), uv(), uv()
			if part >= parts || parts > math.MaxInt32 {
				bad = true
			}
			f.key, f.part, f.parts = k, int32(part), int32(parts)
		case fromSource:
			f.source = str()
		default:
			bad = true
		}
		rc.files = append(rc.files, f)
	}
	nw := count(1)
	for i := 0; i < nw && !bad; i++ {
		rc.warnings = append(rc.warnings, str())
	}
	if bad || len(b) != 0 {
		return nil, errRecord
	}
	return rc, nil
}

// recording is what a Builder notes of one build for its record: the
// files it wrote.
type recording struct {
	mu    sync.Mutex
	files []written
	bad   string
}

// wrote notes a file the build wrote, as where its bytes are kept: the
// page cache entry of its key when it holds them, its part of a search
// bundle, the site file it copies, or else a new entry of its bytes.
func (rg *recording) wrote(f *File, site *recorder, store *cache.Store) {
	w := written{path: f.Path}
	switch {
	case !f.Generated():
		if f.Source != fs.FS(site) {
			rg.spoil(f.Path + " is copied from outside the site folder")
			return
		}
		w.from, w.source = fromSource, f.SourcePath
	case f.bundle != nil:
		if _, ok := store.Peek(f.bundle.key); !ok {
			rg.spoil(f.Path + "'s search bundle is not in the page cache")
			return
		}
		w.from, w.key, w.part, w.parts = fromPart, f.bundle.key, int32(f.bundle.i), int32(f.bundle.n)
	default:
		data, err := f.Bytes()
		if err != nil {
			rg.spoil(err.Error())
			return
		}
		w.from = fromEntry
		if blob, ok := store.Peek(f.key); f.key != (cache.Key{}) && ok && blob.Len() == len(data) {
			w.key = f.key
			break
		}
		w.key = cache.MakeKey([]byte("file/v1"), data)
		if blob, ok := store.Peek(w.key); !ok || blob.Len() != len(data) {
			store.PutCopy(w.key, data)
		}
	}
	rg.mu.Lock()
	rg.files = append(rg.files, w)
	rg.mu.Unlock()
}

// reserve makes room for the n files a build will write.
func (rg *recording) reserve(n int) {
	rg.mu.Lock()
	rg.files = slices.Grow(rg.files, n)
	rg.mu.Unlock()
}

func (rg *recording) spoil(why string) {
	rg.mu.Lock()
	if rg.bad == "" {
		rg.bad = why
	}
	rg.mu.Unlock()
}

// reads returns the reads noted so far, sorted, with their digests.
func (r *recorder) reads() ([]readOp, []cache.Key, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	bad := r.bad
	if bad == "" && r.open > 0 {
		bad = "a file of the site was left open"
	}
	ops := make([]readOp, 0, len(r.ops))
	for op := range r.ops {
		ops = append(ops, op)
	}
	slices.SortFunc(ops, func(a, b readOp) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return int(a.kind) - int(b.kind)
	})
	digests := make([]cache.Key, len(ops))
	for i, op := range ops {
		digests[i] = r.ops[op]
	}
	return ops, digests, bad
}

// zoneOf names the local time zone, which dates written without one are
// read in: part of a record's key.
func zoneOf() string {
	name, off := timeNow().Zone()
	return os.Getenv("TZ") + "\x00" + name + "\x00" + string(binary.AppendVarint(nil, int64(off)))
}
