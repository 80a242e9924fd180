# Parley — the two commands are `make run` and `make test`; everything else is here for developers.
# `make test` installs what is missing (Debian packages with apt-get when root, PyPI tools in .venv/) and runs every
# test. A warm machine installs nothing and runs no apt-get update.

SWIFT        ?= swift
PYTHON       ?= python3
NODE         ?= node
HOST         ?= 127.0.0.1
PORT         ?= 8080
DATA_DIR     ?= .parley-data
RELEASE_DIR  := .build-release
BUILD_FLAGS  ?=
BROWSER_TIMEOUT ?= 900

# Debian packages: the build, the browser tests (selenium and pytest come from PyPI), the language-ID sources.
APT_BUILD    := libicu-dev pkg-config libsqlite3-dev libjemalloc-dev
APT_BROWSER  := chromium chromium-driver fonts-noto-core
APT_LANGID   := hunspell-de-de hunspell-en-us myspell-et hunspell-tr
# Virtual environments for PyPI tools, one per purpose.
BROWSER_VENV := .venv/browser
LANGID_VENV  := .venv/langid
LANGID_DIR   := Dictionaries/langid

.PHONY: help build release run test test-swift test-js test-browser test-asan bench bench-text bench-langid \
	bench-translation bench-phrasebook bench-phrasebook-ordo bench-pipeline bench-relay eval-phrasebook size-widget dictionaries \
	langid-profiles format clean deps-build deps-browser deps-node deps-python

help:
	@echo "make run            build and start the relay on the embedded defaults (http://$(HOST):$(PORT))"
	@echo "make test           install what is missing and run every test (Swift, JavaScript, browser)"
	@echo "make build          debug build         make release   release build"
	@echo "make bench          every benchmark (release builds); figures in the README"
	@echo "make test-asan      the text layer's tests under AddressSanitizer/LeakSanitizer"
	@echo "make test-js        the widget's and console's JavaScript unit tests (node --test)"
	@echo "make test-browser   end-to-end tests in headless Chromium (screenshots in build/screenshots)"
	@echo "make dictionaries   rebuild generated data (language-ID profiles) from their sources"
	@echo "make eval-phrasebook  phrasebook coverage and chrF on the development set"
	@echo "make format         apply .swift-format   make clean   remove build products"

# Installs only what is missing; runs `apt-get update` only when it must install something.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "Missing Debian packages:$$missing. Install them with: sudo apt-get install$$missing" >&2; exit 1; fi; \
	fi
endef

# Creates the virtual environment $(1) from requirements file $(2) unless it already has them.
define venv_install
	@if ! [ -f $(1)/.installed ] || ! cmp -s $(2) $(1)/.installed; then \
	  $(PYTHON) -m venv --help >/dev/null 2>&1 || { $(call apt_install_inline,python3-venv) }; \
	  rm -rf $(1) && $(PYTHON) -m venv $(1) && $(1)/bin/pip install -q --disable-pip-version-check -r $(2) && \
	  cp $(2) $(1)/.installed; \
	fi
endef
define apt_install_inline
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(1) >/dev/null;
endef

deps-build:
	$(call apt_install,$(APT_BUILD))

deps-browser: deps-build
	$(call apt_install,$(APT_BROWSER))
	$(call venv_install,$(BROWSER_VENV),Tests/browser/requirements.txt)

deps-node:
	@command -v $(NODE) >/dev/null || $(call apt_install_inline,nodejs)

build: deps-build
	$(SWIFT) build $(BUILD_FLAGS)

release: deps-build
	$(SWIFT) build -c release --scratch-path $(RELEASE_DIR) --product parley

# The relay on the embedded defaults: SQLite in $(DATA_DIR), offline phrasebook, demo shop and console.
run: release
	$(RELEASE_DIR)/release/parley serve --host $(HOST) --port $(PORT) --data-dir $(DATA_DIR) --demo

# ---- tests -------------------------------------------------------------------------------------------------------

test: test-swift test-js test-browser

test-swift: deps-build
	$(SWIFT) test $(BUILD_FLAGS)

