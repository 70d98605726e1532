package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestMissingConfigGivesDefaults(t *testing.T) {
	c, err := Load(fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if c.DefaultLanguage != "ko" || len(c.Languages) != 2 || c.Languages[1].Code != "en" {
		t.Errorf("languages = %+v", c.Languages)
	}
	if c.Permalink != "/posts/:slug/" || c.Paginate != 10 || c.BaseURL != "/" || !c.Markdown.RawHTML() {
		t.Errorf("defaults = %+v", c)
	}
}

func TestDefaultLanguageComesFirst(t *testing.T) {
	c, err := parse([]byte("defaultLanguage: en\nlanguages:\n  ko:\n    title: 한국어 블로그\n  en:\n    title: English blog\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Languages[0].Code != "en" || c.Languages[1].Title != "한국어 블로그" {
		t.Errorf("languages = %+v", c.Languages)
	}
	if c.LangPrefix("en") != "" || c.LangPrefix("ko") != "/ko" {
		t.Errorf("prefixes = %q %q", c.LangPrefix("en"), c.LangPrefix("ko"))
	}
}

func TestBaseURLWithSubPath(t *testing.T) {
	c, err := parse([]byte("baseURL: https://example.org/blog\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://example.org/blog/" || c.BasePath() != "/blog/" {
		t.Errorf("baseURL=%q basePath=%q", c.BaseURL, c.BasePath())
	}
}

func TestRawHTMLCanBeSwitchedOff(t *testing.T) {
	c, err := parse([]byte("markdown:\n  unsafe: false\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Markdown.RawHTML() {
		t.Error("raw HTML still on")
	}
}

func TestConfigErrorsNameTheLine(t *testing.T) {
	for src, want := range map[string]string{
		"title: x\ntitel: y\n":               "blog.yaml:2: field titel not found",
		"title: x\npaginate: many\n":         "blog.yaml:2:",
		"defaultLanguage: fr\n":              `defaultLanguage "fr" is not among languages`,
		"permalink: /posts/\n":               "names neither :slug nor :id",
		"timeZone: Mars/Olympus\n":           "timeZone",
		"languages:\n  KO!:\n    title: x\n": "blog.yaml:2:",
	} {
		_, err := parse([]byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want it to contain %q", src, err, want)
		}
	}
}

func TestDigestFollowsEverySetting(t *testing.T) {
	digest := func(src string) string {
		t.Helper()
		c, err := parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return c.Digest()
	}
	base := digest("title: A\nparams:\n  color: red\n")
	if again := digest("title: A\nparams:\n  color: red\n"); again != base {
		t.Error("the same config gave two digests")
	}
	for _, src := range []string{
		"title: B\nparams:\n  color: red\n",
		"title: A\nparams:\n  color: blue\n",
		"title: A\nparams:\n  color: red\nlanguages:\n  ko:\n    title: 가\n",
		"title: A\nparams:\n  color: red\nmarkdown:\n  unsafe: false\n",
	} {
		if d := digest(src); d == base {
			t.Errorf("%q has the digest of another config", src)
		}
	}
	c, err := parse([]byte("title: A\nparams:\n  color: red\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetBaseURL("http://127.0.0.1:1313/"); err != nil {
		t.Fatal(err)
	}
	if d := c.Digest(); d == base {
		t.Error("a base URL set after loading left the digest alone")
	}
	if digest("params:\n  sizes:\n    1: small\n") == digest("params:\n  sizes:\n    2: small\n") {
		t.Error("two configs with numbers as Params keys share a digest")
	}
}
