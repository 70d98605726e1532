package importer

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/pages"
)

// numberPrefixDoc is the "01-" that orders Docusaurus docs and folders;
// Docusaurus drops it from addresses and labels.
var numberPrefixDoc = regexp.MustCompile(`^(\d+)[-_. ]+(.+)$`)

// docs carries docs/ into content/docs: each doc, its translations, its
// folders' _category_ files and the files beside them; and lists the old
// address of each doc in every locale.
func (d *dimport) docs() error {
	root := d.ds.docsDir
	if st, err := fs.Stat(d.src, root); err != nil || !st.IsDir() {
		return nil
	}
	return fs.WalkDir(d.src, root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := e.Name()
		rel := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
		if e.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				d.plan.note(p, 0, "a folder starting with %q is not built by Docusaurus; not carried", name[:1])
				return fs.SkipDir
			}
			if m := numberPrefixDoc.FindStringSubmatch(name); m != nil && p != root {
				d.folderPosition(p, rel, m)
			}
			return nil
		}
		if strings.HasPrefix(name, ".") {
			return nil
		}
		out := path.Join(content.DocsDir, stripNumbers(rel))
		if isCategoryFile(name) {
			return d.copyFile(p, out)
		}
		if strings.HasPrefix(name, "_") {
			return nil // a partial, included by MDX
		}
		ext := path.Ext(name)
		if ext != ".md" && ext != ".mdx" {
			return d.copyFile(p, out)
		}
		if !strings.Contains(rel, "/") {
			d.plan.note(p, 0, "a doc outside a folder is its own section on the new site (/docs/%s/)", strings.TrimSuffix(stripNumbers(rel), ext))
		}
		return d.doc(p, rel, content.KindDoc)
	})
}

func isCategoryFile(name string) bool {
	return name == "_category_.json" || name == "_category_.yml" || name == "_category_.yaml"
}

// folderPosition gives a folder whose name starts with a number the
// place it had: a _category_.yml with its position, unless it has one.
func (d *dimport) folderPosition(p, rel string, m []string) {
	for _, c := range []string{"_category_.json", "_category_.yml", "_category_.yaml"} {
		if _, err := fs.Stat(d.src, path.Join(p, c)); err == nil {
			return
		}
	}
	n, _ := strconv.Atoi(m[1])
	d.plan.add(&File{Path: path.Join(content.DocsDir, stripNumbers(rel), "_category_.yml"), Data: []byte("position: " + strconv.Itoa(n) + "\n")})
}

// stripNumbers drops the number prefix of every element of a path.
func stripNumbers(rel string) string {
	parts := strings.Split(rel, "/")
	for i, s := range parts {
		if m := numberPrefixDoc.FindStringSubmatch(s); m != nil {
			parts[i] = m[2]
		}
	}
	return strings.Join(parts, "/")
}

func (d *dimport) copyFile(from, to string) error {
	data, err := fs.ReadFile(d.src, from)
	if err != nil {
		return err
	}
	d.plan.add(&File{Path: to, Data: data})
	return nil
}

// doc carries one doc or Markdown page (kind) and its translations.
func (d *dimport) doc(file, rel, kind string) error {
	ext := path.Ext(rel)
	stem := strings.TrimSuffix(stripNumbers(rel), ext)
	position := -1
	if m := numberPrefixDoc.FindStringSubmatch(path.Base(strings.TrimSuffix(rel, ext))); m != nil {
		position, _ = strconv.Atoi(m[1])
	}
	base := content.PagesDir
	plugin := "docusaurus-plugin-content-pages"
	if kind == content.KindDoc {
		base = content.DocsDir
		plugin = "docusaurus-plugin-content-docs/current"
	}
	for _, loc := range d.ds.locales {
		lang := d.langs[loc]
		from := file
		if loc != d.ds.defaultLocale {
			from = path.Join("i18n", loc, plugin, rel)
		}
		data, err := fs.ReadFile(d.src, from)
		if errors.Is(err, fs.ErrNotExist) && loc != d.ds.defaultLocale {
			// Docusaurus shows the doc in its own language there; so does
			// the new site.
			d.docAddress(loc, rel, stem, nil, kind, d.langs[d.ds.defaultLocale])
			continue
		}
		if err != nil {
			return err
		}
		v, err := readDocusaurusPost(from, data)
		if err != nil {
			d.plan.note(from, 1, "%v; not imported", err)
			continue
		}
		out := path.Join(base, stem+".md")
		if loc != d.ds.defaultLocale {
			out = path.Join(base, stem+"."+lang+".md")
		}
		header, err := docHeader(v, stem, position)
		if err != nil {
			return fmt.Errorf("%s: %w", from, err)
		}
		conv := &converter{file: from, line0: v.line0, plan: d.plan, seenJSX: map[string]bool{}, docLinks: true,
			asset: func(ref string, line int) string { return ref }}
		body := conv.convert(v.body)
		var buf bytes.Buffer
		buf.WriteString("---\n")
		buf.Write(header)
		buf.WriteString("---\n\n")
		buf.WriteString(strings.TrimLeft(body, "\n"))
		if !strings.HasSuffix(body, "\n") {
			buf.WriteByte('\n')
		}
		d.plan.add(&File{Path: out, Data: buf.Bytes(), Post: true})
		d.docAddress(loc, rel, stem, v, kind, lang)
	}
	return nil
}

