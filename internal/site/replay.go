package site

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"blog/internal/cache"
	"blog/internal/content"
	"blog/internal/search"
	"blog/internal/sitepath"
)

// timeNow is the clock a record's dates are compared with.
var timeNow = time.Now

// recordKey is the key of the record of a build of this site: the Site's
// key and, besides the folder, what else a build reads: its options, the
// local time zone and the dates git gives the pages and docs.
func (b *Builder) recordKey() cache.Key {
	dates := b.updated()
	names := make([]string, 0, len(dates))
	for name := range dates {
		names = append(names, name)
	}
	sort.Strings(names)
	var git []byte
	for _, name := range names {
		git = binary.AppendUvarint(git, uint64(len(name)))
		git = append(git, name...)
		git = binary.AppendVarint(git, dates[name].UnixNano())
	}
	return cache.MakeKey([]byte("record/v1"), b.siteKey[:], fmt.Appendf(nil, "drafts=%t", b.opts.Drafts), []byte(zoneOf()), git)
}

// replay writes the files of the build the record under key names when
// every read it made gives what it gave then; it reports whether it did.
// A replay that stops part way (a damaged entry) has written some files:
// they are in b.replayed, for the build that follows to leave alone.
func (b *Builder) replay(key cache.Key) (*Output, bool, error) {
	data, ok := b.pages.Lookup(key)
	if !ok {
		return nil, false, nil
	}
	rc, err := decodeRecord(data)
	if err != nil {
		return nil, false, nil
	}
	if rc.until != 0 && !timeNow().Before(time.Unix(0, rc.until)) {
		return nil, false, nil // a post dated in the future is out now
	}
	// Every entry is there before the first file is written, and every
	// copy is of a file a build copies: in static/ or content/, no dot
	// file (a record is read from the cache folder, which is not trusted).
	for _, f := range rc.files {
		if f.from == fromSource && !copiable(f.source) {
			return nil, false, nil
		}
		if f.from != fromSource {
			if _, ok := b.pages.Peek(f.key); !ok {
				return nil, false, nil
			}
		}
	}
	// The folders are made while the reads are made again: both wait on
	// the file system, the one in one goroutine, the other on every core.
	// Should a read differ, the build that follows writes its own files,
	// and the output keeps no folder without one (publish.Writer).
	prepared := make(chan error, 1)
	if b.opts.Prepare != nil {
		paths := make([]string, len(rc.files))
		for i, f := range rc.files {
			paths[i] = f.path
		}
		slices.Sort(paths)
		go func() { prepared <- b.opts.Prepare(paths) }()
	} else {
		prepared <- nil
	}
	// Every read made again, on every core: one that differs ends it.
	var differs atomic.Bool
	raw := b.rec.fsys
	parallelIO(len(rc.reads), func(i int) error {
		if differs.Load() {
			return nil
		}
		if redo(raw, rc.reads[i]) != rc.digests[i] {
			differs.Store(true)
		}
		return nil
	})
	// No Prepare outlives the replay, nor overlaps the build after it.
	err = <-prepared
	if differs.Load() || b.stop.Load() {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	// The search bundles' files are written together, each bundle read
	// once; every other file is a task of its own.
	var tasks [][]written
	bundles := map[cache.Key]int{}
	for _, f := range rc.files {
		if f.from == fromPart {
			if i, ok := bundles[f.key]; ok {
				tasks[i] = append(tasks[i], f)
				continue
			}
			bundles[f.key] = len(tasks)
		}
		tasks = append(tasks, []written{f})
	}
	// Large tasks first, so that no core is left with one at the end.
	slices.SortStableFunc(tasks, func(a, b []written) int { return cmp.Compare(len(b), len(a)) })
	var mu sync.Mutex
	var lost atomic.Bool // an entry that could not be read
	emit := func(f *File) error {
		if err := b.emit(f); err != nil {
			return err
		}
		mu.Lock()
		b.replayed[f.Path] = true
		mu.Unlock()
		return nil
	}
	scratch := sync.Pool{New: func() any { return new([]byte) }}
	oneBundle := make(chan struct{}, 1)
	files := make([]*File, len(rc.files))
	var next atomic.Int64
	err = parallelIO(len(tasks), func(i int) error {
		if lost.Load() {
			return nil
		}
		if b.stop.Load() {
			return ErrInterrupted
		}
		task := tasks[i]
		switch task[0].from {
		case fromSource:
			f := &File{Path: task[0].path, Source: raw, SourcePath: task[0].source}
			files[next.Add(1)-1] = &File{Path: f.Path, Source: b.site, SourcePath: f.SourcePath}
			return emit(f)
		case fromEntry:
			buf := scratch.Get().(*[]byte)
			defer scratch.Put(buf)
			data, ok := b.pages.GetBytesInto(task[0].key, buf)
			if !ok {
				lost.Store(true)
				return nil
			}
			files[next.Add(1)-1] = &File{Path: task[0].path}
			return emit(&File{Path: task[0].path, Data: data})
		}
		// One bundle in memory at a time: a language's index of a large
		// site is hundreds of megabytes.
		oneBundle <- struct{}{}
		defer func() { <-oneBundle }()
		bundle, ok := b.pages.GetBytes(task[0].key)
		if !ok {
			lost.Store(true)
			return nil
		}
		parts, ok := search.SplitBundle(bundle, int(task[0].parts))
		if !ok {
			lost.Store(true)
			return nil
		}
		for _, f := range task {
			files[next.Add(1)-1] = &File{Path: f.path}
			if err := emit(&File{Path: f.path, Data: parts[f.part]}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, true, err
	}
	if lost.Load() {
		return nil, false, nil
	}
	for _, w := range rc.warnings {
		b.warn(w)
	}
	out := NewOutput(files)
	out.Pages, out.Cached, out.Posts, out.Replayed = rc.pages, rc.pages, rc.posts, true
	return out, true, nil
}

// keepRecord puts the record of the build that made out from posts posts
// in the page cache, unless something it did is not in its reads and
// files; until is the first of their dates after the build (firstFuture),
// when the record stops being of use.
func (b *Builder) keepRecord(key cache.Key, posts int, until int64, out *Output) {
	ops, digests, bad := b.rec.reads()
	if bad != "" || b.recording.bad != "" || b.warnings.Load() > 0 || b.DiagramStats().Failed > 0 {
		return
	}
	// Every file of the output, each once.
	if len(b.recording.files) != len(out.Files) {
		return
	}
	seen := make(map[string]bool, len(out.Files))
	for _, f := range b.recording.files {
		if seen[f.path] || out.Lookup(f.path) == nil {
			return
		}
		seen[f.path] = true
	}
	rc := &record{posts: posts, until: until, pages: out.Pages, reads: ops, digests: digests, files: b.recording.files}
	for _, w := range out.Warnings {
		rc.warnings = append(rc.warnings, w.Error())
	}
	b.pages.Put(key, rc.encode())
}

// firstFuture is the date of the first of posts dated after now, in Unix
// nanoseconds, 0 for none: a record is of no use from then on.
func firstFuture(posts []*content.Post, now time.Time) int64 {
	var until int64
	for _, p := range posts {
		if p.Date.After(now) && (until == 0 || p.Date.UnixNano() < until) {
			until = p.Date.UnixNano()
		}
	}
	return until
}

// copiable reports a path a build may copy from the site folder: clean,
// in static/ or content/, and not a dot file.
func copiable(p string) bool {
	clean, err := sitepath.Rel(p)
	return err == nil && clean == p && !sitepath.Hidden(p) &&
		(strings.HasPrefix(p, StaticDir+"/") || strings.HasPrefix(p, content.Dir+"/"))
}
