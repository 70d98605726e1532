package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"slices"
	"strconv"
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
	// Gen numbers the Output a "reload" or "css" event published; a
	// page knows the gen it was served from, so that a browser that
	// connects after an event (it was reloading for the one before) is
	// sent the events it missed.
	Gen int64 `json:"gen,omitempty"`
}

// keepEvents is how many published events a server keeps for browsers
// that connect late; one that missed more reloads.
const keepEvents = 64

// hub sends events to every connected browser and to in-process
// subscribers.
type hub struct {
	mu   sync.Mutex
	subs map[chan Event]viewer
	// moved is closed, and replaced, when a browser connects or goes.
	moved chan struct{}
}

// viewer is what a connected browser shows: the page (its URL path, ""
// for an in-process subscriber) and the Output gen it was served from.
type viewer struct {
	page string
	gen  int64
}

func newHub() *hub { return &hub{subs: map[chan Event]viewer{}, moved: make(chan struct{})} }

// subscribe adds a viewer of page, served from gen, and returns its
// events and a function that removes it.
func (h *hub) subscribe(page string, gen int64) (chan Event, func()) {
	ch := make(chan Event, 16)
	h.mu.Lock()
	h.subs[ch] = viewer{page: page, gen: gen}
	h.move()
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs, ch)
		h.move()
		h.mu.Unlock()
	}
}

// move tells waitFresh that the browsers changed; h.mu is held.
func (h *hub) move() {
	close(h.moved)
	h.moved = make(chan struct{})
}

// waitFresh waits, at most until timeout, for the browsers that show one
// of pages from an Output before gen to load it again, from gen or later:
// blog serve lets a writer's page reload before the rest of the site
// builds, so that the build does not slow the browser down.
func (h *hub) waitFresh(pages []string, gen int64, timeout time.Duration) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		h.mu.Lock()
		stale := false
		for _, v := range h.subs {
			if v.gen < gen && slices.Contains(pages, v.page) {
				stale = true
				break
			}
		}
		moved := h.moved
		h.mu.Unlock()
		if !stale {
			return
		}
		select {
		case <-moved:
		case <-deadline.C:
			return
		}
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
	return s.live.subscribe("", 0)
}

// Publish replaces the site being served and tells browsers what changed;
// gen numbers the Output.
func (s *Server) Publish(out *site.Output, ev Event) (gen int64) {
	s.mu.Lock()
	s.out, s.problem = out, ""
	s.gen++
	ev.Gen = s.gen
	if len(s.recent) == keepEvents {
		s.recent = slices.Delete(s.recent, 0, 1)
	}
	s.recent = append(s.recent, ev)
	live, gen := s.live, s.gen
	s.mu.Unlock()
	if live != nil {
		live.publish(ev)
	}
	return gen
}

// since is what a browser showing the Output gen has not seen: the
// events published after it, or a reload of every page when some of
// them are no longer kept.
func (s *Server) since(gen int64) []Event {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if gen >= s.gen {
		return nil
	}
	if len(s.recent) == 0 || s.recent[0].Gen > gen+1 {
		return []Event{{Kind: "reload", All: true, Gen: s.gen}}
	}
	var missed []Event
	for _, ev := range s.recent {
		if ev.Gen > gen {
			missed = append(missed, ev)
		}
	}
	return missed
}

// failing reports whether the last build failed, so that its problems
// are shown.
func (s *Server) failing() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.problem != ""
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
	q := r.URL.Query()
	since, sinceErr := strconv.ParseInt(q.Get("since"), 10, 64)
	ch, cancel := s.live.subscribe(q.Get("page"), since)
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
	seen := int64(-1)
	if sinceErr == nil {
		for _, ev := range s.since(since) {
			if !send(ev) {
				return
			}
			seen = ev.Gen
		}
	}
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-ch:
			if ev.Gen != 0 && ev.Gen <= seen {
				continue // sent above
			}
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
	_, _ = w.Write(injectScript([]byte(page), 0))
}

// injectScript adds the live-reload script, told the Output gen the page
// is from, before </body>, or at the end.
func injectScript(page []byte, gen int64) []byte {
	tag := fmt.Appendf(nil, `<script src="%slive.js" data-gen="%d"></script>`, livePrefix, gen)
	out := make([]byte, 0, len(page)+len(tag)+1)
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		out = append(out, page[:i]...)
		out = append(out, tag...)
		out = append(out, '\n')
		return append(out, page[i:]...)
	}
	out = append(out, page...)
	return append(out, tag...)
}
