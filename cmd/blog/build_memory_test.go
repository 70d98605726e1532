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
	})
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
