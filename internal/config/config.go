// Package config reads a site's blog.yaml into a typed Config.
//
// # Input and output
//
// Load takes the site folder as an fs.FS and returns a *Config with every
// default filled in, so that a site folder without blog.yaml still builds.
// Errors carry the file name and line: "blog.yaml:4: …".
//
// # Rules
//
// Unknown keys are errors: a typo in blog.yaml should not be silently ignored.
// The default language comes first in Languages, the others follow in the
// order blog.yaml lists them. The base URL always ends with a slash.
package config

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"blog/internal/problem"
	"blog/internal/sitepath"
)

// FileName is the name of the config file at the root of a site.
const FileName = "blog.yaml"

// Config is a site's configuration after defaults are applied.
type Config struct {
	// Title is the site title, used where a language sets none.
	Title string `yaml:"title"`
	// Description is the site description, used where a language sets none.
	Description string `yaml:"description"`
	// BaseURL is the absolute URL the site is published at, ending in "/".
	BaseURL string `yaml:"baseURL"`
	// DefaultLanguage is the language served at the root of the site.
	DefaultLanguage string `yaml:"defaultLanguage"`
	// Languages lists every language of the site, the default one first.
	Languages []Language `yaml:"-"`
	// Permalink is the URL pattern of a post (":year", ":month", ":day",
	// ":slug", ":id"), relative to its language's root.
	Permalink string `yaml:"permalink"`
	// Paginate is the number of posts on one page of the home list.
	Paginate int `yaml:"paginate"`
	// TimeZone names the zone (IANA) of dates written without an offset.
	TimeZone string `yaml:"timeZone"`
	// Location is TimeZone loaded.
	Location *time.Location `yaml:"-"`
	// Theme names the theme: "default" is built in, any other name is read
	// from themes/<name>/ in the site.
	Theme string `yaml:"theme"`
	// ShowUntranslated lists a post in every language's lists, not only in
	// its own, when it has no translation.
	ShowUntranslated bool `yaml:"showUntranslated"`
	// Markdown holds the Markdown switches.
	Markdown Markdown `yaml:"markdown"`
	// Feeds configures the RSS and Atom feeds.
	Feeds Feeds `yaml:"feeds"`
	// Comments configures comments under posts; off by default.
	Comments Comments `yaml:"comments"`
	// CNAME is the custom domain of a GitHub Pages site, written to the
	// CNAME file; empty for none.
	CNAME string `yaml:"cname"`
	// Params holds free values for templates.
	Params map[string]any `yaml:"params"`
	// Menu lists what the header links besides the home, tags and
	// archive: pages, doc sections, addresses.
	Menu []MenuItem `yaml:"menu"`
	// Search holds the search settings: synonyms a query treats as one
	// word.
	Search Search `yaml:"search"`

	rawLanguages yaml.Node
	lines        map[string]int // of each top-level key of blog.yaml
	raw          []byte         // blog.yaml as read
}

// at is the line of a top-level key of blog.yaml, or 0.
func (c *Config) at(key string) int { return c.lines[key] }

// Language is one language of the site.
type Language struct {
	// Code is the language code ("ko", "en") used in file names and URLs.
	Code string `yaml:"-"`
	// Title is the site title in this language.
	Title string `yaml:"title"`
	// Description is the site description in this language.
	Description string `yaml:"description"`
	// Locale is the locale for Open Graph, "ko_KR" or "en_US".
	Locale string `yaml:"locale"`
}

// Markdown holds the Markdown switches of a site.
type Markdown struct {
	// Unsafe lets raw HTML in posts through. Authors are trusted by default.
	Unsafe *bool `yaml:"unsafe"`
}

// Feeds configures the RSS and Atom feeds of each language.
type Feeds struct {
	// Limit is the number of newest posts in a feed; 0 means 20.
	Limit int `yaml:"limit"`
	// FeaturedOnly lists only posts with featured: true.
	FeaturedOnly bool `yaml:"featuredOnly"`
	// JSON adds a JSON Feed (jsonfeed.org, version 1.1) at
	// <lang>/feed.json, the same posts as the others.
	JSON bool `yaml:"json"`
}

// Comments configures comments under posts.
type Comments struct {
	// Giscus turns on giscus (GitHub Discussions) comments when set.
	Giscus *Giscus `yaml:"giscus"`
}

