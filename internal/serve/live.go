package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"sync"
	"time"

	"blog/internal/site"
)

// livePrefix is where the live-reload script and events are served; it
// cannot clash with a page, as no output path starts with "__".
const livePrefix = "/__blog/"

//go:embed live.js
var liveJS []byte

// Event is one message to the browsers.
type Event struct {
	// Kind is "reload" (pages or files changed), "css" (only stylesheets
	// changed), "error" (the build failed) or "ok" (the site is good again
	// with nothing for this page to reload).
	Kind string `json:"kind"`
	// Pages are the URL paths of the changed pages ("/posts/x/").
	Pages []string `json:"pages,omitempty"`
	// Assets are the URL paths of the other changed files.
	Assets []string `json:"assets,omitempty"`
	// All reports that every page changed (a template or config edit).
	All bool `json:"all,omitempty"`
	// Message is the build's problems, one per line, for "error".
	Message string `json:"message,omitempty"`
}

// hub sends events to every connected browser and to in-process
// subscribers.
type hub struct {
	mu   sync.Mutex
	subs map[chan Event]struct{}
}

func newHub() *hub { return &hub{subs: map[chan Event]struct{}{}} }

func (h *hub) subscribe() (chan Event, func()) {
	ch := make(chan Event, 16)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs, ch)
		h.mu.Unlock()
	}
}

func (h *hub) publish(ev Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- ev:
		default: // a stuck browser must not hold up the others
		}
	}
}

// Subscribe returns a channel of every event sent to browsers, and a
// function that ends the subscription.
func (s *Server) Subscribe() (<-chan Event, func()) {
	s.EnableLiveReload()
	return s.live.subscribe()
}

// Publish replaces the site being served and tells browsers what changed.
func (s *Server) Publish(out *site.Output, ev Event) {
	s.Set(out)
	if s.live != nil {
		s.live.publish(ev)
	}
}

// Fail keeps the last good site and shows the build's problems in every
// open page.
func (s *Server) Fail(problems string) {
	s.mu.Lock()
	s.problem = problems
	live := s.live
	s.mu.Unlock()
	if live != nil {
		live.publish(Event{Kind: "error", Message: problems})
	}
}

func (s *Server) serveLive(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case livePrefix + "live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(liveJS)
	case livePrefix + "events":
		s.serveEvents(w, r)
	default:
		http.NotFound(w, r)
	}
}

// serveEvents streams events to one browser until it goes away. The first
// event is the current state, so a page opened while the build is broken
// shows the problems at once.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, cancel := s.live.subscribe()
	defer cancel()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Connection", "keep-alive")
	s.mu.RLock()
	problem := s.problem
	s.mu.RUnlock()
	first := Event{Kind: "ok"}
	if problem != "" {
		first = Event{Kind: "error", Message: problem}
	}
	send := func(ev Event) bool {
		data, _ := json.Marshal(ev)
		if _, err := fmt.Fprintf(w, "data: %s\n\n", data); err != nil {
			return false
		}
		flusher.Flush()
		return true
	}
	if !send(first) {
		return
	}
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-ch:
			if !send(ev) {
				return
			}
		case <-keepAlive.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// serveProblemPage answers every request when no build has succeeded yet.
func (s *Server) serveProblemPage(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	problem := s.problem
	s.mu.RUnlock()
	page := fmt.Sprintf("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Build failed</title>"+
		"<body><h1>The site does not build yet</h1><pre>%s</pre></body></html>", html.EscapeString(problem))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write(injectScript([]byte(page)))
}

var scriptTag = []byte(`<script src="` + livePrefix + `live.js"></script>`)

// injectScript adds the live-reload script before </body>, or at the end.
func injectScript(page []byte) []byte {
	out := make([]byte, 0, len(page)+len(scriptTag)+1)
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		out = append(out, page[:i]...)
		out = append(out, scriptTag...)
		out = append(out, '\n')
		return append(out, page[i:]...)
	}
	out = append(out, page...)
	return append(out, scriptTag...)
}
