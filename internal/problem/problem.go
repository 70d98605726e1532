// Package problem is the one error type of blog for problems in a site's
// files: a file, a line and a message, printed as editors and CI logs read
// them, "content/posts/a.md:3: date: …". Config, content, theme, site and
// check all report with it, so a run can gather every problem it finds
// into one List and print them sorted.
//
// It imports nothing of blog.
package problem

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Error is a problem in a file at a line. Line 0 means the file as a
// whole.
type Error struct {
	File string
	Line int
	Msg  string
	// Err is the error the problem came from, if any, for errors.Is and
	// errors.As.
	Err error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// At makes an Error at file and line; a wrapped error (%w) in the message
// is kept as Err.
func At(file string, line int, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{File: file, Line: line, Msg: err.Error(), Err: errors.Unwrap(err)}
}

// List is every problem found in one run.
type List []*Error

func (l List) Error() string {
	var sb strings.Builder
	for i, e := range l {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(e.Error())
	}
	return sb.String()
}

// Sort orders the list by file, then line, then message.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Msg, b.Msg))
	})
}

// Err returns the sorted list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Add appends err to the list: each problem of a List or an Error as it
// is, any other error as a problem of file.
func (l *List) Add(file string, err error) {
	if err == nil {
		return
	}
	var list List
	var one *Error
	switch {
	case errors.As(err, &list):
		*l = append(*l, list...)
	case errors.As(err, &one):
		*l = append(*l, one)
	default:
		*l = append(*l, &Error{File: file, Msg: err.Error(), Err: err})
	}
}

// Of returns the problems err holds: a List's, an Error, or nil when err
// is neither.
func Of(err error) List {
	var list List
	if errors.As(err, &list) {
		return list
	}
	var one *Error
	if errors.As(err, &one) {
		return List{one}
	}
	return nil
}