// Giscus holds the values the giscus configurator gives for a repository.
type Giscus struct {
	Repo       string `yaml:"repo"`
	RepoID     string `yaml:"repoId"`
	Category   string `yaml:"category"`
	CategoryID string `yaml:"categoryId"`
	// Mapping says how a post finds its discussion: pathname (default),
	// url, title or og:title.
	Mapping string `yaml:"mapping"`
}

// MenuItem is one link of the header. It names one of a page (its path
// under content/pages: "about"), a doc section ("kube") or an address of
// the site ("/tags/"), each in the reader's language; Label is its text,
// one for all languages or one per language ({ko: 소개, en: About}).
type MenuItem struct {
	Page    string `yaml:"page"`
	Section string `yaml:"section"`
	URL     string `yaml:"url"`
	Label   Labels `yaml:"label"`
}

// Labels is a text per language code; "" holds the text for every
// language.
type Labels map[string]string

// UnmarshalYAML reads one text, or a map of language code to text.
func (l *Labels) UnmarshalYAML(n *yaml.Node) error {
	*l = Labels{}
	if n.Kind == yaml.ScalarNode {
		(*l)[""] = n.Value
		return nil
	}
	m := map[string]string{}
	if err := n.Decode(&m); err != nil {
		return err
	}
	for k, v := range m {
		(*l)[k] = v
	}
	return nil
}

// In is the text in lang, or the one for every language, or the default
// language's.
func (l Labels) In(lang, def string) string {
	if v, ok := l[lang]; ok {
		return v
	}
	if v, ok := l[""]; ok {
		return v
	}
	return l[def]
}

// RawHTML reports whether raw HTML in posts is passed through.
func (m Markdown) RawHTML() bool { return m.Unsafe == nil || *m.Unsafe }

// Digest sums up everything the Config was made from: the bytes of
// blog.yaml (which decide every setting and default) and the base URL as
// it stands (a flag may have set it), for keys of what the config shapes.
func (c *Config) Digest() string {
	d := sha256.New()
	fmt.Fprintf(d, "config/v1\x00%d\x00", len(c.raw))
	d.Write(c.raw)
	fmt.Fprintf(d, "\x00%s", c.BaseURL)
	return fmt.Sprintf("%x", d.Sum(nil))
}

// errorAt is a problem in blog.yaml at a line (0: the file as a whole).
func errorAt(line int, format string, args ...any) *problem.Error {
	return problem.At(FileName, line, format, args...)
}

// Default returns the configuration of a site without blog.yaml.
func Default() *Config {
	c := &Config{}
	if err := c.finish(); err != nil {
		panic(err) // the defaults are valid by construction
	}
	return c
}

// Load reads blog.yaml from the root of site. A missing file gives the
// defaults.
func Load(site fs.FS) (*Config, error) {
	data, err := fs.ReadFile(site, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return nil, err
	}
	return parse(data)
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// Parse reads the contents of a blog.yaml, as Load does.
func Parse(data []byte) (*Config, error) { return parse(data) }

// parse reads the contents of a blog.yaml.
func parse(data []byte) (*Config, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	c := &Config{}
	type plain struct {
		Config    `yaml:",inline"`
		Languages yaml.Node `yaml:"languages"`
	}
	var p plain
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(err, data)
	}
	*c = p.Config
	c.raw = bytes.Clone(data)
	c.rawLanguages = p.Languages
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) == nil && len(doc.Content) > 0 && doc.Content[0].Kind == yaml.MappingNode {
		c.lines = map[string]int{}
		m := doc.Content[0].Content
		for i := 0; i+1 < len(m); i += 2 {
			c.lines[m[i].Value] = m[i].Line
		}
	}
	if err := c.finish(); err != nil {
		return nil, err
	}
	return c, nil
}

// SyntaxErrorLine finds the line (1-based) where YAML src stops parsing:
// the last line of the shortest prefix that fails. yaml.v3's own line
// numbers are sometimes 0-based and sometimes point at where the enclosing
// list began, so messages use this instead. It returns 0 when src parses.
func SyntaxErrorLine(src []byte) int {
	lines := bytes.SplitAfter(src, []byte("\n"))
	var n yaml.Node
	for k := 1; k <= len(lines); k++ {
		if err := yaml.Unmarshal(bytes.Join(lines[:k], nil), &n); err != nil {
			return k
		}
	}
	return 0
}

