package corpus

import (
	"bytes"
	"image/png"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/alecthomas/chroma/v2/lexers"
	"gopkg.in/yaml.v3"

	"blog/internal/site"
)

// generate writes a corpus into a new temporary folder.
func generate(t *testing.T, n int, seed int64) (string, Stats) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	st, err := Generate(dir, n, seed)
	if err != nil {
		t.Fatalf("Generate(%d, %d): %v", n, seed, err)
	}
	return dir, st
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(dir), p)
		files[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// postFile is one generated post, read back.
type postFile struct {
	path   string
	lang   string
	bundle bool
	meta   struct {
		ID          int      `yaml:"id"`
		Title       string   `yaml:"title"`
		Date        string   `yaml:"date"`
		Tags        []string `yaml:"tags"`
		Description string   `yaml:"description"`
		Images      []string `yaml:"images"`
	}
	body string
}

// readPosts reads back every post of a corpus, sorted by path.
func readPosts(t *testing.T, dir string) []*postFile {
	t.Helper()
	tree := readTree(t, dir)
	var posts []*postFile
	for p, data := range tree {
		if !strings.HasSuffix(p, ".md") {
			continue
		}
		text := string(data)
		head, body, ok := strings.Cut(strings.TrimPrefix(text, "---\n"), "\n---\n")
		if !strings.HasPrefix(text, "---\n") || !ok {
			t.Fatalf("%s: no front matter", p)
		}
		pf := &postFile{path: p, body: body, bundle: path.Base(p) == "index.ko.md" || path.Base(p) == "index.en.md"}
		pf.lang = path.Ext(strings.TrimSuffix(p, ".md"))[1:]
		dec := yaml.NewDecoder(strings.NewReader(head))
		dec.KnownFields(true)
		if err := dec.Decode(&pf.meta); err != nil {
			t.Fatalf("%s: front matter: %v", p, err)
		}
		posts = append(posts, pf)
	}
	slices.SortFunc(posts, func(a, b *postFile) int { return strings.Compare(a.path, b.path) })
	return posts
}

// codeBlock is a fenced code block of a post.
type codeBlock struct {
	lang  string
	lines []string
}

func codeBlocks(body string) []codeBlock {
	var blocks []codeBlock
	var cur *codeBlock
	for line := range strings.Lines(body) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "```") && cur == nil:
			cur = &codeBlock{lang: strings.TrimPrefix(line, "```")}
		case strings.HasPrefix(line, "```"):
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, line)
		}
	}
	return blocks
}

