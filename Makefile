# Parley — the two commands are `make run` and `make test`; everything else is here for developers.
# `make test` installs what is missing (Debian packages with apt-get when root, PyPI tools in .venv) and runs every
# test. A warm machine installs nothing and runs no apt-get update.

SWIFT        ?= swift
PYTHON       ?= python3
VENV         ?= .venv
HOST         ?= 127.0.0.1
PORT         ?= 8080
DATA_DIR     ?= .parley-data
RELEASE_DIR  := .build-release
BUILD_FLAGS  ?=

# Debian packages the build and the tests need.
APT_BUILD    := libicu-dev pkg-config
APT_TEST     := python3-venv
# The browser tests: Debian's Chromium and its WebDriver (selenium and pytest come from PyPI into $(VENV)).
APT_BROWSER  := chromium chromium-driver fonts-noto-core
NODE         ?= node
BROWSER_TIMEOUT ?= 900

.PHONY: help build release run test test-swift test-asan bench bench-text format clean deps deps-build deps-test \
	test-js test-browser deps-browser size-widget

help:
	@echo "make run        build and start the relay on the embedded defaults (http://$(HOST):$(PORT))"
	@echo "make test       install what is missing and run every test"
	@echo "make build      debug build        make release   release build"
	@echo "make bench      all benchmarks (release build)"
	@echo "make test-asan  the text layer's tests under AddressSanitizer/LeakSanitizer"
	@echo "make test-js    the widget's and console's JavaScript unit tests (node --test)"
	@echo "make test-browser  end-to-end tests in headless Chromium (screenshots in build/screenshots)"
	@echo "make format     apply .swift-format    make clean   remove build products"

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

deps-build:
	$(call apt_install,$(APT_BUILD))

deps-test: deps-build
	$(call apt_install,$(APT_TEST))

deps: deps-test

build: deps-build
	$(SWIFT) build $(BUILD_FLAGS)

release: deps-build
	$(SWIFT) build -c release --scratch-path $(RELEASE_DIR) --product parley

run: release
	$(RELEASE_DIR)/release/parley serve --host $(HOST) --port $(PORT) --data-dir $(DATA_DIR) --demo

test: deps-test test-swift

test-swift:
	$(SWIFT) test $(BUILD_FLAGS)

test-js:
	@command -v $(NODE) >/dev/null || { echo "Installing Debian package: nodejs"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs >/dev/null; }
	$(NODE) --test Tests/web/*.test.mjs

# The widget's real weight: esbuild (Debian) bundles and minifies the modules widget.js loads; nothing is deployed.
size-widget:
	$(call apt_install,esbuild)
	@cd Sources/ParleyServer/Public/widget && \
	  min=$$( { esbuild --bundle --minify --format=esm element.js --log-level=warning; esbuild --minify widget.js --log-level=warning; } ) && \
	  raw=$$(cat *.js | wc -c) && \
	  echo "widget: raw $$raw B, minified $$(printf '%s' "$$min" | wc -c) B, minified+gzip -9 $$(printf '%s' "$$min" | gzip -9 | wc -c) B"

deps-browser: deps-test
	$(call apt_install,$(APT_BROWSER))
	@[ -x $(VENV)/bin/pytest ] && $(VENV)/bin/python -c 'import selenium' 2>/dev/null || { \
	  $(PYTHON) -m venv $(VENV) && $(VENV)/bin/pip install -q -r Tests/browser/requirements.txt; }

test-browser: deps-browser
	$(SWIFT) build $(BUILD_FLAGS) --product parley
	PARLEY_BIN="$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/parley" \
	  timeout $(BROWSER_TIMEOUT) $(VENV)/bin/pytest -q Tests/browser

test-asan: deps-build
	$(SWIFT) test --sanitize=address --scratch-path .build-asan --filter ParleyTextTests

bench: bench-text

bench-text: deps-build
	PARLEY_BENCHMARKS=1 $(SWIFT) package --scratch-path .build-bench benchmark --target ParleyBenchmarks --filter 'Text.*'

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

clean:
	rm -rf .build .build-* $(VENV) build
