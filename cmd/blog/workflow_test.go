package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"
)

type workflow struct {
	On          map[string]any `yaml:"on"`
	Permissions map[string]string
	Jobs        map[string]struct {
		If          string `yaml:"if"`
		Needs       any
		Permissions map[string]string
		Concurrency struct {
			Group            string
			CancelInProgress bool `yaml:"cancel-in-progress"`
		}
		Environment map[string]string
		Steps       []struct {
			Name string
			ID   string
			If   string `yaml:"if"`
			Uses string
			Run  string
			With map[string]any
		}
	}
}

func readWorkflow(t *testing.T) workflow {
	t.Helper()
	data, err := os.ReadFile("../../.github/workflows/pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("pages.yml: %v", err)
	}
	return wf
}

func TestPagesWorkflowDeploysMainAndOnlyBuildsPullRequests(t *testing.T) {
	wf := readWorkflow(t)
	push, _ := wf.On["push"].(map[string]any)
	if branches, _ := push["branches"].([]any); !slices.Contains(branches, any("main")) {
		t.Errorf("on.push.branches = %v, want main", push["branches"])
	}
	if _, ok := wf.On["pull_request"]; !ok {
		t.Error("pull requests do not run the workflow")
	}
	build, deploy := wf.Jobs["build"], wf.Jobs["deploy"]
	uses := map[string]int{}
	for i, s := range build.Steps {
		name, _, _ := strings.Cut(s.Uses, "@")
		uses[name] = i
	}
	for _, action := range []string{"actions/checkout", "actions/setup-go", "actions/configure-pages", "actions/upload-pages-artifact"} {
		if _, ok := uses[action]; !ok {
			t.Errorf("build job does not use %s", action)
		}
	}
	checkout := build.Steps[uses["actions/checkout"]]
	if checkout.With["fetch-depth"] != 0 {
		t.Errorf("checkout fetch-depth = %v, want 0", checkout.With["fetch-depth"])
	}
	if setup := build.Steps[uses["actions/setup-go"]]; setup.With["cache"] != true {
		t.Errorf("setup-go is not cached: %v", setup.With)
	}
	if up := build.Steps[uses["actions/upload-pages-artifact"]]; !strings.Contains(up.If, "pull_request") {
		t.Errorf("upload runs for pull requests (if: %q)", up.If)
	}
	var quotepath bool
	for _, s := range build.Steps {
		quotepath = quotepath || strings.Contains(s.Run, "core.quotepath false")
	}
	if !quotepath {
		t.Error("no step sets core.quotepath false")
	}
	if !strings.Contains(deploy.If, "pull_request") {
		t.Errorf("deploy runs for pull requests (if: %q)", deploy.If)
	}
	if deploy.Permissions["pages"] != "write" || deploy.Permissions["id-token"] != "write" {
		t.Errorf("deploy permissions = %v", deploy.Permissions)
	}
	if deploy.Concurrency.Group != "pages" {
		t.Errorf("deploy concurrency group = %q", deploy.Concurrency.Group)
	}
	if len(deploy.Steps) != 1 || !strings.HasPrefix(deploy.Steps[0].Uses, "actions/deploy-pages@") {
		t.Errorf("deploy steps = %+v", deploy.Steps)
	}
}

var expr = regexp.MustCompile(`\$\{\{[^}]*\}\}`)

// TestPagesWorkflowBuildStepsRunHere runs the build job's commands in a
// copy of the repository, with the base URL configure-pages gives a
// project site, and checks that no link leaves the sub-path.
func TestPagesWorkflowBuildStepsRunHere(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the blog command")
	}
	root := copyRepo(t)
	home := t.TempDir() // git config --global writes here, not to the user's
	// Go keeps its caches where they are, though HOME moves.
	goenv, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output()
	if err != nil {
		t.Fatal(err)
	}
	dirs := strings.Fields(string(goenv))
	const baseURL = "https://example.org/blog"
	for _, s := range readWorkflow(t).Jobs["build"].Steps {
		if s.Run == "" {
			continue
		}
		cmd := expr.ReplaceAllString(s.Run, baseURL)
		c := exec.Command("bash", "-euo", "pipefail", "-c", cmd)
		c.Dir = root
		c.Env = append(os.Environ(), "HOME="+home, "GOCACHE="+dirs[0], "GOMODCACHE="+dirs[1], "GOPATH="+dirs[2])
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("step %q (%s): %v\n%s", s.Name, cmd, err, out)
		}
	}
	public := filepath.Join(root, "public")
	if _, err := os.Stat(filepath.Join(public, ".nojekyll")); err != nil {
		t.Error(err)
	}
	pages := 0
	err = filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		pages++
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		z := html.NewTokenizer(f)
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			for _, a := range z.Token().Attr {
				if a.Key != "href" && a.Key != "src" && a.Key != "content" {
					continue
				}
				v := a.Val
				if a.Key == "content" {
					_, v, _ = strings.Cut(v, "url=")
				}
				if strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "/blog/") ||
					strings.HasPrefix(v, "https://example.org") && !strings.HasPrefix(v, baseURL+"/") {
					rel, _ := filepath.Rel(public, p)
					t.Errorf("%s: %s=%q leaves /blog/", rel, a.Key, a.Val)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 20 {
		t.Errorf("only %d pages built", pages)
	}
}

// copyRepo copies the files git tracks, and those it would track, into a
// temporary folder.
func copyRepo(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("git", "-C", "../..", "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	dst := t.TempDir()
	files := strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			continue // deleted in the work tree
		}
		p := filepath.Join(dst, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}
