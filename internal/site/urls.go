package site

import (
	"fmt"
	"net/url"
	"strings"

	"blog/internal/content"
)

// A site path is the unescaped, slash-separated address of a page from the
// site root, like "/en/tags/컴퓨터-구조/". It becomes an output file by
// outputFile and a link by href, which percent-encodes each segment once.

// outputFile is the file a page's site path is written to.
func outputFile(sitePath string) string {
	p := strings.TrimPrefix(sitePath, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// escapePath percent-encodes each segment of a site path exactly once.
func escapePath(sitePath string) string {
	segs := strings.Split(sitePath, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// permalink expands the post URL pattern for p, inside its language.
func (b *builder) permalink(p *content.Post) string {
	d := p.Date
	r := strings.NewReplacer(
		":year", fmt.Sprintf("%04d", d.Year()),
		":month", fmt.Sprintf("%02d", int(d.Month())),
		":day", fmt.Sprintf("%02d", d.Day()),
		":slug", p.Slug,
		":id", idOrSlug(p),
	)
	return b.langPath(p.Lang, r.Replace(b.cfg.Permalink))
}

func idOrSlug(p *content.Post) string {
	if p.ID != "" {
		return p.ID
	}
	return p.Slug
}

// langPath puts a language's prefix before a site path.
func (b *builder) langPath(lang, p string) string {
	return b.cfg.LangPrefix(lang) + p
}

func tagsPath(lang string, b *builder) string { return b.langPath(lang, "/tags/") }

func tagPath(lang, slug string, b *builder) string {
	return b.langPath(lang, "/tags/"+slug+"/")
}

func homePath(lang string, page int, b *builder) string {
	if page <= 1 {
		return b.langPath(lang, "/")
	}
	return b.langPath(lang, fmt.Sprintf("/page/%d/", page))
}
