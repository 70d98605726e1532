// Package themes holds the built-in themes, embedded in the binary so a site
// folder needs only blog.yaml and content/.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var embedded embed.FS

// Default returns the built-in default theme, rooted at its folder
// (layouts/, i18n/, static/).
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the folder is embedded at compile time
	}
	return sub
}

// MermaidSHA256 is the SHA-256, in hex, of the default theme's
// static/js/mermaid.min.js: drawn diagrams are keyed by it, and knowing it
// spares every build hashing 3 MB. make vendor-mermaid writes it, and a
// test checks it.
const MermaidSHA256 = "581ed7d74bd9048d0e3a91363927d72ef22942d7722546b27f7cc29e35390eb8"
