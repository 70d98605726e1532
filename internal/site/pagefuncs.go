package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html"

	"blog/internal/config"
	"blog/internal/content"
)

// The methods below are what layouts call on a page ("{{ .T "tags" }}",
// "{{ .Href "/css/style.css" }}"). Each reads only the page, its arguments
// and the Site. Links are escaped once here; html/template leaves valid
// percent-escapes alone.

// Config is the site configuration.
func (pg *Page) Config() *config.Config { return pg.site.cfg }

// Language is the page's language settings.
func (pg *Page) Language() config.Language {
	l, _ := pg.site.cfg.Language(pg.Lang)
	return l
}

// SiteTitle is the site title in the page's language.
func (pg *Page) SiteTitle() string { return pg.Language().Title }

// SiteDescription is the site description in the page's language.
func (pg *Page) SiteDescription() string { return pg.Language().Description }

// T returns a UI string in the page's language.
func (pg *Page) T(key string, args ...any) string {
	return pg.site.th.T(pg.Lang, pg.site.cfg.DefaultLanguage, key, args...)
}

// Date formats a date in the page's language, keeping its offset.
func (pg *Page) Date(t time.Time) string {
	return pg.site.th.FormatDate(pg.Lang, pg.site.cfg.DefaultLanguage, t)
}

// ISODate formats a date for machines (datetime attributes, JSON-LD).
func (pg *Page) ISODate(t time.Time) string { return t.Format(time.RFC3339) }

// Href turns a site path into a link under the base path, each segment
// percent-encoded once.
func (pg *Page) Href(sitePath string) template.URL {
	return template.URL(strings.TrimSuffix(pg.site.cfg.BasePath(), "/") + escapePath(sitePath))
}

// AbsURL turns a site path into an absolute URL when the base URL has a
// host.
func (pg *Page) AbsURL(sitePath string) template.URL {
	return template.URL(absURL(pg.site.cfg, sitePath))
}

// URL is the link to the page itself.
func (pg *Page) URL() template.URL { return pg.Href(pg.Path) }

// Permalink is the page's absolute URL.
func (pg *Page) Permalink() template.URL { return pg.AbsURL(pg.Path) }

// PostURL is the link to a post.
func (pg *Page) PostURL(p *Post) template.URL { return pg.Href(p.Path) }

// TagURL is the link to a tag's page in the page's language.
func (pg *Page) TagURL(t TagRef) template.URL { return pg.Href(tagPath(pg.site.cfg, pg.Lang, t.Slug)) }

// TagPageURL is the link to a tag's page.
func (pg *Page) TagPageURL(t *Tag) template.URL { return pg.Href(t.Path) }

// HomeURL is the link to the home of the page's language.
func (pg *Page) HomeURL() template.URL { return pg.Href(homePath(pg.site.cfg, pg.Lang, 1)) }

// TagsURL is the link to the tag index of the page's language.
func (pg *Page) TagsURL() template.URL { return pg.Href(tagsPath(pg.site.cfg, pg.Lang)) }

// ArchiveURL is the link to the archive of the page's language.
func (pg *Page) ArchiveURL() template.URL {
	return pg.Href(langPath(pg.site.cfg, pg.Lang, "/archive/"))
}

// FeedURL is the link to the page language's RSS feed.
func (pg *Page) FeedURL() template.URL { return pg.Href(langPath(pg.site.cfg, pg.Lang, "/rss.xml")) }

// AtomURL is the link to the page language's Atom feed.
func (pg *Page) AtomURL() template.URL { return pg.Href(langPath(pg.site.cfg, pg.Lang, "/atom.xml")) }

// ForeignLang returns a post's language when it differs from the page's,
// for a lang attribute on the element that shows it, else "".
func (pg *Page) ForeignLang(p *Post) string {
	if p.Lang != pg.Lang {
		return p.Lang
	}
	return ""
}

// Scheduled reports a post dated after the build, shown only with drafts.
func (pg *Page) Scheduled(p *Post) bool { return p.Scheduled }

// maxCardTags is how many of a post's tags a list shows: a post with
// thousands of tags must not make every list it is on that long (and a
// site's output grow with the square of its tags).
const maxCardTags = 8

// CardTags are the tags a list shows of a post: its first maxCardTags.
func (pg *Page) CardTags(p *Post) []TagRef { return p.Tags[:min(len(p.Tags), maxCardTags)] }

