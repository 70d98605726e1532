package site

import (
	"encoding/binary"
	"fmt"
	"os"

	"blog/internal/cache"
	"blog/internal/config"
	"blog/internal/theme"
)

// pageCache keeps rendered pages between processes (.blogcache/page/), so
// that a build with nothing changed executes no layout: a page is taken
// from it when its signature (Page.signature) and everything the
// signature does not cover match. That is the config as loaded (base URL
// included), the theme (theme.Theme.Digest) and this program's build (the
// store's salt): they are summed up in scope, which is part of every key.
// A signature is a 64-bit hash, as in the comparison with the last build
// in one process.
type pageCache struct {
	st    *cache.Store
	scope []byte
}

// openPageCache opens the page store in the folder dir (nil: in memory);
// nil when the config cannot be summed up.
func openPageCache(dir *os.Root, cfg *config.Config, th *theme.Theme) *pageCache {
	digest, ok := cfg.Digest()
	if !ok {
		return nil
	}
	build := cache.BuildID()
	return &pageCache{
		st: cache.OpenStore(dir, "page/v1 "+build),
		// The build is in the salt and, in case another version took the
		// folder over while this one ran, in every key too.
		scope: []byte(fmt.Sprintf("config=%s theme=%s build=%s", digest, th.Digest, build)),
	}
}

// key names a page's entry: its output path and signature in this scope.
func (c *pageCache) key(out string, sig uint64) cache.Key {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], sig)
	return cache.MakeKey(c.scope, []byte(out), n[:])
}

// get returns the page under k, if the store has it whole.
func (c *pageCache) get(k cache.Key) ([]byte, bool) {
	return c.st.GetBytes(k)
}
