package content

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"blog/internal/config"
)

// checkParse is what must hold for any input to the header parsers: no
// panic or hang, every problem names the file and a line inside it, and a
// header without problems has a title and a date.
func checkParse(t *testing.T, data []byte) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		parseChecks(t, data)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		// A hang is a finding too: fail so the fuzzer keeps the input.
		t.Fatalf("parsing %d bytes did not finish in 10s: %q", len(data), data)
	}
}

func parseChecks(t *testing.T, data []byte) {
	meta, _, body, bodyLine, errs := readHeader("content/posts/f.md", data, config.Default().Location)
	// Lines as the parser counts them: CRLF and a lone CR (old Mac files)
	// end a line too.
	lf := bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	lines := bytes.Count(lf, []byte("\n")) + 1
	for _, e := range errs {
		if e.File != "content/posts/f.md" || e.Line < 0 || e.Line > lines {
			t.Fatalf("problem outside the file: %v (file has %d lines)", e, lines)
		}
		if e.Msg == "" {
			t.Fatalf("problem without a message at line %d", e.Line)
		}
	}
	if meta == nil && len(errs) == 0 {
		t.Fatal("no header and no problem")
	}
	if meta != nil && len(errs) == 0 && (meta.Title == "" || meta.Date.IsZero()) {
		t.Fatalf("header without problems lacks title or date: %+v", meta)
	}
	if meta != nil && (bodyLine < 1 || bodyLine > lines+1 || len(body) > len(data)) {
		t.Fatalf("body starts at line %d of %d, %d bytes of %d", bodyLine, lines, len(body), len(data))
	}
}

func addSeeds(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
}

func FuzzFrontMatter(f *testing.F) {
	addSeeds(f, "../../content/posts/*/index.*.md")
	addSeeds(f, "../../content/posts/*.md")
	f.Add([]byte("---\ntitle: A\ndate: 2024-01-03\ntags: [a, b]\n---\nbody\n"))
	f.Add([]byte("---\ntitle: [\n---\n"))
	f.Add([]byte("\uFEFF---\r\ntitle: x\r\ndate: 2024/01/03\r\n---\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data) })
}

func FuzzLegacyHeader(f *testing.F) {
	addSeeds(f, "../../content/posts/*/index.txt")
	f.Add([]byte("[ID: 1]\n[Tags: a, b]\n[Title: [x] y]\n[WriteTime: 2023/11/07]\n[ImageNames: ]\n\nbody\n"))
	f.Add([]byte("\t[Title: t\n[WriteTime: 2024-01-03]\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data) })
}
