package search

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"blog/internal/corpus"
)

// One Analyzer over many posts, each text in one buffer that the next
// post's text overwrites, gives every post the terms a fresh Analyze
// gives it; compared after the buffer was overwritten, so the terms hold
// nothing of the text they were made from.
func TestAnAnalyzerGivesWhatAnalyzeGivesAndKeepsNoText(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, 40, 7); err != nil {
		t.Fatal(err)
	}
	var texts []string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(path string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		texts = append(texts, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Short and empty texts after long ones, and mixed scripts.
	texts = append(texts, "", "React에서 useEffect를 쓰는 법: std::io::Read, a.b-c", "가", "Wrapping errors in Go")
	if len(texts) < 40 {
		t.Fatalf("%d texts, want at least 40", len(texts))
	}
	var a Analyzer
	var buf []byte
	got := make([]*Terms, len(texts))
	for i, text := range texts {
		buf = append(buf[:0], text...)
		d := &Doc{Title: "제목 Title " + text[:min(len(text), 30)], Tags: []string{"태그", "Go"}, Headings: []Heading{{ID: "h", Text: "헤딩 Heading"}}, Text: unsafe.String(unsafe.SliceData(buf), len(buf))}
		got[i] = a.Analyze(d)
		for j := range buf {
			buf[j] = 'x' // what the caller does with its buffer next
		}
	}
	for i, text := range texts {
		d := &Doc{Title: "제목 Title " + text[:min(len(text), 30)], Tags: []string{"태그", "Go"}, Headings: []Heading{{ID: "h", Text: "헤딩 Heading"}}, Text: text}
		if want := Analyze(d); !reflect.DeepEqual(got[i], want) {
			t.Errorf("text %d: the Analyzer gave other terms than Analyze", i)
		}
	}
}
