package publish

import (
	"errors"
	"io"
	"os"
	"path"
	"runtime"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sys/unix"
)

// beneathTree is a tree through openat2: the kernel resolves every path
// beneath the folder and refuses any link on the way (RESOLVE_BENEATH,
// RESOLVE_NO_SYMLINKS).
type beneathTree struct{ fd int }

const beneath = unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS

func openBeneath(dir string) (tree, error) {
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	t := beneathTree{fd}
	// Kernels before 5.6 have no openat2.
	probe, err := openDir(fd, ".")
	if err != nil {
		unix.Close(fd)
		return nil, err
	}
	unix.Close(probe)
	return t, nil
}

// openDir opens the folder name beneath the folder fd, for its
// descriptor only (O_PATH), through no link.
func openDir(fd int, name string) (int, error) {
	return unix.Openat2(fd, name, &unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: beneath})
}

func (t beneathTree) mkdir(dir string) error {
	parent, err := openDir(t.fd, path.Dir(dir))
	if err != nil {
		return &os.PathError{Op: "mkdir", Path: dir, Err: err}
	}
	defer unix.Close(parent)
	if err := unix.Mkdirat(parent, path.Base(dir), 0o755); err != nil && !errors.Is(err, unix.EEXIST) {
		return &os.PathError{Op: "mkdir", Path: dir, Err: err}
	}
	return nil
}

// mkdirs makes each folder in the one above it, held open while its
// folders are made: a folder is one mkdirat, plus an open and a close
// when it has folders of its own, not a resolution of its whole path.
// Folders made in one parent wait for each other in the kernel (it locks
// the parent), so the parents are the unit of work: those of a site
// (posts/, en/posts/, tags/) have their folders made side by side, on
// as many goroutines as there are cores. made may be called from any of
// them.
func (t beneathTree) mkdirs(f *folder, made func(string)) error {
	top, err := unix.Dup(t.fd)
	if err != nil {
		return &os.PathError{Op: "mkdir", Path: ".", Err: err}
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	var in func(fd int, f *folder) error
	// in makes f's folders in fd, which it closes, then those below
	// them: on a goroutine of its own when one is free, else on this one.
	in = func(fd int, f *folder) error {
		defer unix.Close(fd)
		for _, k := range f.kids {
			if k.there {
				continue
			}
			if err := unix.Mkdirat(fd, path.Base(k.path), 0o755); err != nil && !errors.Is(err, unix.EEXIST) {
				return &os.PathError{Op: "mkdir", Path: k.path, Err: err}
			}
			made(k.path)
		}
		for _, k := range f.kids {
			if len(k.kids) == 0 {
				continue
			}
			// One name, no link: what is there must be a folder in fd.
			sub, err := openDir(fd, path.Base(k.path))
			if err != nil {
				return &os.PathError{Op: "mkdir", Path: k.path, Err: err}
			}
			if !g.TryGo(func() error { return in(sub, k) }) {
				if err := in(sub, k); err != nil {
					return err
				}
			}
		}
		return nil
	}
	g.Go(func() error { return in(top, f) })
	return g.Wait()
}

func (t beneathTree) rmdir(dir string) error {
	parent, err := openDir(t.fd, path.Dir(dir))
	if err != nil {
		return &os.PathError{Op: "rmdir", Path: dir, Err: err}
	}
	defer unix.Close(parent)
	if err := unix.Unlinkat(parent, path.Base(dir), unix.AT_REMOVEDIR); err != nil {
		return &os.PathError{Op: "rmdir", Path: dir, Err: err}
	}
	return nil
}

func (t beneathTree) create(name string) (io.WriteCloser, error) {
	fd, err := unix.Openat2(t.fd, name, &unix.OpenHow{Flags: unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_CLOEXEC, Mode: 0o644, Resolve: beneath})
	if err != nil {
		return nil, &os.PathError{Op: "create", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), name), nil
}

// writeNew writes through the descriptor itself, without an *os.File
// around it: a page is one open, one write and one close, without the
// checks and poller registration an *os.File makes (three more system
// calls a file, which a site of 50,000 files pays 150,000 times).
func (t beneathTree) writeNew(name string, data []byte) error {
	fd, err := unix.Openat2(t.fd, name, &unix.OpenHow{Flags: unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_CLOEXEC, Mode: 0o644, Resolve: beneath})
	if err != nil {
		return &os.PathError{Op: "create", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &os.PathError{Op: "write", Path: name, Err: err}
		}
		if n == 0 {
			unix.Close(fd)
			return &os.PathError{Op: "write", Path: name, Err: io.ErrShortWrite}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

func (t beneathTree) close() error { return unix.Close(t.fd) }
