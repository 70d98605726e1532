package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"blog/internal/config"
	"blog/internal/gitlog"
	"blog/internal/importer"
	"blog/internal/sitepath"
)

const importSummary = `Usage: blog import docusaurus DIR [--from-build BUILD] [-s SITE] [--dry-run] [--force]
       blog import legacy DIR [--images DIR] [--lang ko] [-s SITE] [--dry-run] [--force]

Brings an existing blog into the site, keeping every old address alive.

docusaurus reads a Docusaurus site without running it:
  docusaurus.config.*  its literal settings become blog.yaml: title, tagline,
                       url and baseUrl, locales, posts per page, a feed that
                       lists featured posts only; the post address pattern
                       is chosen so posts keep their addresses
  blog/, i18n/         posts and their translations, one bundle each, dates
                       with their time and offset, image: as the social
                       image, authors.yml, tags.yml
  docs/                docs into content/docs/, ordered as they were
  src/pages/           Markdown pages into content/pages/; a React page is
                       carried as the HTML of its build (--from-build)
  static/              copied whole into static/
  giscus               a <Giscus> component's settings become comments
Every address the old site served in every locale (posts, tags, lists,
archive, authors, feeds, docs, pages, search, static files, its own
redirects) answers afterwards: as it is, or by a redirect (a post's alias,
or a line of content/redirects.yaml). --from-build names the old site's
build folder: its file names, redirect pages and sitemap.xml give the
addresses its JavaScript computed too. After writing, the import builds the
new site in memory and follows every old address, as GitHub Pages would
answer it, and says which do not answer.

legacy reads posts with the bracket header ([ID: …], [Tags: …], [Title: …],
[WriteTime: …], [ImageNames: …]), keeps their ids (of two posts with one id
the older keeps it), gives the next free id to a post without one, dates a
post without a date by its first commit (or its file's time), and copies the
images named in ImageNames from --images, leaving out those not there.

What cannot be carried (React pages and components, swizzled theme parts,
styles, computed settings, MDX imports) is listed as file:line with what to
do. A second import changes nothing. A post that exists and differs is never
overwritten without --force; --dry-run shows what would be written.
`

func runImport(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		fmt.Fprint(stderr, importSummary)
		if len(args) == 0 {
			return errUsage
		}
		return flag.ErrHelp
	}
	kind := args[0]
	if kind != "docusaurus" && kind != "legacy" {
		fmt.Fprintf(stderr, "blog import: unknown source %q; want docusaurus or legacy\n\n%s", kind, importSummary)
		return errUsage
	}
	fl := newFlags("import "+kind, importSummary, stderr)
	siteDir := fl.String("s", ".", "site `folder` to import into")
	dryRun := fl.Bool("dry-run", false, "show what would be written, write nothing")
	force := fl.Bool("force", false, "overwrite posts that exist and differ")
	images := fl.String("images", "", "legacy: the `folder` of the images named in ImageNames (default: beside each post)")
	lang := fl.String("lang", "", "legacy: the posts' `language` (default: the site's default language)")
	fromBuild := fl.String("from-build", "", "docusaurus: the old site's build `folder`, for every address it served")
	dir, err := oneArg(fl, args[1:], "DIR")
	if err != nil {
		return err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s: not a folder", dir)
	}
	// The old blog, its images and the site are each read through a root
	// that no path or link in them can lead out of.
	if err := os.MkdirAll(*siteDir, 0o755); err != nil {
		return err
	}
	siteRoot, err := sitepath.OpenRoot(*siteDir)
	if err != nil {
		return err
	}
	defer siteRoot.Close()
	src, err := sitepath.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer src.Close()
	cfg, err := config.Load(siteRoot.FS())
	if err != nil {
		return err
	}
	var plan *importer.Plan
	switch kind {
	case "docusaurus":
		var opts importer.DocusaurusOptions
		if *fromBuild != "" {
			build, err := sitepath.OpenRoot(*fromBuild)
			if err != nil {
				return fmt.Errorf("--from-build: %w", err)
			}
			defer build.Close()
			opts.Build = build.FS()
		}
		plan, err = importer.Docusaurus(src.FS(), siteRoot.FS(), cfg, opts)
	case "legacy":
		opts := importer.LegacyOptions{Lang: *lang, FileDate: func(file string) (time.Time, string, error) {
			if t, err := gitlog.FirstAdded(dir, file); err == nil {
				return t, "the date of its first commit", nil
			}
			st, err := fs.Stat(src.FS(), file)
			if err != nil {
				return time.Time{}, "", err
			}
			return st.ModTime().In(cfg.Location).Truncate(time.Second), "its modification time (the folder is not a git checkout)", nil
		}}
		if *images != "" {
			imgs, err := sitepath.OpenRoot(*images)
			if err != nil {
				return err
			}
			defer imgs.Close()
			opts.Images = imgs.FS()
		}
		plan, err = importer.Legacy(src.FS(), siteRoot.FS(), cfg, opts)
	}
	if err != nil {
		return err
	}
	if err := writePlan(plan, siteRoot.OS(), dir, *dryRun, *force, stdout, stderr); err != nil {
		return err
	}
	if len(plan.Addresses) == 0 {
		return nil
	}
	if *dryRun {
		printPlanned(plan, stdout)
		return nil
	}
	return checkAddresses(plan, siteRoot.FS(), *siteDir, stdout)
}

