// Command blog-corpus writes a benchmark site of bilingual posts for the
// blog engine: blog-corpus -n 1000 -seed 1 -o bench/corpus-1000. See
// package blog/internal/corpus for what the posts are like.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"blog/internal/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command; it returns the exit code: 0, 1 when the
// corpus could not be written, 2 on a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("blog-corpus", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("n", 1000, "number of post `files` to write (about 60% Korean, 40% their English translations)")
	seed := fl.Int64("seed", 1, "random `seed`; the same -n and -seed give byte-identical files")
	out := fl.String("o", "", "output `folder`, new or empty (required)")
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), `usage: blog-corpus -o DIR [-n 1000] [-seed 1]

Writes a benchmark site for blog into DIR: blog.yaml and -n post files under
content/posts/, Korean posts of about 800 words with code, a table, a list and
a link, and English translations of about two thirds of them; a third are
bundles with an image. Build it with: blog build -s DIR

`)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch {
	case fl.NArg() > 0:
		fmt.Fprintf(stderr, "blog-corpus: unexpected argument %q\n", fl.Arg(0))
		fl.Usage()
		return 2
	case *out == "":
		fmt.Fprintln(stderr, "blog-corpus: -o DIR is required")
		fl.Usage()
		return 2
	case *n < 1:
		fmt.Fprintf(stderr, "blog-corpus: -n must be at least 1, not %d\n", *n)
		return 2
	}
	start := time.Now()
	st, err := corpus.Generate(*out, *n, *seed)
	if err != nil {
		fmt.Fprintf(stderr, "blog-corpus: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Wrote %d posts (%d ko, %d en; %d bundles) to %s: %d files, %.1f MB, %d words in %v\n",
		st.Posts(), st.Korean, st.English, st.Bundles, *out, st.Files, float64(st.Bytes)/(1<<20), st.Words, time.Since(start).Round(time.Millisecond))
	return 0
}
