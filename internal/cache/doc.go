// Package cache keeps work between builds in content-addressed stores
// (Store): bytes by key, where a key is a hash of everything the bytes
// were made from. Callers decide what goes in: package markdown keeps
// highlighted code, content rendered post bodies, site rendered pages
// and search indexes.
//
// # Rules
//
// An entry's key names its complete input, so an entry can never be
// stale, only unused. Each entry is stored with a hash of its key and
// bytes, checked every time it is read: a damaged entry is a miss, never
// output. Each store lives in a folder of its own (.blogcache/highlight/,
// body/ and page/ in the site by default) that git should ignore and that
// is safe to delete at any time: a missing, partial or damaged store only
// means work is done again. blog build and blog serve share them, and CI
// can restore them (actions/cache). Store.Prune drops the entries a whole
// build did not use once they take more room than those it did.
//
// It writes only inside its folders, through an os.Root: a data file that
// entries are appended to and an index of fixed-size records. Writers take
// an exclusive lock file, so a build and a server on the same site do not
// mix their writes. It imports no other package of blog.
package cache
