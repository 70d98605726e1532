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
	r  *os.Root
	fs rootFS
}

// OpenRoot opens the folder dir.
func OpenRoot(dir string) (*Root, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Root{r: r, fs: rootFS{r.FS().(rootFSOf), openBeneath(dir)}}, nil
}

// FS is the folder as an fs.FS (fs.StatFS, fs.ReadFileFS, fs.ReadDirFS,
// fs.ReadLinkFS).
func (r *Root) FS() fs.FS { return r.fs }

// rootFSOf is what an os.Root's FS is.
type rootFSOf interface {
	fs.StatFS
	fs.ReadFileFS
	fs.ReadDirFS
	fs.ReadLinkFS
}

// rootFS is an os.Root's FS whose ReadFile takes the kernel's one-call
// path where it can (beneath).
type rootFS struct {
	rootFSOf
	fast *beneath
}

func (f rootFS) ReadFile(name string) ([]byte, error) {
	if f.fast != nil && fs.ValidPath(name) {
		if data, ok := f.fast.readFile(name); ok {
			return data, nil
		}
	}
	return f.rootFSOf.ReadFile(name)
}

// OS is the os.Root itself, for the few writers that need it.
func (r *Root) OS() *os.Root { return r.r }

// Name is the folder's name as it was opened.
func (r *Root) Name() string { return r.r.Name() }

// Close releases the folder.
func (r *Root) Close() error {
	if r.fs.fast != nil {
		r.fs.fast.close()
	}
	return r.r.Close()
}

// OutputMarker is the file that marks a folder as blog's build output
// (package publish writes it): a site never reads such a folder.
const OutputMarker = ".blog-output"

// LinkError is a symbolic link that a site may not use.
type LinkError struct {
	// Path is the link's path in the root.
	Path string
	// Target is where it points, as written in the link.
	Target string
	// Why it is refused: its target is outside the root, missing, a dot
	// file, in a loop of links, a folder the walk has already, or blog's
	// own output.
	Why linkProblem
	// Same is the path under which the walk has the folder already.
	Same string
}

type linkProblem int

const (
	outside linkProblem = iota
	dangling
	dotFile
	loop
	again
	output
)

func (e *LinkError) Error() string {
	switch e.Why {
	case dangling:
		return fmt.Sprintf("is a symbolic link to %s, which does not exist", e.Target)
	case dotFile:
		return fmt.Sprintf("is a symbolic link to %s, a dot file (.env, .git, .blogcache …), which a site never publishes", e.Target)
	case loop:
		return fmt.Sprintf("is a symbolic link to %s, in a loop of links", e.Target)
	case again:
		return fmt.Sprintf("is a symbolic link to %s, a folder the site has already as %s: a site holds each folder once", e.Target, e.Same)
	case output:
		return fmt.Sprintf("is a symbolic link to %s, blog's own build output, which a site never reads", e.Target)
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
			why := outside
			switch {
			case errors.Is(serr, fs.ErrNotExist):
				why = dangling
			case errors.Is(serr, syscall.ELOOP):
				why = loop
			}
			return &LinkError{Path: p, Target: target, Why: why}
		}
	}
	return err
}

// maxHops bounds a chain of links.
const maxHops = 8

