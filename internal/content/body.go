package content

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"html/template"
	"slices"
	"sync"
	"unsafe"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/images"
	"blog/internal/markdown"
	"blog/internal/problem"
	"blog/internal/sitepath"
)

// Body is a post's rendered body: its HTML and its plain text, held in
// memory or, with a body cache, read from there each time.
type Body struct {
	key  cache.Key  // of what it was rendered from: language and Markdown
	blob cache.Blob // the cache entry, when cached
	// Without a cache:
	html template.HTML
	text string
	// Where the text and HTML are in the entry, when cached.
	textAt, textLen, htmlAt int
	cached                  bool
	// again renders the body again from its file, for an entry that was
	// found (not read) and then could not be read; nil when there is
	// none to fall back on.
	again *rerender
}

// Key is a hash of what the body was rendered from (its language and its
// Markdown): two bodies with one Key, rendered by one build of blog with
// one Markdown setup, are the same.
func (b Body) Key() cache.Key { return b.key }

// HTML is the rendered body.
func (b Body) HTML() (template.HTML, error) {
	if !b.cached {
		return b.html, nil
	}
	data, err := b.HTMLBytes()
	return template.HTML(data), err
}

// HTMLBytes is HTML as bytes, without a copy: they may be the cache's
// own or the Body's, and must not be changed.
func (b Body) HTMLBytes() ([]byte, error) {
	if !b.cached {
		return unsafe.Slice(unsafe.StringData(string(b.html)), len(b.html)), nil
	}
	data, err := b.blob.Read(b.htmlAt, b.blob.Len()-b.htmlAt)
	if err != nil {
		if b.again == nil {
			return nil, err
		}
		html, _, aerr := b.again.get(err)
		return []byte(html), aerr
	}
	return data, nil
}

// Text is the body as plain text (markdown.Result.Text), for search; ""
// without Loader.Text, when it is not kept.
func (b Body) Text() (string, error) {
	if !b.cached {
		return b.text, nil
	}
	data, err := b.TextInto(nil)
	return string(data), err
}

// TextInto is Text as bytes read into scratch (cache.Blob.ReadInto),
// for a caller done with them before it uses scratch again. The bytes
// may be the cache's own or the Body's: they must not be changed.
func (b Body) TextInto(scratch *[]byte) ([]byte, error) {
	if !b.cached {
		return unsafe.Slice(unsafe.StringData(b.text), len(b.text)), nil
	}
	data, err := b.blob.ReadInto(b.textAt, b.textLen, scratch)
	if err != nil && b.again != nil {
		_, text, aerr := b.again.get(err)
		return []byte(text), aerr
	}
	return data, err
}

// rerender renders a body again from its file, once, when its cache
// entry turns out damaged or gone after the build found it: a damaged
// cache costs work, never the build. The file must still hold the
// Markdown the entry was made from (the body's key); an edit since is
// an error, which the next build does not have.
type rerender struct {
	once       sync.Once
	do         func() (html, text string, err error)
	html, text string
	err        error
}

func (r *rerender) get(cause error) (html, text string, err error) {
	r.once.Do(func() { r.html, r.text, r.err = r.do() })
	if r.err != nil {
		return "", "", fmt.Errorf("%w; rendering the post again: %v", cause, r.err)
	}
	return r.html, r.text, nil
}

// parseOptions are what a Loader asks of parseFile besides the post.
type parseOptions struct {
	keepSource bool         // keep Post.Source and find Post.NotNFCLine
	keepText   bool         // keep Body.Text without a cache
	store      *cache.Store // the body cache, or nil
	kind       string       // KindPost, KindPage or KindDoc
	links      markdown.LinkMode
	// retryMermaid keeps a body with a diagram left undrawn out of store.
	retryMermaid bool
	// reread reads the file again, for a body whose cache entry was found
	// but cannot be read when it is needed (Body.again); nil for none.
	reread func() ([]byte, error)
}

