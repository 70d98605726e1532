package content

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/markdown"
)

// memoHeaders are headers of every kind a memo must give back as they
// were read: each YAML value type, each date form and zone, nested
// values, empty and missing lists, a legacy header.
var memoHeaders = map[string]string{
	"all keys":  "---\nid: 48\ntitle: \"제목: 모든 키\"\ndate: 2024-01-03 09:00:00 +0900\ntags: [Go, 한국어, go]\nimages: [a.png, b/c.png]\nimage: og.png\ncover: cover.png\ndescription: 설명\nslug: all-keys\nauthors: [kim, lee]\ndraft: false\nfeatured: true\naliases: [/old/path/, /p/48]\n---\n본문 **굵게**.\n",
	"values":    "---\ntitle: Values\ndate: 2024-01-03\nint: 7\nneg: -3\nbig: 18446744073709551615\nfloat: 1.5\ninf: .inf\nnull: ~\nempty: []\nemptymap: {}\nstamp: 2001-12-14t21:59:43.10-05:00\nday: 2002-12-14\nutc: 2001-12-14 21:59:43.10\nz: 2001-12-14T21:59:43Z\nquoted: \"2024-01-03\"\nnested: {a: [1, {b: c}], d: {e: true}}\nlist: [x, 2, 3.5, null, [y]]\nmulti: |\n  line one\n  line two\n---\nbody\n",
	"zones":     "---\ntitle: Zones\ndate: 2024-03-01T10:00:00-07:00\nother: 2024-03-01T10:00:00+05:30\n---\n",
	"no zone":   "---\ntitle: Site zone\ndate: 2024-03-01 10:00\n---\n",
	"rfc3339z":  "---\ntitle: UTC\ndate: 2024-03-01T10:00:00Z\n---\n",
	"writeTime": "---\ntitle: W\nwriteTime: 2024-03-01\ntags: a, b, c\n---\n",
	"legacy":    "[ID: 12]\n[Tags: 일상, 개발]\n[Title: 옛 글]\n[WriteTime: 2019-05-06 07:08:09]\n[ImageNames: a.png b.png]\n\n## Content\n\n옛 본문.\n",
	"crlf nfd":  "\uFEFF---\r\ntitle: \u1100\u1161\u11a8\r\ndate: 2024-01-03\r\n---\r\n\u1100\u1161 본문\r\n",
	"page":      "---\ntitle: About\nsidebar_position: 2.5\nsidebar_label: 소개\n---\n",
}

// parseTwice parses data with an empty store (which keeps a memo) and
// again with the same store (which reads it), and without a store.
func parseTwice(t *testing.T, name, data string, loc *time.Location) (fresh, first, second *Post) {
	t.Helper()
	cfg := config.Default()
	cfg.Location = loc
	md := markdown.New(markdown.Options{})
	kind := KindPost
	if name == "page" {
		kind = KindPage
	}
	store := cache.OpenStore(nil, "test")
	parse := func(s *cache.Store) *Post {
		p, errs := parseFile("content/posts/"+name+".md", "ko", []byte(data), cfg, md, parseOptions{store: s, kind: kind})
		if len(errs) > 0 || p == nil {
			t.Fatalf("%s: %v", name, errs)
		}
		return p
	}
	return parse(nil), parse(store), parse(store)
}

// comparable is a post without its body, which is held differently with
// and without a store; the bodies are compared by their HTML.
func comparable(t *testing.T, p *Post) Post {
	t.Helper()
	c := *p
	if _, err := c.Body.HTML(); err != nil {
		t.Fatal(err)
	}
	c.Body = Body{}
	return c
}

