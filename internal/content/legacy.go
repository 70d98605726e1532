package content

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"

	"blog/internal/problem"
)

// The legacy header is one bracketed "[Key: value]" per line, possibly
// indented, before the body:
//
//	[ID: 48]
//	[Tags: ISTIO]
//	[Title: [Istio Contribution] weekly meeting 참여하기]
//	[WriteTime: 2024-01-03]
//	[ImageNames: a.png b.png]
var (
	legacyStart = regexp.MustCompile(`^\s*\[(?i:ID|Tags|Title|WriteTime|ImageNames)\s*:`)
	legacyLine  = regexp.MustCompile(`^\s*\[([A-Za-z][A-Za-z0-9_]*)\s*:(.*)$`)
)

// splitLegacy cuts the header lines from the body. The header is every line
// from the top that looks like "[Key: …", and the blank lines after it.
func splitLegacy(data []byte) (header, body []byte, bodyLine int) {
	off, line := 0, 1
	for off < len(data) {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		l := data[off:next]
		if t := bytes.TrimSpace(l); len(t) > 0 && !legacyLine.Match(t) {
			break
		}
		off, line = next, line+1
	}
	return data[:off], data[off:], line
}

// legacyContentHeading is the "## Content" heading the old system put at
// the top of every body; it is part of the format, not of the text.
var legacyContentHeading = regexp.MustCompile(`^#{1,6}\s+Content\s*$`)

// parseLegacy reads a bracket header.
func parseLegacy(file string, header []byte, loc *time.Location) (*Meta, problem.List) {
	m := &Meta{Params: newParams(header, true), Lines: map[string]int{}}
	var errs problem.List
	eachLegacyLine(string(header), func(line int, s, name, val string) {
		key := strings.ToLower(name)
		if !strings.HasSuffix(s, "]") {
			errs = append(errs, problem.At(file, line, "header line %q does not end with ]", s))
			return
		}
		if prev, dup := m.Lines[key]; dup {
			errs = append(errs, problem.At(file, line, "[%s] is set twice (first on line %d)", name, prev))
			return
		}
		m.Lines[key] = line
		switch key {
		case "id":
			if val == "" {
				break
			}
			n, err := strconv.ParseUint(val, 10, 64)
			if err != nil {
				errs = append(errs, problem.At(file, line, "ID: %q is not a number", val))
				break
			}
			m.ID = strconv.FormatUint(n, 10)
		case "tags":
			sep := strings.Fields
			if strings.Contains(val, ",") {
				sep = func(s string) []string { return strings.Split(s, ",") }
			}
			for _, t := range sep(val) {
				if t = strings.TrimSpace(t); t != "" {
					m.Tags = append(m.Tags, t)
				}
			}
		case "title":
			m.Title = val
		case "writetime":
			m.Lines["date"] = line
			if val == "" {
				errs = append(errs, &problem.Error{File: file, Line: line, Msg: "WriteTime is empty; write a date like 2024-01-03", Err: ErrNoDate})
				break
			}
			t, err := parseDate(val, loc)
			if err != nil {
				errs = append(errs, problem.At(file, line, "WriteTime: %v", err))
				break
			}
			m.Date = t
		case "imagenames":
			m.Images = strings.FieldsFunc(val, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
			m.Lines["images"] = line
		}
	})
	return m, errs
}

// dedentLegacy undoes the indent some legacy files carry from their second
// header line into the first paragraph of the body ("\t\t[Tags: …]" …
// "\t\t첫 문단"), which Markdown would read as a code block: the indent
// of the header's last lines is taken off the body's lines up to its first
// blank line.
func dedentLegacy(header, body []byte) []byte {
	var indent []byte
	for _, l := range bytes.Split(header, []byte("\n")) {
		if t := bytes.TrimLeft(l, " \t"); len(t) > 0 {
			indent = l[:len(l)-len(t)]
		}
	}
	if len(indent) == 0 {
		return body
	}
	lines := bytes.SplitAfter(body, []byte("\n"))
	changed := false
	for i, l := range lines {
		if len(bytes.TrimSpace(l)) == 0 {
			if changed {
				break
			}
			continue
		}
		if !bytes.HasPrefix(l, indent) {
			break
		}
		lines[i] = l[len(indent):]
		changed = true
	}
	if !changed {
		return body
	}
	return bytes.Join(lines, nil)
}

// dropLegacyContentHeading removes the "## Content" marker that opens a
// legacy body, keeping the line count by leaving an empty line.
func dropLegacyContentHeading(body []byte) []byte {
	off := 0
	for off < len(body) {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body) - off
		}
		l := body[off : off+end]
		if len(bytes.TrimSpace(l)) == 0 {
			off += end + 1
			continue
		}
		if legacyContentHeading.Match(l) {
			out := make([]byte, 0, len(body))
			out = append(out, body[:off]...)
			return append(out, body[off+end:]...)
		}
		break
	}
	return body
}