func TestSameSeedGivesByteIdenticalTrees(t *testing.T) {
	a, _ := generate(t, 60, 7)
	b, _ := generate(t, 60, 7)
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files, then %d", len(ta), len(tb))
	}
	for p, data := range ta {
		if !bytes.Equal(data, tb[p]) {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
}

func TestDifferentSeedsGiveDifferentText(t *testing.T) {
	a, _ := generate(t, 30, 1)
	b, _ := generate(t, 30, 2)
	pa, pb := readPosts(t, a), readPosts(t, b)
	byID := map[[2]any]*postFile{}
	for _, p := range pb {
		byID[[2]any{p.meta.ID, p.lang}] = p
	}
	same := 0
	for _, p := range pa {
		if q := byID[[2]any{p.meta.ID, p.lang}]; q != nil && q.body == p.body {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d posts have the same text with seeds 1 and 2", same)
	}
}

func TestSixtyPercentKoreanAndEveryEnglishPostTranslatesOne(t *testing.T) {
	for _, n := range []int{1, 2, 7, 50} {
		_, st := generate(t, n, 1)
		if st.Posts() != n || st.English != n*2/5 || st.Korean < st.English {
			t.Errorf("n=%d: %d ko and %d en posts", n, st.Korean, st.English)
		}
	}
	dir, st := generate(t, 1000, 1)
	if st.Korean != 600 || st.English != 400 || st.Bundles != 200 {
		t.Errorf("n=1000: %d ko, %d en, %d bundles; want 600, 400, 200", st.Korean, st.English, st.Bundles)
	}
	posts := readPosts(t, dir)
	if len(posts) != 1000 {
		t.Fatalf("%d post files, want 1000", len(posts))
	}
	byPath := map[string]*postFile{}
	ids := map[int]string{}
	for _, p := range posts {
		byPath[p.path] = p
		if p.lang == "ko" {
			if q, dup := ids[p.meta.ID]; dup {
				t.Errorf("%s and %s share id %d", p.path, q, p.meta.ID)
			}
			ids[p.meta.ID] = p.path
		}
	}
	for _, p := range posts {
		if p.lang != "en" {
			continue
		}
		ko := byPath[strings.TrimSuffix(p.path, ".en.md")+".ko.md"]
		switch {
		case ko == nil:
			t.Errorf("%s has no Korean original", p.path)
		case ko.meta.ID != p.meta.ID || ko.meta.Date != p.meta.Date || !slices.Equal(ko.meta.Tags, p.meta.Tags):
			t.Errorf("%s: id, date or tags differ from %s", p.path, ko.path)
		}
	}
}

var (
	tableSeparator = regexp.MustCompile(`(?m)^\|(-{3,}:?\|){2,}$`)
	listItem       = regexp.MustCompile(`(?m)^(\d+\. |- )`)
	mdLink         = regexp.MustCompile(`\[[^\]]+\]\(https://[^)]+\)`)
	postName       = regexp.MustCompile(`^post-\d{5}(-[a-z0-9]+)+$`)
)

func TestEveryPostHasFourCodeBlocksATableAListAndALink(t *testing.T) {
	dir, _ := generate(t, 200, 3)
	for _, p := range readPosts(t, dir) {
		blocks := codeBlocks(p.body)
		var langs []string
		for _, b := range blocks {
			langs = append(langs, b.lang)
			if len(b.lines) < 5 || len(b.lines) > 20 {
				t.Errorf("%s: a %s block of %d lines", p.path, b.lang, len(b.lines))
			}
		}
		slices.Sort(langs)
		if want := []string{"go", "sh", "yaml", unknownLang}; !slices.Equal(langs, want) {
			t.Errorf("%s: code blocks %v, want one of each of %v", p.path, langs, want)
		}
		if n := len(tableSeparator.FindAllString(p.body, -1)); n != 1 {
			t.Errorf("%s: %d tables, want 1", p.path, n)
		}
		if !listItem.MatchString(p.body) {
			t.Errorf("%s: no list", p.path)
		}
		if !mdLink.MatchString(p.body) {
			t.Errorf("%s: no link", p.path)
		}
		if strings.Count(p.body, "\n## ") < 4 {
			t.Errorf("%s: fewer than four ## headings", p.path)
		}
		if p.lang == "ko" && !regexp.MustCompile(`(?m)^##+ .*\p{Hangul}`).MatchString(p.body) {
			t.Errorf("%s: no heading in Hangul", p.path)
		}
		if strings.ContainsAny(p.meta.Title+p.meta.Description, "{}") || strings.Contains(p.body, "{A") {
			t.Errorf("%s: a template slot was left unfilled", p.path)
		}
		name := path.Base(strings.TrimSuffix(strings.TrimSuffix(p.path, "."+p.lang+".md"), "/index"))
		if !postName.MatchString(name) {
			t.Errorf("%s: name %q is not an ASCII slug like post-00042-some-words", p.path, name)
		}
	}
}

func TestWordsPerPostAreAbout800(t *testing.T) {
	dir, st := generate(t, 200, 4)
	total := 0
	for _, p := range readPosts(t, dir) {
		// Words outside code: space-separated fields with a letter or digit.
		n, fenced := 0, false
		for line := range strings.Lines(p.body) {
			if strings.HasPrefix(line, "```") {
				fenced = !fenced
				continue
			}
			for _, f := range strings.Fields(line) {
				if !fenced && strings.ContainsFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
					n++
				}
			}
		}
		if n < 650 || n > 950 {
			t.Errorf("%s: %d words, want 800 ± 150", p.path, n)
		}
		total += n
	}
	if st.Words != total {
		t.Errorf("Stats.Words = %d, the files hold %d", st.Words, total)
	}
}

func TestTagsComeFromAPoolOf30KoreanAnd30EnglishTags(t *testing.T) {
	hangul := 0
	for _, tag := range tags {
		if strings.ContainsFunc(tag, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) {
			hangul++
		}
	}
	sorted := slices.Clone(tags)
	slices.Sort(sorted)
	if len(slices.Compact(sorted)) != 60 || hangul != 30 {
		t.Fatalf("the pool has %d distinct tags, %d in Hangul; want 60 and 30", len(slices.Compact(sorted)), hangul)
	}
	dir, _ := generate(t, 100, 5)
	used := map[string]bool{}
	for _, p := range readPosts(t, dir) {
		if len(p.meta.Tags) < 3 || len(p.meta.Tags) > 6 {
			t.Errorf("%s: %d tags", p.path, len(p.meta.Tags))
		}
		for _, tag := range p.meta.Tags {
			if !slices.Contains(tags, tag) {
				t.Errorf("%s: tag %q is not in the pool", p.path, tag)
			}
			used[tag] = true
		}
	}
	if len(used) < 50 {
		t.Errorf("100 posts use only %d tags of 60", len(used))
	}
}

func TestDatesHaveTheKoreanOffsetAndSpanYears(t *testing.T) {
	dir, _ := generate(t, 100, 6)
	years := map[int]bool{}
	for _, p := range readPosts(t, dir) {
		d, err := time.Parse("2006-01-02 15:04:05 -0700", p.meta.Date)
		if err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		if _, off := d.Zone(); off != 9*60*60 || !strings.HasSuffix(p.meta.Date, " +0900") {
			t.Errorf("%s: date %q is not at +0900", p.path, p.meta.Date)
		}
		years[d.Year()] = true
	}
	if len(years) < 5 {
		t.Errorf("dates span %d years, want at least 5", len(years))
	}
}

func TestBundlesHaveTheirImage(t *testing.T) {
	dir, st := generate(t, 90, 8)
	bundles := map[string]bool{}
	for _, p := range readPosts(t, dir) {
		if !p.bundle {
			if len(p.meta.Images) > 0 {
				t.Errorf("%s: images in a post that is not a bundle", p.path)
			}
			continue
		}
		bundles[path.Dir(p.path)] = true
		if len(p.meta.Images) != 1 {
			t.Fatalf("%s: images %v, want one", p.path, p.meta.Images)
		}
		img := p.meta.Images[0]
		if !strings.Contains(p.body, "]("+img+")") {
			t.Errorf("%s: %s is not shown in the text", p.path, img)
		}
		data, err := os.ReadFile(filepath.Join(dir, path.Dir(p.path), img))
		if err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		if _, err := png.Decode(bytes.NewReader(data)); err != nil || len(data) < 200 || len(data) > 1000 {
			t.Errorf("%s: %s: %d bytes, decode error %v; want a PNG of a few hundred bytes", p.path, img, len(data), err)
		}
	}
	if len(bundles) != st.Bundles || st.Bundles != st.Korean/3 {
		t.Errorf("%d bundle folders, Stats.Bundles %d, %d Korean posts", len(bundles), st.Bundles, st.Korean)
	}
}

func TestCodeBlocksDifferButSomeRecur(t *testing.T) {
	dir, _ := generate(t, 200, 9)
	posts := map[string]map[int]bool{} // code → ids of the posts that show it
	total := 0
	for _, p := range readPosts(t, dir) {
		if p.lang != "ko" {
			continue
		}
		for _, b := range codeBlocks(p.body) {
			code := b.lang + "\n" + strings.Join(b.lines, "\n")
			if posts[code] == nil {
				posts[code] = map[int]bool{}
			}
			posts[code][p.meta.ID] = true
			total++
		}
	}
	recurring := 0
	for _, ids := range posts {
		if len(ids) > 1 {
			recurring++
		}
	}
	if len(posts) < total*3/4 {
		t.Errorf("only %d different code blocks of %d", len(posts), total)
	}
	if recurring == 0 {
		t.Errorf("no code block appears in two posts")
	}
}

func TestFourthCodeLanguageIsUnknownToChroma(t *testing.T) {
	if l := lexers.Get(unknownLang); l != nil {
		t.Errorf("chroma has a lexer for %q: %s", unknownLang, l.Config().Name)
	}
}

func TestTemplatesFillEverySlot(t *testing.T) {
	s := pick(rand.New(rand.NewPCG(1, 1)), terms[:8])
	s.link = pair{"[a](https://example.org)", "[a](https://example.org)"}
	var all []pair
	for _, tmpl := range koSentences {
		all = append(all, pair{tmpl, "x"})
	}
	for _, tmpl := range enSentences {
		all = append(all, pair{"x", tmpl})
	}
	for _, pool := range [][]pair{titles, descriptions, sections, subsections, steps, linkSentences, figureSentences, figureAlts} {
		all = append(all, pool...)
	}
	for _, p := range all {
		got := both(p, s)
		if strings.ContainsAny(got[ko]+got[en], "{}~") {
			t.Errorf("%q → %q: a slot was left unfilled", p, got)
		}
	}
	for _, v := range verbs {
		if !strings.Contains(v[en], "~") {
			t.Errorf("verb %q has no ~ for its object", v[en])
		}
	}
}

func TestParticlesFitTheWord(t *testing.T) {
	for _, c := range []struct{ word, particle, want string }{
		{"컨트롤러", "을", "를"}, {"채널", "으로", "로"}, {"캐시 키", "은", "는"},
		{"API 서버", "이", "가"}, {"Pod", "을", "를"}, {"connection pool", "과", "과"},
		{"race condition", "이", "이"}, {"admission webhook", "을", "을"}, {"GC", "과", "와"},
		{"Dockerfile", "으로", "로"}, {"트랜잭션", "이었다", "이었다"}, {"mutex", "이다", "다"},
	} {
		if got := josa(c.word, c.particle); got != c.want {
			t.Errorf("%s + %s = %s, want %s", c.word, c.particle, got, c.want)
		}
	}
}

func TestGeneratedSiteBuilds(t *testing.T) {
	dir, _ := generate(t, 50, 1)
	b, err := site.NewBuilder(os.DirFS(dir), site.BuilderOptions{})
	if err != nil {
		t.Fatalf("NewBuilder: %v", err)
	}
	out, set, err := b.Build()
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if len(set.Posts) != 50 {
		t.Errorf("%d posts built, want 50", len(set.Posts))
	}
	for _, p := range []string{"index.html", "en/index.html", "page/2/index.html", "tags/index.html", "sitemap.xml"} {
		if out.Lookup(p) == nil {
			t.Errorf("no %s in the output", p)
		}
	}
}

func TestRefusesAFolderThatIsNotEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir, 10, 1); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("Generate into a folder with a file: err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("Generate wrote %d entries into a folder that was not empty", len(entries)-1)
	}
	if _, err := Generate(t.TempDir(), 0, 1); err == nil {
		t.Errorf("Generate of 0 posts: no error")
	}
}
