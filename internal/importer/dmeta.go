package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

func readTagsFile(src fs.FS, blogDir string, plan *Plan) (map[string]dtag, error) {
	data, err := fs.ReadFile(src, path.Join(blogDir, "tags.yml"))
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
		return nil, fmt.Errorf("%s/tags.yml: %w", blogDir, err)
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

func readAuthorsFile(src fs.FS, blogDir string) (map[string]dauthor, error) {
	data, err := fs.ReadFile(src, path.Join(blogDir, "authors.yml"))
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]dauthor{}, nil
	}
	if err != nil {
		return nil, err
	}
	var authors map[string]dauthor
	if err := yaml.Unmarshal(data, &authors); err != nil {
		return nil, fmt.Errorf("%s/authors.yml: %w", blogDir, err)
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
