package corpus

import (
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
)

// post is the plan of one Korean post and of its English translation:
// everything but the prose, which each language writes for itself (a
// Korean sentence has about half the words of its English translation, so
// translating sentence by sentence would break the word budget).
type post struct {
	id         int
	name       string // bundle or file name, an ASCII slug
	bundle     bool
	translated bool
	date       time.Time
	tags       []string
	title      pair
	desc       pair // empty when the post has no description
	image      string
	png        []byte
	topic      []pair
	words      [2]int // words per language to aim at
	blocks     []block
}

// block is one Markdown block of a post. Fixed blocks (headings, code,
// the table, the list, the link and the figure) are the same in both
// languages but for their words; prose blocks are written per language.
type block struct {
	prose bool
	text  pair
}

// kst is the offset every date is written with.
var kst = time.FixedZone("KST", 9*60*60)

// Dates spread over these years.
var (
	firstDate = time.Date(2019, 1, 1, 0, 0, 0, 0, kst)
	lastDate  = time.Date(2026, 1, 1, 0, 0, 0, 0, kst)
)

// plan makes the plan of every Korean post of a corpus of n files: about
// 60% Korean posts, the rest their English translations, one Korean post
// in three a bundle.
func plan(n int, seed int64) ([]*post, error) {
	nEn := n * 2 / 5
	nKo := n - nEn
	site := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	translated := pickSet(site, nKo, nEn)
	bundles := pickSet(site, nKo, nKo/3)
	step := lastDate.Sub(firstDate) / time.Duration(nKo)
	posts := make([]*post, nKo)
	for i := range posts {
		p := &post{id: i + 1, translated: translated[i], bundle: bundles[i]}
		r := p.rand(seed, 0)
		day := firstDate.Add(step*time.Duration(i) + time.Duration(r.Int64N(int64(step))))
		p.date = time.Date(day.Year(), day.Month(), day.Day(), 7+r.IntN(17), r.IntN(60), 0, 0, kst)
		if err := p.plan(r); err != nil {
			return nil, err
		}
		posts[i] = p
	}
	return posts, nil
}

// pickSet marks k of n indexes, at random.
func pickSet(r *rand.Rand, n, k int) []bool {
	set := make([]bool, n)
	for _, i := range r.Perm(n)[:k] {
		set[i] = true
	}
	return set
}

// rand returns the random source of one stream of the post: 0 for its
// plan, 1+lang for the prose of a language. Each post has its own, so a
// post does not change when another one does.
func (p *post) rand(seed int64, stream int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(p.id)<<4|uint64(stream)))
}

