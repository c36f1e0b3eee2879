# Five Calls. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

GO        ?= go
ADDR      ?= 127.0.0.1:8080
GO_FILES  := $(shell find . -name '*.go' -not -path './.cache/*' 2>/dev/null) go.mod go.sum
WASM      := web/app.wasm

.PHONY: help build run test check vet image bench fuzz generate check-basemap check-cldr check-zones icons clean setup

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: bin/fivecalls ## Build web/app.wasm (+ .br, .gz), then bin/fivecalls with web/ inside

# The wasm is built without inlining except in the runtime, math and our own
# packages (the animation's hot paths): that costs nothing readers notice and
# saves about 7% of the brotli download (1.61 → 1.53 MB), because inlined
# copies of go-app and standard library code compress poorly.
WASM_GCFLAGS := -gcflags=all=-l -gcflags=runtime= -gcflags=math= -gcflags=fivecalls/...=
$(WASM): $(GO_FILES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" $(WASM_GCFLAGS) -o $(WASM) ./cmd/wasm

$(WASM).br: $(WASM)
	$(GO) run ./web/precompress $(WASM)

web/wasm_exec.js: go.mod
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" $@

# The binary embeds web/ (package fivecalls/web), so it is built after the
# wasm and wasm_exec.js, and again when any file of web/ changes. Static
# (CGO_ENABLED=0) so it runs FROM scratch; -buildvcs=auto so `fivecalls
# version` names the commit even where GOFLAGS turns stamping off; without
# the symbol table and DWARF (-s -w), which panics and pprof do not need.
WEB_FILES := $(wildcard web/*.*)
bin/fivecalls: $(GO_FILES) $(WEB_FILES) $(WASM).br web/wasm_exec.js
	CGO_ENABLED=0 $(GO) build -trimpath -buildvcs=auto -ldflags="-s -w" -o bin/fivecalls ./cmd/fivecalls

run: build ## Build, then serve the default story on http://localhost:8080 (SQLite in ./data)
	./bin/fivecalls serve --addr $(ADDR)

setup: ## Install and start what the tests need (Chromium, PostgreSQL, podman); safe to repeat
	./.ci/setup

vet: ## go vet, for the server and for the WebAssembly build
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./cmd/wasm ./app/ui ./app/ui/client ./app/story ./app/quiz ./geo

# One package at a time (-p 1): the browser tests and the binary and image
# builds each want the machine's cores, and timing-sensitive waits (a
# service worker installing, a container starting) must not starve.
test: setup build vet ## Everything: vet, unit tests, the wasm build, browser tests, both databases, the image
	source .ci/env && FIVECALLS_REQUIRE_ALL=1 $(GO) test -p 1 -count=1 -timeout 15m ./...

# Without the databases, the image, the wasm or the binary's own builds: the
# environment that would turn them on is cleared, app/e2e is left out and
# -short skips the tests that build or load the binary. The page's script
# and state stylesheet run in one headless Chromium (web/pagetest), which
# skips without one: go test hides a skip, so the last line says so.
check: ## Quick loop: vet, the unit tests, page.js and state.css in a headless Chromium (no database, image or wasm; under a minute)
	$(GO) vet ./...
	env -u CI -u FIVECALLS_REQUIRE_ALL -u FIVECALLS_TEST_POSTGRES \
		$(GO) test -short -count=1 $$($(GO) list ./... | grep -v '/app/e2e$$')
	@[ -x "$${FIVECALLS_CHROMIUM:-/usr/bin/chromium}" ] || [ -x /usr/bin/chromium ] || command -v chromium >/dev/null || \
		echo "make check: no Chromium, so web/pagetest (page.js and state.css in a browser) was skipped; make setup installs it" >&2

IMAGE ?= fivecalls
image: build ## Build the FROM scratch container image IMAGE (default fivecalls) from bin/fivecalls (podman or buildah)
	@if command -v podman >/dev/null; then podman build -f Containerfile -t $(IMAGE) .; \
	elif command -v buildah >/dev/null; then buildah bud -f Containerfile -t $(IMAGE) .; \
	else echo "make image: install podman or buildah (Debian: apt-get install podman)" >&2; exit 1; fi

bench: build ## Measure every performance target (bytes, caching, Lighthouse, wrk vs nginx, answers/s, animation); write docs/bench.md
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./geo/... ./app/story/...
	$(GO) run ./cmd/benchreport -out docs/bench.md

FUZZTIME ?= 30s
fuzz: ## Run each fuzz target for a bounded time (FUZZTIME, default 30s each)
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeStory$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x ./app/story
	$(GO) test -run '^$$' -fuzz '^FuzzArc$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x ./geo
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeAnswer$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x ./app/server
	$(GO) test -run '^$$' -fuzz '^FuzzAnswersAPI$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x ./app/server
	$(GO) test -run '^$$' -fuzz '^FuzzOEmbedURL$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x ./app/server

generate: ## Regenerate the committed base map (world-atlas@2.0.2) and CLDR tables (cldr-*@48.2.0) from npm, and the time zone table from the installed tzdata, then check them
	$(GO) generate ./geo/... ./app/locale/... ./app/story/...
	$(MAKE) check-basemap check-cldr check-zones

check-basemap: ## Check the committed base map is exactly what world-atlas@2.0.2 gives (needs npm; CI runs it)
	cd geo/basemap && $(GO) run ./internal/gen -check -out ne110m.bin -cache .cache

check-cldr: ## Check the committed CLDR tables (app/locale/cldr.go) are exactly what cldr-*@48.2.0 give (needs npm; CI runs it)
	cd app/locale && $(GO) run ./internal/gen -check -out cldr.go -cache .cache

check-zones: ## Check the committed time zone table (app/story/zonetab.go) is exactly what the installed tzdata gives (Debian: apt-get install tzdata)
	cd app/story && $(GO) run ./internal/gen -check -out zonetab.go

icons: ## Redraw the PNG icons
	$(GO) run ./web/icongen -out web

clean: ## Remove build outputs
	rm -rf bin $(WASM) $(WASM).br $(WASM).gz web/wasm_exec.js
