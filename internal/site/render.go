package site

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"blog/internal/cache"
	"blog/internal/problem"
)

// render makes the file of every page: the last build's bytes or the page
// cache's when the page's key is the same (key.go), else its layout's
// output, which then goes into the page cache.
func (b *build) render() ([]*File, error) {
	files := make([]*File, len(b.pages))
	errs := make([]error, len(b.pages))
	var rendered, cached atomic.Int64
	if err := b.each(len(b.pages), func(i int, h *hasher) error {
		pg := b.pages[i]
		f := &File{Path: outputFile(pg.Path), Page: pg}
		files[i] = f
		k, err := h.key(pg)
		if err != nil {
			errs[i] = err
			return nil
		}
		f.key = k
		var scratch *[]byte
		if b.opts.Emit != nil {
			// The page's bytes are written and dropped before the worker's
			// next page: a page from the cache is read into its buffer.
			scratch = &h.page
		}
		if data, from := b.reuse(f.Path, k, scratch); data != nil {
			f.Data, f.Reused = data, true
			if from == fromStore {
				cached.Add(1)
			}
		} else {
			// Rendered into the worker's buffer, which has grown to the
			// largest page. A page written at once is written from there
			// (the page cache takes a copy); one kept is copied out at its
			// size.
			buf := &h.out
			buf.Reset()
			if err := b.th.Execute(buf, pg.Kind, pg); err != nil {
				errs[i] = err
				return nil
			}
			rendered.Add(1)
			// A page whose diagrams failed to draw is made again next time.
			keep := b.store != nil && !(b.retryMermaid && pg.Post != nil && pg.Post.HasMermaid)
			switch {
			case b.opts.Emit != nil:
				f.Data = buf.Bytes()
				if keep {
					b.store.PutCopy(k, f.Data) // a failed write is reported by the store's Flush
				}
			default:
				f.Data = bytes.Clone(buf.Bytes())
				if keep {
					b.store.Put(k, f.Data)
				}
			}
		}
		if b.opts.Emit != nil {
			if err := b.opts.Emit(f); err != nil {
				errs[i] = err
			}
			f.Data = nil
		}
		return nil
	}); err != nil {
		return nil, err
	}
	b.rendered, b.cached = int(rendered.Load()), int(cached.Load())
	var list problem.List
	seen := map[string]bool{}
	for i, err := range errs {
		if err == nil || seen[err.Error()] {
			continue
		}
		seen[err.Error()] = true
		if p := problem.Of(err); p != nil {
			for _, e := range p {
				list = append(list, &problem.Error{File: e.File, Line: e.Line, Msg: fmt.Sprintf("rendering %s: %s", b.pages[i].Path, e.Msg), Err: e})
			}
			continue
		}
		list = append(list, problem.At(b.th.Name, 0, "rendering %s: %w", b.pages[i].Path, err))
	}
	return files, list.Err()
}

// Where reused bytes come from.
const (
	fromLast = iota + 1
	fromStore
)

// reuse returns the bytes of the file at out when the last build made it
// from the same key, or the page cache holds that key; nil otherwise.
func (b *build) reuse(out string, k cache.Key, scratch *[]byte) ([]byte, int) {
	if old := b.prevFile(out, k); old != nil && old.Data != nil {
		return old.Data, fromLast
	}
	if b.store != nil {
		if data, ok := b.store.GetBytesInto(k, scratch); ok {
			return data, fromStore
		}
	}
	return nil, 0
}

// prevFile is the last build's file at out when it was made from the
// key k, else nil.
func (b *build) prevFile(out string, k cache.Key) *File {
	if b.prev == nil {
		return nil
	}
	if old := b.prev.Lookup(out); old != nil && old.key == k {
		return old
	}
	return nil
}

// each calls f(i, h) for every i below n over all cores, each worker with
// a hasher of its own over the build's keys; it returns the first error.
// It is the one pool of workers of a build.
func (b *build) each(n int, f func(i int, h *hasher) error) error {
	return parallelWith(n, runtime.GOMAXPROCS(0), func() *hasher { return &hasher{memo: b.memo} }, b.stoppable(f))
}

// ErrInterrupted is the error of a build that Builder.Interrupt stopped.
var ErrInterrupted = errors.New("the build was interrupted")

// interrupted reports whether Builder.Interrupt asked the build to stop.
func (b *build) interrupted() bool { return b.stop != nil && b.stop.Load() }

// stoppable is f, returning ErrInterrupted once the build is interrupted.
func (b *build) stoppable(f func(i int, h *hasher) error) func(i int, h *hasher) error {
	return func(i int, h *hasher) error {
		if b.interrupted() {
			return ErrInterrupted
		}
		return f(i, h)
	}
}

// parallel is each without the build's keys, for keying the views those
// keys are made of.
func parallel(n int, f func(i int, h *hasher) error) error {
	return parallelWith(n, runtime.GOMAXPROCS(0), func() *hasher { return &hasher{} }, f)
}

// parallelIO calls f(i) for every i below n from a few more goroutines
// than there are cores, for work that waits on the file system.
func parallelIO(n int, f func(i int) error) error {
	return parallelWith(n, 2*runtime.GOMAXPROCS(0)+2, func() *hasher { return nil }, func(i int, _ *hasher) error { return f(i) })
}

func parallelWith(n, workers int, newHasher func() *hasher, f func(i int, h *hasher) error) error {
	var g errgroup.Group
	var next atomic.Int64
	for range min(workers, max(1, n)) {
		g.Go(func() error {
			h := newHasher()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				if err := f(i, h); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}
