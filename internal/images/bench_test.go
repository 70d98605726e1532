package images

import "testing"

// BenchmarkResize makes the copies a post's photo and screenshot get: a
// 4032×3024 camera JPEG (12 MP) and a 2560×1600 PNG screenshot, at each
// copy width.
func BenchmarkResize(b *testing.B) {
	photo := encodeJPEG(b, picture(4032, 3024, false))
	shot := encodePNG(b, picture(2560, 1600, false))
	for _, tc := range []struct {
		name  string
		data  []byte
		width int
	}{
		{"jpeg-4032-to-480", photo, 480},
		{"jpeg-4032-to-1440", photo, 1440},
		{"png-2560-to-720", shot, 720},
		{"png-2560-to-1440", shot, 1440},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.data)))
			for range b.N {
				if _, err := Resize(tc.data, tc.width); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkResizeEach makes every copy a 12 MP camera photo gets (480,
// 720, 1080 and 1440 px), decoding it once: what one photo of a post
// costs the first time it is built.
func BenchmarkResizeEach(b *testing.B) {
	photo := encodeJPEG(b, picture(4032, 3024, false))
	widths := Widths(Info{Width: 4032, Format: JPEG})
	b.ResetTimer()
	for range b.N {
		if _, err := ResizeEach(photo, widths); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProbe reads a 12 MP JPEG's size.
func BenchmarkProbe(b *testing.B) {
	photo := encodeJPEG(b, picture(4032, 3024, false))
	b.ResetTimer()
	for range b.N {
		if _, err := Probe(photo); err != nil {
			b.Fatal(err)
		}
	}
}