// realPath resolves p, a clean path in fsys, to the path of what it names,
// following each link on the way one element at a time, as the system
// does: a link's target is read from the folder the link really is in.
// Every link must be relative and stay inside fsys, and what it leads to
// must exist and not be a dot file; else it returns a *LinkError for
// link, the name the walk found.
func realPath(fsys fs.FS, p, link string) (string, error) {
	target, _ := fs.ReadLink(fsys, link)
	fail := func(why linkProblem) (string, error) {
		return "", &LinkError{Path: link, Target: target, Why: why}
	}
	parts := strings.Split(p, "/")
	cur := ""
	hops := 0
	for len(parts) > 0 {
		part := parts[0]
		parts = parts[1:]
		if part == "" || part == "." {
			continue
		}
		next := path.Join(cur, part)
		if cur == "" {
			next = part
		}
		if next == ".." || strings.HasPrefix(next, "../") {
			return fail(outside)
		}
		st, err := fs.Lstat(fsys, next)
		if err != nil {
			return fail(dangling)
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		if hops++; hops > maxHops {
			return fail(loop)
		}
		t, err := fs.ReadLink(fsys, next)
		if err != nil || path.IsAbs(t) {
			return fail(outside)
		}
		parts = append(strings.Split(t, "/"), parts...)
	}
	if Hidden(cur) {
		return fail(dotFile)
	}
	return cur, nil
}

// Walk walks the tree at dir like fs.WalkDir, in lexical order, with these
// differences. Dot files and folders (Hidden) are not part of a site and
// are skipped. A symbolic link is followed when every link of its chain is
// relative and stays inside fsys, away from dot files: a file, or a folder
// whose files appear under the link's name; any other link is passed to fn
// with a *LinkError and not followed. Each real folder is walked once: a
// link to one the walk has already, and a folder of blog's build output
// (OutputMarker), are passed to fn with a *LinkError. An entry whose name
// breaks the rule (Segment) is passed to fn with a *NameError. Returning
// fs.SkipDir from fn for a folder skips it; fs.SkipAll ends the walk.
func Walk(fsys fs.FS, dir string, fn fs.WalkDirFunc) error {
	w := &walker{fsys: fsys, fn: fn, seen: map[string]string{}}
	st, err := fs.Stat(fsys, dir)
	if err != nil {
		err = fn(dir, nil, Explain(fsys, dir, err))
	} else if real, rerr := realPath(fsys, dir, dir); rerr != nil && dir != "." {
		err = fn(dir, nil, rerr)
	} else {
		if dir == "." {
			real = "."
		}
		err = w.walk(dir, real, fs.FileInfoToDirEntry(st))
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

type walker struct {
	fsys fs.FS
	fn   fs.WalkDirFunc
	seen map[string]string // real folders walked, with the path they were walked at
}

// report passes a problem to fn and says whether the walk goes on.
func (w *walker) report(p string, d fs.DirEntry, err error) error {
	if err := w.fn(p, d, err); err != nil && !errors.Is(err, fs.SkipDir) {
		return err
	}
	return nil
}

// walk walks p, whose real path (realPath) is real.
func (w *walker) walk(p, real string, d fs.DirEntry) error {
	if d.IsDir() {
		if first, seen := w.seen[real]; seen {
			target, _ := fs.ReadLink(w.fsys, p)
			return w.report(p, d, &LinkError{Path: p, Target: target, Why: again, Same: first})
		}
		w.seen[real] = p
		if _, err := fs.Stat(w.fsys, path.Join(real, OutputMarker)); err == nil {
			target, _ := fs.ReadLink(w.fsys, p)
			return w.report(p, d, &LinkError{Path: p, Target: target, Why: output})
		}
	}
	if err := w.fn(p, d, nil); err != nil || !d.IsDir() {
		if errors.Is(err, fs.SkipDir) && d.IsDir() {
			return nil
		}
		return err
	}
	entries, err := fs.ReadDir(w.fsys, real)
	if err != nil {
		return w.report(p, d, Explain(w.fsys, p, err))
	}
	for _, e := range entries {
		name, childReal := path.Join(p, e.Name()), path.Join(real, e.Name())
		if Hidden(e.Name()) {
			continue
		}
		if serr := Segment(e.Name()); serr != nil {
			if err := w.report(name, e, &NameError{Path: name, Err: serr}); err != nil {
				return err
			}
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			r, lerr := realPath(w.fsys, childReal, childReal)
			if lerr != nil {
				if le, ok := lerr.(*LinkError); ok {
					le.Path = name
				}
				if err := w.report(name, e, lerr); err != nil {
					return err
				}
				continue
			}
			st, serr := fs.Stat(w.fsys, r)
			if serr != nil {
				if err := w.report(name, e, Explain(w.fsys, name, serr)); err != nil {
					return err
				}
				continue
			}
			childReal = r
			e = fs.FileInfoToDirEntry(renamed{st, e.Name()})
		}
		if err := w.walk(name, childReal, e); err != nil {
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
