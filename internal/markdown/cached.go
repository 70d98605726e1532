package markdown

import (
	"runtime/debug"
	"sync"

	"blog/internal/cache"
)

// highlighterVersion names what Highlight writes besides chroma's own
// code: the options of its formatter, blog's own scanners and how
// chroma's rules are run (without a match timeout, see ruletime.go; code
// cached before that may hold a rule's timeout as a wrong token). Changing
// any of them must change it, so that cached code written the old way is
// not used.
const highlighterVersion = "classes/tab4/golex-v1/scanners-v1/untimed-rules"

// HighlightVersion names the highlighter's output format: chroma's module
// version as this program was built with it, and highlighterVersion. A
// cache of highlighted code is salted with it.
func HighlightVersion() string {
	chromaVersion.once.Do(func() {
		chromaVersion.v = "chroma-unknown"
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, d := range bi.Deps {
				if d.Path == "github.com/alecthomas/chroma/v2" {
					chromaVersion.v = "chroma-" + d.Version
					if d.Replace != nil {
						chromaVersion.v += "=>" + d.Replace.Path + "@" + d.Replace.Version
					}
				}
			}
		}
	})
	return chromaVersion.v + "/" + highlighterVersion
}

var chromaVersion struct {
	once sync.Once
	v    string
}

// Cached puts a store in front of next: code highlighted once, in this
// process or an earlier one, is taken from the store. The store must be
// salted with HighlightVersion. A language without a lexer is remembered
// as an empty entry.
func Cached(st *cache.Store, next HighlightFunc) HighlightFunc {
	return func(lang string, code []byte) ([]byte, bool) {
		k := cache.MakeKey([]byte(lang), code)
		if out, ok := st.GetBytes(k); ok {
			if len(out) == 0 {
				return nil, false
			}
			return out, true
		}
		out, ok := next(lang, code)
		if !ok {
			out = nil
		}
		// A failed write is reported by Flush; the output is good either way.
		st.Put(k, out)
		return out, ok
	}
}
