package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/diagram"
)

// Feeds: RSS 2.0 at <lang>/rss.xml and Atom at <lang>/atom.xml, with the
// newest Config.Feeds.Limit posts of the language's list (only featured
// ones when FeaturedOnly), full HTML with absolute links. They are written
// with encoding/xml, so they are well-formed whatever the posts hold.

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Content string     `xml:"xmlns:content,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Self          atomLink  `xml:"atom:link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Generator     string    `xml:"generator"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Categories  []string `xml:"category"`
	Description string   `xml:"description"`
	Content     cdata    `xml:"content:encoded"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type cdata struct {
	Value string `xml:",cdata"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Gen     string      `xml:"generator"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Authors    []atomAuthor   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Content    atomText       `xml:"content"`
}

type atomAuthor struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

const generator = "blog"

// feedPosts are the posts a language's feeds list, newest first.
func (b *build) feedPosts(lang string) []*Post {
	var out []*Post
	for _, p := range b.lists[lang] {
		if b.cfg.Feeds.FeaturedOnly && !p.Featured {
			continue
		}
		out = append(out, p)
		if len(out) == b.cfg.Feeds.Limit {
			break
		}
	}
	return out
}

// feeds makes the RSS and Atom files of every language, or takes them
// from the last build or the page cache when their key is the same: the
// language's feed posts (their views, bodies included, by key.go) and the
// site.
func (b *build) feeds() ([]*File, error) {
	var files []*File
	h := hasher{memo: b.memo}
	for _, l := range b.cfg.Languages {
		posts := b.feedPosts(l.Code)
		paths := []string{outputFile(langPath(b.cfg, l.Code, "/rss.xml")), outputFile(langPath(b.cfg, l.Code, "/atom.xml"))}
		if b.cfg.Feeds.JSON {
			paths = append(paths, outputFile(langPath(b.cfg, l.Code, "/feed.json")))
		}
		k, err := h.key(struct {
			Version string
			Site    *Site
			Lang    string
			Posts   []*Post
		}{"feeds/v1", b.s, l.Code, posts})
		if err != nil {
			return nil, err
		}
		keys := make([]cache.Key, len(paths))
		for i, path := range paths {
			keys[i] = cache.MakeKey(k[:], []byte(path))
		}
		if found := b.reuseAll(paths, keys); found != nil {
			files = append(files, found...)
			continue
		}
		rssData, atomData, err := b.makeFeeds(l, posts)
		if err != nil {
			return nil, err
		}
		made := [][]byte{rssData, atomData}
		if b.cfg.Feeds.JSON {
			data, err := b.jsonFeed(l, posts)
			if err != nil {
				return nil, err
			}
			made = append(made, data)
		}
		// Feeds hold their posts whole: like a page, a feed with a diagram
		// that may have been left undrawn is made again next time.
		keep := b.store != nil && !(b.retryMermaid && slices.ContainsFunc(posts, func(p *Post) bool { return p.HasMermaid }))
		for i, data := range made {
			files = append(files, &File{Path: paths[i], Data: data, key: keys[i]})
			if keep {
				b.store.Put(keys[i], data)
			}
		}
	}
	return files, nil
}

// reuseAll is the files at paths, from the last build or the page cache
// by their keys, when every one of them is there; nil otherwise.
func (b *build) reuseAll(paths []string, keys []cache.Key) []*File {
	files := make([]*File, len(paths))
	for i, path := range paths {
		data, _ := b.reuse(path, keys[i], nil)
		if data == nil {
			return nil
		}
		files[i] = &File{Path: path, Data: data, key: keys[i], Reused: true}
	}
	return files
}

// jsonFeed writes a language's JSON Feed (version 1.1), for sites whose
// readers subscribed to one (feeds.json in blog.yaml).
func (b *build) jsonFeed(l config.Language, posts []*Post) ([]byte, error) {
	type author struct {
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	type item struct {
		ID            string   `json:"id"`
		URL           string   `json:"url"`
		Title         string   `json:"title"`
		ContentHTML   string   `json:"content_html"`
		Summary       string   `json:"summary,omitempty"`
		DatePublished string   `json:"date_published"`
		Tags          []string `json:"tags,omitempty"`
		Authors       []author `json:"authors,omitempty"`
		Language      string   `json:"language,omitempty"`
	}
	feed := struct {
		Version     string `json:"version"`
		Title       string `json:"title"`
		HomePageURL string `json:"home_page_url"`
		FeedURL     string `json:"feed_url"`
		Description string `json:"description,omitempty"`
		Language    string `json:"language"`
		Items       []item `json:"items"`
	}{Version: "https://jsonfeed.org/version/1.1", Title: l.Title, HomePageURL: absURL(b.cfg, homePath(b.cfg, l.Code, 1)),
		FeedURL: absURL(b.cfg, langPath(b.cfg, l.Code, "/feed.json")), Description: l.Description, Language: l.Code, Items: []item{}}
	for _, p := range posts {
		link := absURL(b.cfg, p.Path)
		html, err := p.Content()
		if err != nil {
			return nil, err
		}
		it := item{ID: link, URL: link, Title: p.Title, ContentHTML: absoluteURLs(string(diagram.FeedHTML([]byte(html))), link),
			Summary: absoluteURLs(string(p.Summary), link), DatePublished: p.Date.Format(time.RFC3339)}
		if p.Lang != l.Code {
			it.Language = p.Lang
		}
		for _, t := range p.Tags {
			it.Tags = append(it.Tags, t.Name)
		}
		for _, a := range p.Authors {
			it.Authors = append(it.Authors, author{Name: a.Name, URL: a.URL})
		}
		feed.Items = append(feed.Items, it)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(feed); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// makeFeeds writes the RSS and Atom feeds of one language.
func (b *build) makeFeeds(l config.Language, posts []*Post) (rssData, atomData []byte, err error) {
	home := absURL(b.cfg, homePath(b.cfg, l.Code, 1))
	rssPath, atomPath := langPath(b.cfg, l.Code, "/rss.xml"), langPath(b.cfg, l.Code, "/atom.xml")

	ch := rssChannel{Title: l.Title, Link: home, Description: l.Description, Language: l.Code, Generator: generator,
		Self: atomLink{Href: absURL(b.cfg, rssPath), Rel: "self", Type: "application/rss+xml"}}
	feed := atomFeed{Lang: l.Code, Title: l.Title, ID: home, Gen: generator,
		Links: []atomLink{{Href: absURL(b.cfg, atomPath), Rel: "self", Type: "application/atom+xml"}, {Href: home, Rel: "alternate", Type: "text/html"}}}
	if len(posts) > 0 {
		// The newest item shown, not the time of the build: the same input
		// gives the same feed.
		ch.LastBuildDate = posts[0].Date.Format(time.RFC1123Z)
		feed.Updated = posts[0].Date.Format(time.RFC3339)
	} else {
		feed.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339)
	}
	for _, p := range posts {
		link := absURL(b.cfg, p.Path)
		html, err := p.Content()
		if err != nil {
			return nil, nil, err
		}
		body := absoluteURLs(string(diagram.FeedHTML([]byte(html))), link)
		summary := absoluteURLs(string(p.Summary), link)
		item := rssItem{Title: p.Title, Link: link, GUID: rssGUID{IsPermaLink: "true", Value: link},
			PubDate: p.Date.Format(time.RFC1123Z), Description: summary, Content: cdata{Value: xmlChars(body)}}
		entry := atomEntry{Title: p.Title, ID: link, Link: atomLink{Href: link, Rel: "alternate", Type: "text/html"},
			Published: p.Date.Format(time.RFC3339), Updated: p.Date.Format(time.RFC3339),
			Summary: atomText{Type: "html", Value: summary}, Content: atomText{Type: "html", Value: body}}
		for _, t := range p.Tags {
			item.Categories = append(item.Categories, t.Name)
			entry.Categories = append(entry.Categories, atomCategory{Term: t.Name})
		}
		for _, a := range p.Authors {
			entry.Authors = append(entry.Authors, atomAuthor{Name: a.Name, URI: a.URL})
		}
		if len(entry.Authors) == 0 {
			entry.Authors = []atomAuthor{{Name: l.Title}}
		}
		ch.Items = append(ch.Items, item)
		feed.Entries = append(feed.Entries, entry)
	}
	rssData, err = marshalXML(rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Content: "http://purl.org/rss/1.0/modules/content/", Channel: ch})
	if err != nil {
		return nil, nil, err
	}
	atomData, err = marshalXML(feed)
	return rssData, atomData, err
}

func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// xmlChars replaces what XML 1.0 does not allow in a document (control
// characters other than tab and line ends, U+FFFE, U+FFFF) with U+FFFD:
// encoding/xml does so for text and attributes but not inside CDATA,
// where it only splits "]]>".
func xmlChars(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return '\uFFFD'
	}, s)
}

// absoluteURLs resolves every href and src in an HTML fragment against
// base, for feed readers that show content away from the site.
func absoluteURLs(fragment, base string) string {
	baseURL, err := url.Parse(base)
	if err != nil || !strings.ContainsAny(fragment, "=") {
		return fragment
	}
	z := html.NewTokenizer(strings.NewReader(fragment))
	var sb strings.Builder
	sb.Grow(len(fragment) + 256)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return sb.String()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			sb.Write(z.Raw())
			continue
		}
		raw := string(z.Raw())
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			if a.Namespace == "" && a.Key == "srcset" {
				tok.Attr[i].Val = absoluteSrcset(baseURL, a.Val)
				changed = changed || tok.Attr[i].Val != a.Val
				continue
			}
			if a.Namespace != "" || a.Key != "href" && a.Key != "src" {
				continue
			}
			u, err := url.Parse(a.Val)
			if err != nil || u.IsAbs() || strings.HasPrefix(a.Val, "//") {
				continue
			}
			tok.Attr[i].Val = baseURL.ResolveReference(u).String()
			changed = true
		}
		if changed {
			sb.WriteString(tok.String())
		} else {
			sb.WriteString(raw)
		}
	}
}

// absoluteSrcset resolves each URL of a srcset against base, keeping its
// width or density.
func absoluteSrcset(base *url.URL, set string) string {
	cands := strings.Split(set, ",")
	for i, c := range cands {
		fields := strings.Fields(c)
		if len(fields) == 0 {
			continue
		}
		u, err := url.Parse(fields[0])
		if err != nil || u.IsAbs() || strings.HasPrefix(fields[0], "//") {
			continue
		}
		fields[0] = base.ResolveReference(u).String()
		cands[i] = strings.Join(fields, " ")
	}
	return strings.Join(cands, ", ")
}