// docHeader writes a doc's front matter as it was, with a title (its
// first heading, else its name, where it had none) and the place its
// number prefix gave it.
func docHeader(v *dpost, stem string, position int) ([]byte, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	if v.header != nil {
		m = v.header
	}
	// id: and slug: are Docusaurus's names for a doc's address, which
	// the old address keeps; the new site's id joins translations and
	// is a number, and its address is the file's.
	for i := 0; i+1 < len(m.Content); {
		if k := m.Content[i].Value; k == "id" || k == "slug" {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			continue
		}
		i += 2
	}
	has := func(k string) bool {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == k {
				return true
			}
		}
		return false
	}
	if !has("title") {
		title := path.Base(stem)
		if path.Base(stem) == "index" {
			title = path.Base(path.Dir(stem))
		}
		for _, l := range strings.Split(v.body, "\n") {
			if t, ok := strings.CutPrefix(strings.TrimSpace(l), "# "); ok {
				title = strings.TrimSpace(t)
				break
			}
		}
		m.Content = append([]*yaml.Node{{Kind: yaml.ScalarNode, Value: "title"}, valueNode(title)}, m.Content...)
	}
	if position >= 0 && !has("sidebar_position") {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "sidebar_position"}, valueNode(position))
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return buf.Bytes(), enc.Close()
}

// docAddress lists the old address of a doc or page in a locale: what
// Docusaurus made of its path (number prefixes and index dropped, slug:
// and id: applied), and where it is on the new site.
func (d *dimport) docAddress(loc, rel, stem string, v *dpost, kind, lang string) {
	oldRel := strings.TrimSuffix(stripNumbers(rel), path.Ext(rel))
	dir, name := path.Dir(oldRel), path.Base(oldRel)
	if dir == "." {
		dir = ""
	}
	if v != nil {
		if id, ok := v.fm["id"].(string); ok && id != "" {
			name = id
		}
	}
	if name == "index" || strings.EqualFold(name, "README") || kind == content.KindDoc && name == path.Base(dir) {
		name = ""
	}
	oldRel = path.Join(dir, name)
	if v != nil {
		if s, ok := v.fm["slug"].(string); ok && s != "" {
			if strings.HasPrefix(s, "/") {
				oldRel = strings.Trim(s, "/")
			} else {
				oldRel = path.Join(dir, s)
			}
		}
	}
	newRel := stem
	if path.Base(newRel) == "index" || kind == content.KindDoc && strings.EqualFold(path.Base(newRel), "README") {
		newRel = path.Dir(newRel)
	}
	pre := d.cfg.LangPrefix(d.langs[loc])
	if kind == content.KindDoc {
		old := joinAddr(d.ds.prefix(loc), d.ds.docsRoute, oldRel)
		d.addr.add(&Address{Old: old, Kind: "doc", Lang: lang, To: pre + "/docs/" + newRel + "/"})
		return
	}
	old := joinAddr(d.ds.prefix(loc), oldRel)
	if newRel == "." || newRel == "" {
		return // the home page, which is the blog's list on the new site
	}
	d.addr.add(&Address{Old: old, Kind: "page", Lang: lang, To: pre + "/" + newRel + "/"})
}

// pages carries src/pages: Markdown pages as pages; a React page (.tsx,
// .jsx, .js) as the HTML its build made, when the build is there, else
// only noted.
func (d *dimport) pages(build fs.FS) error {
	root := d.ds.pagesDir
	if st, err := fs.Stat(d.src, root); err != nil || !st.IsDir() {
		return nil
	}
	return fs.WalkDir(d.src, root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := e.Name()
		if e.IsDir() {
			if p != root && (strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".")) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || strings.Contains(name, ".module.") {
			return nil
		}
		rel := strings.TrimPrefix(p, root+"/")
		stem := strings.TrimSuffix(rel, path.Ext(rel))
		switch path.Ext(name) {
		case ".md", ".mdx":
			if stem == "index" {
				d.plan.note(p, 1, "the Markdown home page is not carried: the new site's home is the blog's list; move its text into a page")
				return nil
			}
			return d.doc(p, rel, content.KindPage)
		case ".tsx", ".jsx", ".js", ".ts":
			return d.reactPage(p, stem, build)
		default:
			return nil
		}
	})
}