func (p *post) plan(r *rand.Rand) error {
	p.topic = distinct(r, terms, 8)
	p.tags = distinct(r, tags, 3+r.IntN(4))
	s := pick(r, p.topic)
	s.a, s.b, s.year = p.topic[0], p.topic[1], p.date.Year()
	p.title = both(oneOf(r, titles), s)
	p.name = fmt.Sprintf("post-%05d-%s", p.id, slugWords(p.title[en], 4))
	if r.IntN(2) == 0 {
		p.desc = both(oneOf(r, descriptions), s)
	}
	p.words = [2]int{720 + r.IntN(160), 720 + r.IntN(160)}

	p.blocks = []block{{prose: true}}
	if r.IntN(10) < 8 {
		p.blocks = append(p.blocks, block{text: pair{"<!-- truncate -->", "<!-- truncate -->"}})
	}

	// Sections and their subsections, each a heading and its prose.
	type part struct{ blocks []block }
	var parts []*part
	numbered := r.IntN(4) == 0
	subs := distinct(r, subsections, len(subsections))
	for i, h := range distinct(r, sections, 4+r.IntN(3)) {
		text := both(h, pick(r, p.topic))
		if numbered {
			text = pair{fmt.Sprintf("%d. %s", i+1, text[ko]), fmt.Sprintf("%d. %s", i+1, text[en])}
		}
		parts = append(parts, &part{blocks: []block{heading(2, text), {prose: true}}})
		nSub := 0
		if r.IntN(3) == 0 {
			nSub = min(1+r.IntN(2), len(subs))
		}
		for range nSub {
			parts = append(parts, &part{blocks: []block{heading(3, both(subs[0], pick(r, p.topic))), {prose: true}}})
			subs = subs[1:]
		}
	}

	// The other blocks go into random parts, after the prose.
	var extras []block
	for _, lang := range codeLangs {
		code := "```" + lang + "\n" + snippet(r, lang) + "```"
		extras = append(extras, block{text: pair{code, code}})
	}
	extras = append(extras, table(r, p), list(r, p), link(r, p))
	if p.bundle {
		png, err := figure(r)
		if err != nil {
			return err
		}
		p.png = png
		p.image = oneOf(r, []string{"diagram", "architecture", "benchmark", "flow", "timeline", "overview"}) + ".png"
		s := pick(r, p.topic)
		img := both(oneOf(r, figureSentences), s)
		alt := both(oneOf(r, figureAlts), s)
		for _, l := range []lang{ko, en} {
			img[l] += "\n\n![" + alt[l] + "](" + p.image + ")"
		}
		extras = append(extras, block{text: img})
	}
	for _, e := range extras {
		at := parts[r.IntN(len(parts))]
		at.blocks = append(at.blocks, e)
		if r.IntN(2) == 0 {
			at.blocks = append(at.blocks, block{prose: true})
		}
	}
	for _, pt := range parts {
		p.blocks = append(p.blocks, pt.blocks...)
	}
	return nil
}

// both fills a paired template in both languages with the same slots.
func both(t pair, s slots) pair { return pair{fill(t[ko], ko, s), fill(t[en], en, s)} }

func heading(level int, text pair) block {
	marks := strings.Repeat("#", level) + " "
	return block{text: pair{marks + text[ko], marks + text[en]}}
}

