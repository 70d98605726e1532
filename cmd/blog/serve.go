package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"blog/internal/serve"
)

const serveSummary = `Usage: blog serve [-s DIR] [--port 1313] [--bind 127.0.0.1] [--drafts=true]

Builds the site in memory and serves it; nothing is written to disk.
Every save in content/, static/, themes/, layouts/ or blog.yaml rebuilds
what it touches and updates the open pages in the browser. A saved post
shows on its own page at once, put in place without a reload; the rest of
the site (lists, tags, search) follows once saves pause. A save that
breaks the build keeps the last good site served and shows the problems
over the page until the next good save. Drafts and posts dated in the
future are shown, marked. The server listens on 127.0.0.1 only, unless
--bind says otherwise.
`

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", serveSummary, stderr)
	siteDir := fs.String("s", ".", "site `folder` (holds blog.yaml and content/)")
	port := fs.Int("port", 1313, "TCP `port` to listen on; 0 picks a free one")
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on; 0.0.0.0 exposes the site to your network")
	drafts := fs.Bool("drafts", true, "show drafts and posts dated in the future")
	debounce := fs.Duration("debounce", 10*time.Millisecond, "quiet `time` after a save before rebuilding (an editor's save is a few writes within a millisecond or two)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("port %d on %s is taken, maybe by another blog serve; try --port %d, or --port 0 for any free port", *port, *bind, *port+1)
		}
		return err
	}
	dev, err := serve.NewDev(serve.DevOptions{SiteDir: *siteDir, Drafts: *drafts, Debounce: *debounce,
		SkipDirs: []string{"public", ".blogcache"}, Log: stdout, CacheDir: ".blogcache"})
	if err != nil {
		ln.Close()
		return err
	}
	dev.AllowListener(ln.Addr())
	if ok, _ := dev.Built(); !ok {
		fmt.Fprintln(stdout, "The site does not build yet; serving the problems until a save fixes them.")
	}
	fmt.Fprintf(stdout, "Serving at http://%s%s (Ctrl+C to stop)\n", ln.Addr(), dev.Config().BasePath())

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	hs := &http.Server{Handler: dev, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = hs.Shutdown(shutdown)
	}()
	go func() { _ = dev.Run(ctx) }()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
