package serve

import (
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"

	"blog/internal/site"
)

const (
	koreanNotFound  = "<h1>페이지를 찾을 수 없습니다</h1>"
	englishNotFound = "<h1>Page not found</h1>"
)

// testServer serves a small Korean and English site under basePath.
func testServer(basePath string) *Server {
	static := fstest.MapFS{"themes/plain/static/css/style.css": {Data: []byte("body { margin: 0 }")}}
	s := newServer(basePath, []string{"en"})
	s.Set(site.NewOutput([]*site.File{
		{Path: "index.html", Data: []byte("<h1>홈</h1>")},
		{Path: "posts/x/index.html", Data: []byte("<h1>x</h1>")},
		{Path: "en/index.html", Data: []byte("<h1>Home</h1>")},
		{Path: "404.html", Data: []byte(koreanNotFound)},
		{Path: "en/404.html", Data: []byte(englishNotFound)},
		{Path: "css/style.css", Source: static, SourcePath: "themes/plain/static/css/style.css"},
		{Path: "tags/컴퓨터-구조/index.html", Data: []byte("<h1>컴퓨터 구조</h1>")},
	}))
	return s
}

// get sends one request to h, as a browser at http://127.0.0.1:1313 does,
// and returns the response with its body read.
func get(t *testing.T, h http.Handler, method, target string) (*http.Response, string) {
	t.Helper()
	return getFrom(t, h, method, target, "127.0.0.1:1313")
}

// getFrom is get with the Host header host.
func getFrom(t *testing.T, h http.Handler, method, target, host string) (*http.Response, string) {
	t.Helper()
	w := httptest.NewRecorder()
	r := httptest.NewRequest(method, target, nil)
	r.Host = host
	h.ServeHTTP(w, r)
	res := w.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

func mediaType(t *testing.T, res *http.Response) string {
	t.Helper()
	mt, _, err := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type %q: %v", res.Header.Get("Content-Type"), err)
	}
	return mt
}

func TestServesFilesWithTheirContentTypes(t *testing.T) {
	s := testServer("/")
	tests := []struct {
		path, mediaType, body string
	}{
		{"/", "text/html", "<h1>홈</h1>"},
		{"/posts/x/", "text/html", "<h1>x</h1>"},
		{"/posts/x/index.html", "text/html", "<h1>x</h1>"},
		{"/en/", "text/html", "<h1>Home</h1>"},
		{"/css/style.css", "text/css", "body { margin: 0 }"},
	}
	for _, tt := range tests {
		res, body := get(t, s, http.MethodGet, tt.path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", tt.path, res.StatusCode)
			continue
		}
		if mt := mediaType(t, res); mt != tt.mediaType {
			t.Errorf("GET %s: media type %q, want %q", tt.path, mt, tt.mediaType)
		}
		if body != tt.body {
			t.Errorf("GET %s: body %q, want %q", tt.path, body, tt.body)
		}
	}
}

func TestFolderWithoutSlashRedirectsToSlash(t *testing.T) {
	s := testServer("/")
	for path, want := range map[string]string{"/posts/x": "/posts/x/", "/en": "/en/"} {
		res, _ := get(t, s, http.MethodGet, path)
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want 301 to %q", path, res.StatusCode, res.Header.Get("Location"), want)
		}
	}
}

func TestServesPercentEncodedKoreanPath(t *testing.T) {
	s := testServer("/")
	path := "/tags/" + url.PathEscape("컴퓨터-구조") + "/"
	res, body := get(t, s, http.MethodGet, path)
	if res.StatusCode != http.StatusOK || body != "<h1>컴퓨터 구조</h1>" {
		t.Errorf("GET %s: %d %q, want the tag page", path, res.StatusCode, body)
	}
}

func TestUnknownPathGetsTheLanguagesNotFoundPage(t *testing.T) {
	s := testServer("/")
	tests := []struct{ path, body string }{
		{"/nope", koreanNotFound},
		{"/posts/nope/", koreanNotFound},
		{"/english/", koreanNotFound},
		{"/en/nope", englishNotFound},
		{"/en/posts/nope/", englishNotFound},
	}
	for _, tt := range tests {
		res, body := get(t, s, http.MethodGet, tt.path)
		if res.StatusCode != http.StatusNotFound || body != tt.body {
			t.Errorf("GET %s: %d %q, want 404 %q", tt.path, res.StatusCode, body, tt.body)
		}
		if mt := mediaType(t, res); mt != "text/html" {
			t.Errorf("GET %s: media type %q, want text/html", tt.path, mt)
		}
	}
}