// writePlan writes the files of an import, or with dryRun says what it
// would write, and prints the notes.
// Every file goes through site's root, at a path the site's path rule
// accepts (sitepath.Rel), so an old blog cannot make it write elsewhere.
func writePlan(plan *importer.Plan, site *os.Root, from string, dryRun, force bool, stdout, stderr io.Writer) error {
	var wrote, same, kept int
	verb := "wrote"
	done := "written"
	if dryRun {
		verb = "would write"
	}
	for _, f := range plan.Files {
		dst, err := importPath(f.Path)
		if err != nil {
			return fmt.Errorf("import would write %q, which %v; nothing more was written", f.Path, err)
		}
		old, err := site.ReadFile(dst)
		switch {
		case err == nil && bytes.Equal(old, f.Data):
			same++
			continue
		case err == nil && f.Post && !force:
			fmt.Fprintf(stderr, "%s: exists and differs; kept (--force overwrites it)\n", f.Path)
			kept++
			continue
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return err
		}
		action := verb
		if err == nil {
			action += " (replacing)"
			if f.Merge {
				action = verb + " (adding entries)"
			}
		}
		fmt.Fprintf(stdout, "  %s %s\n", action, f.Path)
		wrote++
		if dryRun {
			continue
		}
		if err := site.MkdirAll(path.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := site.WriteFile(dst, f.Data, 0o644); err != nil {
			return err
		}
	}
	for _, s := range plan.Info {
		fmt.Fprintf(stdout, "note: %s\n", s)
	}
	if len(plan.Notes) > 0 {
		fmt.Fprintf(stderr, "\nNeeds a human look (%d):\n", len(plan.Notes))
		for _, n := range plan.Notes {
			fmt.Fprintf(stderr, "  %s\n", filepath.ToSlash(filepath.Clean(from))+"/"+n.String())
		}
	}
	summary := fmt.Sprintf("Imported %d post files from %s: %d files %s, %d unchanged", plan.Posts, from, wrote, done, same)
	if dryRun {
		summary = fmt.Sprintf("Dry run, nothing written: %d post files from %s, %d files to write, %d unchanged", plan.Posts, from, wrote, same)
	}
	fmt.Fprintln(stdout, summary)
	if kept > 0 {
		return fmt.Errorf("%d posts exist with other content and were kept; check them, or run again with --force", kept)
	}
	return nil
}

// importPath checks where an import may write: a clean path (sitepath)
// into content/ or static/, or blog.yaml, and no dot file on the way.
func importPath(p string) (string, error) {
	dst, err := sitepath.Rel(p)
	switch {
	case err != nil:
		return "", err
	case dst != p:
		return "", errors.New("is not a clean path")
	case sitepath.Hidden(dst):
		return "", errors.New("names a dot file, which an import never writes")
	case dst != config.FileName && !strings.HasPrefix(dst, "content/") && !strings.HasPrefix(dst, "static/"):
		return "", errors.New("is outside content/ and static/, where an import writes")
	}
	return dst, nil
}
