package main

import "testing"

func TestMemoryLimitGrowsWithTheSiteWithinBounds(t *testing.T) {
	for _, c := range []struct {
		files int
		want  int64
	}{
		{0, 256 << 20},
		{2000, 256 << 20},
		{10000, 256 << 20},
		{20000, 20000 * 24 << 10},
		{100000, 1280 << 20},
	} {
		if got := memoryLimit(c.files); got != c.want {
			t.Errorf("memoryLimit(%d) = %d MiB, want %d MiB", c.files, got>>20, c.want>>20)
		}
	}
}

// The limit is the largest until the site is sized, the site's after,
// and never below half as much again as the live heap: a live heap near
// the limit would have the collector run all the time.
func TestHeapLimitFollowsTheLiveHeapUp(t *testing.T) {
	var set []int64
	current := int64(-1)
	h := newHeapLimit(func(n int64) int64 {
		old := current
		current = n
		set = append(set, n)
		return old
	}, nil)
	if h.previous != -1 || current != maxMemoryLimit {
		t.Fatalf("at start: limit %d, previous %d", current, h.previous)
	}
	h.follow(100 << 20) // loading: the largest limit is above 1.5× the live heap
	if current != maxMemoryLimit || len(set) != 1 {
		t.Errorf("a live heap far below the limit changed it: %v", set)
	}
	h.sized(10000)
	if current != 256<<20 {
		t.Errorf("sized for 10,000 posts: %d MiB, want 256", current>>20)
	}
	h.follow(200 << 20) // 1.5× is 300 MiB, above the site's 256
	if current != 300<<20 {
		t.Errorf("live heap 200 MiB: limit %d MiB, want 300", current>>20)
	}
	h.follow(120 << 20)
	if current != 256<<20 {
		t.Errorf("live heap back to 120 MiB: limit %d MiB, want the site's 256", current>>20)
	}
	h.sized(100000)
	h.follow(1 << 30) // a live heap of 1 GiB passes the largest limit
	if current != 3<<29 {
		t.Errorf("live heap 1 GiB: limit %d MiB, want 1536", current>>20)
	}
	n := len(set)
	h.follow(1 << 30)
	if len(set) != n {
		t.Errorf("the same live heap set the limit again")
	}
}

// The pace is the runtime's own until the live heap passes paceAbove,
// widened from then on, once, until it passes paceBelow, and put back
// by stop.
func TestHeapLimitWidensThePaceForALargeHeap(t *testing.T) {
	pace := 100
	var paces []int
	newLimit := func() *heapLimit {
		pace, paces = 100, nil
		return newHeapLimit(func(n int64) int64 { return n }, func(p int) int {
			old := pace
			pace = p
			paces = append(paces, p)
			return old
		})
	}
	stop := func(h *heapLimit) {
		close(h.done) // no follower runs here for stop to wait for
		h.stop()
	}
	h := newLimit()
	h.follow(paceAbove / 2)
	h.sized(2000)
	h.follow(paceAbove)
	if pace != 100 || len(paces) != 0 {
		t.Fatalf("a live heap of at most %d MiB changed the pace: %v", paceAbove>>20, paces)
	}
	h.follow(paceAbove + 1)
	h.follow(paceAbove / 2)
	h.follow(2 * paceAbove)
	if pace != largePace || len(paces) != 1 {
		t.Fatalf("after a live heap above %d MiB: pace %d, set %v; want %d, set once", paceAbove>>20, pace, paces, largePace)
	}
	stop(h)
	if pace != 100 {
		t.Errorf("after stop: pace %d, want the 100 there was", pace)
	}

	h = newLimit()
	h.follow(paceAbove + 1)
	h.follow(paceBelow + 1)
	h.follow(paceAbove + 1)
	if pace != 100 || len(paces) != 2 {
		t.Fatalf("after a live heap above %d MiB and back: pace %d, set %v; want 100, set twice", paceBelow>>20, pace, paces)
	}
	stop(h)
	if pace != 100 || len(paces) != 2 {
		t.Errorf("stop set the pace again: %v", paces)
	}

	h = newLimit()
	h.follow(2 * paceBelow) // a heap that is large at its first reading
	stop(h)
	if len(paces) != 0 {
		t.Errorf("a heap past paceBelow at once had its pace set: %v", paces)
	}
}
