// Command blog-bench times blog against Hugo on the same generated site:
//
//	go run ./cmd/blog-bench -sizes 2000,10000 -runs 3 -seed 1 -work /tmp/blog-bench
//
// It is the end-to-end counterpart of the go test -bench functions: those
// time the hot paths inside one process, this times whole builds as a
// person runs them, next to the generator most blogs would otherwise use.
//
// # What it does
//
// It builds the blog command once into WORK/blog. Then, for each size N, it
// writes the corpus of package blog/internal/corpus into WORK/corpus-N
// (reused when a stamp file says it was written with the same N and seed),
// writes a Hugo site into WORK/hugo-N whose contentDir is that corpus's
// content/ folder, so Hugo reads the very same files, and builds both
// -runs times, interleaved: blog cold, blog warm, Hugo, the file-system
// floor, then again.
//
// Hugo is the release named by -hugo-version (v0.165.0), installed from
// the Go module proxy with go install into the user's cache folder,
// outside the repository (~/.cache/blog-bench/hugo-v0.165.0/hugo), the
// first time; -hugo names another hugo command instead.
//
// The file-system floor (see floor.go) writes the folders and files of
// blog's output, with their sizes, and does nothing else: the least any
// build of the site can cost on this disk.
//
// It prints a table per size (median, min and max wall time, time per
// HTML page and per post file, median peak RSS, pages written, and the
// ratios blog/Hugo and warm/floor), writes the same as JSON to
// WORK/results-N.json, and ends with one table of every size: posts, blog
// cold, blog warm, Hugo, cold ratio, warm ratio, warm/floor, peak RSS of
// blog (its larger, cold) and Hugo.
// The outputs of the last run of each tool stay in WORK/out-N/ for
// inspection.
//
// # Rules of a run
//
// Every run is a new process writing into a new, missing output folder
// of its own (WORK/out-N/<tool>-<run>); the disks are synced before it and
// that is not timed. No output is deleted until every size is done: on
// ext4, creating files soon after many were deleted makes the kernel
// step over the recently freed inodes, which would charge each run for the
// cleanup of the one before it, and the tool that writes more files more. A "cold" blog run
// starts without the caches (.blogcache in the site, deleted
// first); with -warm, a "blog warm" series keeps the cache that the cold
// run of the same round left. Hugo gets a new --cacheDir each run and
// --gc=false. GOMAXPROCS, GOGC and GOMEMLIMIT are removed from the
// environment of both, so each uses the Go runtime's defaults. Wall time is
// measured around the process; peak RSS is the kernel's ru_maxrss.
//
// When hugo is not installed, it says how to install it and times blog
// alone.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) == 4 && os.Args[1] == floorArg {
		if err := runFloor(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintf(os.Stderr, "blog-bench floor: %v\n", err)
			os.Exit(1)
		}
		return
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command's flags.
type options struct {
	sizes []int
	runs  int
	seed  int64
	work  string
	warm  bool
	hugo  string
	// hugoVersion is the release installed when hugo is empty.
	hugoVersion string
	goCmd       string
}

