// Package images gives a post's images their sizes and responsive copies:
// the size of each image read from its header, copies resized for smaller
// screens, a 1200 px copy for og:image, and the post's HTML rewritten so
// every <img> says how big it is and which copies it has.
//
// # Input and output
//
// Probe reads an image's header (PNG, JPEG, GIF, WebP) and gives its size
// as shown, its format and the format its copies take. Widths says which
// widths of copy an image gets, CopyName what a copy is called beside the
// original. Resize makes a copy at a width (ResizeEach several, decoding
// the image once) and Social the og:image copy; a Resizer does these
// through a cache.Store the caller hands in. Rewrite
// takes a post's HTML and, for each <img>, what the caller knows of its
// src (a Source), and gives the HTML with width, height, loading,
// decoding, srcset and sizes added.
//
// # Rules
//
// Sizes are the image as a browser shows it: a JPEG whose EXIF orientation
// turns it is measured, and resized, turned. Copies are never wider than
// the original and keep its aspect ratio; PNG gives PNG, JPEG gives JPEG
// (quality 85), a lossy WebP without alpha gives JPEG, any other WebP and
// GIF give PNG (a browser shows PNG and JPEG everywhere, and og:image
// readers too). Resizing uses Catmull-Rom; the same bytes and width always
// give the same bytes. An animated GIF is never resized (its copy would not
// move), so GIFs get no copies.
//
// The column of the default theme is 696 CSS px (46rem less its padding).
// An image at most Column (720) px wide is shown at its own size or a
// little less: it gets no copies, as a copy would save nothing worth a
// file. A wider one gets copies 480, 720, 1080 and 1440 px wide, those
// narrower than it: 480 for small screens, 720 for the column at 1x, 1080
// for a phone at 3x, 1440 for the column at 2x. Its srcset lists the copies
// and the original when the original is no wider than 1440; src names the
// widest of those (for feed readers, which ignore srcset); the image links
// to the original, unless it is inside a link already.
//
// Every <img> but the first gets loading="lazy" and decoding="async": the
// first may be above the fold. An attribute the author wrote is kept as it
// is; nothing else in the HTML changes by a byte.
package images
