package importer

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"blog/internal/pages"
)

// An Address is one address the old site served, and where it answers on
// the new one. The import lists every one it knows (Plan.Addresses), so
// that what it wrote can be checked against a build of the new site.
type Address struct {
	// Old is the address as the old site linked it, decoded:
	// "/2024/10/29/macos", "/en/tags/mac-os", "/img/logo.png".
	Old string
	// Kind says what it was: post, tag, tags, archive, authors, author,
	// list (the home and its pages), feed, doc, page, search, static,
	// sitemap, 404, redirect (a redirect the old site made), html (the
	// .html form of a page's address).
	Kind string
	// Lang is the new site's language of the page.
	Lang string
	// To is the address on the new site it answers at; "" when the
	// import knows none (it was not carried).
	To string
	// File says the address names a file, not a page.
	File bool
	// Build says the address was read from the old site's build.
	Build bool

	via string // the post file whose alias it is, or "" for redirects.yaml
}

// key is the page an address names, the same with or without its
// trailing slash (a static host answers /a with a 301 to /a/).
func addrKey(p string) string {
	if p != "/" {
		p = strings.TrimSuffix(p, "/")
	}
	return p
}

// addresses is the table of the old site's addresses.
type addresses struct {
	byKey map[string]*Address
	list  []*Address
}

// add puts an address in the table; the first one for a key stays.
func (a *addresses) add(e *Address) *Address {
	if a.byKey == nil {
		a.byKey = map[string]*Address{}
	}
	k := addrKey(e.Old)
	if old := a.byKey[k]; old != nil {
		if old.To == "" && e.To != "" {
			old.To, old.Kind, old.Lang, old.File, old.via = e.To, e.Kind, e.Lang, e.File, e.via
		}
		return old
	}
	a.byKey[k] = e
	a.list = append(a.list, e)
	return e
}

func (a *addresses) get(p string) *Address { return a.byKey[addrKey(p)] }

// siteRel is an old address as a path of the new site, which is
// published under the old base URL: "/repo/a/b" → "/a/b"; "" for an
// address outside it.
func (d *dimport) siteRel(old string) string {
	if d.ds.baseURL == "/" {
		return old
	}
	if addrKey(old) == addrKey(d.ds.baseURL) {
		return "/"
	}
	if rest, ok := strings.CutPrefix(old, d.ds.baseURL); ok {
		return "/" + rest
	}
	return ""
}

// answersAsIs reports an address the new site serves at the same place.
func (d *dimport) answersAsIs(e *Address) bool {
	return e.To != "" && addrKey(d.siteRel(e.Old)) == addrKey(e.To)
}