func TestMemoGivesWhatAFreshReadingGives(t *testing.T) {
	seoul, err := time.LoadLocation("Asia/Seoul")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range memoHeaders {
		fresh, first, second := parseTwice(t, name, data, seoul)
		f, a, b := comparable(t, fresh), comparable(t, first), comparable(t, second)
		if !reflect.DeepEqual(f, a) {
			t.Errorf("%s: a reading with a store differs from one without:\n%+v\n%+v", name, f, a)
		}
		if !reflect.DeepEqual(f, b) {
			t.Errorf("%s: a reading from the memo differs from a fresh one:\n%+v\n%+v", name, f, b)
		}
		if !reflect.DeepEqual(f.meta, b.meta) {
			t.Errorf("%s: header differs:\n%#v\n%#v", name, f.meta, b.meta)
		}
		hf, _ := fresh.Body.HTML()
		hb, _ := second.Body.HTML()
		if hf != hb {
			t.Errorf("%s: body differs:\n%s\n%s", name, hf, hb)
		}
	}
}

// TestMemoIsWhatTheSecondReadingUses proves the comparison above compares
// something: a memo put under a file's key is what its reading gives.
func TestMemoIsWhatTheSecondReadingUses(t *testing.T) {
	cfg := config.Default()
	md := markdown.New(markdown.Options{})
	store := cache.OpenStore(nil, "test")
	data := []byte("---\ntitle: Real\ndate: 2024-01-03\n---\nbody\n")
	opts := parseOptions{store: store, kind: KindPost}
	p, errs := parseFile("content/posts/a.md", "ko", data, cfg, md, opts)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	m := &memo{meta: p.meta, bodyLine: p.bodyLine, bodyKey: p.Body.Key()}
	planted := *p.meta
	planted.Title = "Planted"
	m.meta = &planted
	enc, err := m.encode(cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	// A store keeps the first entry under a key: plant it in a new one.
	store = cache.OpenStore(nil, "test")
	opts.store = store
	store.Put(memoKey("content/posts/a.md", "ko", opts, cfg.Location, data), enc)
	again, _ := parseFile("content/posts/a.md", "ko", data, cfg, md, opts)
	if again.Title != "Planted" {
		t.Fatalf("second reading has title %q; it did not read the memo", again.Title)
	}
	// Another file name, language or zone is another key.
	other, _ := parseFile("content/posts/b.md", "ko", data, cfg, md, opts)
	en, _ := parseFile("content/posts/a.md", "en", data, cfg, md, opts)
	if other.Title != "Real" || en.Title != "Real" {
		t.Errorf("a memo stood for another file (%q) or language (%q)", other.Title, en.Title)
	}
}

// TestMemoReadsTheMachinesZoneAgain: a date with a numeric offset is in
// the machine's zone when that zone has the offset (time.Parse); a memo
// made under one machine zone and read under another gives what a fresh
// reading gives under the second.
func TestMemoReadsTheMachinesZoneAgain(t *testing.T) {
	saved := time.Local
	defer func() { time.Local = saved }()
	seoul, err := time.LoadLocation("Asia/Seoul")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	md := markdown.New(markdown.Options{})
	store := cache.OpenStore(nil, "test")
	data := []byte("---\ntitle: T\ndate: 2024-01-03 09:00:00 +0900\nat: 2024-01-03T09:00:00+09:00\n---\n")
	opts := parseOptions{store: store, kind: KindPost}
	read := func(s *cache.Store) *Post {
		o := opts
		o.store = s
		p, errs := parseFile("content/posts/z.md", "ko", data, cfg, md, o)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return p
	}
	time.Local = seoul
	made := read(store)
	if made.Date.Location() != time.Local {
		t.Fatalf("date not in the machine's zone: %v", made.Date.Location())
	}
	for _, zone := range []*time.Location{time.UTC, time.FixedZone("X", 9*3600), seoul} {
		time.Local = zone
		fresh, memo := read(nil), read(store)
		if !reflect.DeepEqual(fresh.Date, memo.Date) || !reflect.DeepEqual(fresh.Params.Map(), memo.Params.Map()) || fresh.Params.src != memo.Params.src {
			t.Errorf("machine zone %v: memo gives %v %v, a fresh reading %v %v", zone, memo.Date.Location(), memo.Params.Map()["at"], fresh.Date.Location(), fresh.Params.Map()["at"])
		}
	}
}

// TestDamagedMemoIsAMiss: a memo cut short or with a byte changed is
// never read as a header (the store's sum catches most damage; this is
// the layout's own check, for a memo of another layout or a bug).
func TestDamagedMemoIsAMiss(t *testing.T) {
	cfg := config.Default()
	meta, legacy, _, line, _ := readHeader("content/posts/a.md", []byte(memoHeaders["values"]), cfg.Location)
	enc, err := (&memo{meta: meta, legacy: legacy, bodyLine: line}).encode(cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	if decodeMemo(enc, cfg.Location) == nil {
		t.Fatal("a whole memo is not read")
	}
	for n := range len(enc) {
		if m := decodeMemo(enc[:n], cfg.Location); m != nil {
			t.Fatalf("a memo cut to %d of %d bytes was read", n, len(enc))
		}
	}
	for i := range enc {
		for _, b := range []byte{0, 0xff, enc[i] ^ 1} {
			bad := append([]byte(nil), enc...)
			bad[i] = b
			decodeMemo(bad, cfg.Location) // must not panic
		}
	}
	if decodeMemo(append([]byte{memoVersion + 1}, enc[1:]...), cfg.Location) != nil {
		t.Error("a memo of another layout was read")
	}
}

// TestMemoOfEveryFuzzInput: for each input the header fuzzers keep, a
// reading through a memo is the fresh one.
func TestMemoOfEveryFuzzInput(t *testing.T) {
	var files []string
	for _, pattern := range []string{"testdata/fuzz/*/*", "../../content/posts/*/index.*", "../../content/posts/*.md"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) < 5 {
		t.Fatalf("only %d inputs found", len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(string(raw), "go test fuzz v1\n") {
			// One []byte("…") line: the input as a Go string.
			lit := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(string(raw), "go test fuzz v1\n")), "[]byte("), ")")
			s, err := strconv.Unquote(lit)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			raw = []byte(s)
		}
		checkMemo(t, raw)
	}
	for _, h := range memoHeaders {
		checkMemo(t, []byte(h))
	}
}

