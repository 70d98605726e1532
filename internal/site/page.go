package site

import (
	"html/template"
	"time"
	"unsafe"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/content"
	"blog/internal/markdown"
	"blog/internal/theme"
)

// The view types: what layouts receive. A layout gets a *Page; the card
// partial (partials/post-card.html) gets "Page", a page of the list's
// language with nothing else set, and "Post". Every field and method of
// them is a layout's to print; the page's key covers them all (key.go).

// Site is what every page of one build shares: the config, the theme and
// the languages. Layouts reach it through the page's methods. Its key is
// a hash of everything it was made from, so a page's key needs nothing
// more of it.
type Site struct {
	cfg       *config.Config
	th        *theme.Theme
	langNames map[string]string // each language's name, in itself
	search    bool              // the theme has a search page
	mermaid   string            // the Mermaid script's site path, "" without it
	key       cache.Key
	// cards are rendered cards by key, and cardPages each language's card
	// page; a card is rendered once per build for all the lists it is on.
	cards     *cardCache
	cardPages map[string]*Page
}

// Key is a hash of the config (as loaded, base URL included), the theme
// (layouts, UI strings, static files), blog's own build and the build's
// options: two Sites with one Key give the same page for the same data.
func (s *Site) Key() cache.Key { return s.key }

// Page is one page of the site.
type Page struct {
	// Kind is the layout: "home", "post", "tags", "tag", "archive",
	// "search" or "404"; "card" for the page a card partial gets.
	Kind string
	// Lang is the page's language.
	Lang string
	// Path is the page's site path, unescaped: "/en/tags/go/".
	Path string
	// Title is the page title without the site title.
	Title string
	// Post is the post a post page shows.
	Post *Post
	// Posts are the posts a list shows, in order.
	Posts []*Post
	// Prev and Next are the older and newer posts of the same language.
	Prev, Next *Post
	// Tag is the tag of a tag page.
	Tag *Tag
	// Tags are the language's tags, on the tags page.
	Tags []*Tag
	// Pager is the position of a home page among its siblings.
	Pager *Pager
	// Languages lists the language switcher's entries, one per language.
	Languages []LangLink
	// Alternates lists the pages in other languages that exist, for
	// hreflang links.
	Alternates []LangLink
	// Section, Crumbs and Updated are a doc page's sidebar, breadcrumbs
	// and the time of the last commit that changed it (zero without git).
	Section *Section
	Crumbs  []Crumb
	Updated time.Time
	// Authors are the authors, on the authors page; AuthorPage the author
	// of an author's page.
	Authors    []*AuthorPage
	AuthorPage *AuthorPage
	// Menu is blog.yaml's menu in the page's language: pages, sections
	// and addresses, Current when the page is at or under one.
	Menu []MenuLink

	site *Site
}

// MenuLink is one link of the header's menu.
type MenuLink struct {
	Label, Path string
	Current     bool
}

// Post is a post, a page or a doc as layouts see it: what its file says,
// what its body gives, and where it and its translations live on this
// site.
type Post struct {
	File, Dir, Name, Lang string
	Bundle, Legacy        bool
	// Kind is "post", "page" or "doc"; Rel a page's or doc's path in its
	// folder, Section a doc's section, Index a folder's own page.
	Kind, Rel, Section string
	Index              bool
	// Order and Label place a doc in its sidebar.
	Order    float64
	Label    string
	hasOrder bool
	// Cover is the image shown above a post; CoverWidth and CoverHeight
	// its size, 0 when it is not a file of the build that can be read;
	// CoverSrcset and CoverSizes its srcset and sizes when it has copies.
	Cover                   string
	CoverWidth, CoverHeight int
	CoverSrcset, CoverSizes string

	ID, Slug, Title string
	Date            time.Time
	Tags            []TagRef
	Images          []string
	// Image is the cover image as written: a file of the post or a URL.
	Image       string
	Description string
	Authors     []Author
	Draft       bool
	Featured    bool
	// Scheduled reports a post dated after the build, shown only with
	// drafts.
	Scheduled bool
	Aliases   []string
	Resources []string

	Summary     template.HTML
	Headings    []markdown.Heading
	ReadingTime int
	Words       int
	HasMermaid  bool

	// Path is the post's site path, "/posts/hello/".
	Path string
	// Translations are the same post's visible versions in the site's
	// other languages.
	Translations []Translation
	// Social is the image of the post's link previews, nil for none.
	Social *SocialImage

	body    content.Body
	params  *content.Params
	hasCode bool       // the body holds highlighted code (content.Post.HasCode)
	plain   string     // Summary as plain text, without a Description
	pics    []imageRef // the body's images the build has, by Src
}

// Params are every key of the post's header, known or not, with its
// value (content.Params), for layouts: .Post.Params.series.
func (p *Post) Params() map[string]any { return p.params.Map() }

// Content is the post's rendered body, each <img> with its size, copies
// and loading (images.go).
func (p *Post) Content() (template.HTML, error) {
	h, err := p.body.HTMLBytes()
	if err != nil {
		return "", err
	}
	// Neither the body's bytes nor the rewritten ones change after this:
	// the page takes them as they are, without a copy.
	out := p.rewriteImages(h)
	return template.HTML(unsafe.String(unsafe.SliceData(out), len(out))), nil
}

// TagRef is a tag of a post; Page.TagURL links it to the tag's page in
// the page's language.
type TagRef struct {
	Name, Slug string
}

// Translation is a post's version in another language.
type Translation struct {
	Lang, Title string
	Path        string
}

// Tag is a tag of one language with its posts, newest first.
type Tag struct {
	Name  string
	Slug  string
	Lang  string
	Path  string
	Posts []*Post
}

// Pager places a page in a paginated list.
type Pager struct {
	Number, Total int
	PrevPath      string
	NextPath      string
}

// LangLink is a link to the same page in a language.
type LangLink struct {
	Lang    string
	Name    string
	Path    string
	Current bool
	// Exists is false when the link falls back to another page of the
	// language: its tag index for a tag it lacks, else its home.
	Exists bool
	// Notice is true when the link goes to the language's home for want of
	// a translation of a post, a page or a doc; the link then points at
	// the home's notice that says so (#untranslated).
	Notice bool
}

// TOCEntry is one line of a table of contents.
type TOCEntry struct {
	ID       string
	Text     string
	Children []*TOCEntry
}

// Year is one year of the archive, newest posts first.
type Year struct {
	Year  int
	Posts []*Post
}
