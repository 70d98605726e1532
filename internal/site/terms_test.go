package site

import (
	"errors"
	"sync/atomic"
	"testing"

	"blog/internal/search"
)

// inOrder gives each post's own terms, made once a pass, in each of the
// passes, in any batch size against the number of posts, never two at
// once on one worker, and stops at the first error.
func TestTermsAreMadeAheadAndGivenInOrder(t *testing.T) {
	for _, passes := range []int{1, 2} {
		for _, n := range []int{0, 1, termsBatch - 1, termsBatch, 3*termsBatch + 5} {
			want := make([]*search.Terms, n)
			for i := range want {
				want[i] = &search.Terms{}
			}
			made := make([]atomic.Int32, n)
			busy := make([]atomic.Bool, 3)
			get := inOrder(n, passes, len(busy), func(w, i int) (*search.Terms, error) {
				if busy[w].Swap(true) {
					t.Errorf("worker %d made two posts' terms at once", w)
				}
				defer busy[w].Store(false)
				made[i].Add(1)
				return want[i], nil
			})
			for range passes {
				for i := range n {
					got, err := get(i)
					if err != nil || got != want[i] {
						t.Fatalf("n=%d: post %d got %p, %v; want %p", n, i, got, err, want[i])
					}
				}
			}
			if n > 0 {
				if _, err := get(0); err == nil {
					t.Errorf("n=%d: a pass after the last was given", n)
				}
			}
			for i := range made {
				if c := made[i].Load(); c != int32(passes) {
					t.Errorf("n=%d, %d passes: post %d's terms made %d times", n, passes, i, c)
				}
			}
		}
	}
	boom := errors.New("boom")
	get := inOrder(200, 2, 2, func(w, i int) (*search.Terms, error) {
		if i == 100 {
			return nil, boom
		}
		return &search.Terms{}, nil
	})
	var err error
	for i := 0; i < 200 && err == nil; i++ {
		_, err = get(i)
	}
	if !errors.Is(err, boom) {
		t.Errorf("error %v, want %v", err, boom)
	}
	if _, err := inOrder(200, 2, 2, func(w, i int) (*search.Terms, error) { return &search.Terms{}, nil })(150); err == nil {
		t.Error("terms asked out of order were given")
	}
}
