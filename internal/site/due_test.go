package site

import (
	"testing"
	"time"

	"blog/internal/content"
)

func TestBecameDue(t *testing.T) {
	last := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	set := &content.Set{Posts: []*content.Post{{Date: last.Add(-time.Hour)}, {Date: last.Add(time.Minute)}}}
	if becameDue(set, last, last.Add(30*time.Second)) {
		t.Error("a post still in the future counted as due")
	}
	if !becameDue(set, last, last.Add(2*time.Minute)) {
		t.Error("a post whose time came since the last build was missed")
	}
	if becameDue(set, last.Add(2*time.Minute), last.Add(3*time.Minute)) {
		t.Error("a post due before the last build counted again")
	}
}
