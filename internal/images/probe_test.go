package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"testing"
)

func TestProbeReadsSizeAndFormat(t *testing.T) {
	var g bytes.Buffer
	if err := gif.Encode(&g, image.NewPaletted(image.Rect(0, 0, 33, 21), color.Palette{color.Black, color.White}), nil); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		data []byte
		want Info
	}{
		"png":           {encodePNG(t, picture(640, 360, false)), Info{640, 360, PNG, PNG, 1}},
		"jpeg":          {encodeJPEG(t, picture(800, 600, false)), Info{800, 600, JPEG, JPEG, 1}},
		"gif":           {g.Bytes(), Info{33, 21, GIF, PNG, 1}},
		"webp lossless": {losslessWebP(120, 80, color.NRGBA{10, 20, 30, 255}), Info{120, 80, WebP, PNG, 1}},
		"webp lossy":    {lossyWebPHeader(1920, 1080, false), Info{1920, 1080, WebP, JPEG, 1}},
		"webp alpha":    {lossyWebPHeader(1920, 1080, true), Info{1920, 1080, WebP, PNG, 1}},
	} {
		got, err := Probe(tc.data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%s: Probe = %+v, want %+v", name, got, tc.want)
		}
	}
}

func TestProbeReadsOnlyTheHeader(t *testing.T) {
	p := encodePNG(t, picture(1000, 500, false))
	// Signature and IHDR: the pixels are cut off.
	got, err := Probe(p[:33])
	if err != nil || got.Width != 1000 || got.Height != 500 {
		t.Errorf("Probe(PNG header) = %+v, %v", got, err)
	}
	// Go's JPEG decoder reads up to the start of the first scan.
	j := encodeJPEG(t, picture(900, 400, false))
	sos := bytes.Index(j, []byte{0xff, 0xda})
	if sos < 0 || len(j) < sos+1000 {
		t.Fatalf("the JPEG's scan starts at %d of %d bytes", sos, len(j))
	}
	got, err = Probe(j[:sos+100])
	if err != nil || got.Width != 900 || got.Height != 400 {
		t.Errorf("Probe(JPEG header) = %+v, %v", got, err)
	}
}

func TestProbeTurnsTheSizeByEXIFOrientation(t *testing.T) {
	j := encodeJPEG(t, picture(400, 300, false))
	for o := 1; o <= 8; o++ {
		for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
			got, err := Probe(withOrientation(j, o, order))
			if err != nil {
				t.Fatal(err)
			}
			want := Info{400, 300, JPEG, JPEG, o}
			if o >= 5 {
				want.Width, want.Height = 300, 400
			}
			if got != want {
				t.Errorf("orientation %d (%v): Probe = %+v, want %+v", o, order, got, want)
			}
		}
	}
}

func TestProbeRefusesWhatIsNotAnImageOrTooLarge(t *testing.T) {
	if _, err := Probe([]byte("<svg xmlns='http://www.w3.org/2000/svg'/>")); !errors.Is(err, ErrFormat) {
		t.Errorf("Probe(svg) = %v, want ErrFormat", err)
	}
	if _, err := Probe(nil); !errors.Is(err, ErrFormat) {
		t.Errorf("Probe(nil) = %v, want ErrFormat", err)
	}
	// A PNG header claiming 20000×20000 pixels: refused without decoding.
	huge := append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", []byte{0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 6, 0, 0, 0})...)
	if _, err := Probe(huge); err == nil {
		t.Error("Probe of a 400-megapixel image gave no error")
	}
	if _, err := Resize(huge, 480); err == nil {
		t.Error("Resize of a 400-megapixel image gave no error")
	}
}

func pngChunk(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}
