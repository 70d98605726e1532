package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"blog/internal/diagram"
)

// sample is one timed run.
type sample struct {
	Wall   time.Duration
	RSSKiB int64 // peak resident set, as the kernel counts it (KiB on Linux)
}

// series is the runs of one tool on one size.
type series struct {
	Tool    string
	Samples []sample
	// HTML and XML are the files the last run wrote with those extensions.
	HTML, XML int
}

// timeRun runs the command once into a missing output folder of its own
// in outDir, adds the sample to s and counts what it wrote. The output of
// the run before goes to trash, to be deleted when the bench ends.
func timeRun(s *series, i, runs int, name string, args func(out string) []string, outDir, trash string, progress io.Writer) error {
	slug := strings.ReplaceAll(s.Tool, " ", "-")
	out := filepath.Join(outDir, fmt.Sprintf("%s-%d", slug, i))
	if i > 1 {
		prev := filepath.Join(outDir, fmt.Sprintf("%s-%d", slug, i-1))
		if err := os.Rename(prev, filepath.Join(trash, fmt.Sprintf("%s-%s-%d", filepath.Base(outDir), slug, i-1))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	// Let the previous run's writes reach the disk now, not during this run.
	syscall.Sync()
	smp, output, err := measure(name, args(out))
	if err != nil {
		return fmt.Errorf("%s run %d: %v\n%s", s.Tool, i, err, output)
	}
	html, xml, err := countPages(out)
	if err != nil {
		return fmt.Errorf("%s run %d: %w", s.Tool, i, err)
	}
	if len(s.Samples) > 0 && (html != s.HTML || xml != s.XML) {
		fmt.Fprintf(progress, "warning: %s wrote %d html and %d xml files in run %d, %d and %d before\n", s.Tool, html, xml, i, s.HTML, s.XML)
	}
	s.Samples = append(s.Samples, smp)
	s.HTML, s.XML = html, xml
	fmt.Fprintf(progress, "%-9s run %d/%d: %6d ms %7.1f MiB %6d html\n", s.Tool, i, runs, smp.Wall.Milliseconds(), mib(smp.RSSKiB), html)
	if i == 1 && len(output) > 0 {
		for _, line := range strings.Split(strings.TrimSpace(string(output)), "\n") {
			fmt.Fprintf(progress, "          | %s\n", line)
		}
	}
	return nil
}

// measure runs a command to its end and returns its wall time, its peak
// RSS and what it printed.
func measure(name string, args []string) (sample, []byte, error) {
	var output bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Env = childEnv(os.Environ())
	cmd.Stdout = &output
	cmd.Stderr = &output
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, output.Bytes(), err
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return sample{Wall: wall, RSSKiB: rss}, output.Bytes(), nil
}

// childEnv is env without the variables that tune the Go runtime, so blog
// and Hugo both run with its defaults.
func childEnv(env []string) []string {
	var kept []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GOMAXPROCS", "GOGC", "GOMEMLIMIT":
			continue
		}
		kept = append(kept, kv)
	}
	return kept
}

// countPages counts the .html and the .xml files under dir.
func countPages(dir string) (html, xml int, err error) {
	err = filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			switch filepath.Ext(name) {
			case ".html":
				html++
			case ".xml":
				xml++
			}
		}
		return nil
	})
	return html, xml, err
}

// machine describes where the numbers were taken.
type machine struct {
	CPUs  int    `json:"cpus"`
	Model string `json:"model"`
	Go    string `json:"go"`
	// Browser is the Chromium blog draws Mermaid diagrams with, "" for
	// none: with one, a cold build also draws the corpus's diagrams,
	// which Hugo's build does not.
	Browser string `json:"browser"`
}

func readMachine() machine {
	m := machine{CPUs: runtime.NumCPU(), Model: "unknown CPU", Go: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH, Browser: diagram.FindBrowser()}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		m.Model = cpuModel(string(data))
	}
	return m
}

// cpuModel returns the first model name in the text of /proc/cpuinfo.
func cpuModel(cpuinfo string) string {
	for _, line := range strings.Split(cpuinfo, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return "unknown CPU"
}

func mib(kib int64) float64 { return float64(kib) / 1024 }
