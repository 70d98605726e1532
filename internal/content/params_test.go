package content

import (
	"reflect"
	"testing"
	"time"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/markdown"
)

// Params give every key of the header with its value, in either format,
// the same read fresh and through a memo, though they are read from the
// header's text only when asked for.
func TestParamsHoldEveryKeyOfTheHeader(t *testing.T) {
	cfg := config.Default()
	md := markdown.New(markdown.Options{})
	for _, tc := range []struct {
		name, file string
		want       map[string]any
	}{
		{"yaml", "---\ntitle: 제목\ndate: 2024-01-03\ntags: [go, 쿠버네티스]\nseries: istio\nweight: 3\nratio: 0.5\nnested: {a: [1, two]}\nempty:\n---\n본문\n", map[string]any{
			"title": "제목", "date": time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC), "tags": []any{"go", "쿠버네티스"}, "series": "istio",
			"weight": 3, "ratio": 0.5, "nested": map[string]any{"a": []any{1, "two"}}, "empty": nil,
		}},
		{"legacy", "[ID: 48]\n[Tags: ISTIO]\n[Title: [Istio] 회의]\n[WriteTime: 2024-01-03]\n[Series: istio]\n\n본문\n", map[string]any{
			"id": "48", "tags": "ISTIO", "title": "[Istio] 회의", "writetime": "2024-01-03", "series": "istio",
		}},
	} {
		store := cache.OpenStore(nil, "test")
		opts := parseOptions{store: store, kind: KindPost}
		for _, via := range []string{"fresh", "memo"} {
			_, memo := store.Lookup(memoKey("content/posts/a.md", "ko", opts, cfg.Location, []byte(tc.file)))
			if memo != (via == "memo") {
				t.Fatalf("%s, %s: a memo is there: %v", tc.name, via, memo)
			}
			p, errs := parseFile("content/posts/a.md", "ko", []byte(tc.file), cfg, md, opts)
			if len(errs) > 0 || p == nil {
				t.Fatalf("%s, %s: %v", tc.name, via, errs)
			}
			if p.Params.m != nil {
				t.Errorf("%s, %s: the values were read before they were asked for", tc.name, via)
			}
			if got := p.Params.Map(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s, %s: params\n%#v\nwant\n%#v", tc.name, via, got, tc.want)
			}
		}
	}
	var none *Params
	if none.Map() != nil {
		t.Error("a post without a header has params")
	}
}
