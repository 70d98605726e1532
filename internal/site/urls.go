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
	plain := true // letters, digits and "-._~/" need no escaping
	for i := 0; i < len(sitePath) && plain; i++ {
		c := sitePath[i]
		plain = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || c == '/'
	}
	if plain {
		return sitePath
	}
	segs := strings.Split(sitePath, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// permalink expands the post URL pattern for p, inside its language.
func (b *builder) permalink(p *content.Post) string {
	pattern := b.cfg.Permalink
	if pattern == "/posts/:slug/" { // the default, and by far the most common
		return b.langPath(p.Lang, "/posts/"+p.Slug+"/")
	}
	var sb strings.Builder
	for len(pattern) > 0 {
		i := strings.IndexByte(pattern, ':')
		if i < 0 {
			sb.WriteString(pattern)
			break
		}
		sb.WriteString(pattern[:i])
		pattern = pattern[i:]
		d := p.Date
		switch {
		case strings.HasPrefix(pattern, ":year"):
			fmt.Fprintf(&sb, "%04d", d.Year())
			pattern = pattern[len(":year"):]
		case strings.HasPrefix(pattern, ":month"):
			fmt.Fprintf(&sb, "%02d", int(d.Month()))
			pattern = pattern[len(":month"):]
		case strings.HasPrefix(pattern, ":day"):
			fmt.Fprintf(&sb, "%02d", d.Day())
			pattern = pattern[len(":day"):]
		case strings.HasPrefix(pattern, ":slug"):
			sb.WriteString(p.Slug)
			pattern = pattern[len(":slug"):]
		case strings.HasPrefix(pattern, ":id"):
			sb.WriteString(idOrSlug(p))
			pattern = pattern[len(":id"):]
		default:
			sb.WriteByte(':')
			pattern = pattern[1:]
		}
	}
	return b.langPath(p.Lang, sb.String())
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
