package cache

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// Flush writes the entries made since the last Flush.
func (s *Store) Flush() error {
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	return s.flush()
}

// flush is Flush, called with flushMu held.
func (s *Store) flush() error {
	if s.root == nil {
		return nil // a store in memory: nothing to write
	}
	s.mu.Lock()
	s.failed = nil
	type made struct {
		k    Key
		data []byte
	}
	pending := make([]made, len(s.order))
	for i, k := range s.order {
		pending[i] = made{k, s.pending[k].data}
	}
	// The entries of PutCopy among these are in buf: new ones go to the
	// spare while these are written, and buf is the spare once they are
	// all in the data file. Should they not be, buf is left to them.
	written := s.buf
	if len(pending) > 0 {
		s.buf, s.spare = s.spare[:0], nil
	}
	s.mu.Unlock()
	if len(pending) == 0 {
		return nil
	}
	unlock, owned, err := s.lockOwned()
	if err != nil || !owned {
		return err
	}
	defer unlock()
	data, file, err := s.dataFile()
	if err != nil {
		return fmt.Errorf("cache %s: %w", s.dir, err)
	}
	idx, err := s.root.OpenFile(indexFile, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("cache %s: %w", s.dir, err)
	}
	defer idx.Close()
	ist, err := idx.Stat()
	if err != nil {
		return fmt.Errorf("cache %s: %w", s.dir, err)
	}
	// A record cut short by an interrupted write would put every later
	// one out of step: drop it.
	iend := ist.Size() - ist.Size()%recordSize
	st, err := data.Stat() // another process may have appended
	if err != nil {
		return fmt.Errorf("cache %s: %w", s.dir, err)
	}
	end := st.Size()

	// Data first, then the index that points at it: an interruption in
	// between leaves unused bytes, never a record pointing at nothing. The
	// entries go out through a small buffer, not copied whole.
	records := s.records[:0]
	offsets := make([]int64, len(pending))
	if s.w == nil {
		s.w = bufio.NewWriterSize(nil, 64<<10)
	}
	w := s.w
	w.Reset(io.NewOffsetWriter(data, end))
	defer w.Reset(nil) // holds no file between Flushes
	at := end
	var sb [sumSize]byte
	for i, p := range pending {
		w.Write(p.k[:])
		binary.LittleEndian.PutUint64(sb[:], sum(p.k, p.data))
		w.Write(sb[:])
		at += headSize
		offsets[i] = at
		w.Write(p.data)
		at += int64(len(p.data))
		records = appendRecord(records, p.k, offsets[i], uint32(len(p.data)))
	}
	s.records = records
	if err := w.Flush(); err != nil {
		return fmt.Errorf("cache %s: %w", s.dir, err)
	}
	if _, err := idx.WriteAt(records, iend); err != nil {
		return fmt.Errorf("cache %s: %w", s.dir, err)
	}
	s.mu.Lock()
	for i, p := range pending {
		s.index[p.k] = entry{off: offsets[i], n: uint32(len(p.data)), file: file}
		delete(s.pending, p.k)
		s.waiting -= len(p.data)
	}
	s.order = s.order[len(pending):]
	s.spare = written[:0]
	s.mu.Unlock()
	return nil
}

// lockOwned takes the folder's lock for a write, when the folder still
// has this store's salt; once another program has re-salted it, this store
// writes nothing more there (its entries stay in memory, readable as
// before), and owned is false with the lock released.
func (s *Store) lockOwned() (unlock func(), owned bool, err error) {
	unlock, err = s.lock()
	if err != nil {
		return nil, false, fmt.Errorf("cache %s: %w", s.dir, err)
	}
	s.mu.Lock()
	if !s.foreign {
		salt, err := s.root.ReadFile(saltFile)
		s.foreign = err != nil || string(salt) != s.salt
	}
	owned = !s.foreign
	s.mu.Unlock()
	if !owned {
		unlock()
		return nil, false, nil
	}
	return unlock, true, nil
}

// appendRecord appends an index record: key, offset and length.
func appendRecord(b []byte, k Key, off int64, n uint32) []byte {
	b = append(b, k[:]...)
	b = binary.LittleEndian.AppendUint64(b, uint64(off))
	return binary.LittleEndian.AppendUint32(b, n)
}

// dataFile returns the data file to append to: the one the folder has now.
// When another process of the same salt replaced it (Prune), the new one
// is opened; entries already read stay readable through the file they are
// in, and its number in files. Called with the lock held.
func (s *Store) dataFile() (f *os.File, no uint32, err error) {
	s.mu.Lock()
	cur, no := s.data, s.dataNo
	s.mu.Unlock()
	if cur != nil {
		a, err1 := cur.Stat()
		b, err2 := s.root.Stat(dataFile)
		if err1 == nil && err2 == nil && os.SameFile(a, b) {
			return cur, no, nil
		}
	}
	f, err = s.root.OpenFile(dataFile, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, 0, err
	}
	s.mu.Lock()
	s.data, s.dataNo = f, s.addFile(f)
	no = s.dataNo
	s.mu.Unlock()
	return f, no, nil
}
