package main

import (
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"sort"
	"strings"
	"testing/fstest"

	"blog/internal/importer"
	"blog/internal/pages"
	"blog/internal/site"
)

// printPlanned says, for a dry run, how many of the old site's addresses
// the import would carry.
func printPlanned(plan *importer.Plan, stdout io.Writer) {
	all, carried := 0, 0
	var parts []string
	for _, c := range plan.Summary() {
		all += c.All
		carried += c.Carried
		parts = append(parts, fmt.Sprintf("%s %d/%d", c.Kind, c.Carried, c.All))
	}
	fmt.Fprintf(stdout, "Old addresses: %d, %d carried (%s)\n", all, carried, strings.Join(parts, ", "))
}

// checkAddresses builds the site as the import left it, in memory, and
// follows every address of the old site through it as GitHub Pages would
// answer it (package pages); it prints how many answer, by kind, and lists
// those that do not.
func checkAddresses(plan *importer.Plan, siteFS fs.FS, dir string, stdout io.Writer) error {
	b, err := site.NewBuilder(siteFS, site.BuilderOptions{Dir: dir})
	if err != nil {
		return fmt.Errorf("the site does not build after the import:\n%w", err)
	}
	defer b.Close()
	out, _, err := b.Build()
	if err != nil {
		return fmt.Errorf("the site does not build after the import:\n%w", err)
	}
	built := fstest.MapFS{}
	for _, f := range out.Files {
		data, err := f.Bytes()
		if err != nil {
			return err
		}
		built[f.Path] = &fstest.MapFile{Data: data}
	}
	base := b.Config.BasePath()
	type count struct{ all, ok int }
	byKind := map[string]*count{}
	var missing []string
	for _, a := range plan.Addresses {
		c := byKind[a.Kind]
		if c == nil {
			c = &count{}
			byKind[a.Kind] = c
		}
		c.all++
		hops, err := pages.Follow(built, base, a.Old)
		last := hops[len(hops)-1]
		if err == nil && last.Status == http.StatusOK {
			c.ok++
			continue
		}
		why := fmt.Sprintf("%d", last.Status)
		if err != nil {
			why = err.Error()
		} else if a.To == "" {
			why = "not carried"
		}
		missing = append(missing, fmt.Sprintf("  %s (%s): %s", a.Old, a.Kind, why))
	}
	kinds := make([]string, 0, len(byKind))
	total, ok := 0, 0
	for k, c := range byKind {
		kinds = append(kinds, k)
		total += c.all
		ok += c.ok
	}
	sort.Strings(kinds)
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%s %d/%d", k, byKind[k].ok, byKind[k].all))
	}
	fmt.Fprintf(stdout, "Old addresses that answer on the new site: %d of %d (%s)\n", ok, total, strings.Join(parts, ", "))
	if len(missing) > 0 {
		sort.Strings(missing)
		fmt.Fprintf(stdout, "These %d do not:\n%s\n", len(missing), strings.Join(missing, "\n"))
	}
	return nil
}