// table makes the post's GFM table, one of four kinds.
func table(r *rand.Rand, p *post) block {
	var head []pair
	var rows [][]pair
	numeric := false // right-align every column but the first
	same := func(s string) pair { return pair{s, s} }
	switch r.IntN(4) {
	case 0: // benchmark results
		head = []pair{{"벤치마크", "Benchmark"}, {"이전", "Before"}, {"이후", "After"}, {"변화", "Change"}}
		numeric = true
		for _, t := range distinct(r, typeNames, 3+r.IntN(4)) {
			before := 200 + r.IntN(20000)
			after := before * (20 + r.IntN(100)) / 100
			rows = append(rows, []pair{
				same(fmt.Sprintf("`Benchmark%s%s-8`", upperFirst(oneOf(r, funcVerbs)), t)),
				same(fmt.Sprintf("%d ns/op", before)), same(fmt.Sprintf("%d ns/op", after)),
				same(fmt.Sprintf("%+.1f%%", float64(after-before)*100/float64(before))),
			})
		}
	case 1: // two things side by side
		a, b := p.topic[0], p.topic[1]
		head = []pair{{"항목", "Aspect"}, {a[ko], capitalize(a[en])}, {b[ko], capitalize(b[en])}}
		aspects := []pair{{"설정 난이도", "Setup effort"}, {"학습 곡선", "Learning curve"}, {"문서", "Docs"}, {"커뮤니티", "Community"}, {"디버깅", "Debugging"}, {"테스트 용이성", "Testability"}}
		grades := []pair{{"쉬움", "easy"}, {"보통", "moderate"}, {"어려움", "hard"}, {"좋음", "good"}, {"부족함", "lacking"}}
		for _, asp := range distinct(r, aspects, 3+r.IntN(3)) {
			rows = append(rows, []pair{asp, oneOf(r, grades), oneOf(r, grades)})
		}
		rows = append(rows, []pair{{"메모리", "Memory"}, same(fmt.Sprintf("%d MB", 10+r.IntN(500))), same(fmt.Sprintf("%d MB", 10+r.IntN(500)))})
	case 2: // a timeline of pull requests
		head = []pair{{"날짜", "Date"}, {"PR", "PR"}, {"내용", "What"}}
		day := p.date.AddDate(0, -6, 0)
		for _, st := range distinct(r, steps, 3+r.IntN(4)) {
			day = day.AddDate(0, 0, 3+r.IntN(30))
			rows = append(rows, []pair{same(day.Format("2006-01-02")), same(fmt.Sprintf("#%d", 100+r.IntN(4000))), both(st, pick(r, p.topic))})
		}
	default: // options
		head = []pair{{"옵션", "Option"}, {"기본값", "Default"}, {"설명", "Description"}}
		options := []struct {
			name, value string
			doc         pair
		}{
			{"timeout", fmt.Sprintf("%ds", 5*(1+r.IntN(12))), pair{"요청 하나의 제한 시간", "time limit of one request"}},
			{"retries", fmt.Sprint(r.IntN(6)), pair{"실패했을 때 다시 시도하는 횟수", "how many times a failure is retried"}},
			{"workers", fmt.Sprint(1 << r.IntN(6)), pair{"동시에 도는 고루틴 수", "goroutines running at once"}},
			{"cacheDir", ".cache", pair{"빌드 캐시를 두는 폴더", "folder of the build cache"}},
			{"logLevel", oneOf(r, []string{"info", "debug", "warn"}), pair{"로그 수준", "log level"}},
			{"paginate", fmt.Sprint(5 * (1 + r.IntN(4))), pair{"한 페이지의 글 수", "posts on one page"}},
		}
		for _, i := range r.Perm(len(options))[:3+r.IntN(4)] {
			o := options[i]
			rows = append(rows, []pair{same("`" + o.name + "`"), same("`" + o.value + "`"), o.doc})
		}
	}
	var out pair
	for _, l := range []lang{ko, en} {
		var b strings.Builder
		row := func(cells []pair) {
			for _, c := range cells {
				b.WriteString("| " + c[l] + " ")
			}
			b.WriteString("|\n")
		}
		row(head)
		for i := range head {
			if i > 0 && numeric {
				b.WriteString("|---:")
			} else {
				b.WriteString("|---")
			}
		}
		b.WriteString("|\n")
		for _, cells := range rows {
			row(cells)
		}
		out[l] = strings.TrimSuffix(b.String(), "\n")
	}
	return block{text: out}
}

// list makes the post's list: numbered steps, bullets or a task list.
func list(r *rand.Rand, p *post) block {
	kind := r.IntN(3)
	var out pair
	items := distinct(r, steps, 3+r.IntN(4))
	done := r.IntN(len(items) + 1)
	for i, it := range items {
		text := both(it, pick(r, p.topic))
		var mark string
		switch kind {
		case 0:
			mark = fmt.Sprintf("%d. ", i+1)
		case 1:
			mark = "- "
		default:
			mark = "- [ ] "
			if i < done {
				mark = "- [x] "
			}
		}
		for _, l := range []lang{ko, en} {
			if i > 0 {
				out[l] += "\n"
			}
			out[l] += mark + text[l]
		}
	}
	return block{text: out}
}

// link makes a paragraph with one link: to an issue, a pull request or a
// package's documentation.
func link(r *rand.Rand, p *post) block {
	s := pick(r, p.topic)
	pr := projects[s.r]
	num := 100 + r.IntN(5000)
	switch r.IntN(3) {
	case 0:
		url := fmt.Sprintf("https://github.com/%s/issues/%d", pr.repo, num)
		s.link = pair{fmt.Sprintf("[%s 이슈 #%d](%s)", pr.name, num, url), fmt.Sprintf("[%s issue #%d](%s)", pr.name, num, url)}
	case 1:
		url := fmt.Sprintf("https://github.com/%s/pull/%d", pr.repo, num)
		s.link = pair{fmt.Sprintf("[PR #%d](%s)", num, url), fmt.Sprintf("[PR #%d](%s)", num, url)}
	default:
		pkg := oneOf(r, goPackages)
		url := "https://pkg.go.dev/" + pkg
		s.link = pair{fmt.Sprintf("[%s 패키지 문서](%s)", pkg, url), fmt.Sprintf("[the %s package docs](%s)", pkg, url)}
	}
	return block{text: both(oneOf(r, linkSentences), s)}
}

