package images

import (
	"slices"
	"testing"
)

func TestWidthsAreThoseNarrowerThanTheImageOnlyPastTheColumn(t *testing.T) {
	for _, tc := range []struct {
		info Info
		want []int
	}{
		{Info{Width: 300, Format: PNG}, nil},
		{Info{Width: 720, Format: JPEG}, nil},
		{Info{Width: 721, Format: JPEG}, []int{480, 720}},
		{Info{Width: 1080, Format: PNG}, []int{480, 720}},
		{Info{Width: 1440, Format: PNG}, []int{480, 720, 1080}},
		{Info{Width: 4032, Format: JPEG}, []int{480, 720, 1080, 1440}},
		{Info{Width: 2000, Format: GIF}, nil},
		{Info{Width: 2000, Format: WebP}, []int{480, 720, 1080, 1440}},
	} {
		if got := Widths(tc.info); !slices.Equal(got, tc.want) {
			t.Errorf("Widths(%d px %s) = %v, want %v", tc.info.Width, tc.info.Format, got, tc.want)
		}
	}
}

func TestCopyNamesSitBesideTheOriginal(t *testing.T) {
	for _, tc := range []struct {
		name   string
		width  int
		format string
		want   string
	}{
		{"photo.jpg", 480, JPEG, "photo.480w.jpg"},
		{"a/b/Photo.JPEG", 720, JPEG, "a/b/Photo.720w.JPEG"},
		{"그림/스크린샷 1.png", 1080, PNG, "그림/스크린샷 1.1080w.png"},
		{"shot.webp", 480, PNG, "shot.480w.png"},
		{"photo.webp", 1440, JPEG, "photo.1440w.jpg"},
		{"anim.gif", 480, PNG, "anim.480w.png"},
		{"v1.2/noext", 480, PNG, "v1.2/noext.480w.png"},
	} {
		if got := CopyName(tc.name, tc.width, tc.format); got != tc.want {
			t.Errorf("CopyName(%q, %d, %s) = %q, want %q", tc.name, tc.width, tc.format, got, tc.want)
		}
	}
}
