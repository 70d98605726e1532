package content

import (
	"fmt"
	"path"
	"strings"

	"blog/internal/problem"
	"blog/internal/sitepath"
)

// slugRule is the rule for a post's slug: one element of an address
// (sitepath.Segment) with nothing a link would read as more than a name.
func slugRule(slug string) error {
	if strings.ContainsAny(slug, "?#%") {
		return fmt.Errorf("has ? # or %%, which a link would not read as part of the name")
	}
	return sitepath.Segment(slug)
}

// cleanPaths applies the site's path rule (package sitepath) to the paths
// the header names: images stay inside the post's folder, aliases are
// addresses of this site. A path that breaks the rule is reported and
// dropped, so nothing later reads or writes it.
func (p *Post) cleanPaths() problem.List {
	var errs problem.List
	var imgs []string
	for _, img := range p.Images {
		c, err := sitepath.Rel(img)
		if err == nil {
			err = fileRule(c)
		}
		if err != nil {
			errs = append(errs, problem.At(p.File, p.Line("images"), "image %q %w", img, err))
			continue
		}
		imgs = append(imgs, c)
	}
	p.Images = imgs
	if p.Image != "" && !isWebURL(p.Image) {
		c, err := sitepath.Rel(p.Image)
		if err == nil {
			err = fileRule(c)
		}
		if err != nil {
			errs = append(errs, problem.At(p.File, p.Line("image"), "image %q %w", p.Image, err))
			c = ""
		}
		p.Image = c
	}
	if p.Cover != "" && !isWebURL(p.Cover) {
		c, err := sitepath.Rel(p.Cover)
		if err == nil {
			err = fileRule(c)
		}
		if err != nil {
			errs = append(errs, problem.At(p.File, p.Line("cover"), "cover %q %w", p.Cover, err))
			c = ""
		}
		p.Cover = c
	}
	var aliases []string
	for _, a := range p.Aliases {
		c, err := sitepath.Addr(a)
		if err != nil {
			errs = append(errs, problem.At(p.File, p.Line("aliases"), "alias %q %w", a, err))
			continue
		}
		aliases = append(aliases, c)
	}
	p.Aliases = aliases
	return errs
}

// isWebURL reports an http or https URL, which an image: may be.
func isWebURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// fileRule is what a post's own file may not be, besides the path rule: a
// dot file (.env), or a post file (another post's source, a draft's).
func fileRule(name string) error {
	if sitepath.Hidden(name) {
		return fmt.Errorf("names a dot file, which a site never publishes")
	}
	if ext := strings.ToLower(path.Ext(name)); ext == ".md" || ext == ".txt" {
		return fmt.Errorf("names a post file (%s), which a site publishes as a page, not as a file", ext)
	}
	return nil
}