// slugWords makes an ASCII slug of at most n words of an English title.
func slugWords(title string, n int) string {
	stop := map[string]bool{"the": true, "a": true, "an": true, "of": true, "to": true, "with": true, "and": true, "on": true, "in": true}
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return r > unicode.MaxASCII || !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if !stop[w] && len(words) < n {
			words = append(words, w)
		}
	}
	return strings.Join(words, "-")
}

// file is the path of the post in one language, in the site folder.
func (p *post) file(l lang) string {
	if p.bundle {
		return path.Join("content/posts", p.name, "index."+l.code()+".md")
	}
	return path.Join("content/posts", p.name+"."+l.code()+".md")
}

// markdown writes the post in one language, prose and all, and returns
// it with the number of words of its text (code not counted).
func (p *post) markdown(l lang, r *rand.Rand) (string, int) {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "id: %d\n", p.id)
	fmt.Fprintf(&b, "title: %s\n", quote(p.title[l]))
	fmt.Fprintf(&b, "date: %s\n", p.date.Format("2006-01-02 15:04:05 -0700"))
	fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(p.tags, ", "))
	if p.desc[l] != "" {
		fmt.Fprintf(&b, "description: %s\n", quote(p.desc[l]))
	}
	if p.image != "" {
		fmt.Fprintf(&b, "images: [%s]\n", p.image)
	}
	b.WriteString("---\n")

	fixed, slots := 0, 0
	for _, bl := range p.blocks {
		if bl.prose {
			slots++
		} else {
			fixed += countWords(bl.text[l])
		}
	}
	budget := p.words[l] - fixed
	words := fixed
	for _, bl := range p.blocks {
		b.WriteString("\n")
		if !bl.prose {
			b.WriteString(bl.text[l] + "\n")
			continue
		}
		target := budget / slots
		if slots > 1 {
			target = target * (70 + r.IntN(61)) / 100
		}
		n := prose(&b, r, l, p.topic, target)
		budget -= n
		words += n
		slots--
	}
	return b.String(), words
}

// prose writes paragraphs of random sentences, about target words in all
// and at least one sentence. Some sentences are joined by a soft line
// break rather than a space.
func prose(b *strings.Builder, r *rand.Rand, l lang, topic []pair, target int) int {
	pool := koSentences
	if l == en {
		pool = enSentences
	}
	words, inPara, paraLen := 0, 0, 2+r.IntN(4)
	var recent []int // templates used last, not to be used again so soon
	for {
		t := r.IntN(len(pool))
		if slices.Contains(recent, t) {
			continue
		}
		if recent = append(recent, t); len(recent) > len(pool)/3 {
			recent = recent[1:]
		}
		s := fill(pool[t], l, pick(r, topic))
		n := countWords(s)
		if words > 0 && words+n/2 > target {
			break
		}
		switch {
		case words == 0:
		case inPara == paraLen:
			b.WriteString("\n\n")
			inPara, paraLen = 0, 2+r.IntN(4)
		case r.IntN(10) < 3:
			b.WriteString("\n")
		default:
			b.WriteString(" ")
		}
		b.WriteString(s)
		words += n
		inPara++
	}
	b.WriteString("\n")
	return words
}

// countWords counts the words of Markdown text outside code fences: the
// space-separated fields that hold a letter or a digit.
func countWords(md string) int {
	n, fenced := 0, false
	for line := range strings.Lines(md) {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		for _, f := range strings.Fields(line) {
			if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				n++
			}
		}
	}
	return n
}

// quote writes s as a YAML double-quoted string.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
