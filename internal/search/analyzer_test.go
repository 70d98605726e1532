package search

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
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
	texts := corpusTexts(t, 40)
	// Short and empty texts after long ones, and mixed scripts.
	texts = append(texts, "", "React에서 useEffect를 쓰는 법: std::io::Read, a.b-c", "가", "Wrapping errors in Go")
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

// The bundle is the files, each its length and its bytes, in the
// layout's order, and every file is its part of the bundle: counted to
// the byte before it is written (Build checks that too).
func TestTheBundleIsTheFilesLaidOutOnce(t *testing.T) {
	texts := corpusTexts(t, 60)
	var docs []*Doc
	for i, text := range texts {
		docs = append(docs, &Doc{URL: "/p/" + strconv.Itoa(i) + "/", Title: "글 \"" + strconv.Itoa(i) + "\"", Date: "2024-01-02", Tags: []string{"Go", "러스트"}, Summary: text[:min(len(text), 80)], Text: text})
	}
	files, bundle, err := Build(docs, func(i int) (*Terms, error) { return Analyze(docs[i]), nil }, Options{Synonyms: [][]string{{"k8s", "kubernetes"}}})
	if err != nil {
		t.Fatal(err)
	}
	names := LayoutFor(len(docs)).Names()
	parts, ok := SplitBundle(bundle, len(names))
	if !ok || len(files) != len(names) {
		t.Fatalf("%d files, %d parts (split %v), want %d", len(files), len(parts), ok, len(names))
	}
	shards := 0
	for i, f := range files {
		if f.Name != names[i] || !json.Valid(f.Data) || !bytes.Equal(f.Data, parts[i]) {
			t.Fatalf("file %d: %s, valid JSON %v, same as its part %v; want %s", i, f.Name, json.Valid(f.Data), bytes.Equal(f.Data, parts[i]), names[i])
		}
		if len(f.Data) > 0 && &f.Data[0] != &parts[i][0] {
			t.Errorf("%s is a copy, not its part of the bundle", f.Name)
		}
		if strings.HasPrefix(f.Name, "t/") && len(f.Data) > len(`{"k":[],`+"\n"+`"p":[]}`+"\n") {
			shards++
		}
	}
	if shards < 2 {
		t.Errorf("%d token shards hold tokens; the test needs several", shards)
	}
	if _, ok := SplitBundle(bundle[:len(bundle)-1], len(names)); ok {
		t.Error("a cut bundle split")
	}
}

// corpusTexts are the Markdown files of a generated site of n posts.
func corpusTexts(t *testing.T, n int) []string {
	t.Helper()
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, n, 7); err != nil {
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
	if len(texts) < n {
		t.Fatalf("%d texts, want at least %d", len(texts), n)
	}
	return texts
}
