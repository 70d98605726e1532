package problem

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

func TestErrorsReadAsFileLineMessage(t *testing.T) {
	if got := At("content/posts/a.md", 3, "date: %q is not a date", "x").Error(); got != `content/posts/a.md:3: date: "x" is not a date` {
		t.Errorf("got %q", got)
	}
	if got := At("blog.yaml", 0, "no title").Error(); got != "blog.yaml: no title" {
		t.Errorf("got %q", got)
	}
}

func TestWrappedErrorsStayReachable(t *testing.T) {
	e := At("static/x", 0, "cannot read: %w", fs.ErrNotExist)
	if !errors.Is(e, fs.ErrNotExist) {
		t.Error("errors.Is does not see the wrapped error")
	}
	var l List
	l.Add("a", e)
	l.Add("b", fmt.Errorf("plain"))
	l.Add("c", List{At("z.md", 2, "two"), At("y.md", 1, "one")})
	l.Add("d", nil)
	if len(l) != 4 {
		t.Fatalf("%d problems, want 4: %v", len(l), l)
	}
	if l[1].File != "b" || l[1].Msg != "plain" {
		t.Errorf("a plain error is filed as %q %q", l[1].File, l[1].Msg)
	}
	err := l.Err()
	if got := Of(err); len(got) != 4 || got[0].File != "b" || got[3].File != "z.md" {
		t.Errorf("sorted: %v", got)
	}
	if Of(fmt.Errorf("x")) != nil || List(nil).Err() != nil {
		t.Error("no problems gave some")
	}
	if got := Of(fmt.Errorf("wrapped: %w", At("w.md", 1, "one"))); len(got) != 1 || got[0].File != "w.md" {
		t.Errorf("a wrapped Error: %v", got)
	}
}
