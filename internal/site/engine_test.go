package site_test

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"blog/internal/corpus"
	"blog/internal/site"
)

// dumpTemplate writes template code that prints every exported field of
// a value of type t at expr, and of every value it holds, and calls on
// each value every method of *site.Page ($pg) that takes one argument of
// its type: a layout that shows everything it receives. It is made from
// the view types themselves, so a field added to them is printed too.
func dumpTemplate(t reflect.Type, expr string, depth int, skip map[string]bool) string {
	if depth > 8 {
		return ""
	}
	var sb strings.Builder
	calls := func(t reflect.Type, dot string) {
		pg := reflect.TypeFor[*site.Page]()
		for i := range pg.NumMethod() {
			m := pg.Method(i)
			if skip[m.Name] || m.Type.NumIn() != 2 || m.Type.IsVariadic() || m.Type.In(1) != t {
				continue
			}
			fmt.Fprintf(&sb, " %s:{{ $pg.%s %s }}", m.Name, m.Name, dot)
		}
	}
	switch {
	case t == reflect.TypeFor[time.Time]():
		fmt.Fprintf(&sb, "{{ with %s }}{{ printf \"%%v\" . }}", expr)
		calls(t, ".")
		sb.WriteString("{{ end }}")
		return sb.String()
	case t == reflect.TypeFor[template.HTML]() || t == reflect.TypeFor[template.URL]() || t == reflect.TypeFor[template.JS]():
		return fmt.Sprintf("{{ %s }}", expr)
	}
	switch t.Kind() {
	case reflect.Pointer:
		if t.Elem().Kind() != reflect.Struct {
			return fmt.Sprintf("{{ printf \"%%v\" %s }}", expr)
		}
		fmt.Fprintf(&sb, "{{ with %s }}", expr)
		calls(t, ".")
		sb.WriteString(dumpFields(t, depth, skip))
		sb.WriteString("{{ end }}")
	case reflect.Struct:
		fmt.Fprintf(&sb, "{{ with %s }}", expr)
		calls(t, ".")
		sb.WriteString(dumpFields(t, depth, skip))
		sb.WriteString("{{ end }}")
	case reflect.Slice, reflect.Array:
		fmt.Fprintf(&sb, "[{{ range %s }}%s;{{ end }}]", expr, dumpTemplate(t.Elem(), ".", depth+1, skip))
	case reflect.Map:
		fmt.Fprintf(&sb, "{{ range $k, $v := %s }}{{ $k }}={{ printf \"%%v\" $v }};{{ end }}", expr)
	case reflect.String:
		// Methods of a string (Href, Anchor) read nothing but it and the
		// config: printing the string is enough.
		fmt.Fprintf(&sb, "{{ %s }}", expr)
	default:
		fmt.Fprintf(&sb, "{{ printf \"%%v\" %s }}", expr)
	}
	return sb.String()
}

// dumpFields prints the exported fields and the methods without
// arguments of a struct type (or a pointer to one) at dot.
func dumpFields(t reflect.Type, depth int, skip map[string]bool) string {
	var sb strings.Builder
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	for i := range st.NumField() {
		f := st.Field(i)
		if !f.IsExported() {
			continue
		}
		fmt.Fprintf(&sb, " %s=(%s)", f.Name, dumpTemplate(f.Type, "."+f.Name, depth+1, skip))
	}
	for i := range t.NumMethod() {
		m := t.Method(i)
		if skip[m.Name] || m.Type.NumIn() != 1 || m.Type.NumOut() == 0 {
			continue
		}
		fmt.Fprintf(&sb, " %s()=(%s)", m.Name, dumpTemplate(m.Type.Out(0), "."+m.Name, depth+1, skip))
	}
	return sb.String()
}