// parseFile parses and renders one post file. It returns the post even
// when some of its header is wrong, so a run can report every problem; it
// returns nil when nothing useful could be read.
func parseFile(file, lang string, data []byte, cfg *config.Config, md *markdown.Renderer, opts parseOptions) (*Post, problem.List) {
	var (
		meta     *Meta
		legacy   bool
		body     []byte // nil when the header came from a memo
		bodyLine int
		errs     problem.List
		key      cache.Key
	)
	useMemo := memoUsable(opts, cfg.Location)
	var mkey cache.Key
	var hit *memo
	if useMemo {
		mkey = memoKey(file, lang, opts, cfg.Location, data)
		if b, ok := opts.store.Lookup(mkey); ok {
			if hit = decodeMemo(b, cfg.Location); hit != nil {
				meta, legacy, bodyLine, key = hit.meta, hit.legacy, hit.bodyLine, hit.bodyKey
			}
		}
	}
	headerOK := hit != nil // a header read without problems, which a memo may keep
	if meta == nil {
		meta, legacy, body, bodyLine, errs = readHeaderOf(file, data, cfg.Location, opts.kind == KindPost)
		if meta == nil {
			return nil, errs
		}
		key = cache.MakeKey([]byte(lang), []byte{byte(opts.links)}, body)
		headerOK = len(errs) == 0
	}
	p := &Post{
		File:        NFC(file),
		Lang:        lang,
		Kind:        opts.kind,
		Cover:       meta.Cover,
		Order:       meta.Order,
		HasOrder:    meta.HasOrder,
		Label:       meta.Label,
		Legacy:      legacy,
		ID:          meta.ID,
		Slug:        meta.Slug,
		Title:       meta.Title,
		Date:        meta.Date,
		Images:      meta.Images,
		Image:       meta.Image,
		Description: meta.Description,
		Draft:       meta.Draft,
		Featured:    meta.Featured,
		Aliases:     meta.Aliases,
		Params:      meta.Params,
		meta:        meta,
		rawHash:     hashBytes(data),
		rawLen:      len(data),
		bodyLine:    bodyLine,
	}
	if opts.keepSource {
		p.source, p.notNFC = body, notNFCLine(data)
	}
	errs = append(errs, p.cleanPaths()...)
	seen := map[string]bool{}
	for _, t := range meta.Tags {
		slug := TagSlug(t)
		if slug == "" {
			errs = append(errs, problem.At(file, p.Line("tags"), "tag %q has no letters or digits", t))
			continue
		}
		if err := sitepath.Segment(slug); err != nil {
			errs = append(errs, problem.At(file, p.Line("tags"), "tag %q: its address %q %v", t, slug, err))
			continue
		}
		if !seen[slug] {
			seen[slug] = true
			p.Tags = append(p.Tags, Tag{Name: t, Slug: slug})
		}
	}

	var r *rendered
	if hit != nil && hit.rendered != nil {
		// The memo has what the body gives besides its HTML and text: the
		// entry need not be read unless a page needs those.
		if blob, ok := opts.store.Peek(key); ok && blob.Len() == hit.entryLen {
			r = hit.rendered
			p.Body = Body{key: key, blob: blob, cached: true, textAt: r.textAt, textLen: r.textLen, htmlAt: r.htmlAt, again: again(file, lang, key, cfg, md, opts)}
		}
	}
	if r == nil && opts.store != nil {
		if blob, entry, ok := opts.store.GetBlob(key); ok {
			r = readRendered(entry)
			if r != nil {
				p.Body = Body{key: key, blob: blob, cached: true, textAt: r.textAt, textLen: r.textLen, htmlAt: r.htmlAt}
			}
		}
	}
	if r == nil && body == nil {
		// The header came from a memo, the body is not in the cache:
		// read the file as if there were no memo.
		_, _, body, _, _ = readHeaderOf(file, data, cfg.Location, opts.kind == KindPost)
	}
	if r == nil {
		res, err := md.RenderDoc(body, lang, opts.links)
		if err != nil {
			errs = append(errs, problem.At(file, bodyLine, "markdown: %v", err))
			return p, errs
		}
		r = renderedOf(res)
		if opts.store != nil && !(opts.retryMermaid && res.HasMermaid) {
			// A failed write is the cache's problem, not the post's: the
			// Loader's caller reports it when it flushes.
			buf := entryBufs.Get().(*[]byte)
			*buf = r.appendEntry((*buf)[:0], res.Text, res.HTML)
			p.Body = Body{key: key, blob: opts.store.PutCopy(key, *buf), cached: true, textAt: r.textAt, textLen: r.textLen, htmlAt: r.htmlAt}
			entryBufs.Put(buf)
		} else {
			p.Body = Body{key: key, html: template.HTML(res.HTML)}
			if opts.keepText {
				p.Body.text = res.Text
			}
		}
		res.Release() // the entry and the page's string are copies
	}
	if useMemo && headerOK && p.Body.cached && (hit == nil || hit.rendered != r) {
		m := &memo{meta: meta, legacy: legacy, bodyLine: bodyLine, bodyKey: key, rendered: r, entryLen: p.Body.blob.Len()}
		if enc, err := m.encode(cfg.Location); err == nil {
			opts.store.Put(mkey, enc)
		}
	}
	p.Headings = r.headings
	p.HasMermaid, p.HasCode = r.mermaid, r.code
	p.ImageSources = r.images
	p.ReadingTime, p.Words = r.minutes, r.words
	if p.Description != "" {
		p.Summary = template.HTML(template.HTMLEscapeString(p.Description))
	} else {
		p.Summary = template.HTML(r.summary)
	}
	return p, errs
}

