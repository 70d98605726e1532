package themes

import (
	"bytes"
	"crypto/sha256"
	"fmt"
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

// The script's hash that builds key drawings by is the script's.
func TestMermaidSHA256IsTheScripts(t *testing.T) {
	js, err := fs.ReadFile(Default(), "static/js/mermaid.min.js")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(js)); got != MermaidSHA256 {
		t.Fatalf("MermaidSHA256 is %s; the script's SHA-256 is %s (run make vendor-mermaid, or set it)", MermaidSHA256, got)
	}
}
