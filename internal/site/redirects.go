package site

import (
	"fmt"
	"html"
	"strings"

	"blog/internal/content"
	"blog/internal/problem"
)

// fileRedirects makes the redirect pages content.RedirectsFile asks for.
// A redirect never replaces a page, and must lead to one.
func (b *build) fileRedirects(taken map[string]bool) ([]*File, problem.List) {
	var files []*File
	var problems problem.List
	for _, r := range b.set.Redirects {
		out := outputFile(r.From)
		switch {
		case !taken[outputFile(r.To)]:
			problems = append(problems, problem.At(content.RedirectsFile, r.Line, "%s leads to %s, which is not a page of the site", r.Old, r.New))
		case taken[out]:
			problems = append(problems, problem.At(content.RedirectsFile, r.Line, "%s is already the address of a page or another redirect", r.Old))
		default:
			taken[out] = true
			files = append(files, b.redirect(out, r.To, content.RedirectsFile))
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
