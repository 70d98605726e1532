package importer

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"blog/internal/config"
	"blog/internal/content"
)

// DocusaurusOptions are the settings of a Docusaurus import.
type DocusaurusOptions struct {
	// Build is the old site's build output (its build/ folder): its file
	// names, redirect pages and sitemap.xml give every address it served,
	// those its JavaScript config computed included. nil imports from the
	// sources alone.
	Build fs.FS
}

var datedPath = regexp.MustCompile(`^(?:(.*)/)?(\d{4})[-/](\d{2})[-/](\d{2})[-/](.+)$`)

// dimport is one Docusaurus import under way.
type dimport struct {
	src, site fs.FS
	ds        *docusaurusSite
	plan      *Plan
	cfg       *config.Config // the site's config as the import leaves it
	langs     map[string]string
	addr      addresses
	aliases   map[string][]string // post file in the site → its old addresses
	tags      map[string]dtag
	authors   map[string]dauthor
	groups    []*dgroup
}

type dtag struct{ label, permalink string }

type dauthor struct {
	Name     string `yaml:"name"`
	Title    string `yaml:"title"`
	URL      string `yaml:"url"`
	ImageURL string `yaml:"image_url"`
	Page     any    `yaml:"page"`
}

// dpost is one language version of a Docusaurus post.
type dpost struct {
	file   string // in the old site
	dir    string // the folder its relative references start from
	folder bool   // a folder post (…/index.md): its files are its own
	locale string
	lang   string
	fm     map[string]any
	lines  map[string]int
	body   string
	line0  int
	out    string     // the post file in the site
	header *yaml.Node // the front matter as written
}

// dgroup is a post with its translations.
type dgroup struct {
	rel      string // path under blog/
	date     time.Time
	name     string // the file name without date and extension
	slug     string // front matter slug of the default version
	bundle   string
	id       string
	versions []*dpost
}

func (g *dgroup) version(locale string) *dpost {
	for _, v := range g.versions {
		if v.locale == locale {
			return v
		}
	}
	return nil
}

// Docusaurus plans the import of the Docusaurus site in src: blog.yaml
// from its config's literal settings, its posts in every locale, docs,
// Markdown pages and static files, its authors, and redirects from every
// old address it served to where that page is now. What it cannot carry
// (React pages, swizzled components, styles, computed settings) is noted
// with file and line.
func Docusaurus(src, site fs.FS, cfg *config.Config, opts DocusaurusOptions) (*Plan, error) {
	plan := &Plan{}
	ds, err := readDocusaurusSite(src, plan)
	if err != nil {
		return nil, err
	}
	d := &dimport{src: src, site: site, ds: ds, plan: plan, langs: map[string]string{}, aliases: map[string][]string{}}
	for _, loc := range ds.locales {
		lang := localeLang(cfg, loc)
		if lang == "" {
			lang = strings.ToLower(ds.localePath[loc])
		}
		d.langs[loc] = lang
	}
	if d.tags, err = readTagsFile(src, ds.blogDir, plan); err != nil {
		return nil, err
	}
	if d.authors, err = readAuthorsFile(src, ds.blogDir); err != nil {
		return nil, err
	}
	var groups []*dgroup
	if ds.blog {
		if groups, err = findPosts(src, ds, d.langs, plan); err != nil {
			return nil, err
		}
	}
	d.groups = groups
	giscus := findGiscus(src, plan)
	settings := d.settings(groups, giscus)
	data, newCfg, changed, err := settingsFile(site, settings)
	if err != nil {
		return nil, err
	}
	d.cfg = newCfg
	if changed {
		plan.add(&File{Path: config.FileName, Data: data, Merge: true})
	}
	if err := d.posts(groups); err != nil {
		return nil, err
	}
	if ds.docs {
		if err := d.docs(); err != nil {
			return nil, err
		}
	}
	if err := d.pages(opts.Build); err != nil {
		return nil, err
	}
	if err := d.static(); err != nil {
		return nil, err
	}
	d.siteAddresses()
	d.clientRedirects()
	noteSources(src, ds, plan)
	if opts.Build != nil {
		if err := d.readBuild(opts.Build); err != nil {
			return nil, fmt.Errorf("reading the old build: %w", err)
		}
		d.guessKinds()
	}
	if err := d.writePosts(groups); err != nil {
		return nil, err
	}
	if err := d.writeAuthors(groups); err != nil {
		return nil, err
	}
	if err := d.writeRedirects(); err != nil {
		return nil, err
	}
	for _, e := range d.addr.list {
		plan.Addresses = append(plan.Addresses, *e)
	}
	plan.sortFiles()
	return plan, nil
}

