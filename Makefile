# cdk-jitna-go — the two commands are `make synth` and `make test`.
# Both install the pinned toolchain (Node.js and the AWS CDK CLI, from the npm
# registry, into .tools/node_modules) when it is missing. Nothing is installed globally.

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

TOOLS    := $(CURDIR)/.tools
NODE_BIN := $(TOOLS)/node_modules/.bin
# jsii starts `node` from PATH: put the pinned Node.js first for every Go process.
export PATH := $(NODE_BIN):$(PATH)
# The pinned Node.js is supported by jsii; keep its banner quiet anyway.
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION := 1
export CDK_DISABLE_VERSION_CHECK := 1
export CDK_CLI_NOTICES := false

CDK      := $(NODE_BIN)/cdk --no-notices --no-version-reporting
OUT      := cdk.out
# The apps synthesized by make test: every example, and the bundled app
# (cmd/jitna-app, the root cdk.json app), each into cdk.out/examples/NAME.
APPS := $(sort $(patsubst %/main.go,%,$(wildcard examples/*/main.go))) cmd/jitna-app

# Extra synthesis runs, space-separated: app:output-folder:cdk-flag (no spaces inside).
# Every run fails on a deprecation warning or a feature-flag notice.
SYNTH_VARIANTS := examples/organization:organization-parameterized:--context=Parameterized=true \
                  cmd/jitna-app:jitna-app-secure:--context=config=jitna/configapp/secure.yaml \
                  cmd/jitna-app:jitna-app-scale:--context=config=jitna/configapp/scale.yaml

.PHONY: all tools synth test fmt-check vet unit core synth-examples validate-examples lint usercheck readme fuzz mutate mutate-handler bench compat clean

all: test

## tools: install the pinned Node.js and CDK CLI into .tools/node_modules (once).
tools: .tools/node_modules/.installed

.tools/node_modules/.installed: .tools/package.json .tools/package-lock.json
	@command -v npm >/dev/null || { echo "make: npm is needed to install the pinned Node.js and CDK CLI"; exit 1; }
	npm ci --prefix .tools --no-audit --no-fund --loglevel=error
	@$(NODE_BIN)/node --version >/dev/null
	@touch $@

## synth: synthesize the root cdk.json app into cdk.out/.
synth: tools
	@[ -n "$$(go env GOMODCACHE 2>/dev/null)" ] && [ -d "$$(go env GOMODCACHE)/github.com/aws/aws-cdk-go" ] || \
	  echo "make synth: the first run downloads and compiles aws-cdk-go (about 3 minutes, once; later runs take seconds)"
	$(CDK) synth --quiet --output $(OUT)
	@echo "templates written to $(OUT)/:" && ls $(OUT)/*.template.json

## test: gofmt, go vet, go test, the jsii-free core without Node.js, synthesis of every example, jitna validate and cfn-lint over their templates, a user's cdk init module, the README's commands.
test: tools fmt-check vet unit core synth-examples validate-examples lint usercheck readme
	@# go test hides a skip's notice without -v: say it last, where it is read.
	@if [ -z "$${JITNA_BROWSER:-}" ] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null && \
	  ! command -v google-chrome >/dev/null && ! command -v google-chrome-stable >/dev/null; then \
	  echo "make test: NOTICE: the HTML report's browser tests were skipped: no chromium on PATH (apt-get install chromium, or set JITNA_BROWSER; CI runs them)"; \
	fi

fmt-check:
	@files=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*')); \
	if [ -n "$$files" ]; then echo "gofmt would change:"; echo "$$files"; exit 1; fi
	@echo "gofmt: clean"

# Modules of their own inside the repository (tests with dependencies the
# library's users must not inherit): cdk-nag over every construct, and a
# user's module as cdk init makes it (make usercheck).
NESTED_MODULES := dev/nagcheck dev/usercheck

vet:
	go vet ./...
	@for m in $(NESTED_MODULES); do echo "go vet ($$m)"; (cd $$m && go vet ./...); done

unit: tools
	JITNA_ARTIFACTS=$(CURDIR)/.artifacts go test -count=1 ./...
	@echo "go test (dev/nagcheck)"; cd dev/nagcheck && go test -count=1 ./...

## usercheck: a user's module as the pinned CLI's cdk init app --language go makes it, with the library and cdk-nag added: it builds, synthesizes (cdk synth) and passes its tests.
usercheck: tools
	cd dev/usercheck && go build ./... && \
	  { out=$$($(CDK) synth --quiet 2>&1) || { echo "$$out"; exit 1; }; } && echo "cdk synth (dev/usercheck): ok" && \
	  go test -count=1 ./...

# The jsii-free core (and the jitna command): it must not depend on
# aws-cdk-go or jsii, and its tests must pass with no node on PATH.
CORE := ./jitna/access ./jitna/analysis ./jitna/cedar ./jitna/cfn ./jitna/check ./jitna/config ./jitna/events ./jitna/hazard ./jitna/region \
        ./jitna/guardrails ./jitna/policy ./jitna/quicksetup ./jitna/report ./jitna/rollout ./jitna/simulate ./jitna/template ./internal/safeio ./internal/strictjson ./cmd/jitna

## core: the core's dependencies hold no aws-cdk-go or jsii, and its tests pass without Node.js.
core:
	@bad=$$(go list -deps $(CORE) | grep -E '^github.com/aws/(aws-cdk-go|jsii-runtime-go)' || true); \
	if [ -n "$$bad" ]; then echo "the jsii-free core depends on: $$bad"; exit 1; fi
	env -i HOME="$$HOME" PATH="$$(dirname "$$(command -v go)")" GOFLAGS="$${GOFLAGS:-}" GOPROXY="$$(go env GOPROXY)" \
	  GOMODCACHE="$$(go env GOMODCACHE)" GOCACHE="$$(go env GOCACHE)" CGO_ENABLED=0 go test -count=1 $(CORE)
	@echo "core: no aws-cdk-go, no jsii, tests pass without node"

synth-examples: tools
	@rm -rf $(OUT)/examples
	@for v in $(patsubst %,%::,$(APPS)) $(SYNTH_VARIANTS); do \
	  app=$${v%%:*}; rest=$${v#*:}; dir=$${rest%%:*}; flags=$${rest#*:}; \
	  echo "synth $$app $$flags"; \
	  out=$$($(CDK) synth --quiet --app "go run ./$$app" --output $(OUT)/examples/$${dir:-$$(basename $$app)} $$flags 2>&1) || { echo "$$out"; exit 1; }; \
	  echo "$$out"; \
	  case "$$out" in *"feature flags are not configured"*|*deprecated*) echo "synth $$app: a deprecation warning or a feature-flag notice"; exit 1;; esac; \
	done

## validate-examples: `jitna validate` over every synthesized example template.
validate-examples: synth-examples
	go run ./cmd/jitna validate $$(find $(OUT)/examples -name '*.template.json' | sort)
	@echo "jitna validate: clean"

lint: synth-examples
	@rm -rf $(OUT)/members && for d in $(OUT)/examples/*/; do \
	  go run ./cmd/jitna members --out $(OUT)/members/$$(basename $$d) $$d >/dev/null || exit 1; \
	done
	@if command -v cfn-lint >/dev/null 2>&1; then \
	  templates=$$(find $(OUT)/examples $(OUT)/members -name '*.template.json' | sort); \
	  echo "cfn-lint over $$(echo "$$templates" | wc -l) templates"; \
	  cfn-lint --format parseable -- $$templates && echo "cfn-lint: clean"; \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "cfn-lint is not installed, and CI=true requires it"; exit 1; \
	else \
	  echo "cfn-lint is not installed: skipping the template lint (CI requires it)"; \
	fi

## readme: run the README's commands (dev/readme says which), after synthesis.
readme: synth lint
	JITNA_README=1 go test -count=1 ./dev/readme

# Fuzz targets, package:Target. `make fuzz FUZZTIME=5m` runs each longer.
FUZZ_TARGETS := ./jitna/cfn:FuzzParse ./jitna/cedar:FuzzCheck ./jitna/policy:FuzzParseDocument ./jitna/template:FuzzParseAndCheck ./jitna/simulate:FuzzReadInventory \
                ./jitna/config:FuzzParse ./jitna/config:FuzzDuplicateKeys ./jitna/config:FuzzSecondDocument ./cmd/jitna:FuzzMemberFileName
FUZZTIME     ?= 30s
# Generated CloudFormation sequences of the custom-resource handler, random
# seed (make test runs a fixed one).
LIFECYCLE_RUNS ?= 1000
# Generated policy pairs the access analysis is checked on against brute
# force, random seed (make test runs a fixed one).
DIFFERENTIAL_RUNS ?= 2000
# The go command the fuzz target runs (a stand-in tests the retry).
FUZZ_GO      ?= go

## fuzz: run every fuzz target for FUZZTIME each (new failures land in testdata/fuzz; CI runs 15s each).
# Go's fuzzing coordinator can report its own -fuzztime deadline as a failure
# ("context deadline exceeded", a race as the time runs out, with no failing
# input written): such a run is retried once. Any other failure, or a failing
# input written, fails at once.
fuzz: tools
	@seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); echo "custom-resource lifecycle: generated sequences, seed $$seed (SEED=$$seed reruns them)"; \
	  cd jitna/internal/handler && SEED=$$seed RUNS=$(LIFECYCLE_RUNS) node --test --test-reporter=dot --test-name-pattern 'generated sequences' lifecycle.test.js
	@seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); echo "access analysis against brute force: generated policy pairs, seed $$seed (-seed $$seed reruns them)"; \
	  go test -count=1 -run '^TestDifferential$$' ./jitna/analysis -args -seed $$seed -runs $(DIFFERENTIAL_RUNS)
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t#*:}; \
	  for attempt in 1 2; do \
	    echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
	    status=0; out=$$($(FUZZ_GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1x $$pkg 2>&1) || status=$$?; \
	    echo "$$out"; \
	    if [ $$status = 0 ]; then break; fi; \
	    case "$$out" in *'Failing input written'*) exit 1;; *'context deadline exceeded'*) ;; *) exit 1;; esac; \
	    if [ $$attempt = 2 ]; then exit 1; fi; \
	    echo "fuzz $$pkg $$name: the deadline race of Go's fuzzing, no failing input: once more"; \
	  done; \
	done

