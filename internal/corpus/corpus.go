// Package corpus writes benchmark sites: many bilingual posts that look
// like the ones this blog publishes, so builds can be timed on something
// the size of a real blog rather than on the handful of posts in content/.
//
// # Input and output
//
// Generate takes a folder, a number of post files n and a seed, and writes
// a complete site there: blog.yaml (Korean the default language, English
// second, a base URL, ten posts a page) and n post files under
// content/posts/. It returns Stats: the posts per language, the bundles,
// the files, bytes and words written.
//
// # What the posts are like
//
// About 60% of the files are Korean posts and 40% English ones, and every
// English post is the translation of a Korean post: the same id, the same
// bundle or file name with .en.md instead of .ko.md, the same date, tags,
// headings, code, table, list and link. One Korean post in three is a
// bundle (content/posts/<name>/index.ko.md, index.en.md and a small PNG
// named in images: and shown in the text); the others are files
// (content/posts/<name>.ko.md, <name>.en.md). Names are ASCII slugs like
// post-00042-moving-from-api-server.
//
// A post has YAML front matter (id, title, date with a +0900 offset
// between 2019 and 2025, 3 to 6 tags from a fixed pool of 60, Korean and
// English, a description on half of them), then about 800 words of prose
// under ## and ### headings: Korean posts in Korean with English technical
// terms, English posts in English, paragraphs with soft line breaks. Each
// post has exactly four fenced code blocks, in go, yaml, sh and a language
// chroma does not know (zigzag-lang), of 5 to 20 lines each; one GFM
// table; one list; one link. Sentences and code come from templates whose
// slots are drawn from small pools, so no two posts read the same while
// some code blocks recur, as they do on a real blog.
//
// # Rules
//
// The same n and seed give byte-identical files: every choice comes from a
// random source seeded by the seed and the post's number, and nothing
// depends on the clock or on map order. A different seed gives different
// text. Generate writes only into a folder that is empty or missing.
package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Stats says what Generate wrote.
type Stats struct {
	// Korean and English are the posts written in each language.
	Korean, English int
	// Bundles are the posts written as bundle folders (counted once for
	// both languages).
	Bundles int
	// Files is every file written, blog.yaml and images included.
	Files int
	// Bytes is the size of every file written.
	Bytes int64
	// Words is the words of every post's text, code not counted.
	Words int
}

// Posts returns the number of post files written.
func (s Stats) Posts() int { return s.Korean + s.English }

// Generate writes a site of n post files into dir, which must be empty or
// missing, from the given seed.
func Generate(dir string, n int, seed int64) (Stats, error) {
	if n < 1 {
		return Stats{}, fmt.Errorf("corpus: the number of posts must be at least 1, not %d", n)
	}
	if err := emptyDir(dir); err != nil {
		return Stats{}, err
	}
	posts, err := plan(n, seed)
	if err != nil {
		return Stats{}, err
	}
	w := &writer{dir: dir}
	w.write("blog.yaml", fmt.Appendf(nil, siteConfig, n, seed))
	for _, p := range posts {
		langs := []lang{ko}
		if p.translated {
			langs = append(langs, en)
		}
		for _, l := range langs {
			md, words := p.markdown(l, p.rand(seed, 1+int(l)))
			w.write(p.file(l), []byte(md))
			w.stats.Words += words
			if l == ko {
				w.stats.Korean++
			} else {
				w.stats.English++
			}
		}
		if p.bundle {
			w.write(path.Join("content/posts", p.name, p.image), p.png)
			w.stats.Bundles++
		}
	}
	return w.stats, w.err
}

// siteConfig is the blog.yaml of a corpus; it takes n and the seed.
const siteConfig = `# A benchmark site written by blog-corpus (internal/corpus): %d posts, seed %d.
title: "Benchmark corpus"
baseURL: https://bench.example.org/
defaultLanguage: ko
languages:
  ko:
    title: "벤치마크 블로그"
    description: "blog-corpus가 만든 벤치마크용 사이트입니다."
    locale: ko_KR
  en:
    title: "Benchmark blog"
    description: "A benchmark site written by blog-corpus."
    locale: en_US
permalink: /posts/:slug/
paginate: 10
timeZone: Asia/Seoul
markdown:
  unsafe: true
`

// emptyDir makes sure dir is an empty folder, creating it when missing.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return fmt.Errorf("corpus: %w", err)
	case len(entries) > 0:
		return fmt.Errorf("corpus: %s is not empty; give a new or empty folder", dir)
	}
	return nil
}

// writer writes files under dir and counts them; after the first error it
// does nothing and keeps that error.
type writer struct {
	dir   string
	stats Stats
	err   error
}

func (w *writer) write(name string, data []byte) {
	if w.err != nil {
		return
	}
	file := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		w.err = err
		return
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		w.err = err
		return
	}
	w.stats.Files++
	w.stats.Bytes += int64(len(data))
}