// run is the whole command; it returns the exit code: 0, 1 when a build
// or a file failed, 2 on a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "blog-bench: %v\n", err)
		return 2
	}
	if err := bench(opts, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "blog-bench: %v\n", err)
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fl := flag.NewFlagSet("blog-bench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sizes := fl.String("sizes", "2000,10000", "comma-separated `sizes` of the corpus, in post files")
	var o options
	fl.IntVar(&o.runs, "runs", 3, "timed `runs` of each tool per size")
	fl.Int64Var(&o.seed, "seed", 1, "corpus `seed`")
	fl.StringVar(&o.work, "work", "bench", "working `folder`: corpora, Hugo sites, outputs and results")
	fl.BoolVar(&o.warm, "warm", true, "also time blog with the caches (highlighted code, rendered posts) kept from the round's cold run")
	fl.StringVar(&o.hugo, "hugo", "", "the hugo `command`; empty for -hugo-version installed from the Go module proxy into the user's cache")
	fl.StringVar(&o.hugoVersion, "hugo-version", "v0.165.0", "the Hugo `release` to install and compare with")
	fl.StringVar(&o.goCmd, "go", "go", "the go `command` that builds ./cmd/blog")
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), `usage: blog-bench [-sizes 2000,10000] [-runs 3] [-seed 1] [-work bench] [-warm=false]

Builds generated sites of each size with blog and with Hugo, -runs times
each, interleaved and from a cold start, and compares wall time and peak
memory. Run it from the module's root folder.

`)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return o, err
	}
	if fl.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fl.Arg(0))
	}
	if o.runs < 1 {
		return o, fmt.Errorf("-runs must be at least 1, not %d", o.runs)
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-sizes: %q is not a number of posts", s)
		}
		o.sizes = append(o.sizes, n)
	}
	return o, nil
}

