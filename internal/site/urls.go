package site

import (
	"fmt"
	"net/url"
	"strings"

	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/sitepath"
)

// A site path is the unescaped, slash-separated address of a page from the
// site root, like "/en/tags/컴퓨터-구조/". It becomes an output file by
// outputFile and a link by escapePath, which percent-encodes each segment
// once.

// outputFile is the file a page's site path is written to.
func outputFile(sitePath string) string { return sitepath.Output(sitePath) }

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

// absURL is the absolute URL of a site path.
func absURL(cfg *config.Config, sitePath string) string {
	return strings.TrimSuffix(cfg.BaseURL, "/") + escapePath(sitePath)
}

// permalink expands the post URL pattern for p, inside its language.
func permalink(cfg *config.Config, p *content.Post) string {
	return cfg.PostPath(p.Lang, p.Slug, p.ID, p.Date)
}

// langPath puts a language's prefix before a site path.
func langPath(cfg *config.Config, lang, p string) string { return cfg.LangPrefix(lang) + p }

func tagsPath(cfg *config.Config, lang string) string { return langPath(cfg, lang, "/tags/") }

func tagPath(cfg *config.Config, lang, slug string) string {
	return langPath(cfg, lang, "/tags/"+slug+"/")
}

func homePath(cfg *config.Config, lang string, page int) string {
	if page <= 1 {
		return langPath(cfg, lang, "/")
	}
	return langPath(cfg, lang, fmt.Sprintf("/page/%d/", page))
}
