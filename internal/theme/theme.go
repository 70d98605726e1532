// Package theme loads a theme: html/template layouts, UI strings per
// language and static files.
//
// # Layout of a theme
//
//	layouts/baseof.html      the page skeleton; defines blocks "title" and "main"
//	layouts/<kind>.html      one per page kind (home, post, tags, tag, archive, search,
//	                         404, page, doc, authors, author)
//	layouts/partials/*.html  shared pieces, available to every layout
//	i18n/<lang>.yaml         UI strings, key: text
//	static/                  copied to the site root
//
// # Lookup
//
// Load takes the theme folder and, optionally, the site's own layouts/
// folder: a file there replaces the theme's file of the same path, so a
// site can override one template without copying the theme. Templates are
// parsed once per Load; executing them is safe from many goroutines.
//
// A missing UI string falls back to the default language's, then to the key
// itself, so a theme never fails on a missing translation.
package theme

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
	"time"

	"gopkg.in/yaml.v3"

	"blog/internal/problem"
	"blog/internal/sitepath"
)

// kinds are the page kinds a theme can have a layout for; a theme without
// one of them makes a site without such pages.
var kinds = []string{"home", "post", "tags", "tag", "archive", "search", "404", "page", "doc", "authors", "author"}

// requiredKinds are the kinds every theme must have.
var requiredKinds = []string{"home", "post"}

// Theme is a loaded theme.
type Theme struct {
	pages   map[string]*template.Template
	files   map[string]string
	strings map[string]map[string]string
	// Static holds the files copied to the site root.
	Static fs.FS
	// Name says where the theme came from, for messages.
	Name string
	// Digest is a hash of everything the theme was loaded from: its
	// templates, UI strings and the names and sizes of its static files.
	// Two themes with one Digest render the same pages (caches of rendered
	// pages use it).
	Digest string
}

// Load reads a theme from fsys. overrides, if not nil, is the site's
// layouts/ folder. name prefixes file names in messages ("themes/default").
// funcs adds template functions to the built-in ones.
func Load(fsys fs.FS, overrides fs.FS, name string, funcs template.FuncMap) (*Theme, error) {
	files := map[string]string{} // template name → file, for messages
	t := &Theme{pages: map[string]*template.Template{}, files: files, strings: map[string]map[string]string{}, Name: name}
	digest := sha256.New()
	note := func(file string, data []byte) {
		fmt.Fprintf(digest, "%s\x00%d\x00", file, len(data))
		digest.Write(data)
	}
	read := func(p string) ([]byte, string, error) {
		if overrides != nil {
			name := strings.TrimPrefix(p, "layouts/")
			b, err := fs.ReadFile(overrides, name)
			if err == nil {
				note("override:"+p, b)
				return b, "layouts/" + name, nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				// A layout of the site that cannot be read (a link out of
				// the site) is a problem, not a reason to use the theme's.
				return nil, "layouts/" + name, &problem.Error{File: "layouts/" + name, Msg: sitepath.Explain(overrides, name, err).Error(), Err: err}
			}
		}
		b, err := fs.ReadFile(fsys, p)
		note(p, b)
		return b, name + "/" + p, err
	}

	base := template.New("").Funcs(builtinFuncs).Funcs(funcs)
	var partials []string
	for i, dir := range []fs.FS{fsys, overrides} {
		if dir == nil {
			continue
		}
		prefix := "layouts/partials"
		if i == 1 {
			prefix = "partials"
		}
		entries, err := fs.ReadDir(dir, prefix)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		for _, e := range entries {
			if !e.IsDir() && path.Ext(e.Name()) == ".html" && !slices.Contains(partials, e.Name()) {
				partials = append(partials, e.Name())
			}
		}
	}
	slices.Sort(partials)
	for _, f := range append([]string{"baseof.html"}, partials...) {
		p := "layouts/" + f
		if f != "baseof.html" {
			p = "layouts/partials/" + f
		}
		src, file, err := read(p)
		if pe := problem.Of(err); pe != nil {
			return nil, pe[0]
		}
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", name, p, err)
		}
		tname := strings.TrimPrefix(p, "layouts/")
		files[tname] = file
		if _, err := base.New(tname).Parse(string(src)); err != nil {
			return nil, templateError(err, files)
		}
	}
	for _, kind := range kinds {
		src, file, err := read("layouts/" + kind + ".html")
		if errors.Is(err, fs.ErrNotExist) && !slices.Contains(requiredKinds, kind) {
			continue // the site simply has no such pages
		}
		if pe := problem.Of(err); pe != nil {
			return nil, pe[0]
		}
		if err != nil {
			return nil, fmt.Errorf("%s/layouts/%s.html: %w", name, kind, err)
		}
		page, err := base.Clone()
		if err != nil {
			return nil, err
		}
		files[kind+".html"] = file
		if _, err := page.New(kind + ".html").Parse(string(src)); err != nil {
			return nil, templateError(err, files)
		}
		t.pages[kind] = page.Lookup("baseof.html")
	}

	entries, err := fs.ReadDir(fsys, "i18n")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		if path.Ext(e.Name()) != ".yaml" {
			continue
		}
		data, err := fs.ReadFile(fsys, "i18n/"+e.Name())
		if err != nil {
			return nil, err
		}
		note("i18n/"+e.Name(), data)
		m := map[string]string{}
		if err := yaml.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s/i18n/%s: %v", name, e.Name(), err)
		}
		t.strings[strings.TrimSuffix(e.Name(), ".yaml")] = m
	}
	if st, err := fs.Sub(fsys, "static"); err == nil {
		t.Static = st
		// Layouts can ask whether a static file is there (the Mermaid
		// script), so the list is part of the digest.
		fs.WalkDir(st, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if info, err := d.Info(); err == nil {
					fmt.Fprintf(digest, "static/%s\x00%d\x00", p, info.Size())
				}
			}
			return nil
		})
	}
	t.Digest = fmt.Sprintf("%x", digest.Sum(nil))
	return t, nil
}

