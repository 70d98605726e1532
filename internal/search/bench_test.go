package search

import (
	"fmt"
	"os"
	"testing"
)

// seedDoc is the Korean seed post, read as text: about the size of a
// typical post.
func seedDoc(b *testing.B) *Doc {
	src, err := os.ReadFile("../../content/posts/kube-rs-contributions/index.ko.md")
	if err != nil {
		b.Fatal(err)
	}
	return &Doc{URL: "/posts/kube-rs-contributions/", Title: "kube-rs 4개월 기여 기록", Tags: []string{"kube-rs", "rust", "오픈소스"},
		Headings: []Heading{{"기여-목록", "기여 목록"}, {"회고", "회고"}}, Text: string(src)}
}

// BenchmarkAnalyzeKoreanPost tokenizes one post for the index.
func BenchmarkAnalyzeKoreanPost(b *testing.B) {
	d := seedDoc(b)
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		Analyze(d)
	}
}

// BenchmarkBuild1000 writes the index of 1,000 posts, already tokenized.
func BenchmarkBuild1000(b *testing.B) {
	base := seedDoc(b)
	docs := make([]*Doc, 1000)
	terms := make([]*Terms, len(docs))
	for i := range docs {
		d := *base
		d.URL = fmt.Sprintf("/posts/%d/", i)
		d.Text = fmt.Sprintf("%s 글%d번 post%d", base.Text, i, i) // a few tokens of its own
		docs[i], terms[i] = &d, Analyze(&d)
		docs[i].Text = ""
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Build(docs, func(i int) (*Terms, error) { return terms[i], nil }, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyzerKoreanPost is BenchmarkAnalyzeKoreanPost with one
// Analyzer for every post, as an index's build has.
func BenchmarkAnalyzerKoreanPost(b *testing.B) {
	d := seedDoc(b)
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	var a Analyzer
	for b.Loop() {
		a.Analyze(d)
	}
}
