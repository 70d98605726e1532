package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"blog/internal/content"
	"blog/internal/publish"
	"blog/internal/site"
)

const buildSummary = `Usage: blog build [-s DIR] [-o public] [--baseURL URL] [--drafts]

Builds the site into a folder. The folder is written beside its old
version and swapped in only when complete; a folder that blog did not
write is never replaced. On bad input, every problem is listed as
path:line: message and the exit code is 1.
`

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", buildSummary, stderr)
	siteDir := fs.String("s", ".", "site `folder` (holds blog.yaml and content/)")
	outDir := fs.String("o", "public", "output `folder`, relative to the site folder unless absolute")
	baseURL := fs.String("baseURL", "", "absolute `URL` the site is published at (overrides blog.yaml)")
	drafts := fs.Bool("drafts", false, "include drafts and posts dated in the future")
	quiet := fs.Bool("q", false, "print only problems")
	cacheDir := fs.String("cacheDir", ".blogcache", "`folder` of the highlight cache, relative to the site folder; empty for none (safe to delete)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	start := time.Now()
	dst := *outDir
	if !filepath.IsAbs(dst) {
		dst = filepath.Join(*siteDir, dst)
	}
	// Pages go to disk as they are rendered, into a new folder beside the
	// output that replaces it only when the whole build succeeded.
	w, err := publish.Begin(dst, *siteDir)
	if err != nil {
		return err
	}
	b, err := site.NewBuilder(os.DirFS(*siteDir), site.BuilderOptions{Options: site.Options{Drafts: *drafts, Emit: w.Write},
		BaseURL: *baseURL, CacheDir: inSite(*siteDir, *cacheDir)})
	if err != nil {
		w.Abort()
		return err
	}
	defer b.Close()
	out, set, err := b.Build()
	if err != nil {
		w.Abort()
		return reportProblems(err, stderr)
	}
	res, err := w.Commit()
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stdout, "Built %d posts in %d languages: %d pages, %d files (%s) in %s → %s\n",
			len(set.Posts), len(b.Config.Languages), out.Pages, res.Files, size(res.Bytes),
			time.Since(start).Round(time.Millisecond), dst)
		if hits, misses := b.CacheStats(); hits+misses > 0 {
			fmt.Fprintf(stdout, "Code blocks: %d highlighted, %d reused (from .blogcache or repeated in the site)\n", misses, hits)
		}
	}
	return nil
}

// reportProblems prints every problem of a failed build, one per line.
func reportProblems(err error, stderr io.Writer) error {
	var list content.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(stderr, e)
		}
		if len(list) == 1 {
			return errors.New("1 problem; nothing was written")
		}
		return fmt.Errorf("%d problems; nothing was written", len(list))
	}
	return err
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// inSite resolves a folder given relative to the site folder; "" stays "".
func inSite(siteDir, dir string) string {
	if dir == "" || filepath.IsAbs(dir) {
		return dir
	}
	return filepath.Join(siteDir, dir)
}