# Mutation testing of the jsii-free core: gremlins, pinned in dev/tools
# (a module of its own, so that library users never inherit it), built into
# .tools/bin. Mutants that change no behaviour are listed, each with why, in
# dev/mutate/equivalent.txt.
GREMLINS    := $(TOOLS)/bin/gremlins
# The access analysis is checked against brute force instead (TestDifferential:
# generated policy pairs, fixed seed in make test, random in make fuzz):
# gremlins over it, one mutant at a time, would take CI past its time limit.
MUTATE_PKGS := $(filter-out ./cmd/jitna ./jitna/analysis,$(CORE))

$(GREMLINS): dev/tools/go.mod dev/tools/go.sum
	cd dev/tools && go build -o $(GREMLINS) github.com/go-gremlins/gremlins/cmd/gremlins

# Mutation testing of the custom-resource handler's JavaScript: Stryker,
# pinned in dev/stryker, with the handler's node tests as its command;
# survivors must be listed, each with why, in dev/stryker/equivalent.txt.
STRYKER := dev/stryker
$(STRYKER)/node_modules/.installed: $(STRYKER)/package.json $(STRYKER)/package-lock.json | tools
	npm ci --prefix $(STRYKER) --no-audit --no-fund --loglevel=error
	@touch $@

## mutate: mutation testing of the core (fails below 97 % test efficacy / 92 % mutator coverage overall, or 90 % / 85 % in any package) and of the handler's index.js (mutate-handler).
mutate: mutate-handler $(GREMLINS)
	go run ./dev/mutate -gremlins $(GREMLINS) -equivalent dev/mutate/equivalent.txt $(MUTATE_PKGS)

