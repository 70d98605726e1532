package site_test

import (
	"testing"
)

func TestGitHubPagesFilesAreWritten(t *testing.T) {
	plain := buildFixture(t, newSite("", "content/posts/a.md", post("A", "2024-01-01")))
	if f := plain.out.Lookup(".nojekyll"); f == nil {
		t.Error("no .nojekyll")
	}
	if plain.out.Lookup("CNAME") != nil {
		t.Error("CNAME written without cname in blog.yaml")
	}
	custom := buildFixture(t, newSite("cname: blog.example.org\n", "content/posts/a.md", post("A", "2024-01-01")))
	if f := custom.out.Lookup("CNAME"); f == nil || string(f.Data) != "blog.example.org\n" {
		t.Errorf("CNAME = %v", f)
	}
}
