// Package content reads a site's content/ folder into the set of posts.
//
// # Input and output
//
// A Loader takes the site folder as an fs.FS, the site config and the
// Markdown renderer, and returns a *Set: every post parsed and rendered,
// joined with its translations. Problems come back together as a
// problem.List, one entry per problem with file and line, so one run
// reports them all. A Loader keeps the posts of its last load: a file
// whose bytes did not change is not parsed or rendered again.
//
// # Where posts are
//
// Posts live under content/posts/. A folder holding index.md, index.<lang>.md,
// index.txt or index.<lang>.txt is a bundle: its name is the post's slug and
// every other file in it (images, data) belongs to the post. Elsewhere under
// posts/, each <name>.md, <name>.<lang>.md or <name>.txt is a post whose slug
// is <name>. A file without a language suffix is in the default language; a
// suffix that is not a language of the site is an error. Folders and files
// whose names start with "." or "_" are skipped. Symbolic links that stay
// in the site are followed; others are refused by name (package sitepath).
//
// # Headers
//
// A post starts with YAML front matter between --- lines, or with the legacy
// bracket header ("[ID: 48]", "[Tags: …]", "[Title: …]", "[WriteTime: …]",
// "[ImageNames: …]", one per line, maybe indented, any missing). Every key,
// known or not, is kept in Post.Params for templates. A legacy body's opening
// "## Content" heading is the old system's marker and is dropped. Paths a
// header names (images, image, aliases, slug) follow the site's path rule.
//
// # Text rules
//
// Files must be UTF-8; a byte order mark and CRLF line endings are accepted.
// Names, tags, paths and text are normalized to NFC, so a file saved on macOS
// (NFD) gives the same URLs as one saved elsewhere. Characters no HTML or
// XML document may hold (controls other than tab and newline, U+FFFE,
// U+FFFF) become U+FFFD.
//
// # Bodies
//
// A body is rendered once per content: with a cache (Loader.Cache), what
// rendering gives (HTML, plain text, summary, headings, counts) is kept by a
// hash of the language and the Markdown, and read back from there rather
// than held in memory (Body).
//
// # Joining
//
// Posts with the same id (or, without an id, the same bundle or file name)
// in different languages are translations of each other. Two posts of one
// language must not share an id or a slug.
package content

import (
	"html/template"
	"time"

	"blog/internal/markdown"
	"blog/internal/problem"
)

// Post is one post in one language, parsed and rendered.
type Post struct {
	// File is the post's path in the site folder, "content/posts/x/index.ko.md".
	File string
	// Dir is the folder the post's files are relative to.
	Dir string
	// Bundle reports whether the post is a bundle folder.
	Bundle bool
	// Name is the bundle or file name without language and extension.
	Name string
	// Lang is the post's language code.
	Lang string
	// Kind is KindPost, KindPage or KindDoc.
	Kind string
	// Rel is a page's or doc's path in its folder, without language and
	// extension: "about", "uses/desk", "kube/patterns/reconciler"; a
	// folder's own page (Index) has the folder's path, "kube".
	Rel   string
	Index bool
	// Section is a doc's section: the first element of Rel.
	Section string
	// Legacy reports a post with the legacy bracket header.
	Legacy bool

	ID          string
	Slug        string
	Title       string
	Date        time.Time
	Tags        []Tag
	Images      []string
	Image       string
	Description string
	Authors     []*Author
	Draft       bool
	Featured    bool
	Aliases     []string
	// ImageSources are the src of each <img> of the body, in order, as
	// images.Sources gives them.
	ImageSources []string
	// Cover is the image shown above the post, Image its social image.
	Cover  string
	Params *Params
	// Order, HasOrder and Label place a doc in its sidebar.
	Order    float64
	HasOrder bool
	Label    string

	// Resources are the bundle's other files, relative to Dir, sorted.
	Resources []string

	// Summary is the description, or the body above the summary marker, or
	// the first paragraph, as HTML.
	Summary template.HTML
	// Headings lists the body's headings.
	Headings []markdown.Heading
	// ReadingTime is the estimated reading time in minutes.
	ReadingTime int
	// Words is the number of words of the body.
	Words int
	// HasMermaid reports a mermaid diagram in the body.
	HasMermaid bool
	// HasCode reports highlighted code in the body (CodeMark).
	HasCode bool
	// Body is the rendered body.
	Body Body

	// Translations are the same post in the site's other languages, in the
	// order of their files.
	Translations []*Post

	meta     *Meta
	rawHash  uint64 // of the file's bytes
	rawLen   int
	notNFC   int    // NotNFCLine
	source   []byte // with Loader.KeepSource only
	bodyLine int
}

// Source is the post's Markdown body, as the renderer read it (NFC, LF),
// when the Loader kept it (Loader.KeepSource); nil otherwise.
func (p *Post) Source() []byte { return p.source }

// NotNFCLine is the first line of the file whose text is not in Unicode
// NFC form (as macOS may write Hangul), or 0. Such text is read as NFC.
// Like Source, it is found only when the Loader keeps the source.
func (p *Post) NotNFCLine() int { return p.notNFC }

// BodyLine is the line of the file the body starts on.
func (p *Post) BodyLine() int { return p.bodyLine }

// Key joins a post with its translations.
func (p *Post) Key() string {
	if p.ID != "" {
		return p.Kind + "id:" + p.ID
	}
	if p.Kind != KindPost {
		return p.Kind + ":" + p.Rel
	}
	return "name:" + p.Name
}

// Line returns the line of a header key in the post's file, or 1.
func (p *Post) Line(key string) int {
	if p.meta != nil {
		if l, ok := p.meta.Lines[key]; ok {
			return l
		}
	}
	return 1
}

// Translation returns the post in lang, or nil.
func (p *Post) Translation(lang string) *Post {
	for _, t := range p.Translations {
		if t.Lang == lang {
			return t
		}
	}
	return nil
}

// Tag is a tag as written and its URL slug.
type Tag struct {
	Name string
	Slug string
}

// Set is every post of a site.
type Set struct {
	// Posts holds every post, newest first; ties by file name.
	Posts []*Post
	// Authors are the authors of content/authors.yaml by key.
	Authors map[string]*Author
	// Redirects are the lines of RedirectsFile.
	Redirects []Redirect
	// Pages and Docs are the site's pages and docs, by file name.
	Pages, Docs []*Post
	// Categories are the _category_ files of docs folders, by the
	// folder's path in content/docs ("kube/patterns").
	Categories map[string]Category
	// Assets are the files beside pages and docs, copied as they are.
	Assets []Asset
	// Warnings are problems worth a look that do not stop a build: a
	// file beside the posts that is not one, an image a legacy header
	// names that is not there.
	Warnings problem.List
}

// Lang returns the posts of one language, newest first.
func (s *Set) Lang(code string) []*Post {
	var out []*Post
	for _, p := range s.Posts {
		if p.Lang == code {
			out = append(out, p)
		}
	}
	return out
}
