package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// docusaurusSite is what the import reads of docusaurus.config.*: its
// literal settings (jsconf.go), with the defaults Docusaurus applies.
type docusaurusSite struct {
	configFile string
	root       *jsValue

	url           string // https://example.com, no slash at the end
	baseURL       string // "/" or "/repo/"
	trailingSlash *bool  // nil: not set
	title         string
	tagline       string

	defaultLocale string
	locales       []string
	localeLabel   map[string]string
	localePath    map[string]string // the URL segment of a locale

	blog         bool
	blogDir      string // "blog"
	route        string // routeBasePath of the blog without slashes: "" at the root, "blog" by default
	postsPerPage int
	blogTitle    map[string]string // by locale
	blogDesc     map[string]string
	feedTypes    []string
	featuredOnly bool // createFeedItems keeps only featured posts
	feedFilterAt int
	docs         bool
	docsDir      string // "docs"
	docsRoute    string // "docs"
	sidebarFile  string
	pagesDir     string // "src/pages"
	search       bool   // a search page: Algolia DocSearch or a local search plugin
	redirects    []clientRedirect
	socialImage  string // themeConfig.image
	navbar       *jsValue
	customCSS    []string
	staticDirs   []string
}

type clientRedirect struct {
	from []string
	to   string
	line int
}

var configNames = []string{"docusaurus.config.ts", "docusaurus.config.js", "docusaurus.config.mjs", "docusaurus.config.cjs", "docusaurus.config.mts", "docusaurus.config.cts"}

