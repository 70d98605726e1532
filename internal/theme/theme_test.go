package theme

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"blog/themes"
)

func TestDefaultThemeHasEveryLayoutAndBothLanguages(t *testing.T) {
	th, err := Load(themes.Default(), nil, "themes/default", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range kinds {
		if th.pages[kind] == nil {
			t.Errorf("no layout for %s", kind)
		}
	}
	ko, en := th.T("ko", "ko", "readMore"), th.T("en", "ko", "readMore")
	if ko != "더 읽기" || en != "Read more" {
		t.Errorf("readMore = %q / %q", ko, en)
	}
}

func TestDatesInTheReadersLanguageKeepTheOffset(t *testing.T) {
	th, err := Load(themes.Default(), nil, "themes/default", nil)
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 on Jan 3 in Seoul is still Jan 3 there, though Jan 3 14:30 UTC.
	d := time.Date(2024, 1, 3, 23, 30, 0, 0, time.FixedZone("", 9*3600))
	if got := th.FormatDate("ko", "ko", d); got != "2024년 1월 3일" {
		t.Errorf("ko = %q", got)
	}
	if got := th.FormatDate("en", "ko", d); got != "January 3, 2024" {
		t.Errorf("en = %q", got)
	}
}

func TestMissingStringFallsBackToDefaultLanguageThenKey(t *testing.T) {
	fsys := minimal()
	fsys["i18n/ko.yaml"] = &fstest.MapFile{Data: []byte("hello: 안녕\n")}
	th, err := Load(fsys, nil, "t", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := th.T("en", "ko", "hello"); got != "안녕" {
		t.Errorf("fallback = %q", got)
	}
	if got := th.T("en", "ko", "nothing"); got != "nothing" {
		t.Errorf("key fallback = %q", got)
	}
}

func TestSiteLayoutReplacesOneThemeFile(t *testing.T) {
	over := fstest.MapFS{"post.html": {Data: []byte(`{{ define "main" }}mine{{ end }}`)}}
	th, err := Load(minimal(), over, "t", nil)
	if err != nil {
		t.Fatal(err)
	}
	var post, home bytes.Buffer
	if err := th.Execute(&post, "post", nil); err != nil {
		t.Fatal(err)
	}
	if err := th.Execute(&home, "home", nil); err != nil {
		t.Fatal(err)
	}
	if post.String() != "<main>mine</main>" || home.String() != "<main>home</main>" {
		t.Errorf("post=%q home=%q", post.String(), home.String())
	}
}

func TestTemplateSyntaxErrorNamesFileAndLine(t *testing.T) {
	over := fstest.MapFS{"tag.html": {Data: []byte("{{ define \"main\" }}\n{{ if }}\n{{ end }}")}}
	_, err := Load(minimal(), over, "t", nil)
	if err == nil || !strings.HasPrefix(err.Error(), "layouts/tag.html:2:") {
		t.Errorf("error = %v", err)
	}
}

func minimal() fstest.MapFS {
	fsys := fstest.MapFS{"layouts/baseof.html": {Data: []byte(`<main>{{ block "main" . }}{{ end }}</main>`)}}
	for _, k := range kinds {
		fsys["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}` + k + `{{ end }}`)}
	}
	return fsys
}

func TestDigestFollowsEveryFile(t *testing.T) {
	theme := func() fstest.MapFS {
		return fstest.MapFS{
			"layouts/baseof.html":        {Data: []byte(`<main>{{ block "main" . }}{{ end }}</main>`)},
			"layouts/home.html":          {Data: []byte(`{{ define "main" }}home{{ end }}`)},
			"layouts/post.html":          {Data: []byte(`{{ define "main" }}post{{ end }}`)},
			"layouts/partials/card.html": {Data: []byte(`card`)},
			"i18n/ko.yaml":               {Data: []byte("readMore: 더 읽기\n")},
			"static/css/style.css":       {Data: []byte("body{}")},
			"static/js/mermaid.min.js":   {Data: []byte("x")},
		}
	}
	digest := func(fsys, over fstest.MapFS) string {
		t.Helper()
		var o fs.FS
		if over != nil {
			o = over
		}
		th, err := Load(fsys, o, "t", nil)
		if err != nil {
			t.Fatal(err)
		}
		return th.Digest
	}
	base := digest(theme(), nil)
	if digest(theme(), nil) != base {
		t.Fatal("the same theme gave two digests")
	}
	changes := map[string]func(fstest.MapFS){
		"a layout": func(m fstest.MapFS) {
			m["layouts/post.html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}Post{{ end }}`)}
		},
		"a partial":     func(m fstest.MapFS) { m["layouts/partials/card.html"] = &fstest.MapFile{Data: []byte(`Card`)} },
		"a UI string":   func(m fstest.MapFS) { m["i18n/ko.yaml"] = &fstest.MapFile{Data: []byte("readMore: 더 보기\n")} },
		"a static file": func(m fstest.MapFS) { delete(m, "static/js/mermaid.min.js") },
		"an extra kind": func(m fstest.MapFS) {
			m["layouts/404.html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}404{{ end }}`)}
		},
		"a site partial": nil,
	}
	for name, change := range changes {
		fsys, over := theme(), fstest.MapFS(nil)
		if change != nil {
			change(fsys)
		} else {
			over = fstest.MapFS{"partials/card.html": {Data: []byte(`card`)}}
		}
		if digest(fsys, over) == base {
			t.Errorf("changing %s left the digest alone", name)
		}
	}
}
