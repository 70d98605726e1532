package site

import "time"

// SitemapLimits lets tests split the sitemap of a small site: at most
// [0] addresses and [1] bytes a sitemap.
var SitemapLimits = &sitemapLimits

// PruneSlack lets tests prune the caches at any size.
var PruneSlack = &pruneSlack

// SetNow sets the time a Builder's next builds compare posts with, as
// time passing while blog serve runs does.
func (b *Builder) SetNow(t time.Time) { b.opts.Now = t }

// InterruptNext makes the Builder's next build stop as if Interrupt were
// called at once.
func (b *Builder) InterruptNext() {
	b.started = func() {
		b.started = nil
		b.Interrupt()
	}
}

// SetClock sets the clock builds and their records read, until the
// returned func puts it back.
func SetClock(now func() time.Time) (restore func()) {
	old := timeNow
	timeNow = now
	return func() { timeNow = old }
}
