// Package diagram draws Mermaid diagrams at build time, as inline SVG, so
// a page with a diagram needs no script to show it.
//
// # Input and output
//
// A Renderer is given Mermaid's script (the theme's vendored
// js/mermaid.min.js), a cache.Store and optionally the path of a browser.
// Draw takes a diagram's source and gives a Figure: the diagram drawn
// twice, for a light page and for a dark one, each as an SVG of its natural
// size. Figure.HTML is what a page shows: a <figure class="diagram"> with
// both, the dark one hidden until the page's CSS shows it by
// prefers-color-scheme or :root[data-theme]; without CSS (a feed reader)
// only the light one shows, and FeedHTML removes the dark ones from a
// page's HTML. Renderer.Markdown adapts Draw to markdown.Options.Diagram.
//
// # Rules
//
// Diagrams are drawn by the system's Chromium or Chrome through chromedp:
// one headless browser per Renderer, started at the first diagram that is
// not in the cache, with Mermaid loaded once into a blank page and every
// diagram drawn in that page. Without a browser on the machine Draw
// returns ErrNoBrowser for every diagram, even one the cache holds, so the
// output never depends on what the cache holds: the caller keeps the
// diagram for Mermaid in the reader's browser, and Warning says so in one
// line.
//
// A drawing is a function of its source: Mermaid draws with deterministic
// ids seeded by the diagram, Math.random is seeded the same way, a Gantt
// chart has no "today" line, and every id is renamed to start with one
// derived from a hash of the source. The same source gives the same bytes.
// (So two identical diagrams on one page share their ids; a page would
// rather hold a diagram once.)
//
// A drawing is safe to put in a page: Mermaid runs with securityLevel
// "strict", and the SVG is then read again and written with an allow-list
// of elements and attributes (see svg.go): no script, no event handler, no
// link but to the drawing itself or to a web address, no CSS that loads or
// runs anything.
//
// Labels are drawn in the body's font at the body's size (17 px). The SVG
// carries its natural width and height; the theme's CSS lets it shrink to
// the column, but not below 70 % (12 px labels): a wider diagram scrolls
// sideways in its figure instead.
//
// Each drawing is kept in the cache under a hash of the Mermaid script, the
// look's whole configuration, this package's version and the source, so a
// diagram is drawn once, ever. A source Mermaid cannot draw is an error
// (Draw returns a *SyntaxError), and is cached as one.
package diagram

import "errors"

// ErrNoBrowser is returned by Draw when there is no browser to draw with.
var ErrNoBrowser = errors.New("no Chromium or Chrome to draw diagrams with")
