// Package serve is the development server: it serves a built site from
// memory, rebuilds it when files change and reloads the browser.
//
// # Live reload
//
// Dev builds the site, watches the site folder (package watch) and
// rebuilds on every batch of changes: incrementally for posts and static
// files, from scratch when blog.yaml or a template changes. Each good build
// replaces the site being served and tells browsers what changed over
// Server-Sent Events (/__blog/events): a page reloads only when it is among
// the changed pages; a stylesheet-only change swaps the stylesheet without
// a reload. A failed build keeps the last good site served and shows the
// problems, with file and line, as an overlay in every open page until the
// next good build. The script that does this (/__blog/live.js) is added to
// HTML pages as they are served, never to the output of blog build.
//
// # Rules
//
// Only files of the built site are served: a request path is cleaned and
// looked up in the site's file index, never joined to a folder on disk, so
// no path can reach a file outside the site. A missing page gets the site's
// own 404 page (the English one under /en/) with status 404.
//
// Only requests for the server's own names are answered: localhost, a
// loopback address, or an address it listens on (AllowListener). Any
// other Host gets 403, so a page of another site that rebinds its name to
// 127.0.0.1 cannot read what the server shows (drafts among it). Redirects
// (a folder without its slash) stay on the server's own origin.
package serve

import (
	"bytes"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"blog/internal/site"
)

// Server serves the latest good build of a site.
type Server struct {
	mu      sync.RWMutex
	out     *site.Output
	problem string // the last build's problems, "" when it was good
	// gen counts the Outputs published; recent holds the last events
	// published, with their gen, for a browser that connects late.
	gen    int64
	recent []Event
	// building, when set, returns a channel closed when the build under
	// way is published, or nil when none is (Dev sets it).
	building func() <-chan struct{}
	langs    []string
	basePath string
	live     *hub // nil without live reload
	hosts    map[string]bool
}

// AllowListener lets requests name the address the server listens on
// besides localhost and loopback addresses: for a listener on every
// address (0.0.0.0 or ::), each address of the machine's interfaces.
func (s *Server) AllowListener(addr net.Addr) {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hosts == nil {
		s.hosts = map[string]bool{}
	}
	if !tcp.IP.IsUnspecified() {
		s.hosts[tcp.IP.String()] = true
		return
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			s.hosts[n.IP.String()] = true
		}
	}
	if name, err := os.Hostname(); err == nil {
		s.hosts[strings.ToLower(name)] = true
	}
}

// ownHost reports whether a request's Host names this server.
func (s *Server) ownHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "localhost" {
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if ip := net.ParseIP(host); ip != nil {
		return s.hosts[ip.String()]
	}
	return s.hosts[host]
}

// newServer makes a server for a site whose non-default languages are langs and
// whose base path is basePath ("/" or "/blog/").
func newServer(basePath string, langs []string) *Server {
	return &Server{basePath: basePath, langs: langs}
}

// buildWait bounds how long a request for a missing page waits for the
// build under way; waitedHeader marks a request that waited once.
const (
	buildWait    = 10 * time.Second
	waitedHeader = "X-Blog-Waited-For-Build"
)

// Set replaces the site being served, reloading every open page.
func (s *Server) Set(out *site.Output) { s.Publish(out, Event{Kind: "reload", All: true}) }

// EnableLiveReload makes the server add the live-reload script to HTML
// pages and answer /__blog/events.
func (s *Server) EnableLiveReload() {
	s.mu.Lock()
	if s.live == nil {
		s.live = newHub()
	}
	s.mu.Unlock()
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.ownHost(r.Host) {
		http.Error(w, "blog serve answers only requests for its own address (localhost, a loopback address or the address it listens on), not for "+strconv.Quote(r.Host), http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.mu.RLock()
	out, live, problem, gen := s.out, s.live, s.problem, s.gen
	s.mu.RUnlock()
	if live != nil && strings.HasPrefix(r.URL.Path, livePrefix) {
		s.serveLive(w, r)
		return
	}
	if out == nil {
		if live != nil && problem != "" {
			s.serveProblemPage(w, r)
			return
		}
		http.Error(w, "the site is not built yet", http.StatusServiceUnavailable)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	if !strings.HasPrefix(p+"/", s.basePath) {
		s.notFound(w, r, out, p, gen)
		return
	}
	rel := strings.TrimPrefix(p, strings.TrimSuffix(s.basePath, "/"))
	rel = strings.TrimPrefix(rel, "/")
	f := out.Lookup(rel)
	if f == nil || strings.HasSuffix(r.URL.Path, "/") && rel != "" {
		if idx := out.Lookup(path.Join(rel, "index.html")); idx != nil {
			if !strings.HasSuffix(r.URL.Path, "/") {
				// The cleaned path, one leading slash: "//x" would name
				// another host.
				to := (&url.URL{Path: p + "/", RawQuery: r.URL.RawQuery}).String()
				http.Redirect(w, r, to, http.StatusMovedPermanently)
				return
			}
			f = idx
		}
	}
	if f == nil {
		// A page the build under way may make (a new tag's page, linked
		// from the post just saved) is answered when it is done.
		if wait := s.building; wait != nil && r.Header.Get(waitedHeader) == "" {
			timer := time.NewTimer(buildWait)
			defer timer.Stop()
			if done := wait(); done != nil {
				select {
				case <-done:
					r.Header.Set(waitedHeader, "1")
					s.ServeHTTP(w, r)
					return
				case <-timer.C:
				case <-r.Context().Done():
					return
				}
			}
		}
		s.notFound(w, r, out, rel, gen)
		return
	}
	s.serveFile(w, r, f, http.StatusOK, gen)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, out *site.Output, rel string, gen int64) {
	page := "404.html"
	for _, l := range s.langs {
		if rel == l || strings.HasPrefix(rel, l+"/") {
			page = l + "/404.html"
		}
	}
	if f := out.Lookup(page); f != nil {
		s.serveFile(w, r, f, http.StatusNotFound, gen)
		return
	}
	http.NotFound(w, r)
}

// serveFile answers with one file of the site. It sends no Last-Modified:
// that header counts whole seconds, so two saves within one second would
// get 304 Not Modified for the second and leave a reloaded page stale. A
// page gets the live-reload script with gen, the Output it is from.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, f *site.File, status int, gen int64) {
	ctype := mime.TypeByExtension(path.Ext(f.Path))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	data, err := f.Bytes()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if !f.Generated() {
		in, err := f.Source.Open(f.SourcePath)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer in.Close()
		if status == http.StatusOK {
			if rs, ok := in.(io.ReadSeeker); ok {
				http.ServeContent(w, r, f.Path, time.Time{}, rs)
				return
			}
		}
		b, err := io.ReadAll(in)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		data = b
	}
	s.mu.RLock()
	live := s.live
	s.mu.RUnlock()
	if live != nil && strings.HasSuffix(f.Path, ".html") {
		data = injectScript(data, gen)
	}
	if status == http.StatusOK {
		http.ServeContent(w, r, f.Path, time.Time{}, bytes.NewReader(data))
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}
