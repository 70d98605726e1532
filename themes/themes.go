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
