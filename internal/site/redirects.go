package site

import (
	"errors"
	"fmt"
	"html"
	"io/fs"
	"strings"

	"gopkg.in/yaml.v3"

	"blog/internal/content"
	"blog/internal/problem"
	"blog/internal/sitepath"
)

// RedirectsFile lists old addresses of pages that are not posts (a tag
// page of an imported blog, its old blog index), each with the page of
// this site it now lives at:
//
//	/blog/tags/kubernetes: /tags/kubernetes/
//	/en/blog/tags/go: /en/tags/go/
//
// Each old address gets a redirect page. Posts list their old addresses
// in their own aliases instead.
const RedirectsFile = content.Dir + "/redirects.yaml"

// fileRedirects makes the redirect pages RedirectsFile asks for. A
// redirect never replaces a page, and must lead to one.
func (b *build) fileRedirects(taken map[string]bool) ([]*File, problem.List) {
	data, err := fs.ReadFile(b.site, RedirectsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, problem.List{problem.At(RedirectsFile, 0, "%w", err)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, problem.List{problem.At(RedirectsFile, 0, "%w", err)}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, problem.List{problem.At(RedirectsFile, m.Line, "want a map of old address: new address")}
	}
	var files []*File
	var problems problem.List
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || k.Value == "" || v.Value == "" {
			problems = append(problems, problem.At(RedirectsFile, k.Line, "want old address: new address"))
			continue
		}
		from, err := sitepath.Addr(k.Value)
		if err != nil {
			problems = append(problems, problem.At(RedirectsFile, k.Line, "old address %q %v", k.Value, err))
			continue
		}
		to, err := sitepath.Addr(v.Value)
		if err != nil {
			problems = append(problems, problem.At(RedirectsFile, v.Line, "new address %q %v", v.Value, err))
			continue
		}
		out := outputFile(from)
		switch {
		case from == to:
			problems = append(problems, problem.At(RedirectsFile, k.Line, "%s leads to itself", k.Value))
		case !taken[outputFile(to)]:
			problems = append(problems, problem.At(RedirectsFile, v.Line, "%s leads to %s, which is not a page of the site", k.Value, v.Value))
		case taken[out]:
			problems = append(problems, problem.At(RedirectsFile, k.Line, "%s is already the address of a page or another redirect", k.Value))
		default:
			taken[out] = true
			files = append(files, b.redirect(out, to, RedirectsFile))
		}
	}
	return files, problems
}

// redirects makes a page at each alias of a post, and at /posts/<id>/ in
// the post's language for posts with an id, sending readers on. A
// redirect never replaces a real page: an alias that names one is an
// error, an id address that is taken is skipped.
func (b *build) redirects(taken map[string]bool) ([]*File, problem.List) {
	var files []*File
	var problems problem.List
	for _, p := range b.visible {
		target := b.views[p].Path
		for _, alias := range p.Aliases { // addresses, cleaned by content
			out := outputFile(alias)
			if taken[out] {
				problems = append(problems, problem.At(p.File, p.Line("aliases"), "alias %s is the address of another page", alias))
				continue
			}
			taken[out] = true
			files = append(files, b.redirect(out, target, p.File))
		}
		if p.ID != "" {
			out := outputFile(langPath(b.cfg, p.Lang, "/posts/"+p.ID+"/"))
			if !taken[out] {
				taken[out] = true
				files = append(files, b.redirect(out, target, p.File))
			}
		}
	}
	return files, problems
}

// redirect is the redirect page at out, which made asked for.
func (b *build) redirect(out, target, made string) *File {
	return &File{Path: out, Data: b.redirectPage(target), made: made}
}

// redirectPage sends a reader, a crawler and a browser without scripts to
// the target: meta refresh, canonical link and a plain link.
func (b *build) redirectPage(target string) []byte {
	abs := html.EscapeString(absURL(b.cfg, target))
	rel := html.EscapeString(strings.TrimSuffix(b.cfg.BasePath(), "/") + escapePath(target))
	return fmt.Appendf(nil, `<!doctype html>
<html lang="%s">
<head>
<meta charset="utf-8">
<title>%s</title>
<link rel="canonical" href="%s">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=%s">
</head>
<body>
<p><a href="%s">%s</a></p>
</body>
</html>
`, b.cfg.DefaultLanguage, abs, abs, rel, rel, abs)
}
