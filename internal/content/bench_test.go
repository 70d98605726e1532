package content

import (
	"os"
	"testing"

	"blog/internal/config"
)

func BenchmarkReadHeader(b *testing.B) {
	for _, file := range []string{
		"../../content/posts/kube-rs-contributions/index.ko.md",
		"../../content/posts/istio-weekly-meeting/index.txt",
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Skip(err)
		}
		loc := config.Default().Location
		b.Run(file[len("../../content/posts/"):], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if meta, _, _, _, errs := readHeader(file, data, loc); meta == nil || len(errs) > 0 {
					b.Fatal(errs)
				}
			}
		})
	}
}
