//go:build !linux

package publish

// exchange is not atomic outside Linux: swap falls back to two renames.
func exchange(a, b string) error { return errNoExchange }
