package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"blog/internal/config"
	"blog/internal/content"
)

// docusaurusSite is what the import reads of docusaurus.config.*: plain
// text, without running it, so only literal settings are seen.
type docusaurusSite struct {
	configFile    string
	route         string // routeBasePath of the blog, "blog" by default
	baseURL       string
	defaultLocale string
	locales       []string
}

var (
	cfgRoute   = regexp.MustCompile(`routeBasePath\s*:\s*['"]([^'"]*)['"]`)
	cfgBaseURL = regexp.MustCompile(`baseUrl\s*:\s*['"]([^'"]*)['"]`)
	cfgDefault = regexp.MustCompile(`defaultLocale\s*:\s*['"]([^'"]+)['"]`)
	cfgLocales = regexp.MustCompile(`locales\s*:\s*\[([^\]]*)\]`)
	quoted     = regexp.MustCompile(`['"]([^'"]+)['"]`)
	datedPath  = regexp.MustCompile(`^(?:(.*)/)?(\d{4})[-/](\d{2})[-/](\d{2})[-/](.+)$`)
)

func readDocusaurusConfig(src fs.FS, plan *Plan) (*docusaurusSite, error) {
	ds := &docusaurusSite{route: "blog", baseURL: "/"}
	for _, name := range []string{"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs", "docusaurus.config.mts"} {
		data, err := fs.ReadFile(src, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		ds.configFile = name
		text := string(data)
		if m := cfgRoute.FindStringSubmatch(text); m != nil {
			ds.route = strings.Trim(m[1], "/")
		}
		if m := cfgBaseURL.FindStringSubmatch(text); m != nil {
			ds.baseURL = "/" + strings.Trim(m[1], "/")
		}
		if m := cfgDefault.FindStringSubmatch(text); m != nil {
			ds.defaultLocale = m[1]
		}
		if m := cfgLocales.FindStringSubmatch(text); m != nil {
			for _, q := range quoted.FindAllStringSubmatch(m[1], -1) {
				ds.locales = append(ds.locales, q[1])
			}
		}
		if strings.Contains(text, "routeBasePath") && cfgRoute.FindStringSubmatch(text) == nil {
			plan.note(name, 0, "routeBasePath is not a plain string; old addresses assume /blog")
		}
		break
	}
	if ds.configFile == "" {
		if _, err := fs.Stat(src, "blog"); err != nil {
			return nil, fmt.Errorf("no docusaurus.config.js and no blog/ folder: not a Docusaurus site")
		}
		plan.note(".", 0, "no docusaurus.config.*; assuming one locale and the blog at /blog")
	}
	return ds, nil
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
}

// dgroup is a post with its translations.
type dgroup struct {
	rel      string // path under blog/
	date     time.Time
	name     string // the file name without date and extension
	slug     string // front matter slug of the default version
	versions []*dpost
}

type dtag struct{ label, permalink string }

type dauthor struct {
	Name     string `yaml:"name"`
	Title    string `yaml:"title"`
	URL      string `yaml:"url"`
	ImageURL string `yaml:"image_url"`
}

// Docusaurus plans the import of the Docusaurus site in src: its blog
// posts in every locale the site has a language for, their images, its
// authors, and redirects from every old address.
func Docusaurus(src, site fs.FS, cfg *config.Config) (*Plan, error) {
	plan := &Plan{}
	ds, err := readDocusaurusConfig(src, plan)
	if err != nil {
		return nil, err
	}
	if ds.defaultLocale == "" {
		ds.defaultLocale = cfg.DefaultLanguage
	}
	if !slices.Contains(ds.locales, ds.defaultLocale) {
		ds.locales = append([]string{ds.defaultLocale}, ds.locales...)
	}
	langs := map[string]string{}
	for _, loc := range ds.locales {
		if lang := localeLang(cfg, loc); lang != "" {
			langs[loc] = lang
		} else {
			plan.note(ds.configFile, 0, "locale %s has no language in blog.yaml; its posts are not imported", loc)
		}
	}
	if langs[ds.defaultLocale] == "" {
		return nil, fmt.Errorf("the default locale %s has no language in blog.yaml; add it to languages", ds.defaultLocale)
	}
	tags, err := readTagsFile(src, plan)
	if err != nil {
		return nil, err
	}
	authors, err := readAuthorsFile(src)
	if err != nil {
		return nil, err
	}
	groups, err := findPosts(src, ds, langs, plan)
	if err != nil {
		return nil, err
	}
	ix, err := newIDs(site, cfg)
	if err != nil {
		return nil, err
	}

	var usedAuthors []string
	newAuthors := map[string]dauthor{}
	redirects := map[string]string{}
	var redirectKeys []string
	redirect := func(from, to string) {
		from = "/" + strings.Trim(from, "/")
		if _, ok := redirects[from]; ok || from == strings.TrimSuffix(to, "/") || from+"/" == to {
			return
		}
		redirects[from] = to
		redirectKeys = append(redirectKeys, from)
	}
	names := map[string]string{}
	for _, g := range groups {
		name := bundleName(g.name)
		if g.slug != "" {
			name = bundleName(g.slug)
		}
		if other, taken := names[name]; taken {
			name = bundleName(g.rel)
			if _, again := names[name]; again {
				return nil, fmt.Errorf("blog/%s and blog/%s would both become content/posts/%s", other, g.rel, name)
			}
		}
		names[name] = g.rel
		var outs []string
		for _, v := range g.versions {
			outs = append(outs, bundleFile(name, v.lang))
		}
		id := ix.existing(outs...)
		if id == "" {
			id = ix.fresh()
		}
		for _, v := range g.versions {
			prefix := ""
			if v.locale != ds.defaultLocale {
				prefix = "/" + v.locale
			}
			langPrefix := cfg.LangPrefix(v.lang)
			fm := &frontMatter{ID: idValue(id), Extra: map[string]any{}}
			fm.Title, _ = v.fm["title"].(string)
			if fm.Title == "" {
				fm.Title = g.name
				plan.note(v.file, 1, "no title; the file name %q is used", g.name)
			}
			date := g.date
			if d, ok := fmDate(v.fm["date"], cfg.Location); ok {
				date = d
			}
			fm.Date = formatDate(date)
			if d, ok := v.fm["description"].(string); ok {
				fm.Description = d
			}
			if d, ok := v.fm["draft"].(bool); ok {
				fm.Draft = d
			}
			for _, t := range postTags(v, tags, plan) {
				fm.Tags = append(fm.Tags, t.label)
				tagPath := content.TagSlug(t.label)
				redirect(ds.baseURL+prefix+"/"+ds.route+"/tags/"+strings.Trim(t.permalink, "/"), langPrefix+"/tags/"+tagPath+"/")
			}
			for _, a := range postAuthors(v, plan) {
				if a.inline != nil {
					newAuthors[a.key] = *a.inline
				} else if _, ok := authors[a.key]; !ok {
					plan.note(v.file, v.lines["authors"], "author %s is not in blog/authors.yml", a.key)
				}
				fm.Authors = append(fm.Authors, a.key)
				if !slices.Contains(usedAuthors, a.key) {
					usedAuthors = append(usedAuthors, a.key)
				}
			}
			old := path.Join(ds.baseURL, prefix, ds.route, oldPostPath(g)) + "/"
			fm.Aliases = []string{old}
			redirect(path.Join(ds.baseURL, prefix, ds.route), langPrefix+"/")
			redirect(path.Join(ds.baseURL, prefix, ds.route, "tags"), langPrefix+"/tags/")
			redirect(path.Join(ds.baseURL, prefix, ds.route, "archive"), langPrefix+"/archive/")

			assets := &assetCopier{src: src, plan: plan, post: v, bundle: path.Join(content.PostsDir, name), baseURL: ds.baseURL}
			if img, ok := v.fm["image"].(string); ok && img != "" {
				fm.Image = assets.copy(img, v.lines["image"])
			}
			for k, val := range v.fm {
				switch k {
				case "title", "date", "description", "draft", "tags", "authors", "author", "author_title",
					"author_url", "author_image_url", "author_imageURL", "authorURL", "authorTitle", "authorImageURL", "image", "slug":
				default:
					fm.Extra[k] = val
					if k == "unlisted" {
						plan.note(v.file, v.lines[k], "unlisted has no equivalent here: the post is listed; make it a draft to hide it")
					}
				}
			}
			if v.folder {
				if err := assets.copyFolder(); err != nil {
					return nil, err
				}
			}
			conv := &converter{file: v.file, line0: v.line0, plan: plan, asset: assets.copy, seenJSX: map[string]bool{}}
			body := conv.convert(v.body)
			data, err := postFile(fm, []byte(body))
			if err != nil {
				return nil, err
			}
			plan.add(&File{Path: bundleFile(name, v.lang), Data: data, Post: true})
			plan.Posts++
		}
	}

	// Authors the posts name, added to the site's authors.yaml.
	if len(usedAuthors) > 0 {
		data, added, err := mergeYAMLMap(site, content.AuthorsFile, "# Authors, by the key posts name in authors:.\n", usedAuthors, func(key string) string {
			a, ok := newAuthors[key]
			if !ok {
				a, ok = authors[key]
			}
			if !ok {
				a = dauthor{Name: key}
			}
			var sb strings.Builder
			fmt.Fprintf(&sb, "%s:\n  name: %s\n", yamlScalar(key), yamlScalar(a.Name))
			for _, kv := range [][2]string{{"title", a.Title}, {"url", a.URL}, {"image_url", a.ImageURL}} {
				if kv[1] != "" {
					fmt.Fprintf(&sb, "  %s: %s\n", kv[0], yamlScalar(kv[1]))
				}
			}
			return sb.String()
		})
		if err != nil {
			return nil, err
		}
		if added {
			plan.add(&File{Path: content.AuthorsFile, Data: data, Merge: true})
		}
	}
	if len(redirectKeys) > 0 {
		data, added, err := mergeYAMLMap(site, content.Dir+"/redirects.yaml",
			"# Old addresses of pages that moved, and where they are now.\n", redirectKeys, func(key string) string {
				return yamlScalar(key) + ": " + yamlScalar(redirects[key]) + "\n"
			})
		if err != nil {
			return nil, err
		}
		if added {
			plan.add(&File{Path: content.Dir + "/redirects.yaml", Data: data, Merge: true})
		}
	}
	plan.sortFiles()
	return plan, nil
}
