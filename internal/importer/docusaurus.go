package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

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

// oldPostPath is a post's address under the blog's route, as Docusaurus
// makes it: the slug, else the date and name from the file path.
func oldPostPath(g *dgroup) string {
	if g.slug != "" {
		return strings.Trim(g.slug, "/")
	}
	if !g.date.IsZero() && datedPath.MatchString(strings.TrimSuffix(g.rel, path.Ext(g.rel))) {
		return g.date.Format("2006/01/02") + "/" + g.name
	}
	return g.name
}

// findPosts lists the blog's posts with their translations, oldest first.
func findPosts(src fs.FS, ds *docusaurusSite, langs map[string]string, plan *Plan) ([]*dgroup, error) {
	var rels []string
	err := fs.WalkDir(src, "blog", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := d.Name()
		if p != "blog" && (strings.HasPrefix(base, "_") || strings.HasPrefix(base, ".")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ext := path.Ext(p); !d.IsDir() && (ext == ".md" || ext == ".mdx") {
			rels = append(rels, strings.TrimPrefix(p, "blog/"))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var groups []*dgroup
	for _, rel := range rels {
		g := &dgroup{rel: rel}
		for _, loc := range ds.locales {
			lang := langs[loc]
			if lang == "" {
				continue
			}
			file := "blog/" + rel
			if loc != ds.defaultLocale {
				file = path.Join("i18n", loc, "docusaurus-plugin-content-blog", rel)
			}
			data, err := fs.ReadFile(src, file)
			if errors.Is(err, fs.ErrNotExist) && loc != ds.defaultLocale {
				continue
			}
			if err != nil {
				return nil, err
			}
			v, err := readDocusaurusPost(file, data)
			if err != nil {
				plan.note(file, 1, "%v; not imported", err)
				continue
			}
			v.locale, v.lang = loc, lang
			g.versions = append(g.versions, v)
		}
		if len(g.versions) == 0 {
			continue
		}
		def := g.versions[0]
		stem := strings.TrimSuffix(rel, path.Ext(rel))
		if base := path.Base(stem); base == "index" {
			stem = path.Dir(stem)
			for _, v := range g.versions {
				v.folder = true
			}
		}
		g.name = path.Base(stem)
		if m := datedPath.FindStringSubmatch(stem); m != nil {
			g.date, _ = time.Parse("2006-01-02", m[2]+"-"+m[3]+"-"+m[4])
			g.name = strings.ReplaceAll(m[5], "/", "-")
		}
		if s, ok := def.fm["slug"].(string); ok {
			g.slug = s
		}
		if g.date.IsZero() {
			if d, ok := fmDate(def.fm["date"], time.UTC); ok {
				g.date = d
			} else {
				plan.note(def.file, 1, "no date in the file name or the front matter; dated 1970-01-01, so set date:")
				g.date = time.Unix(0, 0).UTC()
			}
		}
		groups = append(groups, g)
	}
	slices.SortStableFunc(groups, func(a, b *dgroup) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return strings.Compare(a.rel, b.rel)
	})
	return groups, nil
}

// readDocusaurusPost splits a post into its front matter and body.
func readDocusaurusPost(file string, data []byte) (*dpost, error) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	v := &dpost{file: file, dir: path.Dir(file), fm: map[string]any{}, lines: map[string]int{}, line0: 1, body: string(data)}
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return v, nil
	}
	end := bytes.Index(data[4:], []byte("\n---"))
	if end < 0 {
		return nil, fmt.Errorf("front matter opened with --- is never closed")
	}
	header := data[4 : 4+end+1]
	rest := data[4+end+4:]
	rest = bytes.TrimPrefix(rest, []byte("\n"))
	var node yaml.Node
	if err := yaml.Unmarshal(header, &node); err != nil {
		return nil, fmt.Errorf("front matter: %v", err)
	}
	if err := node.Decode(&v.fm); err != nil {
		return nil, fmt.Errorf("front matter: %v", err)
	}
	if len(node.Content) > 0 {
		m := node.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			v.lines[m.Content[i].Value] = m.Content[i].Line + 1
		}
	}
	v.line0 = bytes.Count(data[:len(data)-len(rest)], []byte("\n")) + 1
	v.body = content.NFC(string(rest))
	return v, nil
}

func fmDate(v any, loc *time.Location) (time.Time, bool) {
	switch d := v.(type) {
	case time.Time:
		return d, true
	case string:
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
			if t, err := time.ParseInLocation(layout, strings.TrimSpace(d), loc); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func readTagsFile(src fs.FS, plan *Plan) (map[string]dtag, error) {
	data, err := fs.ReadFile(src, "blog/tags.yml")
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]dtag{}, nil
	}
	if err != nil {
		return nil, err
	}
	var raw map[string]struct {
		Label     string `yaml:"label"`
		Permalink string `yaml:"permalink"`
	}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("blog/tags.yml: %v", err)
	}
	tags := map[string]dtag{}
	for k, t := range raw {
		if t.Label == "" {
			t.Label = k
		}
		if t.Permalink == "" {
			t.Permalink = "/" + kebab(t.Label)
		}
		tags[k] = dtag{t.Label, t.Permalink}
	}
	return tags, nil
}

func readAuthorsFile(src fs.FS) (map[string]dauthor, error) {
	data, err := fs.ReadFile(src, "blog/authors.yml")
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]dauthor{}, nil
	}
	if err != nil {
		return nil, err
	}
	var authors map[string]dauthor
	if err := yaml.Unmarshal(data, &authors); err != nil {
		return nil, fmt.Errorf("blog/authors.yml: %v", err)
	}
	return authors, nil
}

