package images

// Images the tests make: a photograph-like picture with a subject, encoded
// as PNG or JPEG, JPEGs with an EXIF orientation, and the smallest WebP
// files that can be written by hand.

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// picture is a w×h image: a smooth diagonal gradient (sky), a dark disc in
// the middle (a subject with hard edges) and, when alpha, edges that fade
// out. Its colour at a point is known, so a copy can be checked against it.
func picture(w, h int, alpha bool) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := pictureAt(float64(x)/float64(w), float64(y)/float64(h))
			if alpha {
				c.A = uint8(255 * min(1, 4*min(float64(x)/float64(w), 1-float64(x)/float64(w))))
			}
			m.SetNRGBA(x, y, c)
		}
	}
	return m
}

// pictureAt is picture's colour at (u, v), each from 0 to 1.
func pictureAt(u, v float64) color.NRGBA {
	du, dv := u-0.5, v-0.5
	if du*du+dv*dv < 0.04 {
		return color.NRGBA{R: 30, G: 30, B: 40, A: 255}
	}
	return color.NRGBA{R: uint8(40 + 200*u), G: uint8(80 + 150*v), B: uint8(220 - 120*u*v), A: 255}
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withOrientation puts an APP1 segment with an EXIF orientation o right
// after a JPEG's SOI marker, as a camera writes it, in the byte order
// order.
func withOrientation(jpg []byte, o int, order binary.ByteOrder) []byte {
	var tiff bytes.Buffer
	if order == binary.LittleEndian {
		tiff.WriteString("II*\x00")
	} else {
		tiff.WriteString("MM\x00*")
	}
	u16 := func(v uint16) { b := make([]byte, 2); order.PutUint16(b, v); tiff.Write(b) }
	u32 := func(v uint32) { b := make([]byte, 4); order.PutUint32(b, v); tiff.Write(b) }
	u32(8) // IFD0 right after the header
	u16(2) // two entries: one before the orientation, as cameras write
	u16(0x010f)
	u16(2) // ASCII
	u32(4)
	tiff.WriteString("cam\x00")
	u16(0x0112)
	u16(3) // SHORT
	u32(1)
	u16(uint16(o))
	u16(0)
	u32(0) // no IFD1
	seg := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	out := []byte{0xff, 0xd8, 0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(out[4:], uint16(len(seg)+2))
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// bitWriter writes bits least significant first, as VP8L reads them.
type bitWriter struct {
	buf  []byte
	acc  uint64
	bits uint
}

func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.bits
	w.bits += n
	for w.bits >= 8 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.bits -= 8
	}
}

func (w *bitWriter) bytes() []byte {
	if w.bits > 0 {
		w.buf = append(w.buf, byte(w.acc))
	}
	return w.buf
}

// losslessWebP is a w×h WebP of one colour, in the lossless format
// (VP8L): no transform, no colour cache, and five prefix codes of one
// symbol each, so every pixel takes no bits.
func losslessWebP(w, h int, c color.NRGBA) []byte {
	var bw bitWriter
	bw.write(0x2f, 8) // signature
	bw.write(uint64(w-1), 14)
	bw.write(uint64(h-1), 14)
	bw.write(1, 1) // alpha is used
	bw.write(0, 3) // version
	bw.write(0, 1) // no transform
	bw.write(0, 1) // no colour cache
	bw.write(0, 1) // no meta prefix codes
	for _, sym := range []uint8{c.G, c.R, c.B, c.A} {
		bw.write(1, 1) // simple code
		bw.write(0, 1) // one symbol
		bw.write(1, 1) // of 8 bits
		bw.write(uint64(sym), 8)
	}
	bw.write(1, 1) // distance: simple code
	bw.write(0, 1) // one symbol
	bw.write(0, 1) // of 1 bit
	bw.write(0, 1) // symbol 0
	return riff(chunk("VP8L", bw.bytes()))
}

// lossyWebPHeader is the header of a lossy WebP (VP8) w×h, with an alpha
// chunk when alpha: enough for Probe, which reads no pixels.
func lossyWebPHeader(w, h int, alpha bool) []byte {
	frame := []byte{0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0, 0, 0, 0}
	binary.LittleEndian.PutUint16(frame[6:], uint16(w))
	binary.LittleEndian.PutUint16(frame[8:], uint16(h))
	if !alpha {
		return riff(chunk("VP8 ", frame))
	}
	x := make([]byte, 10)
	x[0] = 0x10 // alpha
	putUint24 := func(b []byte, v int) { b[0], b[1], b[2] = byte(v), byte(v>>8), byte(v>>16) }
	putUint24(x[4:], w-1)
	putUint24(x[7:], h-1)
	var body []byte
	body = append(body, chunk("VP8X", x)...)
	body = append(body, chunk("ALPH", []byte{0})...)
	body = append(body, chunk("VP8 ", frame)...)
	return riff(body)
}

func chunk(fourcc string, data []byte) []byte {
	out := append([]byte(fourcc), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(data)))
	out = append(out, data...)
	if len(data)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

func riff(body []byte) []byte {
	out := append([]byte("RIFF"), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(out[4:], uint32(4+len(body)))
	out = append(out, "WEBP"...)
	return append(out, body...)
}

// decode decodes a copy, failing the test when it is not an image.
func decode(t testing.TB, data []byte) (image.Image, string) {
	t.Helper()
	m, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decoding a copy: %v", err)
	}
	return m, format
}

// near reports whether two colours differ by at most tol in each channel.
func near(a, b color.Color, tol int) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	d := func(x, y uint32) bool { return abs(int(x>>8)-int(y>>8)) <= tol }
	return d(r1, r2) && d(g1, g2) && d(b1, b2) && d(a1, a2)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
