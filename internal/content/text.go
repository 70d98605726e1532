package content

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"blog/internal/problem"
)

// clean turns raw file bytes into the text the parsers read: valid UTF-8,
// no byte order mark, LF line endings, NFC. Line numbers are unchanged.
func clean(file string, data []byte) ([]byte, *problem.Error) {
	if !utf8.Valid(data) {
		line, col := 1, 1
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				return nil, problem.At(file, line, "invalid UTF-8 (byte 0x%02x at column %d); save the file as UTF-8", data[i], col)
			}
			if r == '\n' {
				line, col = line+1, 0
			}
			i += n
			col++
		}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if !isNFC(data) {
		data = norm.NFC.Bytes(data)
	}
	return replaceControls(data), nil
}

// replaceControls replaces the characters HTML and XML do not allow in a
// document (controls other than tab and newline, U+007F–U+009F, U+FFFE,
// U+FFFF) with U+FFFD, which shows where one was: pages and feeds stay
// well-formed whatever a file holds.
func replaceControls(data []byte) []byte {
	bad := func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f || r == 0xFFFE || r == 0xFFFF
	}
	if !hasControls(data) {
		return data
	}
	return bytes.Map(func(r rune) rune {
		if bad(r) {
			return '\uFFFD'
		}
		return r
	}, data)
}

// hasControls reports whether valid UTF-8 holds a character
// replaceControls replaces, by its bytes: C0 controls and DEL are single
// bytes, C1 controls are 0xC2 0x80–0x9F, U+FFFE and U+FFFF are 0xEF 0xBF
// 0xBE–0xBF. It is what a build pays for every file, so it reads bytes,
// not runes.
func hasControls(data []byte) bool {
	for i, c := range data {
		switch {
		case c < 0x20 && c != '\t' && c != '\n', c == 0x7f:
			return true
		case c == 0xC2 && i+1 < len(data) && data[i+1] >= 0x80 && data[i+1] <= 0x9F:
			return true
		case c == 0xEF && i+2 < len(data) && data[i+1] == 0xBF && (data[i+2] == 0xBE || data[i+2] == 0xBF):
			return true
		}
	}
	return false
}

// cleanText is NFC with controls replaced, for strings a header decodes
// (YAML's "\x01" escapes).
func cleanText(s string) string {
	return string(replaceControls([]byte(NFC(s))))
}

// isNFC reports whether valid UTF-8 text is in NFC. Text made only of
// characters that are NFC by themselves and never compose with a
// neighbour from the same set (ASCII, Latin-1 and Latin Extended, Hangul
// syllables, CJK ideographs, common punctuation and arrows, full-width
// forms) is answered by a quick scan, ten times faster than the general
// check it falls back to for anything else (a combining mark, a jamo).
func isNFC(data []byte) bool {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		i += n
		if !quickNFC(r) {
			return norm.NFC.IsNormal(data)
		}
	}
	return true
}

func quickNFC(r rune) bool {
	switch {
	case r < 0x0300, // nothing here combines or decomposes
		r >= 0xAC00 && r <= 0xD7A3,                             // Hangul syllables
		r >= 0x4E00 && r <= 0x9FFF,                             // CJK ideographs
		r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E, // dashes, quotes, bullets
		r >= 0x2190 && r <= 0x2199,                             // arrows
		r >= 0x3000 && r <= 0x3003, r >= 0x3008 && r <= 0x3011, // CJK punctuation and brackets
		r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return true
	}
	return false
}

// NFC normalizes a name, tag or path, as macOS file systems write them in NFD.
func NFC(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// TagSlug turns a tag into its URL segment: NFC, lower case, spaces to '-',
// letters of every script kept, characters that mean something in a URL
// path dropped. "컴퓨터 구조" → "컴퓨터-구조", "ISTIO" → "istio".
func TagSlug(tag string) string {
	tag = strings.ToLower(NFC(strings.TrimSpace(tag)))
	var sb strings.Builder
	dash := false
	for _, r := range tag {
		switch {
		case unicode.IsSpace(r) || r == '-' || r == '/' || r == '\\':
			dash = true
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || r == '.' || r == '+':
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			dash = false
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// NameSlug turns a file or folder name into a post's slug: NFC, case and
// letters of every script kept, and each run of anything else (spaces,
// and the # ? % & ( ) [ ] : , a title used as a file name holds) one '-'.
// "[#2] Istiod Architecture 이해하기" → "2-Istiod-Architecture-이해하기"; a
// name that is already a slug ("my-post", "the-Impact-of-macOS") is
// kept as it is.
func NameSlug(name string) string {
	var sb strings.Builder
	dash := false
	for _, r := range NFC(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || r == '+' || r == '~' ||
			r == '.' && sb.Len() > 0 && !dash:
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			dash = false
			sb.WriteRune(r)
		default:
			dash = true
		}
	}
	return strings.TrimRight(sb.String(), ".")
}

// Reading speeds in words a minute: Korean counted by space-separated words
// (eojeol), other text by words.
const (
	koreanWordsPerMinute = 200
	otherWordsPerMinute  = 230
)

// ReadingTime estimates minutes of reading, at least one. Each word counts at
// the speed of its own script, so a Korean post quoting English code is
// counted per run of text, not as all one language.
func ReadingTime(text string) int {
	minutes, _ := readingStats(text)
	return minutes
}

// readingStats counts the words of text in one pass: a space-separated
// word with Hangul in it reads at the Korean speed, any other word with a
// letter or digit at the other speed. It returns the minutes (at least one)
// and the number of words.
func readingStats(text string) (minutes, words int) {
	var ko, other int
	inWord, hangul, letter := false, false, false
	end := func() {
		switch {
		case hangul:
			ko++
		case letter:
			other++
		}
		inWord, hangul, letter = false, false, false
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
				if inWord {
					end()
				}
				continue
			}
			inWord = true
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				letter = true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if unicode.IsSpace(r) {
			if inWord {
				end()
			}
			continue
		}
		inWord = true
		if r >= 0xAC00 && r <= 0xD7A3 || unicode.Is(unicode.Hangul, r) {
			hangul = true
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letter = true
		}
	}
	if inWord {
		end()
	}
	m := float64(ko)/koreanWordsPerMinute + float64(other)/otherWordsPerMinute
	return max(1, int(math.Round(m))), ko + other
}

// dateLayouts are the date forms accepted in front matter and legacy
// headers, tried in order.
var dateLayouts = []struct {
	layout  string
	hasZone bool
}{
	{time.RFC3339, true},
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02 15:04:05 -07:00", true},
	{"2006-01-02 15:04:05-07:00", true},
	{"2006-01-02 15:04 -0700", true},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02 15:04", false},
	{"2006-01-02", false},
	{"2006/01/02 15:04:05", false},
	{"2006/01/02 15:04", false},
	{"2006/01/02", false},
	{"2006.01.02", false},
}

// parseDate reads a date; one without an offset is in loc.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		var t time.Time
		var err error
		if l.hasZone {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, loc)
		}
		if err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date; write 2024-01-03, 2024-01-03 09:00:00 +0900 or 2024-01-03T09:00:00+09:00", s)
}

// notNFCLine finds Post.NotNFCLine in a file's bytes.
func notNFCLine(data []byte) int {
	if isNFC(data) {
		return 0
	}
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !norm.NFC.IsNormal(line) {
			return i + 1
		}
	}
	return 0
}
