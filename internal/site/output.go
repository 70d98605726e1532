package site

import (
	"cmp"
	"io/fs"
	"maps"
	"slices"
	"sync"

	"blog/internal/cache"
	"blog/internal/problem"
)

// File is one file of the output: generated Data, or a file copied from
// Source.
type File struct {
	// Path is the output path, slash-separated, raw UTF-8, no leading slash.
	Path string
	// Data is the content of a generated file.
	Data []byte
	// Source and SourcePath name the file to copy when Data is nil.
	Source     fs.FS
	SourcePath string
	// Page is the page the file was rendered from, if any.
	Page *Page
	// Reused reports a file taken unchanged from the previous build or the
	// page cache, by its key.
	Reused bool

	key    cache.Key  // of everything the file was made from, for pages and search indexes
	bundle *bundleRef // a search index file's place in the page cache
	lazy   *deferred  // makes Data on first read, with Options.Defer
	made   string     // what asked for the file, for messages (a post's file)
}

// deferred is the making of a file's bytes, put off until they are read.
type deferred struct {
	once sync.Once
	make func() ([]byte, error)
	data []byte
	err  error
}

// Bytes returns a generated file's content, making it first if the build
// deferred it; it returns nil for a file copied from Source. It is safe
// to call from many goroutines.
func (f *File) Bytes() ([]byte, error) {
	if f.Data != nil || f.lazy == nil {
		return f.Data, nil
	}
	d := f.lazy
	d.once.Do(func() { d.data, d.err = d.make() })
	return d.data, d.err
}

// Generated reports a file made by the build (as opposed to copied).
func (f *File) Generated() bool { return f.Data != nil || f.lazy != nil || f.Source == nil }

// Output is a built site in memory.
type Output struct {
	// Files holds every file, sorted by Path.
	Files []*File
	// Pages is the number of HTML pages in the output.
	Pages int
	// Rendered is the number of pages whose layout was executed; the others
	// were taken unchanged from the previous build or, Cached of them, from
	// the page cache.
	Rendered int
	Cached   int
	// Posts is the number of posts the build read.
	Posts int
	// Replayed reports a build that wrote the files of the last build,
	// as nothing it read had changed (BuilderOptions.Replay).
	Replayed bool
	// Warnings are problems that do not stop the build: two files whose
	// names differ only in case, which are one file on macOS and Windows.
	Warnings problem.List
	index    map[string]*File
}

// NewOutput returns an Output of files, sorted by Path and indexed for
// Lookup. The paths must be distinct: Build reports two files at one path
// as an error before it gets here.
func NewOutput(files []*File) *Output {
	out := &Output{Files: slices.Clone(files), index: make(map[string]*File, len(files))}
	slices.SortFunc(out.Files, func(a, b *File) int { return cmp.Compare(a.Path, b.Path) })
	for _, f := range out.Files {
		out.index[f.Path] = f
	}
	return out
}

// Lookup returns the file at an output path, or nil.
func (o *Output) Lookup(p string) *File { return o.index[p] }

// With returns a copy of o with files in place of the files at their
// paths, and added where o has none; o is unchanged.
func (o *Output) With(files []*File) *Output {
	out := *o
	out.Files = slices.Clone(o.Files)
	out.index = maps.Clone(o.index)
	added := false
	for _, f := range files {
		if i, found := slices.BinarySearchFunc(out.Files, f.Path, func(g *File, p string) int { return cmp.Compare(g.Path, p) }); found {
			out.Files[i] = f
		} else {
			out.Files = append(out.Files, f)
			added = true
		}
		out.index[f.Path] = f
	}
	if added {
		slices.SortFunc(out.Files, func(a, b *File) int { return cmp.Compare(a.Path, b.Path) })
	}
	return &out
}