// renderedOf is what a rendering gives besides the HTML and text.
func renderedOf(res *markdown.Result) *rendered {
	r := &rendered{summary: bytes.Clone(res.Summary), headings: res.Headings, mermaid: res.HasMermaid, code: bytes.Contains(res.HTML, []byte(CodeMark)), images: images.Sources(res.HTML)}
	r.minutes, r.words = readingStats(res.Text)
	return r
}

// again makes the Body.again of a body found in the cache by its key.
func again(file, lang string, key cache.Key, cfg *config.Config, md *markdown.Renderer, opts parseOptions) *rerender {
	if opts.reread == nil {
		return nil
	}
	return &rerender{do: func() (string, string, error) {
		data, err := opts.reread()
		if err != nil {
			return "", "", err
		}
		meta, _, body, _, errs := readHeaderOf(file, data, cfg.Location, opts.kind == KindPost)
		if meta == nil {
			return "", "", errs.Err()
		}
		if cache.MakeKey([]byte(lang), []byte{byte(opts.links)}, body) != key {
			return "", "", fmt.Errorf("%s changed during the build; build again", file)
		}
		res, err := md.RenderDoc(body, lang, opts.links)
		if err != nil {
			return "", "", err
		}
		opts.store.Put(key, renderedOf(res).encode(res.Text, res.HTML))
		html := string(res.HTML)
		res.Release()
		return html, res.Text, nil
	}}
}

// CodeMark is in the HTML of highlighted code, and in a body or summary
// that holds some (Post.HasCode).
const CodeMark = `class="chroma"`

// rendered is what a post's body gives besides its HTML and text, as the
// body cache keeps it.
type rendered struct {
	summary        []byte
	headings       []markdown.Heading
	mermaid        bool
	code           bool     // the HTML holds highlighted code (CodeMark)
	images         []string // the src of each <img>, images.Sources
	minutes, words int
	// Where the text and the HTML are in the cache entry.
	textAt, textLen, htmlAt int
}

// entryVersion starts every body cache entry; a change of layout changes
// it, and an entry of another layout is made again.
const entryVersion = 4

// encode lays out a cache entry: a version, the fields, the text, then
// the HTML. It notes in r where the text and the HTML are.
func (r *rendered) encode(text string, html []byte) []byte { return r.appendEntry(nil, text, html) }

