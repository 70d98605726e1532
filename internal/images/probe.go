package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // registers GIF with image.DecodeConfig and image.Decode
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/webp"
)

// Formats, as Probe names them.
const (
	PNG  = "png"
	JPEG = "jpeg"
	GIF  = "gif"
	WebP = "webp"
)

// maxPixels is the largest image decoded: 100 megapixels (a 48 MP phone
// photo is 8000×6000). A larger one is refused rather than given gigabytes.
const maxPixels = 100_000_000

// Info is what an image's header says.
type Info struct {
	// Width and Height are the image as a browser shows it, its EXIF
	// orientation applied.
	Width, Height int
	// Format is PNG, JPEG, GIF or WebP.
	Format string
	// CopyFormat is the format of its copies: PNG or JPEG.
	CopyFormat string
	// Orientation is the JPEG's EXIF orientation, 1 (as stored) to 8.
	Orientation int
}

// ErrFormat is returned for data that is not an image Probe reads.
var ErrFormat = errors.New("not a PNG, JPEG, GIF or WebP image")

// Probe reads an image's size and format from its header, without
// decoding its pixels.
func Probe(data []byte) (Info, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return Info{}, ErrFormat
		}
		return Info{}, fmt.Errorf("reading the image's header: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fmt.Errorf("the image is %d×%d pixels", cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return Info{}, fmt.Errorf("the image is %d×%d pixels, more than %d million", cfg.Width, cfg.Height, maxPixels/1_000_000)
	}
	info := Info{Width: cfg.Width, Height: cfg.Height, Format: format, CopyFormat: PNG, Orientation: 1}
	switch format {
	case JPEG:
		info.CopyFormat = JPEG
		info.Orientation = jpegOrientation(data)
		if info.Orientation >= 5 {
			info.Width, info.Height = info.Height, info.Width
		}
	case WebP:
		if webpIsLossyAndOpaque(data) {
			info.CopyFormat = JPEG
		}
	}
	return info, nil
}

// webpIsLossyAndOpaque reports whether a WebP file holds a lossy (VP8)
// image without an alpha channel: a photograph, best kept as JPEG. A
// lossless one (VP8L), or one with alpha (ALPH), is a drawing or a
// screenshot, best kept as PNG.
func webpIsLossyAndOpaque(data []byte) bool {
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return false
	}
	lossy, alpha := false, false
	for p := 12; p+8 <= len(data); {
		fourcc, n := string(data[p:p+4]), int(binary.LittleEndian.Uint32(data[p+4:p+8]))
		switch fourcc {
		case "VP8 ":
			lossy = true
		case "ALPH":
			alpha = true
		case "VP8X":
			if p+8 < len(data) && data[p+8]&0x10 != 0 {
				alpha = true
			}
		}
		if n < 0 || n > len(data) {
			break
		}
		p += 8 + n + n&1 // chunks are padded to an even size
	}
	return lossy && !alpha
}

// jpegOrientation reads the EXIF orientation of a JPEG (tag 0x0112 of
// IFD0 in its APP1 segment), 1 when it has none or it cannot be read.
func jpegOrientation(data []byte) int {
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xd8 {
		return 1
	}
	for p := 2; p+4 <= len(data); {
		if data[p] != 0xff {
			return 1
		}
		marker := data[p+1]
		if marker == 0xff { // fill byte
			p++
			continue
		}
		if marker == 0xd8 || marker >= 0xd0 && marker <= 0xd7 || marker == 0x01 {
			p += 2
			continue
		}
		if marker == 0xda || marker == 0xd9 { // the image data starts: no EXIF before it
			return 1
		}
		n := int(binary.BigEndian.Uint16(data[p+2 : p+4]))
		if n < 2 || p+2+n > len(data) {
			return 1
		}
		seg := data[p+4 : p+2+n]
		if marker == 0xe1 && len(seg) > 6 && string(seg[:6]) == "Exif\x00\x00" {
			if o := exifOrientation(seg[6:]); o != 0 {
				return o
			}
		}
		p += 2 + n
	}
	return 1
}

// exifOrientation reads the orientation from a TIFF header and its IFD0,
// 0 when there is none.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 0
	}
	var order binary.ByteOrder
	switch string(tiff[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return 0
	}
	ifd := int(order.Uint32(tiff[4:8]))
	if ifd < 8 || ifd+2 > len(tiff) {
		return 0
	}
	count := int(order.Uint16(tiff[ifd : ifd+2]))
	for i := range count {
		e := ifd + 2 + 12*i
		if e+12 > len(tiff) {
			return 0
		}
		if order.Uint16(tiff[e:e+2]) != 0x0112 {
			continue
		}
		if typ := order.Uint16(tiff[e+2 : e+4]); typ != 3 { // SHORT
			return 0
		}
		if o := int(order.Uint16(tiff[e+8 : e+10])); o >= 1 && o <= 8 {
			return o
		}
		return 0
	}
	return 0
}
