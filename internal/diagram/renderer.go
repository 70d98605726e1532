package diagram

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"blog/internal/cache"
)

// rendererVersion names what this package does to a drawing besides
// Mermaid's own work: draw.js and clean. Changing either must change it,
// so that drawings made the old way are not used. (The looks'
// configurations are part of every key by themselves.)
const rendererVersion = "diagram-2"

// maxRestarts is how many times a browser that stopped answering is
// started again in one Renderer's life before every later diagram is left
// to the reader's browser.
const maxRestarts = 2

// Options configures a Renderer.
type Options struct {
	// Script is Mermaid's script, the theme's js/mermaid.min.js.
	Script []byte
	// Load, when Script is nil, reads the script when the first diagram
	// is drawn (megabytes that a build with every drawing cached never
	// needs); Version must then be set.
	Load func() ([]byte, error)
	// Store keeps drawings between builds. It should be opened with the
	// salt Version(Script). Nil keeps drawings in memory for one Renderer.
	Store *cache.Store
	// Browser is the path of Chromium or Chrome. Empty looks for one on
	// PATH (FindBrowser).
	Browser string
	// Version is Version(Script) when the caller has it (it hashes the
	// whole script); empty works it out.
	Version string
}

// Renderer draws diagrams. It is safe for concurrent use; diagrams are
// drawn one at a time in one browser, and a diagram in the cache is taken
// from it without waiting.
type Renderer struct {
	script  []byte
	load    func() ([]byte, error) // Options.Load, until it is called
	version string
	store   *cache.Store
	browser string
	configs map[Variant][]byte // each look's font and configuration, as JSON: part of every key

	mu       sync.Mutex // guards what follows: the browser
	sess     *session
	broken   error // why the browser cannot be used any more
	restarts int

	drawn, cached, failed atomic.Int64
}

// Version names the drawings Mermaid's script and this package make: a
// hash of the script and this package's version. A store of drawings is
// salted with it.
func Version(script []byte) string { return VersionOfSum(sha256.Sum256(script)) }

// VersionOfSum is Version of the script whose SHA-256 is sum.
func VersionOfSum(sum [sha256.Size]byte) string {
	return "mermaid-" + hex.EncodeToString(sum[:6]) + "/" + rendererVersion
}

// New returns a Renderer. It starts no browser: the first diagram missing
// from the cache does.
func New(opts Options) *Renderer {
	if opts.Version == "" {
		opts.Version = Version(opts.Script)
	}
	r := &Renderer{script: opts.Script, load: opts.Load, version: opts.Version, store: opts.Store, browser: opts.Browser, configs: map[Variant][]byte{}}
	if r.store == nil {
		r.store = cache.OpenStore(nil, r.version)
	}
	if r.browser == "" {
		r.browser = FindBrowser()
	}
	for i, l := range looksFor("") {
		b, err := json.Marshal(l)
		if err != nil {
			panic(err) // a look is made of maps, strings, numbers and booleans
		}
		r.configs[variants[i]] = b
	}
	return r
}

// Browser is the browser r draws with, "" when there is none.
func (r *Renderer) Browser() string { return r.browser }

