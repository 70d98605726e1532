package main

import (
	"runtime/metrics"
	"sync"
	"time"
)

// The live heap of blog build grows with the site (about 140 MB at its
// peak at 10,000 posts), and the Go runtime lets the heap reach twice the
// live size before it collects. A soft limit (runtime/debug's
// SetMemoryLimit) makes it collect sooner, so the peak stays nearer the
// live size. The limit is sized by the site once its posts are read
// (memoryLimit); until then it is the largest, so that reading a large
// site's posts is not slowed by a limit sized for a small one. A limit
// at or below the live heap would have the collector run nearly all the
// time, and the build's cost per post grow with the site (at 100,000
// posts, three times the CPU of a build without a limit), so the limit
// follows the live heap up: it is never below half as much again as the
// live heap, and costs at most what GOGC=50 would.

// The collector's pace (GOGC) is the runtime's own, 100, for a small
// site, whose peak it bounds: a heap twice the live one. Once the live
// heap passes paceAbove, the site is one whose peak the soft limit
// bounds, and the pace is widened to largePace: the collector runs half
// as often while most of what is made lives on (the posts being read),
// and the limit still holds the peak. At 10,000 posts (a live heap near
// 100 MB) that takes 3% off a cold build (7.45 to 7.21 s) for a peak
// RSS of 276 MB, not 240; the live heap of a 2,000-post site (about
// 25 MB) never passes paceAbove. Past paceBelow the pace is the
// runtime's own again, for good: there the limit bounds both paces, and
// at 100,000 posts the wider one measured no faster (98.5 and 99.8 s
// against 97.5 and 98.0 s, run against run).
const (
	paceAbove = 48 << 20
	paceBelow = 256 << 20
	largePace = 200
)

// memoryLimit is the soft limit for a site of files posts, pages and
// docs: 24 KiB a file, about a quarter more than the peak's heap (19 KB a
// post at 10,000 posts), between 256 MiB and 1.25 GiB. Below 256 MiB the
// collector's pace is the runtime's own. It is a trade, measured at
// 10,000 posts: the peak fell from 400 to 280 MB for 8% more time cold,
// nothing warm. The largest is what a site of 100,000 posts is given
// (its live heap peaks near 800 MB): at 1 GiB, with the runtime's own
// memory and fragmentation counted against it, the collector had about
// 150 MB to spare and ran nearly without pause (99 s cold); at 1.25 GiB
// it has twice that (85 s), for a peak RSS of 1.3 GiB.
func memoryLimit(files int) int64 {
	return min(max(int64(files)*24<<10, 256<<20), maxMemoryLimit)
}

// maxMemoryLimit is memoryLimit's largest value.
const maxMemoryLimit = 1280 << 20

// limitFor is the limit for a site limit of base and a live heap of live
// bytes: base, or half as much again as the live heap when that is more.
func limitFor(base int64, live uint64) int64 {
	return max(base, int64(live+live/2))
}

// heapLimit sets the soft limit and keeps it at limitFor the live heap,
// which it reads every followEvery.
type heapLimit struct {
	set      func(int64) int64 // debug.SetMemoryLimit
	pace     func(int) int     // debug.SetGCPercent; nil to leave the pace alone
	previous int64             // the limit before, set again by stop
	quit     chan struct{}
	done     chan struct{}

	mu      sync.Mutex
	base    int64  // memoryLimit of the site, maxMemoryLimit until sized
	live    uint64 // the live heap last read
	current int64  // the limit set
	oldPace int    // the pace before largePace, set again by stop
	paced   int    // 0 before largePace, 1 while it is set, 2 after
}

const followEvery = 20 * time.Millisecond

// startHeapLimit sets maxMemoryLimit until sized is called, and follows
// the live heap until stop, with the pace widened while it is between
// paceAbove and paceBelow.
func startHeapLimit(set func(int64) int64, pace func(int) int) *heapLimit {
	h := newHeapLimit(set, pace)
	go func() {
		defer close(h.done)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(followEvery)
		defer t.Stop()
		for {
			select {
			case <-h.quit:
				return
			case <-t.C:
				metrics.Read(sample)
				h.follow(sample[0].Value.Uint64())
			}
		}
	}()
	return h
}

func newHeapLimit(set func(int64) int64, pace func(int) int) *heapLimit {
	h := &heapLimit{set: set, pace: pace, base: maxMemoryLimit, current: maxMemoryLimit, quit: make(chan struct{}), done: make(chan struct{})}
	h.previous = set(maxMemoryLimit)
	return h
}

// sized sizes the limit for a site of files posts, pages and docs
// (BuilderOptions.Loaded).
func (h *heapLimit) sized(files int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.base = memoryLimit(files)
	h.apply()
}

// follow keeps the limit at limitFor a live heap of live bytes.
func (h *heapLimit) follow(live uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.live = live
	switch {
	case h.pace == nil:
	case h.paced == 0 && live > paceAbove && live <= paceBelow:
		h.oldPace, h.paced = h.pace(largePace), 1
	case h.paced < 2 && live > paceBelow:
		if h.paced == 1 {
			h.pace(h.oldPace)
		}
		h.paced = 2
	}
	h.apply()
}

func (h *heapLimit) apply() {
	if want := limitFor(h.base, h.live); want != h.current {
		h.current = want
		h.set(want)
	}
}

// stop stops following and sets the limit there was before.
func (h *heapLimit) stop() {
	close(h.quit)
	<-h.done
	h.set(h.previous)
	if h.paced == 1 {
		h.pace(h.oldPace)
	}
}
