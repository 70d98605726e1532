// Package pages answers requests from a folder of built files the way a
// static host such as GitHub Pages does, and follows an address to the
// page it ends on the way a browser does. The import uses it to show that
// every address of an old site still answers on the new one; tests serve
// built sites with it.
//
// # Rules (GitHub Pages)
//
//   - A path names a file: /feed.xml, /a/b.html.
//   - /a is answered by a.html if there is one, else by a redirect
//     (301) to /a/ when a/ is a folder with an index.html.
//   - /a/ is answered by a/index.html; never by a.html.
//   - Anything else is the site's 404.html, with status 404.
//
// A page whose head holds <meta http-equiv="refresh" content="0; url=…">
// is a redirect page: Follow goes on to where it points.
package pages

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// Answer is how the host answers one request.
type Answer struct {
	Status   int    // 200, 301 or 404
	File     string // the file that answers (200, and 404 when the site has 404.html)
	Location string // where a 301 sends the reader
}

// Lookup answers a request for the decoded path p ("/a/b/") from fsys.
func Lookup(fsys fs.FS, p string) Answer {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	rel := strings.TrimPrefix(path.Clean(p), "/")
	dir := strings.HasSuffix(p, "/")
	switch {
	case rel == "" || rel == ".":
		if isFile(fsys, "index.html") {
			return Answer{Status: http.StatusOK, File: "index.html"}
		}
	case dir:
		if f := rel + "/index.html"; isFile(fsys, f) {
			return Answer{Status: http.StatusOK, File: f}
		}
	case isFile(fsys, rel):
		return Answer{Status: http.StatusOK, File: rel}
	case isFile(fsys, rel+".html"):
		return Answer{Status: http.StatusOK, File: rel + ".html"}
	case isFile(fsys, rel+"/index.html"):
		return Answer{Status: http.StatusMovedPermanently, Location: p + "/"}
	}
	a := Answer{Status: http.StatusNotFound}
	if isFile(fsys, "404.html") {
		a.File = "404.html"
	}
	return a
}

func isFile(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && !st.IsDir()
}

var metaRefresh = regexp.MustCompile(`(?i)<meta\s+http-equiv=["']?refresh["']?\s+content=["']\s*\d+\s*;\s*url=([^"']+)["']`)

// RefreshTarget is where a redirect page sends its reader, as written in
// its meta refresh (HTML-escaped characters undone); "" for a page that
// is not a redirect.
func RefreshTarget(page []byte) string {
	head := page
	if i := bytes.Index(bytes.ToLower(page), []byte("</head>")); i >= 0 {
		head = page[:i]
	}
	m := metaRefresh.FindSubmatch(head)
	if m == nil {
		return ""
	}
	s := string(m[1])
	s = strings.NewReplacer("&amp;", "&", "&#39;", "'", "&quot;", `"`, "&lt;", "<", "&gt;", ">").Replace(s)
	return strings.TrimSpace(s)
}

// A Hop is one step from an address to the page it ends on.
type Hop struct {
	Path   string // decoded
	Status int    // 200 (a page or a redirect page), 301 or 404
	File   string
}

// Follow fetches the decoded path p of a site published at base (a path,
// "/" or "/repo/", that fsys's files are below) as a browser does: it
// follows 301s and redirect pages that stay on the site, and returns every
// hop; the last is the page the reader sees. A redirect that leaves the
// site ends the chain with its URL as Path and status 0; a loop or more
// than ten hops is an error.
func Follow(fsys fs.FS, base, p string) ([]Hop, error) {
	base = "/" + strings.Trim(base, "/") + "/"
	if base == "//" {
		base = "/"
	}
	var hops []Hop
	seen := map[string]bool{}
	for len(hops) < 10 {
		if seen[p] {
			return hops, fmt.Errorf("%s loops back to %s", hops[0].Path, p)
		}
		seen[p] = true
		rel, ok := strings.CutPrefix(p, strings.TrimSuffix(base, "/"))
		if !ok || !strings.HasPrefix(rel, "/") && rel != "" {
			hops = append(hops, Hop{Path: p, Status: http.StatusNotFound})
			return hops, nil
		}
		a := Lookup(fsys, rel)
		hops = append(hops, Hop{Path: p, Status: a.Status, File: a.File})
		switch a.Status {
		case http.StatusMovedPermanently:
			p = strings.TrimSuffix(base, "/") + a.Location
			continue
		case http.StatusOK:
			if !strings.HasSuffix(a.File, ".html") {
				return hops, nil
			}
			data, err := fs.ReadFile(fsys, a.File)
			if err != nil {
				return hops, err
			}
			target := RefreshTarget(data)
			if target == "" {
				return hops, nil
			}
			u, err := url.Parse(target)
			if err != nil {
				return hops, fmt.Errorf("%s: refresh to %q: %w", a.File, target, err)
			}
			if u.Host != "" || u.Scheme != "" {
				hops = append(hops, Hop{Path: target})
				return hops, nil
			}
			next := u.Path
			if !strings.HasPrefix(next, "/") {
				next = path.Join(path.Dir(p+"x"), next)
				if strings.HasSuffix(u.Path, "/") {
					next += "/"
				}
			}
			p = next
			continue
		}
		return hops, nil
	}
	return hops, errors.New("more than ten hops")
}

// Handler serves fsys as the host would, at the root.
func Handler(fsys fs.FS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := Lookup(fsys, r.URL.Path)
		if a.Status == http.StatusMovedPermanently {
			loc := (&url.URL{Path: a.Location, RawQuery: r.URL.RawQuery}).String()
			http.Redirect(w, r, loc, http.StatusMovedPermanently)
			return
		}
		if a.File == "" {
			http.NotFound(w, r)
			return
		}
		data, err := fs.ReadFile(fsys, a.File)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if ct := contentType(a.File); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(a.Status)
		_, _ = w.Write(data)
	})
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".xml":
		return "application/xml"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	}
	return ""
}
