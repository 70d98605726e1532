// Package importer moves an existing blog into a site's content/ folder:
// a Docusaurus blog (Docusaurus) or a folder of posts with the legacy
// bracket header (Legacy).
//
// # Input and output
//
// An import reads the old blog through an fs.FS and the site through
// another, and returns a Plan: every file to write, by path in the site,
// with its bytes, and the notes a person should look at. It writes
// nothing; the blog command writes the plan (or, with --dry-run, shows
// it).
//
// # Rules
//
//   - Each post becomes a bundle, content/posts/<name>/index.<lang>.md,
//     with YAML front matter; its images are copied beside it.
//   - Every post gets an id, which joins it with its translations: the id
//     it had (legacy), the id its bundle already has in the site (so a
//     second import writes the same files), or the next free one.
//   - Every old address of a post becomes an alias of it; the old
//     addresses of tag pages go to content/redirects.yaml.
//   - Nothing is dropped silently: what cannot be converted is kept as it
//     was (or in an HTML comment) and listed as a Note with file and line.
//   - The plan is the same for the same input: importing twice changes
//     nothing.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"blog/internal/config"
	"blog/internal/content"
)

// File is one file an import writes, by its path in the site.
type File struct {
	Path string
	Data []byte
	// Post reports a post file (as opposed to an image, authors or
	// redirects), which is never overwritten without --force.
	Post bool
	// Merge reports a file the import adds entries to, keeping the entries
	// it already has (authors.yaml, redirects.yaml).
	Merge bool
}

// Note is something an import could not convert, or changed in a way a
// person should check.
type Note struct {
	File string // in the old blog
	Line int
	Msg  string
}

func (n Note) String() string {
	if n.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", n.File, n.Line, n.Msg)
	}
	return fmt.Sprintf("%s: %s", n.File, n.Msg)
}

// Plan is what an import would write.
type Plan struct {
	Files []*File
	Notes []Note
	// Info lists decisions worth telling (an id given to a post that had
	// none).
	Info []string
	// Posts is the number of post files imported, translations counted.
	Posts int
	// Addresses are the old site's addresses and where each answers on
	// the new one (Docusaurus).
	Addresses []Address

	byPath map[string]*File
}

func (p *Plan) note(file string, line int, format string, args ...any) {
	p.Notes = append(p.Notes, Note{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// add puts a file in the plan, replacing one at the same path.
func (p *Plan) add(f *File) {
	if old := p.has(f.Path); old != nil {
		old.Data = f.Data
		return
	}
	if p.byPath == nil {
		p.byPath = map[string]*File{}
	}
	p.byPath[f.Path] = f
	p.Files = append(p.Files, f)
}

// has returns the planned file at a path, or nil.
func (p *Plan) has(filePath string) *File { return p.byPath[filePath] }

// sortFiles orders the plan's files by path, for stable output.
func (p *Plan) sortFiles() {
	slices.SortFunc(p.Files, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
}

// frontMatter is a post's header as the import writes it, in this order.
type frontMatter struct {
	ID          any            `yaml:"id,omitempty"` // a number when it is one: id: 48
	Title       string         `yaml:"title"`
	Date        string         `yaml:"date"`
	Tags        []string       `yaml:"tags,omitempty,flow"`
	Authors     []string       `yaml:"authors,omitempty,flow"`
	Description string         `yaml:"description,omitempty"`
	Image       string         `yaml:"image,omitempty"`
	Images      []string       `yaml:"images,omitempty,flow"`
	Slug        string         `yaml:"slug,omitempty"`
	Draft       bool           `yaml:"draft,omitempty"`
	Aliases     []string       `yaml:"aliases,omitempty"`
	Extra       map[string]any `yaml:",inline"`
}

// postFile writes front matter and body as a post file.
func postFile(fm *frontMatter, body []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	buf.WriteString("---\n\n")
	buf.Write(bytes.TrimLeft(body, "\n"))
	if !bytes.HasSuffix(buf.Bytes(), []byte("\n")) {
		buf.WriteByte('\n')
	}
	return buf.Bytes(), nil
}

// idValue is an id as front matter writes it: a number when it is one.
func idValue(id string) any {
	if n, err := strconv.Atoi(id); err == nil && strconv.Itoa(n) == id {
		return n
	}
	return id
}

// formatDate writes a date as front matter reads it back: the day alone at
// midnight, else with time and offset.
func formatDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05 -0700")
}

// ids hands out post ids: the ones bundles already have in the site, and
// the next free number for the rest.
type ids struct {
	used   map[string]bool
	byFile map[string]string // site file → its id
	next   int
}

func newIDs(site fs.FS, cfg *config.Config) (*ids, error) {
	headers, err := content.Headers(site, cfg)
	if err != nil {
		return nil, err
	}
	ix := &ids{used: map[string]bool{}, byFile: map[string]string{}, next: 1}
	for _, h := range headers {
		if h.ID == "" {
			continue
		}
		ix.used[h.ID] = true
		ix.byFile[h.File] = h.ID
		if n, err := strconv.Atoi(h.ID); err == nil && n >= ix.next {
			ix.next = n + 1
		}
	}
	return ix, nil
}

// existing returns the id of the first of files that the site has.
func (ix *ids) existing(files ...string) string {
	for _, f := range files {
		if id := ix.byFile[f]; id != "" {
			return id
		}
	}
	return ""
}

// take claims an id from the old blog; it reports false when another post
// of the site has it already.
func (ix *ids) take(id string, files ...string) bool {
	if ix.used[id] && ix.existing(files...) != id {
		return false
	}
	ix.used[id] = true
	if n, err := strconv.Atoi(id); err == nil && n >= ix.next {
		ix.next = n + 1
	}
	return true
}

// fresh returns the next free id.
func (ix *ids) fresh() string {
	for ix.used[strconv.Itoa(ix.next)] {
		ix.next++
	}
	id := strconv.Itoa(ix.next)
	ix.used[id] = true
	ix.next++
	return id
}

// bundleFile is the path of a post's file in its bundle.
func bundleFile(name, lang string) string {
	return path.Join(content.PostsDir, name, "index."+lang+".md")
}

// bundleName makes a folder name from a slug or file name, as a site
// makes a slug of a post file's name (content.NameSlug), so the post has
// the address it would have had dropped in as it was.
func bundleName(s string) string {
	name := content.NameSlug(s)
	if name == "" {
		name = "post"
	}
	return name
}

// mergeYAMLMap returns the YAML map file at p in the site (or header,
// when there is none) with an entry appended for each of keys it does not
// have yet, in order; added is false when nothing is new. The file's own
// text, comments included, is kept as it was.
func mergeYAMLMap(site fs.FS, p, header string, keys []string, entry func(key string) string) ([]byte, bool, error) {
	old, err := fs.ReadFile(site, p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, false, err
	}
	have := map[string]bool{}
	if len(old) > 0 {
		var m map[string]any
		if err := yaml.Unmarshal(old, &m); err != nil {
			return nil, false, fmt.Errorf("%s: %w", p, err)
		}
		for k := range m {
			have[k] = true
		}
	}
	var buf bytes.Buffer
	buf.Write(old)
	if len(old) == 0 {
		buf.WriteString(header)
	} else if !bytes.HasSuffix(old, []byte("\n")) {
		buf.WriteByte('\n')
	}
	added := false
	for _, k := range keys {
		if have[k] {
			continue
		}
		have[k] = true
		buf.WriteString(entry(k))
		added = true
	}
	return buf.Bytes(), added, nil
}

// yamlScalar quotes a string for a YAML line of its own.
func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(string(out), "\n")
}
