// Package sitepath is the one rule for every path that comes from a site:
// an image a post names, an alias, a redirect's source and target, a slug,
// a permalink, a static or theme file, a file an import brings in. Each is
// resolved inside its root or refused, with a message that says why, when
// the input is read: nothing a site says can make a build read outside the
// site or write outside its output.
//
// # Input and output
//
// Rel cleans a path relative to a folder ("img/a.png"), Addr an address of
// the site ("/old/url/"), Segment checks one element (a slug). Output turns
// a clean address into the output file it is written to. OpenRoot opens a
// site folder as an fs.FS that cannot be escaped, symbolic links included,
// and Walk walks it, following links that stay inside and reporting, by
// name, those that do not.
//
// # Rules
//
// A path is valid UTF-8 in Unicode NFC; every element is non-empty, not
// "." or "..", at most MaxSegment bytes, free of control characters
// (U+0000–U+001F, U+007F–U+009F), of "/" and "\" and of spaces at either
// end; a whole path is at most MaxPath bytes. A relative path does not
// start with "/"; an address does, and has no "?" or "#" (they would end
// it in a link). Percent-escapes in an address ("/blog/%ED%95%9C/") are
// decoded before the rule applies, so "%2e%2e" is "..", and "//host" is
// not an address of the site. Nothing is repaired silently except
// redundant slashes at the ends of an address and NFC.
package sitepath

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxSegment is the longest element, in bytes: file systems allow 255,
// and a page's folder needs room beside it for nothing more.
const maxSegment = 200

// maxPath is the longest path or address, in bytes.
const maxPath = 1024

// Rel cleans a path relative to a folder of the site, as a site file
// writes it ("a.png", "img/b.png"), or says why it is refused.
func Rel(p string) (string, error) {
	if p == "" {
		return "", errors.New("is empty")
	}
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) || hasDrive(p) {
		return "", errors.New("is absolute; name a file inside the folder, relative to it")
	}
	if strings.Contains(p, "://") {
		return "", errors.New("is a URL, not a file of the site")
	}
	return clean(p, false)
}

// Addr cleans an address of the site ("/old/url", "old/url/",
// "/2024/01/x.html") into a site path with one leading slash, and a
// trailing one unless it names a file, or says why it is refused.
func Addr(p string) (string, error) {
	raw := strings.TrimSpace(p)
	if raw == "" {
		return "", errors.New("is empty")
	}
	if strings.HasPrefix(raw, "//") || strings.HasPrefix(raw, `\\`) {
		return "", errors.New("starts with //, which names another host; write /path")
	}
	if u, err := url.Parse(raw); err == nil && u.Scheme != "" && !hasDrive(raw) {
		return "", fmt.Errorf("is a URL (%s:); write the address on this site, like /path/", u.Scheme)
	}
	if strings.ContainsAny(raw, "?#") {
		return "", errors.New("has ? or #, which would end the address in a link")
	}
	dec, err := url.PathUnescape(raw)
	if err != nil {
		return "", fmt.Errorf("has a broken percent-escape: %w", err)
	}
	trail := strings.HasSuffix(dec, "/")
	inner := strings.Trim(dec, "/")
	if inner == "" {
		return "/", nil
	}
	c, err := clean(inner, true)
	if err != nil {
		return "", err
	}
	if Hidden(c) {
		return "", errors.New("names a dot file or folder, which a site never publishes")
	}
	out := "/" + c
	if trail || !hasExt(c) {
		out += "/"
	}
	return out, nil
}

// Segment checks one element of a path: a slug, a tag's slug, a
// language code.
func Segment(s string) error {
	if strings.ContainsAny(s, `/\`) {
		return errors.New(`has / or \; an element of a path cannot`)
	}
	return segment(s)
}

// Hidden reports a path with an element that starts with ".", other than
// ".well-known": a site's dot files (.env, .git, .blogcache) are never
// part of what it publishes, and a path that names one is refused.
func Hidden(p string) bool {
	for _, s := range strings.Split(p, "/") {
		if strings.HasPrefix(s, ".") && s != ".well-known" {
			return true
		}
	}
	return false
}

// Output is the output file of a clean site address: "/a/" is
// "a/index.html", "/a.html" is "a.html", "/" is "index.html".
func Output(addr string) string {
	p := strings.TrimPrefix(addr, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// clean applies the rule to every element of a slash path with no slash
// at its ends, joining runs of slashes.
func clean(p string, addr bool) (string, error) {
	if len(p) > maxPath {
		return "", fmt.Errorf("is %d bytes long; at most %d are allowed", len(p), maxPath)
	}
	if !utf8.ValidString(p) {
		return "", errors.New("is not valid UTF-8")
	}
	if strings.Contains(p, `\`) {
		return "", errors.New(`has \; separate folders with /`)
	}
	if addr && strings.ContainsAny(p, "?#") {
		return "", errors.New("has ? or #, which would end the address in a link")
	}
	p = norm.NFC.String(p)
	parts := strings.Split(p, "/")
	kept := parts[:0]
	for i, s := range parts {
		if s == "" && i > 0 && i < len(parts)-1 {
			continue // a//b
		}
		if err := segment(s); err != nil {
			return "", err
		}
		kept = append(kept, s)
	}
	return strings.Join(kept, "/"), nil
}

func segment(s string) error {
	switch {
	case s == "":
		return errors.New("has an empty element")
	case s == "." || s == "..":
		return fmt.Errorf("has a %q element, which leads out of its folder; name a file inside it", s)
	case len(s) > maxSegment:
		return fmt.Errorf("has an element of %d bytes; at most %d are allowed", len(s), maxSegment)
	case !utf8.ValidString(s):
		return errors.New("is not valid UTF-8")
	case strings.TrimSpace(s) != s:
		return fmt.Errorf("has an element %q with spaces at its end", s)
	}
	for _, r := range s {
		if r < 0x20 || r >= 0x7f && r <= 0x9f {
			return fmt.Errorf("has the control character U+%04X", r)
		}
	}
	return nil
}

// hasDrive reports a Windows drive path, "C:/x" or "c:\x".
func hasDrive(p string) bool {
	return len(p) >= 3 && (p[0]|0x20 >= 'a' && p[0]|0x20 <= 'z') && p[1] == ':' && (p[2] == '/' || p[2] == '\\')
}

// hasExt reports a last element that names a file a site serves
// ("x.html", "rss.xml", "logo.png", "font.woff2"), which an address keeps
// without a trailing slash; any other address is a folder
// ("/v1.2-notes/"). A page whose name ends like a file ("/posts/node.js")
// is written with its slash.
func hasExt(p string) bool {
	return fileExts[strings.ToLower(path.Ext(p))]
}

var fileExts = map[string]bool{}

func init() {
	for _, e := range strings.Fields(`html htm xml json txt md csv pdf zip gz tar xsl css js mjs map webmanifest
		png jpg jpeg gif webp avif svg ico bmp woff woff2 ttf otf eot mp4 webm mp3 ogg wav yml yaml toml`) {
		fileExts["."+e] = true
	}
}