// localeLang maps a Docusaurus locale to a site language: the same code,
// or the language part of it ("en-US" → "en").
func localeLang(cfg *config.Config, locale string) string {
	for _, l := range cfg.Languages {
		if strings.EqualFold(l.Code, locale) {
			return l.Code
		}
	}
	base, _, _ := strings.Cut(locale, "-")
	for _, l := range cfg.Languages {
		if strings.EqualFold(l.Code, base) {
			return l.Code
		}
	}
	return ""
}

// reserved are the first elements of addresses the new site makes
// itself, which a post at /<slug>/ must not take.
var reserved = []string{"tags", "archive", "authors", "search", "page", "posts", "docs", "404.html", "rss.xml", "atom.xml", "sitemap.xml"}

// settings are the keys of blog.yaml the old config decides.
func (d *dimport) settings(groups []*dgroup, giscus *config.Giscus) []setting {
	ds := d.ds
	var out []setting
	set := func(v any, path ...string) { out = append(out, setting{path: path, value: v}) }
	def := d.langs[ds.defaultLocale]
	title := ds.title
	if t := ds.blogTitle[ds.defaultLocale]; title == "" {
		title = t
	}
	if title != "" {
		set(title, "title")
	}
	if desc := cmpOr(ds.tagline, ds.blogDesc[ds.defaultLocale]); desc != "" {
		set(desc, "description")
	}
	if ds.url != "" {
		set(ds.url+ds.baseURL, "baseURL")
	}
	set(def, "defaultLanguage")
	for _, loc := range ds.locales {
		lang := d.langs[loc]
		t := cmpOr(ds.blogTitle[loc], title)
		desc := ds.blogDesc[loc]
		if loc == ds.defaultLocale {
			desc = cmpOr(ds.tagline, desc)
		}
		if t != "" {
			set(t, "languages", lang, "title")
		}
		if desc != "" {
			set(desc, "languages", lang, "description")
		}
	}
	if len(ds.locales) > 1 {
		// Docusaurus lists a post in every locale, in its own language
		// where it has no translation.
		set(true, "showUntranslated")
	}
	if ds.postsPerPage > 0 {
		set(ds.postsPerPage, "paginate")
	} else {
		set(math.MaxInt32, "paginate")
	}
	set(d.permalink(groups), "permalink")
	if ds.featuredOnly {
		set(true, "feeds", "featuredOnly")
	}
	if slices.Contains(ds.feedTypes, "json") {
		set(true, "feeds", "json")
	}
	if giscus != nil {
		set(mapNode("repo", giscus.Repo, "repoId", giscus.RepoID, "category", giscus.Category, "categoryId", giscus.CategoryID, "mapping", giscus.Mapping), "comments", "giscus")
	}
	if menu := d.menu(); menu != nil {
		set(menu.node(), "menu")
	}
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// permalink is the post address pattern that gives most posts the address
// they had: dated (/<route>/:year/:month/:day/:slug/) or not
// (/<route>/:slug/). A post it does not fit keeps its old address as an
// alias.
func (d *dimport) permalink(groups []*dgroup) string {
	dated := 0
	for _, g := range groups {
		if g.slug == "" && datedPath.MatchString(strings.TrimSuffix(g.rel, path.Ext(g.rel))) {
			dated++
		}
	}
	route := ""
	if d.ds.route != "" {
		route = "/" + d.ds.route
	}
	if dated*2 >= len(groups) && len(groups) > 0 {
		return route + "/:year/:month/:day/:slug/"
	}
	if route == "" {
		for _, g := range groups {
			first, _, _ := strings.Cut(oldPostPath(g), "/")
			if slices.Contains(reserved, first) || d.langs[first] != "" {
				return "/posts/:slug/"
			}
		}
	}
	if route == "/posts" || route == "" {
		return route + "/:slug/"
	}
	return route + "/:slug/"
}

// menu is the header links of the old navbar that lead into the site: its
// pages, doc sections and lists.
func (d *dimport) menu() *menuNode {
	nav := d.ds.navbar
	if nav == nil {
		return nil
	}
	var items []*jsValue
	var walk func(list []*jsValue)
	walk = func(list []*jsValue) {
		for _, it := range list {
			if sub := arrayOf(it.get("items")); len(sub) > 0 {
				walk(sub)
				continue
			}
			items = append(items, it)
		}
	}
	walk(arrayOf(nav.get("items")))
	m := &menuNode{}
	for _, it := range items {
		label, _ := it.get("label").text()
		typ, _ := it.get("type").text()
		switch {
		case typ == "docSidebar" || typ == "doc":
			section := d.sidebarSection(stringOr(it.get("sidebarId"), ""), stringOr(it.get("docId"), ""))
			if section != "" {
				m.add("section", section, label)
			}
		case it.get("to") != nil:
			to, ok := it.get("to").text()
			if !ok || strings.Contains(to, "://") {
				continue
			}
			to = "/" + strings.Trim(to, "/")
			if rest, ok := strings.CutPrefix(to, "/"+d.ds.route); d.ds.route != "" && ok {
				to = "/" + strings.Trim(rest, "/")
			}
			switch to {
			case "/", "/archive", "/tags", "/authors", "/search":
				m.add("url", strings.TrimSuffix(to, "/")+"/", label)
			default:
				if page := d.pageAt(strings.TrimPrefix(to, "/")); page != "" {
					m.add("page", page, label)
				}
			}
		}
	}
	if len(m.items) == 0 {
		return nil
	}
	return m
}

// pageAt is the page of src/pages at a path ("about"), or "".
func (d *dimport) pageAt(p string) string {
	for _, ext := range []string{".md", ".mdx", ".tsx", ".jsx", ".js", ".ts", "/index.md", "/index.mdx", "/index.tsx", "/index.jsx", "/index.js"} {
		if _, err := fs.Stat(d.src, path.Join(d.ds.pagesDir, p+ext)); err == nil {
			return p
		}
	}
	return ""
}

// sidebarSection is the doc section (first folder of docs/) a sidebar
// shows, from its autogenerated dirName, or a doc's section.
func (d *dimport) sidebarSection(sidebarID, docID string) string {
	if docID != "" {
		first, _, _ := strings.Cut(docID, "/")
		return first
	}
	if d.ds.sidebarFile == "" || sidebarID == "" {
		return ""
	}
	data, err := fs.ReadFile(d.src, d.ds.sidebarFile)
	if err != nil {
		return ""
	}
	sb := readJSConfig(string(data), sidebarID)
	for _, it := range arrayOf(sb.get(sidebarID)) {
		if t, _ := it.get("type").text(); t == "autogenerated" {
			dir, _ := it.get("dirName").text()
			first, _, _ := strings.Cut(strings.Trim(dir, "/"), "/")
			if first != "" && first != "." {
				return first
			}
		}
		if s, ok := it.text(); ok {
			first, _, _ := strings.Cut(s, "/")
			return first
		}
	}
	return ""
}

// posts gives each post its bundle, id and new addresses, and lists its
// old ones: in every locale, the translated ones at their translation,
// the others at the post in its own language.
func (d *dimport) posts(groups []*dgroup) error {
	ix, err := newIDs(d.site, d.cfg)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, g := range groups {
		name := bundleName(g.name)
		if g.slug != "" {
			name = bundleName(g.slug)
		}
		if other, taken := names[name]; taken {
			name = bundleName(strings.ReplaceAll(strings.TrimSuffix(g.rel, path.Ext(g.rel)), "/", "-"))
			if _, again := names[name]; again {
				return fmt.Errorf("%s/%s and %s/%s would both become content/posts/%s", d.ds.blogDir, other, d.ds.blogDir, g.rel, name)
			}
		}
		names[name] = g.rel
		g.bundle = name
		var outs []string
		for _, v := range g.versions {
			v.out = bundleFile(name, v.lang)
			outs = append(outs, v.out)
		}
		if g.id = ix.existing(outs...); g.id == "" {
			g.id = ix.fresh()
		}
	}
	for _, g := range groups {
		def := g.versions[0]
		for _, loc := range d.ds.locales {
			v := g.version(loc)
			shown := v
			if v == nil {
				shown = def // Docusaurus shows the post in its own language
			}
			old := d.ds.blogAddr(loc, oldPostPath(g))
			to := d.cfg.PostPath(shown.lang, d.postSlug(g), g.id, d.postDate(g, shown))
			e := d.addr.add(&Address{Old: old, Kind: "post", Lang: shown.lang, To: to})
			if rel := d.siteRel(old); rel != "" && !d.answersAsIs(e) && e.via == "" {
				e.via = shown.out
				d.aliases[shown.out] = append(d.aliases[shown.out], strings.TrimSuffix(rel, "/")+"/")
			}
		}
	}
	return nil
}

// postSlug is the slug the site gives a post: its bundle's name.
func (d *dimport) postSlug(g *dgroup) string { return content.NameSlug(g.bundle) }

// postDate is the date a version is written with.
func (d *dimport) postDate(g *dgroup, v *dpost) time.Time {
	if t, ok := fmDate(v.fm["date"], d.cfg.Location); ok {
		return t
	}
	return g.date
}

// siteAddresses lists the old site's own pages in every locale: the blog's
// lists, tags, archive, authors and feeds, the search page, the sitemap
// and the 404 page; and where they are now.
func (d *dimport) siteAddresses() {
	ds := d.ds
	for _, loc := range ds.locales {
		lang := d.langs[loc]
		pre := d.cfg.LangPrefix(lang)
		add := func(kind, old, to string, file bool) {
			d.addr.add(&Address{Old: old, Kind: kind, Lang: lang, To: to, File: file})
		}
		if ds.blog {
			add("list", ds.blogAddr(loc), pre+"/", false)
			shown := d.shownIn(loc)
			if per := ds.postsPerPage; per > 0 {
				for n := 2; n <= (len(shown)+per-1)/per; n++ {
					add("list", ds.blogAddr(loc, "page", strconv.Itoa(n)), fmt.Sprintf("%s/page/%d/", pre, n), false)
				}
			}
			add("tags", ds.blogAddr(loc, "tags"), pre+"/tags/", false)
			seen := map[string]bool{}
			for _, v := range shown {
				for _, t := range postTags(v, d.tags, d.plan) {
					if seen[t.permalink] {
						continue
					}
					seen[t.permalink] = true
					add("tag", ds.blogAddr(loc, "tags", t.permalink), pre+"/tags/"+content.TagSlug(t.label)+"/", false)
				}
			}
			add("archive", ds.blogAddr(loc, "archive"), pre+"/archive/", false)
			if len(d.authors) > 0 || d.anyAuthors(shown) {
				add("authors", ds.blogAddr(loc, "authors"), pre+"/authors/", false)
				for key, a := range d.authors {
					if p, ok := a.Page.(bool); ok && p || a.Page != nil && a.Page != false {
						add("author", ds.blogAddr(loc, "authors", key), pre+"/authors/"+key+"/", false)
					}
				}
			}
			for _, t := range ds.feedTypes {
				switch t {
				case "rss":
					add("feed", ds.blogAddr(loc, "rss.xml"), pre+"/rss.xml", true)
				case "atom":
					add("feed", ds.blogAddr(loc, "atom.xml"), pre+"/atom.xml", true)
				case "json":
					add("feed", ds.blogAddr(loc, "feed.json"), pre+"/feed.json", true)
				}
			}
		}
		if ds.search {
			add("search", joinAddr(ds.prefix(loc), "search"), pre+"/search/", false)
		}
		add("sitemap", joinAddr(ds.prefix(loc), "sitemap.xml"), "/sitemap.xml", true)
		add("404", joinAddr(ds.prefix(loc), "404.html"), pre+"/404.html", true)
	}
	if ds.trailingSlash != nil && !*ds.trailingSlash {
		d.htmlForms()
	}
}

// htmlForms adds the x.html address of every page, which a static host
// answers when the old site wrote x.html (trailingSlash: false).
func (d *dimport) htmlForms() {
	for _, e := range slices.Clone(d.addr.list) {
		if e.File || e.Kind == "html" || strings.HasSuffix(e.Old, "/") || e.To == "" {
			continue
		}
		d.addr.add(&Address{Old: e.Old + ".html", Kind: "html", Lang: e.Lang, To: e.To})
	}
}

// shownIn is the posts a locale lists: its translations, and the posts in
// their own language that have none.
func (d *dimport) shownIn(loc string) []*dpost {
	var out []*dpost
	for _, g := range d.groups {
		if v := g.version(loc); v != nil {
			out = append(out, v)
		} else {
			out = append(out, g.versions[0])
		}
	}
	return out
}

func (d *dimport) anyAuthors(posts []*dpost) bool {
	for _, v := range posts {
		if v.fm["authors"] != nil || v.fm["author"] != nil {
			return true
		}
	}
	return false
}

// clientRedirects lists the literal redirects of
// @docusaurus/plugin-client-redirects, in every locale, leading to where
// their target is now.
func (d *dimport) clientRedirects() {
	for _, r := range d.ds.redirects {
		for _, loc := range d.ds.locales {
			target := d.addr.get(joinAddr(d.ds.prefix(loc), r.to))
			for _, from := range r.from {
				old := joinAddr(d.ds.prefix(loc), from)
				e := &Address{Old: old, Kind: "redirect", Lang: d.langs[loc]}
				if target != nil {
					e.To = target.To
				} else if loc == d.ds.defaultLocale {
					d.plan.note(d.ds.configFile, r.line, "the redirect from %s leads to %s, which is not carried", from, r.to)
				}
				d.addr.add(e)
			}
		}
	}
}