// appendEntry appends the entry encode makes to dst.
func (r *rendered) appendEntry(dst []byte, text string, html []byte) []byte {
	head := r.head(len(text))
	dst = slices.Grow(dst, len(head)+len(text)+len(html))
	start := len(dst)
	dst = append(dst, head...)
	r.textAt, r.textLen = len(dst)-start, len(text)
	dst = append(dst, text...)
	r.htmlAt = len(dst) - start
	return append(dst, html...)
}

// entryBufs are the buffers entries are encoded into on their way to the
// cache, which copies them (cache.Store.PutCopy).
var entryBufs = sync.Pool{New: func() any { return new([]byte) }}

// head is the start of the entry, up to the text: the version, the
// fields and the text's length. A header memo keeps it too.
func (r *rendered) head(textLen int) []byte {
	out := []byte{entryVersion}
	out = appendBytes(out, r.summary)
	flags := byte(0)
	if r.mermaid {
		flags |= 1
	}
	if r.code {
		flags |= 2
	}
	out = append(out, flags)
	out = binary.AppendUvarint(out, uint64(r.minutes))
	out = binary.AppendUvarint(out, uint64(r.words))
	out = binary.AppendUvarint(out, uint64(len(r.headings)))
	for _, h := range r.headings {
		out = binary.AppendUvarint(out, uint64(h.Level))
		out = appendBytes(out, []byte(h.ID))
		out = appendBytes(out, []byte(h.Text))
	}
	out = binary.AppendUvarint(out, uint64(len(r.images)))
	for _, src := range r.images {
		out = appendBytes(out, []byte(src))
	}
	return binary.AppendUvarint(out, uint64(textLen))
}

func appendBytes(b, s []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// readRendered reads the fields of a cache entry; it returns nil for an
// entry it cannot read, which is then made again.
func readRendered(entry []byte) *rendered { return readRenderedOf(entry, len(entry)) }

// readRenderedOf reads the fields from m, the start of an entry of size
// bytes: the whole entry, or its head alone.
func readRenderedOf(m []byte, size int) *rendered {
	if len(m) == 0 || m[0] != entryVersion {
		return nil
	}
	start := len(m)
	m = m[1:]
	bad := false
	uv := func() int {
		v, k := binary.Uvarint(m)
		if k <= 0 || v > 1<<31 {
			bad = true
			return 0
		}
		m = m[k:]
		return int(v)
	}
	// part is the next length-prefixed bytes, in m; bs a copy of them.
	part := func() []byte {
		l := uv()
		if bad || l > len(m) {
			bad = true
			return nil
		}
		b := m[:l]
		m = m[l:]
		return b
	}
	bs := func() []byte {
		if b := part(); !bad {
			return bytes.Clone(b)
		}
		return nil
	}
	r := &rendered{summary: bs()}
	if bad || len(m) == 0 {
		return nil
	}
	r.mermaid, r.code = m[0]&1 != 0, m[0]&2 != 0
	m = m[1:]
	r.minutes, r.words = uv(), uv()
	// Held for the whole build: made at their size, each heading's ID and
	// text in one string.
	nh := uv()
	if bad || nh > len(m) {
		return nil
	}
	if nh > 0 {
		r.headings = make([]markdown.Heading, 0, nh)
	}
	for range nh {
		h := markdown.Heading{Level: uv()}
		id, text := part(), part()
		if bad {
			return nil
		}
		both := string(id) + string(text)
		h.ID, h.Text = both[:len(id)], both[len(id):]
		r.headings = append(r.headings, h)
	}
	for range uv() {
		if bad {
			return nil
		}
		r.images = append(r.images, string(part()))
	}
	n := uv()
	r.textAt, r.textLen = start-len(m), n
	r.htmlAt = r.textAt + n
	if bad || r.htmlAt > size {
		return nil
	}
	return r
}

// Content is the rendered body as HTML, for templates that print
// {{ .Post.Content }}.
func (p *Post) Content() (template.HTML, error) {
	h, err := p.Body.HTML()
	if err != nil {
		return "", fmt.Errorf("%s: %w", p.File, err)
	}
	return h, nil
}
