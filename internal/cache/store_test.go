package cache

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// openDir opens dir as a store's folder.
func openDir(t *testing.T, dir string) *os.Root {
	t.Helper()
	r, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestStoreBlobsReadBeforeAndAfterFlush(t *testing.T) {
	dir := t.TempDir()
	s := OpenStore(openDir(t, dir), "a")
	k := MakeKey([]byte("x"))
	b := s.Put(k, []byte("hello, 세계"))
	read := func(when string) {
		t.Helper()
		if got, err := b.Read(7, b.Len()-7); err != nil || string(got) != "세계" {
			t.Errorf("%s: %q %v", when, got, err)
		}
	}
	read("pending")
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	read("flushed")
	if _, err := b.Read(0, b.Len()+1); err == nil {
		t.Error("a read past the entry's end succeeded")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = OpenStore(openDir(t, dir), "a")
	if b, ok := s.Get(k); !ok || b.Len() != len("hello, 세계") {
		t.Errorf("reopened: %v %d", ok, b.Len())
	}
	s.Close()
}

func TestStoreWithAnotherSaltStartsEmpty(t *testing.T) {
	dir := t.TempDir()
	s := OpenStore(openDir(t, dir), "v1")
	k := MakeKey([]byte("x"))
	s.Put(k, []byte("old"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = OpenStore(openDir(t, dir), "v2")
	if _, ok := s.Get(k); ok {
		t.Error("an entry made under another salt was found")
	}
	s.Close()
	if st, err := os.Stat(filepath.Join(dir, dataFile)); err == nil && st.Size() > 0 {
		t.Errorf("the old data (%d bytes) was kept", st.Size())
	}
}

func TestKeysDelimitTheirParts(t *testing.T) {
	if MakeKey([]byte("ab"), []byte("c")) == MakeKey([]byte("a"), []byte("bc")) {
		t.Error("(ab, c) and (a, bc) share a key")
	}
}

// TestStoreNeverGivesAnotherEntrysBytes cuts the data file and appends
// again, so that old index records point at new entries' bytes: those
// records must miss, not answer with the wrong entry.
func TestStoreNeverGivesAnotherEntrysBytes(t *testing.T) {
	for _, damage := range []string{"cut", "deleted"} {
		dir := t.TempDir()
		a, b, c := MakeKey([]byte("a")), MakeKey([]byte("b")), MakeKey([]byte("c"))
		s := OpenStore(openDir(t, dir), "v")
		s.Put(a, []byte("AAAAAAAAAA"))
		s.Put(b, []byte("BBBBBBBBBB"))
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		data := filepath.Join(dir, dataFile)
		var err error
		if damage == "cut" {
			err = os.Truncate(data, headSize+10) // a's entry only
		} else {
			err = os.Remove(data)
		}
		if err != nil {
			t.Fatal(err)
		}
		s = OpenStore(openDir(t, dir), "v")
		s.Put(c, []byte("CCCCCCCCCC")) // lands where b was
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s = OpenStore(openDir(t, dir), "v")
		for k, want := range map[Key]string{a: "AAAAAAAAAA", b: "BBBBBBBBBB", c: "CCCCCCCCCC"} {
			blob, ok := s.Get(k)
			if !ok {
				continue // a miss costs work, which is fine
			}
			if got, err := blob.Bytes(); err != nil || string(got) != want {
				t.Errorf("%s: entry %q read back as %q (%v)", damage, want, got, err)
			}
		}
		if blob, ok := s.Get(c); !ok || blob.Len() != 10 {
			t.Errorf("%s: the entry written after the damage is missing", damage)
		}
		s.Close()
	}
}

// TestStoreWriteFailureIsReportedByFlush fills a store that cannot write:
// Put keeps working from memory and Flush says what went wrong.
func TestStoreWriteFailureIsReportedByFlush(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	s := OpenStore(openDir(t, dir), "v")
	// A file where the folder should be makes every write fail.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	k := MakeKey([]byte("x"))
	big := make([]byte, flushAt) // past the size that makes Put write
	b := s.Put(k, big)
	if got, err := b.Read(0, 4); err != nil || len(got) != 4 {
		t.Errorf("pending entry unreadable after a failed write: %v", err)
	}
	if err := s.Flush(); err == nil {
		t.Error("Flush into a file that is not a folder succeeded")
	}
}

// TestStorePruneKeepsWhatWasUsed fills a store, uses part of it in a
// second run and prunes: the rest goes, what was used stays readable, in
// this process, in a process that had the folder open before, and after
// reopening.
func TestStorePruneKeepsWhatWasUsed(t *testing.T) {
	dir := t.TempDir()
	entry := func(name string, n int) (Key, []byte) {
		return MakeKey([]byte(name)), bytes.Repeat([]byte(name), n)
	}
	ka, a := entry("a", 1000)
	kb, b := entry("b", 5000)
	kc, c := entry("c", 5000)
	s := OpenStore(openDir(t, dir), "v")
	s.Put(ka, a)
	s.Put(kb, b)
	s.Put(kc, c)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	size := func() int64 {
		st, err := os.Stat(filepath.Join(dir, "data"))
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	before := size()

	other := OpenStore(openDir(t, dir), "v") // another process, opened before the prune
	oc, ok := other.Get(kc)
	if !ok {
		t.Fatal("c is missing")
	}
	s = OpenStore(openDir(t, dir), "v")
	if _, ok := s.Get(ka); !ok {
		t.Fatal("a is missing")
	}
	// Within twice what was used plus the slack, nothing is rewritten.
	if err := s.Prune(before); err != nil {
		t.Fatal(err)
	}
	if size() != before {
		t.Fatal("a prune within the slack rewrote the store")
	}
	if err := s.Prune(0); err != nil {
		t.Fatal(err)
	}
	if after := size(); after >= before/5 {
		t.Errorf("data file %d bytes after the prune, %d before; want a fifth at most", after, before)
	}
	got, ok := s.Get(ka)
	if data, err := got.Bytes(); !ok || err != nil || !bytes.Equal(data, a) {
		t.Errorf("a after the prune, in the same process: %v %v", ok, err)
	}
	if data, err := oc.Bytes(); err != nil || !bytes.Equal(data, c) {
		t.Errorf("c in the other process after the prune: %v", err)
	}
	// The other process appends to the new data file.
	kd, d := entry("d", 100)
	other.Put(kd, d)
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = OpenStore(openDir(t, dir), "v")
	defer s.Close()
	for _, e := range []struct {
		k    Key
		want []byte
	}{{ka, a}, {kd, d}, {kb, nil}, {kc, nil}} {
		got, ok := s.Get(e.k)
		if e.want == nil {
			if ok {
				t.Errorf("an unused entry of %d bytes survived the prune", got.Len())
			}
			continue
		}
		data, err := got.Bytes()
		if !ok || err != nil || !bytes.Equal(data, e.want) {
			t.Errorf("reopened: an entry of %d bytes: %v %v", len(e.want), ok, err)
		}
	}
}

// TestStoreWritesNothingAfterAnotherSaltTookOver plays an old blog serve
// that goes on running after a new version of blog re-salted its folder:
// what the old one makes stays in its memory, and neither its flushes nor
// its prune put anything in the folder for the new version to find.
func TestStoreWritesNothingAfterAnotherSaltTookOver(t *testing.T) {
	dir := t.TempDir()
	old := OpenStore(openDir(t, dir), "old")
	k := MakeKey([]byte("made by the old version"))
	kept := old.Put(k, []byte("old bytes"))
	if err := old.Flush(); err != nil {
		t.Fatal(err)
	}
	k2 := MakeKey([]byte("made after the new version came"))
	late := old.Put(k2, []byte("late old bytes"))

	cur := OpenStore(openDir(t, dir), "new") // empties the folder
	if err := old.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := old.Prune(0); err != nil {
		t.Fatal(err)
	}
	for _, b := range []Blob{kept, late} {
		if _, err := b.Bytes(); err != nil {
			t.Errorf("the old store lost its own entry: %v", err)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	cur.Close()
	cur = OpenStore(openDir(t, dir), "new")
	defer cur.Close()
	for _, key := range []Key{k, k2} {
		if _, ok := cur.Get(key); ok {
			t.Error("the new version found an entry the old one made")
		}
	}
}

// TestStoreDamagedAnywhereNeverGivesWrongBytes writes random bytes at
// random places of the data file and the index, again and again: an entry
// read back is the one that was stored, or a miss.
func TestStoreDamagedAnywhereNeverGivesWrongBytes(t *testing.T) {
	src := t.TempDir()
	want := map[Key][]byte{}
	s := OpenStore(openDir(t, src), "v")
	for i := range 40 {
		data := bytes.Repeat([]byte{byte('a' + i%26)}, 50+i*37)
		k := MakeKey([]byte{byte(i)})
		want[k] = data
		s.Put(k, data)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	orig := map[string][]byte{}
	for _, name := range []string{dataFile, indexFile, saltFile} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		orig[name] = b
	}
	rng := rand.New(rand.NewPCG(1, 2))
	misses := 0
	for round := range 300 {
		dir := t.TempDir()
		for name, b := range orig {
			b = bytes.Clone(b)
			if name != saltFile {
				for range 1 + rng.IntN(4) {
					at := rng.IntN(len(b))
					n := min(len(b)-at, 1+rng.IntN(12))
					for i := range n {
						b[at+i] = byte(rng.UintN(256))
					}
				}
			}
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s := OpenStore(openDir(t, dir), "v")
		for k, w := range want {
			blob, ok := s.Get(k)
			if !ok {
				misses++
				continue
			}
			got, err := blob.Bytes()
			if err != nil {
				continue // damaged after Get: an error, never wrong bytes
			}
			if !bytes.Equal(got, w) {
				t.Fatalf("round %d: an entry of %d bytes read back as %d other bytes", round, len(w), len(got))
			}
		}
		s.Close()
	}
	if misses == 0 {
		t.Error("no damage was ever noticed: the test damaged nothing")
	}
}

// TestGetBytesIntoReusesTheBuffer: entries read into one buffer, one
// after another, each come back whole; the buffer grows for a larger one,
// and a damaged entry is a miss there too.
func TestGetBytesIntoReusesTheBuffer(t *testing.T) {
	dir := t.TempDir()
	s := OpenStore(openDir(t, dir), "a")
	small, big := MakeKey([]byte("small")), MakeKey([]byte("big"))
	s.Put(small, []byte("작은"))
	s.Put(big, bytes.Repeat([]byte("큰"), 1000))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = OpenStore(openDir(t, dir), "a")
	defer s.Close()
	var scratch []byte
	for range 2 {
		if got, ok := s.GetBytesInto(big, &scratch); !ok || !bytes.Equal(got, bytes.Repeat([]byte("큰"), 1000)) {
			t.Fatalf("big: %v %d bytes", ok, len(got))
		}
		grown := cap(scratch)
		if got, ok := s.GetBytesInto(small, &scratch); !ok || string(got) != "작은" {
			t.Fatalf("small: %v %q", ok, got)
		}
		if cap(scratch) != grown {
			t.Errorf("buffer made again for a smaller entry")
		}
	}
	// Damage the small entry (written first) and read it again.
	f, err := os.OpenFile(filepath.Join(dir, dataFile), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte{0xff}, headSize+1)
	f.Close()
	if got, ok := s.GetBytesInto(small, &scratch); ok {
		t.Errorf("damaged entry read: %q", got)
	}
}

// PutCopy's entries are the caller's bytes as they were when given, read
// back right while waiting and once written, and the memory they are
// copied into is used again: putting 40 MB allocates far less.
func TestPutCopyKeepsItsOwnBytes(t *testing.T) {
	dir := t.TempDir()
	s := OpenStore(openDir(t, dir), "a")
	const n, size = 400, 100 << 10
	key := func(i int) Key { return MakeKey([]byte("entry"), []byte{byte(i), byte(i >> 8)}) }
	want := func(i int) []byte { return bytes.Repeat([]byte{byte(i), byte(i * 7)}, size/2) }
	fill := func(b []byte, i int) {
		for j := range b {
			b[j] = byte(i * (1 + 6*(j%2))) // want(i), which would allocate
		}
	}
	buf := make([]byte, size)
	var held []byte // read while waiting, checked after its memory is reused
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range n {
		fill(buf, i)
		s.PutCopy(key(i), buf)
		for j := range buf {
			buf[j] = 0xee // the caller reuses its buffer at once
		}
		if i == 3 {
			var ok bool
			if held, ok = s.GetBytes(key(1)); !ok {
				t.Fatal("entry 1 not found while waiting")
			}
		}
	}
	runtime.ReadMemStats(&after)
	if made := after.TotalAlloc - before.TotalAlloc; made > n*size/2 {
		t.Errorf("putting %d MB allocated %d MB", n*size>>20, made>>20)
	}
	if !bytes.Equal(held, want(1)) {
		t.Error("bytes read while waiting changed when the store reused its memory")
	}
	check := func(when string) {
		t.Helper()
		for i := range n {
			if got, ok := s.GetBytes(key(i)); !ok || !bytes.Equal(got, want(i)) {
				t.Fatalf("%s: entry %d: found %v, %d bytes", when, i, ok, len(got))
			}
		}
	}
	check("some waiting")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = OpenStore(openDir(t, dir), "a")
	defer s.Close()
	check("reopened")
}
