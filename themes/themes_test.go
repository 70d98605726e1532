package themes

import (
	"bytes"
	"io/fs"
	"testing"
)

// A binary built by a plain "go build" or "go install", with no make step
// and no network, must draw diagrams: the script is part of the source.
func TestDefaultThemeCarriesTheMermaidScriptAndItsLicense(t *testing.T) {
	js, err := fs.ReadFile(Default(), "static/js/mermaid.min.js")
	if err != nil {
		t.Fatalf("the default theme has no Mermaid script: %v", err)
	}
	if len(js) < 1<<20 || !bytes.Contains(js, []byte("mermaid")) {
		t.Fatalf("static/js/mermaid.min.js is %d bytes; want the whole vendored script", len(js))
	}
	lic, err := fs.ReadFile(Default(), "static/js/mermaid.LICENSE")
	if err != nil {
		t.Fatalf("the vendored Mermaid script has no license file beside it: %v", err)
	}
	if !bytes.Contains(lic, []byte("MIT License")) {
		t.Fatalf("mermaid.LICENSE does not hold the MIT license:\n%s", lic)
	}
}
