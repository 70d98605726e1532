package publish

import (
	"io"
	"os"
	"path"
)

// tree writes files inside one folder and nowhere else: no path it is
// given, and no link anything puts in the folder, leads a write out of it.
type tree interface {
	// mkdir makes the folder dir, whose parent is there already.
	mkdir(dir string) error
	// mkdirs makes the folders of f, a tree of them, parents first,
	// calling made with each folder it made.
	mkdirs(f *folder, made func(string)) error
	// rmdir removes the empty folder dir.
	rmdir(dir string) error
	// create makes the file name, which must not be there yet.
	create(name string) (io.WriteCloser, error)
	// writeNew makes the file name, which must not be there yet, holding
	// data.
	writeNew(name string, data []byte) error
	close() error
}

// openTree opens dir for writing: through openat2 with RESOLVE_BENEATH
// where the system has it (one system call a file), else through an
// os.Root (one a path element).
func openTree(dir string) (tree, error) {
	if t, err := openBeneath(dir); err == nil {
		return t, nil
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return rootTree{r}, nil
}

// rootTree is a tree through an os.Root.
type rootTree struct{ r *os.Root }

func (t rootTree) mkdir(dir string) error {
	err := t.r.Mkdir(dir, 0o755)
	if os.IsExist(err) {
		return nil
	}
	return err
}

func (t rootTree) mkdirs(f *folder, made func(string)) error { return mkdirEach(t, f, made) }

func (t rootTree) rmdir(dir string) error { return t.r.Remove(dir) }

func (t rootTree) create(name string) (io.WriteCloser, error) {
	return t.r.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

func (t rootTree) writeNew(name string, data []byte) error { return writeThrough(t, name, data) }

func (t rootTree) close() error { return t.r.Close() }

// writeThrough is writeNew through create.
func writeThrough(t tree, name string, data []byte) error {
	w, err := t.create(name)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// folder is a folder to make, or one made already that holds folders to
// make, with those below it.
type folder struct {
	path  string // "." for the top
	there bool   // made already
	kids  []*folder
}

// folders is the tree of dirs (clean relative paths) and the folders
// above them, with those that made lists marked as there. It is nil when
// every one of them is there.
func folders(dirs []string, made func(string) bool) *folder {
	top := &folder{path: ".", there: true}
	byPath := map[string]*folder{".": top}
	var add func(dir string) *folder
	add = func(dir string) *folder {
		if f, ok := byPath[dir]; ok {
			return f
		}
		parent := add(path.Dir(dir))
		f := &folder{path: dir, there: made(dir)}
		byPath[dir] = f
		parent.kids = append(parent.kids, f)
		return f
	}
	todo := false
	for _, d := range dirs {
		if d != "." && !made(d) {
			add(d)
			todo = true
		}
	}
	if !todo {
		return nil
	}
	return top
}

// mkdirEach makes the folders of f one mkdir each, parents first.
func mkdirEach(t tree, f *folder, made func(string)) error {
	for _, k := range f.kids {
		if !k.there {
			if err := t.mkdir(k.path); err != nil {
				return err
			}
			made(k.path)
		}
		if err := mkdirEach(t, k, made); err != nil {
			return err
		}
	}
	return nil
}

// mkdirAll makes dir and the folders above it that made does not list,
// noting each in made.
func mkdirAll(t tree, dir string, made func(string) bool, note func(string)) error {
	if dir == "." || made(dir) {
		return nil
	}
	if err := mkdirAll(t, path.Dir(dir), made, note); err != nil {
		return err
	}
	if err := t.mkdir(dir); err != nil {
		return err
	}
	note(dir)
	return nil
}
