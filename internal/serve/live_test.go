package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"blog/internal/site"
)

// TestLateBrowserGetsTheEventsItMissed: a page is served from one build;
// two more are published before its browser connects (it was still
// loading); on connecting it is sent both, so it reloads. A page from the
// newest build is sent nothing, and one older than the events kept is
// told to reload everything.
func TestLateBrowserGetsTheEventsItMissed(t *testing.T) {
	s := newServer("/", nil)
	s.EnableLiveReload()
	page := func(text string) *site.Output {
		return output(&site.File{Path: "posts/a/index.html", Data: []byte("<html><body>" + text + "</body></html>")})
	}
	s.Publish(page("one"), Event{Kind: "reload", All: true})
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.AllowListener(srv.Listener.Addr())
	body := httpGet(t, srv.URL+"/posts/a/")
	m := regexp.MustCompile(`data-gen="(\d+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no data-gen in the served page:\n%s", body)
	}
	gen := m[1]
	s.Publish(page("two"), Event{Kind: "reload", Pages: []string{"/posts/a/"}})
	s.Publish(page("three"), Event{Kind: "reload", Pages: []string{"/"}})

	got := events(t, srv.URL+"/__blog/events?since="+gen, 3)
	if got[0].Kind != "ok" || !slices.Equal(got[1].Pages, []string{"/posts/a/"}) || !slices.Equal(got[2].Pages, []string{"/"}) {
		t.Errorf("events for a page of gen %s: %+v; want ok, then the two it missed", gen, got)
	}
	if missed := s.since(3); len(missed) != 0 {
		t.Errorf("a page of the newest build missed %+v", missed)
	}
	for range keepEvents + 1 {
		s.Publish(page("more"), Event{Kind: "reload", Pages: []string{"/"}})
	}
	if missed := s.since(1); len(missed) != 1 || !missed[0].All {
		t.Errorf("a page older than the events kept: %+v; want one reload of every page", missed)
	}
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		b.WriteString(sc.Text() + "\n")
	}
	return b.String()
}

// events reads n events from an event stream.
func events(t *testing.T, url string, n int) []Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var got []Event
	sc := bufio.NewScanner(res.Body)
	for len(got) < n && sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			var ev Event
			if err := json.Unmarshal([]byte(data), &ev); err != nil {
				t.Fatal(err)
			}
			got = append(got, ev)
		}
	}
	if len(got) < n {
		t.Fatalf("%d events, want %d: %+v", len(got), n, got)
	}
	return got
}

// TestBuildWaitsForThePageToShow: the build after a preview waits for the
// browsers on the previewed page to show its new version: each connects
// again from that gen, after a reload or after putting it in place; and
// no longer than its bound when none does.
func TestBuildWaitsForThePageToShow(t *testing.T) {
	h := newHub()
	_, cancel := h.subscribe("/posts/a/", 1)
	defer cancel()
	_, other := h.subscribe("/", 1) // on another page: not waited for
	defer other()
	done := make(chan time.Duration)
	go func() {
		start := time.Now()
		h.waitFresh([]string{"/posts/a/"}, 2, 10*time.Second)
		done <- time.Since(start)
	}()
	select {
	case <-done:
		t.Fatal("waitFresh returned while the page's browser shows the old version")
	case <-time.After(50 * time.Millisecond):
	}
	_, again := h.subscribe("/posts/a/", 2) // put in place, connected again
	defer again()
	cancel()
	select {
	case took := <-done:
		if took > 5*time.Second {
			t.Errorf("waited %v", took)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("waitFresh did not return when the browser showed the page")
	}
	// A browser that reloads connects again from the new gen.
	_, reloaded := h.subscribe("/posts/a/", 3)
	defer reloaded()
	again()
	start := time.Now()
	h.waitFresh([]string{"/posts/a/"}, 3, 10*time.Second)
	if took := time.Since(start); took > time.Second {
		t.Errorf("waited %v for a browser that had reloaded", took)
	}
	// None shows it: the bound.
	_, stuck := h.subscribe("/posts/b/", 1)
	defer stuck()
	start = time.Now()
	h.waitFresh([]string{"/posts/b/"}, 2, 100*time.Millisecond)
	if took := time.Since(start); took < 100*time.Millisecond || took > 5*time.Second {
		t.Errorf("waited %v; want the bound of 100ms", took)
	}
}