// templateError files an error of parsing or executing a template under
// the layout file and line it names. An escaping error of html/template
// knows the node it stopped at, whose location parse.Tree.ErrorContext
// gives as "tag.html:2:49"; parse and execution errors (text/template)
// carry their location only at the start of their message, "template:
// post.html:3:12: …". Either is read for the template names of this theme
// alone.
func templateError(err error, files map[string]string) error {
	var he *template.Error
	if errors.As(err, &he) && he.Node != nil {
		loc, _ := (*parse.Tree)(nil).ErrorContext(he.Node)
		if m := positioned.FindStringSubmatch(loc + ": "); m != nil {
			if file, ok := files[m[1]]; ok {
				line, _ := strconv.Atoi(m[2])
				return &problem.Error{File: file, Line: line, Msg: he.Description, Err: err}
			}
		}
	}
	msg := strings.TrimPrefix(err.Error(), "html/template:")
	msg = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(msg), "template:"))
	if m := positioned.FindStringSubmatch(msg); m != nil {
		if file, ok := files[m[1]]; ok {
			line, _ := strconv.Atoi(m[2])
			return &problem.Error{File: file, Line: line, Msg: m[3], Err: err}
		}
	}
	return err
}

// positioned is the start of a text/template message: name, line, an
// optional column, the rest.
var positioned = regexp.MustCompile(`^(.+?):(\d+):(?:\d+:)? ?(.*)$`)

// builtinFuncs are the template functions every theme can use, beyond
// html/template's own.
var builtinFuncs = template.FuncMap{
	// dict builds a map from key, value pairs, to pass several values to a
	// partial: {{ template "partials/x.html" (dict "Page" $ "Post" .) }}.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, errors.New("dict: want key, value pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// ExecutePartial renders one partial ("partials/post-card.html") on its
// own; it reports false when the theme has no such partial.
func (t *Theme) ExecutePartial(w io.Writer, name string, data any) (bool, error) {
	for _, kind := range requiredKinds {
		if page := t.pages[kind]; page != nil {
			p := page.Lookup(name)
			if p == nil {
				return false, nil
			}
			if err := p.Execute(w, data); err != nil {
				return true, templateError(err, t.files)
			}
			return true, nil
		}
	}
	return false, nil
}

// Has reports whether the theme has a layout for a page kind.
func (t *Theme) Has(kind string) bool { return t.pages[kind] != nil }

// Execute renders the layout of a page kind.
func (t *Theme) Execute(w io.Writer, kind string, data any) error {
	page := t.pages[kind]
	if page == nil {
		return fmt.Errorf("%s: no layout for page kind %q", t.Name, kind)
	}
	if err := page.Execute(w, data); err != nil {
		return templateError(err, t.files)
	}
	return nil
}

// T returns a UI string in lang, formatted with args when there are any.
// fallback is the language tried next. When the first argument is the
// number 1 and the strings have key+"One" ("tagCountOne: %d post"), that
// singular form is used: languages that do not inflect for number, like
// Korean, simply have no such key.
func (t *Theme) T(lang, fallback, key string, args ...any) string {
	if len(args) > 0 && isOne(args[0]) {
		if s, ok := t.lookup(lang, fallback, key+"One"); ok {
			return fmt.Sprintf(s, args...)
		}
	}
	s, ok := t.lookup(lang, fallback, key)
	if !ok {
		s = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// lookup finds a UI string in lang, else in fallback.
func (t *Theme) lookup(lang, fallback, key string) (string, bool) {
	if s, ok := t.strings[lang][key]; ok {
		return s, true
	}
	s, ok := t.strings[fallback][key]
	return s, ok
}

// isOne reports whether a template argument is the integer 1.
func isOne(v any) bool {
	switch n := v.(type) {
	case int:
		return n == 1
	case int64:
		return n == 1
	}
	return false
}

// FormatDate writes a date in the reader's language, in the author's own
// time zone offset: "2024년 1월 3일", "January 3, 2024".
func (t *Theme) FormatDate(lang, fallback string, d time.Time) string {
	return d.Format(t.T(lang, fallback, "dateFormat"))
}
