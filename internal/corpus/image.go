package corpus

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
)

// figure draws a small chart, different for every post (bars, a dotted
// grid and a line through random points), and returns it as PNG: a real
// image of a few hundred bytes, so a build copies and checks real files
// without the corpus growing heavy.
func figure(r *rand.Rand) ([]byte, error) {
	const w, h = 96, 64
	hue := func() color.RGBA {
		return color.RGBA{uint8(40 + r.IntN(200)), uint8(40 + r.IntN(200)), uint8(40 + r.IntN(200)), 255}
	}
	const (
		paper = iota
		ink
		grid
		bar1
		bar2
		line
	)
	palette := color.Palette{color.RGBA{250, 250, 248, 255}, color.RGBA{50, 50, 50, 255}, color.RGBA{200, 200, 200, 255}, hue(), hue(), hue()}
	img := image.NewPaletted(image.Rect(0, 0, w, h), palette)
	for y := 4; y < h-4; y += 8 {
		for x := 4; x < w-4; x += 2 {
			img.SetColorIndex(x, y, grid)
		}
	}
	for bar, x := 0, 7; x+7 < w-2; bar, x = bar+1, x+10 {
		top := 6 + r.IntN(h-14)
		for bx := x; bx < x+7; bx++ {
			for y := top; y < h-4; y++ {
				img.SetColorIndex(bx, y, uint8(bar1+bar%2))
			}
		}
	}
	y := 8 + r.IntN(h-16)
	for x := 4; x < w-4; x++ {
		y = min(max(y+r.IntN(5)-2, 4), h-6)
		img.SetColorIndex(x, y, line)
		img.SetColorIndex(x, y+1, line)
	}
	for x := 3; x < w-3; x++ {
		img.SetColorIndex(x, h-4, ink)
	}
	for y := 3; y < h-3; y++ {
		img.SetColorIndex(3, y, ink)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
