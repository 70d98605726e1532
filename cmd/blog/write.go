package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"blog/internal/check"
	"blog/internal/scaffold"
	"blog/internal/sitepath"
)

const initSummary = `Usage: blog init DIR [--title "My blog"] [--tool-repo owner/blog]

Creates a new site in DIR (new or empty) that builds at once: blog.yaml,
a Korean post with its English translation, a README and the GitHub Pages
workflow (.github/workflows/pages.yml).
`

func runInit(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("init", initSummary, stderr)
	title := fs.String("title", "", "site `title` (default: the folder name)")
	tool := fs.String("tool-repo", "", "GitHub `repository` (owner/name) with blog's source, for the Pages workflow")
	dir, err := oneArg(fs, args, "DIR")
	if err != nil {
		return err
	}
	files, err := scaffold.Init(dir, scaffold.InitOptions{Title: *title, ToolRepo: *tool, Now: time.Now()})
	if err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", filepath.Join(dir, f))
	}
	fmt.Fprintf(stdout, "Created a new site in %s. Next: cd %s && blog serve\n", dir, dir)
	return nil
}

const newSummary = `Usage: blog new "제목" [-s DIR] [--lang ko] [--slug SLUG] [--bundle]

Creates a post with the next free id (or, for a translation of a post with
the same slug, that post's id), today's date and time with the local
offset, and a slug made from the title (Hangul kept; --slug to set one).
It is a draft until you set draft: false. Never overwrites a file.
`

func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", newSummary, stderr)
	siteDir := fs.String("s", ".", "site `folder`")
	lang := fs.String("lang", "", "the post's `language` (default: the site's default language)")
	slug := fs.String("slug", "", "the post's `slug` (default: made from the title)")
	bundle := fs.Bool("bundle", false, "make a folder for a post with images (content/posts/<slug>/index.<lang>.md)")
	title, err := oneArg(fs, args, "\"제목\"")
	if err != nil {
		return err
	}
	rel, err := scaffold.NewPost(*siteDir, scaffold.PostOptions{Title: title, Lang: *lang, Slug: *slug, Bundle: *bundle, Now: time.Now()})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s (a draft: set draft: false to publish it)\n", filepath.Join(*siteDir, rel))
	return nil
}

const checkSummary = `Usage: blog check [-s DIR] [--format text|json]

Validates the site without writing anything: everything blog build checks,
plus links to pages, files and #anchors, images, posts without a
translation and tags that differ only in case or Unicode form. Prints
path:line: message; exits 1 when there are errors (warnings alone pass).
`

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", checkSummary, stderr)
	siteDir := fs.String("s", ".", "site `folder`")
	format := fs.String("format", "text", "output `format`: text, or json for CI annotations")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "--format must be text or json\n")
		return errUsage
	}
	root, err := sitepath.OpenRoot(*siteDir)
	if err != nil {
		return err
	}
	defer root.Close()
	found, err := check.Run(root.FS(), *siteDir)
	if err != nil {
		return err
	}
	if *format == "json" {
		if found == nil {
			found = check.Findings{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(found); err != nil {
			return err
		}
	} else {
		for _, f := range found {
			fmt.Fprintln(stdout, f)
		}
		fmt.Fprintf(stdout, "%d errors, %d warnings\n", found.Errors(), len(found)-found.Errors())
	}
	if n := found.Errors(); n > 0 {
		return errFound
	}
	return nil
}

// errFound ends a command that found problems it already printed.
var errFound = errors.New("problems found")

// oneArg parses flags around exactly one positional argument.
func oneArg(fs *flag.FlagSet, args []string, name string) (string, error) {
	// Flags may come after the argument: blog new "제목" --lang en.
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return "", errUsageOr(err)
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = args[len(args)-fs.NArg()+1:]
	}
	if len(pos) != 1 {
		fmt.Fprintf(fs.Output(), "want one %s argument\n", name)
		fs.Usage()
		return "", errUsage
	}
	return pos[0], nil
}