func FuzzMemo(f *testing.F) {
	for _, h := range memoHeaders {
		f.Add([]byte(h))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkMemo(t, data) })
}

// checkMemo parses data with a store twice (the second through the memo,
// when one was kept) and without, and wants one post.
func checkMemo(t *testing.T, data []byte) {
	t.Helper()
	cfg := config.Default()
	md := markdown.New(markdown.Options{})
	store := cache.OpenStore(nil, "test")
	parse := func(s *cache.Store) (*Post, string) {
		p, errs := parseFile("content/posts/f.md", "ko", data, cfg, md, parseOptions{store: s, kind: KindPost})
		if p == nil {
			return nil, errs.Error()
		}
		c := comparable(t, p)
		h, _ := p.Body.HTML()
		c.Body = Body{html: h}
		return &c, errs.Error()
	}
	fresh, ferr := parse(nil)
	parse(store)
	memo, merr := parse(store)
	if ferr != merr {
		t.Fatalf("problems differ through a memo: %q vs %q", merr, ferr)
	}
	if !reflect.DeepEqual(fresh, memo) {
		t.Fatalf("a reading through a memo differs for %q:\n%+v\n%+v", data, memo, fresh)
	}
}

func TestMemoKeepsNaN(t *testing.T) {
	cfg := config.Default()
	meta, _, _, _, _ := readHeader("content/posts/a.md", []byte("---\ntitle: N\ndate: 2024-01-03\nnan: .nan\n---\n"), cfg.Location)
	enc, err := (&memo{meta: meta}).encode(cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	m := decodeMemo(enc, cfg.Location)
	if m.meta.Params.src != meta.Params.src {
		t.Errorf("the memo keeps the header %q, want %q", m.meta.Params.src, meta.Params.src)
	}
	if f, ok := m.meta.Params.Map()["nan"].(float64); !ok || !math.IsNaN(f) {
		t.Errorf("nan read back as %#v", m.meta.Params.Map()["nan"])
	}
}

// TestDamagedBodyFoundThroughAMemoIsRenderedAgain: a memo lets a build
// find a body's entry without reading it; when the entry turns out
// damaged as a page needs it, the body is rendered again from its file,
// and the page gets the right bytes, not an error and not wrong ones.
func TestDamagedBodyFoundThroughAMemoIsRenderedAgain(t *testing.T) {
	dir := t.TempDir()
	cfg := config.Default()
	md := markdown.New(markdown.Options{})
	data := []byte("---\ntitle: T\ndate: 2024-01-03\n---\n# 제목\n\n본문 **굵게** " + strings.Repeat("긴 글 ", 200) + "\n")
	open := func() *cache.Store { return openTestStore(t, dir) }
	reads := 0
	opts := func(s *cache.Store, reread bool) parseOptions {
		o := parseOptions{store: s, kind: KindPost}
		if reread {
			o.reread = func() ([]byte, error) { reads++; return data, nil }
		}
		return o
	}
	s := open()
	first, errs := parseFile("content/posts/a.md", "ko", data, cfg, md, opts(s, true))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want, _ := first.Body.HTML()
	wantText, _ := first.Body.Text()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// The body's entry is written first, the memo after it: damage a
	// byte of the body's HTML.
	f, err := os.OpenFile(filepath.Join(dir, "data"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{'#'}, 200); err != nil {
		t.Fatal(err)
	}
	f.Close()

	for _, reread := range []bool{false, true} {
		s = open()
		p, errs := parseFile("content/posts/a.md", "ko", data, cfg, md, opts(s, reread))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if p.Title != "T" || len(p.Headings) != 1 {
			t.Fatalf("memo not used: %+v", p)
		}
		got, err := p.Body.HTML()
		text, terr := p.Body.Text()
		if !reread {
			// Without a file to read again, it is an error, never the
			// damaged bytes.
			if err == nil || terr == nil {
				t.Errorf("damaged entry read without an error: %q", got)
			}
			s.Close()
			continue
		}
		if err != nil || terr != nil {
			t.Fatalf("damaged entry not rendered again: %v, %v", err, terr)
		}
		if got != want || text != wantText {
			t.Errorf("rendered again to other bytes:\n%s\n%s", got, want)
		}
		if reads != 1 {
			t.Errorf("file read %d times, want once for HTML and text together", reads)
		}
		s.Close()
	}
	// The entry made again replaced the damaged one.
	s = open()
	defer s.Close()
	p, _ := parseFile("content/posts/a.md", "ko", data, cfg, md, opts(s, false))
	if got, err := p.Body.HTML(); err != nil || got != want {
		t.Errorf("entry not repaired: %v", err)
	}
}

// TextInto gives Text's bytes: without a cache, from a cache entry not
// yet written, and from one on disk, read into a buffer used before.
func TestTextIntoGivesTheText(t *testing.T) {
	dir := t.TempDir()
	cfg := config.Default()
	md := markdown.New(markdown.Options{})
	data := []byte("---\ntitle: T\ndate: 2024-01-03\n---\n# 제목\n\n본문 **굵게** `code` " + strings.Repeat("긴 글 ", 50) + "\n")
	open := func() *cache.Store { return openTestStore(t, dir) }
	scratch := []byte(strings.Repeat("?", 4096))
	check := func(name string, s *cache.Store) {
		t.Helper()
		p, errs := parseFile("content/posts/a.md", "ko", data, cfg, md, parseOptions{store: s, kind: KindPost, keepText: true})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		want, err := p.Body.Text()
		if err != nil || !strings.Contains(want, "굵게") {
			t.Fatalf("%s: Text = %q, %v", name, want, err)
		}
		got, err := p.Body.TextInto(&scratch)
		if err != nil || string(got) != want {
			t.Errorf("%s: TextInto = %q, %v; want %q", name, got, err, want)
		}
	}
	check("no cache", nil)
	s := open()
	check("entry not yet written", s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open()
	check("entry on disk", s)
	s.Close()
}

// openTestStore opens the body store "test" in dir, as a new build would.
func openTestStore(t *testing.T, dir string) *cache.Store {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	return cache.OpenStore(root, "test")
}