var (
	mainElement  = regexp.MustCompile(`(?s)<main\b[^>]*>(.*)</main>`)
	titleElement = regexp.MustCompile(`(?s)<title\b[^>]*>(.*?)</title>`)
	scriptOrCSS  = regexp.MustCompile(`(?is)<(script|style|noscript)\b.*?</(script|style|noscript)>`)
	classAttr    = regexp.MustCompile(`\s(class|style|data-[a-z-]+)="[^"]*"`)
)

// reactPage carries a React page: from the build, its <main> as HTML, in
// each locale the build has it; without one, a note.
func (d *dimport) reactPage(file, stem string, build fs.FS) error {
	route := stem
	if path.Base(route) == "index" {
		route = strings.TrimSuffix(path.Dir(route), ".")
	}
	lines := bytes.Count(mustRead(d.src, file), []byte("\n"))
	if build == nil {
		d.plan.note(file, 1, "a React page (%d lines) is not carried, so /%s does not answer; import with --from-build to carry the HTML it made, or write content/pages/%s.md", lines, route, cmpOr(route, "index"))
		for _, loc := range d.ds.locales {
			d.addr.add(&Address{Old: joinAddr(d.ds.prefix(loc), route), Kind: "page", Lang: d.langs[loc]})
		}
		return nil
	}
	if route == "" {
		d.plan.note(file, 1, "the React home page is not carried: the new site's home is the blog's list")
		return nil
	}
	var first []byte
	for _, loc := range d.ds.locales {
		lang := d.langs[loc]
		dir := strings.TrimPrefix(d.ds.prefix(loc), d.ds.baseURL)
		var page []byte
		for _, f := range []string{path.Join(dir, route+".html"), path.Join(dir, route, "index.html")} {
			if data, err := fs.ReadFile(build, f); err == nil {
				page = data
				break
			}
		}
		old := joinAddr(d.ds.prefix(loc), route)
		if page == nil || pages.RefreshTarget(page) != "" {
			d.addr.add(&Address{Old: old, Kind: "page", Lang: lang})
			continue
		}
		m := mainElement.FindSubmatch(page)
		if m == nil {
			d.plan.note(file, 1, "the build's page for /%s has no <main>; not carried", route)
			continue
		}
		body := classAttr.ReplaceAll(scriptOrCSS.ReplaceAll(m[1], nil), nil)
		title := route
		if t := titleElement.FindSubmatch(page); t != nil {
			title = html.UnescapeString(string(t[1]))
			if i := strings.LastIndex(title, " | "); i > 0 {
				title = title[:i]
			}
		}
		out := path.Join(content.PagesDir, route+".md")
		if loc != d.ds.defaultLocale {
			if bytes.Equal(body, first) {
				// The same page in every locale: the new site shows it at
				// the other language's address, in its own language.
				d.addr.add(&Address{Old: old, Kind: "page", Lang: d.langs[d.ds.defaultLocale], To: d.cfg.LangPrefix(lang) + "/" + route + "/"})
				continue
			}
			out = path.Join(content.PagesDir, route+"."+lang+".md")
		} else {
			first = body
		}
		var buf bytes.Buffer
		fmt.Fprintf(&buf, "---\ntitle: %s\n---\n\n<!-- The HTML the old site's React page %s made; rewrite it in Markdown when you can. -->\n\n%s\n", yamlScalar(title), file, bytes.TrimSpace(body))
		d.plan.add(&File{Path: out, Data: buf.Bytes(), Post: true})
		d.addr.add(&Address{Old: old, Kind: "page", Lang: lang, To: d.cfg.LangPrefix(lang) + "/" + route + "/"})
	}
	d.plan.note(file, 1, "a React page (%d lines): carried as the HTML of its build into %s/%s.md, without its scripts and styles; rewrite it in Markdown when you can", lines, content.PagesDir, route)
	return nil
}

func mustRead(fsys fs.FS, name string) []byte {
	data, _ := fs.ReadFile(fsys, name)
	return data
}