// postTags reads a post's tags: keys of tags.yml, free labels, or
// {label, permalink} maps.
func postTags(v *dpost, tags map[string]dtag, plan *Plan) []dtag {
	var list []any
	switch t := v.fm["tags"].(type) {
	case []any:
		list = t
	case string:
		list = []any{t}
	case nil:
	default:
		plan.note(v.file, v.lines["tags"], "tags is not a list; left out")
	}
	var out []dtag
	for _, item := range list {
		switch t := item.(type) {
		case string:
			if known, ok := tags[t]; ok {
				out = append(out, known)
			} else {
				out = append(out, dtag{t, "/" + kebab(t)})
			}
		case map[string]any:
			label, _ := t["label"].(string)
			permalink, _ := t["permalink"].(string)
			if label == "" {
				plan.note(v.file, v.lines["tags"], "a tag without a label; left out")
				continue
			}
			if permalink == "" {
				permalink = "/" + kebab(label)
			}
			out = append(out, dtag{label, permalink})
		}
	}
	return out
}

type postAuthor struct {
	key    string
	inline *dauthor
}

// postAuthors reads a post's authors: keys of authors.yml, inline maps,
// or the old author/author_title/… fields.
func postAuthors(v *dpost, plan *Plan) []postAuthor {
	inline := func(m map[string]any) *postAuthor {
		a := &dauthor{}
		a.Name, _ = m["name"].(string)
		a.Title, _ = m["title"].(string)
		a.URL, _ = m["url"].(string)
		a.ImageURL, _ = m["image_url"].(string)
		if a.Name == "" {
			plan.note(v.file, v.lines["authors"], "an author without a name; left out")
			return nil
		}
		return &postAuthor{key: bundleName(a.Name), inline: a}
	}
	var out []postAuthor
	switch t := v.fm["authors"].(type) {
	case string:
		out = append(out, postAuthor{key: t})
	case []any:
		for _, item := range t {
			switch a := item.(type) {
			case string:
				out = append(out, postAuthor{key: a})
			case map[string]any:
				if pa := inline(a); pa != nil {
					out = append(out, *pa)
				}
			}
		}
	case map[string]any:
		if pa := inline(t); pa != nil {
			out = append(out, *pa)
		}
	}
	if name, ok := v.fm["author"].(string); ok {
		m := map[string]any{"name": name}
		for _, k := range [][2]string{{"title", "author_title"}, {"url", "author_url"}, {"image_url", "author_image_url"}} {
			if s, ok := v.fm[k[1]].(string); ok {
				m[k[0]] = s
			}
		}
		if pa := inline(m); pa != nil {
			out = append(out, *pa)
		}
	}
	return out
}

// kebab writes a tag label as Docusaurus writes it in tag addresses
// (lodash's kebabCase): words split at spaces and punctuation, between a
// lower-case and an upper-case letter, and between letters and digits,
// lower-cased and joined with "-". "GitHub Actions" → "git-hub-actions",
// "컴퓨터 구조" → "컴퓨터-구조".
func kebab(s string) string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 {
			prev := cur[len(cur)-1]
			switch {
			case unicode.IsLower(prev) && unicode.IsUpper(r),
				unicode.IsDigit(prev) != unicode.IsDigit(r),
				unicode.IsUpper(prev) && unicode.IsUpper(r) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return strings.Join(words, "-")
}

// assetCopier copies the files a post refers to into its bundle.
type assetCopier struct {
	src     fs.FS
	plan    *Plan
	post    *dpost
	bundle  string // content/posts/<name>
	baseURL string
}

// copy copies the file a reference names into the bundle and returns the
// reference to write; a reference it cannot resolve is kept, with a note.
func (a *assetCopier) copy(ref string, line int) string {
	if ref == "" || strings.Contains(ref, "://") || strings.HasPrefix(ref, "//") || strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
		return ref
	}
	clean, _, _ := strings.Cut(ref, "?")
	if u, err := url.PathUnescape(clean); err == nil {
		clean = u
	}
	var from, to string
	if strings.HasPrefix(clean, "/") {
		rel := clean
		if a.baseURL != "/" {
			rel = "/" + strings.TrimPrefix(strings.TrimPrefix(rel, a.baseURL), "/")
		}
		from = path.Join("static", rel)
		to = path.Base(rel)
	} else {
		from = path.Join(a.post.dir, clean)
		to = path.Clean(clean)
		if strings.HasPrefix(to, "../") {
			to = path.Base(to)
		}
	}
	data, err := fs.ReadFile(a.src, from)
	if err != nil {
		a.plan.note(a.post.file, line, "%s: no such file (looked for %s); the reference is kept", ref, from)
		return ref
	}
	return a.place(to, data)
}

// place puts data in the bundle at rel, or beside it under another name
// when another file is there, and returns where it went.
func (a *assetCopier) place(rel string, data []byte) string {
	ext := path.Ext(rel)
	stem := strings.TrimSuffix(rel, ext)
	for i := 0; ; i++ {
		name := rel
		switch {
		case i == 1:
			name = stem + "." + a.post.lang + ext
		case i > 1:
			name = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		dst := path.Join(a.bundle, name)
		if f := a.plan.has(dst); f != nil && !bytes.Equal(f.Data, data) {
			continue
		}
		a.plan.add(&File{Path: dst, Data: data})
		return name
	}
}

// copyFolder copies every file of a folder post that is not a post file.
func (a *assetCopier) copyFolder() error {
	return fs.WalkDir(a.src, a.post.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := path.Ext(p); ext == ".md" || ext == ".mdx" {
			return nil
		}
		rel := strings.TrimPrefix(p, a.post.dir+"/")
		if f := a.plan.has(path.Join(a.bundle, rel)); f != nil {
			return nil // already copied for a reference
		}
		data, err := fs.ReadFile(a.src, p)
		if err != nil {
			return err
		}
		a.place(rel, data)
		return nil
	})
}