// readBuild reads every address the old site's build served: each file
// (an x.html page answers at /x and /x.html, a folder's index.html at
// /x/), its redirect pages' targets and the addresses of its sitemap.xml.
// Addresses it does not know from the sources are looked up by where
// their redirect leads; the bundler's /assets/ are counted, not listed.
func (d *dimport) readBuild(build fs.FS) error {
	base := d.ds.baseURL
	var assets int
	var redirects [][2]string // old address, its target as written
	var builtFiles []string   // files of the build the sources do not give
	err := fs.WalkDir(build, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if p == "assets" || strings.HasSuffix(p, "/assets") && d.isLocaleDir(path.Dir(p)) {
				n := 0
				_ = fs.WalkDir(build, p, func(_ string, e fs.DirEntry, err error) error {
					if err == nil && !e.IsDir() {
						n++
					}
					return nil
				})
				assets += n
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(e.Name(), ".") {
			return nil // .nojekyll: not an address
		}
		addr := base + p
		if !strings.HasSuffix(p, ".html") {
			if a := d.addBuilt(addr, true); a.To == "" {
				builtFiles = append(builtFiles, p)
			}
			return nil
		}
		data, err := fs.ReadFile(build, p)
		if err != nil {
			return err
		}
		var forms []string
		switch {
		case path.Base(p) == "index.html":
			forms = []string{strings.TrimSuffix(addr, "index.html")}
		default:
			forms = []string{strings.TrimSuffix(addr, ".html"), addr}
		}
		if target := pages.RefreshTarget(data); target != "" {
			for _, f := range forms {
				redirects = append(redirects, [2]string{f, target})
			}
			return nil
		}
		for i, f := range forms {
			e := d.addBuilt(f, false)
			if i == 1 && e.Kind == "" {
				e.Kind = "html"
			}
			if e.Kind == "" && path.Base(p) == "404.html" {
				// A host answers /404 with the file itself.
				if page := d.addr.get(addr); page != nil {
					e.Kind, e.To, e.File, e.Lang = page.Kind, page.To, true, page.Lang
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The old site's own redirects lead to where their targets are now.
	for _, r := range redirects {
		from, target := r[0], r[1]
		u, err := url.Parse(target)
		if err != nil || u.Host != "" && u.Host != d.host() {
			d.plan.note("build", 0, "%s redirects off the site, to %s; not carried", from, target)
			continue
		}
		to := ""
		if t := d.addr.get(u.Path); t != nil {
			to = t.To
		}
		e := d.addr.add(&Address{Old: from, Kind: "redirect", To: to, Build: true})
		if e.Kind == "" {
			e.Kind = "redirect"
		}
		if to == "" && e.To == "" {
			d.plan.note("build", 0, "%s redirected to %s, which is not carried; the redirect is not either", from, u.Path)
		}
	}
	if data, err := fs.ReadFile(build, "sitemap.xml"); err == nil {
		d.readSitemap(data)
	}
	for _, loc := range d.ds.locales {
		if loc == d.ds.defaultLocale {
			continue
		}
		if data, err := fs.ReadFile(build, d.ds.localePath[loc]+"/sitemap.xml"); err == nil {
			d.readSitemap(data)
		}
	}
	// Files the old build made itself (feed styles, opensearch.xml) are
	// carried as they are, so their addresses answer.
	var copied []string
	for _, p := range builtFiles {
		e := d.addr.get(base + p)
		if e == nil || e.To != "" {
			continue
		}
		data, err := fs.ReadFile(build, p)
		if err != nil {
			return err
		}
		d.plan.add(&File{Path: "static/" + p, Data: data})
		e.To = "/" + p
		copied = append(copied, p)
	}
	if len(copied) > 0 {
		d.plan.note("build", 0, "%d files the old build made itself (%s) are copied from it into static/, so their addresses answer; the new site does not use them", len(copied), clipList(copied, 4))
	}
	if assets > 0 {
		d.plan.Info = append(d.plan.Info, fmt.Sprintf("the old build's %d bundler files under assets/ (scripts, styles, hashed copies of images) are not carried: the new site makes its own", assets))
	}
	return nil
}

// clipList writes the first n names and how many more there are.
func clipList(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

func (d *dimport) isLocaleDir(dir string) bool {
	for _, loc := range d.ds.locales {
		if dir == d.ds.localePath[loc] {
			return true
		}
	}
	return false
}

func (d *dimport) host() string {
	u, err := url.Parse(d.ds.url)
	if err != nil {
		return ""
	}
	return u.Host
}

// addBuilt marks an address the build served; one the sources did not
// give is listed as not carried.
func (d *dimport) addBuilt(addr string, file bool) *Address {
	if e := d.addr.get(addr); e != nil {
		e.Build = true
		return e
	}
	e := &Address{Old: addr, File: file, Build: true}
	return d.addr.add(e)
}

func (d *dimport) readSitemap(data []byte) {
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if xml.NewDecoder(bytes.NewReader(data)).Decode(&sm) != nil {
		return
	}
	for _, u := range sm.URLs {
		p, err := url.Parse(strings.TrimSpace(u.Loc))
		if err != nil || p.Host != d.host() {
			continue
		}
		d.addBuilt(p.Path, false)
	}
}

// guessKinds names what build-only addresses are, by their shape, so the
// report can group them; and sends a tag's further pages to the tag.
func (d *dimport) guessKinds() {
	for _, e := range d.addr.list {
		if e.Kind != "" {
			continue
		}
		rest := e.Old
		for _, loc := range d.ds.locales {
			if p := d.ds.prefix(loc); p != "/" && strings.HasPrefix(rest, p) {
				rest = "/" + strings.TrimPrefix(rest, p)
			}
		}
		rest = strings.TrimPrefix(rest, strings.TrimSuffix(d.ds.baseURL, "/"))
		switch {
		case strings.Contains(rest, "/tags/") && strings.Contains(rest, "/page/"):
			e.Kind = "tag"
			if t := d.addr.get(rest[:strings.Index(rest, "/page/")]); t != nil {
				e.To, e.Lang = t.To, t.Lang
			}
		case strings.HasSuffix(rest, ".xsl") || strings.HasSuffix(rest, ".css") && strings.Contains(rest, "atom") || strings.Contains(rest, "rss."):
			e.Kind = "feed-style"
		case strings.HasSuffix(rest, "opensearch.xml"):
			e.Kind = "opensearch"
		case e.File:
			e.Kind = "file"
		default:
			e.Kind = "page"
		}
	}
}

// redirectLines are the lines of content/redirects.yaml: every address
// that answers elsewhere and is not a post's own alias, in the order the
// table has them.
func (d *dimport) redirectLines() (keys []string, to map[string]string) {
	to = map[string]string{}
	for _, e := range d.addr.list {
		from := d.siteRel(e.Old)
		if e.To == "" || from == "" || d.answersAsIs(e) || e.via != "" {
			continue
		}
		if !e.File && !strings.HasSuffix(from, ".html") {
			from = strings.TrimSuffix(from, "/") + "/"
		}
		if _, dup := to[from]; dup {
			continue
		}
		keys = append(keys, from)
		to[from] = e.To
	}
	return keys, to
}

// Summary counts the addresses by kind: how many there are and how many
// answer on the new site, as the import planned it.
func (p *Plan) Summary() []KindCount {
	byKind := map[string]*KindCount{}
	var kinds []string
	for _, e := range p.Addresses {
		c := byKind[e.Kind]
		if c == nil {
			c = &KindCount{Kind: e.Kind}
			byKind[e.Kind] = c
			kinds = append(kinds, e.Kind)
		}
		c.All++
		if e.To != "" {
			c.Carried++
		}
	}
	slices.Sort(kinds)
	out := make([]KindCount, len(kinds))
	for i, k := range kinds {
		out[i] = *byKind[k]
	}
	return out
}

// KindCount is how many addresses of one kind the old site had, and how
// many of them the import carried.
type KindCount struct {
	Kind         string
	All, Carried int
}