// readDocusaurusSite reads the config; a site without one is read with
// Docusaurus's defaults (one locale, the blog at /blog), with a note.
func readDocusaurusSite(src fs.FS, plan *Plan) (*docusaurusSite, error) {
	ds := &docusaurusSite{
		baseURL: "/", blog: true, blogDir: "blog", route: "blog", postsPerPage: 10,
		docs: true, docsDir: "docs", docsRoute: "docs", pagesDir: "src/pages",
		localeLabel: map[string]string{}, localePath: map[string]string{},
		blogTitle: map[string]string{}, blogDesc: map[string]string{},
		feedTypes: []string{"rss", "atom"}, staticDirs: []string{"static"},
	}
	for _, name := range configNames {
		data, err := fs.ReadFile(src, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		ds.configFile = name
		ds.root = readJSConfig(string(data), "url", "presets", "baseUrl", "i18n")
		if ds.root == nil {
			plan.note(name, 1, "no config object found in it (a function that builds it?); the site is read with Docusaurus's defaults, so check blog.yaml")
			ds.root = &jsValue{kind: jsObject, obj: map[string]*jsValue{}}
		}
		break
	}
	if ds.configFile == "" {
		if _, err := fs.Stat(src, "blog"); err != nil {
			return nil, fmt.Errorf("no docusaurus.config.* and no blog/ folder: not a Docusaurus site")
		}
		plan.note(".", 0, "no docusaurus.config.*; assuming one locale and the blog at /blog")
		ds.root = &jsValue{kind: jsObject, obj: map[string]*jsValue{}}
	}
	ds.read(src, plan)
	return ds, nil
}

// literal reads a string setting; a computed one is noted.
func (ds *docusaurusSite) literal(v *jsValue, what string, plan *Plan) (string, bool) {
	if v == nil {
		return "", false
	}
	if s, ok := v.text(); ok {
		return s, true
	}
	ds.computed(v, what, "", plan)
	return "", false
}

// computed notes a setting the import cannot read, with what to do.
func (ds *docusaurusSite) computed(v *jsValue, what, todo string, plan *Plan) {
	if v == nil || !v.computed() {
		return
	}
	if todo == "" {
		todo = "set it in blog.yaml by hand if it matters"
	}
	plan.note(ds.configFile, v.line, "%s is computed (%s), so it is not carried; %s", what, v.firstLine(), todo)
}

func (ds *docusaurusSite) read(src fs.FS, plan *Plan) {
	r := ds.root
	if s, ok := ds.literal(r.get("url"), "url", plan); ok {
		ds.url = strings.TrimSuffix(s, "/")
	}
	if s, ok := ds.literal(r.get("baseUrl"), "baseUrl", plan); ok {
		ds.baseURL = "/" + strings.Trim(s, "/") + "/"
		if ds.baseURL == "//" {
			ds.baseURL = "/"
		}
	}
	if b, ok := r.get("trailingSlash").boolean(); ok {
		ds.trailingSlash = &b
	}
	ds.title, _ = ds.literal(r.get("title"), "title", plan)
	ds.tagline, _ = ds.literal(r.get("tagline"), "tagline", plan)

	i18n := r.get("i18n")
	ds.defaultLocale, _ = ds.literal(i18n.get("defaultLocale"), "i18n.defaultLocale", plan)
	if ds.defaultLocale == "" {
		ds.defaultLocale = "en" // Docusaurus's default
	}
	if l := i18n.get("locales"); l != nil && l.kind == jsArray {
		for _, v := range l.arr {
			if s, ok := v.text(); ok {
				ds.locales = append(ds.locales, s)
			} else {
				ds.computed(v, "a locale", "", plan)
			}
		}
	} else {
		ds.computed(l, "i18n.locales", "", plan)
	}
	if !slices.Contains(ds.locales, ds.defaultLocale) {
		ds.locales = append([]string{ds.defaultLocale}, ds.locales...)
	}
	for _, loc := range ds.locales {
		lc := i18n.get("localeConfigs", loc)
		if s, ok := lc.get("label").text(); ok {
			ds.localeLabel[loc] = s
		}
		ds.localePath[loc] = loc
		if s, ok := lc.get("path").text(); ok && s != "" {
			ds.localePath[loc] = strings.Trim(s, "/")
		}
	}

	var blogOpts, docsOpts, pagesOpts, themeOpts *jsValue
	presetFound := false
	for _, p := range arrayOf(r.get("presets")) {
		name, opts := pluginEntry(p)
		if strings.Contains(name, "classic") {
			presetFound = true
			blogOpts, docsOpts, pagesOpts, themeOpts = opts.get("blog"), opts.get("docs"), opts.get("pages"), opts.get("theme")
			if spread := opts.get("..."); spread != nil {
				ds.computed(spread, "part of the classic preset's options", "check what it adds (analytics?) and carry it by hand", plan)
			}
			if g := opts.get("gtag"); g != nil {
				plan.note(ds.configFile, g.line, "gtag (Google Analytics) is not carried: blog adds no tracking script; add one to a theme if you need it")
			}
		} else if name != "" {
			plan.note(ds.configFile, p.line, "preset %s is not carried", name)
		}
	}
	if !presetFound && ds.configFile != "" {
		plan.note(ds.configFile, r.line, "no classic preset found; the blog is read from blog/ with Docusaurus's defaults")
	}
	for _, p := range arrayOf(r.get("plugins")) {
		name, opts := pluginEntry(p)
		switch {
		case strings.Contains(name, "plugin-client-redirects"):
			ds.readClientRedirects(opts, plan)
		case strings.Contains(name, "plugin-content-blog"):
			plan.note(ds.configFile, p.line, "a second blog (%s, id %s) is not carried; only the preset's blog is imported", name, stringOr(opts.get("id"), "?"))
		case strings.Contains(name, "plugin-content-docs"):
			plan.note(ds.configFile, p.line, "a second docs instance (%s, id %s) is not carried; move its files under content/docs/ by hand", name, stringOr(opts.get("id"), "?"))
		case strings.Contains(name, "search"):
			ds.search = true
		case strings.Contains(name, "sass"), strings.Contains(name, "ideal-image"), strings.Contains(name, "pwa"), name == "":
			if strings.Contains(name, "pwa") {
				plan.note(ds.configFile, p.line, "%s (an offline app) is not carried", name)
			}
		default:
			plan.note(ds.configFile, p.line, "plugin %s is not carried; check what it added to the old site", name)
		}
	}

	if blogOpts != nil && blogOpts.kind == jsBool && blogOpts.str == "false" {
		ds.blog = false
	}
	if s, ok := ds.literal(blogOpts.get("routeBasePath"), "blog.routeBasePath", plan); ok {
		ds.route = strings.Trim(s, "/")
	}
	if s, ok := ds.literal(blogOpts.get("path"), "blog.path", plan); ok {
		ds.blogDir = path.Clean(strings.TrimPrefix(s, "./"))
	}
	if n, ok := blogOpts.get("postsPerPage").number(); ok && n > 0 {
		ds.postsPerPage = n
	} else if v := blogOpts.get("postsPerPage"); v != nil && v.kind == jsString && v.str == "ALL" {
		ds.postsPerPage = 0
	}
	if s, ok := blogOpts.get("blogTitle").text(); ok {
		ds.blogTitle[ds.defaultLocale] = s
	}
	if s, ok := blogOpts.get("blogDescription").text(); ok {
		ds.blogDesc[ds.defaultLocale] = s
	}
	feed := blogOpts.get("feedOptions")
	if feed != nil && feed.kind == jsObject {
		switch t := feed.get("type"); {
		case t == nil:
		case t.kind == jsString && t.str == "all":
			ds.feedTypes = []string{"rss", "atom", "json"}
		case t.kind == jsString:
			ds.feedTypes = []string{t.str}
		case t.kind == jsArray:
			ds.feedTypes = nil
			for _, v := range t.arr {
				if s, ok := v.text(); ok {
					ds.feedTypes = append(ds.feedTypes, s)
				}
			}
		case t.kind == jsNull:
			ds.feedTypes = nil
		}
		if f := feed.get("createFeedItems"); f != nil {
			// A filter on front matter's featured, written in the code,
			// is the one blog.yaml can say (feeds.featuredOnly).
			if strings.Contains(f.src, "frontMatter.featured") {
				ds.featuredOnly, ds.feedFilterAt = true, f.line
				plan.note(ds.configFile, f.line, "createFeedItems keeps only posts with featured: true (read from its code); blog.yaml says feeds: {featuredOnly: true}, so check that this is all it does")
			} else {
				ds.computed(f, "feedOptions.createFeedItems", "the feeds list every post; blog.yaml's feeds: {featuredOnly: true, limit: N} is what can be set", plan)
			}
		}
		for _, k := range []string{"copyright", "title", "description"} {
			ds.computed(feed.get(k), "feedOptions."+k, "the feeds take the site's title and description", plan)
		}
	}

	if docsOpts != nil && docsOpts.kind == jsBool && docsOpts.str == "false" {
		ds.docs = false
	}
	if s, ok := ds.literal(docsOpts.get("routeBasePath"), "docs.routeBasePath", plan); ok {
		ds.docsRoute = strings.Trim(s, "/")
	}
	if s, ok := ds.literal(docsOpts.get("path"), "docs.path", plan); ok {
		ds.docsDir = path.Clean(strings.TrimPrefix(s, "./"))
	}
	if s, ok := ds.literal(docsOpts.get("sidebarPath"), "docs.sidebarPath", plan); ok {
		ds.sidebarFile = path.Clean(strings.TrimPrefix(s, "./"))
	}
	if v := docsOpts.get("lastVersion"); v != nil || docsOpts.get("versions") != nil {
		plan.note(ds.configFile, docsOpts.line, "versioned docs are not carried; only the current version is imported")
	}
	if s, ok := ds.literal(pagesOpts.get("path"), "pages.path", plan); ok {
		ds.pagesDir = path.Clean(strings.TrimPrefix(s, "./"))
	}
	switch css := themeOpts.get("customCss"); {
	case css == nil:
	case css.kind == jsString:
		ds.customCSS = []string{path.Clean(strings.TrimPrefix(css.str, "./"))}
	case css.kind == jsArray:
		for _, v := range css.arr {
			if s, ok := v.text(); ok {
				ds.customCSS = append(ds.customCSS, path.Clean(strings.TrimPrefix(s, "./")))
			}
		}
	}
	switch st := r.get("staticDirectories"); {
	case st == nil:
	case st.kind == jsArray:
		ds.staticDirs = nil
		for _, v := range st.arr {
			if s, ok := v.text(); ok {
				ds.staticDirs = append(ds.staticDirs, path.Clean(strings.TrimPrefix(s, "./")))
			}
		}
	default:
		ds.computed(st, "staticDirectories", "copy those folders into static/ by hand", plan)
	}

	// The folders the config names are read inside the old site only.
	inside := func(p *string, what string) {
		if *p != "" && !fs.ValidPath(*p) {
			plan.note(ds.configFile, 0, "%s %q is outside the site, so nothing is read from it", what, *p)
			*p = ""
		}
	}
	inside(&ds.blogDir, "blog.path")
	inside(&ds.docsDir, "docs.path")
	inside(&ds.pagesDir, "pages.path")
	inside(&ds.sidebarFile, "docs.sidebarPath")
	ds.staticDirs = slices.DeleteFunc(ds.staticDirs, func(d string) bool {
		if !fs.ValidPath(d) {
			plan.note(ds.configFile, 0, "static folder %q is outside the site, so it is not copied", d)
			return true
		}
		return false
	})
	ds.customCSS = slices.DeleteFunc(ds.customCSS, func(c string) bool { return !fs.ValidPath(c) })

	tc := r.get("themeConfig")
	ds.computed(tc, "themeConfig", "", plan)
	if tc.get("algolia") != nil {
		ds.search = true
		plan.note(ds.configFile, tc.get("algolia").line, "Algolia DocSearch is replaced by blog's own search, which needs no service; the search page keeps its address")
	}
	if s, ok := tc.get("image").text(); ok {
		ds.socialImage = s
	}
	ds.navbar = tc.get("navbar")
	for _, k := range []string{"headTags", "scripts", "stylesheets", "clientModules"} {
		if v := r.get(k); v != nil && (v.kind != jsArray || len(v.arr) > 0) {
			plan.note(ds.configFile, v.line, "%s (what the old site added to every page: fonts, scripts, metadata) is not carried; add what you need to a theme", k)
		}
	}
	// Titles and descriptions of the other locales.
	for _, loc := range ds.locales {
		if loc == ds.defaultLocale {
			continue
		}
		data, err := fs.ReadFile(src, path.Join("i18n", loc, "docusaurus-plugin-content-blog", "options.json"))
		if err != nil {
			continue
		}
		var opts map[string]struct {
			Message string `json:"message"`
		}
		if json.Unmarshal(data, &opts) == nil {
			if m := opts["title"].Message; m != "" {
				ds.blogTitle[loc] = m
			}
			if m := opts["description"].Message; m != "" {
				ds.blogDesc[loc] = m
			}
		}
	}
}

// readClientRedirects reads the literal redirects of
// @docusaurus/plugin-client-redirects; createRedirects is code.
func (ds *docusaurusSite) readClientRedirects(opts *jsValue, plan *Plan) {
	for _, r := range arrayOf(opts.get("redirects")) {
		to, ok := r.get("to").text()
		if !ok {
			ds.computed(r.get("to"), "a redirect's to", "", plan)
			continue
		}
		cr := clientRedirect{to: to, line: r.line}
		switch from := r.get("from"); {
		case from.kind == jsString:
			cr.from = []string{from.str}
		case from.kind == jsArray:
			for _, v := range from.arr {
				if s, ok := v.text(); ok {
					cr.from = append(cr.from, s)
				}
			}
		}
		ds.redirects = append(ds.redirects, cr)
	}
	if f := opts.get("createRedirects"); f != nil {
		plan.note(ds.configFile, f.line, "createRedirects is code, so the redirects it made are not known from the sources; import with --from-build to carry them from the old build")
	}
}

// arrayOf is the elements of an array value, or nil.
func arrayOf(v *jsValue) []*jsValue {
	if v == nil || v.kind != jsArray {
		return nil
	}
	return v.arr
}

// pluginEntry reads a preset or plugin entry: "name" or ["name", {…}].
func pluginEntry(v *jsValue) (name string, opts *jsValue) {
	switch v.kind {
	case jsString:
		return v.str, nil
	case jsArray:
		if len(v.arr) > 0 {
			name, _ = v.arr[0].text()
		}
		if len(v.arr) > 1 {
			opts = v.arr[1]
		}
	}
	return name, opts
}

func stringOr(v *jsValue, def string) string {
	if s, ok := v.text(); ok {
		return s
	}
	return def
}

// prefix is the address prefix of a locale on the old site: the base URL,
// and the locale's path for all but the default one ("/", "/en/").
func (ds *docusaurusSite) prefix(locale string) string {
	if locale == ds.defaultLocale {
		return ds.baseURL
	}
	return ds.baseURL + ds.localePath[locale] + "/"
}

// blogAddr is an address under the blog's route in a locale.
func (ds *docusaurusSite) blogAddr(locale string, rest ...string) string {
	return joinAddr(ds.prefix(locale), append([]string{ds.route}, rest...)...)
}

// joinAddr joins address elements without doubling slashes: ("/", "",
// "tags") is "/tags", ("/en/", "blog") is "/en/blog".
func joinAddr(prefix string, elems ...string) string {
	var parts []string
	for _, e := range elems {
		if e = strings.Trim(e, "/"); e != "" {
			parts = append(parts, e)
		}
	}
	if len(parts) == 0 {
		return prefix
	}
	return strings.TrimSuffix(prefix, "/") + "/" + strings.Join(parts, "/")
}