// bench runs every size and prints and writes the results.
func bench(o options, stdout, stderr io.Writer) error {
	work, err := filepath.Abs(o.work)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	m := readMachine()
	fmt.Fprintf(stdout, "machine: %d CPUs, %s, %s\n", m.CPUs, m.Model, m.Go)
	if m.Browser != "" {
		fmt.Fprintf(stdout, "diagrams: drawn by blog's cold builds with %s (Hugo draws none)\n", m.Browser)
	} else {
		fmt.Fprintf(stdout, "diagrams: left to the reader's browser (no Chromium on PATH)\n")
	}

	hugoName := o.hugo
	if hugoName == "" {
		if hugoName, err = installHugo(o.goCmd, o.hugoVersion, stdout); err != nil {
			return err
		}
	}
	hugo, err := findHugo(hugoName)
	if err != nil {
		fmt.Fprintf(stderr, "blog-bench: %v\n", err)
		fmt.Fprintln(stderr, "blog-bench: timing blog alone")
	} else {
		fmt.Fprintf(stdout, "hugo: %s\n", hugo.version)
	}

	blogBin := filepath.Join(work, "blog")
	build := exec.Command(o.goCmd, "build", "-o", blogBin, "./cmd/blog")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/blog: %v\n%s", err, out)
	}

	// Outputs of an earlier bench are moved aside now and deleted at the
	// end, with this bench's, so that no run follows a mass deletion.
	trash, err := os.MkdirTemp(work, ".trash-")
	if err != nil {
		return err
	}
	defer func() {
		fmt.Fprintln(stdout, "removing the outputs of earlier runs")
		os.RemoveAll(trash)
	}()
	for _, n := range o.sizes {
		out := filepath.Join(work, fmt.Sprintf("out-%d", n))
		if err := os.Rename(out, filepath.Join(trash, filepath.Base(out))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var all []*result
	defer func() { printSummary(stdout, all) }()
	for _, n := range o.sizes {
		res, err := benchSize(o, n, work, blogBin, self, hugo, stdout, trash)
		if err != nil {
			return err
		}
		all = append(all, res)
		res.Machine = m
		printResult(stdout, res)
		data, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		file := filepath.Join(work, fmt.Sprintf("results-%d.json", n))
		if err := os.WriteFile(file, append(data, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n\n", file)
	}
	return nil
}

// benchSize prepares the corpus and the Hugo site of n posts and times the
// runs, interleaved.
func benchSize(o options, n int, work, blogBin, self string, hugo *hugoCmd, progress io.Writer, trash string) (*result, error) {
	corpusDir := filepath.Join(work, fmt.Sprintf("corpus-%d", n))
	st, reused, err := prepareCorpus(corpusDir, n, o.seed)
	if err != nil {
		return nil, err
	}
	how := "generated"
	if reused {
		how = "reused"
	}
	fmt.Fprintf(progress, "\n== %d posts (%d ko, %d en, %d bundles): corpus %s in %s\n", st.Posts(), st.Korean, st.English, st.Bundles, how, corpusDir)

	res := &result{Posts: n, Korean: st.Korean, English: st.English, Seed: o.seed, Runs: o.runs, Cache: "no cache"}
	outDir := filepath.Join(work, fmt.Sprintf("out-%d", n))
	cacheDir := filepath.Join(corpusDir, blogCacheDir)
	blogArgs := func(out string) []string { return []string{"build", "-s", corpusDir, "-o", out} }

	cold := &series{Tool: "blog"}
	warm := &series{Tool: "blog warm"}
	floor := &series{Tool: "fs floor"}
	manifest := filepath.Join(work, fmt.Sprintf("floor-%d.txt", n))
	floorArgs := func(out string) []string { return []string{floorArg, manifest, out} }
	var hugoSeries *series
	var hugoArgs func(out string) []string
	hugoCache := filepath.Join(outDir, "hugo-cache")
	if hugo != nil {
		hugoDir := filepath.Join(work, fmt.Sprintf("hugo-%d", n))
		rel, err := filepath.Rel(hugoDir, filepath.Join(corpusDir, "content"))
		if err != nil {
			return nil, err
		}
		if err := writeHugoSite(hugoDir, filepath.ToSlash(rel), hugo.newPagination); err != nil {
			return nil, err
		}
		res.Hugo = hugo.version
		hugoSeries = &series{Tool: "hugo"}
		hugoArgs = func(out string) []string {
			return []string{"--source", hugoDir, "--destination", out, "--cacheDir", hugoCache, "--gc=false", "--quiet"}
		}
	}

	for i := 1; i <= o.runs; i++ {
		if err := os.RemoveAll(cacheDir); err != nil {
			return nil, err
		}
		if err := timeRun(cold, i, o.runs, blogBin, blogArgs, outDir, trash, progress); err != nil {
			return nil, err
		}
		hasCache := isDir(cacheDir)
		if hasCache {
			res.Cache = blogCacheDir
		}
		if i == 1 {
			if _, err := writeManifest(filepath.Join(outDir, "blog-1"), manifest); err != nil {
				return nil, err
			}
		}
		if o.warm && hasCache {
			if err := timeRun(warm, i, o.runs, blogBin, blogArgs, outDir, trash, progress); err != nil {
				return nil, err
			}
		}
		if hugoSeries != nil {
			if err := os.RemoveAll(hugoCache); err != nil {
				return nil, err
			}
			if err := timeRun(hugoSeries, i, o.runs, hugo.path, hugoArgs, outDir, trash, progress); err != nil {
				return nil, err
			}
		}
		if err := timeRun(floor, i, o.runs, self, floorArgs, outDir, trash, progress); err != nil {
			return nil, err
		}
	}
	if o.warm && len(warm.Samples) == 0 {
		fmt.Fprintln(progress, "no cache: blog wrote no "+blogCacheDir+" folder, so there are no warm runs")
	}

	res.Tools = append(res.Tools, cold.summary(n))
	if len(warm.Samples) > 0 {
		res.Tools = append(res.Tools, warm.summary(n))
	}
	blogs := len(res.Tools)
	if hugoSeries != nil {
		h := hugoSeries.summary(n)
		res.Tools = append(res.Tools, h)
		for _, t := range res.Tools[:blogs] {
			res.Ratios = append(res.Ratios, ratio{Of: t.Tool + "/hugo", Time: t.MedianMs / h.MedianMs, RSS: t.MedianRSSMiB / h.MedianRSSMiB})
		}
	}
	f := floor.summary(n)
	res.Tools = append(res.Tools, f)
	for _, t := range res.Tools[:blogs] {
		res.Ratios = append(res.Ratios, ratio{Of: t.Tool + "/floor", Time: t.MedianMs / f.MedianMs, RSS: t.MedianRSSMiB / f.MedianRSSMiB})
	}
	return res, nil
}

// blogCacheDir is blog's cache folder in the site, by default.
const blogCacheDir = ".blogcache"

func isDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}
