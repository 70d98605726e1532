# blog: build, test and serve. Run `make help` for the targets.
GO        ?= go
BIN       := bin/blog
PORT      ?= 1313
FUZZTIME  ?= 30s
N         ?= 1000
SEED      ?= 1
BENCH_SIZES ?= 2000,10000
BENCH_WORK  ?= $(or $(TMPDIR),/tmp)/blog-bench
BENCH_RUNS  ?= 3
MERMAID_VERSION ?= 11.17.2
MERMAID_JS := themes/default/static/js/mermaid.min.js

.PHONY: help build vendor-mermaid test lint bench bench-go bench-corpus fuzz serve clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

build: ## build the blog command into bin/blog
	$(GO) build -o $(BIN) ./cmd/blog

vendor-mermaid: ## replace the vendored Mermaid script with MERMAID_VERSION from npm (a maintainer's step; builds never fetch)
	tmp=$$(mktemp -d) && \
	  (cd $$tmp && npm pack --silent mermaid@$(MERMAID_VERSION) >/dev/null && tar xzf mermaid-$(MERMAID_VERSION).tgz package/dist/mermaid.min.js package/LICENSE) && \
	  cp $$tmp/package/dist/mermaid.min.js $(MERMAID_JS) && cp $$tmp/package/LICENSE $(dir $(MERMAID_JS))mermaid.LICENSE && \
	  sum=$$(sha256sum $(MERMAID_JS) | cut -d' ' -f1) && sed -i "s/^const MermaidSHA256 = .*/const MermaidSHA256 = \"$$sum\"/" themes/themes.go && \
	  rm -rf $$tmp && echo "vendored mermaid $(MERMAID_VERSION) into $(MERMAID_JS); commit it with its LICENSE and themes/themes.go"

serve: build ## build and serve this blog (content/) on http://127.0.0.1:$(PORT)
	$(BIN) serve --port $(PORT)

test: ## run every test (browser tests need chromium; CI=true makes them mandatory)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 ./...

lint: ## gofmt, go vet and staticcheck
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

bench: ## build generated sites of 2,000 and 10,000 posts with blog, Hugo v0.165.0 and the file-system floor, interleaved, and compare (corpora in BENCH_WORK)
	$(GO) run ./cmd/blog-bench -sizes $(BENCH_SIZES) -runs $(BENCH_RUNS) -work $(BENCH_WORK)

bench-go: ## run the Go benchmarks of the hot paths
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz: ## fuzz the site path rule, the front-matter and legacy-header parsers, the scanners, the code formatter and the <img> rewrite (FUZZTIME=5m for a longer run)
	$(GO) test -run '^$$' -fuzz '^FuzzPathRule$$' -fuzztime $(FUZZTIME) ./internal/sitepath
	$(GO) test -run '^$$' -fuzz '^FuzzFrontMatter$$' -fuzztime $(FUZZTIME) ./internal/content
	$(GO) test -run '^$$' -fuzz '^FuzzLegacyHeader$$' -fuzztime $(FUZZTIME) ./internal/content
	$(GO) test -run '^$$' -fuzz '^FuzzGoLexer$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzJSONScanner$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzYAMLScanner$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzBashScanner$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzConsoleScanner$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzDockerScanner$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzPythonScanner$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzRustScanner$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzTypeScriptScanner$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzFormatter$$' -fuzztime $(FUZZTIME) ./internal/markdown
	$(GO) test -run '^$$' -fuzz '^FuzzEachTagFindsTheTokenizersTags$$' -fuzztime $(FUZZTIME) ./internal/images
	$(GO) test -run '^$$' -fuzz '^FuzzRewriteWritesWhatTheTokensWrite$$' -fuzztime $(FUZZTIME) ./internal/images
	$(GO) test -run '^$$' -fuzz '^FuzzSourcesAreTheTokenizers$$' -fuzztime $(FUZZTIME) ./internal/images

bench-corpus: ## generate a benchmark site of N posts in bench/corpus-N (N=1000 SEED=1)
	rm -rf bench/corpus-$(N)
	$(GO) run ./cmd/blog-corpus -n $(N) -seed $(SEED) -o bench/corpus-$(N)

clean: ## remove build output
	rm -rf bin public
