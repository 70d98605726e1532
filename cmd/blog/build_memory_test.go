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
		{100000, 1 << 30},
	} {
		if got := memoryLimit(c.files); got != c.want {
			t.Errorf("memoryLimit(%d) = %d MiB, want %d MiB", c.files, got>>20, c.want>>20)
		}
	}
}