// MoreTags is how many of a post's tags a list leaves out.
func (pg *Page) MoreTags(p *Post) int { return max(0, len(p.Tags)-maxCardTags) }

// TOC returns the post's h2 headings with the h3 headings under each.
func (pg *Page) TOC() []*TOCEntry {
	if pg.Post == nil {
		return nil
	}
	var out []*TOCEntry
	for _, h := range pg.Post.Headings {
		e := &TOCEntry{ID: h.ID, Text: h.Text}
		switch {
		case h.Level == 2 || h.Level == 3 && len(out) == 0:
			out = append(out, e)
		case h.Level == 3:
			last := out[len(out)-1]
			last.Children = append(last.Children, e)
		}
	}
	return out
}

// HasCode reports whether the page shows highlighted code: a post's body
// or a summary in a list that holds a code block. Only such a page links
// the highlighting stylesheet; most pages of a blog have no code.
func (pg *Page) HasCode() bool {
	if pg.Post != nil && pg.Post.hasCode {
		return true
	}
	for _, p := range pg.Posts {
		if strings.Contains(string(p.Summary), content.CodeMark) {
			return true
		}
	}
	return false
}

// MonthDay writes a date without its year, for a list under a year's
// heading: "1월 3일", "January 3".
func (pg *Page) MonthDay(t time.Time) string { return t.Format(pg.T("dayFormat")) }

// Anchor is the link to an element of the page by id.
func (pg *Page) Anchor(id string) template.URL { return template.URL("#" + url.PathEscape(id)) }

// Years groups the page's posts by year, each in its author's own time
// zone, newest year first and newest post first inside a year. A year can
// hold posts that are not next to each other in time order: 00:30 on New
// Year's Day in Seoul is earlier than 20:00 on New Year's Eve in
// California.
func (pg *Page) Years() []Year {
	var out []Year
	at := map[int]int{}
	for _, p := range pg.Posts {
		y := p.Date.Year()
		i, ok := at[y]
		if !ok {
			i = len(out)
			at[y] = i
			out = append(out, Year{Year: y})
		}
		out[i].Posts = append(out[i].Posts, p)
	}
	slices.SortStableFunc(out, func(a, b Year) int { return b.Year - a.Year })
	return out
}

// Description is the page's summary for search engines and social cards:
// the post's description or summary as plain text, else the site's.
func (pg *Page) Description() string {
	if pg.Post != nil {
		if pg.Post.Description != "" {
			return pg.Post.Description
		}
		if s := pg.Post.plain; s != "" {
			return clip(s, 200)
		}
	}
	return pg.SiteDescription()
}

// ImageURL is the absolute URL of the post's image for link previews
// (Post.Social), or "".
func (pg *Page) ImageURL() string {
	s := pg.SocialImage()
	if s == nil {
		return ""
	}
	if s.URL != "" {
		return s.URL
	}
	return absURL(pg.site.cfg, s.Path)
}

// SocialImage is the post's image for link previews, nil on a page
// without one.
func (pg *Page) SocialImage() *SocialImage {
	if pg.Post == nil {
		return nil
	}
	return pg.Post.Social
}

// CoverURL is the link to the post's cover image (cover:) from its page.
func (pg *Page) CoverURL(p *Post) template.URL {
	if isWebURL(p.Cover) {
		return template.URL(p.Cover)
	}
	return pg.Href(p.Path + p.Cover)
}

func isWebURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// OGLocales are the Open Graph locales of the other languages the page
// exists in.
func (pg *Page) OGLocales() []string {
	var out []string
	for _, a := range pg.Alternates {
		if a.Lang != pg.Lang {
			if l, ok := pg.site.cfg.Language(a.Lang); ok {
				out = append(out, l.Locale)
			}
		}
	}
	return out
}

// XDefault is the absolute URL of the page's version for readers of no
// listed language: the default language's.
func (pg *Page) XDefault() string { return absURL(pg.site.cfg, pg.xDefault()) }

// xDefault is the page's version in the default language, or the page
// itself when that does not exist.
func (pg *Page) xDefault() string {
	for _, a := range pg.Alternates {
		if a.Lang == pg.site.cfg.DefaultLanguage {
			return a.Path
		}
	}
	return pg.Path
}