test-js: deps-node
	$(NODE) --test Tests/web/*.test.mjs

# Built like `swift test` builds (with the tests), so after test-swift nothing is compiled again.
test-browser: deps-browser
	$(SWIFT) build $(BUILD_FLAGS) --build-tests
	PARLEY_BIN="$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/parley" \
	  timeout $(BROWSER_TIMEOUT) $(BROWSER_VENV)/bin/pytest -q Tests/browser

# XCTest's own runner leaks two objects at exit, so only the Swift Testing run is checked (it is where our tests
# live); LeakSanitizer fails the run on any leak, e.g. an ICU object that is never closed. AddressSanitizer brings its
# own malloc, so the executables are built without jemalloc here.
test-asan: deps-build
	PARLEY_SYSTEM_MALLOC=1 ASAN_OPTIONS=detect_leaks=1 $(SWIFT) test --sanitize=address --scratch-path .build-asan --disable-xctest \
	  --filter ParleyTextTests

# ---- benchmarks and evaluations (release builds) -----------------------------------------------------------------

bench: bench-text bench-langid bench-translation bench-phrasebook bench-pipeline bench-relay

bench-text: deps-build
	PARLEY_BENCHMARKS=1 $(SWIFT) package --scratch-path .build-bench benchmark --target ParleyBenchmarks --filter 'Text.*'

# The translation layer's own overhead (masking, glossary, cache) around a no-op engine: a plain release executable
# with a fixed number of calls, timed by thread CPU time and wall clock. BENCH_CALLS sets the calls per measure.
BENCH_CALLS ?= 20000
bench-translation: deps-build
	PARLEY_TOOLS=1 $(SWIFT) run -c release --scratch-path .build-tools TranslationBench $(BENCH_CALLS)

# Accuracy per language x length bucket (and on the accent-stripped copy) beside lingua, py3langid and pycld2,
# then speed, load time and model size of `parley detect --benchmark`.
bench-langid: release
	$(call venv_install,$(LANGID_VENV),$(LANGID_DIR)/tools/requirements-bench.txt)
	$(LANGID_VENV)/bin/python $(LANGID_DIR)/tools/bench.py --parley $(RELEASE_DIR)/release/parley \
	  --data Tests/ParleyLanguageIDTests/Data --peers --speed

# The phrasebook's tools build only with PARLEY_TOOLS set, in their own scratch directory.
eval-phrasebook: deps-build
	PARLEY_TOOLS=1 $(SWIFT) run -c release --scratch-path .build-tools PhrasebookEval $(EVAL_ARGS)

bench-phrasebook: deps-build
	PARLEY_TOOLS=1 $(SWIFT) run -c release --scratch-path .build-tools PhrasebookBench

bench-phrasebook-ordo: deps-build
	PARLEY_BENCHMARKS=1 $(SWIFT) package --scratch-path .build-bench benchmark --target PhrasebookBenchmarks

# The message pipeline in process, without the network: sanitize, detect, translate, store (SQLite, group commit).
bench-pipeline: release
	$(RELEASE_DIR)/release/parley bench-pipeline --conversations 1000 --senders 1,8,64 --seconds 5

# The relay under load beside a bare WebSocket relay, loopback only, bounded (a few minutes). Report in build/.
# Both programs build in the release scratch directory, so the dependencies compile once. RELAY_CPUS and
# GENERATOR_CPUS (CPU lists such as 0-1 and 2-3) keep the relays and the load generator on CPUs of their own.
bench-relay: deps-build
	PARLEY_BENCH_RELAY=1 $(SWIFT) build -c release --scratch-path $(RELEASE_DIR) --product parley
	PARLEY_BENCH_RELAY=1 $(SWIFT) build -c release --scratch-path $(RELEASE_DIR) --product RelayLoad
	mkdir -p build
	$(RELEASE_DIR)/release/RelayLoad run --parley $(RELEASE_DIR)/release/parley --output build/bench-relay.md \
		$(if $(RELAY_CPUS),--relay-cpus $(RELAY_CPUS)) $(if $(GENERATOR_CPUS),--generator-cpus $(GENERATOR_CPUS))

# The widget's real weight: what a page that embeds it loads (widget.js, the modules it imports, one language file),
# each module minified on its own with esbuild (Debian) and gzipped on its own, as served; nothing is deployed.
size-widget: deps-node
	$(call apt_install,esbuild)
	@$(NODE) Tests/web/widget-size.mjs

# ---- generated data ----------------------------------------------------------------------------------------------

dictionaries: langid-profiles

# Rebuilds Dictionaries/langid/*.profile and fold.tsv from Debian's hunspell dictionaries, pinned PyPI packages
# (tools/requirements.txt) and the project's own text (text/*.txt), then merged.table (the profiles' feature
# tables as the detector loads them) with `parley detect --write-table`. Takes a few minutes.
langid-profiles: deps-build
	$(call apt_install,$(APT_LANGID))
	$(call venv_install,$(LANGID_VENV)-train,$(LANGID_DIR)/tools/requirements.txt)
	PYTHONHASHSEED=0 $(LANGID_VENV)-train/bin/python $(LANGID_DIR)/tools/train.py --out $(LANGID_DIR) \
	  --hunspell /usr/share/hunspell
	$(SWIFT) run parley detect --write-table --profiles $(LANGID_DIR)

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

clean:
	rm -rf .build .build-* .venv build
