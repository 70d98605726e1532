package site

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
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
// "{{ .Href "/css/style.css" }}"). Links are escaped once here; html/template
// leaves valid percent-escapes alone.

// Config is the site configuration.
func (pg *Page) Config() *config.Config { return pg.b.cfg }

// Language is the page's language settings.
func (pg *Page) Language() config.Language {
	l, _ := pg.b.cfg.Language(pg.Lang)
	return l
}

// SiteTitle is the site title in the page's language.
func (pg *Page) SiteTitle() string { return pg.Language().Title }

// SiteDescription is the site description in the page's language.
func (pg *Page) SiteDescription() string { return pg.Language().Description }

// T returns a UI string in the page's language.
func (pg *Page) T(key string, args ...any) string {
	return pg.b.th.T(pg.Lang, pg.b.cfg.DefaultLanguage, key, args...)
}

// Date formats a date in the page's language, keeping its offset.
func (pg *Page) Date(t time.Time) string {
	return pg.b.th.FormatDate(pg.Lang, pg.b.cfg.DefaultLanguage, t)
}

// ISODate formats a date for machines (datetime attributes, JSON-LD).
func (pg *Page) ISODate(t time.Time) string { return t.Format(time.RFC3339) }

// Href turns a site path into a link under the base path, each segment
// percent-encoded once.
func (pg *Page) Href(sitePath string) template.URL {
	return template.URL(strings.TrimSuffix(pg.b.cfg.BasePath(), "/") + escapePath(sitePath))
}

// AbsURL turns a site path into an absolute URL when the base URL has a
// host.
func (pg *Page) AbsURL(sitePath string) template.URL {
	return template.URL(strings.TrimSuffix(pg.b.cfg.BaseURL, "/") + escapePath(sitePath))
}

// URL is the link to the page itself.
func (pg *Page) URL() template.URL { return pg.Href(pg.Path) }

// Permalink is the page's absolute URL.
func (pg *Page) Permalink() template.URL { return pg.AbsURL(pg.Path) }

// PostURL is the link to a post.
func (pg *Page) PostURL(p *content.Post) template.URL { return pg.Href(pg.b.paths[p]) }

// TagURL is the link to a tag's page in the page's language.
func (pg *Page) TagURL(t content.Tag) template.URL { return pg.Href(tagPath(pg.Lang, t.Slug, pg.b)) }

// TagPageURL is the link to a tag's page.
func (pg *Page) TagPageURL(t *Tag) template.URL { return pg.Href(tagPath(t.Lang, t.Slug, pg.b)) }

// HomeURL is the link to the home of the page's language.
func (pg *Page) HomeURL() template.URL { return pg.Href(homePath(pg.Lang, 1, pg.b)) }

// TagsURL is the link to the tag index of the page's language.
func (pg *Page) TagsURL() template.URL { return pg.Href(tagsPath(pg.Lang, pg.b)) }

// ForeignLang returns a post's language when it differs from the page's,
// for a lang attribute on the element that shows it, else "".
func (pg *Page) ForeignLang(p *content.Post) string {
	if p.Lang != pg.Lang {
		return p.Lang
	}
	return ""
}

// maxCardTags is how many of a post's tags a list shows: a post with
// thousands of tags must not make every list it is on that long (and a
// site's output grow with the square of its tags).
const maxCardTags = 8

// CardTags are the tags a list shows of a post: its first maxCardTags.
func (pg *Page) CardTags(p *content.Post) []content.Tag {
	return p.Tags[:min(len(p.Tags), maxCardTags)]
}

// MoreTags is how many of a post's tags a list leaves out.
func (pg *Page) MoreTags(p *content.Post) int { return max(0, len(p.Tags)-maxCardTags) }

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

// TOCEntry is one line of a table of contents.
type TOCEntry struct {
	ID       string
	Text     string
	Children []*TOCEntry
}

// Anchor is the link to an element of the page by id.
func (pg *Page) Anchor(id string) template.URL { return template.URL("#" + url.PathEscape(id)) }

// Scheduled reports a post dated after the build, shown only with drafts.
func (pg *Page) Scheduled(p *content.Post) bool { return p.Date.After(pg.b.opts.Now) }

// Year is one year of the archive, newest posts first.
type Year struct {
	Year  int
	Posts []*content.Post
}

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

// ArchiveURL is the link to the archive of the page's language.
func (pg *Page) ArchiveURL() template.URL { return pg.Href(pg.b.langPath(pg.Lang, "/archive/")) }

// FeedURL is the link to the page language's RSS feed.
func (pg *Page) FeedURL() template.URL { return pg.Href(pg.b.langPath(pg.Lang, "/rss.xml")) }

// AtomURL is the link to the page language's Atom feed.
func (pg *Page) AtomURL() template.URL { return pg.Href(pg.b.langPath(pg.Lang, "/atom.xml")) }

