package content

import (
	"bytes"
	"errors"
	"time"

	"blog/internal/problem"
)

// Meta is what a post's header says about it, in either format.
type Meta struct {
	ID          string
	Title       string
	Date        time.Time
	Tags        []string
	Images      []string
	Image       string
	Description string
	Slug        string
	Authors     []string
	Draft       bool
	Featured    bool
	Aliases     []string
	// Cover is the image shown above a post; Image is the social-preview
	// image (og:image), as Docusaurus means it.
	Cover string
	// Order and Label place a doc in its section's sidebar
	// (sidebar_position, sidebar_label); HasOrder says Order was set.
	Order    float64
	HasOrder bool
	Label    string
	// Params holds every key of the header, known or not, for templates.
	Params *Params
	// Lines gives the line of each key in the file, for later messages.
	Lines map[string]int
}

// split separates the header from the body. It returns the header format
// ("yaml", "legacy" or ""), the header text, the body and the line the body
// starts on.
func split(file string, data []byte) (format string, header []byte, body []byte, bodyLine int, err *problem.Error) {
	if bytes.Equal(bytes.TrimRight(data, " \t\n"), []byte("---")) {
		return "", nil, nil, 0, problem.At(file, 1, "front matter opened with --- is never closed; add a line --- after it")
	}
	if bytes.HasPrefix(data, []byte("---\n")) {
		rest := data[4:]
		line := 2
		for off := 0; off <= len(rest); {
			end := bytes.IndexByte(rest[off:], '\n')
			var l []byte
			if end < 0 {
				l = rest[off:]
			} else {
				l = rest[off : off+end]
			}
			if t := bytes.TrimRight(l, " \t"); bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
				next := len(rest)
				if end >= 0 {
					next = off + end + 1
				}
				return "yaml", rest[:off], rest[next:], line + 1, nil
			}
			if end < 0 {
				break
			}
			off += end + 1
			line++
		}
		return "", nil, nil, 0, problem.At(file, 1, "front matter opened with --- is never closed; add a line --- after it")
	}
	if legacyStart.Match(firstLine(data)) {
		h, b, bl := splitLegacy(data)
		return "legacy", h, b, bl, nil
	}
	return "", nil, data, 1, nil
}

func firstLine(data []byte) []byte {
	data = bytes.TrimLeft(data, " \t\n")
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return data[:i]
	}
	return data
}

// ReadHeader reads a post file's header, YAML or legacy, without
// rendering the body: the header's fields, whether it was a legacy header,
// and the Markdown body (NFC, LF; a legacy body without its "## Content"
// marker). Tools that convert posts (blog import) use it; errors carry the
// file and line.
func ReadHeader(file string, data []byte, loc *time.Location) (meta *Meta, legacy bool, body []byte, errs problem.List) {
	meta, legacy, body, _, errs = readHeader(file, data, loc)
	return meta, legacy, body, errs
}

// readHeader checks the bytes of a post file, reads its header in either
// format and cuts off the body, which starts on bodyLine. meta is nil when
// the header could not be read at all.
func readHeader(file string, data []byte, loc *time.Location) (meta *Meta, legacy bool, body []byte, bodyLine int, errs problem.List) {
	return readHeaderOf(file, data, loc, true)
}

// errNoHeader is the problem of a file that starts with neither front
// matter nor a legacy header: not a post at all (a README beside the
// posts, notes), which a load skips with a warning.
var errNoHeader = errors.New("no front matter")

// ErrNoDate is the problem of a post whose header has no date, or an
// empty one; an import can find one elsewhere (the file's history).
var ErrNoDate = errors.New("date is missing")

// readHeaderOf is readHeader for a document that needs a date (a post)
// or not (a page, a doc).
func readHeaderOf(file string, data []byte, loc *time.Location, needDate bool) (meta *Meta, legacy bool, body []byte, bodyLine int, errs problem.List) {
	data, cerr := clean(file, data)
	if cerr != nil {
		return nil, false, nil, 0, problem.List{cerr}
	}
	format, header, body, bodyLine, serr := split(file, data)
	if serr != nil {
		return nil, false, nil, 0, problem.List{serr}
	}
	switch format {
	case "yaml":
		meta, errs = parseYAML(file, header, 2, loc)
	case "legacy":
		meta, errs = parseLegacy(file, header, loc)
		body = dropLegacyContentHeading(dedentLegacy(header, body))
	default:
		return nil, false, nil, 0, problem.List{problem.At(file, 1, "%w: start the file with --- and a title: line, or with a legacy [Title: …] header", errNoHeader)}
	}
	if meta == nil {
		return nil, false, nil, 0, errs
	}
	line := func(key string) int {
		if l, ok := meta.Lines[key]; ok {
			return l
		}
		return 1
	}
	if meta.Title == "" {
		errs = append(errs, problem.At(file, line("title"), "title is missing"))
	}
	if _, set := meta.Lines["date"]; !set && needDate {
		errs = append(errs, problem.At(file, 1, "%w; add date: 2024-01-03 09:00:00 +0900", ErrNoDate))
	}
	return meta, format == "legacy", body, bodyLine, errs
}
