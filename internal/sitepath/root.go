package sitepath

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"syscall"
)

// Root is a folder opened so that nothing read through it leaves it: not
// by "..", not by an absolute path, not by a symbolic link (os.Root).
type Root struct {
	r *os.Root
}

// OpenRoot opens the folder dir.
func OpenRoot(dir string) (*Root, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Root{r: r}, nil
}

// FS is the folder as an fs.FS (fs.StatFS, fs.ReadFileFS, fs.ReadDirFS,
// fs.ReadLinkFS).
func (r *Root) FS() fs.FS { return r.r.FS() }

// OS is the os.Root itself, for the few writers that need it.
func (r *Root) OS() *os.Root { return r.r }

// Name is the folder's name as it was opened.
func (r *Root) Name() string { return r.r.Name() }

// Close releases the folder.
func (r *Root) Close() error { return r.r.Close() }

// LinkError is a symbolic link that a site may not use: its target is
// outside the site (or the root it was read through), or nothing.
type LinkError struct {
	// Path is the link's path in the root.
	Path string
	// Target is where it points, as written in the link.
	Target string
	// Dangling is set when the target does not exist, Loop when links
	// lead to one another without end.
	Dangling, Loop bool
}

func (e *LinkError) Error() string {
	if e.Dangling {
		return fmt.Sprintf("is a symbolic link to %s, which does not exist", e.Target)
	}
	if e.Loop {
		return fmt.Sprintf("is a symbolic link to %s, in a loop of links", e.Target)
	}
	return fmt.Sprintf("is a symbolic link to %s, outside the site; a site reads only its own files (copy the file in instead)", e.Target)
}

// Explain turns an error from reading name in fsys into a LinkError when a
// symbolic link on the way is what stopped the read; any other error is
// returned as it is.
func Explain(fsys fs.FS, name string, err error) error {
	if err == nil || errors.Is(err, fs.ErrInvalid) {
		return err
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		st, lerr := fs.Lstat(fsys, p)
		if lerr != nil {
			return err
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if _, serr := fs.Stat(fsys, p); serr != nil {
			target, _ := fs.ReadLink(fsys, p)
			return &LinkError{Path: p, Target: target, Dangling: errors.Is(serr, fs.ErrNotExist), Loop: errors.Is(serr, syscall.ELOOP)}
		}
	}
	return err
}

// maxLinkDepth is how many symbolic links to folders a walk follows
// inside one another, so that a link to its own folder ends.
const maxLinkDepth = 4

// Walk walks the tree at dir like fs.WalkDir, in lexical order, with three
// differences. A symbolic link that stays inside fsys is walked as what
// it points to: a file, or a folder whose files appear under the link's
// name. A link that leads out of fsys, or to nothing, is passed to fn with
// a *LinkError and not followed. An entry whose name breaks the rule
// (Segment) is passed to fn with a *NameError. Returning fs.SkipDir from
// fn for a folder skips it; fs.SkipAll ends the walk.
func Walk(fsys fs.FS, dir string, fn fs.WalkDirFunc) error {
	st, err := fs.Stat(fsys, dir)
	if err != nil {
		err = fn(dir, nil, Explain(fsys, dir, err))
	} else {
		err = walk(fsys, dir, fs.FileInfoToDirEntry(st), fn, 0)
	}
	if errors.Is(err, fs.SkipDir) || errors.Is(err, fs.SkipAll) {
		return nil
	}
	return err
}

// NameError is a file whose name a site may not use (see Segment).
type NameError struct {
	Path string
	Err  error
}

func (e *NameError) Error() string { return "name " + e.Err.Error() }

func walk(fsys fs.FS, p string, d fs.DirEntry, fn fs.WalkDirFunc, links int) error {
	if err := fn(p, d, nil); err != nil || !d.IsDir() {
		if errors.Is(err, fs.SkipDir) && d.IsDir() {
			return nil
		}
		return err
	}
	entries, err := fs.ReadDir(fsys, p)
	if err != nil {
		if err := fn(p, d, Explain(fsys, p, err)); err != nil && !errors.Is(err, fs.SkipDir) {
			return err
		}
		return nil
	}
	for _, e := range entries {
		name := path.Join(p, e.Name())
		if serr := segment(e.Name()); serr != nil {
			if err := fn(name, e, &NameError{Path: name, Err: serr}); err != nil && !errors.Is(err, fs.SkipDir) {
				return err
			}
			continue
		}
		depth := links
		if e.Type()&fs.ModeSymlink != 0 {
			st, serr := fs.Stat(fsys, name)
			if serr != nil {
				if err := fn(name, e, Explain(fsys, name, serr)); err != nil && !errors.Is(err, fs.SkipDir) {
					return err
				}
				continue
			}
			if st.IsDir() {
				if depth++; depth > maxLinkDepth {
					target, _ := fs.ReadLink(fsys, name)
					err := &LinkError{Path: name, Target: target, Loop: true}
					if err := fn(name, e, err); err != nil && !errors.Is(err, fs.SkipDir) {
						return err
					}
					continue
				}
			}
			e = fs.FileInfoToDirEntry(renamed{st, e.Name()})
		}
		if err := walk(fsys, name, e, fn, depth); err != nil {
			return err
		}
	}
	return nil
}

// renamed is a link's target's FileInfo under the link's own name.
type renamed struct {
	fs.FileInfo
	name string
}

func (r renamed) Name() string { return r.name }
