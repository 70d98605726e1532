package images

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"testing"
)

func TestResizeKeepsFormatAspectAndPicture(t *testing.T) {
	for _, tc := range []struct {
		name   string
		data   []byte
		width  int
		format string
		height int
		tol    int
	}{
		{"png", encodePNG(t, picture(2000, 1000, false)), 480, PNG, 240, 12},
		{"png with alpha", encodePNG(t, picture(1500, 900, true)), 720, PNG, 432, 12},
		{"jpeg", encodeJPEG(t, picture(1600, 1200, false)), 720, JPEG, 540, 16},
		{"odd height", encodeJPEG(t, picture(1001, 333, false)), 480, JPEG, 160, 16},
	} {
		c, err := Resize(tc.data, tc.width)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if c.Width != tc.width || c.Height != tc.height || c.Format != tc.format {
			t.Errorf("%s: copy is %s %d×%d, want %s %d×%d", tc.name, c.Format, c.Width, c.Height, tc.format, tc.width, tc.height)
		}
		m, format := decode(t, c.Data)
		if format != tc.format || m.Bounds().Dx() != tc.width || m.Bounds().Dy() != tc.height {
			t.Errorf("%s: the copy decodes as %s %v", tc.name, format, m.Bounds())
		}
		// Away from the disc's edge the copy shows what the original does.
		for _, p := range [][2]float64{{0.1, 0.1}, {0.9, 0.2}, {0.5, 0.5}, {0.25, 0.85}} {
			x, y := int(p[0]*float64(tc.width)), int(p[1]*float64(tc.height))
			want := pictureAt((float64(x)+0.5)/float64(tc.width), (float64(y)+0.5)/float64(tc.height))
			got := color.NRGBAModel.Convert(m.At(x, y)).(color.NRGBA)
			if tc.name == "png with alpha" {
				got.A, want.A = 255, 255 // the fade is checked below
			}
			if !near(got, want, tc.tol) {
				t.Errorf("%s: at (%d, %d) the copy is %v, the original %v", tc.name, x, y, got, want)
			}
		}
	}
}

func TestResizeKeepsTransparency(t *testing.T) {
	c, err := Resize(encodePNG(t, picture(1000, 400, true)), 500)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := decode(t, c.Data)
	if _, _, _, a := m.At(0, 200).RGBA(); a>>8 > 8 {
		t.Errorf("the transparent edge has alpha %d", a>>8)
	}
	if _, _, _, a := m.At(250, 20).RGBA(); a>>8 != 255 {
		t.Errorf("the opaque middle has alpha %d", a>>8)
	}
}

func TestResizeGivesTheSameBytesEveryTime(t *testing.T) {
	data := encodeJPEG(t, picture(1800, 1200, false))
	a, err := Resize(data, 720)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Resize(bytes.Clone(data), 720)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Data, b.Data) {
		t.Error("two copies of the same image at the same width differ")
	}
}

func TestResizeEachGivesWhatResizeGives(t *testing.T) {
	data := encodeJPEG(t, picture(2000, 1500, false))
	widths := []int{480, 720, 1080, 1440, 4000}
	each, err := ResizeEach(data, widths)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range widths {
		one, err := Resize(data, w)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(each[i].Data, one.Data) || each[i].Width != one.Width || each[i].Height != one.Height {
			t.Errorf("width %d: ResizeEach gives %d×%d, %d bytes; Resize %d×%d, %d bytes", w, each[i].Width, each[i].Height, len(each[i].Data), one.Width, one.Height, len(one.Data))
		}
	}
	if each[4].Width != 2000 || !bytes.Equal(each[4].Data, data) {
		t.Errorf("width 4000 of a 2000 px image gives %d px", each[4].Width)
	}
}

func TestResizeNeverEnlarges(t *testing.T) {
	small := encodePNG(t, picture(300, 200, false))
	c, err := Resize(small, 1440)
	if err != nil {
		t.Fatal(err)
	}
	if c.Width != 300 || c.Height != 200 || !bytes.Equal(c.Data, small) {
		t.Errorf("Resize(300 px, 1440) = %d×%d, %d bytes; want the original as it is", c.Width, c.Height, len(c.Data))
	}
	if _, err := Resize(small, 0); err == nil {
		t.Error("Resize to 0 px gave no error")
	}
}