// JSONLD describes a post page as a schema.org BlogPosting, for search
// engines; "" on other pages.
func (pg *Page) JSONLD() template.JS {
	p := pg.Post
	if p == nil {
		return ""
	}
	type person struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	self := absURL(pg.site.cfg, pg.Path)
	doc := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "BlogPosting",
		"headline":         p.Title,
		"datePublished":    p.Date.Format(time.RFC3339),
		"dateModified":     p.Date.Format(time.RFC3339),
		"inLanguage":       p.Lang,
		"url":              self,
		"mainEntityOfPage": self,
		"description":      pg.Description(),
		"wordCount":        p.Words,
	}
	if img := pg.ImageURL(); img != "" {
		doc["image"] = img
	}
	var authors []person
	for _, a := range p.Authors {
		authors = append(authors, person{Type: "Person", Name: a.Name, URL: a.URL})
	}
	if len(authors) == 0 {
		authors = append(authors, person{Type: "Person", Name: pg.SiteTitle()})
	}
	doc["author"] = authors
	var keywords []string
	for _, t := range p.Tags {
		keywords = append(keywords, t.Name)
	}
	if len(keywords) > 0 {
		doc["keywords"] = keywords
	}
	data, err := json.Marshal(doc) // escapes <, > and &, so it cannot end the script
	if err != nil {
		return ""
	}
	return template.JS(data)
}

// SearchURL is the link to the search page of the page's language, or ""
// when the theme has no search page.
func (pg *Page) SearchURL() template.URL {
	if !pg.site.search {
		return ""
	}
	return pg.Href(langPath(pg.site.cfg, pg.Lang, "/search/"))
}

// SearchIndexURL is the link to the search index of the page's language.
func (pg *Page) SearchIndexURL() template.URL {
	return pg.Href(langPath(pg.site.cfg, pg.Lang, searchIndexFile))
}

// Giscus is the comments configuration, or nil when comments are off.
func (pg *Page) Giscus() *config.Giscus { return pg.site.cfg.Comments.Giscus }

// MermaidURL is the link to the Mermaid script when the page has a
// diagram and the theme ships the script, else "": without it the
// diagram's source stays readable as text.
func (pg *Page) MermaidURL() template.URL {
	if pg.Post == nil || !pg.Post.HasMermaid || pg.site.mermaid == "" {
		return ""
	}
	return pg.Href(pg.site.mermaid)
}

// Card renders a post as lists show it, with the theme's
// partials/post-card.html, which gets "Page" (a page of this page's
// language, with nothing else set) and "Post": what a card shows depends
// on the post and the language alone, so it is rendered once per build
// for every list it is on.
func (pg *Page) Card(p *Post) (template.HTML, error) {
	return pg.site.cards.get(cardOf{pg.Lang, p}, func() (template.HTML, error) {
		data := map[string]any{"Page": pg.site.cardPages[pg.Lang], "Post": p}
		buf := cardBufs.Get().(*bytes.Buffer)
		defer cardBufs.Put(buf)
		buf.Reset()
		found, err := pg.site.th.ExecutePartial(buf, "partials/post-card.html", data)
		if err != nil {
			return "", err
		}
		if !found {
			return "", fmt.Errorf("the theme has no partials/post-card.html")
		}
		// Every card is held until the build ends: copied at its size,
		// not in a buffer grown by doubling.
		return template.HTML(buf.String()), nil
	})
}

// cardBufs are the buffers cards are rendered into.
var cardBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// cardOf names a card within one build: a build's views do not change
// once made, and its card pages are one per language.
type cardOf struct {
	lang string
	post *Post
}

// cardCache holds the cards of one build.
type cardCache struct {
	mu sync.Mutex
	m  map[cardOf]*cachedCard
}

func newCardCache() *cardCache { return &cardCache{m: map[cardOf]*cachedCard{}} }

type cachedCard struct {
	once sync.Once
	html template.HTML
	err  error
}

func (c *cardCache) get(k cardOf, render func() (template.HTML, error)) (template.HTML, error) {
	c.mu.Lock()
	e := c.m[k]
	if e == nil {
		e = &cachedCard{}
		c.m[k] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.html, e.err = render() })
	return e.html, e.err
}

// plainText is the text of an HTML fragment, spaces collapsed.
func plainText(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var sb strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(sb.String()), " ")
		case html.TextToken:
			sb.Write(z.Text())
		case html.StartTagToken, html.EndTagToken:
			sb.WriteByte(' ')
		}
	}
}

// clip shortens text to at most n runes, at a space when it can.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