func yamlError(err error, src []byte) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n")
	var first *problem.Error
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(l)
		if m := yamlLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			if strings.HasPrefix(msg, "yaml: line") {
				if k := SyntaxErrorLine(src); k > 0 {
					n = k
				}
			}
			if first == nil {
				first = errorAt(n, "%s", m[2])
			}
		}
	}
	if first != nil {
		return first
	}
	return errorAt(0, "%s", strings.TrimPrefix(msg, "yaml: "))
}

func (c *Config) finish() error {
	if c.Title == "" {
		c.Title = "blog"
	}
	if c.DefaultLanguage == "" {
		c.DefaultLanguage = "ko"
	}
	if c.Permalink == "" {
		c.Permalink = "/posts/:slug/"
	}
	if !strings.HasPrefix(c.Permalink, "/") {
		c.Permalink = "/" + c.Permalink
	}
	if !strings.HasSuffix(c.Permalink, "/") {
		c.Permalink += "/"
	}
	if !strings.Contains(c.Permalink, ":slug") && !strings.Contains(c.Permalink, ":id") {
		return errorAt(c.at("permalink"), "permalink %q names neither :slug nor :id, so every post would share one URL", c.Permalink)
	}
	// The pattern, with each placeholder standing for a clean name, must
	// be a clean address of the site: no "..", no "//host", no "?".
	sample := strings.NewReplacer(":year", "2024", ":month", "01", ":day", "03", ":slug", "x", ":id", "1").Replace(c.Permalink)
	if clean, err := sitepath.Addr(sample); err != nil || clean != sample {
		why := "is not a plain address"
		if err != nil {
			why = err.Error()
		}
		return errorAt(c.at("permalink"), "permalink %q %s; write a pattern like /posts/:slug/", c.Permalink, why)
	}
	if c.Paginate == 0 {
		c.Paginate = 10
	}
	if c.Paginate < 0 {
		return errorAt(c.at("paginate"), "paginate must be positive")
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	for i, m := range c.Menu {
		set := 0
		for _, v := range []string{m.Page, m.Section, m.URL} {
			if v != "" {
				set++
			}
		}
		if set != 1 || len(m.Label) == 0 {
			return errorAt(c.at("menu"), "menu item %d: give a label and one of page, section or url", i+1)
		}
		if m.URL != "" {
			a, err := sitepath.Addr(m.URL)
			if err != nil {
				return errorAt(c.at("menu"), "menu item %d: url %q %v; write an address of the site, like /tags/", i+1, m.URL, err)
			}
			c.Menu[i].URL = a
		}
		for _, v := range []string{m.Page, m.Section} {
			if v == "" {
				continue
			}
			if _, err := sitepath.Rel(v); err != nil {
				return errorAt(c.at("menu"), "menu item %d: %q %v", i+1, v, err)
			}
		}
	}
	if err := sitepath.Segment(c.Theme); err != nil || sitepath.Hidden(c.Theme) {
		return errorAt(c.at("theme"), "theme %q must be the name of a folder in themes/ (or default)", c.Theme)
	}
	if c.Feeds.Limit == 0 {
		c.Feeds.Limit = 20
	}
	if c.Feeds.Limit < 0 {
		return errorAt(c.at("feeds"), "feeds.limit must be positive")
	}
	if g := c.Comments.Giscus; g != nil {
		if g.Repo == "" || g.RepoID == "" || g.CategoryID == "" {
			return errorAt(c.at("comments"), "comments.giscus needs repo, repoId and categoryId (from giscus.app)")
		}
		if g.Mapping == "" {
			g.Mapping = "pathname"
		}
	}
	if err := c.checkSearch(); err != nil {
		return err
	}
	if c.TimeZone == "" {
		c.TimeZone = "Asia/Seoul"
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return errorAt(c.at("timeZone"), "timeZone: %v", err)
	}
	c.Location = loc
	if err := c.setBaseURL(c.BaseURL); err != nil {
		return err
	}
	return c.readLanguages()
}

// SetBaseURL replaces the base URL, as --baseURL does.
func (c *Config) SetBaseURL(s string) error {
	lines := c.lines
	c.lines = nil // a problem is the flag's, not a line of blog.yaml
	defer func() { c.lines = lines }()
	return c.setBaseURL(s)
}

func (c *Config) setBaseURL(s string) error {
	if s == "" {
		s = "/"
	}
	u, err := url.Parse(s)
	if err != nil {
		return errorAt(c.at("baseURL"), "baseURL: %v", err)
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return errorAt(c.at("baseURL"), "baseURL %q: scheme must be http or https", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	c.BaseURL = u.String()
	return nil
}

// BasePath is the path part of the base URL, escaped: "/" or "/blog/".
func (c *Config) BasePath() string {
	u, _ := url.Parse(c.BaseURL)
	return u.EscapedPath()
}

// maxLanguages bounds a site's languages: every page of every language
// names all of them (the switcher, hreflang), so a site's size grows with
// their square.
const maxLanguages = 24

var defaultLanguages = map[string]Language{
	"ko": {Code: "ko", Locale: "ko_KR"},
	"en": {Code: "en", Locale: "en_US"},
}

func (c *Config) readLanguages() error {
	c.Languages = nil
	n := &c.rawLanguages
	if n.Kind == 0 {
		for _, code := range []string{"ko", "en"} {
			c.Languages = append(c.Languages, defaultLanguages[code])
		}
	} else {
		if n.Kind != yaml.MappingNode {
			return errorAt(n.Line, "languages: want a mapping of language code to settings")
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			l := defaultLanguages[k.Value]
			if v.Kind != yaml.ScalarNode || v.Tag != "!!null" {
				if err := v.Decode(&l); err != nil {
					return yamlError(err, nil)
				}
			}
			l.Code = k.Value
			if !validLang(l.Code) {
				return errorAt(k.Line, "languages: %q is not a language code", l.Code)
			}
			c.Languages = append(c.Languages, l)
		}
	}
	if len(c.Languages) > maxLanguages {
		return errorAt(c.rawLanguages.Line, "languages: %d languages; a site has at most %d (every page links to each of them)", len(c.Languages), maxLanguages)
	}
	found := -1
	for i, l := range c.Languages {
		if l.Code == c.DefaultLanguage {
			found = i
		}
	}
	if found < 0 {
		return errorAt(c.at("defaultLanguage"), "defaultLanguage %q is not among languages", c.DefaultLanguage)
	}
	def := c.Languages[found]
	c.Languages = append(c.Languages[:found:found], c.Languages[found+1:]...)
	c.Languages = append([]Language{def}, c.Languages...)
	for i := range c.Languages {
		l := &c.Languages[i]
		if l.Title == "" {
			l.Title = c.Title
		}
		if l.Description == "" {
			l.Description = c.Description
		}
		if l.Locale == "" {
			l.Locale = l.Code
		}
	}
	return nil
}

func validLang(s string) bool {
	if len(s) < 2 || len(s) > 12 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '-' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Language returns the language with the code, and whether the site has it.
func (c *Config) Language(code string) (Language, bool) {
	for _, l := range c.Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// PostPath expands the post URL pattern (Permalink) for a post in lang
// with a slug, an id (the slug stands in for a missing one) and a date,
// whose day is the day in the date's own offset.
func (c *Config) PostPath(lang, slug, id string, date time.Time) string {
	pattern := c.Permalink
	if pattern == "/posts/:slug/" { // the default, and by far the most common
		return c.LangPrefix(lang) + "/posts/" + slug + "/"
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
		switch {
		case strings.HasPrefix(pattern, ":year"):
			fmt.Fprintf(&sb, "%04d", date.Year())
			pattern = pattern[len(":year"):]
		case strings.HasPrefix(pattern, ":month"):
			fmt.Fprintf(&sb, "%02d", int(date.Month()))
			pattern = pattern[len(":month"):]
		case strings.HasPrefix(pattern, ":day"):
			fmt.Fprintf(&sb, "%02d", date.Day())
			pattern = pattern[len(":day"):]
		case strings.HasPrefix(pattern, ":slug"):
			sb.WriteString(slug)
			pattern = pattern[len(":slug"):]
		case strings.HasPrefix(pattern, ":id"):
			if id == "" {
				id = slug
			}
			sb.WriteString(id)
			pattern = pattern[len(":id"):]
		default:
			sb.WriteByte(':')
			pattern = pattern[1:]
		}
	}
	return c.LangPrefix(lang) + sb.String()
}

// LangPrefix is the URL prefix of a language: "" for the default, "/en"
// for the others.
func (c *Config) LangPrefix(code string) string {
	if code == c.DefaultLanguage {
		return ""
	}
	return "/" + code
}