func TestResizeTurnsByEXIFOrientation(t *testing.T) {
	// Stored 400×200: red on the left, blue on the right. Orientation 6
	// shows it turned a quarter clockwise, 200×400, red on top.
	stored := image.NewRGBA(image.Rect(0, 0, 400, 200))
	for y := range 200 {
		for x := range 400 {
			c := color.RGBA{220, 30, 30, 255}
			if x >= 200 {
				c = color.RGBA{30, 30, 220, 255}
			}
			stored.SetRGBA(x, y, c)
		}
	}
	data := withOrientation(encodeJPEG(t, stored), 6, binary.BigEndian)
	c, err := Resize(data, 100)
	if err != nil {
		t.Fatal(err)
	}
	if c.Width != 100 || c.Height != 200 {
		t.Fatalf("copy is %d×%d, want 100×200", c.Width, c.Height)
	}
	m, _ := decode(t, c.Data)
	if !near(m.At(50, 20), color.RGBA{220, 30, 30, 255}, 24) || !near(m.At(50, 180), color.RGBA{30, 30, 220, 255}, 24) {
		t.Errorf("top is %v and bottom %v, want red on top and blue below", m.At(50, 20), m.At(50, 180))
	}
	// At its own width, a turned JPEG is still turned: a new file.
	full, err := Resize(data, 200)
	if err != nil || full.Width != 200 || full.Height != 400 || bytes.Equal(full.Data, data) {
		t.Errorf("Resize at its own width = %d×%d (%v)", full.Width, full.Height, err)
	}
}

func TestOrientPutsTheFirstRowWhereEXIFSays(t *testing.T) {
	// A 3×2 image whose first row is marked: a at (0,0), b at (1,0).
	a, b := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 255, 0, 255}
	m := image.NewRGBA(image.Rect(0, 0, 3, 2))
	m.SetRGBA(0, 0, a)
	m.SetRGBA(1, 0, b)
	// Where a and b are shown, in the shown image (3×2 or 2×3).
	for o, want := range map[int][2][2]int{
		1: {{0, 0}, {1, 0}}, 2: {{2, 0}, {1, 0}}, 3: {{2, 1}, {1, 1}}, 4: {{0, 1}, {1, 1}},
		5: {{0, 0}, {0, 1}}, 6: {{1, 0}, {1, 1}}, 7: {{1, 2}, {1, 1}}, 8: {{0, 2}, {0, 1}},
	} {
		got := orient(m, o)
		if got.RGBAAt(want[0][0], want[0][1]) != a || got.RGBAAt(want[1][0], want[1][1]) != b {
			t.Errorf("orientation %d: a at %v and b at %v are %v, %v", o, want[0], want[1], got.RGBAAt(want[0][0], want[0][1]), got.RGBAAt(want[1][0], want[1][1]))
		}
	}
}

func TestWebPCopiesArePNGOrJPEG(t *testing.T) {
	data := losslessWebP(1000, 500, color.NRGBA{R: 200, G: 100, B: 50, A: 255})
	c, err := Resize(data, 480)
	if err != nil {
		t.Fatal(err)
	}
	m, format := decode(t, c.Data)
	if format != PNG || c.Format != PNG || m.Bounds().Dx() != 480 || m.Bounds().Dy() != 240 {
		t.Errorf("the copy of a lossless WebP is %s %v, want PNG 480×240", format, m.Bounds())
	}
	if !near(m.At(100, 100), color.NRGBA{R: 200, G: 100, B: 50, A: 255}, 2) {
		t.Errorf("the copy's colour is %v", m.At(100, 100))
	}
}

func TestSocialIs1200WideOrTheImageAsItIs(t *testing.T) {
	big := encodeJPEG(t, picture(3000, 1500, false))
	c, err := Social(big)
	if err != nil || c.Width != SocialWidth || c.Height != 600 || c.Format != JPEG {
		t.Errorf("Social(3000×1500 JPEG) = %s %d×%d (%v)", c.Format, c.Width, c.Height, err)
	}
	small := encodePNG(t, picture(800, 400, false))
	c, err = Social(small)
	if err != nil || !bytes.Equal(c.Data, small) {
		t.Errorf("Social(800 px PNG) made a new file (%v)", err)
	}
	c, err = Social(losslessWebP(600, 300, color.NRGBA{A: 255}))
	if err != nil || c.Format != PNG || c.Width != 600 {
		t.Errorf("Social(WebP) = %s %d px (%v), want a PNG as wide", c.Format, c.Width, err)
	}
}