func TestPathTraversalStaysInsideTheSite(t *testing.T) {
	s := testServer("/")
	// seen passes on the request target the server got, to check that the
	// client sent it as written.
	seen := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen <- r.RequestURI
		s.ServeHTTP(w, r)
	}))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	for _, raw := range []string{
		"/../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/..%2f..%2fetc/passwd",
		"/posts/../../../etc/passwd",
		"/..\\..\\etc\\passwd",
		"/..%5c..%5cetc%5cpasswd",
		"/posts/x/../../../../etc/passwd",
		"/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
		"/posts/../../posts/x",
	} {
		req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Opaque is sent as the request target as it is, so the client
		// does not clean the dots away before the server sees them.
		req.URL.Opaque = raw
		res, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", raw, err)
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got := <-seen; got != raw {
			t.Fatalf("the server got %q, want the raw %q", got, raw)
		}
		body := string(b)
		if strings.Contains(body, "root:") {
			t.Errorf("GET %s: body holds a file from outside the site: %q", raw, body)
		}
		switch res.StatusCode {
		case http.StatusNotFound:
			if body != koreanNotFound {
				t.Errorf("GET %s: 404 body %q, want the site's 404 page", raw, body)
			}
		case http.StatusMovedPermanently:
			loc := res.Header.Get("Location")
			if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.Contains(loc, "..") {
				t.Errorf("GET %s: redirect to %q, want a path inside the site", raw, loc)
			}
		default:
			t.Errorf("GET %s: status %d, want 404 or a redirect inside the site", raw, res.StatusCode)
		}
	}
}

func TestOtherMethodsAreNotAllowed(t *testing.T) {
	s := testServer("/")
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		res, _ := get(t, s, method, "/")
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s /: status %d, want 405", method, res.StatusCode)
		}
		if allow := res.Header.Get("Allow"); allow != "GET, HEAD" {
			t.Errorf("%s /: Allow %q, want \"GET, HEAD\"", method, allow)
		}
	}
}

func TestHeadGetsNoBody(t *testing.T) {
	s := testServer("/")
	for path, status := range map[string]int{"/": http.StatusOK, "/nope": http.StatusNotFound} {
		res, body := get(t, s, http.MethodHead, path)
		if res.StatusCode != status || body != "" {
			t.Errorf("HEAD %s: %d %q, want %d and no body", path, res.StatusCode, body, status)
		}
	}
}

func TestBasePathServesTheSiteOnlyUnderIt(t *testing.T) {
	s := testServer("/blog/")
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/blog/", http.StatusOK, "<h1>홈</h1>"},
		{"/blog/posts/x/", http.StatusOK, "<h1>x</h1>"},
		{"/blog/en/nope", http.StatusNotFound, englishNotFound},
		{"/", http.StatusNotFound, koreanNotFound},
		{"/posts/x/", http.StatusNotFound, koreanNotFound},
		{"/blogx/", http.StatusNotFound, koreanNotFound},
	}
	for _, tt := range tests {
		res, body := get(t, s, http.MethodGet, tt.path)
		if res.StatusCode != tt.status || body != tt.body {
			t.Errorf("GET %s: %d %q, want %d %q", tt.path, res.StatusCode, body, tt.status, tt.body)
		}
	}
	res, _ := get(t, s, http.MethodGet, "/blog")
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/blog/" {
		t.Errorf("GET /blog: %d to %q, want 301 to /blog/", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestNothingIsServedBeforeTheFirstBuild(t *testing.T) {
	res, _ := get(t, newServer("/", nil), http.MethodGet, "/")
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", res.StatusCode)
	}
}

// A page elsewhere on the web can make its own name resolve to 127.0.0.1
// (DNS rebinding) and read what blog serve shows, drafts among it: only
// the server's own names are answered.
func TestServesOnlyItsOwnHostNames(t *testing.T) {
	s := testServer("/")
	for _, host := range []string{"127.0.0.1:1313", "localhost:1313", "LOCALHOST", "[::1]:1313", "127.0.0.2"} {
		if res, _ := getFrom(t, s, http.MethodGet, "/", host); res.StatusCode != http.StatusOK {
			t.Errorf("Host %s: status %d, want 200", host, res.StatusCode)
		}
	}
	for _, host := range []string{"evil.example", "evil.example:1313", "localhost.evil.example", "127.0.0.1.evil.example", "192.168.1.10:1313", ""} {
		res, body := getFrom(t, s, http.MethodGet, "/", host)
		if res.StatusCode != http.StatusForbidden || strings.Contains(body, "<h1>") || strings.Count(strings.TrimSpace(body), "\n") > 0 {
			t.Errorf("Host %q: status %d, body %q; want 403 and a one-line reason", host, res.StatusCode, body)
		}
	}
	s.AllowListener(&net.TCPAddr{IP: net.ParseIP("192.168.1.10"), Port: 1313})
	if res, _ := getFrom(t, s, http.MethodGet, "/", "192.168.1.10:1313"); res.StatusCode != http.StatusOK {
		t.Errorf("the address it listens on: status %d, want 200", res.StatusCode)
	}
}

// "//host/path" in a Location header is another host: the slash a folder
// needs is added to the cleaned path, which has one leading slash.
func TestRedirectsStayOnTheServersOrigin(t *testing.T) {
	s := testServer("/")
	for target, want := range map[string]string{
		"/posts/x":                  "/posts/x/",
		"//posts/x":                 "/posts/x/",
		"///posts/x":                "/posts/x/",
		"/posts/x?q=1":              "/posts/x/?q=1",
		"//evil.example/../posts/x": "/posts/x/",
	} {
		res, _ := get(t, s, http.MethodGet, target)
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusMovedPermanently || loc != want {
			t.Errorf("GET %s: %d to %q, want 301 to %q", target, res.StatusCode, loc, want)
		}
		if u, err := url.Parse(loc); err != nil || u.Host != "" || strings.HasPrefix(loc, "//") {
			t.Errorf("GET %s: redirected off the origin, to %q", target, loc)
		}
	}
}
