package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// unknownLang is the language of the fourth code block of every post: a
// name chroma has no lexer for, so the highlighter's fallback runs too.
const unknownLang = "zigzag-lang"

// codeLangs are the languages of a post's four code blocks, in the order
// a plan makes them.
var codeLangs = []string{"go", "yaml", "sh", unknownLang}

// snippet writes a code block body of 5 to 20 lines in one language. Most
// are made from a template with identifiers drawn from small pools, so
// blocks differ between posts; now and then it is one of a few classic
// snippets, word for word, the way real blogs repeat themselves.
func snippet(r *rand.Rand, lang string) string {
	var gens []func(*rand.Rand) []string
	var classic []string
	switch lang {
	case "go":
		gens, classic = goSnippets, goClassics
	case "yaml":
		gens, classic = yamlSnippets, yamlClassics
	case "sh":
		gens, classic = shSnippets, shClassics
	default:
		gens, classic = zigzagSnippets, zigzagClassics
	}
	if r.IntN(7) == 0 {
		return classic[r.IntN(len(classic))]
	}
	return strings.Join(gens[r.IntN(len(gens))](r), "\n") + "\n"
}

// Identifier pools. They are small on purpose: two posts often name the
// same type.
var (
	typeNames = []string{"Config", "Server", "Reconciler", "Cache", "Store", "Watcher", "Client", "Handler", "Queue", "Pool", "Builder", "Loader", "Router", "Session", "Indexer"}
	funcVerbs = []string{"load", "parse", "sync", "fetch", "build", "apply", "watch", "resolve", "render", "flush"}
	fields    = []struct{ name, typ, zero string }{
		{"Name", "string", `""`}, {"Timeout", "time.Duration", "0"}, {"Retries", "int", "0"},
		{"Labels", "map[string]string", "nil"}, {"Enabled", "bool", "false"}, {"Addr", "string", `""`},
		{"MaxConns", "int", "0"}, {"Interval", "time.Duration", "0"}, {"Tags", "[]string", "nil"},
		{"Namespace", "string", `""`}, {"Port", "int", "0"}, {"Root", "fs.FS", "nil"},
	}
	appNames   = []string{"api", "web", "worker", "blog", "gateway", "indexer", "scheduler", "auth"}
	namespaces = []string{"default", "prod", "staging", "istio-system", "monitoring", "dev"}
	goComments = []string{"// 캐시가 비어 있으면 다시 읽는다.", "// Retry once: the API server may be restarting.", "// 여기서 context를 넘기지 않으면 취소가 전파되지 않는다.", "// Keep the order stable for the tests."}
	shComments = []string{"# 로그부터 확인", "# clean build", "# 캐시를 지우고 다시 측정", "# reproduce the failure", "# before the fix"}
)

