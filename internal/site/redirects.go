package site

import (
	"fmt"
	"html"
	"path"
	"strings"

	"blog/internal/content"
	"blog/internal/problem"
)

// A redirect is a page at an old address that sends readers on to the
// address a page has now. Posts ask for them (their aliases, and
// /posts/<id>/ for posts with an id) and so does content.RedirectsFile.
// A redirect never replaces a page, and it ends on one: a redirect to
// another redirect is written to where that one ends, and one that comes
// back to where it started, or that ends nowhere, is an error naming the
// whole chain. An old address of a file that is not HTML (a feed, an
// image: /blog/rss.xml, /en/img/logo.png) cannot hold a redirect page, so
// it gets a copy of the file it leads to.
type redirectSpec struct {
	out    string // the output file of the old address
	from   string // the old address, as written, for messages
	target string // site path
	made   string // what asked for it: a post's file, the redirects file
	line   int
}

// redirects makes the redirect pages of the site; files are the site's
// files besides pages, by output path, for copies.
func (b *build) redirects(taken map[string]bool, files map[string]*File) ([]*File, problem.List) {
	var specs []*redirectSpec
	var problems problem.List
	byOut := map[string]*redirectSpec{}
	add := func(s *redirectSpec, optional bool) {
		switch {
		case taken[s.out] && optional:
		case taken[s.out] && outputFile(s.target) == s.out:
			problems = append(problems, problem.At(s.made, s.line, "%s is the address of this page itself; remove it", s.from))
		case taken[s.out] || byOut[s.out] != nil:
			what := "a page"
			if byOut[s.out] != nil {
				what = "another redirect (" + byOut[s.out].made + ")"
			}
			problems = append(problems, problem.At(s.made, s.line, "%s is already the address of %s", s.from, what))
		default:
			byOut[s.out] = s
			specs = append(specs, s)
		}
	}
	for _, p := range b.visible {
		target := b.views[p].Path
		for _, alias := range p.Aliases { // addresses, cleaned by content
			add(&redirectSpec{out: outputFile(alias), from: "alias " + alias, target: target, made: p.File, line: p.Line("aliases")}, false)
		}
	}
	for _, r := range b.set.Redirects {
		add(&redirectSpec{out: outputFile(r.From), from: r.Old, target: r.To, made: content.RedirectsFile, line: r.Line}, false)
	}
	// An id address already taken by a page, an alias or a line of the
	// redirects file is left to it.
	for _, p := range b.visible {
		if p.ID != "" {
			id := langPath(b.cfg, p.Lang, "/posts/"+p.ID+"/")
			add(&redirectSpec{out: outputFile(id), from: id, target: b.views[p].Path, made: p.File}, true)
		}
	}
	var out []*File
	for _, s := range specs {
		target, chain := s.target, []string{s.from}
		seen := map[string]bool{s.out: true}
		for {
			next := byOut[outputFile(target)]
			if next == nil {
				break
			}
			chain = append(chain, target)
			if seen[next.out] {
				problems = append(problems, problem.At(s.made, s.line, "%s goes round in a loop: %s", s.from, strings.Join(append(chain, "…"), " → ")))
				target = ""
				break
			}
			seen[next.out] = true
			target = next.target
		}
		if target == "" {
			continue
		}
		if !taken[outputFile(target)] {
			chain = append(chain, target)
			problems = append(problems, problem.At(s.made, s.line, "%s leads to %s, which is not a page of the site", s.from, strings.Join(chain[1:], " → ")))
			continue
		}
		if ext := strings.ToLower(path.Ext(s.out)); ext != ".html" && ext != ".htm" {
			f := files[outputFile(target)]
			if f == nil {
				problems = append(problems, problem.At(s.made, s.line, "%s is a file, not a page, so it cannot redirect; it can only be a copy of a file, and %s is a page", s.from, target))
				continue
			}
			taken[s.out] = true
			out = append(out, &File{Path: s.out, Data: f.Data, Source: f.Source, SourcePath: f.SourcePath, lazy: f.lazy, made: s.made})
			continue
		}
		taken[s.out] = true
		out = append(out, &File{Path: s.out, Data: b.redirectPage(target), made: s.made})
	}
	return out, problems
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
