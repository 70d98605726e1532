package cache

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"os"
	"slices"
)

// Prune rewrites the folder with only the entries used (found or made)
// since Open, when the others take more room than those and slack: call
// it after a run that used every entry still of use, such as a whole
// build. Entries of other versions of the site (another base URL, posts
// since changed) go; a later run that needs them makes them again.
// Another process using the folder goes on reading the entries it knows
// from the file it opened, and appends to the new one.
func (s *Store) Prune(slack int64) error {
	if s.root == nil {
		return nil
	}
	if err := s.Flush(); err != nil {
		return err
	}
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	unlock, owned, err := s.lockOwned()
	if err != nil || !owned {
		return err
	}
	defer unlock()
	st, err := s.root.Stat(dataFile)
	if err != nil {
		return nil // nothing written yet, or emptied by another process
	}
	type kept struct {
		k Key
		e entry
	}
	s.mu.Lock()
	var keep []kept
	var live int64
	for k := range s.used {
		if e, ok := s.index[k]; ok {
			keep = append(keep, kept{k, e})
			live += headSize + int64(e.n)
		}
	}
	s.mu.Unlock()
	if st.Size() <= 2*live+slack {
		return nil
	}
	slices.SortFunc(keep, func(a, b kept) int { return cmp.Compare(a.e.off, b.e.off) })

	fail := func(err error, tmp ...string) error {
		for _, name := range tmp {
			s.root.Remove(name)
		}
		return fmt.Errorf("cache %s: %w", s.dir, err)
	}
	dataTmp, indexTmp := dataFile+".new", indexFile+".new"
	data, err := s.root.OpenFile(dataTmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fail(err)
	}
	w := bufio.NewWriterSize(data, 256<<10)
	var records bytes.Buffer
	moved := make(map[Key]entry, len(keep))
	var at int64
	var buf []byte
	for _, kp := range keep {
		buf = slices.Grow(buf[:0], headSize+int(kp.e.n))[:headSize+int(kp.e.n)]
		// Only whole, undamaged entries move.
		if _, err := s.fileOf(kp.e).ReadAt(buf, kp.e.off-headSize); err != nil || Key(buf[:keySize]) != kp.k ||
			binary.LittleEndian.Uint64(buf[keySize:headSize]) != sum(kp.k, buf[headSize:]) {
			continue
		}
		w.Write(buf)
		records.Write(appendRecord(nil, kp.k, at+headSize, kp.e.n))
		moved[kp.k] = entry{off: at + headSize, n: kp.e.n} // file set below
		at += int64(len(buf))
	}
	if err := w.Flush(); err != nil {
		data.Close()
		return fail(err, dataTmp)
	}
	if err := s.root.WriteFile(indexTmp, records.Bytes(), 0o644); err != nil {
		data.Close()
		return fail(err, dataTmp, indexTmp)
	}
	// The data file first: an index read in between finds keys that do not
	// match, which costs work, never wrong bytes.
	if err := s.root.Rename(dataTmp, dataFile); err != nil {
		data.Close()
		return fail(err, dataTmp, indexTmp)
	}
	if err := s.root.Rename(indexTmp, indexFile); err != nil {
		data.Close()
		return fail(err, indexTmp)
	}
	s.mu.Lock()
	s.data, s.dataNo = data, s.addFile(data)
	for k, e := range moved {
		e.file = s.dataNo
		moved[k] = e
	}
	s.index = moved
	s.mu.Unlock()
	return nil
}