// Description is the page's summary for search engines and social cards:
// the post's description or summary as plain text, else the site's.
func (pg *Page) Description() string {
	if pg.Post != nil {
		if pg.Post.Description != "" {
			return pg.Post.Description
		}
		if s := plainText(string(pg.Post.Summary)); s != "" {
			return clip(s, 200)
		}
	}
	return pg.SiteDescription()
}

// ImageURL is the absolute URL of the post's cover image, or "".
func (pg *Page) ImageURL() string {
	if pg.Post == nil || pg.Post.Image == "" {
		return ""
	}
	img := pg.Post.Image
	if strings.Contains(img, "://") {
		return img
	}
	return pg.b.abs(pg.b.paths[pg.Post] + img)
}

// CoverURL is the link to the post's cover image from its page.
func (pg *Page) CoverURL(p *content.Post) template.URL {
	if strings.Contains(p.Image, "://") {
		return template.URL(p.Image)
	}
	return pg.Href(pg.b.paths[p] + p.Image)
}

// OGLocales are the Open Graph locales of the other languages the page
// exists in.
func (pg *Page) OGLocales() []string {
	var out []string
	for _, a := range pg.Alternates {
		if a.Lang != pg.Lang {
			if l, ok := pg.b.cfg.Language(a.Lang); ok {
				out = append(out, l.Locale)
			}
		}
	}
	return out
}

// XDefault is the absolute URL of the page's version for readers of no
// listed language: the default language's.
func (pg *Page) XDefault() string { return pg.b.abs(pg.xDefault()) }

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
	doc := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "BlogPosting",
		"headline":         p.Title,
		"datePublished":    p.Date.Format(time.RFC3339),
		"dateModified":     p.Date.Format(time.RFC3339),
		"inLanguage":       p.Lang,
		"url":              pg.b.abs(pg.Path),
		"mainEntityOfPage": pg.b.abs(pg.Path),
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

// SearchURL is the link to the search page of the page's language, or ""
// when the theme has no search page.
func (pg *Page) SearchURL() template.URL {
	if !pg.b.th.Has("search") {
		return ""
	}
	return pg.Href(pg.b.langPath(pg.Lang, "/search/"))
}

// SearchIndexURL is the link to the search index of the page's language.
func (pg *Page) SearchIndexURL() template.URL {
	return pg.Href(pg.b.langPath(pg.Lang, searchIndexFile))
}

// Giscus is the comments configuration, or nil when comments are off.
func (pg *Page) Giscus() *config.Giscus { return pg.b.cfg.Comments.Giscus }

// MermaidURL is the link to the Mermaid script when the page has a diagram
// and the theme ships the script ("make vendor-mermaid"), else "": without
// it the diagram's source stays readable as text.
func (pg *Page) MermaidURL() template.URL {
	if pg.Post == nil || !pg.Post.HasMermaid || pg.b.th.Static == nil {
		return ""
	}
	if _, err := fs.Stat(pg.b.th.Static, MermaidScript); err != nil {
		return ""
	}
	return pg.Href("/" + MermaidScript)
}

// Card renders a post as lists show it, with the theme's
// partials/post-card.html, once per post and language: the home pages,
// tag pages and any other list of that language reuse it.
func (pg *Page) Card(p *content.Post) (template.HTML, error) {
	key := cardKey{pg.Lang, pg.b.card(p), pg.Scheduled(p)}
	if html, ok := pg.b.cardHTML.get(key); ok {
		return html, nil
	}
	var buf strings.Builder
	found, err := pg.b.th.ExecutePartial(&buf, "partials/post-card.html", map[string]any{"Page": pg, "Post": p})
	if err != nil {
		return "", err
	}
	if !found {
		return "", fmt.Errorf("the theme has no partials/post-card.html")
	}
	html := template.HTML(buf.String())
	pg.b.cardHTML.put(key, html)
	return html, nil
}

// cardCache keeps rendered cards from build to build: a Builder's builds
// share one, so a rebuild renders only the cards of posts whose card
// signature changed.
type cardCache struct {
	mu   sync.Mutex
	m    map[cardKey]cachedCard
	used int // the current build's number
}

type cachedCard struct {
	html template.HTML
	used int // the last build that used it
}

func newCardCache() *cardCache { return &cardCache{m: map[cardKey]cachedCard{}} }

func (c *cardCache) get(k cardKey) (template.HTML, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if ok && e.used != c.used {
		e.used = c.used
		c.m[k] = e
	}
	return e.html, ok
}

func (c *cardCache) put(k cardKey, html template.HTML) {
	c.mu.Lock()
	c.m[k] = cachedCard{html, c.used}
	c.mu.Unlock()
}

// next starts a build of a site with n cards (posts times languages).
// When the cache holds more than twice that, the cards the last build did
// not use are dropped: they belong to old versions of posts.
func (c *cardCache) next(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 2*n+64 {
		for k, e := range c.m {
			if e.used != c.used {
				delete(c.m, k)
			}
		}
	}
	c.used++
}

// cardKey names a card: the list's language, what the card shows of the
// post (builder.card) and whether it is marked as scheduled.
type cardKey struct {
	lang      string
	sig       uint64
	scheduled bool
}
