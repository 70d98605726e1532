// Command blog builds and serves a bilingual (Korean first, English second)
// static blog. See "blog help".
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	_ "time/tzdata" // dates resolve the same on machines without zoneinfo
)

const usage = `blog builds a bilingual (Korean and English) static blog.

Usage:
  blog <command> [flags]

Commands:
  init     create a new site in a folder
  new      start a new post: blog new "제목" [--lang en]
  serve    build the site in memory, serve it on 127.0.0.1, reload on save
  check    validate content, links, images, anchors and translations
  build    build the site into a folder (default public/)
  import   bring in a Docusaurus blog or legacy posts: blog import docusaurus DIR
  help     show help for a command: blog help build

Every command works on the site in the current folder, or in -s DIR.
A site is a folder with blog.yaml and content/posts/.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks a mistake in the command line; its message is printed
// with the command's help.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "build":
		err = runBuild(rest, stdout, stderr)
	case "serve", "server":
		err = runServe(rest, stdout, stderr)
	case "init":
		err = runInit(rest, stdout, stderr)
	case "new":
		err = runNew(rest, stdout, stderr)
	case "check":
		err = runCheck(rest, stdout, stderr)
	case "import":
		err = runImport(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return run([]string{rest[0], "-h"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "blog: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errFound):
		return 1
	default:
		fmt.Fprintf(stderr, "blog %s: %v\n", cmd, err)
		return 1
	}
}

// newFlags makes a flag set whose help starts with a command's summary.
func newFlags(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\nFlags:\n", summary)
		fs.PrintDefaults()
	}
	return fs
}

// errUsageOr turns a flag mistake into errUsage, keeping flag.ErrHelp.
func errUsageOr(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return errUsage
}

// parseFlags parses args, turning a flag mistake into errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}
