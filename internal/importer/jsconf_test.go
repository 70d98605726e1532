package importer

import (
	"strings"
	"testing"
	"testing/fstest"
)

// The config reader takes what is written literally and names the rest
// computed, with its line, whatever JavaScript or TypeScript surrounds it.
func TestJSConfigReadsLiteralsAndNamesWhatIsComputed(t *testing.T) {
	src := "// @ts-check\n" + // 1
		"import {themes} from 'prism-react-renderer'; /* { not: 'this' } */\n" + // 2
		"const tags = ['a', 'b'];\n" + // 3
		"export default async function createConfig() {\n" + // 4
		"  return {\n" + // 5
		"    title: `Doyul's \"blog\"`,\n" + // 6
		"    url: 'https://doyul.example',\n" + // 7
		"    baseUrl: process.env.BASE ?? '/',\n" + // 8
		"    trailingSlash: false,\n" + // 9
		"    nested: {deep: {n: 10, re: /a\\/b{2}/g, list: [1, 'two', {three: 3}]}},\n" + // 10
		"    copyright: `© ${new Date().getFullYear()}`,\n" + // 11
		"    method(x) { return {not: 'read'}; },\n" + // 12
		"    arrow: async (p) => ({a: 1}),\n" + // 13
		"    shorthand,\n" + // 14
		"    ...spread,\n" + // 15
		"    'quoted-key': 'v', // comment with } and ]\n" + // 16
		"    sidebar: require.resolve('./sidebars.js'),\n" + // 17
		"    wrapped: ({inner: 'yes'}),\n" + // 18
		"    typed: {x: 'y'} satisfies Preset.Options,\n" + // 19
		"    sum: 1 + 2,\n" + // 20
		"  };\n" +
		"}\n"
	v := readJSConfig(src, "url")
	if v == nil {
		t.Fatal("no config object found")
	}
	str := func(path ...string) string {
		t.Helper()
		s, ok := v.get(path...).text()
		if !ok {
			t.Errorf("%v is not a literal string: %+v", path, v.get(path...))
		}
		return s
	}
	for _, c := range []struct {
		got, want string
	}{
		{str("title"), `Doyul's "blog"`},
		{str("url"), "https://doyul.example"},
		{str("quoted-key"), "v"},
		{str("sidebar"), "./sidebars.js"},
		{str("wrapped", "inner"), "yes"},
		{str("typed", "x"), "y"},
	} {
		if c.got != c.want {
			t.Errorf("read %q, want %q", c.got, c.want)
		}
	}
	if b, ok := v.get("trailingSlash").boolean(); !ok || b {
		t.Errorf("trailingSlash: %v %v", b, ok)
	}
	if n, ok := v.get("nested", "deep", "n").number(); !ok || n != 10 {
		t.Errorf("nested.deep.n: %d %v", n, ok)
	}
	if l := v.get("nested", "deep", "list"); l == nil || len(l.arr) != 3 || l.arr[2].get("three").str != "3" {
		t.Errorf("nested.deep.list: %+v", l)
	}
	for key, line := range map[string]int{"baseUrl": 8, "copyright": 11, "method": 12, "arrow": 13, "shorthand": 14, "...": 15, "sum": 20} {
		c := v.get(key)
		if !c.computed() || c.line != line {
			t.Errorf("%s: %+v, want computed on line %d", key, c, line)
		}
	}
	if !strings.HasPrefix(v.get("method").firstLine(), "method(x) {") {
		t.Errorf("the text of a method: %q", v.get("method").firstLine())
	}
}

// A config that names folders outside the site reads nothing from them.
func TestDocusaurusConfigCannotLeadOutOfTheSite(t *testing.T) {
	src := fstest.MapFS{
		"docusaurus.config.js": {Data: []byte(`module.exports = {url: 'https://x.example', baseUrl: '/', staticDirectories: ['../../etc', 'static'],
  presets: [['classic', {blog: {path: '../secret'}, docs: {path: '/etc', sidebarPath: '../../x.js'}, pages: {path: '..'}}]]};`)},
		"static/a.txt": {Data: []byte("a")},
	}
	plan := &Plan{}
	ds, err := readDocusaurusSite(src, plan)
	if err != nil {
		t.Fatal(err)
	}
	if ds.blogDir != "" || ds.docsDir != "" || ds.pagesDir != "" || ds.sidebarFile != "" || len(ds.staticDirs) != 1 {
		t.Errorf("folders outside the site are read: %+v", ds)
	}
	var notes []string
	for _, n := range plan.Notes {
		notes = append(notes, n.String())
	}
	all := strings.Join(notes, "\n")
	for _, want := range []string{`blog.path "../secret" is outside the site`, `docs.path "/etc" is outside the site`, `static folder "../../etc" is outside the site`} {
		if !strings.Contains(all, want) {
			t.Errorf("no note %q in:\n%s", want, all)
		}
	}
}
