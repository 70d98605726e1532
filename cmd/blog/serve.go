package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"syscall"
	"time"

	"blog/internal/serve"
	"blog/internal/site"
)

const serveSummary = `Usage: blog serve [-s DIR] [--port 1313] [--bind 127.0.0.1] [--drafts=true]

Builds the site in memory and serves it. Nothing is written to disk.
Drafts and posts dated in the future are shown. The server listens on
127.0.0.1 only, unless --bind says otherwise.
`

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", serveSummary, stderr)
	siteDir := fs.String("s", ".", "site `folder` (holds blog.yaml and content/)")
	port := fs.Int("port", 1313, "TCP `port` to listen on")
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on; 0.0.0.0 exposes the site to your network")
	drafts := fs.Bool("drafts", true, "show drafts and posts dated in the future")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	start := time.Now()
	b, err := site.NewBuilder(os.DirFS(*siteDir), site.BuilderOptions{Options: site.Options{Drafts: *drafts}})
	if err != nil {
		return err
	}
	out, _, err := b.Build()
	if err != nil {
		return reportProblems(err, stderr)
	}
	var langs []string
	for _, l := range b.Config.Languages[1:] {
		langs = append(langs, l.Code)
	}
	srv := serve.New(b.Config.BasePath(), langs)
	srv.Set(out)
	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("port %d on %s is taken, probably by another blog serve; try --port %d", *port, *bind, *port+1)
		}
		return err
	}
	fmt.Fprintf(stdout, "Built %d pages in %s. Serving at http://%s%s (Ctrl+C to stop)\n",
		out.Pages, time.Since(start).Round(time.Millisecond), ln.Addr(), b.Config.BasePath())
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	return hs.Serve(ln)
}