// static copies the static folders whole, byte for byte, to the site's
// static/; the old site served each file in every locale, so each
// locale's address of it is listed too.
func (d *dimport) static() error {
	for _, dir := range d.ds.staticDirs {
		if st, err := fs.Stat(d.src, dir); err != nil || !st.IsDir() {
			continue
		}
		err := fs.WalkDir(d.src, dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel := strings.TrimPrefix(p, dir+"/")
			if strings.HasPrefix(e.Name(), ".") && p != dir {
				switch {
				case e.Name() == ".nojekyll":
					d.plan.Info = append(d.plan.Info, p+" is not copied: blog writes its own .nojekyll")
				case e.IsDir():
					d.plan.note(p, 0, "a dot folder is never published by blog; not carried")
				default:
					d.plan.note(p, 0, "a dot file is never published by blog; not carried")
				}
				if e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if e.IsDir() {
				return nil
			}
			if err := d.copyFile(p, path.Join("static", rel)); err != nil {
				return err
			}
			for _, loc := range d.ds.locales {
				d.addr.add(&Address{Old: joinAddr(d.ds.prefix(loc), rel), Kind: "static", To: "/" + rel, File: true})
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// giscusElement is a <Giscus …> element of a React component.
var (
	giscusElement = regexp.MustCompile(`(?s)<Giscus\b(.*?)/?>`)
	jsxAttr       = regexp.MustCompile(`([A-Za-z]+)=(?:"([^"]*)"|'([^']*)'|\{\s*["']([^"']*)["']\s*\})`)
)

// findGiscus reads the giscus settings of a comments component in src/, if
// there is one.
func findGiscus(src fs.FS, plan *Plan) *config.Giscus {
	var found *config.Giscus
	_ = fs.WalkDir(src, "src", func(p string, e fs.DirEntry, err error) error {
		if err != nil || found != nil {
			return nil
		}
		if e.IsDir() {
			if e.Name() == "node_modules" {
				return fs.SkipDir
			}
			return nil
		}
		switch path.Ext(p) {
		case ".tsx", ".jsx", ".js", ".ts":
		default:
			return nil
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return nil
		}
		loc := giscusElement.FindSubmatchIndex(data)
		if loc == nil {
			return nil
		}
		attrs := map[string]string{}
		for _, a := range jsxAttr.FindAllSubmatch(data[loc[2]:loc[3]], -1) {
			attrs[string(a[1])] = string(a[2]) + string(a[3]) + string(a[4])
		}
		line := bytes.Count(data[:loc[0]], []byte("\n")) + 1
		g := &config.Giscus{Repo: attrs["repo"], RepoID: attrs["repoId"], Category: attrs["category"], CategoryID: attrs["categoryId"], Mapping: attrs["mapping"]}
		if g.Repo == "" || g.RepoID == "" || g.CategoryID == "" {
			plan.note(p, line, "a giscus comments widget whose repo, repoId or categoryId is not written literally; set comments.giscus in blog.yaml by hand")
			return nil
		}
		found = g
		plan.note(p, line, "giscus comments carried into blog.yaml (comments.giscus, mapping %s); posts keep their addresses, so their discussions stay with them", cmpOr(g.Mapping, "pathname"))
		return nil
	})
	return found
}

// noteSources lists what of src/ the import cannot carry: swizzled theme
// components, styles and React components.
func noteSources(src fs.FS, ds *docusaurusSite, plan *Plan) {
	if entries, err := fs.ReadDir(src, "src/theme"); err == nil {
		for _, e := range entries {
			p := path.Join("src/theme", e.Name())
			if e.IsDir() {
				var files []string
				_ = fs.WalkDir(src, p, func(q string, e fs.DirEntry, err error) error {
					if err == nil && !e.IsDir() && strings.Contains(".tsx.jsx.js.ts", path.Ext(q)) {
						files = append(files, q)
					}
					return nil
				})
				slices.Sort(files)
				for _, f := range files {
					component := strings.TrimSuffix(strings.TrimPrefix(f, "src/theme/"), "/index"+path.Ext(f))
					plan.note(f, 1, "a swizzled theme component (%s) is not carried: blog's theme draws that part itself; port what it changed to a theme if it matters", component)
				}
				continue
			}
			plan.note(p, 1, "a swizzled theme component is not carried: blog's theme draws that part itself")
		}
	}
	styles := slices.Clone(ds.customCSS)
	_ = fs.WalkDir(src, "src", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && (strings.HasSuffix(p, ".scss") || strings.HasSuffix(p, ".css") || strings.HasSuffix(p, ".sass")) && !slices.Contains(styles, p) {
			styles = append(styles, p)
		}
		if err == nil && e.IsDir() && e.Name() == "node_modules" {
			return fs.SkipDir
		}
		return nil
	})
	for _, s := range styles {
		data, err := fs.ReadFile(src, s)
		if err != nil {
			continue
		}
		plan.note(s, 1, "styles (%d lines) are not carried: the new site uses blog's theme; port what you need into themes/<name>/", bytes.Count(data, []byte("\n")))
	}
}
