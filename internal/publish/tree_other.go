//go:build !linux

package publish

import "errors"

func openBeneath(string) (tree, error) { return nil, errors.New("no openat2") }