// everythingLayouts are layouts for every page kind and the card partial
// that print everything they receive.
func everythingLayouts() map[string]string {
	pageType := reflect.TypeFor[*site.Page]()
	// Config and Language hold every setting already in the Site's key;
	// printed, a map order in them could differ between builds.
	page := "{{ $pg := . }}" + dumpTemplate(pageType, ".", 0, map[string]bool{"Config": true}) + "\n"
	card := "{{ $pg := .Page }}card " + dumpTemplate(reflect.TypeFor[*site.Post](), ".Post", 0, map[string]bool{"Card": true, "Config": true}) +
		" page:" + dumpTemplate(pageType, ".Page", 0, map[string]bool{"Card": true, "Config": true}) + "\n"
	files := map[string]string{
		"layouts/baseof.html":             `{{ block "main" . }}{{ end }}`,
		"layouts/partials/post-card.html": card,
	}
	for _, kind := range []string{"home", "post", "tags", "tag", "archive", "search", "404"} {
		files["layouts/"+kind+".html"] = `{{ define "main" }}` + kind + " " + page + `{{ end }}`
	}
	return files
}

// engineSite is a small bilingual site with bundles, single files,
// translations, authors, tags, drafts and static files.
func engineSite(t *testing.T, dir string) {
	files := map[string]string{
		"blog.yaml":            "title: Engine\nbaseURL: https://engine.example/\npaginate: 3\n",
		"content/authors.yaml": "kim:\n  name: Kim\n  url: https://kim.example/\nlee:\n  name: Lee\n",
		"static/a.txt":         "static a\n",
	}
	for k, v := range everythingLayouts() {
		files[k] = v
	}
	for i := range 9 {
		name := fmt.Sprintf("content/posts/p%d.md", i)
		if i%3 == 0 {
			name = fmt.Sprintf("content/posts/p%d/index.ko.md", i)
			files[fmt.Sprintf("content/posts/p%d/img.png", i)] = "png"
		}
		files[name] = enginePost(i, "ko")
		if i%2 == 0 {
			en := fmt.Sprintf("content/posts/p%d.en.md", i)
			if i%3 == 0 {
				en = fmt.Sprintf("content/posts/p%d/index.en.md", i)
			}
			files[en] = enginePost(i, "en")
		}
	}
	if err := corpus.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
}

func enginePost(i int, lang string) string {
	// Dated through 2025, around the builds' times: some are scheduled
	// at first and become due as time passes.
	return fmt.Sprintf("---\nid: %d\ntitle: \"%s 글 %d\"\ndate: 2025-%02d-1%d 09:00:00 +0900\ntags: [t%d, 공통]\nauthors: [kim]\n---\n\n요약 %d 문단.\n\n<!-- truncate -->\n\n## 제목 %d\n\n본문 %d.\n\n```go\nfunc f%d() {}\n```\n",
		i, lang, i, 1+i%12, i%9, i%4, i, i, i, i)
}

// engineEdit changes one input of the site, as a writer saves it, and
// returns the changed paths.
type engineEdit struct {
	name string
	do   func(t *testing.T, dir string, rng *rand.Rand) []string
}