// Warning is one line for the build's output when diagrams are left to
// the reader's browser (no browser, or one that failed), "" otherwise.
func (r *Renderer) Warning() string {
	if r.browser == "" {
		return "warning: no chromium on PATH: Mermaid diagrams are drawn in the reader's browser (js/mermaid.min.js)"
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.broken != nil {
		return "warning: " + oneLine(r.broken.Error()) + ": Mermaid diagrams not drawn yet are drawn in the reader's browser (js/mermaid.min.js)"
	}
	return ""
}

// Stats counts the diagrams of r: drawn in the browser, taken from the
// cache, and failed (a syntax error, or no browser).
type Stats struct {
	Drawn, Cached, Failed int
}

// Stats returns what r has done so far.
func (r *Renderer) Stats() Stats {
	return Stats{Drawn: int(r.drawn.Load()), Cached: int(r.cached.Load()), Failed: int(r.failed.Load())}
}

// SyntaxError is a source Mermaid could not draw, with Mermaid's message.
type SyntaxError struct {
	Message string
}

// Error is Mermaid's message on one line: its first line and, when it has
// more, its last, which says what Mermaid expected.
func (e *SyntaxError) Error() string {
	lines := strings.Split(strings.TrimSpace(e.Message), "\n")
	msg := strings.TrimSpace(lines[0])
	if last := strings.TrimSpace(lines[len(lines)-1]); len(lines) > 1 && last != "" {
		msg += " " + last
	}
	return "mermaid: " + msg
}

// Draw draws source in both variants. Its errors are ErrNoBrowser (also
// wrapped, when the browser failed), a *SyntaxError, or what the browser
// gave; in every case the caller keeps the diagram for the reader's
// browser.
func (r *Renderer) Draw(source []byte) (Figure, error) {
	if r.browser == "" {
		r.failed.Add(1)
		return Figure{}, ErrNoBrowser
	}
	keys := r.keys(source)
	if f, err, ok := r.lookup(keys); ok {
		r.cached.Add(1)
		if err != nil {
			r.failed.Add(1)
		}
		return f, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	// Another goroutine may have drawn it meanwhile.
	if f, err, ok := r.lookup(keys); ok {
		r.cached.Add(1)
		if err != nil {
			r.failed.Add(1)
		}
		return f, err
	}
	f, err := r.drawLocked(source, keys)
	if err != nil {
		r.failed.Add(1)
	} else {
		r.drawn.Add(1)
	}
	return f, err
}

// Markdown adapts r to markdown.Options.Diagram: a diagram r draws becomes
// its figure; any other gives ok=false, so the markdown keeps it for the
// reader's browser. report, if not nil, is told of every error but
// ErrNoBrowser, which Warning tells once.
func (r *Renderer) Markdown(report func(source []byte, err error)) func(source []byte) ([]byte, bool) {
	return func(source []byte) ([]byte, bool) {
		f, err := r.Draw(source)
		if err != nil {
			if report != nil && !errors.Is(err, ErrNoBrowser) {
				report(source, err)
			}
			return nil, false
		}
		return f.HTML(), true
	}
}

// Close stops the browser, if one was started.
func (r *Renderer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess != nil {
		r.sess.close()
		r.sess = nil
	}
	return nil
}

// keys are the cache keys of source's drawings, one per variant.
func (r *Renderer) keys(source []byte) map[Variant]cache.Key {
	m := make(map[Variant]cache.Key, len(variants))
	for _, v := range variants {
		m[v] = cache.MakeKey([]byte(r.version), []byte(v), r.configs[v], source)
	}
	return m
}

// lookup returns the figure cached under keys, or the error cached there;
// ok is false unless every variant is there.
func (r *Renderer) lookup(keys map[Variant]cache.Key) (Figure, error, bool) {
	var f Figure
	for _, v := range variants {
		b, ok := r.store.GetBytes(keys[v])
		if !ok {
			return Figure{}, nil, false
		}
		s, err, ok := decodeEntry(b)
		if !ok {
			return Figure{}, nil, false
		}
		if err != nil {
			return Figure{}, err, true
		}
		*f.variant(v) = s
	}
	return f, nil, true
}

func (f *Figure) variant(v Variant) *SVG {
	if v == Dark {
		return &f.Dark
	}
	return &f.Light
}

// drawLocked draws source in the browser, starting it if need be, and
// caches what it gives: drawings, or Mermaid's error. r.mu is held.
func (r *Renderer) drawLocked(source []byte, keys map[Variant]cache.Key) (Figure, error) {
	if r.broken != nil {
		return Figure{}, r.broken
	}
	if r.script == nil && r.load != nil {
		script, err := r.load()
		if err != nil {
			r.broken = fmt.Errorf("reading Mermaid's script: %w", err)
			return Figure{}, r.broken
		}
		r.script, r.load = script, nil
	}
	if r.sess == nil {
		s, err := startSession(r.browser, r.script)
		if err != nil {
			r.broken = fmt.Errorf("%w: %v", ErrNoBrowser, err)
			return Figure{}, r.broken
		}
		r.sess = s
	}
	looks := looksFor(rootID(source))
	out, err := r.sess.draw(source, looks)
	if err != nil {
		// The browser did not answer; this is no fault of the diagram, so
		// nothing is cached, and the next diagram gets a new browser.
		r.sess.close()
		r.sess = nil
		if r.restarts++; r.restarts > maxRestarts {
			r.broken = fmt.Errorf("%w: the browser stopped answering: %v", ErrNoBrowser, err)
		}
		return Figure{}, fmt.Errorf("drawing in %s: %w", r.browser, err)
	}
	var f Figure
	for i, v := range variants {
		if out[i].Error != "" {
			err := &SyntaxError{Message: out[i].Error}
			for _, v := range variants {
				r.store.Put(keys[v], encodeError(err))
			}
			return Figure{}, err
		}
		c, err := clean(out[i].SVG, looks[i].ID)
		if err != nil {
			err := &SyntaxError{Message: "the drawing cannot be used: " + err.Error()}
			for _, v := range variants {
				r.store.Put(keys[v], encodeError(err))
			}
			return Figure{}, err
		}
		*f.variant(v) = SVG{Markup: c.svg, Width: c.width, Height: c.height}
	}
	for _, v := range variants {
		r.store.Put(keys[v], encodeSVG(*f.variant(v)))
	}
	return f, nil
}

// rootID is the id of a diagram's root elements, from a hash of its
// source; each variant adds a letter.
func rootID(source []byte) string {
	sum := sha256.Sum256(source)
	return "dg-" + hex.EncodeToString(sum[:4])
}

// A cache entry is 's', the width and height as uvarints and the markup;
// or 'e' and Mermaid's message.
func encodeSVG(s SVG) []byte {
	b := make([]byte, 0, len(s.Markup)+12)
	b = append(b, 's')
	b = binary.AppendUvarint(b, uint64(s.Width))
	b = binary.AppendUvarint(b, uint64(s.Height))
	return append(b, s.Markup...)
}

func encodeError(e *SyntaxError) []byte { return append([]byte{'e'}, e.Message...) }

// decodeEntry reads a cache entry; ok is false for one it cannot read.
func decodeEntry(b []byte) (SVG, error, bool) {
	if len(b) == 0 {
		return SVG{}, nil, false
	}
	switch b[0] {
	case 'e':
		return SVG{}, &SyntaxError{Message: string(b[1:])}, true
	case 's':
		rest := b[1:]
		w, n := binary.Uvarint(rest)
		if n <= 0 {
			return SVG{}, nil, false
		}
		rest = rest[n:]
		h, n := binary.Uvarint(rest)
		if n <= 0 || w == 0 || h == 0 || w > 1e6 || h > 1e6 {
			return SVG{}, nil, false
		}
		return SVG{Markup: rest[n:], Width: int(w), Height: int(h)}, nil, true
	}
	return SVG{}, nil, false
}

// oneLine is the first line of s.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
