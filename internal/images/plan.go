package images

import (
	"path"
	"strconv"
	"strings"
)

// Column is the widest an image is shown without copies, in CSS px: the
// default theme's column is 696 px, and an image up to 720 px shrinks into
// it by at most 3 %.
const Column = 720

// copyWidths are the widths copies are made at: 480 for small screens at
// 1x, 720 for the column at 1x, 1080 for a phone at 3x (360 × 3), 1440 for
// the column at 2x.
var copyWidths = []int{480, 720, 1080, 1440}

// Sizes is the sizes attribute of an image with copies: the whole width of
// a phone less the column's padding (1.25rem each side), the column's 696
// px (43.5rem) on a wider screen.
const Sizes = "(max-width: 46rem) calc(100vw - 2.5rem), 43.5rem"

// Widths returns the widths of the copies an image gets, narrowest first:
// none for one no wider than Column, or a GIF; else each of 480, 720,
// 1080 and 1440 narrower than the image.
func Widths(info Info) []int {
	if info.Width <= Column || info.Format == GIF {
		return nil
	}
	var out []int
	for _, w := range copyWidths {
		if w < info.Width {
			out = append(out, w)
		}
	}
	return out
}

// CopyName returns the name of the copy of the image name at width in
// format, beside it: "a/photo.jpg" at 480 is "a/photo.480w.jpg", and a
// WebP's PNG copy "a/shot.480w.png".
func CopyName(name string, width int, format string) string {
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	switch format {
	case JPEG:
		if lower := strings.ToLower(ext); lower != ".jpg" && lower != ".jpeg" {
			ext = ".jpg"
		}
	case PNG:
		if strings.ToLower(ext) != ".png" {
			ext = ".png"
		}
	}
	return base + "." + strconv.Itoa(width) + "w" + ext
}