func rewrite(t *testing.T, dir, rel string, f func(string) string) []string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(f(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{rel}
}

func postFiles(t *testing.T, dir string) []string {
	var out []string
	filepath.WalkDir(filepath.Join(dir, "content", "posts"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

var engineEdits = []engineEdit{
	{"title", func(t *testing.T, dir string, rng *rand.Rand) []string {
		ps := postFiles(t, dir)
		return rewrite(t, dir, ps[rng.IntN(len(ps))], func(s string) string {
			return strings.Replace(s, "title: \"", fmt.Sprintf("title: \"새 %d ", rng.IntN(100)), 1)
		})
	}},
	{"tags", func(t *testing.T, dir string, rng *rand.Rand) []string {
		ps := postFiles(t, dir)
		return rewrite(t, dir, ps[rng.IntN(len(ps))], func(s string) string {
			if rng.IntN(2) == 0 {
				return strings.Replace(s, "tags: [", fmt.Sprintf("tags: [n%d, ", rng.IntN(5)), 1)
			}
			return strings.Replace(s, ", 공통]", "]", 1)
		})
	}},
	{"date", func(t *testing.T, dir string, rng *rand.Rand) []string {
		ps := postFiles(t, dir)
		return rewrite(t, dir, ps[rng.IntN(len(ps))], func(s string) string {
			i := strings.Index(s, "date: ")
			j := strings.Index(s[i:], "\n")
			// Some after the build's time: scheduled posts.
			return s[:i] + fmt.Sprintf("date: %d-%02d-%02d 10:00:00 +0900", 2024+rng.IntN(3), 1+rng.IntN(12), 1+rng.IntN(28)) + s[i+j:]
		})
	}},
	{"summary", func(t *testing.T, dir string, rng *rand.Rand) []string {
		ps := postFiles(t, dir)
		return rewrite(t, dir, ps[rng.IntN(len(ps))], func(s string) string {
			return strings.Replace(s, "요약", fmt.Sprintf("요약 바뀜 %d", rng.IntN(100)), 1)
		})
	}},
	{"description", func(t *testing.T, dir string, rng *rand.Rand) []string {
		ps := postFiles(t, dir)
		return rewrite(t, dir, ps[rng.IntN(len(ps))], func(s string) string {
			if strings.Contains(s, "description:") {
				return strings.Replace(s, "description: ", "description: 다시 ", 1)
			}
			return strings.Replace(s, "---\n\n", fmt.Sprintf("description: 설명 %d\n---\n\n", rng.IntN(100)), 1)
		})
	}},
	{"body", func(t *testing.T, dir string, rng *rand.Rand) []string {
		ps := postFiles(t, dir)
		return rewrite(t, dir, ps[rng.IntN(len(ps))], func(s string) string { return s + fmt.Sprintf("\n덧붙임 %d.\n", rng.IntN(100)) })
	}},
	{"authors file", func(t *testing.T, dir string, rng *rand.Rand) []string {
		return rewrite(t, dir, "content/authors.yaml", func(s string) string {
			return strings.Replace(s, "name: Kim", fmt.Sprintf("name: Kim %d", rng.IntN(100)), 1)
		})
	}},
	{"post authors", func(t *testing.T, dir string, rng *rand.Rand) []string {
		ps := postFiles(t, dir)
		return rewrite(t, dir, ps[rng.IntN(len(ps))], func(s string) string {
			if strings.Contains(s, "authors: [kim]") {
				return strings.Replace(s, "authors: [kim]", "authors: [kim, lee]", 1)
			}
			return strings.Replace(s, "authors: [kim, lee]", "authors: [kim]", 1)
		})
	}},
	{"draft", func(t *testing.T, dir string, rng *rand.Rand) []string {
		ps := postFiles(t, dir)
		return rewrite(t, dir, ps[rng.IntN(len(ps))], func(s string) string {
			if strings.Contains(s, "draft: true\n") {
				return strings.Replace(s, "draft: true\n", "", 1)
			}
			return strings.Replace(s, "---\n\n", "draft: true\n---\n\n", 1)
		})
	}},
	{"config", func(t *testing.T, dir string, rng *rand.Rand) []string {
		return rewrite(t, dir, "blog.yaml", func(s string) string {
			switch rng.IntN(3) {
			case 0:
				if strings.Contains(s, "paginate: 3") {
					return strings.Replace(s, "paginate: 3", "paginate: 2", 1)
				}
				return strings.Replace(s, "paginate: 2", "paginate: 3", 1)
			case 1:
				if strings.Contains(s, "showUntranslated: true\n") {
					return strings.Replace(s, "showUntranslated: true\n", "", 1)
				}
				return s + "showUntranslated: true\n"
			}
			return strings.Replace(s, "title: Engine", fmt.Sprintf("title: Engine %d", rng.IntN(100)), 1)
		})
	}},
	{"layout", func(t *testing.T, dir string, rng *rand.Rand) []string {
		kind := []string{"post", "home", "tag", "archive"}[rng.IntN(4)]
		return rewrite(t, dir, "layouts/"+kind+".html", func(s string) string {
			return strings.Replace(s, "{{ end }}", fmt.Sprintf("edited %d{{ end }}", rng.IntN(100)), 1)
		})
	}},
	{"card partial", func(t *testing.T, dir string, rng *rand.Rand) []string {
		return rewrite(t, dir, "layouts/partials/post-card.html", func(s string) string {
			return fmt.Sprintf("v%d ", rng.IntN(100)) + s
		})
	}},
	{"static file", func(t *testing.T, dir string, rng *rand.Rand) []string {
		name := fmt.Sprintf("static/s%d.txt", rng.IntN(3))
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.WriteFile(p, []byte(fmt.Sprintf("static %d\n", rng.IntN(100))), 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{name}
	}},
	{"new post", func(t *testing.T, dir string, rng *rand.Rand) []string {
		n := 50 + rng.IntN(1000)
		name := fmt.Sprintf("content/posts/new%d.md", n)
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.WriteFile(p, []byte(enginePost(n, "ko")), 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{name}
	}},
	{"deleted post", func(t *testing.T, dir string, rng *rand.Rand) []string {
		ps := postFiles(t, dir)
		if len(ps) < 6 {
			return nil
		}
		p := ps[rng.IntN(len(ps))]
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			t.Fatal(err)
		}
		return []string{p}
	}},
}

// TestOutputIsAFunctionOfTheInputAlone edits a site at random, many
// times, with layouts that print everything they receive, and after each
// edit builds it three ways: as blog build does with the cache folder the
// earlier builds left, as blog serve does (one Builder, told what
// changed), and cold (a new Builder, no cache). All three must be byte
// for byte the same.
func TestOutputIsAFunctionOfTheInputAlone(t *testing.T) {
	dir := t.TempDir()
	engineSite(t, dir)
	cacheDir := t.TempDir()
	now := site.Options{Now: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC), Drafts: true}
	// Time passes between saves: a scheduled post becomes due.
	serveOpts := site.BuilderOptions{Options: now}
	serveOpts.Defer = true
	serve, err := site.NewBuilder(os.DirFS(dir), serveOpts)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := serve.Build(); err != nil {
		t.Fatal(err)
	}
	steps := 40
	if testing.Short() {
		steps = 12
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for step := range steps {
		now.Now = now.Now.Add(time.Duration(rng.IntN(20*24)) * time.Hour)
		serve.SetNow(now.Now)
		e := engineEdits[rng.IntN(len(engineEdits))]
		changed := e.do(t, dir, rng)
		what := fmt.Sprintf("step %d (%s %v)", step, e.name, changed)

		cold, _ := buildOnce(t, dir, site.BuilderOptions{Options: now})
		cached, _ := buildOnce(t, dir, site.BuilderOptions{Options: now, Cache: openCache(t, cacheDir)})
		if diff := compareOutputs(cached, cold); diff != "" {
			t.Fatalf("%s: a build with the cache folder differs from a cold build: %s", what, diff)
		}
		// As blog serve does: a new Builder when the config or a layout
		// changed, else the same one, told what changed.
		full := slices.ContainsFunc(changed, func(p string) bool { return p == "blog.yaml" || strings.HasPrefix(p, "layouts/") })
		var got *site.Output
		if full {
			if serve, err = site.NewBuilder(os.DirFS(dir), serveOpts); err != nil {
				t.Fatal(err)
			}
			serve.SetNow(now.Now)
			got, _, err = serve.Build()
		} else {
			got, _, err = serve.Update(changed)
		}
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if diff := compareOutputs(got, cold); diff != "" {
			t.Fatalf("%s: blog serve's rebuild differs from a cold build: %s", what, diff)
		}
	}
}