func oneOf[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

func upperFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// distinct returns k different elements of xs, in a random order.
func distinct[T any](r *rand.Rand, xs []T, k int) []T {
	out := make([]T, 0, k)
	for _, i := range r.Perm(len(xs))[:k] {
		out = append(out, xs[i])
	}
	return out
}

var goSnippets = []func(*rand.Rand) []string{
	// A loader that wraps its errors.
	func(r *rand.Rand) []string {
		t, verb := oneOf(r, typeNames), oneOf(r, funcVerbs)
		v := lowerFirst(t)[:1]
		l := []string{
			fmt.Sprintf("func %s%s(ctx context.Context, name string) (*%s, error) {", verb, t, t),
			fmt.Sprintf("\t%s, err := get%s(ctx, name)", v, t),
			"\tif err != nil {",
			fmt.Sprintf("\t\treturn nil, fmt.Errorf(\"%s %s %%q: %%w\", name, err)", verb, strings.ToLower(t)),
			"\t}",
		}
		if r.IntN(2) == 0 {
			l = append(l, "\t"+oneOf(r, goComments))
		}
		for _, f := range distinct(r, fields, r.IntN(4)) {
			l = append(l,
				fmt.Sprintf("\tif %s.%s == %s {", v, f.name, f.zero),
				fmt.Sprintf("\t\treturn nil, errors.New(\"%s: %s is required\")", strings.ToLower(t), strings.ToLower(f.name)),
				"\t}")
		}
		return append(l, fmt.Sprintf("\treturn %s, nil", v), "}")
	},
	// A struct of settings with a Validate method.
	func(r *rand.Rand) []string {
		t := oneOf(r, typeNames)
		fs := distinct(r, fields, 3+r.IntN(5))
		width := 0
		for _, f := range fs {
			width = max(width, len(f.name))
		}
		l := []string{
			fmt.Sprintf("// %s holds the settings of one %s.", t, strings.ToLower(t)),
			fmt.Sprintf("type %s struct {", t),
		}
		for _, f := range fs {
			l = append(l, fmt.Sprintf("\t%-*s %s", width, f.name, f.typ))
		}
		return append(l, "}", "",
			fmt.Sprintf("func (c *%s) Validate() error {", t),
			fmt.Sprintf("\tif c.%s == %s {", fs[0].name, fs[0].zero),
			fmt.Sprintf("\t\treturn fmt.Errorf(\"%s: %s must be set\")", strings.ToLower(t), strings.ToLower(fs[0].name)),
			"\t}",
			"\treturn nil",
			"}")
	},
	// A bounded worker pool.
	func(r *rand.Rand) []string {
		t, verb := oneOf(r, typeNames), oneOf(r, funcVerbs)
		if r.IntN(2) == 0 {
			return []string{
				fmt.Sprintf("func %sAll(ctx context.Context, items []%s, workers int) error {", verb, t),
				"\tg, ctx := errgroup.WithContext(ctx)",
				"\tg.SetLimit(workers)",
				"\tfor _, it := range items {",
				fmt.Sprintf("\t\tg.Go(func() error { return %sOne(ctx, it) })", verb),
				"\t}",
				"\treturn g.Wait()",
				"}",
			}
		}
		return []string{
			fmt.Sprintf("func %sAll(items []%s) {", verb, t),
			fmt.Sprintf("\tsem := make(chan struct{}, %d)", 2+r.IntN(15)),
			"\tvar wg sync.WaitGroup",
			"\tfor _, it := range items {",
			"\t\tsem <- struct{}{}",
			"\t\twg.Go(func() {",
			"\t\t\tdefer func() { <-sem }()",
			fmt.Sprintf("\t\t\t%sOne(it)", verb),
			"\t\t})",
			"\t}",
			"\twg.Wait()",
			"}",
		}
	},
	// A table-driven test.
	func(r *rand.Rand) []string {
		t, verb := oneOf(r, typeNames), oneOf(r, funcVerbs)
		fn := verb + t
		l := []string{
			fmt.Sprintf("func Test%s%s(t *testing.T) {", upperFirst(verb), t),
			"\ttests := []struct {",
			"\t\tin   string",
			"\t\twant int",
			"\t}{",
		}
		for range 2 + r.IntN(5) {
			l = append(l, fmt.Sprintf("\t\t{%q, %d},", oneOf(r, appNames)+"-"+oneOf(r, namespaces), r.IntN(100)))
		}
		return append(l, "\t}",
			"\tfor _, tt := range tests {",
			fmt.Sprintf("\t\tif got := %s(tt.in); got != tt.want {", fn),
			fmt.Sprintf("\t\t\tt.Errorf(\"%s(%%q) = %%d, want %%d\", tt.in, got, tt.want)", fn),
			"\t\t}",
			"\t}",
			"}")
	},
	// An HTTP handler.
	func(r *rand.Rand) []string {
		t, verb := oneOf(r, typeNames), oneOf(r, funcVerbs)
		v := lowerFirst(t)
		return []string{
			fmt.Sprintf("func (s *%s) handle%s(w http.ResponseWriter, r *http.Request) {", t, upperFirst(verb)),
			fmt.Sprintf("\t%s, err := s.store.Get(r.Context(), r.PathValue(%q))", v, oneOf(r, []string{"name", "id", "slug"})),
			"\tif errors.Is(err, ErrNotFound) {",
			"\t\thttp.Error(w, \"not found\", http.StatusNotFound)",
			"\t\treturn",
			"\t}",
			"\tif err != nil {",
			"\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)",
			"\t\treturn",
			"\t}",
			"\tw.Header().Set(\"Content-Type\", \"application/json\")",
			fmt.Sprintf("\tjson.NewEncoder(w).Encode(%s)", v),
			"}",
		}
	},
}

var goClassics = []string{
	"package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"안녕, 세상!\")\n}\n",
	"ctx, cancel := context.WithTimeout(ctx, 5*time.Second)\ndefer cancel()\n\nif err := run(ctx); err != nil {\n\treturn fmt.Errorf(\"run: %w\", err)\n}\n",
	"var mu sync.Mutex\n\nfunc inc(m map[string]int, key string) {\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tm[key]++\n}\n",
}

var yamlSnippets = []func(*rand.Rand) []string{
	// A Deployment, maybe with a readiness probe.
	func(r *rand.Rand) []string {
		app, port := oneOf(r, appNames), 8000+10*r.IntN(20)
		l := []string{
			"apiVersion: apps/v1",
			"kind: Deployment",
			"metadata:",
			"  name: " + app,
			"  namespace: " + oneOf(r, namespaces),
			"spec:",
			fmt.Sprintf("  replicas: %d", 1+r.IntN(5)),
			"  template:",
			"    spec:",
			"      containers:",
			"        - name: " + app,
			fmt.Sprintf("          image: ghcr.io/example/%s:v1.%d.%d", app, r.IntN(10), r.IntN(20)),
			"          ports:",
			fmt.Sprintf("            - containerPort: %d", port),
		}
		if r.IntN(2) == 0 {
			l = append(l,
				"          readinessProbe:",
				"            httpGet:",
				"              path: "+oneOf(r, []string{"/healthz", "/readyz", "/ping"}),
				fmt.Sprintf("              port: %d", port),
				fmt.Sprintf("            periodSeconds: %d", 5+5*r.IntN(4)))
		}
		return l
	},
	// A GitHub Actions workflow.
	func(r *rand.Rand) []string {
		l := []string{
			"name: " + oneOf(r, []string{"test", "ci", "build", "deploy"}),
			"on:",
			"  push:",
			"    branches: [main]",
			"jobs:",
			"  test:",
			"    runs-on: ubuntu-latest",
			"    steps:",
			"      - uses: actions/checkout@v4",
			"      - uses: actions/setup-go@v5",
			"        with:",
			fmt.Sprintf("          go-version: \"1.%d\"", 22+r.IntN(5)),
		}
		for _, c := range distinct(r, []string{"go vet ./...", "go test -race ./...", "make lint", "make test", "go build ./cmd/...", "make bench"}, 1+r.IntN(4)) {
			l = append(l, "      - run: "+c)
		}
		return l
	},
	// A compose file.
	func(r *rand.Rand) []string {
		l := []string{"services:"}
		for _, app := range distinct(r, appNames, 2+r.IntN(2)) {
			p := 3000 + 100*r.IntN(60)
			l = append(l,
				"  "+app+":",
				fmt.Sprintf("    image: ghcr.io/example/%s:%d", app, 1+r.IntN(9)),
				"    ports:",
				fmt.Sprintf("      - \"%d:%d\"", p, p))
		}
		return l
	},
	// An application config.
	func(r *rand.Rand) []string {
		groups := []struct {
			name string
			keys []string
		}{
			{"server", []string{fmt.Sprintf("addr: \":%d\"", 8000+r.IntN(1000)), fmt.Sprintf("readTimeout: %ds", 5+r.IntN(30)), "tls: false", fmt.Sprintf("maxConns: %d", 64<<r.IntN(5))}},
			{"log", []string{"level: " + oneOf(r, []string{"debug", "info", "warn"}), "format: " + oneOf(r, []string{"json", "text"}), "color: true"}},
			{"cache", []string{fmt.Sprintf("size: %dMi", 16<<r.IntN(5)), fmt.Sprintf("ttl: %dm", 1+r.IntN(60)), "dir: .cache"}},
			{"watch", []string{fmt.Sprintf("debounce: %dms", 50*(1+r.IntN(6))), "ignore: [\"*.swp\", \".git\"]"}},
		}
		var l []string
		for _, i := range r.Perm(len(groups))[:2+r.IntN(3)] {
			g := groups[i]
			l = append(l, g.name+":")
			for _, k := range g.keys[:2+r.IntN(len(g.keys)-1)] {
				l = append(l, "  "+k)
			}
		}
		return l
	},
}

var yamlClassics = []string{
	"---\nid: 1\ntitle: \"안녕하세요\"\ndate: 2024-01-03 09:00:00 +0900\ntags: [회고]\n---\n",
	"apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      targetPort: 8080\n",
}

var shSnippets = []func(*rand.Rand) []string{
	// kubectl, with output.
	func(r *rand.Rand) []string {
		app, ns := oneOf(r, appNames), oneOf(r, namespaces)
		hash := fmt.Sprintf("%x", 0x5a000000+r.IntN(0xffffff))[:7]
		l := []string{
			fmt.Sprintf("$ kubectl get pods -n %s -l app=%s", ns, app),
			"NAME                      READY   STATUS    RESTARTS   AGE",
		}
		for range 1 + r.IntN(5) {
			name := fmt.Sprintf("%s-%s-%c%c%c%c%c", app, hash, 'a'+r.IntN(26), 'a'+r.IntN(26), 'a'+r.IntN(26), 'a'+r.IntN(26), 'a'+r.IntN(26))
			status, restarts := "Running", 0
			if r.IntN(4) == 0 {
				status, restarts = "CrashLoopBackOff", 1+r.IntN(9)
			}
			l = append(l, fmt.Sprintf("%-25s 1/1     %-9s %-10d %dm", name, status, restarts, 1+r.IntN(90)))
		}
		return append(l,
			fmt.Sprintf("$ kubectl describe pod -n %s -l app=%s | grep -A5 Events", ns, app),
			fmt.Sprintf("$ kubectl rollout restart deployment/%s -n %s", app, ns))
	},
	// A benchmark run.
	func(r *rand.Rand) []string {
		pkg := "./internal/" + strings.ToLower(oneOf(r, typeNames))
		l := []string{
			oneOf(r, shComments),
			fmt.Sprintf("$ go test -run '^$' -bench . -benchmem -count %d %s", 1+r.IntN(10), pkg),
			"goos: linux",
			"goarch: amd64",
		}
		for range 1 + r.IntN(5) {
			l = append(l, fmt.Sprintf("Benchmark%s%s-8\t%8d\t%8d ns/op\t%6d B/op\t%4d allocs/op",
				upperFirst(oneOf(r, funcVerbs)), oneOf(r, typeNames), 1000*(1+r.IntN(900)), 100+r.IntN(90000), 16*r.IntN(400), r.IntN(60)))
		}
		return append(l, "PASS", fmt.Sprintf("ok  \tblog/%s\t%d.%03ds", pkg[2:], 1+r.IntN(20), r.IntN(1000)))
	},
	// A contribution, from branch to pull request.
	func(r *rand.Rand) []string {
		branch := fmt.Sprintf("fix/%s-%s", oneOf(r, funcVerbs), strings.ToLower(oneOf(r, typeNames)))
		l := []string{
			"git fetch upstream",
			"git switch -c " + branch + " upstream/main",
			"git add -p",
			fmt.Sprintf("git commit -s -m \"%s: %s %s\"", strings.ToLower(oneOf(r, typeNames)), oneOf(r, []string{"fix", "handle", "document", "test"}), oneOf(r, []string{"nil pointer on resync", "stale cache after delete", "timeouts", "empty labels"})),
		}
		if r.IntN(2) == 0 {
			l = append(l, "git rebase -i upstream/main", "go test ./...")
		}
		return append(l, "git push -u origin "+branch, "gh pr create --fill")
	},
	// A quick load test.
	func(r *rand.Rand) []string {
		port := 8000 + 10*r.IntN(20)
		return []string{
			oneOf(r, shComments),
			fmt.Sprintf("export URL=http://127.0.0.1:%d/%s", port, oneOf(r, []string{"posts/", "healthz", "api/v1/items", "search/"})),
			fmt.Sprintf("for i in $(seq 1 %d); do", 10*(1+r.IntN(50))),
			"  curl -s -o /dev/null -w '%{http_code} %{time_total}\\n' \"$URL\"",
			"done | sort | uniq -c | sort -rn | head",
		}
	},
}

var shClassics = []string{
	"go mod tidy\ngo vet ./...\ngo test ./...\ngo build -o bin/ ./cmd/...\nls -lh bin/\n",
	"docker build -t app:dev .\ndocker run --rm -p 8080:8080 app:dev\n# 다른 터미널에서\ncurl -i localhost:8080/healthz\ndocker logs $(docker ps -lq)\n",
}

var zigzagSnippets = []func(*rand.Rand) []string{
	// A made-up stream pipeline.
	func(r *rand.Rand) []string {
		name := oneOf(r, funcVerbs) + "_" + strings.ToLower(oneOf(r, typeNames))
		l := []string{
			"-- " + oneOf(r, []string{"zig reads, zag writes", "파이프라인 정의", "the same pipeline, rewritten"}),
			"zig pipeline " + name + " {",
			fmt.Sprintf("  source <- stream(\"%s/%s.log\")", oneOf(r, namespaces), oneOf(r, appNames)),
			fmt.Sprintf("  | keep when .%s > %d", strings.ToLower(oneOf(r, fields).name), r.IntN(500)),
		}
		for range r.IntN(6) {
			l = append(l, fmt.Sprintf("  | %s .%s as @%s", oneOf(r, []string{"zag", "fold", "split", "tag"}), strings.ToLower(oneOf(r, fields).name), oneOf(r, appNames)))
		}
		return append(l, "}", fmt.Sprintf("emit %s every %ds => @%s", name, 1+r.IntN(60), oneOf(r, appNames)))
	},
	// A made-up record type.
	func(r *rand.Rand) []string {
		t := oneOf(r, typeNames)
		l := []string{"shape " + t + " ::"}
		for _, f := range distinct(r, fields, 3+r.IntN(6)) {
			l = append(l, fmt.Sprintf("  ~%s : %s", strings.ToLower(f.name), strings.ReplaceAll(f.typ, ".", "::")))
		}
		return append(l, ";;", fmt.Sprintf("zag %s.new(%q) |> zig", t, oneOf(r, appNames)))
	},
}

var zigzagClassics = []string{
	"-- hello, zigzag\nzig main {\n  say \"안녕\" |> zag\n}\nemit main once\n",
}