# What a Stryker run's result depends on: the handler's code and tests, the
# Stryker setup and the pinned Node.js. A run that passed records their
# sha256 in $(STRYKER)/verified; while they hash the same, make mutate-handler
# says so instead of running again (MUTATE_FRESH=1 runs anyway).
HANDLER_INPUTS := $(sort $(wildcard jitna/internal/handler/*.js)) $(STRYKER)/stryker.config.json $(STRYKER)/package-lock.json \
                  $(STRYKER)/equivalent.txt $(STRYKER)/survivors.js .tools/package-lock.json

## mutate-handler: mutation testing of the handler's index.js (Stryker, about 20 minutes); fails on a survivor not listed, with why, in dev/stryker/equivalent.txt. Skipped, saying so, while the handler, its tests and the setup hash as in the last passing run ($(STRYKER)/verified); MUTATE_FRESH=1 runs it anyway.
mutate-handler: $(STRYKER)/node_modules/.installed
	@sum=$$(sha256sum $(HANDLER_INPUTS) | sha256sum | cut -d' ' -f1); \
	if [ -z "$${MUTATE_FRESH:-}" ] && [ -f $(STRYKER)/verified ] && [ "$$(head -1 $(STRYKER)/verified)" = "$$sum" ]; then \
	  echo "mutate-handler: index.js, its tests and the Stryker setup are as in the run recorded in $(STRYKER)/verified (sha256 $$sum):"; \
	  tail -n +2 $(STRYKER)/verified; echo "(MUTATE_FRESH=1 runs Stryker again)"; exit 0; \
	fi; \
	(cd jitna/internal/handler && $(CURDIR)/$(STRYKER)/node_modules/.bin/stryker run $(CURDIR)/$(STRYKER)/stryker.config.json) && \
	summary=$$(node $(STRYKER)/survivors.js .artifacts/stryker/mutation.json $(STRYKER)/equivalent.txt) && echo "$$summary" && \
	if [ "$$(sha256sum $(HANDLER_INPUTS) | sha256sum | cut -d' ' -f1)" = "$$sum" ]; then \
	  { echo "$$sum"; echo "$$summary" | tail -1; echo "recorded $$(date -u +%Y-%m-%d)"; } > $(STRYKER)/verified; \
	fi

## bench: whole-process timings against the jsii floor (exits 1 when a target is missed), the CDK alone in plain Node.js, then the core's benchmarks (the access analysis, and jitna diff at scale, each in a process of its own for its peak memory).
PLAINJS := dev/bench/plainjs
bench: tools $(PLAINJS)/node_modules/.installed
	go run ./dev/bench -runs $(or $(BENCH_RUNS),5) -plainjs $(PLAINJS) || status=$$?; \
	go test -run '^$$' -bench . -benchtime 20x ./jitna/cedar ./jitna/template ./jitna/simulate; \
	go test -run '^$$' -bench . -benchtime 5x -benchmem ./jitna/analysis; \
	for b in BenchmarkDiffEveryNodeChanged BenchmarkDiff100kNodes BenchmarkDiffRequesterIn700kGroups; do \
	  go test -run '^$$' -bench "^$$b$$" -benchtime 2x -benchmem ./cmd/jitna; \
	done; \
	exit $${status:-0}

# The plain Node.js rows of make bench: aws-cdk-lib and constructs as pinned by the Go module.
$(PLAINJS)/node_modules/.installed: $(PLAINJS)/package.json $(PLAINJS)/package-lock.json | tools
	npm ci --prefix $(PLAINJS) --no-audit --no-fund --loglevel=error
	@touch $@

# The aws-cdk-go releases the library is tested with (README, "Supported
# aws-cdk-go"): the oldest whose Go bindings have the shapes the library
# calls, and the newest served, which go.mod requires.
COMPAT_OLDEST := v2.276.0
COMPAT_NEWEST := v2.277.0

## compat: build and test the library, the examples and dev/usercheck against the oldest and the newest supported aws-cdk-go, in temporary copies, and compare their templates.
compat: tools
	go run ./dev/compat -oldest $(COMPAT_OLDEST) -newest $(COMPAT_NEWEST)

clean:
	rm -rf $(OUT) .tools/node_modules .tools/bin $(PLAINJS)/node_modules $(STRYKER)/node_modules
