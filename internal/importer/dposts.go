package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"blog/internal/content"
)

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
	if st, err := fs.Stat(src, ds.blogDir); err != nil || !st.IsDir() {
		return nil, nil
	}
	err := fs.WalkDir(src, ds.blogDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := d.Name()
		if p != ds.blogDir && (strings.HasPrefix(base, "_") || strings.HasPrefix(base, ".")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ext := path.Ext(p); !d.IsDir() && (ext == ".md" || ext == ".mdx") {
			rels = append(rels, strings.TrimPrefix(p, ds.blogDir+"/"))
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
			file := path.Join(ds.blogDir, rel)
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
		return nil, fmt.Errorf("front matter: %w", err)
	}
	if err := node.Decode(&v.fm); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	if len(node.Content) > 0 && node.Content[0].Kind == yaml.MappingNode {
		v.header = node.Content[0]
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
		for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
			if t, err := time.ParseInLocation(layout, strings.TrimSpace(d), loc); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}
