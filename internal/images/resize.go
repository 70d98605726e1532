package images

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
)

// jpegQuality is the quality of JPEG copies: above 80, where a photo
// shows no loss at a glance, well below 95, where files double for nothing
// a reader sees.
const jpegQuality = 85

// SocialWidth is the width of the og:image copy: what Facebook, LinkedIn
// and X show a shared link with, at most.
const SocialWidth = 1200

// Copy is an image made from another: its bytes, format and size.
type Copy struct {
	Data          []byte
	Format        string // PNG or JPEG
	Width, Height int
}

// Resize makes a copy of the image data at width pixels (as shown), its
// height in proportion, in the image's CopyFormat. A width at least the
// image's gives it at its own width: never larger. The same data and width
// always give the same bytes.
func Resize(data []byte, width int) (Copy, error) {
	cs, err := ResizeEach(data, []int{width})
	if err != nil {
		return Copy{}, err
	}
	return cs[0], nil
}

// ResizeEach makes the copy Resize makes at each of widths, decoding the
// image once.
func ResizeEach(data []byte, widths []int) ([]Copy, error) {
	info, err := Probe(data)
	if err != nil {
		return nil, err
	}
	var pixels *image.RGBA // decoded when a copy needs them
	out := make([]Copy, len(widths))
	for i, width := range widths {
		if width <= 0 {
			return nil, fmt.Errorf("a copy %d pixels wide", width)
		}
		width = min(width, info.Width)
		if width == info.Width && info.Orientation == 1 && info.Format == info.CopyFormat {
			// Already a copy at this width: decoding and encoding again
			// would only lose quality.
			out[i] = Copy{Data: data, Format: info.Format, Width: info.Width, Height: info.Height}
			continue
		}
		if pixels == nil {
			src, _, err := image.Decode(bytes.NewReader(data))
			if err != nil {
				return nil, fmt.Errorf("decoding the image: %w", err)
			}
			pixels = toRGBA(src)
		}
		height := max(1, (info.Height*width+info.Width/2)/info.Width)
		// Scale as the pixels are stored, then turn the small result.
		w, h := width, height
		if info.Orientation >= 5 {
			w, h = h, w
		}
		m := orient(scale(pixels, w, h), info.Orientation)
		var buf bytes.Buffer
		switch info.CopyFormat {
		case JPEG:
			err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: jpegQuality})
		default:
			err = png.Encode(&buf, m)
		}
		if err != nil {
			return nil, fmt.Errorf("encoding the copy: %w", err)
		}
		out[i] = Copy{Data: buf.Bytes(), Format: info.CopyFormat, Width: width, Height: height}
	}
	return out, nil
}

// Social makes the og:image copy of an image: SocialWidth wide, or the
// image's own width when it is narrower, as PNG or JPEG (a WebP or GIF is
// converted; a PNG or JPEG that needs no resizing is given as it is).
func Social(data []byte) (Copy, error) {
	return Resize(data, SocialWidth)
}

// toRGBA gives a decoded image's pixels as RGBA at the origin: the one
// form the scaling below reads.
func toRGBA(src image.Image) *image.RGBA {
	b := src.Bounds()
	if m, ok := src.(*image.RGBA); ok && b.Min == (image.Point{}) {
		return m
	}
	m := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(m, m.Bounds(), src, b.Min, draw.Src)
	return m
}

// scale resizes rgba to w×h with Catmull-Rom. Catmull-Rom reaches two
// source pixels each side for each destination pixel, times the ratio: a
// 12 MP photo brought to 480 px would read 34 pixels a tap. So a source
// more than twice as large is first averaged down in whole blocks to
// between two and four times the destination, which costs one read a
// pixel and changes nothing Catmull-Rom would keep.
func scale(rgba *image.RGBA, w, h int) *image.RGBA {
	if w == rgba.Bounds().Dx() && h == rgba.Bounds().Dy() {
		return rgba
	}
	if k := min(rgba.Bounds().Dx()/(2*w), rgba.Bounds().Dy()/(2*h)); k >= 2 {
		rgba = shrink(rgba, k)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), rgba, rgba.Bounds(), draw.Src, nil)
	return dst
}

// shrink averages m in k×k blocks (premultiplied, so transparent pixels
// lend no colour); blocks at the right and bottom edges average the
// pixels they have.
func shrink(m *image.RGBA, k int) *image.RGBA {
	b := m.Bounds()
	w, h := (b.Dx()+k-1)/k, (b.Dy()+k-1)/k
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	sums := make([]uint32, 4*w)
	counts := make([]uint32, w)
	for by := range h {
		clear(sums)
		clear(counts)
		for y := by * k; y < min((by+1)*k, b.Dy()); y++ {
			row := m.Pix[(y)*m.Stride : (y)*m.Stride+4*b.Dx()]
			for x := 0; x < b.Dx(); x++ {
				bx := x / k
				p := row[4*x : 4*x+4]
				s := sums[4*bx : 4*bx+4]
				s[0] += uint32(p[0])
				s[1] += uint32(p[1])
				s[2] += uint32(p[2])
				s[3] += uint32(p[3])
				counts[bx]++
			}
		}
		row := out.Pix[by*out.Stride : by*out.Stride+4*w]
		for bx := range w {
			n := counts[bx]
			for c := range 4 {
				row[4*bx+c] = uint8((sums[4*bx+c] + n/2) / n)
			}
		}
	}
	return out
}

// orient turns an image stored in EXIF orientation o into the way it is
// shown.
func orient(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	// from gives the stored pixel shown at (x, y).
	from := map[int]func(x, y int) (int, int){
		2: func(x, y int) (int, int) { return w - 1 - x, y },
		3: func(x, y int) (int, int) { return w - 1 - x, h - 1 - y },
		4: func(x, y int) (int, int) { return x, h - 1 - y },
		5: func(x, y int) (int, int) { return y, x },
		6: func(x, y int) (int, int) { return y, h - 1 - x },
		7: func(x, y int) (int, int) { return w - 1 - y, h - 1 - x },
		8: func(x, y int) (int, int) { return w - 1 - y, x },
	}[o]
	out := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			sx, sy := from(x, y)
			si, di := m.PixOffset(sx, sy), out.PixOffset(x, y)
			copy(out.Pix[di:di+4], m.Pix[si:si+4])
		}
	}
	return out
}
