package sitepath

import (
	"golang.org/x/sys/unix"
)

// beneath reads files of a folder through openat2 with RESOLVE_BENEATH:
// the kernel resolves the whole path in one call and refuses one that
// leaves the folder, where an os.Root opens and closes each element of
// the path in turn (a post file deep in content/posts is four opens and
// three closes more). Links are followed as an os.Root follows them,
// within the folder; whatever the kernel refuses (an absolute link, a
// kernel without openat2) is read through the os.Root, which has the
// last word and gives the errors.
type beneath struct{ fd int }

func openBeneath(dir string) *beneath {
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	probe, err := unix.Openat2(fd, ".", &unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH})
	if err != nil {
		unix.Close(fd)
		return nil // before Linux 5.6
	}
	unix.Close(probe)
	return &beneath{fd}
}

// readFile reads name, a valid fs path; ok is false when the os.Root
// must read it instead.
func (b *beneath) readFile(name string) (data []byte, ok bool) {
	fd, err := unix.Openat2(b.fd, name, &unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOCTTY, Resolve: unix.RESOLVE_BENEATH})
	if err != nil {
		return nil, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, false
	}
	// One byte more than the size, so that the read that finds the end
	// needs no larger buffer; a file that grows is read to its end.
	data = make([]byte, 0, st.Size+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, false
		}
		if n == 0 {
			return data, true
		}
		data = data[:len(data)+n]
	}
}

func (b *beneath) close() { unix.Close(b.fd) }
